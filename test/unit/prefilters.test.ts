// The prefilters of the fast paths (start keys, number gates) are read from the pattern tables; this
// checks they let through every match a plain global scan of each pattern finds, on every fixture letter
// and on text written from each pattern's own source, so a prefilter that drifts from its table fails here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { fastPathTables, findEntities, lineListTables, type FastPathTable, type QuantityTable } from '../../src/core';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

function letters(): string[] {
  return ['samples', 'corpus', 'corpus-layout', 'corpus-ocr', 'gaps', 'misc'].flatMap((folder) =>
    readdirSync(path.join(FIXTURES, folder))
      .filter((f) => /\.(?:txt|imr)$/.test(f))
      .sort()
      .map((f) => readFileSync(path.join(FIXTURES, folder, f), 'utf8')),
  );
}

/** Pattern `re`'s non-empty matches in `text`, as a global scan finds them. */
function scan(re: RegExp, text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(re)) if (m[0].length > 0) out.push([m.index, m.index + m[0].length]);
  return out;
}

function assertSame(table: FastPathTable, text: string): void {
  const found = table.find(text);
  table.patterns.forEach((re, i) => {
    assert.deepEqual(found[i], scan(re, text), `${table.names[i]} (${re.source.slice(0, 60)}) in ${JSON.stringify(text.slice(0, 80))}`);
  });
}

/** Around a written match: what may come before and after it in a letter. */
const BEFORE = ['', ' ', '\n', 'x', '5', '(', 'the ', '#', '-', '\u00a0', 'é'];
const AFTER = ['', ' ', '.', ',', 'x', '5', ')', ' daily', '\r\n', '%', '/'];

describe('prefilters (each fast path finds what a plain scan of its pattern finds)', function () {
  this.timeout(300_000);
  const tables = fastPathTables();

  it('lists the tables', () => {
    assert.deepEqual(
      tables.map((t) => t.name),
      ['quantities', 'markers', 'citations'],
    );
    for (const t of tables) assert.ok(t.patterns.length > 0 && t.names.length === t.patterns.length, t.name);
  });

  it('on every fixture letter, and on each upper- and lower-cased', () => {
    for (const text of letters()) {
      for (const table of tables) for (const variant of [text, text.toUpperCase(), text.toLowerCase()]) assertSame(table, variant);
    }
  });

  it('on text written from each pattern’s own source, in the contexts of a letter', () => {
    for (const table of tables) {
      table.patterns.forEach((_re, i) => {
        fc.assert(
          fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(...BEFORE), fc.constantFrom(...AFTER), (seed, before, after) => {
            let state = seed;
            // A small deterministic generator, so fast-check's seed and shrinking drive the written strings.
            const random = (): number => {
              state = (state * 48271) % 2147483647;
              return state / 2147483647;
            };
            const text = `${before}${table.sample(i, random)}${after} and ${table.sample(i, random)}`;
            assertSame(table, text);
          }),
          { numRuns: 60 },
        );
      });
    }
  });

  describe('adding a pattern is the only edit (the issue’s example: an inhaler’s puffs)', () => {
    const text = 'Albuterol inhaler 2 puffs every 4 hours; one puff at bedtime';
    const puffs = String.raw`\b(?:\d{1,4}(?:\.\d{1,3})?|one|two)\s+puffs?\b`;
    const withPuffs = (tables: QuantityTable[]): QuantityTable[] =>
      tables.map((t) => (t.kind === 'frequency' ? { ...t, sources: [...t.sources, puffs] } : t));

    it('is found once added to the frequency table, with no prefilter edited', () => {
      const [quantities] = fastPathTables(withPuffs);
      const i = quantities!.patterns.findIndex((re) => re.source === puffs);
      assert.ok(i >= 0);
      assert.deepEqual(quantities!.find(text)[i], [
        [text.indexOf('2 puffs'), text.indexOf('2 puffs') + '2 puffs'.length],
        [text.indexOf('one puff'), text.indexOf('one puff') + 'one puff'.length],
      ]);
      assertSame(quantities!, text);
    });

    it('is not found by the real tables, which have no such pattern', () => {
      const [quantities] = fastPathTables();
      const found = quantities!.find(text).flat();
      assert.ok(!found.some(([start]) => start === text.indexOf('2 puffs')), JSON.stringify(found));
    });
  });
});

