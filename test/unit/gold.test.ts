/**
 * The entity extractors measured against the hand-annotated gold set
 * (`test/fixtures/gold/entities.json`, see its README): per kind, true positives, precision and
 * recall, printed as a table with the mismatches listed, and asserted against thresholds.
 *
 * Matching is exact (same kind, same start and end) for every kind except `guideline`, which
 * matches leniently (same kind and overlapping), one predicted span per gold span. Drugs are
 * scored separately on item lines and elsewhere.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { type Entity, type EntityKind, findEntities } from '../../src/core';

const GOLD_FILE = path.join(__dirname, '../fixtures/gold/entities.json');
const FIXTURES = path.join(__dirname, '../fixtures');

const KINDS = [
  'drug',
  'strength',
  'quantity',
  'form',
  'route',
  'frequency',
  'duration',
  'refills',
  'sessions',
  'timeQualifier',
  'guideline',
  'literature',
  'date',
  'redacted',
  'bodyPart',
  'spineLevel',
] as const satisfies readonly EntityKind[];

const CONTEXTS = ['item', 'guideline', 'rationale', 'summary'] as const;

const GoldSpan = z
  .object({
    kind: z.enum(KINDS),
    /** The span's exact text as it appears in the snippet. */
    text: z.string().min(1),
    /** 0-based index among the occurrences of `text` in the snippet (`indexOf` from the previous hit + 1); omitted when 0. */
    occurrence: z.number().int().nonnegative().optional(),
  })
  .strict();

const GoldSnippet = z
  .object({
    /** Fixture path relative to `test/fixtures`. */
    source: z.string().regex(/^(samples|corpus|corpus-layout)\/[^/]+\.txt$/),
    context: z.enum(CONTEXTS),
    /** Copied byte for byte from the source. */
    text: z.string().min(1),
    spans: z.array(GoldSpan),
  })
  .strict();

const GoldFile = z.object({ snippets: z.array(GoldSnippet).min(1) }).strict();

type GoldSnippet = z.infer<typeof GoldSnippet>;
type Kind = (typeof KINDS)[number];

/** The row a span is scored in: its kind, except that drugs on item lines get their own row. */
type Row = Exclude<Kind, 'drug'> | 'drug (item lines)' | 'drug (elsewhere)';

const ROWS: readonly Row[] = [
  'drug (item lines)',
  'drug (elsewhere)',
  ...KINDS.filter((k): k is Exclude<Kind, 'drug'> => k !== 'drug'),
];

