// Span-by-span differences between two annotations of one letter, as "Compare Annotations With..."
// shows them, and consistent with agree()'s counts: every exact match is no difference, every
// difference of a span only one side has is one false positive or negative.
import assert from 'node:assert/strict';
import { agree, annotationDifferences, readStandoff } from '../../src/core';

//              0         1         2         3         4
//              012345678901234567890123456789012345678901234567
const LETTER = 'Norco 10/325 mg #60 is: Upheld\nMRI lumbar spine';

function set(lines: string[]) {
  const read = readStandoff(lines.join('\n') + '\n', LETTER);
  assert.deepEqual(read.problems, []);
  return read;
}

describe('annotation differences', () => {
  const a = set([
    'T1\tRequest 0 19\tNorco 10/325 mg #60',
    'T2\tDrug 0 5\tNorco',
    'T3\tStrength 6 15\t10/325 mg',
    'T4\tBodyPart 35 47\tlumbar spine',
    'T5\tQuantity 16 19\t#60',
    'A1\tOutcome T1 Upheld',
  ]);
  const b = set([
    'T1\tRequest 0 19\tNorco 10/325 mg #60',
    'T2\tDrug 0 5\tNorco',
    'T3\tStrength 6 12\t10/325',
    'T4\tBodyPart 35 41\tlumbar',
    'T5\tForm 16 19\t#60',
    'T6\tDecision 24 30\tUpheld',
    'A1\tOutcome T1 Overturned',
  ]);

  it('names each difference, in text order', () => {
    assert.deepEqual(
      annotationDifferences(a, b).map((d) => [d.kind, 'a' in d ? d.a.id : '-', 'b' in d ? d.b.id : '-']),
      [
        ['outcome', 'T1', 'T1'],
        ['boundary', 'T3', 'T3'],
        ['label', 'T5', 'T5'],
        ['onlyB', '-', 'T6'],
        ['boundary', 'T4', 'T4'],
      ],
    );
    const outcome = annotationDifferences(a, b)[0];
    assert.ok(outcome?.kind === 'outcome');
    assert.equal(outcome.outcomeA, 'Upheld');
    assert.equal(outcome.outcomeB, 'Overturned');
  });

  it('none between a set and itself; a span on one side only, when the other is empty', () => {
    assert.deepEqual(annotationDifferences(a, a), []);
    const empty = set([]);
    assert.deepEqual(annotationDifferences(a, empty).map((d) => d.kind), ['onlyA', 'onlyA', 'onlyA', 'onlyA', 'onlyA']);
  });

  it('agrees with agree(): exact pairs are no difference, the rest are its false positives and negatives', () => {
    const { overall } = agree([{ name: 'letter', a, b }]);
    const differences = annotationDifferences(a, b).filter((d) => d.kind !== 'outcome');
    // Each boundary or label pair is one fn and one fp on exact spans; onlyA/onlyB one each.
    const fn = differences.filter((d) => d.kind !== 'onlyB').length;
    const fp = differences.filter((d) => d.kind !== 'onlyA').length;
    assert.deepEqual([overall.fn, overall.fp, overall.tp], [fn, fp, a.textBound.length - fn]);
  });
});
