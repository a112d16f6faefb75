// Exchange formats and agreement: JSONL and CoNLL on hand-made letters, JSONL round trips on every
// fixture letter, and precision, recall, F1 and kappa computed by hand.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  addAnnotation,
  agree,
  analyzeText,
  bioTokens,
  emptyAnnotationSet,
  fromJsonl,
  kappa,
  preAnnotate,
  setAttribute,
  toConll,
  toJsonl,
  type AnnotationSet,
} from '../../../src/core';

const content = (set: AnnotationSet) => ({ textBound: set.textBound, attributes: set.attributes, relations: set.relations, notes: set.notes });

/** A set from `[label, start, end]` triples over `text`, with optional outcomes by index. */
function spans(text: string, list: [string, number, number][], outcomes: Record<number, string> = {}): AnnotationSet {
  let set = emptyAnnotationSet();
  list.forEach(([label, start, end], i) => {
    const added = addAnnotation(set, text, label, [{ start, end }])!;
    set = outcomes[i] ? setAttribute(added.set, added.id, 'Outcome', outcomes[i]) : added.set;
  });
  return set;
}

describe('annotations: JSONL', () => {
  it('writes code point offsets, one span per fragment with the annotation id', () => {
    const text = '😀 Norco\nright\nshoulder';
    let set = spans(text, [['Drug', 3, 8]]);
    set = addAnnotation(set, text, 'BodyPart', [{ start: 9, end: 23 }])!.set;
    const record = toJsonl(text, set, { name: 'x' });
    assert.deepEqual(record.spans, [
      { start: 2, end: 7, label: 'Drug', id: 'T1' },
      { start: 8, end: 13, label: 'BodyPart', id: 'T2' },
      { start: 14, end: 22, label: 'BodyPart', id: 'T2' },
    ]);
    assert.equal(record.meta.name, 'x');
    // What Python would slice: code points.
    assert.equal(Array.from(text).slice(2, 7).join(''), 'Norco');
    const back = fromJsonl(JSON.parse(JSON.stringify(record)));
    assert.ok('set' in back);
    assert.equal(back.text, text);
    assert.deepEqual(content(back.set), content(set));
  });

  it('reads records from other tools: spans without ids, and reports bad ones', () => {
    const back = fromJsonl({ text: 'Norco 10 mg', spans: [{ start: 0, end: 5, label: 'Drug' }, { start: 6, end: 99, label: 'Strength' }, { start: 6, end: 11, label: 'Strength', id: 'T4' }] }, 7);
    assert.ok('set' in back);
    assert.deepEqual(back.set.textBound.map((t) => [t.id, t.label, t.text]), [['T4', 'Strength', '10 mg'], ['T5', 'Drug', 'Norco']]);
    assert.deepEqual(back.set.problems.map((p) => p.line), [7]);
    assert.deepEqual(fromJsonl([1, 2]), { error: 'line 1: expected an object with a "text" string' });
  });

  it('round-trips every fixture letter\'s pre-annotation', () => {
    const root = path.join(__dirname, '..', '..', 'fixtures');
    for (const folder of ['corpus', 'corpus-layout', 'samples']) {
      for (const name of fs.readdirSync(path.join(root, folder)).filter((n) => n.endsWith('.txt'))) {
        const text = fs.readFileSync(path.join(root, folder, name), 'utf8');
        const set = preAnnotate(analyzeText(text));
        const back = fromJsonl(JSON.parse(JSON.stringify(toJsonl(text, set))));
        assert.ok('set' in back, name);
        assert.deepEqual(back.set.problems, [], name);
        assert.deepEqual(content(back.set), content(set), name);
      }
    }
  });
});

describe('annotations: CoNLL BIO', () => {
  it('tags tokens, the shorter of nested annotations first, a blank line between paragraphs', () => {
    const text = 'Norco 10/325 mg #60: Upheld\n\nNext';
    const set = spans(text, [['Request', 0, 19], ['Drug', 0, 5], ['Strength', 6, 15]]);
    assert.equal(toConll(text, set), ['-DOCSTART- O', '', 'Norco B-Drug', '10 B-Strength', '/ I-Strength', '325 I-Strength', 'mg I-Strength', '# O', '60 O', ': O', 'Upheld O', '', 'Next O', '', ''].join('\n'));
    // Without the inner labels, the Request is kept.
    assert.deepEqual(bioTokens(text, set, { labels: ['Request'] }).slice(0, 8).map((t) => t.tag), ['B-Request', 'I-Request', 'I-Request', 'I-Request', 'I-Request', 'I-Request', 'I-Request', 'O']);
  });

  it('continues a span across a line break and starts a new one after an untagged token', () => {
    const text = 'right\nshoulder and knee';
    let set = addAnnotation(emptyAnnotationSet(), text, 'BodyPart', [{ start: 0, end: 14 }])!.set;
    set = addAnnotation(set, text, 'BodyPart', [{ start: 19, end: 23 }])!.set;
    assert.deepEqual(bioTokens(text, set).map((t) => `${t.text} ${t.tag}`), ['right B-BodyPart', 'shoulder I-BodyPart', 'and O', 'knee B-BodyPart']);
  });
});

