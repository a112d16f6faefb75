/**
 * The outcomes dashboard's numbers: how many items were upheld or overturned, grouped by each
 * dimension of `dimensions.ts`, with the days from application to decision. Letters are added one
 * file at a time to an {@link OutcomeAggregate}; aggregates of parts of a corpus merge into the
 * aggregate of the whole ({@link mergeAggregates}, for the CLI's workers), and {@link finishAggregate}
 * turns one into the {@link DashboardData} that the JSON report writes and the dashboard draws.
 *
 * Memory stays flat in the number of letters: counts per key, a bounded number of keys per dimension
 * ({@link AggregateOptions.maxKeys}; later keys are counted together as `other`), the days as a count per
 * whole day, and at most {@link AggregateOptions.maxRefs} item references per bucket (the first ones, in
 * the order letters were added; the rest are only counted, as `moreRefs`).
 */

import { lineAt, lineStartsOf } from '../parse/lines';
import type { Letter, Outcome } from '../model';
import {
  AGE_BINS,
  claimantAge,
  claimantSex,
  DAY_BINS,
  dayBin,
  daysToDecision,
  decisionMonth,
  DIMENSIONS,
  type DimensionId,
  type DimensionKey,
  drugClassOf,
  drugsOf,
  guidelineChapters,
  guidelineSources,
  LETTER_DIMENSIONS,
  priorityOf,
  requestCategory,
  requestOf,
  reviewerSpecialties,
  reviewerStates,
  TOP_DIMENSIONS,
} from './dimensions';

/** Where an item is: enough to list it and to open its letter at it. */
export interface ItemRef {
  /** The file as the caller named it (a path, or a workspace-relative path or URI). */
  readonly file: string;
  /** 0-based index of the letter in its file (a packet holds several). */
  readonly letter: number;
  /** 0-based index of the item in its letter; -1 for a letter without items. */
  readonly item: number;
  /** UTF-16 offset of the item's name in the file's text. */
  readonly offset: number;
  /** UTF-16 offset of the end of the item's name (an editor selects offset..end). */
  readonly end: number;
  /** 1-based line of that offset. */
  readonly line: number;
  /** The item's name as written (normalised). */
  readonly name: string;
  readonly outcome: Outcome | null;
}

/** Counts of items by outcome. */
export interface OutcomeCounts {
  /** Letters with at least one item (or the letter itself, for letter dimensions) under the key. */
  letters: number;
  items: number;
  upheld: number;
  overturned: number;
  /** Items without a decision. */
  undecided: number;
}

interface BucketTally extends OutcomeCounts {
  readonly key: string;
  readonly label: string;
  readonly refs: ItemRef[];
  moreRefs: number;
}

interface DimensionTally {
  /** By key, in the order keys were first seen. */
  readonly buckets: Map<string, BucketTally>;
  /** Letters and items that have no key in this dimension (no decision date, no drug...). */
  readonly missing: OutcomeCounts;
  /** Keys seen after {@link AggregateOptions.maxKeys} was reached, counted together. */
  readonly other: OutcomeCounts;
  keyLimitReached: boolean;
}

/** Limits that keep an aggregate's memory flat in the number of letters. */
export interface AggregateOptions {
  /** Item references kept per bucket (default 100). */
  readonly maxRefs?: number;
  /** Keys kept per dimension (default 5,000): requests and drugs are open-ended. */
  readonly maxKeys?: number;
}

/** A partial result: the letters added so far. Made by {@link createAggregate}, merged by {@link mergeAggregates}. */
export interface OutcomeAggregate {
  readonly maxRefs: number;
  readonly maxKeys: number;
  files: number;
  /** Files that held no determination letter, or could not be read. */
  skipped: number;
  readonly totals: OutcomeCounts;
  readonly dimensions: Record<DimensionId, DimensionTally>;
  /** Letters by whole days from application to decision. */
  readonly days: Map<number, number>;
  /** Letters decided after their deadline (30 days, 3 when expedited). */
  overDeadline: number;
}

/**
 * `text` as a string of its own. A name or label cut from a letter may be a slice that keeps the
 * whole letter's text alive (V8's sliced strings): kept in a reference or a key, it would make the
 * aggregate grow with the letters it has seen rather than with what it keeps.
 */
function ownString(text: string): string {
  return (text + ' ').slice(0, -1);
}

function noCounts(): OutcomeCounts {
  return { letters: 0, items: 0, upheld: 0, overturned: 0, undecided: 0 };
}

