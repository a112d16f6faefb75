// The CLI as a process among others: its output into a pipe that closes early (`| head`) or onto a full
// disk, and `-` for a letter on standard input. Real child processes of src/cli/main.ts (through tsx),
// since what is tested is how the process ends: its exit status and what reaches stderr.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PLAIN } from './helpers/letters';

const ROOT = path.join(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'src', 'cli', 'main.ts');
/** The command line that runs the CLI from its sources. */
const NODE_ARGS = ['--require', 'tsx/cjs', MAIN];

/** What the shell reports for a process that stopped on a closed pipe (128 + SIGPIPE), as grep does. */
const CLOSED_PIPE_STATUS = 141;

const made: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'imr-cli-streams-'));
  made.push(dir);
  return dir;
}

/** A directory of `count` copies of PLAIN: its JSON output is far more than a pipe holds (64 KB). */
function manyLetters(count: number): string {
  const dir = tempDir();
  for (let i = 0; i < count; i++) fs.writeFileSync(path.join(dir, `letter-${String(i).padStart(4, '0')}.txt`), PLAIN);
  return dir;
}

function runCli(argv: string[], options: SpawnSyncOptions = {}): { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...NODE_ARGS, ...argv], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, ...options });
  if (result.error) throw result.error;
  return { status: result.status, signal: result.signal, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}

interface JsonFile {
  path: string;
  error?: string;
  isDetermination: boolean;
  items: Array<{ name: string; outcome: string | null }>;
}
const filesOf = (stdout: string): JsonFile[] => (JSON.parse(stdout) as { files: JsonFile[] }).files;
const PLAIN_ITEMS = [
  ['Valium 5 mg #24', 'upheld'],
  ['MRI of the right shoulder without contrast', 'overturned'],
];
const itemsOf = (file: JsonFile | undefined): string[][] => (file?.items ?? []).map((i) => [i.name, i.outcome ?? 'null']);

