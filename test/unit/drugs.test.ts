/** The drug matcher: names, combinations, forms, shape detection and its guards, ranges, user drugs. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createDrugMatcher, type DrugEntity, type DrugMatcher, findDrugs, parseUserDrugs, type Range, shippedLexicon } from '../../src/core';

const matcher = createDrugMatcher(shippedLexicon.drugs);

/** The drugs of `text`, checking on the way that every span is the exact slice it claims to be. */
function drugs(text: string, m: DrugMatcher = matcher, range?: Range): DrugEntity[] {
  const found = findDrugs(text, m, range);
  for (const d of found) {
    assert.equal(text.slice(d.start, d.end), d.text, `offsets of ${JSON.stringify(d.text)}`);
    assert.equal(d.kind, 'drug');
  }
  for (let i = 1; i < found.length; i++) assert.ok(found[i - 1]!.end <= found[i]!.start, 'drug spans never overlap');
  return found;
}

function texts(text: string, m?: DrugMatcher): string[] {
  return drugs(text, m).map((d) => d.text);
}

function only(text: string, m?: DrugMatcher): DrugEntity {
  const found = drugs(text, m);
  assert.equal(found.length, 1, `one drug in ${JSON.stringify(text)}, found ${JSON.stringify(found.map((d) => d.text))}`);
  return found[0]!;
}

