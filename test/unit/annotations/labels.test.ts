// The labels table, the annotation.conf written from it, and the pre-annotation that uses it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeText, annotationConf, DEFAULT_SCHEMA, extendSchema, LABELS, labelOfKind, preAnnotate, RELATIONS, type EntityKind } from '../../../src/core';
import { bend, PLAIN } from '../helpers/letters';
import { readConf } from './bratReader';

const ALL_KINDS: readonly EntityKind[] = [
  'drug', 'strength', 'quantity', 'form', 'route', 'frequency', 'duration', 'refills', 'sessions',
  'timeQualifier', 'guideline', 'literature', 'date', 'redacted', 'bodyPart', 'spineLevel',
];

describe('annotations: labels', () => {
  it('gives each entity kind exactly one label, and names the n2c2 2018 medication labels as n2c2 does', () => {
    for (const kind of ALL_KINDS) assert.equal(LABELS.filter((l) => l.kinds?.includes(kind)).length, 1, kind);
    assert.deepEqual(
      LABELS.filter((l) => l.n2c2).map((l) => [l.name, l.n2c2]),
      ['Drug', 'Strength', 'Dosage', 'Frequency', 'Route', 'Form', 'Duration', 'Reason', 'ADE'].map((n) => [n, n]),
    );
    assert.equal(labelOfKind('literature'), 'Citation');
    assert.equal(new Set(LABELS.map((l) => l.name)).size, LABELS.length);
    for (const label of LABELS) assert.match(label.name, /^[A-Za-z][A-Za-z0-9_-]*$/);
  });

  it('writes an annotation.conf declaring every label, relation and attribute of the table', () => {
    const conf = annotationConf();
    const read = readConf(conf);
    assert.deepEqual(read.entities, LABELS.map((l) => l.name));
    assert.deepEqual([...read.relations.keys()], RELATIONS.map((r) => r.type));
    assert.deepEqual(read.relations.get('Strength-Drug'), ['Strength', 'Drug']);
    assert.deepEqual(read.attributes.get('Outcome'), { targets: ['Request'], values: ['Upheld', 'Overturned'] });
    assert.match(conf, /^<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>$/m);
    assert.match(conf, /^\[events\]$/m);
    const mine = extendSchema(DEFAULT_SCHEMA, { labels: [{ name: 'DenialReason', description: 'Why' }], attributes: [{ name: 'Reason', targets: ['DenialReason'], values: ['NoEvidence', 'Guideline'], description: '' }] });
    assert.match(annotationConf(mine), /^DenialReason$/m);
    assert.match(annotationConf(mine), /^Reason\tArg:DenialReason, Value:NoEvidence\|Guideline$/m);
  });
});

describe('annotations: pre-annotation', () => {
  it('labels the letter\'s parts and entities, each Request with its Outcome', () => {
    const set = preAnnotate(analyzeText(PLAIN));
    const spans = set.textBound.map((t) => `${t.label}: ${t.text}`);
    for (const expected of [
      'CaseNumber: CM16-0213037',
      'Section: CLINICAL CASE SUMMARY',
      'Request: Valium 5 mg #24',
      'Drug: Valium',
      'Strength: 5 mg',
      'Quantity: #24',
      'Decision: Upheld',
      'Request: MRI of the right shoulder without contrast',
      'BodyPart: right shoulder',
      'Decision: Overturned',
      'Rationale: Red flags are documented. The request is medically necessary.',
      'Date: 11/09/2016',
    ]) {
      assert.ok(spans.includes(expected), `${expected} in\n${spans.join('\n')}`);
    }
    const outcome = (name: string): string | undefined => {
      const request = set.textBound.find((t) => t.label === 'Request' && t.text === name)!;
      return set.attributes.find((a) => a.target === request.id && a.name === 'Outcome')?.value;
    };
    assert.equal(outcome('Valium 5 mg #24'), 'Upheld');
    assert.equal(outcome('MRI of the right shoulder without contrast'), 'Overturned');
    // Ids run in text order.
    const starts = set.textBound.map((t) => t.fragments[0]!.start);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  });

  it('relates each medication attribute on an item line to the nearest drug on that line', () => {
    const letter = bend(PLAIN, 'Valium 5 mg #24: Upheld', 'Norco 10/325 mg tablet by mouth twice daily, Valium 5 mg for 30 days #24: Upheld');
    const set = preAnnotate(analyzeText(letter));
    const text = new Map(set.textBound.map((t) => [t.id, `${t.label} ${t.text}`]));
    const relations = set.relations.map((r) => `${r.type}: ${text.get(r.arg1)} -> ${text.get(r.arg2)}`);
    assert.deepEqual(relations, [
      'Strength-Drug: Strength 10/325 mg -> Drug Norco',
      'Form-Drug: Form tablet -> Drug Norco',
      'Route-Drug: Route by mouth -> Drug Norco',
      'Frequency-Drug: Frequency twice daily -> Drug Norco',
      'Strength-Drug: Strength 5 mg -> Drug Valium',
      'Duration-Drug: Duration for 30 days -> Drug Valium',
    ]);
  });
});

describe('annotations: docs/annotations.md', () => {
  const doc = readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'annotations.md'), 'utf8');

  it('has a row for every label of the table, with its n2c2 name, and every relation', () => {
    for (const label of LABELS) assert.match(doc, new RegExp(`^\\| \`${label.name}\` \\| ${label.n2c2 ? `\`${label.n2c2}\`` : ''} \\|`, 'm'), label.name);
    for (const relation of RELATIONS) assert.match(doc, new RegExp(`^\\| \`${relation.type}\` \\| \`${relation.arg1}\` \\| \`${relation.arg2}\` \\|$`, 'm'), relation.type);
  });

  it('shows the annotation.conf the export writes, exactly', () => {
    assert.ok(doc.includes('```\n' + annotationConf() + '```\n'));
  });
});