describe('CLI: output to closed pipes and full disks, and a letter on standard input', function () {
  this.timeout(180_000);

  after(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a reader that goes away after the first chunk: the CLI stops quietly, exit 141 (a closed pipe), nothing on stderr', async () => {
    // Was: "Error: write EPIPE" with a stack trace, exit 1 (which means "errors found").
    const dir = manyLetters(300);
    const child = spawn(process.execPath, [...NODE_ARGS, 'check', '--format', 'json', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => (stderr += text));
    let first = '';
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.toString('utf8');
      child.stdout.destroy();
    });
    const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (code, sig) => resolve([code, sig])));
    assert.ok(first.startsWith('{\n  "files": ['), first.slice(0, 40));
    assert.equal(stderr, '');
    assert.equal(signal, null);
    assert.equal(status, CLOSED_PIPE_STATUS);
  });

  it('`| head -1` in a shell: the first line, then a quiet exit 141, in JSON and in text', function () {
    if (process.platform === 'win32') this.skip();
    const dir = manyLetters(300);
    const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
    const command = [process.execPath, ...NODE_ARGS].map(quote).join(' ');
    for (const [args, firstLine] of [
      [`check --format json ${quote(dir)}`, '{'],
      [`check ${quote(dir)}`, path.join(dir, 'letter-0000.txt')],
    ] as const) {
      const shell = spawnSync('bash', ['-c', `${command} ${args} | head -1; echo "status \${PIPESTATUS[0]}" >&2`], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
      assert.equal(shell.stdout, `${firstLine}\n`, args);
      assert.equal(shell.stderr, `status ${CLOSED_PIPE_STATUS}\n`, args);
    }
  });

  it('stdout on a full disk (/dev/full): one line saying the output could not be written, exit 2', function () {
    if (!fs.existsSync('/dev/full')) this.skip();
    const dir = manyLetters(3);
    // Was: an ENOSPC stack trace and exit 1. The text output, the JSON output, and the help alike.
    for (const argv of [['check', dir], ['check', '--format', 'json', dir], ['--help'], ['--version']]) {
      const full = fs.openSync('/dev/full', 'w');
      try {
        const result = runCli(argv, { stdio: ['ignore', full, 'pipe'] });
        assert.equal(result.stderr, 'imr-annotate: cannot write output: no space left on device\n', argv.join(' '));
        assert.equal(result.status, 2, argv.join(' '));
      } finally {
        fs.closeSync(full);
      }
    }
  });

  it('`-` reads the letter from standard input, named <stdin> in text and JSON output', () => {
    // Was: "imr-annotate: -: no such file or directory".
    const text = runCli(['check', '-'], { input: PLAIN });
    assert.equal(text.stderr, '');
    assert.equal(text.status, 0);
    assert.match(text.stdout, /^<stdin>\n {2}Items \(2\):\n/);
    assert.match(text.stdout, /No problems in 1 file\.\n$/);

    const json = runCli(['check', '--format', 'json', '-'], { input: PLAIN });
    assert.equal(json.status, 0, json.stderr);
    const [file] = filesOf(json.stdout);
    assert.equal(file!.path, '<stdin>');
    assert.deepEqual(itemsOf(file), PLAIN_ITEMS);

    // Among files, in the order given; a letter with an error on stdin sets the exit status.
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.txt'), PLAIN);
    const undecided = PLAIN.replace('Valium 5 mg #24: Upheld', 'Valium 5 mg #24:');
    const mixed = runCli(['check', '--format', 'json', path.join(dir, 'a.txt'), '-'], { input: undecided });
    assert.equal(mixed.status, 1, mixed.stderr);
    assert.deepEqual(filesOf(mixed.stdout).map((f) => f.path), [path.join(dir, 'a.txt'), '<stdin>']);
  });

  it('`-` with empty standard input: an empty letter, nothing to check, exit 0; named twice: a usage error', () => {
    const empty = runCli(['check', '-'], { input: '' });
    assert.equal(empty.stderr, '');
    assert.equal(empty.status, 0);
    assert.equal(empty.stdout, '<stdin>\n  not an IMR determination letter: nothing to check\n\nNo problems in 1 file.\n');
    const closed = runCli(['check', '--format', 'json', '-'], { stdio: ['ignore', 'pipe', 'pipe'] });
    assert.equal(closed.status, 0, closed.stderr);
    assert.equal(filesOf(closed.stdout)[0]!.isDetermination, false);

    const twice = runCli(['check', '-', '-'], { input: PLAIN });
    assert.equal(twice.status, 2);
    assert.match(twice.stderr, /^imr-annotate: standard input \(-\) can be named only once\n\nUsage:/);
  });

  it('`-` with binary standard input: not a text file, exit 2, like a binary file; a PDF: read as a PDF; above --max-bytes: skipped', () => {
    const bytes = Buffer.concat([Buffer.from(PLAIN), Buffer.from([0]), Buffer.from(PLAIN)]);
    const binary = runCli(['check', '--format', 'json', '-'], { input: bytes });
    assert.equal(binary.status, 2);
    assert.equal(binary.stderr, 'imr-annotate: <stdin>: not a text file (it contains NUL bytes)\n');
    assert.equal(filesOf(binary.stdout)[0]!.error, 'not a text file (it contains NUL bytes)');

    // A PDF piped in is read as a PDF, as one named on the command line.
    const pdfDir = path.join(ROOT, 'test', 'fixtures', 'corpus-pdf');
    const pdf = fs.readdirSync(pdfDir).find((name) => name.endsWith('.pdf'))!;
    const piped = runCli(['check', '--format', 'json', '-'], { input: fs.readFileSync(path.join(pdfDir, pdf)) });
    const named = runCli(['check', '--format', 'json', path.join(pdfDir, pdf)]);
    assert.equal(piped.stderr, named.stderr);
    const [fromPipe] = filesOf(piped.stdout) as Array<JsonFile & { source?: string }>;
    assert.equal(fromPipe!.source, 'pdf');
    assert.ok(fromPipe!.items.length > 0);
    assert.deepEqual(itemsOf(fromPipe), itemsOf(filesOf(named.stdout)[0]));

    const large = runCli(['check', '--max-bytes', '100', '-'], { input: PLAIN });
    assert.equal(large.status, 0);
    assert.equal(large.stderr, 'imr-annotate: <stdin>: skipped: more than the limit of 100 bytes (--max-bytes)\n');
  });
});
