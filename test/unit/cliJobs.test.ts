// `check --jobs N`: files checked in worker threads, output byte-identical to one job and in the same
// order; a file that fails (or whose worker stops) is reported for itself only. And the pool under it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from '../../src/cli/args';
import { parseReportArgs } from '../../src/cli/reportArgs';
import { run } from '../../src/cli/main';
import { inOrder, WorkerPool, WorkerStopped } from '../../src/cli/pool';
import { cli } from './helpers/cli';
import { PLAIN } from './helpers/letters';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const BIN = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const POOL_WORKER = { filename: path.join(__dirname, 'helpers', 'poolWorker.ts'), execArgv: ['--require', 'tsx/cjs'] };

/** A folder with a letter, a file that is not text, and another letter: the failing file in the middle. */
function folderWithABadFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-jobs-'));
  writeFileSync(path.join(dir, 'a.txt'), PLAIN);
  writeFileSync(path.join(dir, 'b.txt'), Buffer.from([0x49, 0x4d, 0x52, 0, 0, 1, 2]));
  writeFileSync(path.join(dir, 'c.txt'), readFileSync(path.join(FIXTURES, 'corpus-ocr', 'CM16-0242419.txt')));
  writeFileSync(path.join(dir, 'd.imr'), readFileSync(path.join(FIXTURES, 'samples', readdirSync(path.join(FIXTURES, 'samples')).sort()[0]!)));
  return dir;
}

