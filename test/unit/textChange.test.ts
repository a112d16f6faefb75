// The one replacement between two texts: applied to the first it gives the second, and it is the
// smallest (no common character at either end is inside it).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { replacementBetween } from '../../src/core';

function apply(text: string, change: { start: number; end: number; text: string } | undefined): string {
  return change ? text.slice(0, change.start) + change.text + text.slice(change.end) : text;
}

describe('replacementBetween', () => {
  it('names what was typed, deleted or replaced', () => {
    assert.equal(replacementBetween('Norco 10 mg', 'Norco 10 mg'), undefined);
    assert.deepEqual(replacementBetween('Norco 10 mg', 'Dr. Norco 10 mg'), { start: 0, end: 0, text: 'Dr. ' });
    assert.deepEqual(replacementBetween('Norco 10 mg #60', 'Norco 10 mg'), { start: 11, end: 15, text: '' });
    assert.deepEqual(replacementBetween('take Norco daily', 'take Valium daily'), { start: 5, end: 10, text: 'Valium' });
    // A repeated letter: the change is placed once, either way is the same text.
    assert.deepEqual(replacementBetween('aa', 'aaa'), { start: 2, end: 2, text: 'a' });
  });

  it('turns any text into any other, touching no common start or end', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (before, after) => {
        const change = replacementBetween(before, after);
        assert.equal(apply(before, change), after);
        if (!change) return;
        const removed = before.slice(change.start, change.end);
        if (removed !== '' && change.text !== '') {
          assert.notEqual(removed[0], change.text[0]);
          assert.notEqual(removed[removed.length - 1], change.text[change.text.length - 1]);
        }
      }),
    );
  });
});
