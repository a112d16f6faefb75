// What a letter states about its reviewer and its claimant (src/core/parse/facts.ts): read where the
// letters state it, as exact spans of the text, and the same whatever the text's case or spacing.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type Letter, parse, type TextBlock } from '../../src/core';
import { bend, PLAIN } from './helpers/letters';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Each span's text, checked to be what the letter says at its range (whitespace collapsed). */
function texts(letter: Letter, blocks: readonly TextBlock[]): string[] {
  for (const block of blocks) assert.equal(letter.text.slice(block.start, block.end).replace(/\s+/g, ' '), block.text);
  return blocks.map((block) => block.text);
}

function facts(letter: Letter): { states: string[]; specialties: string[]; age?: number; sex?: string } {
  const { reviewer, claimant } = letter;
  return {
    states: texts(letter, reviewer.states),
    specialties: texts(letter, reviewer.specialties),
    ...(claimant.age ? { age: claimant.age.years } : {}),
    ...(claimant.sex ? { sex: claimant.sex.sex } : {}),
  };
}

const CREDENTIALS = `HOW THE IMR FINAL DETERMINATION WAS MADE
MAXIMUS Federal Services sent the complete case file to an expert reviewer.

The Expert Reviewer has the following credentials:
State(s) of Licensure: California,North Carolina
Certification(s)/Specialty: Preventive Medicine, Occupational Medicine, Public Health &
General Preventive Medicine

CLINICAL CASE SUMMARY
The expert reviewer developed the following clinical case summary based on a review of the
case file, including all medical records:

This case involves a now 58-year-old
female with a history of a chronic pain.

IMR ISSUES, DECISIONS AND RATIONALES
`;

