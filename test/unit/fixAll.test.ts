import assert from 'node:assert/strict';
import { analyzeText, applyEdits, type Diagnostic, type Fix, plainEdits, preferredFixes } from '../../src/core';
import { bend, PLAIN } from './helpers/letters';

const fix = (title: string, start: number, end: number, preferred = true): Fix => ({
  title,
  edits: [{ range: { start, end }, newText: title, snippet: `\${1:${title}}` }],
  isPreferred: preferred,
  safe: false,
});
const diagnostic = (...fixes: Fix[]): Diagnostic => ({ code: 'IMR999', rule: 'test', severity: 'error', message: '', range: { start: 0, end: 0 }, fixes });

describe('fix all of a kind', () => {
  it('takes the preferred fix of each diagnostic and skips diagnostics without one', () => {
    const chosen = preferredFixes([diagnostic(fix('a', 0, 1, false), fix('b', 1, 2)), diagnostic(fix('c', 3, 3, false)), diagnostic(fix('d', 5, 6))]);
    assert.deepEqual(chosen.map((f) => f.title), ['b', 'd']);
  });

  it('leaves out a fix that overlaps one chosen before it, and a second insertion at the same offset', () => {
    const chosen = preferredFixes([diagnostic(fix('a', 2, 6)), diagnostic(fix('b', 5, 8)), diagnostic(fix('c', 6, 6)), diagnostic(fix('d', 10, 10)), diagnostic(fix('e', 10, 10))]);
    assert.deepEqual(chosen.map((f) => f.title), ['a', 'c', 'd']);
  });

  it('gives the plain text of the edits, without snippets', () => {
    assert.deepEqual(plainEdits([fix('a', 0, 1), fix('b', 4, 4)]), [
      { range: { start: 0, end: 1 }, newText: 'a' },
      { range: { start: 4, end: 4 }, newText: 'b' },
    ]);
  });

  it('adds every missing decision of a letter at once, as the rationales conclude', () => {
    const text = bend(bend(PLAIN, 'Valium 5 mg #24: Upheld', 'Valium 5 mg #24:'), 'without contrast: Overturned', 'without contrast');
    const missing = analyzeText(text).diagnostics.filter((d) => d.code === 'IMR001');
    assert.equal(missing.length, 2);
    const fixed = applyEdits(text, plainEdits(preferredFixes(missing)));
    assert.ok(fixed.includes('\nValium 5 mg #24: Upheld\n'));
    assert.ok(fixed.includes('\nMRI of the right shoulder without contrast: Overturned\n'));
    assert.deepEqual(analyzeText(fixed).diagnostics, []);
  });
});