function addCounts(into: OutcomeCounts, from: OutcomeCounts): void {
  into.letters += from.letters;
  into.items += from.items;
  into.upheld += from.upheld;
  into.overturned += from.overturned;
  into.undecided += from.undecided;
}

/** An empty aggregate. */
export function createAggregate(options: AggregateOptions = {}): OutcomeAggregate {
  const dimensions = {} as Record<DimensionId, DimensionTally>;
  for (const id of DIMENSIONS) dimensions[id] = { buckets: new Map(), missing: noCounts(), other: noCounts(), keyLimitReached: false };
  return { maxRefs: options.maxRefs ?? 100, maxKeys: options.maxKeys ?? 5000, files: 0, skipped: 0, totals: noCounts(), dimensions, days: new Map(), overDeadline: 0 };
}

/**
 * The bucket of `key`, made when there is room; undefined when the dimension already has
 * `maxKeys` keys (the caller counts into `other`). The same rule for adding and merging keeps the
 * result of merging parts in order equal to that of adding every letter to one aggregate.
 */
function bucketOf(aggregate: OutcomeAggregate, tally: DimensionTally, key: DimensionKey): BucketTally | undefined {
  let bucket = tally.buckets.get(key.key);
  if (!bucket && tally.buckets.size < aggregate.maxKeys) {
    bucket = { key: ownString(key.key), label: ownString(key.label), ...noCounts(), refs: [], moreRefs: 0 };
    tally.buckets.set(key.key, bucket);
  }
  return bucket;
}

function countItem(counts: OutcomeCounts, outcome: Outcome | null): void {
  counts.items++;
  if (outcome === 'upheld') counts.upheld++;
  else if (outcome === 'overturned') counts.overturned++;
  else counts.undecided++;
}

function addRef(aggregate: OutcomeAggregate, bucket: BucketTally, ref: ItemRef): void {
  if (bucket.refs.length < aggregate.maxRefs) bucket.refs.push(ref);
  else bucket.moreRefs++;
}

/** The keys of one letter in every dimension, each item's and the letter's own. */
function keysOf(letter: Letter): { letter: Partial<Record<DimensionId, DimensionKey[]>>; items: Array<Partial<Record<DimensionId, DimensionKey[]>>> } {
  const days = daysToDecision(letter);
  const one = (key: DimensionKey | undefined): DimensionKey[] => (key ? [key] : []);
  return {
    letter: {
      specialty: reviewerSpecialties(letter),
      licensure: reviewerStates(letter),
      month: one(decisionMonth(letter)),
      priority: one(priorityOf(letter)),
      days: days === undefined ? [] : [dayBin(days.days)],
      age: one(claimantAge(letter)),
      sex: one(claimantSex(letter)),
    },
    items: letter.items.map((item) => ({
      category: [requestCategory(item)],
      drugClass: one(drugClassOf(item)),
      guideline: guidelineSources(item),
      chapter: guidelineChapters(item),
      drug: drugsOf(item),
      request: one(requestOf(letter, item)),
    })),
  };
}

/**
 * Adds a file's determination letters (one today; a packet's several) to `aggregate`. `file` is
 * how references name the file. A file without a letter counts as skipped.
 */
export function addFile(aggregate: OutcomeAggregate, file: string, letters: readonly Letter[]): void {
  const determinations = letters.filter((l) => l.isDetermination);
  if (determinations.length === 0) {
    aggregate.skipped++;
    return;
  }
  aggregate.files++;
  letters.forEach((letter, index) => {
    if (letter.isDetermination) addLetter(aggregate, file, index, letter);
  });
}

