// Every fixture letter, pre-annotated, written as brat standoff and read back: the same annotations,
// and an independent brat reader finds every span's text at its offsets.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText, annotationConf, LABELS, preAnnotate, readStandoff, writeStandoff, type AnnotationSet } from '../../../src/core';
import { readBrat, readConf } from './bratReader';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');
const letters = ['corpus', 'corpus-layout', 'samples'].flatMap((folder) =>
  fs
    .readdirSync(path.join(FIXTURES, folder))
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ name: `${folder}/${name}`, text: fs.readFileSync(path.join(FIXTURES, folder, name), 'utf8') })),
);

/** The set without what reading reports: what a round trip must keep. */
const content = (set: AnnotationSet): Omit<AnnotationSet, 'problems'> => {
  const { problems: _problems, ...rest } = set;
  return rest;
};

describe('annotations: every fixture letter round-trips through brat standoff', () => {
  let sets: AnnotationSet[];
  before(() => {
    sets = letters.map(({ text }) => preAnnotate(analyzeText(text)));
  });

  it('has fixture letters to check', () => {
    assert.ok(letters.length > 300, `${letters.length} letters`);
  });

  it('reads back exactly what it wrote, with no problem, and writes the same text again', () => {
    let spans = 0;
    let relations = 0;
    let outcomes = 0;
    letters.forEach(({ name, text }, i) => {
      const set = sets[i]!;
      const ann = writeStandoff(set, text);
      const back = readStandoff(ann, text);
      assert.deepEqual(back.problems, [], name);
      assert.deepEqual(content(back), content(set), name);
      assert.equal(writeStandoff(back, text), ann, name);
      spans += set.textBound.length;
      relations += set.relations.length;
      outcomes += set.attributes.length;
    });
    assert.ok(spans > 10_000 && relations > 100 && outcomes > 300, `${spans} spans, ${relations} relations, ${outcomes} outcomes`);
  });

  it('writes files an independent brat reader reads without an error, each span the letter at its offsets', () => {
    const conf = readConf(annotationConf());
    letters.forEach(({ name, text }, i) => {
      const set = sets[i]!;
      const doc = readBrat(writeStandoff(set, text), text);
      assert.deepEqual(doc.errors, [], name);
      assert.equal(doc.spans.length, set.textBound.length, name);
      for (const span of doc.spans) assert.ok(conf.entities.includes(span.type), `${name}: ${span.type} is declared`);
      const types = new Map(doc.spans.map((s) => [s.id, s.type]));
      for (const relation of doc.relations) {
        const declared = conf.relations.get(relation.type);
        assert.ok(declared, `${name}: relation ${relation.type} is declared`);
        assert.deepEqual([types.get(relation.args[0]![1]), types.get(relation.args[1]![1])], declared, `${name}: ${relation.id}`);
      }
      for (const attribute of doc.attributes) {
        const declared = conf.attributes.get(attribute.type);
        assert.ok(declared && declared.targets.includes(types.get(attribute.target)!) && declared.values!.includes(attribute.value!), `${name}: ${attribute.id}`);
      }
    });
  });

  it('gives every label of the table to some fixture, except those the analyzer never gives', () => {
    const given = new Set<string>();
    for (const set of sets) for (const t of set.textBound) given.add(t.label);
    const notGiven = LABELS.filter((l) => !given.has(l.name)).map((l) => l.name);
    assert.deepEqual(notGiven, LABELS.filter((l) => !l.kinds && !l.part).map((l) => l.name));
  });
});
