// Letters as Tesseract read them from scans (test/fixtures/corpus-ocr, 26 letters, pages joined by form
// feeds) against the same letters' text (test/fixtures/corpus): the items and outcomes must be theirs,
// the header's case number read whatever labels OCR lost, and a word OCR misreads must not cost an item
// its decision.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeText, applyEdits, type Letter, plainEdits, preferredFixes } from '../../src/core';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const NAMES = readdirSync(path.join(FIXTURES, 'corpus-ocr')).filter((f) => f.endsWith('.txt')).sort();
const read = (folder: string, name: string): string => readFileSync(path.join(FIXTURES, folder, name), 'utf8');

/**
 * Item names OCR read otherwise than the text has them, each with its reason: the name is the letter's
 * own words, and a misread character there is no slip of the structure (nothing is read as a name).
 */
const NAME_MISSES: Readonly<Record<string, string>> = {
  'CM17-0003284.txt#1': 'OCR read "EMG/NCS" as "EMGINCS" (the slash as an I)',
};

function items(letter: Letter): string[] {
  return letter.items.map((item) => `${item.outcome ?? 'NO DECISION'}: ${item.name.text}`);
}

/** The header as `name=value` lines. */
function header(letter: Letter): Map<string, string> {
  return new Map(letter.header.map((f) => [f.name, f.value.text]));
}

/** `text` with one character of each outcome word, heading and block label misread, as OCR misreads them. */
function misread(text: string): string {
  return text
    .replace(/(:[ \t]*)Upheld\b/g, '$1Upheid')
    .replace(/(:[ \t]*)Overturned\b/g, '$10verturned')
    .replace(/^CLINICAL CASE SUMMARY/gm, 'CLlNICAL CASE SUMMARY')
    .replace(/^IMR ISSUES, DECISIONS AND RATIONALES/gm, 'IMR ISSUES, DECISIONS AND RATIONALE5')
    .replace(/^HOW THE IMR FINAL DETERMINATION WAS MADE/gm, 'HOW THE IMR FINAL DETERMINATlON WAS MADE')
    .replace(/^Decision rationale:/gm, 'Decision rationa1e:')
    .replace(/^MAXIMUS guideline:/gm, 'MAXIMUSguideline:')
    .replace(/^Claims Administrator guideline:/gm, 'Claims Administrator guideIine:');
}

describe('letters read by OCR (test/fixtures/corpus-ocr) against their text (test/fixtures/corpus)', () => {
  it('are 26 letters, each with its text version', () => {
    assert.equal(NAMES.length, 26);
    for (const name of NAMES) assert.ok(read('corpus', name).length > 0);
  });

  it('have the items and outcomes of their text, no item without a decision (name misses listed with their reason)', () => {
    const failures: string[] = [];
    let count = 0;
    for (const name of NAMES) {
      const ocr = analyzeText(read('corpus-ocr', name)).letter;
      const text = analyzeText(read('corpus', name)).letter;
      count += text.items.length;
      if (ocr.items.length !== text.items.length) failures.push(`${name}: ${ocr.items.length} items, the text has ${text.items.length}`);
      ocr.items.forEach((item, i) => {
        if (item.outcome !== text.items[i]?.outcome) failures.push(`${name}#${i}: ${item.outcome} against ${text.items[i]?.outcome}`);
        if (item.name.text !== text.items[i]?.name.text && !NAME_MISSES[`${name}#${i}`]) failures.push(`${name}#${i}: "${item.name.text}" against "${text.items[i]?.name.text}"`);
      });
    }
    assert.deepEqual(failures, []);
    assert.ok(count >= 50, `${count} items`);
    // Each listed miss is still a miss: fixed, it leaves the list.
    for (const key of Object.keys(NAME_MISSES)) {
      const [name, index] = key.split('#') as [string, string];
      assert.notEqual(analyzeText(read('corpus-ocr', name)).letter.items[Number(index)]!.name.text, analyzeText(read('corpus', name)).letter.items[Number(index)]!.name.text, key);
    }
  });

  it('read the case number whatever labels OCR lost, and every header field they read is the text\'s', () => {
    const failures: string[] = [];
    let lost = 0;
    for (const name of NAMES) {
      const ocrText = read('corpus-ocr', name);
      const ocr = header(analyzeText(ocrText).letter);
      const text = header(analyzeText(read('corpus', name)).letter);
      if (ocr.get('caseNumber') !== name.replace('.txt', '')) failures.push(`${name}: case number ${ocr.get('caseNumber')}`);
      for (const [field, value] of text) {
        const got = ocr.get(field);
        if (got === value) continue;
        // A field missing only where OCR lost its value too: not in the letter's first lines at all.
        const top = ocrText.slice(0, ocrText.indexOf('HOW THE IMR'));
        if (got === undefined && !top.includes(value)) lost++;
        else failures.push(`${name}: ${field} ${got} against ${value}`);
      }
    }
    assert.deepEqual(failures, []);
    // Thirteen headers are read as a case number alone: OCR lost their dates' lines (6 fields each).
    assert.equal(lost, 13 * 6);
  });

  it('with each outcome, heading and label misread by one character, keep every item, decision and block, flag each misreading, and fix-all restores the letter', () => {
    const failures: string[] = [];
    for (const name of NAMES) {
      const original = read('corpus-ocr', name);
      const text = misread(original);
      assert.notEqual(text, original, name);
      const before = analyzeText(original);
      const after = analyzeText(text);
      if (items(after.letter).join('\n') !== items(before.letter).join('\n')) failures.push(`${name}: items ${items(after.letter).join(' | ')}`);
      if (after.letter.sections.map((s) => s.kind).join() !== before.letter.sections.map((s) => s.kind).join()) failures.push(`${name}: sections`);
      const blocks = (l: Letter) => l.items.map((i) => [i.claimsGuideline, i.maximusGuideline, i.rationale].map((b) => (b ? 1 : 0)).join('')).join();
      if (blocks(after.letter) !== blocks(before.letter)) failures.push(`${name}: blocks ${blocks(after.letter)}`);
      const misreadings = after.diagnostics.filter((d) => d.code === 'IMR007');
      const expected = [...text.matchAll(/Upheid|0verturned|CLlNICAL|RATIONALE5|DETERMINATlON|rationa1e|MAXIMUSguideline|guideIine/g)].length;
      if (misreadings.length !== expected) failures.push(`${name}: ${misreadings.length} IMR007, ${expected} misreadings`);
      if (after.diagnostics.some((d) => d.code === 'IMR001')) failures.push(`${name}: an item without a decision`);
      if (applyEdits(text, plainEdits(preferredFixes(misreadings))) !== original) failures.push(`${name}: fix-all does not restore the letter`);
    }
    assert.deepEqual(failures, []);
  });
});
