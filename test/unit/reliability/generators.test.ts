// The generators of the property tests reach the sizes they state. fast-check's default size stops
// arrays near 10 elements whatever their maxLength: "up to 25 mutations" never made more than 12,
// and the letter soups were a few pieces long, most of them reading as no letter at all.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText } from '../../../src/core';
import { allLetters, FC_SEED, letterPiecesArb, MAX_LETTER_PIECES, mutatedLetterArb, type NamedText } from './mutate';

const SAMPLES = 1000;

const sorted = (values: number[]): number[] => [...values].sort((a, b) => a - b);
const median = (values: number[]): number => sorted(values)[Math.floor(values.length / 2)]!;

describe('reliability: the generators reach the sizes they state', function () {
  this.timeout(120_000);
  let letters: NamedText[];

  before(() => {
    letters = allLetters();
  });

  for (const stated of [6, 25]) {
    it(`"up to ${stated} mutations" makes every count up to ${stated}, the upper half often`, () => {
      const counts = fc.sample(mutatedLetterArb(letters, stated), { seed: FC_SEED, numRuns: SAMPLES }).map((m) => m.mutations.length);
      const max = Math.max(...counts);
      const upperHalf = counts.filter((c) => c > stated / 2).length / SAMPLES;
      console.log(`      ${SAMPLES} samples: ${Math.min(...counts)} to ${max} mutations, median ${median(counts)}, ${(upperHalf * 100).toFixed(0)}% above ${stated / 2}`);
      assert.equal(max, stated, `the most mutations seen is ${max} of ${stated} stated`);
      assert.ok(upperHalf >= 0.3, `only ${(upperHalf * 100).toFixed(0)}% of samples have more than ${stated / 2} mutations`);
    });
  }

  it(`letter soups reach ${MAX_LETTER_PIECES} pieces, and most read as a letter`, () => {
    const soups = fc.sample(letterPiecesArb, { seed: FC_SEED + 2, numRuns: SAMPLES });
    const pieces = soups.map((p) => p.length);
    const chars = soups.map((p) => p.join('').length);
    const read = soups.map((p) => analyzeText(p.join('')).letter);
    // Reads as a letter: the analysis finds a header field, a section or an item in it.
    const asLetters = read.filter((l) => l.header.length + l.sections.length + l.items.length > 0).length / SAMPLES;
    const withItems = read.filter((l) => l.items.length > 0).length / SAMPLES;
    console.log(
      `      ${SAMPLES} soups: pieces median ${median(pieces)}, max ${Math.max(...pieces)}; chars median ${median(chars)}, max ${Math.max(...chars)}; ` +
        `${(asLetters * 100).toFixed(0)}% read as a letter, ${(withItems * 100).toFixed(0)}% with an item`,
    );
    assert.ok(Math.max(...pieces) >= MAX_LETTER_PIECES * 0.9, `at most ${Math.max(...pieces)} pieces of ${MAX_LETTER_PIECES} stated`);
    assert.ok(median(pieces) >= MAX_LETTER_PIECES / 3, `median ${median(pieces)} pieces`);
    assert.ok(asLetters >= 0.5, `only ${(asLetters * 100).toFixed(0)}% of soups read as a letter`);
    assert.ok(withItems >= 0.4, `only ${(withItems * 100).toFixed(0)}% of soups hold an item`);
  });
});
