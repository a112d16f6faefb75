import assert from 'node:assert/strict';
import { missingSection } from '../../../src/core';
import { applyFix, bend, check, MARKDOWN, PLAIN } from '../helpers/letters';

const ISSUES_HEADING = 'IMR ISSUES, DECISIONS AND RATIONALES\n';

describe('IMR005 missing-section', () => {
  it('does not fire on a complete letter', () => {
    assert.deepEqual(check(missingSection, PLAIN).diagnostics, []);
    assert.deepEqual(check(missingSection, MARKDOWN).diagnostics, []);
  });

  it('fires when the items have no heading above them, and the safe fix restores it', () => {
    const text = bend(PLAIN, ISSUES_HEADING, '');
    const [d] = check(missingSection, text).diagnostics;
    assert.match(d!.message, /no "IMR ISSUES, DECISIONS AND RATIONALES" heading above its 2 disputed item/);
    assert.equal(d!.fixes[0]!.safe, true);
    const fixed = applyFix(text, d!.fixes[0]!);
    assert.ok(fixed.includes('IMR ISSUES, DECISIONS AND RATIONALES\n\nThe Final Determination was based on decisions for the disputed items/services set forth below:\n\nValium 5 mg #24: Upheld'));
    assert.deepEqual(check(missingSection, fixed).diagnostics, []);
  });

  it('fires when the letter stops after the clinical summary, and appends the section to fill in', () => {
    const text = PLAIN.slice(0, PLAIN.indexOf(ISSUES_HEADING));
    const [d] = check(missingSection, text).diagnostics;
    assert.match(d!.message, /has no "IMR ISSUES, DECISIONS AND RATIONALES" section/);
    assert.equal(text.slice(d!.range.start, d!.range.end), 'CLINICAL CASE SUMMARY');
    const fixed = applyFix(text, d!.fixes[0]!);
    assert.ok(fixed.trimEnd().endsWith('male.\n\nIMR ISSUES, DECISIONS AND RATIONALES\n\nThe Final Determination was based on decisions for the disputed items/services set forth below:\n\n[disputed item]:\n\nClaims Administrator guideline: [guideline]\n\nMAXIMUS guideline: [guideline]\n\nDecision rationale: [rationale]'));
    assert.deepEqual(check(missingSection, fixed).diagnostics, []);
  });

  it('fires when the section lists no item, on its heading', () => {
    const text = PLAIN.slice(0, PLAIN.indexOf('Valium 5 mg #24'));
    const [d] = check(missingSection, text).diagnostics;
    assert.equal(text.slice(d!.range.start, d!.range.end), 'IMR ISSUES, DECISIONS AND RATIONALES');
    assert.match(d!.message, /lists no disputed item/);
    assert.deepEqual(check(missingSection, applyFix(text, d!.fixes[0]!)).diagnostics, []);
  });
});
