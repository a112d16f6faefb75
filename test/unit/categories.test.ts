// Each item's request category (src/core/categories.ts) and the guidelines its decision relied on
// (Item.guidelines): against a golden list reviewed by eye, and on small letters that bend one thing.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeText, CATEGORY_WORDS, describeGuideline, type Item, type Letter } from '../../src/core';
import { bend, PLAIN } from './helpers/letters';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const GOLD = JSON.parse(readFileSync(path.join(FIXTURES, 'gold', 'item-categories.json'), 'utf8')) as Record<string, string[]>;

function lettersIn(folder: string): Array<{ name: string; letter: Letter }> {
  const dir = path.join(FIXTURES, folder);
  return readdirSync(dir)
    .filter((f) => /\.(?:txt|imr)$/.test(f))
    .sort()
    .map((f) => ({ name: `${folder}/${f}`, letter: analyzeText(readFileSync(path.join(dir, f), 'utf8')).letter }));
}

function categoryOf(item: Item): string {
  return item.drugClass ? `${item.category}/${item.drugClass}` : item.category;
}

/** The category of the only item of PLAIN's first item, renamed. */
function categoryOfName(name: string): string {
  const item = analyzeText(bend(PLAIN, 'Valium 5 mg #24: Upheld', `${name}: Upheld`)).letter.items[0]!;
  assert.equal(item.name.text, name);
  return categoryOf(item);
}

describe('request categories', () => {
  const gold = [...lettersIn('samples'), ...lettersIn('corpus'), ...lettersIn('gaps')];

  it('every item of the fixture letters has the category of the golden list (test/fixtures/gold/item-categories.json)', () => {
    assert.deepEqual(Object.keys(GOLD).sort(), gold.map((g) => g.name).sort());
    const failures: string[] = [];
    for (const { name, letter } of gold) {
      const got = letter.items.map((item) => `${item.name.text} → ${categoryOf(item)}`);
      const expected = GOLD[name]!;
      got.forEach((line, i) => {
        if (line !== expected[i]) failures.push(`${name}: ${line} (gold: ${expected[i]})`);
      });
      if (got.length !== expected.length) failures.push(`${name}: ${got.length} items, gold ${expected.length}`);
    }
    assert.deepEqual(failures, []);
    // Every category of the table occurs among the letters' 357 items.
    const counts = new Map<string, number>();
    for (const lines of Object.values(GOLD)) for (const line of lines) counts.set(line.split(' → ')[1]!.split('/')[0]!, (counts.get(line.split(' → ')[1]!.split('/')[0]!) ?? 0) + 1);
    assert.deepEqual([...counts.keys()].sort(), ['drug', ...CATEGORY_WORDS.map((row) => row.category)].sort());
    assert.equal([...counts.values()].reduce((a, b) => a + b, 0), 357);
  });

  it('the same letters laid out by pdftotext -layout: the same categories, item for item', () => {
    const plain = new Map(lettersIn('corpus').map(({ name, letter }) => [path.basename(name), letter.items.map(categoryOf)]));
    const failures = lettersIn('corpus-layout').filter(({ name, letter }) => letter.items.map(categoryOf).join() !== plain.get(path.basename(name))!.join());
    assert.deepEqual(failures.map((f) => f.name), []);
  });

  it('the range that decided is a word of the table or a drug inside the name', () => {
    for (const { letter } of gold) {
      for (const item of letter.items) {
        if (!item.categoryRange) {
          assert.equal(item.category, 'other');
          continue;
        }
        assert.ok(item.categoryRange.start >= item.name.start && item.categoryRange.end <= item.name.end);
        if (item.category === 'drug') assert.ok(item.fields.drugs.some((d) => d.start === item.categoryRange!.start));
      }
    }
  });

  it('reads the head of the name: the last word of its first phrase decides', () => {
    assert.equal(categoryOfName('Spine surgery evaluation for the lumbar'), 'office visit');
    assert.equal(categoryOfName('Right knee arthroscopy with evaluation of ACL'), 'surgery');
    assert.equal(categoryOfName('Consult with hip replacement specialist for a total hip arthroplasty'), 'office visit');
    assert.equal(categoryOfName('Custom heat therapy pad'), 'equipment');
    assert.equal(categoryOfName('Ice/Heat pads therapy times 6'), 'therapy');
    assert.equal(categoryOfName('Myofascial release to the low back'), 'therapy');
    assert.equal(categoryOfName('Pre-operative PT/PTT'), 'lab');
    assert.equal(categoryOfName('Home health aide to assist with bathing'), 'other');
    assert.equal(categoryOfName('Gym membership'), 'other');
    assert.equal(categoryOfName('Something unheard of'), 'other');
  });

  it('reads what follows a colon first; a phrase naming a drug makes a drug request', () => {
    assert.equal(categoryOfName('Associated surgical service: Cold therapy unit'), 'equipment');
    assert.equal(categoryOfName('Labs to include: Chest X-ray'), 'imaging');
    assert.equal(categoryOfName('Labs to include: EKG'), 'lab');
    assert.equal(categoryOfName('Twelve acupuncture visits with Capsaicin patch'), 'therapy');
    assert.equal(categoryOfName('Retrospective injection of lidocaine 1% to the right knee'), 'injection');
    assert.equal(categoryOfName('Two refills of Ibuprofen 600mg #90'), 'drug/NSAID');
    assert.equal(categoryOfName('Salonpas pad #60'), 'drug/topical');
    assert.equal(categoryOfName('Voltaren gel 1% #1, DOS: 11/11/2016'), 'drug/topical');
  });

  it("a drug request's class: its drugs' one class, else compound", () => {
    assert.equal(categoryOfName('Ultram (tramadol) 50mg #90'), 'drug/opioid');
    assert.equal(categoryOfName('Flurbiprofen 20%, Baclofen 5% in cream base'), 'drug/compound');
    assert.equal(categoryOfName('Compound Ketoprofen 20%, 240 grams'), 'drug/compound');
  });
});