function addLetter(aggregate: OutcomeAggregate, file: string, letterIndex: number, letter: Letter): void {
  const { totals, dimensions } = aggregate;
  totals.letters++;
  const starts = letter.items.length > 0 ? lineStartsOf(letter.text).lineStarts : [];
  const refs: ItemRef[] = letter.items.map((item) => ({
    file,
    letter: letterIndex,
    item: item.index,
    offset: item.name.start,
    end: item.name.end,
    line: lineAt(starts, item.name.start) + 1,
    name: ownString(item.name.text),
    outcome: item.outcome,
  }));
  // A letter without items is still listed (and opened) under its letter keys.
  const letterRef: ItemRef = { file, letter: letterIndex, item: -1, offset: 0, end: 0, line: 1, name: '', outcome: null };
  for (const item of letter.items) countItem(totals, item.outcome);

  const keys = keysOf(letter);
  const days = daysToDecision(letter);
  if (days !== undefined) {
    aggregate.days.set(days.days, (aggregate.days.get(days.days) ?? 0) + 1);
    if (days.days > days.deadline) aggregate.overDeadline++;
  }

  for (const id of DIMENSIONS) {
    const tally = dimensions[id];
    // Buckets (and keys counted as `other`) this letter has counted in already: it counts once in each.
    const counted = new Set<OutcomeCounts | string>();
    const count = (counts: OutcomeCounts, itemIndex: number, ref: ItemRef | undefined, bucket?: BucketTally, otherKey?: string): void => {
      const once = otherKey ?? counts;
      if (!counted.has(once)) {
        counted.add(once);
        counts.letters++;
      }
      if (itemIndex >= 0) countItem(counts, letter.items[itemIndex]!.outcome);
      if (bucket && ref) addRef(aggregate, bucket, ref);
    };
    const place = (key: DimensionKey, itemIndex: number, ref: ItemRef | undefined): void => {
      const bucket = bucketOf(aggregate, tally, key);
      if (bucket) count(bucket, itemIndex, ref, bucket);
      else {
        tally.keyLimitReached = true;
        // Once per key, as merging the key's bucket from another aggregate counts it.
        count(tally.other, itemIndex, undefined, undefined, `other:${key.key}`);
      }
    };
    if (LETTER_DIMENSIONS.has(id)) {
      const letterKeys = keys.letter[id] ?? [];
      if (letterKeys.length === 0) {
        count(tally.missing, -1, undefined);
        letter.items.forEach((_, i) => count(tally.missing, i, undefined));
        continue;
      }
      for (const key of letterKeys) {
        if (letter.items.length === 0) place(key, -1, letterRef);
        else letter.items.forEach((_, i) => place(key, i, refs[i]));
      }
    } else {
      letter.items.forEach((_, i) => {
        const itemKeys = keys.items[i]![id] ?? [];
        if (itemKeys.length === 0) count(tally.missing, i, undefined);
        for (const key of itemKeys) place(key, i, refs[i]);
      });
    }
  }
}

/**
 * Adds `from` (the letters of files after those of `into`) to `into`. Merging the aggregates of
 * consecutive parts in order gives what adding every file to one aggregate gives, references
 * included, as long as no part reached the key limit on its own (a part that did has counted its
 * later keys as `other`, where one aggregate might still have had room): merging each file's own
 * aggregate, as the CLI's workers would hand them back, always gives the same result.
 */
export function mergeAggregates(into: OutcomeAggregate, from: OutcomeAggregate): OutcomeAggregate {
  into.files += from.files;
  into.skipped += from.skipped;
  into.overDeadline += from.overDeadline;
  addCounts(into.totals, from.totals);
  for (const [days, letters] of from.days) into.days.set(days, (into.days.get(days) ?? 0) + letters);
  for (const id of DIMENSIONS) {
    const target = into.dimensions[id];
    const source = from.dimensions[id];
    addCounts(target.missing, source.missing);
    addCounts(target.other, source.other);
    target.keyLimitReached ||= source.keyLimitReached;
    for (const bucket of source.buckets.values()) {
      const merged = bucketOf(into, target, bucket);
      if (!merged) {
        addCounts(target.other, bucket);
        target.keyLimitReached = true;
        continue;
      }
      addCounts(merged, bucket);
      for (const ref of bucket.refs) addRef(into, merged, ref);
      merged.moreRefs += bucket.moreRefs;
    }
  }
  return into;
}

// ---- the finished data ----

/** One bar of a chart, one row of its table. */
export interface ChartRow extends OutcomeCounts {
  readonly key: string;
  readonly label: string;
  /** The first items under the key (at most `maxRefs`), in the order the letters were read. */
  readonly refs: readonly ItemRef[];
  /** Items under the key that are counted but not listed. */
  readonly moreRefs: number;
}

/** One chart of the dashboard and its table. */
export interface ChartData {
  readonly id: DimensionId;
  /** What a bar's length counts: items by outcome, or letters (days to decision is a fact of the letter). */
  readonly measure: 'items' | 'letters';
  readonly rows: readonly ChartRow[];
  /** Letters and items that have no key in this dimension. */
  readonly missing: OutcomeCounts;
  /**
   * Rows left out of a top list, and keys beyond the key limit, counted together (a letter under two
   * of them counts twice in `letters`); `rows` counts the rows left out of the top list.
   */
  readonly omitted: OutcomeCounts & { readonly rows: number };
  /** More keys came than an aggregate keeps: those after the limit are in `omitted` without rows of their own. */
  readonly keyLimitReached: boolean;
}

