// The places where the quantities' and markers' patterns may begin: the keys read from a start
// source are never too few, findStarts lists the word starts a regex's `\b` sees, and the drugs'
// pass lists the same places as findStarts.
import assert from 'node:assert/strict';
import { defaultDrugMatcher, findDrugs, findDrugsAndStarts, findEntities, findMarkers, findQuantities, findStarts, fourthAt, keyAt, keysOf } from '../../src/core';
import { allLetters } from './reliability/mutate';

/** Texts where word starts are easy to get wrong: `_`, letters that are not ASCII, drug names that hide words. */
const EDGES = [
  'a_b 1x x1 _5 #2#3 [REDACTED] [r [ r',
  'éa 5 mg, naïve 2 tabs, Ωmega 3 times a day, ǅa and ſa, İv and K',
  'Tylenol with codeine with 2 refills; Hydrocodone/APAP 10/325 #60; Norco10mg',
  'Carbidopa-Levodopa 25-100 q.i.d. x 30 days; MS Contin 15 mg PO BID',
  '\u00a0a refill\u2028left knee\ufeffL4-5 on 03/24/2014 and September 25,\u20031998',
  'x',
  '',
];

describe('starts', () => {
  it('reads from a start source every key (and fourth character) a match of it can begin with', () => {
    // Every four-character string over a small alphabet that can begin a match: its key and fourth
    // character must be allowed. A match needs the source's rest too, so the strings are tried with
    // each of a few endings.
    const alphabet = ['a', 'A', 'n', 'i', 'M', 'v', 'p', 'o', ' ', '\t', '\u00a0', '.', '-', '#', '[', '5', '_', 'é'];
    const endings = ['', 'x', ' x', 'o.'];
    const sources = ['an?\\s', 'i[mv]\\W', 'p\\.o\\.', 'po\\W', '\\d', '#', '\\[r', '[ctls]\\d', 'a\\s+x', 'n?a', '[-\\s]?a', 'per\\s+\\d', 'mid\\s', 'an?\\s[\\sa]'];
    for (const source of sources) {
      const keys = keysOf(source);
      const re = new RegExp(`^(?:${source})`, 'i');
      for (const a of alphabet) {
        for (const b of alphabet) {
          for (const c of alphabet) {
            for (const d of alphabet) {
              const s = a + b + c + d;
              if (!endings.some((ending) => re.test(s + ending))) continue;
              const fourths = keys.get(keyAt(s, 0));
              assert.ok(fourths !== undefined && (fourths & fourthAt(s, 0)) !== 0, `${source} can begin ${JSON.stringify(s)}`);
            }
          }
        }
      }
    }
  });

  it('refuses a source that is two alternatives', () => {
    assert.throws(() => keysOf('ab|cd'));
    assert.throws(() => keysOf('[(]a|b'));
    assert.ok(keysOf('a(?:b|c)').size > 0);
    assert.ok(keysOf('[|]a').size > 0);
  });

  it('lists word starts by `\\b` (after no ASCII word character), and every `#` and `[`', () => {
    const text = 'a_b 1x x1 #2 [red éleft';
    const at = findStarts(text).at;
    const wordStart = /\b[A-Za-z\d]|[#[]/y;
    for (const i of at) {
      wordStart.lastIndex = i;
      assert.ok(wordStart.test(text), `${i} starts a word`);
    }
    for (const i of [text.indexOf('1x'), text.indexOf('#'), text.indexOf('2'), text.indexOf('['), text.indexOf('left')]) assert.ok(at.includes(i), `lists ${i}`);
    for (const i of [text.indexOf('_b') + 1, text.indexOf('x1') + 1]) assert.ok(!at.includes(i), `does not list ${i}`);
  });

  it('gets the same places from the drugs’ pass as from findStarts, and the same drugs', () => {
    const matcher = defaultDrugMatcher();
    for (const text of [...allLetters().map((l) => l.text), ...EDGES]) {
      const { drugs, starts } = findDrugsAndStarts(text, matcher);
      const alone = findStarts(text);
      assert.deepEqual(starts.at, alone.at, JSON.stringify(text.slice(0, 60)));
      assert.deepEqual(drugs, findDrugs(text, matcher));
    }
  });

  it('gives the quantities and markers what they find without it', () => {
    for (const text of EDGES) {
      const starts = findStarts(text);
      assert.deepEqual(findQuantities(text, undefined, starts), findQuantities(text));
      assert.deepEqual(findMarkers(text, undefined, undefined, starts), findMarkers(text));
      assert.ok(findEntities(text).length >= findQuantities(text).length);
    }
  });
});
