import assert from 'node:assert/strict';
import { isRegexSpace, isTextSpace, isYearAt, normalize, normalizedText } from '../../src/core';

describe('chars', () => {
  it('isRegexSpace is exactly \\s, for the loops that stand in for a regex', () => {
    for (let c = 0; c <= 0xffff; c++) assert.equal(isRegexSpace(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
  });

  it('isTextSpace is \\s and the zero-width space the extractions leave, nothing else', () => {
    for (let c = 0; c <= 0xffff; c++) assert.equal(isTextSpace(c), /[\s\u200b]/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
  });

  it('normalize and normalizedText collapse the same spaces (both use isTextSpace)', () => {
    // Before they shared a predicate, U+2028, U+202F and their kin split words in one and not the other.
    for (const space of ['\u2028', '\u2029', '\u202f', '\u205f', '\u1680', '\u200b', '\u00a0', '\u3000', '\t']) {
      const text = `  Decision${space}rationale:${space}${space}not\n${space}recommended. ${space}\n`;
      assert.equal(normalize(text, 0, text.length).text, normalizedText(text, 0, text.length), `U+${space.charCodeAt(0).toString(16)}`);
      assert.equal(normalizedText(text, 0, text.length), 'Decision rationale: not recommended.');
    }
  });

  it('isYearAt: 19xx or 20xx, whatever follows', () => {
    assert.ok(isYearAt('in 2016.', 3));
    assert.ok(isYearAt('1999', 0));
    assert.ok(isYearAt('20163', 0));
    assert.ok(!isYearAt('2116', 0));
    assert.ok(!isYearAt('18', 0));
    assert.ok(!isYearAt('201', 0));
  });
});