describe('facts: the reviewer and the claimant', () => {
  it('reads the credentials block: each state and each specialty, a wrapped specialty whole', () => {
    const letter = parse(CREDENTIALS);
    assert.deepEqual(facts(letter), {
      states: ['California', 'North Carolina'],
      specialties: ['Preventive Medicine', 'Occupational Medicine', 'Public Health & General Preventive Medicine'],
      age: 58,
      sex: 'female',
    });
    assert.equal(letter.reviewer.licensure?.text, 'California,North Carolina');
    assert.equal(letter.reviewer.specialty?.text, 'Preventive Medicine, Occupational Medicine, Public Health & General Preventive Medicine');
    assert.equal(letter.claimant.age?.text, '58-year-old');
    assert.equal(CREDENTIALS.slice(letter.claimant.sex!.start, letter.claimant.sex!.end), 'female');
  });

  it('reads a specialty that wraps past a blank line when it ends with & or a comma (a blank line after every line)', () => {
    const spaced = CREDENTIALS.replace(/\n/g, '\n\n');
    assert.deepEqual(facts(parse(spaced)).specialties, ['Preventive Medicine', 'Occupational Medicine', 'Public Health & General Preventive Medicine']);
    // Without the `&`, the blank line ends the value.
    const ended = bend(spaced, 'Public Health &', 'Public Health');
    assert.deepEqual(facts(parse(ended)).specialties, ['Preventive Medicine', 'Occupational Medicine', 'Public Health']);
  });

  it('reads the sentence form: Board Certified in X and is licensed to practice in Y', () => {
    const text = bend(
      CREDENTIALS,
      /The Expert Reviewer has the following credentials:\n[^]*?\n\n/,
      'The expert reviewer is Board Certified in Physical Medicine and Rehabilitation and is licensed to practice in California and Nevada. He/she has been in active practice.\n\n',
    );
    const letter = parse(text);
    assert.deepEqual(facts(letter).states, ['California', 'Nevada']);
    assert.deepEqual(facts(letter).specialties, ['Physical Medicine and Rehabilitation']);
    assert.equal(letter.reviewer.licensure?.text, 'California and Nevada');
  });

  it('reads the markdown export: labels in bold', () => {
    const text = bend(bend(CREDENTIALS, 'State(s) of Licensure:', '**State(s) of Licensure:**'), 'Certification(s)/Specialty:', '**Certification(s)/Specialty:**');
    assert.deepEqual(facts(parse(text)).states, ['California', 'North Carolina']);
  });

  it('states nothing the letter does not: no credentials, no age, an age without a sex', () => {
    const bare = parse(bend(bend(CREDENTIALS, /The Expert Reviewer[^]*?Medicine\n\n/, ''), 'a now 58-year-old\nfemale with', 'a claimant with'));
    assert.deepEqual(facts(bare), { states: [], specialties: [] });
    assert.equal(bare.reviewer.licensure, undefined);
    // An age not followed by a sex word gives the age alone.
    const ageOnly = parse(bend(CREDENTIALS, '58-year-old\nfemale with', '58-year-old with'));
    assert.deepEqual([ageOnly.claimant.age?.years, ageOnly.claimant.sex], [58, undefined]);
    // An age outside the summary (here in the rationale) is not the claimant's.
    const elsewhere = parse(bend(CREDENTIALS, 'This case involves a now 58-year-old\nfemale', 'This case involves a claimant') + 'A 40 year old male was seen.\n');
    assert.deepEqual(elsewhere.claimant, {});
    assert.deepEqual(parse('not a letter, a 40 year old male').claimant, {});
  });

  it('reads the shared small letter: its licensure and its 48 year old male', () => {
    assert.deepEqual(facts(parse(PLAIN)), { states: ['California'], specialties: [], age: 48, sex: 'male' });
  });

  for (const folder of ['samples', 'corpus', 'corpus-layout', 'gaps']) {
    const dir = path.join(FIXTURES, folder);
    const files = readdirSync(dir).filter((f) => /\.(?:txt|imr)$/.test(f)).sort();

    it(`${folder}: every letter's stated licensure, specialties, age and sex, as an independent line scan finds them`, () => {
      const failures: string[] = [];
      let withAge = 0;
      for (const file of files) {
        const text = readFileSync(path.join(dir, file), 'utf8');
        const got = facts(parse(text));
        const expected: ReturnType<typeof facts> = { states: [], specialties: [] };
        // The label lines, and the line after the specialty when the specialty wraps (no blank line between).
        const lines = text.split(/\r?\n/);
        const at = (label: string): number => lines.findIndex((l) => l.includes(label));
        const licensure = at('State(s) of Licensure:');
        const specialty = at('Certification(s)/Specialty:');
        if (licensure >= 0) expected.states = lines[licensure]!.split(':')[1]!.split(',').map((s) => s.trim()).filter(Boolean);
        if (specialty >= 0) {
          let value = lines[specialty]!.split(':')[1]!.trim();
          if (lines[specialty + 1]!.trim() !== '' && !/CLINICAL CASE SUMMARY/.test(lines[specialty + 1]!)) value += ` ${lines[specialty + 1]!.trim()}`;
          expected.specialties = value.split(',').map((s) => s.trim());
        }
        const sentence = /Board Certified in (.+?) and is licensed to practice in (.+?)\./.exec(text.replace(/\s+/g, ' '));
        if (licensure < 0 && sentence) {
          expected.states = [sentence[2]!];
          expected.specialties = [sentence[1]!];
        }
        const summary = text.search(/CLINICAL CASE SUMMARY/);
        const age = /(\d+)[- ]year[- ]old,?\s+(male|female)?/.exec(text.slice(summary, summary + 1500));
        if (age) {
          withAge++;
          expected.age = Number(age[1]);
          if (age[2]) expected.sex = age[2];
        }
        try {
          assert.deepEqual(got, expected);
        } catch {
          failures.push(`${file}: ${JSON.stringify(got)} != ${JSON.stringify(expected)}`);
        }
      }
      assert.deepEqual(failures, []);
      // Every corpus letter states its claimant's age; two of the five samples do not.
      if (folder.startsWith('corpus')) assert.equal(withAge, files.length);
    });

    it(`${folder}: the same facts whatever the case, spacing or line breaks of the text`, () => {
      const failures: string[] = [];
      const key = (letter: Letter): string => JSON.stringify(facts(letter)).toLowerCase().replace(/\s+/g, ' ');
      for (const file of files) {
        const text = readFileSync(path.join(dir, file), 'utf8');
        const expected = key(parse(text));
        const variants: Array<[string, string]> = [
          ['upper', text.toUpperCase()],
          ['lower', text.toLowerCase()],
          ['doubled spaces', text.replace(/ /g, '  ')],
          ['CRLF', text.replace(/\r?\n/g, '\r\n')],
          ['joined whitespace', text.replace(/\s+/g, ' ')],
        ];
        for (const [name, variant] of variants) if (key(parse(variant)) !== expected) failures.push(`${file} (${name})`);
      }
      assert.deepEqual(failures, []);
    });
  }
});
