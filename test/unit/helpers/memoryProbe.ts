/**
 * Run by memory.test.ts in a child process with `--expose-gc`: analyses and reports one large text made
 * of the fixture letters and prints, as JSON, the heap it holds at three moments (after collecting
 * garbage, so the figures are of what is reachable, not of when the collector last ran).
 */

import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findEntities, parse, runRules } from '../../../src/core';
import { fileReport, jsonEntryPieces } from '../../../src/cli/report';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');
const chars = Number(process.argv[2] ?? 5_000_000);

/** Every fixture letter, each ending in a line break, repeated and cut to `chars` characters (as the benchmark's large file). */
function largeText(): string {
  const letters = ['samples', 'corpus', 'corpus-layout'].flatMap((dir) =>
    readdirSync(path.join(FIXTURES, dir))
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => readFileSync(path.join(FIXTURES, dir, name), 'utf8')),
  );
  const all = letters.map((t) => (t.endsWith('\n') ? t : `${t}\n`)).join('');
  return all.repeat(Math.ceil(chars / all.length)).slice(0, chars);
}

function heapUsed(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

const text = largeText();
// Once on a small part first: compiled code and lazily built tables are not what is measured.
const warm = parse(text.slice(0, 200_000), { findEntities });
for (const piece of jsonEntryPieces(fileReport('warm', { letter: warm, diagnostics: runRules(warm) }), true)) void piece;

const base = heapUsed();
let whileFindingEntities = 0;
const letter = parse(text, {
  findEntities: (t) => {
    whileFindingEntities = heapUsed() - base;
    return findEntities(t);
  },
});
const analysis = { letter, diagnostics: runRules(letter) };
const afterAnalysis = heapUsed() - base;
const report = fileReport('large.txt', analysis);
const afterReport = heapUsed() - base;
let written = 0;
for (const piece of jsonEntryPieces(report, true)) written += piece.length;
process.stdout.write(JSON.stringify({ chars: text.length, whileFindingEntities, afterAnalysis, afterReport, written }));
