/**
 * The 8× linear-time measure: how the CPU time per char of an analysis grows from 8 concatenated
 * corpus letters to 64. {@link measurePerCharGrowth} runs the measure in a child process with V8's
 * helper threads off (`--single-threaded`): otherwise the process's CPU time also counts concurrent
 * marking and sweeping, which lands in whichever sample the scheduler lets it, and on a loaded
 * machine moved the ratio from 0.4 to 1.5 between runs. Run as a script, this file is that child.
 */
import { spawnSync } from 'node:child_process';

export interface PerCharGrowth {
  readonly small: { readonly chars: number; readonly ms: number };
  readonly large: { readonly chars: number; readonly ms: number };
  /** Time per char of the large input over that of the small one. */
  readonly ratio: number;
}

const SAMPLES = 7;

/** The least CPU time of 7 interleaved calls of each size, in a process of its own. */
export function measurePerCharGrowth(): PerCharGrowth {
  const child = spawnSync(process.execPath, ['--single-threaded', '--require', require.resolve('tsx/cjs'), __filename], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`the measuring process failed (status ${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout) as PerCharGrowth;
}

function measureHere(): PerCharGrowth {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only in the child, not by the tests that import this file */
  const { analyzeText } = require('../../../src/core') as typeof import('../../../src/core');
  const { bestCpuMs, fixtureLetters } = require('./mutate') as typeof import('./mutate');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const pool = [...fixtureLetters('corpus'), ...fixtureLetters('corpus-layout')].map((l) => l.text);
  const large = pool.slice(0, 64).join('\n');
  // Every eighth of the same letters: both inputs have the same mix of layouts and items.
  const small = pool.slice(0, 64).filter((_, i) => i % 8 === 0).join('\n');
  const [s, l] = bestCpuMs([() => analyzeText(small), () => analyzeText(large)], SAMPLES, 2) as [number, number];
  return { small: { chars: small.length, ms: s }, large: { chars: large.length, ms: l }, ratio: l / large.length / (s / small.length) };
}

if (require.main === module) process.stdout.write(JSON.stringify(measureHere()));
