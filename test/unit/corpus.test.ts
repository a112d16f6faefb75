import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { missingDecision, missingRationale, parse, runRules } from '../../src/core';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

function letters(folder: string): Array<{ name: string; text: string }> {
  const dir = path.join(FIXTURES, folder);
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
}

/** An independent count: outcome words closing a line of the issues section, in order. */
function outcomesByLineScan(text: string): string[] {
  const issues = text.indexOf('IMR ISSUES, DECISIONS AND RATIONALES');
  return text.slice(issues).split(/\r?\n/).flatMap((line) => {
    const match = /(?:^|:)[\s*]*(upheld|overturned)[\s.*]*$/i.exec(line);
    return match ? [match[1]!.toLowerCase()] : [];
  });
}

const FOLDERS = ['samples', 'corpus', 'corpus-layout'];

describe('the real letters in test/fixtures', () => {
  for (const folder of FOLDERS) {
    const all = letters(folder);

    it(`${folder}: ${all.length} letters, every item found with its outcome, blocks and no IMR001/IMR002`, () => {
      assert.ok(all.length >= 5);
      const failures: string[] = [];
      for (const { name, text } of all) {
        const letter = parse(text);
        const labels = text.match(/Claims Administrator guideline/g)?.length ?? 0;
        const outcomes = letter.items.map((i) => i.outcome);
        const problems = runRules(letter, { rules: [missingDecision, missingRationale] });
        if (!letter.isDetermination) failures.push(`${name}: not recognised as a letter`);
        if (letter.items.length !== labels) failures.push(`${name}: ${letter.items.length} items, ${labels} guideline labels`);
        if (outcomes.join() !== outcomesByLineScan(text).join()) failures.push(`${name}: outcomes ${outcomes.join()} vs ${outcomesByLineScan(text).join()}`);
        if (letter.items.some((i) => !i.name.text || !i.claimsGuideline || !i.maximusGuideline)) failures.push(`${name}: an item lacks its name or a guideline block`);
        for (const p of problems) failures.push(`${name}: ${p.code} ${p.message}`);
      }
      assert.deepEqual(failures, []);
    });
  }

  it('both layouts of each corpus letter give the same items and outcomes', () => {
    const layout = new Map(letters('corpus-layout').map((l) => [l.name, l.text]));
    const differences: string[] = [];
    for (const { name, text } of letters('corpus')) {
      const a = parse(text).items.map((i) => `${i.name.text} → ${i.outcome}`);
      const b = parse(layout.get(name) ?? '').items.map((i) => `${i.name.text} → ${i.outcome}`);
      if (a.join('\n') !== b.join('\n')) differences.push(`${name}:\n  ${a.join('\n  ')}\nvs\n  ${b.join('\n  ')}`);
    }
    assert.deepEqual(differences, []);
  });

  it('item names and outcomes match the reviewed snapshot (test/fixtures/expected-items.json)', () => {
    const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected-items.json'), 'utf8')) as Record<string, string[]>;
    const actual: Record<string, string[]> = {};
    for (const folder of ['samples', 'corpus']) {
      for (const { name, text } of letters(folder)) actual[`${folder}/${name}`] = parse(text).items.map((i) => `${i.name.text} → ${i.outcome}`);
    }
    assert.deepEqual(actual, expected);
  });
});
