import assert from 'node:assert/strict';
import { analyzeText, foldingRanges } from '../../../src/core';
import { bend, PLAIN } from '../helpers/letters';

/** The 0-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return text.slice(0, at).split(/\r\n|\r|\n/).length - 1;
}

describe('views/folding', () => {
  it('folds the header, the sections and the items, one range per start line, in order', () => {
    const ranges = foldingRanges(analyzeText(PLAIN).letter);
    assert.ok(ranges);
    const starts = ranges.map((r) => r.start);
    assert.deepEqual(starts, [...new Set(starts)].sort((a, b) => a - b));
    assert.ok(starts.includes(lineOf(PLAIN, 'Case Number:')));
    assert.ok(starts.includes(lineOf(PLAIN, 'CLINICAL CASE SUMMARY')));
    const valium = ranges.find((r) => r.start === lineOf(PLAIN, 'Valium 5 mg #24'));
    assert.deepEqual(valium, { start: lineOf(PLAIN, 'Valium 5 mg #24'), end: lineOf(PLAIN, 'Decision rationale: Benzodiazepines') });
    for (const range of ranges) assert.ok(range.end > range.start);
  });

  it('folds a block from three lines, not from two; the outermost region wins a start line', () => {
    const short = foldingRanges(analyzeText(PLAIN).letter)!;
    // The rationale block of the first item is one line: no range starts there but the item's own.
    assert.ok(!short.some((r) => r.start === lineOf(PLAIN, 'Decision rationale: Benzodiazepines')));
    const long = bend(PLAIN, 'Benzodiazepines are not recommended for long-term use.', 'Benzodiazepines are not recommended\nfor long-term use.\nTolerance develops.');
    const ranges = foldingRanges(analyzeText(long).letter)!;
    const rationale = lineOf(long, 'Decision rationale: Benzodiazepines');
    assert.deepEqual(ranges.find((r) => r.start === rationale), { start: rationale, end: rationale + 2 });
  });

  it('counts lines as an editor does: \\r\\n and a lone \\r end a line', () => {
    const lf = foldingRanges(analyzeText(PLAIN).letter);
    assert.deepEqual(foldingRanges(analyzeText(PLAIN.replace(/\n/g, '\r\n')).letter), lf);
    assert.deepEqual(foldingRanges(analyzeText(PLAIN.replace(/\n/g, '\r')).letter), lf);
  });

  it('stops when cancelled', () => {
    assert.equal(foldingRanges(analyzeText(PLAIN).letter, { isCancellationRequested: true }), undefined);
  });
});