describe('findDrugs', () => {
  describe('lexicon names', () => {
    it('finds generics, brands and aliases in any case', () => {
      for (const text of ['Valium 5 mg #24', 'VALIUM 5MG', 'valium', 'Diazepam 5 mg', 'DIAZEPAM']) {
        const d = only(text);
        assert.equal(d.generic, 'diazepam', text);
        assert.equal(d.class, 'benzodiazepine');
        assert.equal(d.source, 'lexicon');
      }
      assert.equal(only('APAP 325 mg').generic, 'acetaminophen');
      assert.equal(only('Lidopro ointment').generic, only('LidoPro ointment').generic);
      assert.equal(only('A request was made for Tramdol 50mg.').generic, 'tramadol');
    });

    it('reports the brands, class and ingredients of what it found', () => {
      const norco = only('Norco 10/325 mg #90');
      assert.equal(norco.text, 'Norco');
      assert.equal(norco.generic, 'hydrocodone/acetaminophen');
      assert.equal(norco.class, 'opioid');
      assert.ok(norco.brands.includes('Vicodin'));
      assert.deepEqual(norco.ingredients, [
        { generic: 'hydrocodone', class: 'opioid' },
        { generic: 'acetaminophen', class: 'analgesic' },
      ]);
      assert.deepEqual(only('Soma 350mg').ingredients, [{ generic: 'carisoprodol', class: 'muscle relaxant' }]);
      // A compound of a single drug lists the drug with its own class.
      assert.deepEqual(only('Fanatrex (unknown quantity)').ingredients, [{ generic: 'gabapentin', class: 'anticonvulsant' }]);
    });

    it('matches whole words only', () => {
      assert.deepEqual(texts('Somatic complaints, somatosensory evoked potentials'), []);
      assert.deepEqual(texts('normocephalic, Norcoid, preValium, Tylenolic'), []);
      assert.deepEqual(texts('Soma, Norco; (Valium) "Tylenol"'), ['Soma', 'Norco', 'Valium', 'Tylenol']);
      assert.deepEqual(texts('Norco10/325'), ['Norco']);
    });

    it('takes a plural or possessive for the drug', () => {
      assert.equal(only('three Norcos per day').text, 'Norcos');
      assert.equal(only('three Norcos per day').generic, 'hydrocodone/acetaminophen');
      assert.equal(only("the Norco's effect").text, 'Norco');
    });

    it('takes the longest name, across extra spaces and line breaks', () => {
      assert.equal(only('Polyethylene Glycol oral powder').text, 'Polyethylene Glycol');
      const wrapped = only('Polyethylene \n  Glycol oral powder');
      assert.equal(wrapped.text, 'Polyethylene \n  Glycol');
      assert.equal(wrapped.generic, 'polyethylene glycol');
      assert.equal(only('MS Contin 15 mg').text, 'MS Contin');
      assert.equal(only('Parafon\r\nForte DSC').text, 'Parafon\r\nForte');
      assert.equal(only('Tylenol #3 and a request').generic, 'acetaminophen/codeine');
      assert.equal(only('Vitamin D 50,000 units').generic, 'vitamin d');
      assert.equal(only('Gavilyte-C').text, 'Gavilyte-C');
      assert.equal(only('Depo Medrol 80 mg').text, 'Depo Medrol');
    });

    it('does not run a name across the end of a sentence', () => {
      assert.deepEqual(texts('She took Soma. Compound creams were denied.'), ['Soma']);
      assert.equal(only('She took Soma Compound.').generic, 'carisoprodol/aspirin');
    });

    it('keeps salt words and release modifiers out of the span', () => {
      assert.equal(only('Orphenadrine Citrate ER 100mg tabs #30').text, 'Orphenadrine');
      assert.equal(only('Pantoprazole sod DR 20mg').text, 'Pantoprazole');
      assert.equal(only('Venlafaxine HCL ER 37.5mg #90').text, 'Venlafaxine');
      assert.equal(only('Docusate Sodium 100mg').text, 'Docusate');
    });
  });

  describe('names that are also ordinary words', () => {
    it('matches capitalised-only names only when capitalised', () => {
      assert.equal(only('Sonata 10 mg at bedtime').generic, 'zaleplon');
      assert.deepEqual(texts('she played a sonata'), []);
      assert.equal(only('Versed 2 mg IV').generic, 'midazolam');
      assert.deepEqual(texts('the patient being well versed in a home exercise program'), []);
      assert.equal(only('Plan B').generic, 'levonorgestrel');
      assert.deepEqual(texts('the treatment plan b was'), []);
    });

    it('matches short abbreviations only as written and before a strength or release modifier', () => {
      assert.deepEqual(texts('Wellbutrin, MS SR, Valium'), ['Wellbutrin', 'MS', 'Valium']);
      assert.equal(only('MS 15 mg').generic, 'morphine');
      assert.deepEqual(texts('history of MS, an MS degree, ms SR'), []);
      assert.equal(only('ASA 81 mg daily').generic, 'aspirin');
      assert.deepEqual(texts('ASA class II'), []);
    });

    it('does not take a car for the medical food', () => {
      assert.deepEqual(texts('driving a Nissan Sentra when rear-ended'), []);
      assert.equal(only('Sentra PM #60').generic, 'sentra pm');
      assert.equal(only('Sentra #60').generic, 'sentra');
    });
  });

  describe('combinations', () => {
    it('makes one span of drugs joined by a slash, and resolves the lexicon combination', () => {
      const d = only('Hydrocodone/APAP 10/325 mg #60');
      assert.equal(d.text, 'Hydrocodone/APAP');
      assert.equal(d.generic, 'hydrocodone/acetaminophen');
      assert.equal(d.class, 'opioid');
      assert.ok(d.brands.includes('Norco'));
      assert.equal(only('Tramadol / APAP 37.5/325').generic, 'tramadol/acetaminophen');
      assert.equal(only('Butalbital/APAP/Caffeine').generic, 'butalbital/acetaminophen/caffeine');
      assert.equal(only('hydrocodone/\nacetaminophen').generic, 'hydrocodone/acetaminophen');
    });

    it('joins hyphenated generics, but not a spaced dash', () => {
      assert.equal(only('Carbidopa-Levodopa').generic, 'carbidopa/levodopa');
      assert.equal(only('Hydrocodone-acetaminophen (since 11-17- 2016)').generic, 'hydrocodone/acetaminophen');
      assert.deepEqual(texts('Ultram - tramadol'), ['Ultram', 'tramadol']);
    });

    it('makes an unknown combination of its parts: ingredients with their classes, compound when they differ', () => {
      const d = only('Flurbiprofen/Baclofen cream');
      assert.equal(d.text, 'Flurbiprofen/Baclofen');
      assert.equal(d.generic, 'flurbiprofen/baclofen');
      assert.equal(d.class, 'compound');
      assert.deepEqual(d.brands, []);
      assert.deepEqual(d.ingredients, [
        { generic: 'flurbiprofen', class: 'NSAID' },
        { generic: 'baclofen', class: 'muscle relaxant' },
      ]);
      assert.equal(only('Flurbiprofen/Baclofen/Lidocaine').generic, 'flurbiprofen/baclofen/lidocaine');
      assert.equal(only('Ibuprofen/Naproxen').class, 'NSAID');
    });

    it('keeps ingredients listed with commas or strengths as one span each', () => {
      assert.deepEqual(texts('Gabapentin 10%, Cyclobenzaprine 6%, Bupivacaine 5% in cream base'), [
        'Gabapentin',
        'Cyclobenzaprine',
        'Bupivacaine',
      ]);
      assert.deepEqual(texts('Cyclobenzaprine 3%-Gabapentin 6%-Lidocaine 5%-Dextromethorphan'), [
        'Cyclobenzaprine',
        'Gabapentin',
        'Lidocaine',
        'Dextromethorphan',
      ]);
    });
  });

  it('makes a brand and its generic in parentheses two spans', () => {
    const [brand, generic] = drugs('Ultram (tramadol) 50mg #90');
    assert.deepEqual([brand?.text, generic?.text], ['Ultram', 'tramadol']);
    assert.equal(brand?.generic, 'tramadol');
    assert.equal(generic?.generic, 'tramadol');
    assert.deepEqual(texts('Meloxicam (Mobic) 7.5mg #30'), ['Meloxicam', 'Mobic']);
  });

  describe('dosage forms', () => {
    it('gives a drug written with a topical form the class of its topical product', () => {
      assert.equal(only('Voltaren gel').class, 'topical');
      assert.equal(only('Voltaren 75mg #60').class, 'NSAID');
      assert.equal(only('Lidocaine 5% patch #1').class, 'topical');
      assert.deepEqual(only('Lidocaine ointment 5% #1').ingredients, [{ generic: 'lidocaine', class: 'topical' }]);
      assert.equal(only('Lidocaine injection').class, 'local anesthetic');
      assert.equal(only('Lidoderm patches').class, 'topical');
      assert.equal(only('Ketoprofen 20% in cream base 240g').class, 'compound');
      assert.equal(only('Ketoprofen 50mg').class, 'NSAID');
      // A comma ends the drug's phrase: the form belongs to what follows.
      assert.equal(drugs('Lidocaine, Capsaicin cream')[0]?.class, 'local anesthetic');
    });
  });

  describe('shape: an unknown capitalised word followed by a strength', () => {
    it('is a drug of class other', () => {
      const d = only('Nalfon 400mg #60');
      assert.deepEqual(
        { text: d.text, generic: d.generic, class: d.class, source: d.source, brands: d.brands, ingredients: d.ingredients },
        { text: 'Nalfon', generic: 'nalfon', class: 'other', source: 'shape', brands: [], ingredients: [{ generic: 'nalfon', class: 'other' }] },
      );
      assert.equal(only('Zorvolex 35 mg').generic, 'zorvolex');
      assert.equal(only('Zorvolex\n35 mg').text, 'Zorvolex');
      assert.equal(only('Xyzocream 4% #30').source, 'shape');
      assert.equal(only('a request for AneMaxx 1.5 mcg').text, 'AneMaxx');
    });

    it('needs the strength, with its unit, right after the word', () => {
      assert.deepEqual(texts('Nalfon was tried. Nalfon 400 tablets. Nalfon, 400mg'), []);
      assert.deepEqual(texts('nalfon 400mg'), []);
    });

    it('is not fooled by section words, measures, months, salts or sentence starts', () => {
      const prose = [
        'Page 54 mg',
        'Section 3 mg',
        'Over 5 mg',
        'Over 50%',
        'Approximately 30% relief',
        'Improved 50%',
        'Only 20% better',
        'January 5 mg',
        'MRI 3 mg',
        'MED 120 mg',
        'Level 5 mg',
        'Grade 2%',
        'Phase 1 mg',
        'Stage 4%',
        'Step 3 mg',
        'Class 2 mg',
        'Type 2 mg',
        'Total 90 mg',
        'Maximum 4000 mg',
        'Glucose 110 mg/dL',
        'Hemoglobin 12 g/dl',
        'Weight 80 kg',
        'Pain 7/10',
        'Cream 20%',
        'Tablets 10 mg',
        'Non-Nalfon 4 mg',
      ];
      for (const text of prose) assert.deepEqual(texts(text), [], text);
      assert.deepEqual(texts('Docusate Sodium 100mg'), ['Docusate']);
      assert.deepEqual(texts('Norco Forte 10mg'), ['Norco']);
    });
  });

  describe('range', () => {
    const text = 'Valium 5 mg. Norco 10/325. Soma 350 mg.';

    it('finds only drugs inside the range, with offsets into the whole text', () => {
      const start = text.indexOf('Norco');
      const found = drugs(text, matcher, { start, end: text.indexOf('Soma') });
      assert.deepEqual(
        found.map((d) => [d.text, d.start, d.end]),
        [['Norco', start, start + 5]],
      );
    });

    it('does not find a name the range cuts', () => {
      assert.deepEqual(drugs(text, matcher, { start: 1, end: text.length }).map((d) => d.text), ['Norco', 'Soma']);
      assert.deepEqual(drugs(text, matcher, { start: 0, end: 3 }), []);
      assert.deepEqual(drugs(text, matcher, { start: 20, end: 10 }), []);
    });

    it('needs a shape drug\u2019s strength inside the range', () => {
      const shape = 'Nalfon 400mg';
      assert.deepEqual(drugs(shape, matcher, { start: 0, end: 8 }), []);
      assert.equal(drugs(shape, matcher, { start: 0, end: shape.length }).length, 1);
    });
  });

  describe('user drugs', () => {
    const { entries, problems } = parseUserDrugs([
      'Zyxoprin',
      { name: 'Soma', generic: 'carisoprodol', class: 'other' },
      { name: 'Tramadolix', generic: 'tramadol' },
      { name: 'Flurbi-Bac', generic: 'flurbiprofen/baclofen', class: 'compound', brands: ['FB Cream'] },
      { name: 'Nalfon', class: 'NSAID' },
    ]);
    const withUser = createDrugMatcher(shippedLexicon.drugs, entries);

    it('adds names, with source user', () => {
      assert.deepEqual(problems, []);
      const d = only('Zyxoprin twice daily', withUser);
      assert.deepEqual([d.generic, d.class, d.source], ['zyxoprin', 'other', 'user']);
      const t = only('Tramadolix 50 mg', withUser);
      assert.deepEqual([t.generic, t.class, t.source], ['tramadol', 'opioid', 'user']);
      const n = only('Nalfon 400mg', withUser);
      assert.deepEqual([n.generic, n.class, n.source], ['nalfon', 'NSAID', 'user']);
    });

    it('overrides a shipped name', () => {
      const d = only('Soma 350mg', withUser);
      assert.deepEqual([d.generic, d.class, d.source], ['carisoprodol', 'other', 'user']);
      assert.equal(only('Soma 350mg').source, 'lexicon');
    });

    it('resolves a written combination to the user\u2019s combination drug', () => {
      const d = only('Flurbiprofen/Baclofen cream', withUser);
      assert.deepEqual([d.generic, d.source, d.brands], ['flurbiprofen/baclofen', 'user', ['Flurbi-Bac', 'FB Cream']]);
      assert.equal(only('FB Cream', withUser).generic, 'flurbiprofen/baclofen');
    });
  });

  it('keeps offsets exact around non-ASCII text, CRLF and markdown', () => {
    const text = '**Valium\u00ae 5 mg #24:** Upheld\r\n\u2013 Norco\u2019s dose, caf\u00e9 Soma\u00a0350mg';
    assert.deepEqual(texts(text), ['Valium', 'Norco', 'Soma']);
  });

  it('runs in time linear in the text, on adversarial input', function () {
    this.timeout(10_000);
    const inputs = [
      'Polyethylene '.repeat(100_000),
      'Hydrocodone/'.repeat(100_000),
      'Zyx '.repeat(100_000) + '5mg',
      `Nalfon${' '.repeat(200_000)}400mg`,
      'Tylenol #'.repeat(100_000),
      'a'.repeat(1_000_000),
      'Valium ' + 'Zyxo '.repeat(200_000),
      'Zyxo ' + '1/'.repeat(100_000),
      'Zyxo ' + '1'.repeat(200_000),
      'MS '.repeat(200_000),
      `Norco${' '.repeat(200_000)}gel`,
    ];
    for (const input of inputs) {
      const t0 = performance.now();
      findDrugs(input, matcher);
      const ms = performance.now() - t0;
      assert.ok(ms < 2000, `${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 20))}…`);
    }
  });
});

describe('drug mentions of the real letters (test/fixtures/drug-mentions.txt)', () => {
  const file = path.join(__dirname, '../fixtures/drug-mentions.txt');
  const mentions = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '');

  it('lists the mentions', () => {
    assert.ok(mentions.length >= 150, `${mentions.length} mentions`);
  });

  it('resolves each to a lexicon drug spanning the mention', () => {
    const failures: string[] = [];
    for (const mention of mentions) {
      const [first, ...rest] = findDrugs(mention, matcher);
      // `MS SR` is listed with its release modifier: `MS` alone is a drug only before one.
      const expected = mention === 'MS SR' ? 'MS' : mention;
      if (!first || first.source !== 'lexicon' || first.text !== expected || rest.length > 0) {
        failures.push(`${mention} → ${JSON.stringify(findDrugs(mention, matcher).map((d) => [d.text, d.source]))}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
