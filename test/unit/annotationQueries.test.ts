// What the editor asks of kept annotations: the spans under the cursor (innermost first), the next
// and previous span (wrapping, spans with one start visited one by one), notes and attributes, and
// the spans by label.
import assert from 'node:assert/strict';
import { annotationsAt, attributesOf, byLabel, inTextOrder, noteOf, readStandoff, spanRange, stepAnnotation } from '../../src/core';

//              0         1         2         3
//              0123456789012345678901234567890123456
const LETTER = 'Norco 10/325 mg #60 is: Upheld\nMRI lumbar spine';
const ANN = [
  'T1\tRequest 0 19\tNorco 10/325 mg #60',
  'T2\tDrug 0 5\tNorco',
  'T3\tStrength 6 15\t10/325 mg',
  'T4\tDecision 24 30\tUpheld',
  'T5\tBodyPart 35 47\tlumbar spine',
  'A1\tOutcome T1 Upheld',
  '#1\tAnnotatorNotes T2\tbrand of hydrocodone/APAP',
  '',
].join('\n');

describe('annotation queries', () => {
  const set = readStandoff(ANN, LETTER);

  it('reads the example as written', () => {
    assert.deepEqual(set.problems, []);
    assert.equal(set.textBound.length, 5);
  });

  it('finds the spans under the cursor, innermost first, the end of a word included', () => {
    assert.deepEqual(annotationsAt(set, 2).map((a) => a.id), ['T2', 'T1']);
    assert.deepEqual(annotationsAt(set, 5).map((a) => a.id), ['T2', 'T1']);
    assert.deepEqual(annotationsAt(set, 20).map((a) => a.id), []);
    // A selection meets the spans it overlaps, not those it only touches.
    assert.deepEqual(annotationsAt(set, 5, 7).map((a) => a.id), ['T3', 'T1']);
  });

  it('steps through the spans in text order, one by one where they start together, wrapping', () => {
    const order = inTextOrder(set.textBound).map((a) => a.id);
    assert.deepEqual(order, ['T1', 'T2', 'T3', 'T4', 'T5']);
    assert.equal(stepAnnotation(set, 0, 19, 'next')?.annotation.id, 'T2');
    assert.equal(stepAnnotation(set, 0, 5, 'next')?.annotation.id, 'T3');
    assert.equal(stepAnnotation(set, 0, 5, 'previous')?.annotation.id, 'T1');
    assert.deepEqual(stepAnnotation(set, 35, 47, 'next'), { annotation: set.textBound[0], wrapped: true });
    assert.deepEqual(stepAnnotation(set, 0, 19, 'previous'), { annotation: set.textBound[4], wrapped: true });
    assert.equal(stepAnnotation(set, 20, 20, 'next')?.annotation.id, 'T4');
    assert.equal(stepAnnotation(set, 20, 20, 'previous')?.annotation.id, 'T3');
    assert.equal(stepAnnotation(readStandoff('', LETTER), 0, 0, 'next'), undefined);
  });

  it('gives a span its note and attributes, and its range', () => {
    assert.equal(noteOf(set, 'T2'), 'brand of hydrocodone/APAP');
    assert.equal(noteOf(set, 'T1'), undefined);
    assert.deepEqual(attributesOf(set, 'T1').map((a) => [a.name, a.value]), [['Outcome', 'Upheld']]);
    assert.deepEqual(spanRange(set.textBound[4]!), { start: 35, end: 47 });
  });

  it('groups the spans by label, in the given order, then by name', () => {
    assert.deepEqual(
      byLabel(set.textBound, ['Drug', 'Strength']).map((g) => [g.label, g.annotations.map((a) => a.id)]),
      [
        ['Drug', ['T2']],
        ['Strength', ['T3']],
        ['BodyPart', ['T5']],
        ['Decision', ['T4']],
        ['Request', ['T1']],
      ],
    );
  });
});
