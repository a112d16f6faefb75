// The one door into the core: outside src/core, lint rejects any import of a core module other than
// its index (eslint.config.mjs), whichever way it is written. See docs/architecture.md.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.join(__dirname, '..', '..');

const SAMPLE = `import { parse } from '../core/parse';
import type { Letter } from '../core/model';
export { findDrugs } from '../core/entities/drugs';
const extract = require('../core/pdf/extract');
const analyze = import('../core/analyze');
type Extract = typeof import('../core/pdf/extract');
import { analyzeText, type Analysis } from '../core';
import { rules } from '../core/index';
export { parse, extract, analyze, analyzeText, rules };
export type { Letter, Extract, Analysis };
`;

/** The lines of `SAMPLE`, linted as if it were the file `file`, that break the layers rule. */
async function rejectedLines(file: string): Promise<number[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(SAMPLE, { filePath: path.join(ROOT, file) });
  assert.ok(result);
  const layers = result.messages.filter((m) => /through its index/.test(m.message));
  return [...new Set(layers.map((m) => m.line))].sort((a, b) => a - b);
}

describe('layers: one door into the core', () => {
  it('rejects deep core imports, type imports, re-exports, require, import() and typeof import outside src/core', async () => {
    for (const file of ['src/extension/sample.ts', 'src/cli/sample.ts']) assert.deepEqual(await rejectedLines(file), [1, 2, 3, 4, 5, 6], file);
    // The same from a test, two folders further down.
    const fromTest = await rejectedLines('test/unit/views/sample.test.ts');
    assert.deepEqual(fromTest, [1, 2, 3, 4, 5, 6]);
  });

  it('lets src/core reach its own modules', async () => {
    assert.deepEqual(await rejectedLines('src/core/views/sample.ts'), []);
  });
});