describe('check --jobs N (worker threads)', function () {
  this.timeout(600_000);

  it('parses --jobs N, and leaves it out when not given (the machine\'s cores then)', () => {
    assert.deepEqual(parseArgs(['check', '--jobs', '3', 'a']), { command: 'check', format: 'text', paths: ['a'], maxBytes: 20 * 1024 * 1024, includePdf: false, ocr: true, jobs: 3 });
    assert.equal((parseArgs(['check', '--jobs=1', 'a']) as { jobs?: number }).jobs, 1);
    assert.equal('jobs' in parseArgs(['check', 'a']), false);
    for (const bad of ['0', '-2', '1.5', 'many', '']) assert.equal(parseArgs(['check', '--jobs', bad, 'a']).command, 'error', bad);
  });

  it('report --jobs N counts in workers and writes the same numbers as --jobs 1 (a failing file included)', async () => {
    const bad = folderWithABadFile();
    const one = await cli('report', '--format', 'json', '--jobs', '1', path.join(FIXTURES, 'corpus'), bad);
    const three = await cli('report', '--format', 'json', '--jobs', '3', path.join(FIXTURES, 'corpus'), bad);
    assert.equal(one.status, 2, one.stderr);
    assert.equal(three.status, one.status);
    assert.equal(three.stderr, one.stderr);
    assert.ok(three.stdout === one.stdout, 'the reports differ');
    const totals = (JSON.parse(one.stdout) as { totals: { letters: number; items: number } }).totals;
    assert.ok(totals.letters >= 154 && totals.items > 300, JSON.stringify(totals));
    assert.equal(parseReportArgs(['--jobs', '2', 'a']).command === 'report' && (parseReportArgs(['--jobs', '2', 'a']) as { jobs?: number }).jobs, 2);
    assert.equal(parseReportArgs(['--jobs', '0', 'a']).command, 'error');
  });

  it('writes every fixture letter\'s output byte for byte as --jobs 1 does, text and JSON, in the same order', async () => {
    for (const format of ['text', 'json']) {
      const one = await cli('check', '--format', format, '--jobs', '1', FIXTURES);
      const three = await cli('check', '--format', format, '--jobs', '3', FIXTURES);
      assert.equal(three.status, one.status, format);
      assert.equal(three.stderr, one.stderr, format);
      assert.ok(three.stdout === one.stdout, `${format}: the outputs differ`);
      if (format === 'json') {
        const paths = (JSON.parse(three.stdout) as { files: { path: string }[] }).files.map((f) => f.path);
        assert.ok(paths.length > 300, `${paths.length} files`);
        // The order of the walk: folders and files sorted by name.
        assert.ok(paths.indexOf(path.join(FIXTURES, 'corpus', 'CM16-0213037.txt')) < paths.indexOf(path.join(FIXTURES, 'corpus-ocr', 'CM16-0213037.txt')));
      }
    }
  });

  it('reports a file that cannot be read in the middle for itself only, the others checked, in order', async () => {
    const dir = folderWithABadFile();
    for (const format of ['text', 'json']) {
      const one = await cli('check', '--format', format, '--jobs', '1', dir);
      const three = await cli('check', '--format', format, '--jobs', '3', dir);
      assert.deepEqual(three, one, format);
      assert.equal(three.status, 2);
      assert.equal(three.stderr, `imr-annotate: ${path.join(dir, 'b.txt')}: not a text file (it contains NUL bytes)\n`);
    }
    const json = JSON.parse((await cli('check', '--format', 'json', '--jobs', '2', dir)).stdout) as { files: { path: string; error?: string; items: unknown[] }[] };
    assert.deepEqual(json.files.map((f) => [path.basename(f.path), f.error !== undefined, f.items.length > 0]), [['a.txt', false, true], ['b.txt', true, false], ['c.txt', false, true], ['d.imr', false, true]]);
  });

  it('reads standard input in its own thread, in its place among the files', async () => {
    const dir = folderWithABadFile();
    const withStdin = async (jobs: string) => {
      let stdout = '';
      let stderr = '';
      const status = await run(['check', '--jobs', jobs, path.join(dir, 'a.txt'), '-', path.join(dir, 'c.txt')], {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        stdin: () => [Buffer.from(PLAIN)][Symbol.iterator]() as unknown as AsyncIterable<Uint8Array>,
      });
      return { status, stdout, stderr };
    };
    const one = await withStdin('1');
    assert.deepEqual(await withStdin('3'), one);
    assert.match(one.stdout, /a\.txt\n[\s\S]*\n<stdin>\n[\s\S]*c\.txt\n/);
  });

  it('runs the bundled CLI (dist/cli.js) as its own worker, with the output of one job', () => {
    const dir = folderWithABadFile();
    const bin = (jobs: string) => spawnSync(process.execPath, [BIN, 'check', '--format', 'json', '--jobs', jobs, path.join(FIXTURES, 'corpus-ocr'), dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const one = bin('1');
    const two = bin('2');
    if (one.error) throw one.error;
    assert.equal(two.status, one.status);
    assert.equal(two.status, 2);
    assert.equal(two.stderr, one.stderr);
    assert.ok(two.stdout === one.stdout, 'the outputs differ');
    assert.equal((JSON.parse(two.stdout) as { files: unknown[] }).files.length, 30);
  });
});

describe('the worker pool (src/cli/pool.ts)', function () {
  this.timeout(120_000);

  it('yields results in the inputs\' order, with at most `limit` started and not yet yielded', async () => {
    let open = 0;
    let most = 0;
    const start = async (n: number): Promise<number> => {
      open++;
      most = Math.max(most, open);
      await new Promise((resolve) => setTimeout(resolve, (n * 7) % 5));
      return n * n;
    };
    const out: number[] = [];
    for await (const result of inOrder(Array.from({ length: 40 }, (_, i) => i), 3, start)) {
      assert.ok(result.ok);
      out.push(result.value);
      open--;
    }
    assert.deepEqual(out, Array.from({ length: 40 }, (_, i) => i * i));
    assert.ok(most <= 3, `${most} at once`);
  });

  it('fails the input whose task fails, and goes on with the others', async () => {
    const results = [];
    for await (const r of inOrder([1, 2, 3], 2, async (n) => {
      if (n === 2) throw new Error('two');
      return n;
    })) results.push(r.ok ? r.value : r.error.message);
    assert.deepEqual(results, [1, 'two', 3]);
  });

  it('runs tasks in worker threads; a worker that stops fails its own request only, and a new one takes the rest', async () => {
    const pool = new WorkerPool(POOL_WORKER, 2);
    try {
      const inputs: Array<[string, unknown]> = [
        ['double', { value: 1, delay: 30 }],
        ['double', { value: 2, delay: 0 }],
        ['exit', {}],
        ['fail', { message: 'bad input' }],
        ['double', { value: 5, delay: 10 }],
        ['double', { value: 6, delay: 0 }],
      ];
      const results: unknown[] = [];
      for await (const r of inOrder(inputs, 4, ([task, input]) => pool.run<{ value: number }>(task, input))) {
        results.push(r.ok ? r.value.value : r.error instanceof WorkerStopped ? `stopped: ${r.error.message}` : `failed: ${r.error.message}`);
      }
      assert.deepEqual(results, [2, 4, 'stopped: the worker exited with status 7', 'failed: bad input', 10, 12]);
      // Still serving after the crash.
      assert.equal((await pool.run<{ value: number }>('double', { value: 21, delay: 0 })).value, 42);
    } finally {
      await pool.close();
    }
  });
});
