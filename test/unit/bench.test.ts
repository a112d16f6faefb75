// `npm run bench` is a report, not a test: nothing here looks at how fast anything is. This only keeps
// the benchmark from rotting: a quick run must measure every row it promises (README, Performance).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

interface Timing {
  readonly ms: number;
  readonly mbps: number;
}

interface Bundle {
  readonly error?: string;
  readonly bytes?: number;
  readonly pdf?: { readonly bytes?: number; readonly error?: string };
  readonly totalMs?: number;
  readonly activationError?: string;
}

interface JobsRun {
  readonly jobs: number;
  readonly lettersPerSecond: number;
  readonly peakRssMb: number;
  readonly projectedMillionSeconds: number;
}

interface BenchJson {
  readonly mode: string;
  readonly machine: { readonly node: string; readonly cpu: string };
  readonly core: { readonly rows: ReadonlyArray<{ input: string; core?: Timing; floor?: Timing; readEach?: Timing; markdownIt?: Timing; floorRatio?: number; markdownItRatio?: number }> };
  readonly scaling: { readonly ratio: number };
  readonly tokenization: { readonly ratio: number; readonly imr: Timing & { tokens: number }; readonly markdown: Timing & { tokens: number } };
  readonly cli: {
    readonly error?: string;
    readonly files: number;
    readonly lettersPerSecond: number;
    readonly peakRssMb: number;
    readonly jobs: { readonly cores: number; readonly speedup: number; readonly one: JobsRun; readonly many: JobsRun };
  };
  readonly cliMemory: { readonly error?: string; readonly sizes: ReadonlyArray<{ bytes: number; peakRssMb: number; perInputMb: number }> };
  readonly extension: { readonly desktop: Bundle; readonly web: Bundle };
  readonly ocr: { readonly error?: string; readonly pages: number; readonly secondsPerPage: number; readonly nativeSecondsPerPage?: number; readonly nativeError?: string; readonly ratio?: number };
  readonly targets: ReadonlyArray<{ target: string; value: number; pass: boolean }>;
}

function bench(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench.mjs'), '--quick', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

const finite = (value: number | undefined, what: string): void => assert.ok(typeof value === 'number' && Number.isFinite(value) && value > 0, `${what}: ${value}`);

describe('npm run bench (a quick run: every row measured, no timing judged)', function () {
  this.timeout(600_000);

  it('measures the core, the grammars, the CLI and both bundles of each platform', () => {
    const run = bench('--json');
    assert.equal(run.status, 0, run.stderr);
    const r = JSON.parse(run.stdout) as BenchJson;
    assert.equal(r.mode, 'quick');
    assert.ok(r.machine.node.startsWith('v') && r.machine.cpu, JSON.stringify(r.machine));

    assert.deepEqual(
      r.core.rows.map((row) => row.input),
      ['one letter', 'all letters', '64.0 KB', '256.0 KB', '1.00 MB'],
    );
    for (const row of r.core.rows) {
      for (const part of ['core', 'floor', 'readEach', 'markdownIt'] as const) {
        finite(row[part]?.ms, `${row.input} ${part} ms`);
        finite(row[part]?.mbps, `${row.input} ${part} MB/s`);
      }
      finite(row.floorRatio, `${row.input} floor ratio`);
      finite(row.markdownItRatio, `${row.input} markdown-it ratio`);
    }
    finite(r.scaling.ratio, 'scaling ratio');

    // Both grammars tokenised the same text into something.
    finite(r.tokenization.ratio, 'grammar ratio');
    assert.ok(r.tokenization.imr.tokens > 1000 && r.tokenization.markdown.tokens > 1000, JSON.stringify(r.tokenization));

    assert.equal(r.cli.error, undefined);
    assert.equal(r.cli.files, 300);
    finite(r.cli.lettersPerSecond, 'CLI letters/s');
    finite(r.cli.peakRssMb, 'CLI peak RSS');
    // --jobs 1 and --jobs N (the machine's cores): letters/s and the time 1,000,000 letters would take.
    assert.deepEqual([r.cli.jobs.one.jobs, r.cli.jobs.many.jobs], [1, r.cli.jobs.cores]);
    for (const run of [r.cli.jobs.one, r.cli.jobs.many]) {
      finite(run.lettersPerSecond, `--jobs ${run.jobs} letters/s`);
      finite(run.peakRssMb, `--jobs ${run.jobs} peak RSS`);
      assert.ok(Math.abs(run.projectedMillionSeconds * run.lettersPerSecond - 1_000_000) < 1, `--jobs ${run.jobs} projection`);
    }
    finite(r.cli.jobs.speedup, 'speedup');
    assert.equal(r.cliMemory.error, undefined);
    assert.equal(r.cliMemory.sizes.length, 2);
    for (const size of r.cliMemory.sizes) {
      finite(size.bytes, 'large file bytes');
      finite(size.perInputMb, `CLI peak RSS per input MB on ${size.bytes} bytes`);
    }

    for (const [name, bundle] of [['desktop', r.extension.desktop], ['web', r.extension.web]] as const) {
      assert.equal(bundle.error, undefined, `${name}: ${bundle.error}`);
      assert.equal(bundle.activationError, undefined, `${name}: ${bundle.activationError}`);
      finite(bundle.bytes, `${name} main bundle bytes`);
      finite(bundle.pdf?.bytes, `${name} pdf.js chunk bytes`);
      finite(bundle.totalMs, `${name} load + activate`);
      // The pdf.js chunk stays out of the main bundle (it is over a megabyte on its own).
      assert.ok(bundle.pdf!.bytes! > 1_000_000 && bundle.bytes! < bundle.pdf!.bytes!, `${name}: main ${bundle.bytes}, pdf ${bundle.pdf!.bytes}`);
    }

    // OCR of one scanned page, ours and native Tesseract's when the machine has it (else a note says so).
    assert.equal(r.ocr.error, undefined, r.ocr.error);
    assert.equal(r.ocr.pages, 1);
    finite(r.ocr.secondsPerPage, 'OCR s/page');
    const native = r.ocr.nativeError === undefined;
    if (native) {
      finite(r.ocr.nativeSecondsPerPage, 'native OCR s/page');
      finite(r.ocr.ratio, 'OCR ratio');
    } else {
      assert.match(r.ocr.nativeError!, /no `tesseract` command/);
    }

    assert.equal(r.targets.length, 6);
    for (const target of r.targets) if (native || !target.target.startsWith('OCR')) finite(target.value, target.target);
  });

  it('prints the table with every target line and exits 0', () => {
    const run = bench();
    assert.equal(run.status, 0, run.stderr);
    for (const row of ['core analyzeText', 'core scaling', 'TextMate text.imr', 'CLI check --format json', 'CLI peak RSS', 'CLI peak RSS per input MB', 'extension bundle (desktop)', 'pdf.js chunk (web)', 'load + activate (web)', 'OCR of a scanned page']) {
      assert.ok(run.stdout.includes(row), `no "${row}" row:\n${run.stdout}`);
    }
    assert.match(run.stdout, /^Targets: \d of 6 PASS/m);
    assert.equal(run.stdout.match(/^ {2}(PASS|MISS|n\/a ) {2}/gm)?.length, 6, run.stdout);
  });
});
