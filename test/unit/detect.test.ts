import assert from 'node:assert/strict';
import { looksLikeLetter } from '../../src/core';

describe('looksLikeLetter', () => {
  it('recognises a letter by a heading or a case number header', () => {
    assert.ok(looksLikeLetter(' HOW THE IMR FINAL DETERMINATION WAS MADE \n'));
    assert.ok(looksLikeLetter('Case Number: CM16-0213037  \nDate Assigned: 11/09/2016'));
    assert.ok(looksLikeLetter('<b>Case Number:</b>\tCM14-0060515\t\t'));
  });

  it('does not take ordinary text, or a heading far past the start, for a letter', () => {
    assert.ok(!looksLikeLetter('Notes about case CM16-0213037 and its clinical summary.'));
    assert.ok(!looksLikeLetter('x'.repeat(9000) + '\nCLINICAL CASE SUMMARY'));
  });
});
