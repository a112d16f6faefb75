/**
 * The pattern tables whose matches the entity finders look for only where a prefilter lets them
 * (start keys, number gates), each with its fast path laid bare: what the prefilter tests compare
 * with a plain global scan of every pattern, so a prefilter that drifts from its table fails a test.
 */

import { anchorFastPath } from './entities/citations';
import { markerFastPaths } from './entities/markers';
import { quantityFastPaths, type QuantityTable } from './entities/quantities';
import { parseSource, sampleOf } from './entities/regexStarts';
import { LABEL_WORDS, matchLabel, matchOutcome, OUTCOME_WORDS } from './parse/items';
import { indexLines } from './parse/lines';
import { HEADING_KEYS, headingKind, unfilteredHeadingKind } from './parse/sections';

export type { QuantityTable } from './entities/quantities';

/** One pattern table and its fast path. */
export interface FastPathTable {
  readonly name: string;
  /** The table's patterns, as plain global regexes (`g`). */
  readonly patterns: readonly RegExp[];
  /** A name for each pattern (`quantities frequency 2`). */
  readonly names: readonly string[];
  /** Each pattern's matches in `text` (`[start, end)`, in order) as the finder's fast path finds them. */
  find(text: string): [number, number][][];
  /** A random string written from pattern `index`'s source (assertions ignored: it may not match). */
  sample(index: number, random: () => number): string;
}

function withSamples(table: Omit<FastPathTable, 'sample'>): FastPathTable {
  const trees = table.patterns.map((re) => parseSource(re.source, re.flags.replace('g', '')));
  return { ...table, sample: (index, random) => sampleOf(trees[index]!, random) };
}

/**
 * Every fast-path pattern table. `editQuantities` changes a copy of the quantities' tables first (a
 * pattern added, say): the tables' prefilters are read from the patterns, so that is all it takes.
 */
export function fastPathTables(editQuantities?: (tables: QuantityTable[]) => QuantityTable[]): FastPathTable[] {
  return [
    withSamples({ name: 'quantities', ...quantityFastPaths(editQuantities) }),
    withSamples({ name: 'markers', ...markerFastPaths() }),
    withSamples({ name: 'citations', ...anchorFastPath() }),
  ];
}

/** A list the parser matches content lines against (the headings, the labels), with its prefilter laid bare. */
export interface LineListTable {
  readonly name: string;
  /** The list's entries as its table writes them (a heading's key, a label's words). */
  readonly entries: readonly string[];
  /** What the finder (its prefilter first) makes of each content line of `text`, in order (`undefined`: nothing). */
  find(text: string): (string | undefined)[];
  /** The same with no prefilter: each line matched against every entry. */
  plain(text: string): (string | undefined)[];
}

/** The headings', the labels' and the outcome words' lists: their prefilters are read from the lists, and checked against a plain match by the prefilter test. */
export function lineListTables(): LineListTable[] {
  const content = (text: string) => indexLines(text).content;
  const label = (match: ReturnType<typeof matchLabel>): string | undefined => (match ? JSON.stringify(match) : undefined);
  const outcome = (match: ReturnType<typeof matchOutcome>): string | undefined => (match ? JSON.stringify(match) : undefined);
  return [
    {
      name: 'headings',
      entries: HEADING_KEYS,
      find: (text) => content(text).map((line) => headingKind(text, line)),
      plain: (text) => content(text).map(unfilteredHeadingKind),
    },
    {
      name: 'labels',
      entries: LABEL_WORDS,
      find: (text) => content(text).map((line) => label(matchLabel(line))),
      plain: (text) => content(text).map((line) => label(matchLabel(line, false))),
    },
    {
      name: 'outcomes',
      entries: OUTCOME_WORDS.map(({ word }) => word),
      find: (text) => content(text).map((line) => outcome(matchOutcome(line))),
      plain: (text) => content(text).map((line) => outcome(matchOutcome(line, false))),
    },
  ];
}
