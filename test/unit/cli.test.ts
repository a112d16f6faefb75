import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/main';
import { parseArgs } from '../../src/cli/args';
import { cli } from './helpers/cli';
import { bend, PLAIN } from './helpers/letters';

const SAMPLES = path.join(__dirname, '..', 'fixtures', 'samples');


function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'imr-cli-'));
}

interface JsonOutput {
  files: Array<{
    path: string;
    error?: string;
    isDetermination: boolean;
    items: Array<{ name: string; outcome: string | null; line: number; drugs: Array<{ text: string; generic: string; class: string }> }>;
    diagnostics: Array<{ code: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number }>;
    entities: Array<{ kind: string; text: string; line: number; column: number; endLine: number; endColumn: number }>;
  }>;
}

describe('CLI: imr-annotate check', () => {
  it('prints the JSON contract for the sample letters, exit 0', async () => {
    const { status, stdout, stderr } = await cli('check', '--format', 'json', SAMPLES);
    assert.equal(stderr, '');
    assert.equal(status, 0);
    const output = JSON.parse(stdout) as JsonOutput;
    assert.equal(output.files.length, 5);
    const first = output.files.find((f) => f.path.endsWith('001_86575cf29f22e52d.txt'))!;
    assert.equal(first.isDetermination, true);
    assert.deepEqual(first.items.map((i) => [i.name, i.outcome, i.line]), [
      ['Diazepam 5 mg 1 tablet by mouth 3 times a day as needed #60 with 2 refills', 'upheld', 77],
    ]);
    assert.deepEqual(first.diagnostics, []);
  });

  it('reports a missing rationale with 1-based positions and exits 1', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'letter.imr');
    writeFileSync(file, bend(PLAIN, /\n\nDecision rationale: Red flags[^\n]*/, ''));
    const { status, stdout } = await cli('check', '--format=json', file);
    assert.equal(status, 1);
    const [report] = (JSON.parse(stdout) as JsonOutput).files;
    const [d] = report!.diagnostics;
    assert.deepEqual([d!.code, d!.severity, d!.line, d!.column, d!.endLine, d!.endColumn], ['IMR002', 'error', 28, 1, 28, 55]);
    assert.deepEqual(report!.items.map((i) => [i.name, i.outcome, i.line]), [['Valium 5 mg #24', 'upheld', 20], ['MRI of the right shoulder without contrast', 'overturned', 28]]);
  });

  it('prints ESLint-style text with each letter\'s items and a summary', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), bend(PLAIN, 'Valium 5 mg #24: Upheld', 'Valium 5 mg #24:'));
    const { status, stdout } = await cli('check', dir);
    assert.equal(status, 1);
    const lines = stdout.split('\n');
    assert.equal(lines[0], path.join(dir, 'a.txt'));
    assert.equal(lines[1], '  Items (2):');
    assert.equal(lines[2], '    20  no decision Valium 5 mg #24');
    assert.equal(lines[3], '    28  Overturned  MRI of the right shoulder without contrast');
    assert.equal(lines[4], '  20:1  error    "Valium 5 mg #24" has no decision: add ": Upheld" or ": Overturned" to the item line.  IMR001');
    assert.match(stdout, /1 problem \(1 error, 0 warnings, 0 info\) in 1 file\.\n$/);
  });

  it('reports a binary file on stderr, exits 2, and still checks the other files', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3, 0, 0]));
    copyFileSync(path.join(SAMPLES, '000_d9e3e55ce9e981e8.txt'), path.join(dir, 'good.txt'));
    const { status, stdout, stderr } = await cli('check', '--format', 'json', dir);
    assert.equal(status, 2);
    assert.match(stderr, /binary\.txt: not a text file \(it contains NUL bytes\)/);
    const files = (JSON.parse(stdout) as JsonOutput).files;
    assert.equal(files.find((f) => f.path.endsWith('binary.txt'))!.error, 'not a text file (it contains NUL bytes)');
    assert.equal(files.find((f) => f.path.endsWith('good.txt'))!.items.length, 1);
  });

  it('reports a missing path and survives a symlink loop, exit 2', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'sub'));
    symlinkSync(dir, path.join(dir, 'sub', 'loop'));
    copyFileSync(path.join(SAMPLES, '000_d9e3e55ce9e981e8.txt'), path.join(dir, 'sub', 'letter.imr'));
    const { status, stdout, stderr } = await cli('check', '--format', 'json', dir, path.join(dir, 'nope.txt'));
    assert.equal(status, 2);
    assert.match(stderr, /nope\.txt: no such file or directory/);
    assert.equal((JSON.parse(stdout) as JsonOutput).files.length, 1);
  });

  it('skips a file above --max-bytes with a notice, without failing', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'big.txt'), PLAIN);
    const { status, stderr, stdout } = await cli('check', '--max-bytes', '100', dir);
    assert.equal(status, 0);
    assert.match(stderr, /big\.txt: skipped: \d+ bytes is above the limit of 100/);
    assert.match(stdout, /notice {2}skipped/);
  });

  it('writes each file as soon as it is checked, the JSON as one document laid out like JSON.stringify', async () => {
    const dir = tempDir();
    copyFileSync(path.join(SAMPLES, '000_d9e3e55ce9e981e8.txt'), path.join(dir, 'a.txt'));
    writeFileSync(path.join(dir, 'b.txt'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3]));
    writeFileSync(path.join(dir, 'c.txt'), PLAIN);
    for (const format of ['json', 'text']) {
      // stdout and stderr in the order they were written: a.txt's result comes before b.txt's error.
      const log: string[] = [];
      const status = await run(['check', '--format', format, dir], { stdout: (t) => log.push(`out:${t}`), stderr: (t) => log.push(`err:${t}`) });
      assert.equal(status, 2);
      const error = log.findIndex((l) => l.startsWith('err:') && l.includes('b.txt: not a text file'));
      assert.ok(log.slice(0, error).some((l) => l.startsWith('out:') && l.includes('a.txt')), format);
      assert.ok(log.slice(error).some((l) => l.startsWith('out:') && l.includes('c.txt')), format);
      const stdout = log.filter((l) => l.startsWith('out:')).map((l) => l.slice(4)).join('');
      if (format === 'json') {
        const value = JSON.parse(stdout) as JsonOutput;
        assert.deepEqual(value.files.map((f) => path.basename(f.path)), ['a.txt', 'b.txt', 'c.txt']);
        assert.equal(stdout, JSON.stringify(value, null, 2) + '\n');
      } else {
        assert.match(stdout, / in 3 files\.\n$/);
      }
    }
    const empty = tempDir();
    const { stdout } = await cli('check', '--format', 'json', empty);
    assert.equal(stdout, JSON.stringify({ files: [] }, null, 2) + '\n');
  });

  it('says what is wrong with the arguments, exit 2', async () => {
    for (const argv of [[], ['lint'], ['check'], ['check', '--format', 'xml', 'a'], ['check', '--bogus', 'a'], ['check', '--max-bytes', '-1', 'a']]) {
      const { status, stderr } = await cli(...argv);
      assert.equal(status, 2, argv.join(' '));
      assert.match(stderr, /^imr-annotate: .+\n\nUsage: imr-annotate check/);
    }
    assert.deepEqual(parseArgs(['check', '--format', 'json', '--', '--odd-name.txt']), { command: 'check', format: 'json', paths: ['--odd-name.txt'], maxBytes: 20 * 1024 * 1024, includePdf: false, ocr: true });
  });

  it('runs as the bundled bin (dist/cli.js) with npx-style arguments', function () {
    const bin = path.join(__dirname, '..', '..', 'dist', 'cli.js');
    const result = spawnSync(process.execPath, [bin, 'check', '--format', 'json', SAMPLES], { encoding: 'utf8' });
    if (result.error) throw result.error;
    assert.equal(result.status, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as JsonOutput).files.length, 5);
    assert.match(execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }), /^Usage: imr-annotate check/);
  });
});