/** A list entry (upper- or lower-case words) written as letters write headings and labels: case, markup, colon, spacing, centring. */
function writtenAs(entry: string): string[] {
  const title = entry.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
  return [entry.toUpperCase(), entry.toLowerCase(), title].flatMap((words) => [
    words,
    `${words}:`,
    `${words}: Upheld.`,
    `**${words}**`,
    `**${words}:**`,
    `**${words}**:`,
    `<b>${words}</b>`,
    `<B>${words}:</B> text`,
    `## ${words}`,
    `#${words}`,
    `   ${words}   `,
    words.replace(/ /g, '  '),
    words.replace(/ /g, '\t'),
    `${words}s`,
    `${words} of the case`,
    `The ${words}`,
  ]);
}

/** `entry` with one character misread in each place: substituted by what OCR confuses it with (and markup), dropped, or one inserted. */
function misreadings(entry: string): string[] {
  const out: string[] = [];
  for (let p = 0; p < entry.length; p++) {
    for (const c of ['1', 'l', '0', '|', '*', ':', ' ', '\u00e9']) if (c !== entry[p]) out.push(entry.slice(0, p) + c + entry.slice(p + 1));
    out.push(entry.slice(0, p) + entry.slice(p + 1));
    out.push(entry.slice(0, p) + 'i' + entry.slice(p));
  }
  return out.filter((v) => v.trim().length > 0);
}

describe('prefilters of the lists (headings, labels: each finder finds what a plain match of every line finds)', function () {
  this.timeout(300_000);
  const tables = lineListTables();

  it('lists the tables', () => {
    assert.deepEqual(
      tables.map((t) => t.name),
      ['headings', 'labels', 'outcomes'],
    );
  });

  it('on every line of every fixture letter, and of each upper- and lower-cased', () => {
    for (const text of letters()) {
      for (const table of tables) for (const variant of [text, text.toUpperCase(), text.toLowerCase()]) assert.deepEqual(table.find(variant), table.plain(variant), table.name);
    }
  });

  it('on each entry written as letters write it, and each is found so', () => {
    for (const table of tables) {
      for (const entry of table.entries) {
        const lines = writtenAs(entry);
        const text = lines.join('\n');
        const found = table.find(text);
        assert.deepEqual(found, table.plain(text), `${table.name}: ${entry}`);
        // Written plainly, upper-cased, it is found: the entry is reachable through its prefilter.
        assert.ok(found[0] !== undefined, `${table.name}: ${entry} not found as ${lines[0]}`);
      }
    }
  });

  it('on each entry misread by one character in every place (OCR), written as letters write it, and each is found so', () => {
    for (const table of tables) {
      for (const entry of table.entries) {
        const variants = misreadings(entry);
        const text = variants.flatMap(writtenAs).join('\n');
        assert.deepEqual(table.find(text), table.plain(text), `${table.name}: ${entry}`);
        // Each misreading, in capitals, alone or before a colon (labels need the colon), is read as the entry.
        const plainly = variants.flatMap((v) => [v.toUpperCase(), `${v.toUpperCase()}:`]);
        const found = table.find(plainly.join('\n'));
        assert.equal(found.length, plainly.length);
        // A label is read up to its colon, an outcome is one word: a colon (or a space, or `*`) misread inside them cuts them short.
        const cut = (v: string): boolean => (table.name === 'labels' && v.includes(':')) || (table.name === 'outcomes' && /[ :*]/.test(v));
        const missed = variants.filter((v, k) => found[2 * k] === undefined && found[2 * k + 1] === undefined && !cut(v));
        assert.deepEqual(missed, [], `${table.name}: ${entry}`);
      }
    }
  });
});

describe('the drugs’ first-word table (read from the lexicon: adding a drug to it is the only edit)', function () {
  this.timeout(300_000);

  it('finds every name of every entry of the shipped lexicon, written as the lexicon writes it, before a strength', () => {
    const lexicon = JSON.parse(readFileSync(path.join(__dirname, '../../src/core/entities/drug-lexicon.json'), 'utf8')) as {
      drugs: { generic: string; brands?: string[]; aliases?: string[]; capitalised?: string[] }[];
    };
    const missed: string[] = [];
    for (const drug of lexicon.drugs) {
      const capitalised = new Set((drug.capitalised ?? []).map((n) => n.toLowerCase()));
      for (const name of [drug.generic, ...(drug.brands ?? []), ...(drug.aliases ?? [])]) {
        // A name found only capitalised (`Sentra`) is written so.
        const written = capitalised.has(name.toLowerCase()) ? name.charAt(0).toUpperCase() + name.slice(1) : name;
        const text = `Requested: ${written} 10 mg tablets.`;
        const at = text.indexOf(written);
        if (!findEntities(text).some((e) => e.kind === 'drug' && e.start === at)) missed.push(written);
      }
    }
    assert.deepEqual(missed, []);
  });
});