describe('annotations: agreement', () => {
  const text = 'Norco 10 mg and Valium 5 mg, Soma; Lyrica 75 mg.';
  //            0    5    10   15   20   25   30   35   40   45

  it('counts exact and overlapping matches per label and overall', () => {
    // A: Drug Norco, Valium, Soma, Lyrica; Strength 10 mg, 5 mg.
    const a = spans(text, [['Drug', 0, 5], ['Drug', 16, 22], ['Drug', 29, 33], ['Drug', 35, 41], ['Strength', 6, 11], ['Strength', 23, 27]]);
    // B: Norco exact, "Valium 5" overlaps Valium, Lyrica missed, "and" a false one; Strength 10 mg
    // exact, "mg" overlapping 5 mg, "75 mg" false.
    const b = spans(text, [['Drug', 0, 5], ['Drug', 16, 24], ['Drug', 29, 33], ['Drug', 12, 15], ['Strength', 6, 11], ['Strength', 25, 27], ['Strength', 42, 47]]);
    const result = agree([{ name: 'x', a, b }]);
    // Drug exact: tp 2 (Norco, Soma), fp 2, fn 2 → P = R = F1 = 0.5.
    assert.deepEqual(result.labels.Drug, { tp: 2, fp: 2, fn: 2, precision: 0.5, recall: 0.5, f1: 0.5, lenient: { tp: 3, fp: 1, fn: 1, precision: 0.75, recall: 0.75, f1: 0.75 } });
    // Strength exact: tp 1, fp 2, fn 1 → P 1/3, R 1/2, F1 = 2·(1/3)(1/2)/(5/6) = 0.4.
    const strength = result.labels.Strength!;
    assert.deepEqual([strength.tp, strength.fp, strength.fn], [1, 2, 1]);
    assert.ok(Math.abs(strength.precision - 1 / 3) < 1e-12 && strength.recall === 0.5 && Math.abs(strength.f1 - 0.4) < 1e-12);
    assert.deepEqual([strength.lenient.tp, strength.lenient.fp, strength.lenient.fn], [2, 1, 0]);
    // Overall exact: tp 3, fp 4, fn 3 → P 3/7, R 1/2, F1 = 6/13.
    assert.deepEqual([result.overall.tp, result.overall.fp, result.overall.fn], [3, 4, 3]);
    assert.ok(Math.abs(result.overall.f1 - 6 / 13) < 1e-12);
  });

  it('matches one to one: two B spans over one A span make one true and one false positive', () => {
    const a = spans(text, [['Drug', 0, 11]]);
    const b = spans(text, [['Drug', 0, 5], ['Drug', 6, 11]]);
    const lenient = agree([{ name: 'x', a, b }]).labels.Drug!.lenient;
    assert.deepEqual([lenient.tp, lenient.fp, lenient.fn], [1, 1, 0]);
  });

  it('scores nothing against nothing as zeros, not NaN', () => {
    const result = agree([{ name: 'x', a: emptyAnnotationSet(), b: emptyAnnotationSet() }]);
    assert.deepEqual(result.overall, { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0, lenient: { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 } });
    assert.equal(result.outcomes.kappa, null);
  });

  it("computes Cohen's kappa on the outcomes of items both marked", () => {
    // 10 items: both Upheld 5, both Overturned 2, A Upheld/B Overturned 2, A Overturned/B Upheld 1.
    // po = 0.7; A: 7 U, 3 O; B: 6 U, 4 O; pe = 0.7·0.6 + 0.3·0.4 = 0.54; κ = 0.16/0.46.
    const table = { Upheld: { Upheld: 5, Overturned: 2 }, Overturned: { Upheld: 1, Overturned: 2 } };
    const k = kappa(table);
    assert.equal(k.pairs, 10);
    assert.ok(Math.abs(k.observed - 0.7) < 1e-12 && Math.abs(k.expected - 0.54) < 1e-12 && Math.abs(k.kappa! - 0.16 / 0.46) < 1e-12);
    assert.equal(kappa({ Upheld: { Upheld: 4 } }).kappa, null);
    assert.equal(kappa({ Upheld: { Upheld: 4 }, Overturned: { Overturned: 1 } }).kappa, 1);
  });

  it('pairs Request spans by span for the outcomes, counting those only one annotator marked', () => {
    const letter = 'Norco #60: Upheld\nMRI: Overturned\nPT: Upheld\n';
    const a = spans(letter, [['Request', 0, 9], ['Request', 18, 21], ['Request', 34, 36]], { 0: 'Upheld', 1: 'Overturned', 2: 'Upheld' });
    // B: the first item a little longer (overlap), the second judged Upheld, the third not marked.
    const b = spans(letter, [['Request', 0, 5], ['Request', 18, 21]], { 0: 'Upheld', 1: 'Upheld' });
    const outcomes = agree([{ name: 'x', a, b }]).outcomes;
    assert.deepEqual(outcomes.confusion, { Overturned: { Overturned: 0, Upheld: 1 }, Upheld: { Overturned: 0, Upheld: 1 } });
    assert.deepEqual([outcomes.pairs, outcomes.agreed, outcomes.onlyA, outcomes.onlyB], [2, 1, 1, 0]);
    // po 0.5; A: 1 U, 1 O; B: 2 U → pe = 0.5·1 + 0.5·0 = 0.5 → κ = 0.
    assert.equal(outcomes.kappa, 0);
  });
});
