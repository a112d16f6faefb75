// Property-based tests (fast-check) over damaged letters: whatever happens to a letter, the core
// never throws, never points outside the text, keeps items in order and entities true to the text,
// and stays linear. Seed and run count: IMR_FC_SEED, IMR_FC_RUNS (see mutate.ts; the seed is printed).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type AnalysisOptions, analysisOptionsFrom, analyzeText, readSettings } from '../../../src/core';
import {
  allLetters,
  applyMutation,
  FC_RUNS as RUNS,
  FC_SEED as SEED,
  fcTimeout,
  fixtureLetters,
  HOSTILE_CHARS,
  invariantProblems,
  letterSoupArb,
  mutatedLetterArb,
  noiseArb,
  type NamedText,
} from './mutate';
import { measurePerCharGrowth } from './perCharGrowth';

function assertSound(text: string, options?: AnalysisOptions): void {
  const problems = invariantProblems(text, analyzeText(text, options));
  assert.deepEqual(problems, [], problems.slice(0, 5).join('\n'));
}

describe('reliability: properties of the core over damaged letters', function () {
  this.timeout(fcTimeout(600_000));
  let letters: NamedText[];
  const counts = { cases: 0, soup: 0, settings: 0, eol: 0 };

  before(() => {
    letters = allLetters();
    console.log(`      fast-check seed ${SEED} (IMR_FC_SEED), ${RUNS} runs per property (IMR_FC_RUNS), ${letters.length} base letters`);
  });

  after(() => {
    console.log(
      `      cases generated: ${counts.cases} mutated letters, ${counts.soup} letter-piece texts, ${counts.settings} hostile settings, ` +
        `${counts.eol} line-ending variants; ${counts.cases + counts.soup + counts.settings + counts.eol} in all`,
    );
  });

  it('every real letter, as it is and with \\n, \\r\\n, \\r or mixed line endings, analyses soundly', () => {
    for (const letter of letters) {
      for (const pattern of [[0], [1], [2], [0, 1, 2], [2, 1]]) {
        assertSound(applyMutation(letter.text, { op: 'lineEndings', pattern }));
        counts.eol++;
      }
    }
  });

  it('analyzeText never throws and every range is sound, on mutated letters', () => {
    fc.assert(
      fc.property(mutatedLetterArb(letters), (m) => {
        counts.cases++;
        assertSound(m.text);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('the same with many mutations at once (up to 25)', () => {
    fc.assert(
      fc.property(mutatedLetterArb(letters, 25), (m) => {
        counts.cases++;
        assertSound(m.text);
      }),
      { seed: SEED + 1, numRuns: Math.ceil(RUNS / 5) },
    );
  });

  it('the same on text assembled from letter pieces and hostile characters', () => {
    fc.assert(
      fc.property(letterSoupArb, (text) => {
        counts.soup++;
        assertSound(text);
      }),
      { seed: SEED + 2, numRuns: RUNS },
    );
  });

  it('the same with user drugs from hostile settings (imr.drugs, imr.rules)', () => {
    const samples = fixtureLetters('samples');
    const drugName = fc.oneof(fc.constantFrom('Zorvolex', 'Valium', 'mg', '', ' ', '#', 'Upheld', 'Decision rationale', 'L4-5'), noiseArb, fc.string({ maxLength: 30 }));
    const drug = fc.oneof(
      drugName,
      fc.record({ name: drugName, generic: fc.option(drugName), class: fc.option(fc.oneof(fc.constantFrom('opioid', 'NSAID', 'bogus'), fc.string())), brands: fc.option(fc.array(drugName, { maxLength: 3 })) }, { requiredKeys: [] }),
      fc.jsonValue(),
    );
    const raw = fc.record(
      {
        drugs: fc.oneof(fc.array(drug, { maxLength: 6 }), fc.jsonValue()),
        rules: fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom('IMR001', 'imr002', 'IMR003', 'IMR004', 'IMR005', 'IMR006'), fc.string()), fc.oneof(fc.constantFrom('off', 'info', 'warning', 'error'), fc.jsonValue())), fc.jsonValue()),
        maxFileSize: fc.jsonValue(),
        run: fc.jsonValue(),
        autoDetect: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(raw, fc.nat({ max: samples.length - 1 }), (settingsRaw, which) => {
        counts.settings++;
        const { settings, problems } = readSettings(settingsRaw);
        for (const p of problems) assert.ok(typeof p.message === 'string' && p.message.length > 0);
        assertSound(samples[which]!.text, analysisOptionsFrom(settings));
      }),
      { seed: SEED + 3, numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('hostile characters alone, and a letter wrapped in them, analyse soundly', () => {
    for (const c of HOSTILE_CHARS) {
      assertSound(c);
      assertSound(c.repeat(1000));
      assertSound(`${c}${letters[0]!.text}${c}`);
    }
    fc.assert(fc.property(noiseArb, (noise) => assertSound(noise + letters[1]!.text.replace(/ /g, noise))), { seed: SEED + 4, numRuns: Math.ceil(RUNS / 30) });
  });

  it('time per byte on an 8× larger input (concatenated letters) stays within 2×', () => {
    // The least CPU time of 7 calls of each size, measured in a process of its own without V8's
    // helper threads (see perCharGrowth.ts): other processes on the cores can only add time to a
    // sample. One measurement, no retries: the bound holds or it does not.
    const { small, large, ratio } = measurePerCharGrowth();
    const perChar = (r: { chars: number; ms: number }): string => `${r.chars} chars in ${r.ms.toFixed(1)} ms (${((r.ms / r.chars) * 1e6).toFixed(0)} ns/char)`;
    console.log(`      least CPU time of 7, one thread: ${perChar(small)}, ${perChar(large)} (${(large.chars / small.chars).toFixed(1)}×): ratio ${ratio.toFixed(2)}`);
    assert.ok(ratio <= 2, `time per char grew ${ratio.toFixed(2)}× on an input ${(large.chars / small.chars).toFixed(1)}× larger`);
  });
});
