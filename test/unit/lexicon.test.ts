/**
 * The shipped drug lexicon is validated here rather than at activation (see lexicon.ts), together
 * with the checks a schema cannot express: ingredients resolve, names are unambiguous. Also the
 * parsing of the user's `imr.drugs` setting.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DRUG_CLASSES, type LexiconEntry, lexiconSchema, parseUserDrugs, shippedLexicon } from '../../src/core';

const LEXICON_FILE = path.join(__dirname, '../../src/core/entities/drug-lexicon.json');
const raw: unknown = JSON.parse(readFileSync(LEXICON_FILE, 'utf8'));
const drugs: readonly LexiconEntry[] = shippedLexicon.drugs;

/** A name as the matcher compares it: lower-case words, punctuation other than `#`, `.`, `/` ignored. */
function key(name: string): string {
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{N}#./]+/u)
    .flatMap((w) => w.split(/(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u))
    .filter(Boolean)
    .join(' ');
}

function namesOf(entry: LexiconEntry): string[] {
  return [...(entry.brands ?? []), ...(entry.aliases ?? [])];
}

describe('shipped drug lexicon', () => {
  it('matches the zod schema', () => {
    const result = lexiconSchema.safeParse(raw);
    assert.ok(result.success, result.success ? '' : JSON.stringify(result.error.issues.slice(0, 5), null, 2));
  });

  it('is what shippedLexicon exports', () => {
    assert.deepEqual(shippedLexicon, raw);
  });

  it('has at least 300 distinct single generics outside compounded products', () => {
    const generics = new Set(drugs.filter((d) => d.class !== 'compound' && !d.generic.includes('/')).map((d) => d.generic));
    assert.ok(generics.size >= 300, `only ${generics.size} generics`);
  });

  it('gives every entry one of the model\u2019s drug classes', () => {
    const classes = new Set<string>(DRUG_CLASSES);
    for (const d of drugs) assert.ok(classes.has(d.class), `${d.generic}: class ${d.class}`);
  });

  it('resolves every ingredient to an entry of its own, and spells combinations as their ingredients', () => {
    const generics = new Set(drugs.map((d) => d.generic));
    for (const d of drugs) {
      for (const ingredient of d.ingredients ?? []) {
        assert.ok(generics.has(ingredient), `${d.generic}: ingredient ${ingredient} has no entry`);
        assert.ok(!ingredient.includes('/'), `${d.generic}: ingredient ${ingredient} is itself a combination`);
      }
      if (d.generic.includes('/')) {
        assert.deepEqual(d.ingredients, d.generic.split('/'), `${d.generic}: ingredients must be its parts, in order`);
      }
    }
  });

  it('has one combination entry per set of ingredients', () => {
    const seen = new Map<string, string>();
    for (const d of drugs) {
      if (!d.ingredients || d.ingredients.length < 2) continue;
      const k = [...d.ingredients].sort().join('+');
      assert.ok(!seen.has(k), `${d.generic} and ${seen.get(k)} have the same ingredients`);
      seen.set(k, d.generic);
    }
  });

  it('lets entries share a generic only with different classes', () => {
    const classesByGeneric = new Map<string, string[]>();
    for (const d of drugs) classesByGeneric.set(d.generic, [...(classesByGeneric.get(d.generic) ?? []), d.class]);
    for (const [generic, classes] of classesByGeneric) {
      assert.equal(new Set(classes).size, classes.length, `${generic}: two entries with one class`);
    }
  });

  it('never maps one name to two generics', () => {
    const generics = new Map<string, Set<string>>();
    const note = (name: string, generic: string): void => {
      const k = key(name);
      generics.set(k, (generics.get(k) ?? new Set()).add(generic));
    };
    const owned = new Set<string>();
    for (const d of drugs) {
      if (!owned.has(d.generic) && !d.generic.includes('/')) note(d.generic, d.generic);
      owned.add(d.generic);
      for (const name of namesOf(d)) if (!(d.contextual ?? []).includes(name)) note(name, d.generic);
    }
    const clashes = [...generics].filter(([, g]) => g.size > 1).map(([k, g]) => `${k}: ${[...g].join(', ')}`);
    assert.deepEqual(clashes, []);
  });

  it('lists capitalised and contextual names among the entry\u2019s own names', () => {
    for (const d of drugs) {
      const names = new Set([d.generic, ...namesOf(d)].map(key));
      for (const name of [...(d.capitalised ?? []), ...(d.contextual ?? [])]) {
        assert.ok(names.has(key(name)), `${d.generic}: ${name} is not one of its names`);
      }
    }
  });

  it('does not list a name twice in one entry', () => {
    for (const d of drugs) {
      const keys = namesOf(d).map(key);
      assert.equal(new Set(keys).size, keys.length, `${d.generic}: ${keys.join(', ')}`);
    }
  });

  it('covers the combination and compounded products of workers\u2019 compensation letters', () => {
    const byName = new Map<string, LexiconEntry>();
    for (const d of drugs) for (const n of namesOf(d)) byName.set(n.toLowerCase(), d);
    const expect: Array<[string, string, string]> = [
      ['Norco', 'hydrocodone/acetaminophen', 'opioid'],
      ['Vicodin', 'hydrocodone/acetaminophen', 'opioid'],
      ['Lortab', 'hydrocodone/acetaminophen', 'opioid'],
      ['Percocet', 'oxycodone/acetaminophen', 'opioid'],
      ['Endocet', 'oxycodone/acetaminophen', 'opioid'],
      ['Ultracet', 'tramadol/acetaminophen', 'opioid'],
      ['Terocin', 'methyl salicylate/capsaicin/menthol/lidocaine', 'compound'],
      ['LidoPro', 'methyl salicylate/capsaicin/menthol/lidocaine', 'compound'],
      ['Medrox', 'methyl salicylate/menthol/capsaicin', 'compound'],
      ['Synapryn', 'tramadol/glucosamine', 'compound'],
      ['Tabradol', 'cyclobenzaprine/methylsulfonylmethane', 'compound'],
      ['Deprizine', 'ranitidine', 'compound'],
      ['Dicopanol', 'diphenhydramine', 'compound'],
      ['Fanatrex', 'gabapentin', 'compound'],
      ['Theramine', 'theramine', 'medical food'],
      ['Sentra PM', 'sentra pm', 'medical food'],
      ['Genicin', 'glucosamine', 'supplement'],
      ['Menthoderm', 'methyl salicylate/menthol', 'topical'],
      ['Lidoderm', 'lidocaine', 'topical'],
      ['Flector', 'diclofenac', 'topical'],
      ['Voltaren', 'diclofenac', 'NSAID'],
    ];
    for (const [name, generic, cls] of expect) {
      const d = byName.get(name.toLowerCase());
      assert.ok(d, `${name} missing`);
      assert.deepEqual([d.generic, d.class], [generic, cls], name);
    }
  });
});

describe('parseUserDrugs', () => {
  it('reads plain names and objects, defaulting the generic to the name and the class to the shipped one or other', () => {
    const { entries, problems } = parseUserDrugs([
      'Zyxoprin',
      { name: 'Tramadolix', generic: 'Tramadol' },
      { name: 'Flurbi-Bac', generic: 'flurbiprofen/baclofen', class: 'compound', brands: ['FB Cream'] },
      { name: '  Nalfon ', class: 'NSAID', aliases: ['Nalfon Pulvules'] },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(entries, [
      { generic: 'zyxoprin', class: 'other' },
      { generic: 'tramadol', class: 'opioid', brands: ['Tramadolix'] },
      { generic: 'flurbiprofen/baclofen', class: 'compound', brands: ['Flurbi-Bac', 'FB Cream'], ingredients: ['flurbiprofen', 'baclofen'] },
      { generic: 'nalfon', class: 'NSAID', aliases: ['Nalfon Pulvules'] },
    ]);
  });

  it('drops invalid entries with a message naming the index and the fault, and keeps the valid ones', () => {
    const { entries, problems } = parseUserDrugs([
      'Good',
      {},
      { name: 'Opi', class: 'opiate' },
      42,
      '   ',
      { name: 'Extra', clas: 'opioid' },
      { name: 'Brands', brands: 'Xyz' },
      'Fine',
    ]);
    assert.deepEqual(
      entries.map((e) => e.generic),
      ['good', 'fine'],
    );
    assert.equal(problems.length, 6);
    assert.match(problems[0]!, /^drug \[1\]: name: is required$/);
    assert.match(problems[1]!, /^drug \[2\] \("Opi"\): class: "opiate" is not a drug class \(one of: opioid, /);
    assert.match(problems[2]!, /^drug \[3\]: must be a name or an object with a "name" \(got number 42\)$/);
    assert.match(problems[3]!, /^drug \[4\] \(" +"\): must not be empty$/);
    assert.match(problems[4]!, /^drug \[5\] \("Extra"\): unknown key\(s\) "clas"$/);
    assert.match(problems[5]!, /^drug \[6\] \("Brands"\): brands: /);
  });

  it('treats an absent setting as no drugs, and any other non-list as one problem', () => {
    assert.deepEqual(parseUserDrugs(undefined), { entries: [], problems: [] });
    assert.deepEqual(parseUserDrugs(null), { entries: [], problems: [] });
    const { entries, problems } = parseUserDrugs(42);
    assert.deepEqual(entries, []);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /must be a list/);
  });

  it('never throws, whatever it is given', () => {
    const odd: unknown[] = [
      null,
      undefined,
      42,
      NaN,
      'Valium',
      true,
      {},
      [],
      [{}],
      [null],
      [[]],
      [{ name: null }],
      [{ name: 5 }],
      [{ name: 'x'.repeat(500) }],
      [{ name: 'A', class: null }],
      [{ name: 'A', brands: [1, 2] }],
      [Object.create(null) as object],
      [{ name: 'A', generic: '' }],
      [Symbol('s')],
      [() => 1],
      [new Date()],
    ];
    for (const value of odd) {
      const result = parseUserDrugs(value);
      assert.ok(Array.isArray(result.entries) && Array.isArray(result.problems));
      for (const p of result.problems) assert.equal(typeof p, 'string');
    }
  });
});
