// brat standoff read leniently and written deterministically: hand-made letters and .ann files, the
// expectation beside each.
import assert from 'node:assert/strict';
import { emptyAnnotationSet, readStandoff, writeStandoff, type AnnotationSet } from '../../../src/core';
import { readBrat } from './bratReader';

const LETTER = 'Norco 10/325 mg #60: Upheld\nMRI of the right\nshoulder: Overturned\n';

function set(partial: Partial<AnnotationSet>): AnnotationSet {
  return { ...emptyAnnotationSet(), ...partial };
}

describe('annotations: reading brat standoff', () => {
  it('reads T, A, R and # lines, offsets in code points, fragments as written', () => {
    const ann = 'T1\tDrug 0 5\tNorco\nT2\tStrength 6 15\t10/325 mg\nT3\tBodyPart 39 44;45 53\tright shoulder\nR1\tStrength-Drug Arg1:T2 Arg2:T1\nA1\tOutcome T1 Upheld\nA2\tChecked T2\n#1\tAnnotatorNotes T1\tbrand of hydrocodone\n';
    const read = readStandoff(ann, LETTER);
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.textBound, [
      { id: 'T1', label: 'Drug', fragments: [{ start: 0, end: 5 }], text: 'Norco' },
      { id: 'T2', label: 'Strength', fragments: [{ start: 6, end: 15 }], text: '10/325 mg' },
      { id: 'T3', label: 'BodyPart', fragments: [{ start: 39, end: 44 }, { start: 45, end: 53 }], text: 'right shoulder' },
    ]);
    assert.deepEqual(read.relations, [{ id: 'R1', type: 'Strength-Drug', arg1: 'T2', arg2: 'T1' }]);
    assert.deepEqual(read.attributes, [
      { id: 'A1', name: 'Outcome', target: 'T1', value: 'Upheld' },
      { id: 'A2', name: 'Checked', target: 'T2' },
    ]);
    assert.deepEqual(read.notes, [{ id: '#1', type: 'AnnotatorNotes', target: 'T1', text: 'brand of hydrocodone' }]);
    assert.deepEqual(read.highestIds, { T: 3, R: 1, A: 2, '#': 1 });
    assert.equal(writeStandoff(read, LETTER), ann);
  });

  it('counts code points: a character outside the BMP is one, a CRLF two', () => {
    const letter = '😀 x\r\n𝐀 Norco';
    // Code points: 😀=0, space=1, x=2, \r=3, \n=4, 𝐀=5, space=6, Norco=7..12.
    const read = readStandoff('T1\tDrug 7 12\tNorco\nT2\tOther 0 1\t😀\n', letter);
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.textBound[0]!.fragments, [{ start: 9, end: 14 }]);
    assert.deepEqual(read.textBound[1]!.fragments, [{ start: 0, end: 2 }]);
    assert.equal(writeStandoff(read, letter), 'T1\tDrug 7 12\tNorco\nT2\tOther 0 1\t😀\n');
  });

  it('reads a hand-edited file leniently, reporting each bad line with its number and keeping it', () => {
    const ann = [
      '\ufeffT10\tDrug 0 5\tNorco', // a byte order mark, an id out of order
      'T2\tStrength  6   15', // no text column, extra spaces
      '',
      'T3\tDrug 0 5\tNorko', // text differs from the letter
      'T4\tDrug 5 2\tx', // start after end
      'T5\tDrug 0 999\tx', // past the end
      'this line has no tab',
      'T2\tDrug 0 5\tNorco', // duplicate id
      'X1\tSomething else',
      'E1\tTreatment:T1 Theme:T2', // an event: kept, not modelled
      'N1\tReference T1 RxNorm:7804\tNorco', // a normalisation: kept
      '*\tEquiv T1 T3',
      'R1\tStrength-Drug T2 T1', // roles missing
      'A1\tOutcome', // no target
      '#1\tAnnotatorNotes T10\tchecked\twith a tab',
      'T6\tDrug 0 5;3 8\tNorco 10/', // overlapping fragments
      'T7\tDrug a b\tx',
    ].join('\r\n');
    const read = readStandoff(ann, LETTER);
    assert.deepEqual(read.problems, [
      { line: 2, message: 'T2: no text column: the text is taken from the letter' },
      { line: 4, message: 'T3: the text "Norko" is not the letter\'s "Norco" at these offsets' },
      { line: 5, message: 'T4: offsets 5 2: the start is after the end' },
      { line: 6, message: `T5: offsets 0 999 run past the end of the letter (${LETTER.length} characters)` },
      { line: 7, message: 'no tab after the id: expected "ID<tab>..."' },
      { line: 8, message: 'the id T2 is used twice; this line is kept as it is' },
      { line: 9, message: 'X1: unknown annotation kind "X" (expected T, A, R, E, N, M, * or #)' },
      { line: 13, message: 'R1: expected "TYPE Arg1:ID Arg2:ID"' },
      { line: 14, message: 'A1: expected "NAME TARGET [VALUE]"' },
      { line: 16, message: 'T6: fragments 0 5 and 3 8 overlap' },
      { line: 17, message: 'T7: offsets "a b" are not two whole numbers' },
    ]);
    // Read, in id order; the mismatching text kept as written.
    assert.deepEqual(
      read.textBound.map((t) => `${t.id} ${t.label} ${t.text}`),
      ['T2 Strength 10/325 mg', 'T3 Drug Norko', 'T10 Drug Norco'],
    );
    assert.deepEqual(read.notes, [{ id: '#1', type: 'AnnotatorNotes', target: 'T10', text: 'checked\twith a tab' }]);
    // Ids of unread lines are not given again.
    assert.deepEqual(read.highestIds, { T: 10, E: 1, N: 1, R: 1, A: 1, '#': 1, X: 1 });
    // Nothing dropped on save: the lines not read come back verbatim after the others.
    assert.equal(
      writeStandoff(read, LETTER),
      [
        'T2\tStrength 6 15\t10/325 mg',
        'T3\tDrug 0 5\tNorko',
        'T10\tDrug 0 5\tNorco',
        '#1\tAnnotatorNotes T10\tchecked\twith a tab',
        'T4\tDrug 5 2\tx',
        'T5\tDrug 0 999\tx',
        'this line has no tab',
        'T2\tDrug 0 5\tNorco',
        'X1\tSomething else',
        'E1\tTreatment:T1 Theme:T2',
        'N1\tReference T1 RxNorm:7804\tNorco',
        '*\tEquiv T1 T3',
        'R1\tStrength-Drug T2 T1',
        'A1\tOutcome',
        'T6\tDrug 0 5;3 8\tNorco 10/',
        'T7\tDrug a b\tx',
        '',
      ].join('\n'),
    );
  });

  it('accepts whitespace after the text, and relations with other role names as written', () => {
    const read = readStandoff('T1\tDrug 0 5\tNorco  \nR1\tLink From:T1 To:T1\n', LETTER);
    assert.deepEqual(read.problems, []);
    assert.equal(read.textBound[0]!.text, 'Norco');
    assert.deepEqual(read.other, ['R1\tLink From:T1 To:T1']);
  });

  it('reads and writes dismissals as notes that target themselves', () => {
    const ann = '#2\tIMRDismissed #2\tDrug 0 5\tNorco\n';
    const read = readStandoff(ann, LETTER);
    assert.deepEqual(read.dismissals, [{ id: '#2', label: 'Drug', fragments: [{ start: 0, end: 5 }], text: 'Norco' }]);
    assert.deepEqual(read.notes, []);
    assert.equal(writeStandoff(read, LETTER), ann);
    assert.deepEqual(readBrat(ann, LETTER).errors, []);
  });

  it('reads an empty file as an empty set', () => {
    assert.deepEqual(readStandoff('', LETTER), emptyAnnotationSet());
    assert.deepEqual(readStandoff('\n\r\n  \n', LETTER), emptyAnnotationSet());
    assert.equal(writeStandoff(emptyAnnotationSet(), LETTER), '');
  });
});

