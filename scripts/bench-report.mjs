#!/usr/bin/env node
// How fast `imr-annotate report` reads letters: the CLI (dist/cli.js, as built) over folders of 1,000,
// 5,000 and 20,000 letter files made from the fixtures' real letters, with letters/s, the time projected
// for 1,000,000 letters at that rate, and peak RSS (which should not grow with the count: the aggregate
// keeps counts and at most --refs references per bar). A report, not a test: it asserts nothing.
//
//   node scripts/bench-report.mjs [--counts 1000,5000,20000] [--format json|html] [--heap-limit MB] [--json]
//
// One job: the CLI reads and analyses one file at a time. (A --jobs N pool is not part of this branch.)
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { timeCommandAvailable, writeLetterFiles } from './bench/cli.mjs';
import { loadLetters } from './bench/inputs.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: { counts: { type: 'string', default: '1000,5000,20000' }, format: { type: 'string', default: 'json' }, json: { type: 'boolean', default: false }, 'heap-limit': { type: 'string' } },
});
// With --heap-limit MB the CLI runs under node --max-old-space-size=MB: that it finishes shows what it
// keeps stays under the limit (peak RSS also counts what the garbage collector has not yet reclaimed).
const heapLimit = options['heap-limit'] ? [`--max-old-space-size=${Number(options['heap-limit'])}`] : [];
const counts = options.counts.split(',').map(Number);
const cli = join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('bench-report: run `npm run build` first\n');
  process.exit(2);
}

/** Runs the report over `dir`; wall time and peak RSS (from /usr/bin/time -v when present). */
function runReport(dir, out) {
  const useTime = timeCommandAvailable();
  const nodeArgs = [...heapLimit, cli, 'report', '--format', options.format, '--out', out, dir];
  const [cmd, args] = useTime ? ['/usr/bin/time', ['-v', process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      const ms = performance.now() - start;
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolvePromise({ ms, status, peakRssMb: rss ? Number(rss[1]) / 1024 : undefined, stderr: stderr.split('\n')[0] });
    });
  });
}

const letters = loadLetters(root);
const results = [];
for (const count of counts) {
  const dir = mkdtempSync(join(os.tmpdir(), 'imr-bench-report-'));
  try {
    const bytes = writeLetterFiles(letters, count, join(dir, 'letters'));
    const out = join(dir, `report.${options.format}`);
    closeSync(openSync(out, 'w'));
    const run = await runReport(join(dir, 'letters'), out);
    if (run.status !== 0) throw new Error(`report exited ${run.status}: ${run.stderr}`);
    const perSecond = count / (run.ms / 1000);
    results.push({ letters: count, inputMb: bytes / 1024 / 1024, seconds: run.ms / 1000, lettersPerSecond: perSecond, projectedMillionMinutes: 1e6 / perSecond / 60, peakRssMb: run.peakRssMb, jobs: 1 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (options.json) {
  process.stdout.write(JSON.stringify({ cpus: os.cpus().length, cpu: os.cpus()[0]?.model, format: options.format, heapLimitMb: options['heap-limit'] ?? null, results }, null, 2) + '\n');
} else {
  process.stdout.write(`imr-annotate report --format ${options.format}, 1 job, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'})${heapLimit.length ? `, heap limited to ${options['heap-limit']} MB` : ''}\n`);
  process.stdout.write('letters   input MB   seconds   letters/s   1,000,000 letters   peak RSS\n');
  for (const r of results) {
    process.stdout.write(
      `${String(r.letters).padStart(7)}   ${r.inputMb.toFixed(1).padStart(8)}   ${r.seconds.toFixed(1).padStart(7)}   ${r.lettersPerSecond.toFixed(0).padStart(9)}   ${`${r.projectedMillionMinutes.toFixed(0)} min`.padStart(17)}   ${r.peakRssMb === undefined ? '?' : `${r.peakRssMb.toFixed(0)} MB`}\n`,
    );
  }
}
