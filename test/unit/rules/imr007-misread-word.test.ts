import assert from 'node:assert/strict';
import { analyzeText, applyEdits, misreadWord, plainEdits, preferredFixes, readAs } from '../../../src/core';
import { applyFix, bend, check, MARKDOWN, PLAIN } from '../helpers/letters';

/** The misread words a letter's diagnostics name, with their ranges' text. */
function flagged(text: string): string[] {
  return check(misreadWord, text).diagnostics.map((d) => `${text.slice(d.range.start, d.range.end)} -> ${d.message}`);
}

describe('IMR007 misread-word', () => {
  it('does not fire on a letter spelled right, plain or markdown', () => {
    assert.deepEqual(check(misreadWord, PLAIN).diagnostics, []);
    assert.deepEqual(check(misreadWord, MARKDOWN).diagnostics, []);
  });

  it('reads an outcome one character off as the outcome, and flags exactly that word', () => {
    const text = bend(PLAIN, '#24: Upheld', '#24: Upheid');
    const { letter, diagnostics } = check(misreadWord, text);
    assert.equal(letter.items[0]!.outcome, 'upheld');
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(text.slice(d!.range.start, d!.range.end), 'Upheid');
    assert.equal(d!.message, "'Upheid' read as 'Upheld'");
    assert.equal(d!.itemIndex, 0);
    assert.equal(d!.severity, 'warning');
    const fixed = applyFix(text, d!.fixes[0]!);
    assert.equal(fixed, PLAIN);
    assert.ok(d!.fixes[0]!.safe && d!.fixes[0]!.isPreferred);
  });

  it('keeps the written case, and leaves trailing punctuation out of the range', () => {
    assert.deepEqual(flagged(bend(PLAIN, 'contrast: Overturned', 'contrast: OVERTURNEO.')), ["OVERTURNEO -> 'OVERTURNEO' read as 'OVERTURNED'"]);
    assert.deepEqual(flagged(bend(PLAIN, 'contrast: Overturned', 'contrast: 0verturned')), ["0verturned -> '0verturned' read as 'Overturned'"]);
    assert.deepEqual(flagged(bend(PLAIN, 'contrast: Overturned', 'contrast: overturmed')), ["overturmed -> 'overturmed' read as 'overturned'"]);
  });

  it('reads a heading and a block label one character off, and flags the word in them', () => {
    const text = bend(bend(bend(PLAIN, 'CLINICAL CASE SUMMARY', 'CLlNICAL CASE SUMMARY'), 'Decision rationale: Red', 'Decision rationa1e: Red'), 'MAXIMUS guideline: Decision based on MTUS Shoulder', 'MAXIMUSguideline: Decision based on MTUS Shoulder');
    const letter = analyzeText(text).letter;
    assert.deepEqual(letter.sections.map((s) => s.kind), ['howMade', 'credentials', 'clinicalSummary', 'issues']);
    assert.ok(letter.items[1]!.rationale && letter.items[1]!.maximusGuideline);
    assert.deepEqual(flagged(text), [
      "CLlNICAL -> 'CLlNICAL' read as 'CLINICAL'",
      "MAXIMUSguideline -> 'MAXIMUSguideline' read as 'MAXIMUS guideline'",
      "rationa1e -> 'rationa1e' read as 'rationale'",
    ]);
    // Fix-all corrects every one: the letter is the one OCR read.
    const fixed = applyEdits(text, plainEdits(preferredFixes(check(misreadWord, text).diagnostics)));
    assert.equal(fixed, PLAIN);
  });

  it('reads a markdown label and heading through their markup', () => {
    const text = bend(bend(MARKDOWN, '**Decision rationale:**', '**Decision rationaIe:**'), '### CLINICAL CASE SUMMARY', '### CLINICAL CASE SUMMAPY');
    assert.deepEqual(flagged(text), ["SUMMAPY -> 'SUMMAPY' read as 'SUMMARY'", "rationaIe -> 'rationaIe' read as 'rationale'"]);
    assert.equal(applyEdits(text, plainEdits(preferredFixes(check(misreadWord, text).diagnostics))), MARKDOWN);
  });

  it('leaves words one letter off where no outcome, heading or label stands', () => {
    // In prose, after no colon, in a plural label, or two characters off: nothing is read, nothing flagged.
    const prose = bend(PLAIN, 'The injured worker is a 48 year old male.', 'The denial was Upheid in part. Decision: Uphold the denial');
    assert.deepEqual(check(misreadWord, prose).diagnostics, []);
    const plural = bend(PLAIN, 'MAXIMUS guideline: Decision based on MTUS Shoulder', 'MAXIMUS guidelines: Decision based on MTUS Shoulder');
    assert.equal(analyzeText(plural).letter.items[1]!.maximusGuideline, undefined);
    assert.deepEqual(check(misreadWord, plural).diagnostics, []);
    const twoOff = bend(PLAIN, '#24: Upheld', '#24: Upbeid');
    assert.equal(analyzeText(twoOff).letter.items[0]!.outcome, null);
    assert.deepEqual(check(misreadWord, twoOff).diagnostics, []);
  });

  it('reads words one edit away, spaces counted, in any case and with any run of spaces', () => {
    assert.equal(readAs('Upheld', 'upheld'), 'same');
    assert.equal(readAs('CLINICAL   CASE SUMMARY', 'clinical case summary'), 'same');
    assert.deepEqual(readAs('Uphe|d', 'upheld'), { start: 0, end: 6, written: 'Uphe|d', replacement: 'Upheld' });
    assert.deepEqual(readAs('Uphed', 'upheld'), { start: 0, end: 5, written: 'Uphed', replacement: 'Upheld' });
    assert.deepEqual(readAs('CLINICAL CASESUMMARY', 'clinical case summary'), { start: 9, end: 20, written: 'CASESUMMARY', replacement: 'CASE SUMMARY' });
    assert.deepEqual(readAs('CLIN ICAL  CASE SUMMARY', 'clinical case summary'), { start: 0, end: 9, written: 'CLIN ICAL', replacement: 'CLINICAL' });
    assert.equal(readAs('Upbeid', 'upheld'), undefined);
    assert.equal(readAs('Overturned', 'upheld'), undefined);
  });
});
