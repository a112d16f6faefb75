import assert from 'node:assert/strict';
import { missingGuideline } from '../../../src/core';
import { applyFix, bend, check, MARKDOWN, PLAIN } from '../helpers/letters';

const WITHOUT_GUIDELINES = bend(
  PLAIN,
  /\n\nClaims Administrator guideline: Decision based on MTUS Shoulder[^\n]*\n\nMAXIMUS guideline: [^\n]*/,
  '',
);

describe('IMR003 missing-guideline', () => {
  it('does not fire on a complete letter, nor when one of the two guideline lines is there', () => {
    assert.deepEqual(check(missingGuideline, PLAIN).diagnostics, []);
    assert.deepEqual(check(missingGuideline, MARKDOWN).diagnostics, []);
    const onlyMaximus = bend(PLAIN, /\nClaims Administrator guideline: Decision based on MTUS Shoulder[^\n]*\n/, '\n');
    assert.deepEqual(check(missingGuideline, onlyMaximus).diagnostics, []);
  });

  it('fires on an item with neither guideline line', () => {
    const diagnostics = check(missingGuideline, WITHOUT_GUIDELINES).diagnostics;
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.severity, 'warning');
    assert.match(diagnostics[0]!.message, /"MRI of the right shoulder without contrast" cites no guideline/);
  });

  it('inserts both labels between the item line and the rationale', () => {
    const [d] = check(missingGuideline, WITHOUT_GUIDELINES).diagnostics;
    const fixed = applyFix(WITHOUT_GUIDELINES, d!.fixes[0]!);
    assert.ok(fixed.includes('without contrast: Overturned\n\nClaims Administrator guideline: [guideline]\n\nMAXIMUS guideline: [guideline]\n\nDecision rationale: Red flags'));
    assert.equal(d!.fixes[0]!.edits[0]!.snippet, '\n\nClaims Administrator guideline: ${1:guideline}\n\nMAXIMUS guideline: ${2:guideline}');
    assert.deepEqual(check(missingGuideline, fixed).diagnostics, []);
  });
});
