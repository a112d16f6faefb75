import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, readSettings } from '../../src/core';

describe('settings', () => {
  it('uses the defaults when nothing is set', () => {
    assert.deepEqual(readSettings({}), { settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('keeps valid values', () => {
    const { settings, problems } = readSettings({ autoDetect: false, run: 'onSave', maxFileSize: 1000, rules: { IMR003: 'off', imr004: 'error' }, drugs: ['Zorvolex'] });
    assert.deepEqual(problems, []);
    assert.equal(settings.autoDetect, false);
    assert.equal(settings.run, 'onSave');
    assert.equal(settings.maxFileSize, 1000);
    assert.deepEqual(settings.rules, { IMR003: 'off', IMR004: 'error' });
    assert.equal(settings.drugs[0]!.generic, 'zorvolex');
  });

  it('reports each invalid value once, naming the setting and the default used, and keeps the rest', () => {
    const { settings, problems } = readSettings({
      autoDetect: 'yes',
      run: 'sometimes',
      maxFileSize: -5,
      rules: { IMR001: 'loud', IMR999: 'off', IMR002: 'info' },
      drugs: ['Zorvolex', { name: 42 }],
    });
    assert.equal(settings.autoDetect, true);
    assert.equal(settings.run, 'onType');
    assert.equal(settings.maxFileSize, DEFAULT_SETTINGS.maxFileSize);
    assert.deepEqual(settings.rules, { IMR002: 'info' });
    assert.equal(settings.drugs.length, 1);
    assert.deepEqual(problems.map((p) => p.setting), ['imr.rules.IMR001', 'imr.rules.IMR999', 'imr.drugs', 'imr.autoDetect', 'imr.run', 'imr.maxFileSize']);
    assert.match(problems.find((p) => p.setting === 'imr.run')!.message, /^"sometimes" is not valid .*using the default "onType"\.$/);
    assert.match(problems.find((p) => p.setting === 'imr.rules.IMR999')!.message, /not a rule code/);
    assert.match(problems.find((p) => p.setting === 'imr.drugs')!.message, /drug \[1\]/);
  });

  it('reads imr.ocr.enabled and imr.ocr.minConfidence (0-100), a bad value reported with the default', () => {
    assert.deepEqual(readSettings({ 'ocr.enabled': false, 'ocr.minConfidence': 65.5 }).settings.ocr, { enabled: false, minConfidence: 65.5 });
    const { settings, problems } = readSettings({ 'ocr.enabled': 'no', 'ocr.minConfidence': 101 });
    assert.deepEqual(settings.ocr, DEFAULT_SETTINGS.ocr);
    assert.deepEqual(
      problems.map((p) => p.setting),
      ['imr.ocr.enabled', 'imr.ocr.minConfidence'],
    );
    assert.match(problems[1]!.message, /^101 is not valid \(.*\); using the default 80\.$/);
  });

  it('never throws, whatever the values', () => {
    for (const raw of [{ rules: 'all' }, { rules: [1] }, { drugs: 5 }, { maxFileSize: Number.NaN }, { run: null }, { autoDetect: {} }]) {
      const { settings, problems } = readSettings(raw as Record<string, unknown>);
      assert.ok(settings);
      assert.ok(problems.length <= 1);
    }
  });
});
