#!/usr/bin/env node
// `npm run check:outputs -- --base REF`: whether the core's outputs are byte-identical between a git ref and the
// working tree (or another ref), on every fixture letter and on deterministic variants of each. It is the proof a
// refactor or a speed-up changed nothing: the entities (kind, range, text, value...) and the parsed letter with its
// diagnostics, one JSON line per text.
//
//   node scripts/check-outputs.mjs --base 4167b65              the working tree against 4167b65
//   node scripts/check-outputs.mjs --base HEAD~3 --head HEAD   two refs
//   node scripts/check-outputs.mjs --write out.jsonl           only dump the working tree's outputs (--head REF: a ref's)
//
// Prints IDENTICAL and exits 0, or the first differences and exits 1 (2 on a usage or build error). A ref is read
// with `git archive` into a temporary directory (the repository, its worktrees and its dist/ are left alone) and its
// src/core bundled with esbuild, as the bench does.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'Usage: node scripts/check-outputs.mjs [--base REF] [--head REF] [--write FILE] [--max-diffs N]\n';

const args = parseArgs(process.argv.slice(2));
const scratch = mkdtempSync(join(os.tmpdir(), 'imr-check-outputs-'));
try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`check-outputs: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

function parseArgs(argv) {
  const out = { base: undefined, head: undefined, write: undefined, maxDiffs: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === '--base') out.base = value();
    else if (a === '--head') out.head = value();
    else if (a === '--write') out.write = value();
    else if (a === '--max-diffs') out.maxDiffs = Number(value());
    else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else fail(`unknown option ${a}`);
  }
  if (!out.base && !out.write) fail('give --base REF (compare) or --write FILE (dump)');
  return out;
}

function fail(message) {
  process.stderr.write(`check-outputs: ${message}\n${USAGE}`);
  process.exit(2);
}

async function main() {
  const texts = inputs();
  const head = await loadCore(args.head);
  const headLines = dump(head, texts);
  if (args.write) {
    writeFileSync(args.write, headLines.join('\n') + '\n');
    process.stdout.write(`wrote ${headLines.length} lines to ${args.write}\n`);
  }
  if (!args.base) return 0;
  const base = await loadCore(args.base);
  const baseLines = dump(base, texts);
  const what = `${args.head ?? 'working tree'} against ${args.base}, ${texts.length} texts`;
  const diffs = [];
  for (let i = 0; i < texts.length; i++) if (headLines[i] !== baseLines[i]) diffs.push(i);
  if (diffs.length === 0) {
    process.stdout.write(`IDENTICAL (${what})\n`);
    return 0;
  }
  process.stdout.write(`DIFFERENT: ${diffs.length} of ${texts.length} texts (${what})\n`);
  for (const i of diffs.slice(0, args.maxDiffs)) {
    process.stdout.write(`\n${texts[i].name}\n${firstDifference(baseLines[i], headLines[i])}\n`);
  }
  return 1;
}

/** Every fixture letter, and deterministic variants of each: what a PDF extraction or an editor could make of it. */
function inputs() {
  const fixtures = join(root, 'test', 'fixtures');
  const letters = [];
  for (const folder of ['corpus', 'corpus-layout', 'samples', 'gaps', 'misc']) {
    for (const file of readdirSync(join(fixtures, folder)).filter((f) => /\.(?:txt|imr)$/.test(f)).sort()) {
      letters.push({ name: `${folder}/${file}`, text: readFileSync(join(fixtures, folder, file), 'utf8') });
    }
  }
  const variants = [
    ['', (t) => t],
    [' (upper)', (t) => t.toUpperCase()],
    [' (lower)', (t) => t.toLowerCase()],
    [' (doubled spaces)', (t) => t.replace(/ /g, '  ')],
    [' (CRLF)', (t) => t.replace(/\r?\n/g, '\r\n')],
    [' (joined whitespace)', (t) => t.replace(/\s+/g, ' ')],
  ];
  return letters.flatMap(({ name, text }) => variants.map(([suffix, f]) => ({ name: name + suffix, text: f(text) })));
}

/** One JSON line per text: its entities and its analysis (the parsed letter and the diagnostics). */
function dump(core, texts) {
  return texts.map(({ name, text }) => {
    let out;
    try {
      out = { entities: core.findEntities(text), analysis: core.analyzeText(text) };
    } catch (error) {
      out = { threw: error instanceof Error ? error.message : String(error) };
    }
    return JSON.stringify({ name, ...out });
  });
}

/** The core of `ref` (the working tree when undefined), bundled with esbuild and loaded. */
async function loadCore(ref) {
  let tree = root;
  if (ref) {
    tree = join(scratch, ref.replace(/[^A-Za-z0-9._-]/g, '_'));
    mkdirSync(tree, { recursive: true });
    const archive = execFileSync('git', ['-C', root, 'archive', '--format=tar', ref, 'src', 'package.json'], { maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', tree], { input: archive });
    symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
  }
  const require = createRequire(join(root, 'package.json'));
  const esbuild = require('esbuild');
  const outfile = join(scratch, `core-${ref ? ref.replace(/[^A-Za-z0-9._-]/g, '_') : 'worktree'}.cjs`);
  await esbuild.build({
    entryPoints: [join(tree, 'src', 'core', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
    absWorkingDir: tree,
  });
  return createRequire(outfile)(outfile);
}

/** Where two JSON lines first differ, with some context on each side. */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  const from = Math.max(0, i - 160);
  return `  base: ...${a.slice(from, i + 200)}\n  head: ...${b.slice(from, i + 200)}`;
}
