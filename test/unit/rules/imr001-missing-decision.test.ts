import assert from 'node:assert/strict';
import { missingDecision } from '../../../src/core';
import { applyFix, bend, check, MARKDOWN, PLAIN } from '../helpers/letters';

describe('IMR001 missing-decision', () => {
  it('does not fire on a complete letter', () => {
    assert.deepEqual(check(missingDecision, PLAIN).diagnostics, []);
    assert.deepEqual(check(missingDecision, MARKDOWN).diagnostics, []);
  });

  it('fires on an item line with a colon but no outcome, on the item name', () => {
    const text = bend(PLAIN, 'Valium 5 mg #24: Upheld', 'Valium 5 mg #24:');
    const { letter, diagnostics } = check(missingDecision, text);
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(d!.code, 'IMR001');
    assert.equal(d!.severity, 'error');
    assert.equal(text.slice(d!.range.start, d!.range.end), 'Valium 5 mg #24');
    assert.match(d!.message, /"Valium 5 mg #24" has no decision/);
    assert.equal(d!.itemIndex, letter.items[0]!.index);
  });

  it('offers both outcomes, preferring (and marking safe) the one the rationale concludes', () => {
    const text = bend(PLAIN, 'Valium 5 mg #24: Upheld', 'Valium 5 mg #24:');
    const [d] = check(missingDecision, text).diagnostics;
    assert.deepEqual(d!.fixes.map((f) => [f.title, f.isPreferred, f.safe]), [
      ['Add the decision: Upheld (as the rationale concludes)', true, true],
      ['Add the decision: Overturned', false, false],
    ]);
    assert.equal(applyFix(text, d!.fixes[0]!), PLAIN);
    assert.equal(applyFix(text, d!.fixes[1]!), bend(PLAIN, 'Valium 5 mg #24: Upheld', 'Valium 5 mg #24: Overturned'));
  });

  it('adds the colon too when the item line has none, and the rule then stays quiet', () => {
    const text = bend(PLAIN, 'MRI of the right shoulder without contrast: Overturned', 'MRI of the right shoulder without contrast');
    const [d] = check(missingDecision, text).diagnostics;
    assert.equal(d!.fixes[1]!.title, 'Add the decision: Overturned (as the rationale concludes)');
    const fixed = applyFix(text, d!.fixes[1]!);
    assert.equal(fixed, PLAIN);
    assert.deepEqual(check(missingDecision, fixed).diagnostics, []);
  });

  it('writes the outcome after the bold marker in the markdown format', () => {
    const text = bend(MARKDOWN, '**Valium 5 mg #24:** Upheld', '**Valium 5 mg #24:**');
    const [d] = check(missingDecision, text).diagnostics;
    assert.equal(applyFix(text, d!.fixes[0]!), MARKDOWN);
  });
});
