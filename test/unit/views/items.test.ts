import assert from 'node:assert/strict';
import { analyzeText, itemIndexAt, itemSummaries, letterCounts, lineAt, lineStartsOf, matchesFilter, stepTo } from '../../../src/core';
import { bend, PLAIN } from '../helpers/letters';

describe('views/items', () => {
  it('finds line starts for \\n, \\r\\n and a lone \\r, and the line of an offset', () => {
    const starts = lineStartsOf('a\nb\r\nc\rd').lineStarts;
    assert.deepEqual(Array.from(starts), [0, 2, 5, 7]);
    assert.equal(lineAt(starts, 0), 0);
    assert.equal(lineAt(starts, 1), 0);
    assert.equal(lineAt(starts, 2), 1);
    assert.equal(lineAt(starts, 4), 1);
    assert.equal(lineAt(starts, 8), 3);
  });

  it('lists the items with their names, outcomes, name ranges and lines', () => {
    const { letter } = analyzeText(PLAIN);
    const summaries = itemSummaries(letter);
    assert.deepEqual(summaries.map((s) => [s.name, s.outcome]), [['Valium 5 mg #24', 'upheld'], ['MRI of the right shoulder without contrast', 'overturned']]);
    const lines = PLAIN.split('\n');
    assert.equal(lines[summaries[0]!.line], 'Valium 5 mg #24: Upheld');
    assert.equal(lines[summaries[1]!.line], 'MRI of the right shoulder without contrast: Overturned');
    assert.equal(PLAIN.slice(summaries[1]!.nameRange.start, summaries[1]!.nameRange.end), 'MRI of the right shoulder without contrast');
  });

  it('counts outcomes, items without a decision and gaps', () => {
    const counts = letterCounts(analyzeText(PLAIN));
    assert.deepEqual(counts, { items: 2, upheld: 1, overturned: 1, missing: 0, gaps: 0 });
    const undecided = analyzeText(bend(PLAIN, 'Valium 5 mg #24: Upheld', 'Valium 5 mg #24:'));
    const bent = letterCounts(undecided);
    assert.equal(bent.upheld + bent.overturned + bent.missing, bent.items);
    assert.ok(bent.gaps >= 1, 'a missing decision is a gap');
    assert.equal(bent.gaps, undecided.diagnostics.length);
  });

  it('filters by outcome', () => {
    assert.equal(matchesFilter('upheld', 'all'), true);
    assert.equal(matchesFilter(null, 'all'), true);
    assert.equal(matchesFilter('upheld', 'upheld'), true);
    assert.equal(matchesFilter('overturned', 'upheld'), false);
    assert.equal(matchesFilter(null, 'missing'), true);
    assert.equal(matchesFilter('overturned', 'missing'), false);
  });

  it('steps to the next and previous target, wrapping around', () => {
    const starts = [10, 20, 30];
    assert.deepEqual(stepTo(starts, 0, 'next'), { index: 0, wrapped: false });
    assert.deepEqual(stepTo(starts, 10, 'next'), { index: 1, wrapped: false });
    assert.deepEqual(stepTo(starts, 30, 'next'), { index: 0, wrapped: true });
    assert.deepEqual(stepTo(starts, 25, 'previous'), { index: 1, wrapped: false });
    assert.deepEqual(stepTo(starts, 20, 'previous'), { index: 0, wrapped: false });
    assert.deepEqual(stepTo(starts, 10, 'previous'), { index: 2, wrapped: true });
    assert.equal(stepTo([], 5, 'next'), undefined);
  });

  it('finds the item whose block holds an offset', () => {
    const { letter } = analyzeText(PLAIN);
    assert.equal(itemIndexAt(letter, 0), undefined);
    assert.equal(itemIndexAt(letter, PLAIN.indexOf('Benzodiazepines are not')), 0);
    assert.equal(itemIndexAt(letter, PLAIN.indexOf('Red flags')), 1);
  });
});
