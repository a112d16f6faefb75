// Timing: medians of several samples after warm-up; small inputs are batched so one sample is long enough to time.
import { performance } from 'node:perf_hooks';

/** Results are kept here so the optimiser cannot drop the work being timed. */
export const sink = { value: undefined };

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timeBatch(fn, iterations) {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) sink.value = fn();
  return performance.now() - start;
}

/** MB/s (MB = 2^20 bytes) for `bytes` processed in `ms`. */
export function mbPerSecond(bytes, ms) {
  return bytes / (1024 * 1024) / (ms / 1000);
}

/**
 * Prepares `fn` for timing: warm-up calls (at least `warmup` of them and at least `warmupMs` of calls, so small
 * inputs reach optimised code; a single call over a second is warm-up enough), then the number of calls per
 * sample so that a sample lasts at least `minSampleMs`. Returns a plan for {@link runRounds}.
 */
export function plan(fn, { warmup = 2, warmupMs = 300, minSampleMs = 40 } = {}) {
  let t = 0;
  let calls = 0;
  let spent = 0;
  do {
    t = timeBatch(fn, 1);
    calls++;
    spent += t;
  } while ((calls < warmup || spent < warmupMs) && t < 1000);
  let iterations = 1;
  while (t < minSampleMs) {
    iterations = Math.min(iterations * Math.max(2, Math.ceil(minSampleMs / Math.max(t, 0.001))), 1e7);
    t = timeBatch(fn, iterations);
  }
  return { fn, iterations, sampleMs: t, perCall: [] };
}

/**
 * Times planned functions in alternating rounds (one sample of each per round), so a change in machine load
 * affects all of them alike and ratios between them stay fair. As many rounds as fit in `budgetMs`, within
 * [minSamples, maxSamples]. Returns one { ms (median per call), min, samples, iterations } per plan.
 */
export function runRounds(plans, { budgetMs = 2000, minSamples = 3, maxSamples = 11 } = {}) {
  const roundMs = plans.reduce((sum, p) => sum + p.sampleMs, 0);
  const rounds = Math.max(minSamples, Math.min(maxSamples, Math.floor(budgetMs / roundMs)));
  for (let r = 0; r < rounds; r++) for (const p of plans) p.perCall.push(timeBatch(p.fn, p.iterations) / p.iterations);
  sink.value = undefined;
  return plans.map((p) => ({ ms: median(p.perCall), min: Math.min(...p.perCall), samples: rounds, iterations: p.iterations }));
}
