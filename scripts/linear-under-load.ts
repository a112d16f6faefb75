// How the 8x linear-time test of test/unit/reliability/properties.test.ts reads on a loaded machine.
// Runs the old measures (median wall time, median CPU time of 5, in this process) and the test's own
// (least CPU time of 7 in a single-threaded child, perCharGrowth.ts) several times, as the machine is
// and while busy loops hold every core, and prints the range of each ratio. Run: npx tsx scripts/linear-under-load.ts [repeats=5] [busy loops=cores]
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { analyzeText } from '../src/core';
import { collectGarbage, cpuSamples, fixtureLetters } from '../test/unit/reliability/mutate';
import { measurePerCharGrowth } from '../test/unit/reliability/perCharGrowth';

const repeats = Number(process.argv[2] ?? 5);
const loops = Number(process.argv[3] ?? availableParallelism());

const pool = [...fixtureLetters('corpus'), ...fixtureLetters('corpus-layout')].map((l) => l.text);
// The old test's inputs (the first 8 letters, the first 64); the new test takes every eighth of the 64 as the small one.
const small = pool.slice(0, 8).join('\n');
const large = pool.slice(0, 64).join('\n');
const perChar = (s: number, l: number): number => l / large.length / (s / small.length);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function wallMedian(fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    collectGarbage();
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

const measures: Record<string, () => number> = {
  'median wall time of 5': () => perChar(wallMedian(() => analyzeText(small)), wallMedian(() => analyzeText(large))),
  'median CPU time of 5 (old test)': () => perChar(median(cpuSamples(() => analyzeText(small), 5)), median(cpuSamples(() => analyzeText(large), 5))),
  'least CPU time of 7, one thread (new test)': () => measurePerCharGrowth().ratio,
};

function run(label: string): void {
  for (const [name, measure] of Object.entries(measures)) {
    const ratios = Array.from({ length: repeats }, measure);
    console.log(`${label.padEnd(16)} ${name.padEnd(44)} ratio ${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)}  [${ratios.map((r) => r.toFixed(2)).join(' ')}]`);
  }
}

for (let i = 0; i < 3; i++) {
  analyzeText(small);
  analyzeText(large);
}
console.log(`${small.length} and ${large.length} chars (${(large.length / small.length).toFixed(1)}x); the test's bound is 2; ${repeats} repeats of each measure`);
run('as found');
const busy: ChildProcess[] = Array.from({ length: loops }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
try {
  run(`${loops} busy loops`);
} finally {
  for (const child of busy) child.kill();
}
