import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/main';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'corpus');

// Memory is measured by `npm run bench` (CLI peak RSS per input MB), not here: this checks the cause the
// benchmark found, that a large letter's JSON was made as one string (and copies of it) before it was written.
describe('CLI: the JSON of a large letter is written in pieces', () => {
  it('never writes more than about 64 KB at once, and the pieces are the JSON.stringify output', async () => {
    const letters = readdirSync(CORPUS).sort().map((name) => readFileSync(path.join(CORPUS, name), 'utf8')).join('\n');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'imr-large-')), 'large.txt');
    writeFileSync(file, letters.repeat(Math.ceil(1_000_000 / letters.length)));
    const pieces: string[] = [];
    const status = await run(['check', '--format', 'json', file], { stdout: (t) => pieces.push(t), stderr: () => undefined });
    assert.ok(status === 0 || status === 1);
    const output = pieces.join('');
    // The pieces make the document JSON.stringify(value, null, 2) writes.
    assert.equal(output, `${JSON.stringify(JSON.parse(output), null, 2)}\n`);
    assert.ok(output.length > 2_000_000, `${output.length} characters`);
    const largest = Math.max(...pieces.map((p) => p.length));
    assert.ok(largest < 128 * 1024, `a piece of ${largest} characters`);
  });
});
