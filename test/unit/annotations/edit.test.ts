// The editor's pure helpers: spans moving with edits, ids never given twice, notes, attributes,
// relations, suggestions and their dismissals.
import assert from 'node:assert/strict';
import {
  acceptSuggestion,
  addAnnotation,
  addRelation,
  analyzeText,
  changedSpans,
  confirmText,
  dismissSuggestion,
  emptyAnnotationSet,
  moveAnnotations,
  preAnnotate,
  readStandoff,
  relabel,
  removeAnnotation,
  setAttribute,
  setNote,
  suggestions,
  writeStandoff,
  type AnnotationSet,
  type TextChange,
} from '../../../src/core';
import { PLAIN } from '../helpers/letters';

const LETTER = 'Take Norco 10 mg daily.';

function annotated(...spans: [string, number, number][]): AnnotationSet {
  let set = emptyAnnotationSet();
  for (const [label, start, end] of spans) set = addAnnotation(set, LETTER, label, [{ start, end }])!.set;
  return set;
}

/** Applies changes one after another, as moveAnnotations reads them. */
const apply = (text: string, changes: readonly TextChange[]): string => changes.reduce((t, c) => t.slice(0, c.start) + c.text + t.slice(c.end), text);

describe('annotations: editing helpers', () => {
  describe('moveAnnotations', () => {
    const norco = (): AnnotationSet => annotated(['Drug', 5, 10], ['Strength', 11, 16]);
    const spansOf = (set: AnnotationSet, text: string): string[] => set.textBound.map((t) => t.fragments.map((f) => text.slice(f.start, f.end)).join('|'));

    it('shifts spans after an edit and leaves those before it', () => {
      const change = { start: 0, end: 4, text: 'Please take' };
      const moved = moveAnnotations(norco(), [change]);
      assert.deepEqual(spansOf(moved.set, apply(LETTER, [change])), ['Norco', '10 mg']);
      assert.deepEqual(moved.changed, []);
      const after = { start: 17, end: 22, text: 'twice daily' };
      assert.equal(moveAnnotations(norco(), [after]).set.textBound[1]!.fragments[0]!.end, 16);
    });

    it('does not grow a span with text typed just before or just after it', () => {
      const before = { start: 5, end: 5, text: 'generic ' };
      const afterIt = { start: 10, end: 10, text: ',' };
      const moved = moveAnnotations(norco(), [afterIt, before]);
      assert.deepEqual(spansOf(moved.set, apply(LETTER, [afterIt, before])), ['Norco', '10 mg']);
      assert.deepEqual(moved.changed, []);
    });

    it('reports a span whose text was edited, keeping its recorded text, and covers the new text', () => {
      const typo = { start: 7, end: 8, text: 'rr' };
      const text = apply(LETTER, [typo]);
      const moved = moveAnnotations(norco(), [typo]);
      assert.deepEqual(moved.changed, ['T1']);
      assert.deepEqual(spansOf(moved.set, text), ['Norrco', '10 mg']);
      assert.equal(moved.set.textBound[0]!.text, 'Norco');
      assert.deepEqual(changedSpans(moved.set, text).map((t) => t.id), ['T1']);
      // Saved and read back, the change is reported until it is confirmed.
      assert.equal(readStandoff(writeStandoff(moved.set, text), text).problems.length, 1);
      const confirmed = confirmText(moved.set, 'T1', text);
      assert.deepEqual(changedSpans(confirmed, text), []);
      assert.deepEqual(readStandoff(writeStandoff(confirmed, text), text).problems, []);
    });

    it('resizes a span an edit overlaps at either end', () => {
      const change = { start: 3, end: 7, text: 'X' }; // "e No" → "X"
      const text = apply(LETTER, [change]);
      const moved = moveAnnotations(norco(), [change]);
      assert.deepEqual(spansOf(moved.set, text), ['Xrco', '10 mg']);
      assert.deepEqual(moved.changed, ['T1']);
      const end = { start: 14, end: 18, text: 'g' }; // "mg d" → "g"
      assert.deepEqual(spansOf(moveAnnotations(norco(), [end]).set, apply(LETTER, [end])), ['Norco', '10 g']);
    });

    it('keeps a span whose text was all deleted, empty and reported', () => {
      const change = { start: 4, end: 11, text: '' };
      const moved = moveAnnotations(norco(), [change]);
      assert.deepEqual(moved.set.textBound[0]!.fragments, [{ start: 4, end: 4 }]);
      assert.deepEqual(moved.changed, ['T1']);
      assert.deepEqual(moved.set.textBound[1]!.fragments, [{ start: 4, end: 9 }]);
    });

    it('applies several changes in turn, as an editor reports them (last position first)', () => {
      const changes = [
        { start: 17, end: 17, text: '!!' },
        { start: 0, end: 0, text: '>> ' },
      ];
      const moved = moveAnnotations(norco(), changes);
      assert.deepEqual(spansOf(moved.set, apply(LETTER, changes)), ['Norco', '10 mg']);
    });

    it('moves dismissals with the text', () => {
      const set = dismissSuggestion(emptyAnnotationSet(), LETTER, { key: '', kind: 'add', label: 'Drug', fragments: [{ start: 5, end: 10 }], text: 'Norco' });
      const moved = moveAnnotations(set, [{ start: 0, end: 0, text: 'xx' }]);
      assert.deepEqual(moved.set.dismissals[0]!.fragments, [{ start: 7, end: 12 }]);
    });
  });

  it('never gives an id twice in a session, even after a removal', () => {
    let set = annotated(['Drug', 5, 10], ['Strength', 11, 16]);
    set = removeAnnotation(set, 'T2');
    const added = addAnnotation(set, LETTER, 'Strength', [{ start: 11, end: 16 }])!;
    assert.equal(added.id, 'T3');
    // Ids read from a file count too, including those of lines that could not be read.
    const read = readStandoff('T7\tDrug 5 10\tNorco\nT9\tbroken\n', LETTER);
    assert.equal(addAnnotation(read, LETTER, 'Drug', [{ start: 0, end: 4 }])!.id, 'T10');
  });

  it('normalises a new span: merged, split at line breaks, and nothing from a line break alone', () => {
    const text = 'Norco\r\n10 mg';
    const added = addAnnotation(emptyAnnotationSet(), text, 'Drug', [{ start: 2, end: 9 }, { start: 0, end: 3 }])!;
    assert.deepEqual(added.set.textBound[0], { id: 'T1', label: 'Drug', fragments: [{ start: 0, end: 5 }, { start: 7, end: 9 }], text: 'Norco 10' });
    assert.equal(addAnnotation(emptyAnnotationSet(), text, 'Drug', [{ start: 5, end: 7 }]), undefined);
  });

  it('relabels, removes with what depends on it, and sets notes and attributes', () => {
    let set = annotated(['Drug', 5, 10], ['Strength', 11, 16]);
    set = addRelation(set, 'Strength-Drug', 'T2', 'T1').set;
    set = setAttribute(set, 'T1', 'Outcome', 'Upheld');
    set = setAttribute(set, 'T1', 'Outcome', 'Overturned');
    set = setAttribute(set, 'T2', 'Checked', true);
    set = setNote(set, 'T1', 'brand name');
    set = setNote(set, 'T1', 'brand of hydrocodone');
    set = relabel(set, 'T2', 'Dosage');
    assert.equal(
      writeStandoff(set, LETTER),
      'T1\tDrug 5 10\tNorco\nT2\tDosage 11 16\t10 mg\nR1\tStrength-Drug Arg1:T2 Arg2:T1\nA1\tOutcome T1 Overturned\nA2\tChecked T2\n#1\tAnnotatorNotes T1\tbrand of hydrocodone\n',
    );
    assert.equal(writeStandoff(setAttribute(setNote(set, 'T1', ''), 'T2', 'Checked', undefined), LETTER).includes('#1'), false);
    assert.equal(writeStandoff(removeAnnotation(set, 'T1'), LETTER), 'T2\tDosage 11 16\t10 mg\nA2\tChecked T2\n');
  });

  describe('suggestions', () => {
    const letter = PLAIN;
    const analyzer = preAnnotate(analyzeText(letter));

    it('offers every analyzer span to an empty set, and nothing to its own pre-annotation', () => {
      const offered = suggestions(emptyAnnotationSet(), analyzer);
      assert.equal(offered.length, analyzer.textBound.length);
      assert.ok(offered.every((s) => s.kind === 'add'));
      assert.deepEqual(suggestions(analyzer, analyzer), []);
      assert.equal(new Set(offered.map((s) => s.key)).size, offered.length);
    });

    it('accepting every suggestion gives the analyzer set, outcomes included', () => {
      let kept = emptyAnnotationSet();
      for (const s of suggestions(kept, analyzer)) kept = acceptSuggestion(kept, letter, s);
      assert.deepEqual(suggestions(kept, analyzer), []);
      assert.equal(kept.attributes.length, analyzer.attributes.length);
    });

    it('suggests a relabel where the kept label is not the analyzer\'s, and an outcome where it differs', () => {
      const drug = analyzer.textBound.find((t) => t.label === 'Drug')!;
      const request = analyzer.textBound.find((t) => t.label === 'Request')!;
      let kept = addAnnotation(emptyAnnotationSet(), letter, 'Strength', drug.fragments)!.set;
      const added = addAnnotation(kept, letter, 'Request', request.fragments)!;
      kept = setAttribute(added.set, added.id, 'Outcome', 'Overturned');
      const offered = suggestions(kept, analyzer);
      const relabelIt = offered.find((s) => s.kind === 'relabel')!;
      assert.deepEqual([relabelIt.label, relabelIt.keptId, relabelIt.keptLabel, relabelIt.text], ['Drug', 'T1', 'Strength', drug.text]);
      const outcome = offered.find((s) => s.kind === 'attribute')!;
      assert.deepEqual([outcome.keptId, outcome.attributes], [added.id, [{ name: 'Outcome', value: 'Upheld' }]]);
      const accepted = acceptSuggestion(acceptSuggestion(kept, letter, relabelIt), letter, outcome);
      assert.equal(accepted.textBound[0]!.label, 'Drug');
      assert.deepEqual(accepted.attributes.map((a) => a.value), ['Upheld']);
    });

    it('does not offer a dismissed suggestion again, also after saving and reading the .ann', () => {
      const [first, second] = suggestions(emptyAnnotationSet(), analyzer);
      let kept = dismissSuggestion(emptyAnnotationSet(), letter, first!);
      kept = dismissSuggestion(kept, letter, first!);
      assert.equal(kept.dismissals.length, 1);
      const reread = readStandoff(writeStandoff(kept, letter), letter);
      const offered = suggestions(reread, analyzer);
      assert.ok(!offered.some((s) => s.key === first!.key));
      assert.ok(offered.some((s) => s.key === second!.key));
      assert.equal(offered.length, analyzer.textBound.length - 1);
    });
  });
});