/** The days from application received to decision, over the letters that state both dates. */
export interface DaysSummary {
  readonly letters: number;
  readonly min: number | null;
  readonly median: number | null;
  readonly mean: number | null;
  readonly p90: number | null;
  readonly max: number | null;
  /** Letters decided after the review's deadline (30 days; 3 for expedited review). */
  readonly overDeadline: number;
}

/** The dashboard's numbers: what `imr-annotate report --format json` writes and the dashboard draws. */
export interface DashboardData {
  readonly format: 'imr-outcomes';
  readonly version: 1;
  readonly totals: OutcomeCounts & { readonly files: number; readonly skipped: number };
  readonly daysToDecision: DaysSummary;
  readonly charts: readonly ChartData[];
  /** References kept per row (see {@link ChartRow.moreRefs}). */
  readonly maxRefs: number;
}

/** Rows shown of the open-ended lists (guideline chapters, drugs, requests); the rest are counted as `omitted`. */
export const TOP_ROWS = 15;

function byItems(a: ChartRow, b: ChartRow): number {
  return b.items - a.items || b.letters - a.letters || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

function daysSummary(aggregate: OutcomeAggregate): DaysSummary {
  const entries = [...aggregate.days].sort((a, b) => a[0] - b[0]);
  const letters = entries.reduce((sum, [, n]) => sum + n, 0);
  if (letters === 0) return { letters: 0, min: null, median: null, mean: null, p90: null, max: null, overDeadline: aggregate.overDeadline };
  // The value at a 0-based rank of the sorted days (nearest rank).
  const at = (rank: number): number => {
    let seen = 0;
    for (const [days, n] of entries) {
      seen += n;
      if (seen > rank) return days;
    }
    return entries[entries.length - 1]![0];
  };
  const total = entries.reduce((sum, [days, n]) => sum + days * n, 0);
  const median = letters % 2 === 1 ? at((letters - 1) / 2) : (at(letters / 2 - 1) + at(letters / 2)) / 2;
  return {
    letters,
    min: entries[0]![0],
    median,
    mean: Math.round((total / letters) * 10) / 10,
    p90: at(Math.ceil(0.9 * letters) - 1),
    max: entries[entries.length - 1]![0],
    overDeadline: aggregate.overDeadline,
  };
}

/** The data the dashboard and the JSON report show, from an aggregate (which is left unchanged). */
export function finishAggregate(aggregate: OutcomeAggregate): DashboardData {
  const charts = DIMENSIONS.map((id): ChartData => {
    const tally = aggregate.dimensions[id];
    let rows: ChartRow[] = [...tally.buckets.values()].map((b) => ({
      key: b.key,
      label: b.label,
      letters: b.letters,
      items: b.items,
      upheld: b.upheld,
      overturned: b.overturned,
      undecided: b.undecided,
      refs: [...b.refs],
      moreRefs: b.moreRefs,
    }));
    const omitted = { ...tally.other, rows: 0 };
    // Keys that are an order keep it; the others go by how many items they have.
    const binOrder = (bins: ReadonlyArray<{ key: string }>) => (a: ChartRow, b: ChartRow) => bins.findIndex((bin) => bin.key === a.key) - bins.findIndex((bin) => bin.key === b.key);
    if (id === 'month') rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    else if (id === 'days') rows.sort(binOrder(DAY_BINS));
    else if (id === 'age') rows.sort(binOrder(AGE_BINS));
    else rows.sort(byItems);
    if (TOP_DIMENSIONS.has(id) && rows.length > TOP_ROWS) {
      for (const row of rows.slice(TOP_ROWS)) {
        addCounts(omitted, row);
        omitted.rows++;
      }
      rows = rows.slice(0, TOP_ROWS);
    }
    return { id, measure: id === 'days' ? 'letters' : 'items', rows, missing: { ...tally.missing }, omitted, keyLimitReached: tally.keyLimitReached };
  });
  return {
    format: 'imr-outcomes',
    version: 1,
    totals: { files: aggregate.files, skipped: aggregate.skipped, ...aggregate.totals },
    daysToDecision: daysSummary(aggregate),
    charts,
    maxRefs: aggregate.maxRefs,
  };
}
