#!/usr/bin/env node
// CPU profile of the core: analyzeText over all letters repeated to N MB (4 by default), under `node --cpu-prof`.
// Prints the functions with the most self time and the most total (inclusive) time, each with its source module.
//
//   node scripts/bench/profile.mjs [--mb 4] [--runs 3] [--top 20] [--json]
//   node scripts/bench/profile.mjs --letter [--mb 4] ...   the median-size letter, analysed again and again
//                                                          until N MB have been analysed (per-call overhead)
//
// The core is bundled unminified (same esbuild options otherwise) so function names survive; the bundle's
// `// src/...` module comments map each function back to its source file. The .cpuprofile is written to a temp
// directory and removed afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { bundleCore } from './build.mjs';
import { concatenate, loadLetters, MB, repeatTo, typicalLetter } from './inputs.mjs';

const self = fileURLToPath(import.meta.url);
const root = resolve(dirname(self), '..', '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : fallback;
};

if (argv[0] === '--child') {
  // Runs under --cpu-prof: one warm-up, then the profiled runs.
  const [, bundle, bytes, runs, input] = argv;
  const { analyzeText } = createRequire(bundle)(bundle);
  const letters = loadLetters(root);
  if (input === 'letter') {
    const { text } = typicalLetter(letters);
    const calls = Math.ceil(Number(bytes) / text.length);
    for (let r = 0; r <= Number(runs); r++) for (let i = 0; i < calls; i++) analyzeText(text);
  } else {
    const text = repeatTo(concatenate(letters), Number(bytes));
    analyzeText(text);
    for (let i = 0; i < Number(runs); i++) analyzeText(text);
  }
} else {
  const mb = option('--mb', 4);
  const runs = option('--runs', 3);
  const top = option('--top', 20);
  const input = argv.includes('--letter') ? 'letter' : 'repeated';
  const scratch = mkdtempSync(join(os.tmpdir(), 'imr-profile-'));
  try {
    const { outfile } = await bundleCore(root, scratch, { minify: false });
    const child = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', scratch, self, '--child', outfile, String(mb * MB), String(runs), input], {
      encoding: 'utf8',
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (child.status !== 0) throw new Error(`the profiled run failed with status ${child.status}`);
    const file = readdirSync(scratch).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no .cpuprofile was written');
    const summary = summarize(JSON.parse(readFileSync(join(scratch, file), 'utf8')), moduleMap(outfile), top);
    if (argv.includes('--json')) process.stdout.write(JSON.stringify({ input, mb, runs, ...summary }, null, 2) + '\n');
    else process.stdout.write(format(summary, mb, runs, input) + '\n');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Bundle line → source module, from esbuild's `// src/core/...` comments in an unminified bundle. */
function moduleMap(bundle) {
  const starts = [];
  readFileSync(bundle, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const m = /^\/\/ ((?:src|node_modules)\/\S+)$/.exec(line);
      if (m) starts.push({ line: i, module: m[1] });
    });
  return { bundle, starts };
}

function sourceOf(map, url, line) {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (path !== map.bundle) return path.replace(`${root}/`, '');
  let found = '(bundle)';
  for (const s of map.starts) {
    if (s.line > line) break;
    found = s.module;
  }
  return found;
}

function summarize(profile, map, top) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n) => {
    const f = n.callFrame;
    const name = f.functionName || '(anonymous)';
    if (!f.url) return `${name}\t(native)`;
    const source = sourceOf(map, f.url, f.lineNumber);
    // Functions in the bundle are named by their source module (bundle line numbers would mislead).
    return source.startsWith('src/') || source === '(bundle)' ? `${name}\t${source}` : `${name}\t${source}:${f.lineNumber + 1}`;
  };
  const selfMs = new Map();
  const totalMs = new Map();
  // Self time by source module: native frames (RegExp, GC, builtins) count for the nearest core frame above them.
  const moduleMs = new Map();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    all += dt;
    const leaf = byId.get(id);
    const k = keyOf(leaf);
    selfMs.set(k, (selfMs.get(k) ?? 0) + dt);
    let owner = '(outside the core)';
    if (keyOf(leaf).split('\t')[0] === '(garbage collector)') owner = '(garbage collector)';
    else {
      for (let n = leaf; n; n = byId.get(parent.get(n.id))) {
        const where = keyOf(n).split('\t')[1];
        if (where.startsWith('src/')) {
          owner = where;
          break;
        }
      }
    }
    moduleMs.set(owner, (moduleMs.get(owner) ?? 0) + dt);
    const seen = new Set();
    for (let n = leaf; n; n = byId.get(parent.get(n.id))) {
      const key = keyOf(n);
      if (seen.has(key)) continue;
      seen.add(key);
      totalMs.set(key, (totalMs.get(key) ?? 0) + dt);
    }
  });
  const list = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => {
        const [fn, where] = k.split('\t');
        return { function: fn, where, ms, percent: (100 * ms) / all };
      });
  const rootish = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);
  return {
    totalMs: all,
    modules: [...moduleMs].sort((a, b) => b[1] - a[1]).map(([module, ms]) => ({ module, ms, percent: (100 * ms) / all })),
    self: list(selfMs),
    // Only the core's own functions: the process's outer frames (module loading, this script) include everything.
    inclusive: list(new Map([...totalMs].filter(([k]) => !rootish.has(k.split('\t')[0]) && k.split('\t')[1].startsWith('src/')))),
  };
}

function format(s, mb, runs, input) {
  const name = (f) => (f.length > 100 ? `${f.slice(0, 97)}...` : f);
  const rows = (list) => list.map((r) => `  ${r.percent.toFixed(1).padStart(5)}%  ${(r.ms / 1000).toFixed(2).padStart(6)} s  ${r.where.padEnd(34)} ${name(r.function)}`);
  return [
    input === 'letter'
      ? `analyzeText on one median-size letter, called until ${mb} MB were analysed, ${runs + 1} times (whole process profiled): ${(s.totalMs / 1000).toFixed(2)} s sampled`
      : `analyzeText over all letters repeated to ${mb} MB, one warm-up and ${runs} runs (whole process profiled): ${(s.totalMs / 1000).toFixed(2)} s sampled`,
    '',
    'Self time by source module (regex and other native time counted for the core function that called it):',
    ...s.modules.map((m) => `  ${m.percent.toFixed(1).padStart(5)}%  ${(m.ms / 1000).toFixed(2).padStart(6)} s  ${m.module}`),
    '',
    'Self time (where the CPU was):',
    ...rows(s.self),
    '',
    'Total time (including callees):',
    ...rows(s.inclusive),
  ].join('\n');
}