describe('the guidelines each decision relied on', () => {
  it("are the MAXIMUS block's citations, named as the hover names them", () => {
    const { letter } = analyzeText(PLAIN);
    const [valium, mri] = letter.items;
    assert.deepEqual(
      valium!.guidelines.map(({ source, chapter, topic, pages, block }) => ({ source, chapter, topic, pages, block })),
      [{ source: 'MTUS', chapter: 'Chronic Pain Medical Treatment Guidelines', topic: 'Benzodiazepines', pages: ['24'], block: 'maximusGuideline' }],
    );
    const [shoulder] = mri!.guidelines;
    assert.deepEqual([shoulder!.source, shoulder!.chapter, shoulder!.year, shoulder!.sections], ['MTUS', 'Shoulder Complaints', 2004, ['Special Studies']]);
    assert.equal(shoulder!.text, 'MTUS Shoulder Complaints 2004, Section(s): Special Studies');
    assert.equal(PLAIN.slice(shoulder!.start, shoulder!.end), shoulder!.text);
  });

  it('"did not cite any medical evidence" relies on none; an item without a MAXIMUS block relies on what its rationale names', () => {
    const none = analyzeText(bend(PLAIN, 'MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 24.', 'MAXIMUS guideline: The reviewer did not cite any medical evidence.')).letter;
    assert.deepEqual(none.items[0]!.guidelines, []);
    const noBlock = analyzeText(
      bend(bend(PLAIN, /MAXIMUS guideline: Decision based on MTUS Chronic Pain[^\n]*\n\n/, ''), 'Benzodiazepines are not recommended', 'The ODG says benzodiazepines are not recommended'),
    ).letter;
    assert.deepEqual(noBlock.items[0]!.guidelines.map((g) => [g.source, g.block]), [['ODG', 'rationale']]);
  });

  it('in the fixture letters: every guideline lies in its block, and names the part describeGuideline names', () => {
    let count = 0;
    const sources = new Map<string, number>();
    for (const folder of ['samples', 'corpus']) {
      for (const { letter } of lettersIn(folder)) {
        for (const item of letter.items) {
          for (const guideline of item.guidelines) {
            count++;
            sources.set(guideline.source, (sources.get(guideline.source) ?? 0) + 1);
            const block = item[guideline.block]!;
            assert.ok(guideline.start >= block.body.start && guideline.end <= block.body.end);
            const entity = letter.entities.find((e) => e.start === guideline.start && e.kind === 'guideline');
            assert.ok(entity && entity.kind === 'guideline');
            const named = describeGuideline(entity)?.part?.name ?? entity.title;
            assert.equal(guideline.chapter, named);
          }
        }
      }
    }
    assert.ok(count > 349, `${count} guidelines`);
    assert.deepEqual([...sources.keys()].sort(), ['ACOEM', 'MTUS', 'ODG', 'other']);
  });
});
