// Round trips on random texts (fast-check): CRLF, lone CR, tabs, form feeds, non-breaking spaces,
// emoji and math letters outside the BMP, random spans, attributes, relations, notes and dismissals.
// Seed and runs: IMR_FC_SEED, IMR_FC_RUNS (see ../reliability/mutate.ts).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addAnnotation,
  addRelation,
  codePointOffsets,
  dismiss,
  emptyAnnotationSet,
  fragmentText,
  readStandoff,
  setAttribute,
  setNote,
  writeStandoff,
  type AnnotationSet,
} from '../../../src/core';
import { FC_RUNS, FC_SEED, fcTimeout } from '../reliability/mutate';
import { readBrat } from './bratReader';

/** Pieces of letter text, the awkward ones often. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('Norco', 'mg', '10/325', 'right', 'shoulder', 'Upheld', '#60', 'a', 'x') },
  { weight: 4, arbitrary: fc.constantFrom(' ', '  ', '\t', '\f', '\u00a0', '\r\n', '\n', '\r', '\n\n', ' \r\n ') },
  { weight: 3, arbitrary: fc.constantFrom('😀', '𝐀', '𝔘', '🇺🇸', 'é', 'ﬁ', '\u2028', '\ufeff', '👩‍⚕️') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }) },
);
const letterArb = fc.array(piece, { minLength: 0, maxLength: 40 }).map((pieces) => pieces.join(''));

/** Random spans and the rest, made through the editing helpers (as the editor makes them). */
const annotatedArb = letterArb.chain((letter) =>
  fc
    .record({
      spans: fc.array(
        fc.record({
          label: fc.constantFrom('Drug', 'Strength', 'Request', 'My_Label'),
          fragments: fc.array(fc.record({ start: fc.nat({ max: letter.length }), end: fc.nat({ max: letter.length }) }), { minLength: 1, maxLength: 3 }),
        }),
        { maxLength: 8 },
      ),
      notes: fc.array(fc.tuple(fc.nat(), fc.string({ unit: 'grapheme', maxLength: 12 })), { maxLength: 3 }),
      attributes: fc.array(fc.tuple(fc.nat(), fc.constantFrom('Outcome', 'Flag'), fc.option(fc.constantFrom('Upheld', 'Overturned'))), { maxLength: 3 }),
      relations: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
      dismissed: fc.array(fc.record({ start: fc.nat({ max: letter.length }), end: fc.nat({ max: letter.length }) }), { maxLength: 2 }),
    })
    .map((plan) => {
      let set: AnnotationSet = emptyAnnotationSet();
      for (const span of plan.spans) set = addAnnotation(set, letter, span.label, span.fragments)?.set ?? set;
      const ids = set.textBound.map((t) => t.id);
      if (ids.length > 0) {
        for (const [i, text] of plan.notes) set = setNote(set, ids[i % ids.length]!, text);
        for (const [i, name, value] of plan.attributes) set = setAttribute(set, ids[i % ids.length]!, name, value ?? true);
        for (const [a, b] of plan.relations) set = addRelation(set, 'Strength-Drug', ids[a % ids.length]!, ids[b % ids.length]!).set;
      }
      for (const range of plan.dismissed) set = dismiss(set, letter, 'Drug', [range]);
      return { letter, set };
    }),
);

/**
 * The annotations of a set: not what reading reports, nor the ids used in the session (a note set and
 * cleared again used an id the file never shows).
 */
const content = (set: AnnotationSet): Omit<AnnotationSet, 'problems' | 'highestIds'> => {
  const { problems: _problems, highestIds: _highestIds, ...rest } = set;
  return rest;
};

describe('annotations: properties over random texts', function () {
  this.timeout(fcTimeout(120_000));

  it('converts UTF-16 and code point offsets exactly, both ways', () => {
    fc.assert(
      fc.property(letterArb, (letter) => {
        const offsets = codePointOffsets(letter);
        const codePoints = Array.from(letter);
        assert.equal(offsets.codePointLength, codePoints.length);
        let utf16 = 0;
        codePoints.forEach((char, cp) => {
          assert.equal(offsets.toCodePoint(utf16), cp);
          assert.equal(offsets.toUtf16(cp), utf16);
          // Between the halves of a pair: the pair's start.
          if (char.length === 2) assert.equal(offsets.toCodePoint(utf16 + 1), cp);
          utf16 += char.length;
        });
        assert.equal(offsets.toCodePoint(letter.length), codePoints.length);
        assert.equal(offsets.toUtf16(codePoints.length), letter.length);
      }),
      { seed: FC_SEED + 150, numRuns: FC_RUNS },
    );
  });

  it('reads back what it wrote, and an independent brat reader finds each span at its offsets', () => {
    fc.assert(
      fc.property(annotatedArb, ({ letter, set }) => {
        const ann = writeStandoff(set, letter);
        const back = readStandoff(ann, letter);
        assert.deepEqual(back.problems, []);
        assert.deepEqual(content(back), content(set));
        for (const [prefix, n] of Object.entries(back.highestIds)) assert.ok(n <= (set.highestIds[prefix] ?? 0), prefix);
        assert.equal(writeStandoff(back, letter), ann);
        const brat = readBrat(ann, letter);
        assert.deepEqual(brat.errors, []);
        assert.deepEqual(
          brat.spans.map((s) => s.text),
          set.textBound.map((t) => fragmentText(letter, t.fragments)),
        );
        // No fragment crosses a line break or starts or ends between the halves of a pair.
        for (const t of set.textBound) for (const f of t.fragments) assert.ok(!/[\r\n\f\v\u2028]/.test(letter.slice(f.start, f.end)) && f.end > f.start);
      }),
      { seed: FC_SEED + 151, numRuns: FC_RUNS },
    );
  });

  it('keeps every line of a damaged file: what it cannot read comes back verbatim', () => {
    const lineArb = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.constantFrom('T1\tDrug 0 1\tx', 'T1\tDrug 0 9999\tx', 'A1\tOutcome T1 Upheld', 'R1\tStrength-Drug Arg1:T1 Arg2:T2', 'E1\tX:T1', '#1\tAnnotatorNotes T1\tok', 'T2\tDrug 0 1;0 1\tx x'),
    );
    fc.assert(
      fc.property(letterArb, fc.array(lineArb, { maxLength: 12 }), (letter, lines) => {
        const read = readStandoff(lines.join('\n'), letter);
        const written = writeStandoff(read, letter);
        // Each line that was not read into the model is written back unchanged (lines as brat splits
        // them: a form feed in a "line" made two).
        for (const kept of read.other) assert.ok(written.split('\n').includes(kept), kept);
        assert.ok(!/[\r\f\v\u2028\u2029\x85]/.test(written));
        // And the model round-trips with the same problems.
        const again = readStandoff(written, letter);
        assert.deepEqual(content(again), content(read));
        assert.equal(again.problems.length, read.problems.length);
      }),
      { seed: FC_SEED + 152, numRuns: Math.ceil(FC_RUNS / 3) },
    );
  });
});
