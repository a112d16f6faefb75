// The annotation settings: valid values kept, each invalid entry left out with a problem that names
// it, the colours a label gets and the order labels are offered in.
import assert from 'node:assert/strict';
import { annotationSchemaFrom, attributesFor, DEFAULT_ANNOTATION_SETTINGS, LABEL_PALETTE, LABELS, labelColor, offeredLabels, readAnnotationSettings, recentFirst, usedLabel } from '../../src/core';

describe('annotation settings', () => {
  it('unset settings are the defaults', () => {
    assert.deepEqual(readAnnotationSettings({}), { settings: DEFAULT_ANNOTATION_SETTINGS, problems: [] });
  });

  it('keeps valid values', () => {
    const { settings, problems } = readAnnotationSettings({
      preAnnotate: false,
      labels: ['Drug', 'DenialReason', 'Drug'],
      colors: { Drug: '#FF0000', Strength: '#0f8' },
      attributes: { Reason: ['NotNecessary', 'NoRecords', 'NoRecords'] },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      preAnnotate: false,
      labels: ['Drug', 'DenialReason'],
      colors: { Drug: '#ff0000', Strength: '#00ff88' },
      attributes: { Reason: ['NotNecessary', 'NoRecords'] },
    });
  });

  it('leaves out each invalid entry and says which, keeping the valid ones', () => {
    const { settings, problems } = readAnnotationSettings({
      preAnnotate: 'yes',
      labels: ['Drug', 'body part', 7],
      colors: { Drug: 'red', Form: '#12345678', Route: '#123456' },
      attributes: { 'Denial reason': ['A'], Reason: [], Severity: ['high', 'very low'], Ok: ['x'] },
    });
    assert.deepEqual(settings, { preAnnotate: true, labels: ['Drug'], colors: { Route: '#123456' }, attributes: { Ok: ['x'] } });
    assert.deepEqual(
      problems.map((p) => p.setting),
      [
        'imr.annotations.preAnnotate',
        'imr.annotations.labels',
        'imr.annotations.labels',
        'imr.annotations.colors.Drug',
        'imr.annotations.colors.Form',
        'imr.annotations.attributes.Denial reason',
        'imr.annotations.attributes.Reason',
        'imr.annotations.attributes.Severity',
      ],
    );
    assert.match(problems[1]!.message, /^"body part" is not a label \(a brat name starts with a letter/);
    assert.match(problems[7]!.message, /one-word values/);
  });

  it('a setting of the wrong shape falls back as a whole', () => {
    const { settings, problems } = readAnnotationSettings({ labels: 'Drug', colors: ['#fff'], attributes: 3 });
    assert.deepEqual(settings, DEFAULT_ANNOTATION_SETTINGS);
    assert.equal(problems.length, 3);
  });

  it("a label's colour: the user's, else the table's, else the palette's by its place or its name", () => {
    const settings = { ...DEFAULT_ANNOTATION_SETTINGS, labels: ['Drug', 'Mine', 'Yours'], colors: { Strength: '#010203' } };
    assert.equal(labelColor('Strength', settings), '#010203');
    assert.equal(labelColor('Drug', settings), LABELS.find((l) => l.name === 'Drug')!.color);
    assert.equal(labelColor('Mine', settings), LABEL_PALETTE[1]);
    assert.equal(labelColor('Yours', settings), LABEL_PALETTE[2]);
    const other = labelColor('Custom', settings);
    assert.ok(LABEL_PALETTE.includes(other));
    assert.equal(labelColor('Custom', DEFAULT_ANNOTATION_SETTINGS), other);
  });

  it("offers the settings' labels, or every built-in label; user labels and attributes join the schema", () => {
    assert.deepEqual(offeredLabels(DEFAULT_ANNOTATION_SETTINGS), LABELS.map((l) => l.name));
    const settings = { ...DEFAULT_ANNOTATION_SETTINGS, labels: ['Drug', 'DenialReason'], attributes: { Basis: ['Guideline', 'Records'] } };
    assert.deepEqual(offeredLabels(settings), ['Drug', 'DenialReason']);
    const schema = annotationSchemaFrom(settings);
    assert.ok(schema.labels.some((l) => l.name === 'DenialReason'));
    assert.deepEqual(attributesFor('Request', schema).map((a) => [a.name, a.values]), [
      ['Outcome', ['Upheld', 'Overturned']],
      ['Basis', ['Guideline', 'Records']],
    ]);
    assert.deepEqual(attributesFor('DenialReason', schema).map((a) => a.name), ['Basis']);
  });

  it('offers recently used labels first, most recent first', () => {
    const labels = ['Drug', 'Strength', 'Route', 'Form'];
    assert.deepEqual(recentFirst(labels, ['Route', 'Gone', 'Drug', 'Route']), ['Route', 'Drug', 'Strength', 'Form']);
    let recent: string[] = [];
    for (const label of ['Drug', 'Form', 'Drug']) recent = usedLabel(recent, label);
    assert.deepEqual(recent, ['Drug', 'Form']);
    assert.equal(usedLabel(['a', 'b', 'c'], 'd', 3).join(), 'd,a,b');
  });
});
