import assert from 'node:assert/strict';
import { decisionConflict } from '../../../src/core';
import { applyFix, bend, check, MARKDOWN, PLAIN } from '../helpers/letters';

describe('IMR004 decision-conflict', () => {
  it('does not fire when the outcomes agree with the rationales', () => {
    assert.deepEqual(check(decisionConflict, PLAIN).diagnostics, []);
    assert.deepEqual(check(decisionConflict, MARKDOWN).diagnostics, []);
  });

  it('fires on Upheld when the rationale concludes "is medically necessary", on the outcome word', () => {
    const text = bend(PLAIN, 'contrast: Overturned', 'contrast: Upheld');
    const diagnostics = check(decisionConflict, text).diagnostics;
    assert.equal(diagnostics.length, 1);
    assert.equal(text.slice(diagnostics[0]!.range.start, diagnostics[0]!.range.end), 'Upheld');
    assert.match(diagnostics[0]!.message, /is Upheld, but its rationale concludes the request is medically necessary/);
  });

  it('fires on Overturned when the rationale concludes "is not medically necessary", and fixes the word in its case', () => {
    const text = bend(PLAIN, '#24: Upheld', '#24: OVERTURNED.');
    const [d] = check(decisionConflict, text).diagnostics;
    assert.equal(text.slice(d!.range.start, d!.range.end), 'OVERTURNED.');
    const fixed = applyFix(text, d!.fixes[0]!);
    assert.ok(fixed.includes('#24: UPHELD.'));
    assert.deepEqual(check(decisionConflict, fixed).diagnostics, []);
  });

  it('stays quiet when the rationale states no verdict', () => {
    const text = bend(PLAIN, 'The request is medically necessary.', 'See the records.');
    assert.deepEqual(check(decisionConflict, bend(text, 'contrast: Overturned', 'contrast: Upheld')).diagnostics, []);
  });
});