interface Span {
  readonly kind: Kind;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function rowOf(kind: Kind, snippet: GoldSnippet): Row {
  if (kind !== 'drug') return kind;
  return snippet.context === 'item' ? 'drug (item lines)' : 'drug (elsewhere)';
}

/** The offset of the n-th occurrence of `needle` (each search starts one past the previous hit). */
function nthIndexOf(haystack: string, needle: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = haystack.indexOf(needle, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

/** Gold spans with offsets; throws (naming the snippet) when a span's text/occurrence is not in its snippet. */
function resolve(snippet: GoldSnippet): Span[] {
  return snippet.spans.map((span) => {
    const occurrence = span.occurrence ?? 0;
    const start = nthIndexOf(snippet.text, span.text, occurrence);
    if (start < 0) {
      throw new Error(
        `gold span not found: ${span.kind} ${JSON.stringify(span.text)} occurrence ${occurrence} in ${snippet.source}: ${JSON.stringify(snippet.text)}`,
      );
    }
    return { kind: span.kind, start, end: start + span.text.length, text: span.text };
  });
}

function loadGold(): { snippets: GoldSnippet[] } {
  return GoldFile.parse(JSON.parse(readFileSync(GOLD_FILE, 'utf8')));
}

const sourceCache = new Map<string, string>();
function source(file: string): string {
  let text = sourceCache.get(file);
  if (text === undefined) {
    text = readFileSync(path.join(FIXTURES, file), 'utf8');
    sourceCache.set(file, text);
  }
  return text;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

// ---------------------------------------------------------------------------------------------
// Scoring

interface Mismatch {
  readonly row: Row;
  readonly source: string;
  /** `predicted` alone: a false positive; `gold` alone: a false negative; both: a near miss. */
  readonly predicted?: string;
  readonly gold?: string;
}

interface Tally {
  gold: number;
  predicted: number;
  tp: number;
}

interface Score extends Tally {
  readonly row: Row;
  readonly precision: number;
  readonly recall: number;
}

/** One-to-one matching of predicted to gold spans of one kind in one snippet. */
function match(kind: Kind, gold: readonly Span[], predicted: readonly Span[]): { tp: number; missed: Span[]; extra: Span[] } {
  const used = new Set<number>();
  const missed: Span[] = [];
  let tp = 0;
  for (const g of gold) {
    let best = -1;
    if (kind === 'guideline') {
      // Lenient: the unmatched overlapping prediction with the largest overlap.
      let bestOverlap = 0;
      predicted.forEach((p, i) => {
        if (used.has(i) || !overlaps(p, g)) return;
        const overlap = Math.min(p.end, g.end) - Math.max(p.start, g.start);
        if (overlap > bestOverlap) {
          bestOverlap = overlap;
          best = i;
        }
      });
    } else {
      best = predicted.findIndex((p, i) => !used.has(i) && p.start === g.start && p.end === g.end);
    }
    if (best >= 0) {
      used.add(best);
      tp++;
    } else {
      missed.push(g);
    }
  }
  return { tp, missed, extra: predicted.filter((_, i) => !used.has(i)) };
}

function score(snippets: readonly GoldSnippet[]): { scores: Score[]; mismatches: Mismatch[]; contract: string[] } {
  const tallies = new Map<Row, Tally>(ROWS.map((row) => [row, { gold: 0, predicted: 0, tp: 0 }]));
  const mismatches: Mismatch[] = [];
  const contract: string[] = [];
  for (const snippet of snippets) {
    const gold = resolve(snippet);
    const entities: readonly Entity[] = findEntities(snippet.text);
    for (const e of entities) {
      if (snippet.text.slice(e.start, e.end) !== e.text) {
        contract.push(`${snippet.source}: ${e.kind} [${e.start}, ${e.end}) text ${JSON.stringify(e.text)} is not the slice ${JSON.stringify(snippet.text.slice(e.start, e.end))}`);
      }
    }
    const predicted: Span[] = entities.map((e) => ({ kind: e.kind, start: e.start, end: e.end, text: snippet.text.slice(e.start, e.end) }));
    for (const kind of KINDS) {
      const g = gold.filter((s) => s.kind === kind);
      const p = predicted.filter((s) => s.kind === kind);
      if (g.length === 0 && p.length === 0) continue;
      const row = rowOf(kind, snippet);
      const tally = tallies.get(row)!;
      const { tp, missed, extra } = match(kind, g, p);
      tally.gold += g.length;
      tally.predicted += p.length;
      tally.tp += tp;
      // Pair a missed gold span with an extra prediction that overlaps it: a boundary error.
      const unpaired = [...extra];
      for (const m of missed) {
        const i = unpaired.findIndex((x) => overlaps(x, m));
        if (i >= 0) {
          mismatches.push({ row, source: snippet.source, predicted: unpaired[i]!.text, gold: m.text });
          unpaired.splice(i, 1);
        } else {
          mismatches.push({ row, source: snippet.source, gold: m.text });
        }
      }
      for (const x of unpaired) mismatches.push({ row, source: snippet.source, predicted: x.text });
    }
  }
  const scores = ROWS.map((row): Score => {
    const t = tallies.get(row)!;
    const precision = t.predicted === 0 ? (t.gold === 0 ? 1 : 0) : t.tp / t.predicted;
    const recall = t.gold === 0 ? 1 : t.tp / t.gold;
    return { row, ...t, precision, recall };
  });
  return { scores, mismatches, contract };
}

function printTable(scores: readonly Score[]): void {
  const pct = (x: number): string => x.toFixed(3);
  const lines = [
    ['kind', 'gold', 'predicted', 'TP', 'P', 'R'],
    ...scores.map((s) => [s.row, String(s.gold), String(s.predicted), String(s.tp), pct(s.precision), pct(s.recall)]),
  ];
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  const fmt = (l: string[]): string => l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  console.log('\n      Entities against the gold set (exact spans; guideline: overlap)\n');
  console.log('      ' + fmt(lines[0]!));
  for (const l of lines.slice(1)) console.log('      ' + fmt(l));
}

/** Mismatches per kind; `GOLD_ALL=1` lists every one, otherwise up to 40 per kind. */
function printMismatches(mismatches: readonly Mismatch[]): void {
  const limit = process.env.GOLD_ALL ? Infinity : 40;
  const q = (s: string): string => JSON.stringify(s);
  for (const row of ROWS) {
    const list = mismatches.filter((m) => m.row === row);
    if (list.length === 0) continue;
    console.log(`\n      ${row}: ${list.length} mismatch(es)`);
    for (const m of list.slice(0, limit)) {
      const what =
        m.predicted !== undefined && m.gold !== undefined
          ? `predicted ${q(m.predicted)} vs gold ${q(m.gold)}`
          : m.gold !== undefined
            ? `missed gold ${q(m.gold)}`
            : `extra predicted ${q(m.predicted!)}`;
      console.log(`        ${m.source}: ${what}`);
    }
    if (list.length > limit) console.log(`        … and ${list.length - limit} more (GOLD_ALL=1 lists all)`);
  }
  console.log('');
}

// ---------------------------------------------------------------------------------------------

/** Threshold for a row, or undefined when it has too few gold spans to measure. */
function threshold(row: Row, gold: number): number | undefined {
  if (row === 'drug (item lines)') return 0.95;
  return gold >= 5 ? 0.9 : undefined;
}

/** Gold counts per row, read at load time so each measured row gets its own test. */
function goldCounts(): Map<Row, number> {
  const counts = new Map<Row, number>();
  const parsed = GoldFile.safeParse(JSON.parse(readFileSync(GOLD_FILE, 'utf8')));
  if (!parsed.success) return counts;
  for (const snippet of parsed.data.snippets) {
    for (const span of snippet.spans) {
      const row = rowOf(span.kind, snippet);
      counts.set(row, (counts.get(row) ?? 0) + 1);
    }
  }
  return counts;
}

describe('entities against the hand-annotated gold set', () => {
  describe('the gold file', () => {
    it('has the documented shape', () => {
      const raw: unknown = JSON.parse(readFileSync(GOLD_FILE, 'utf8'));
      const parsed = GoldFile.safeParse(raw);
      assert.ok(parsed.success, parsed.success ? '' : z.prettifyError(parsed.error));
    });

    it('copies every snippet byte for byte from its fixture', () => {
      const bad = loadGold().snippets.filter((s) => !source(s.source).includes(s.text));
      assert.deepEqual(bad.map((s) => `${s.source}: ${JSON.stringify(s.text.slice(0, 60))}`), []);
    });

    it('resolves every span, and spans follow the edge conventions and never overlap their own kind', () => {
      const problems: string[] = [];
      for (const snippet of loadGold().snippets) {
        const spans = resolve(snippet); // throws on a span that is not in its snippet
        for (const s of spans) {
          if (s.text !== s.text.trim()) problems.push(`${snippet.source}: ${s.kind} ${JSON.stringify(s.text)} has surrounding whitespace`);
          if (s.text.endsWith('.')) problems.push(`${snippet.source}: ${s.kind} ${JSON.stringify(s.text)} ends with a period`);
        }
        spans.forEach((a, i) => {
          for (const b of spans.slice(i + 1)) {
            if (a.kind === b.kind && overlaps(a, b)) {
              problems.push(`${snippet.source}: ${a.kind} ${JSON.stringify(a.text)} overlaps ${JSON.stringify(b.text)}`);
            }
          }
        });
      }
      assert.deepEqual(problems, []);
    });

    it('covers at least 60 item lines and 15 guideline blocks', () => {
      const { snippets } = loadGold();
      assert.ok(snippets.filter((s) => s.context === 'item').length >= 60);
      assert.ok(snippets.filter((s) => s.context === 'guideline' && s.spans.some((x) => x.kind === 'guideline')).length >= 15);
    });
  });

  describe('findEntities', () => {
    let result: ReturnType<typeof score> | undefined;

    before(() => {
      result = score(loadGold().snippets);
      printTable(result.scores);
      printMismatches(result.mismatches);
    });

    it('returns entities whose text is the slice of the input they cover', () => {
      assert.deepEqual(result!.contract, []);
    });

    const counts = goldCounts();
    for (const [row, gold] of ROWS.map((r) => [r, counts.get(r) ?? 0] as const)) {
      const min = threshold(row, gold);
      if (min === undefined) continue;
      it(`${row}: precision and recall ≥ ${min} (${gold} gold spans)`, () => {
        const s = result!.scores.find((x) => x.row === row)!;
        const detail = `${row}: P ${s.precision.toFixed(3)}, R ${s.recall.toFixed(3)} (gold ${s.gold}, predicted ${s.predicted}, TP ${s.tp})`;
        assert.ok(s.precision >= min && s.recall >= min, detail);
      });
    }
  });
});