describe('annotations: writing brat standoff', () => {
  it('splits a span that crosses a line break into fragments, the text joined by a space', () => {
    const letter = 'MRI of the right \r\n  shoulder\n\nand neck';
    const start = letter.indexOf('right');
    const written = writeStandoff(set({ textBound: [{ id: 'T1', label: 'BodyPart', fragments: [{ start, end: letter.length }], text: letter.slice(start) }] }), letter);
    assert.equal(written, 'T1\tBodyPart 11 16;21 29;31 39\tright shoulder and neck\n');
    assert.deepEqual(readBrat(written, letter).errors, []);
    // A text that no longer matches the letter is kept as recorded (line breaks made spaces), for the
    // person to confirm; the fragments are split all the same.
    const stale = writeStandoff(set({ textBound: [{ id: 'T1', label: 'BodyPart', fragments: [{ start, end: letter.length }], text: 'left\nshoulder' }] }), letter);
    assert.equal(stale, 'T1\tBodyPart 11 16;21 29;31 39\tleft shoulder\n');
    const matching = writeStandoff(set({ textBound: [{ id: 'T1', label: 'BodyPart', fragments: [{ start, end: letter.indexOf('shoulder') + 8 }], text: 'right \r\n  shoulder' }] }), letter);
    assert.equal(matching, 'T1\tBodyPart 11 16;21 29\tright shoulder\n');
    assert.deepEqual(readBrat(matching, letter).errors, []);
  });

  it('splits at a form feed too: brat reads its .ann with Python\'s splitlines, which ends a line there', () => {
    const letter = 'Decision rationale: not\fnecessary';
    const s = set({ textBound: [{ id: 'T1', label: 'Rationale', fragments: [{ start: 20, end: letter.length }], text: letter.slice(20) }] });
    assert.equal(writeStandoff(s, letter), 'T1\tRationale 20 23;24 33\tnot necessary\n');
    // A form feed in a hand-written line makes two lines, as brat reads it.
    const read = readStandoff('T1\tDrug 0 8\tDecision\f#1\tAnnotatorNotes T1\tok\n', letter);
    assert.deepEqual([read.textBound.length, read.notes.length, read.problems], [1, 1, []]);
  });

  it('orders lines by kind and id number, whatever order the set holds them in', () => {
    const s = set({
      textBound: [
        { id: 'T10', label: 'Drug', fragments: [{ start: 0, end: 5 }], text: 'Norco' },
        { id: 'T2', label: 'Strength', fragments: [{ start: 6, end: 15 }], text: '10/325 mg' },
      ],
      attributes: [{ id: 'A1', name: 'Outcome', target: 'T10', value: 'Upheld' }],
      relations: [{ id: 'R1', type: 'Strength-Drug', arg1: 'T2', arg2: 'T10' }],
    });
    assert.equal(writeStandoff(s, LETTER), 'T2\tStrength 6 15\t10/325 mg\nT10\tDrug 0 5\tNorco\nR1\tStrength-Drug Arg1:T2 Arg2:T10\nA1\tOutcome T10 Upheld\n');
  });

  it('never writes a line break inside a line, nor a space inside a label', () => {
    const s = set({
      textBound: [{ id: 'T1', label: 'Denial reason', fragments: [{ start: 0, end: 5 }], text: 'Norco' }],
      notes: [{ id: '#1', type: 'AnnotatorNotes', target: 'T1', text: 'two\nlines' }],
    });
    assert.equal(writeStandoff(s, LETTER), 'T1\tDenial_reason 0 5\tNorco\n#1\tAnnotatorNotes T1\ttwo lines\n');
  });

  it('widens an offset between the halves of a surrogate pair to the whole character', () => {
    const letter = 'a😀b';
    const s = set({ textBound: [{ id: 'T1', label: 'X', fragments: [{ start: 0, end: 2 }], text: 'a\ud83d' }] });
    assert.equal(writeStandoff(s, letter), 'T1\tX 0 2\ta\ud83d\n');
    assert.deepEqual(readStandoff('T1\tX 0 2\ta😀\n', letter).textBound[0]!.fragments, [{ start: 0, end: 3 }]);
  });
});
