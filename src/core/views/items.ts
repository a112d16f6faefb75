/**
 * The disputed items as lists and counts: what the items view, the status bar and the item
 * navigation show. Pure functions of the analysis.
 */

import type { Analysis } from '../analyze';
import type { Letter, Outcome, Range } from '../model';
import { lineAt, lineStartsOf } from '../parse/lines';

/** One item as a list shows it. */
export interface ItemSummary {
  readonly index: number;
  /** The item's name as written (normalised); `''` when the letter gives none. */
  readonly name: string;
  readonly outcome: Outcome | null;
  /** Where the name is; an editor selects it to show the item. */
  readonly nameRange: Range;
  /** 0-based line of the name's first character. */
  readonly line: number;
}

/** The items of a letter in text order, with the line each starts on. */
export function itemSummaries(letter: Letter): ItemSummary[] {
  if (letter.items.length === 0) return [];
  const starts = lineStartsOf(letter.text).lineStarts;
  return [...letter.items]
    .sort((a, b) => a.name.start - b.name.start)
    .map((item) => ({
      index: item.index,
      name: item.name.text,
      outcome: item.outcome,
      nameRange: { start: item.name.start, end: item.name.end },
      line: lineAt(starts, item.name.start),
    }));
}

/** How many items were decided which way, and how many gaps the rules flagged. */
export interface LetterCounts {
  readonly items: number;
  readonly upheld: number;
  readonly overturned: number;
  /** Items without a decision. */
  readonly missing: number;
  /** The rules' diagnostics. */
  readonly gaps: number;
}

export function letterCounts(analysis: Analysis): LetterCounts {
  let upheld = 0;
  let overturned = 0;
  let missing = 0;
  for (const item of analysis.letter.items) {
    if (item.outcome === 'upheld') upheld++;
    else if (item.outcome === 'overturned') overturned++;
    else missing++;
  }
  return { items: analysis.letter.items.length, upheld, overturned, missing, gaps: analysis.diagnostics.length };
}

/** Which outcomes a list shows: every item, or only those decided one way, or those without a decision. */
export type OutcomeFilter = 'all' | Outcome | 'missing';

export function matchesFilter(outcome: Outcome | null, filter: OutcomeFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'missing') return outcome === null;
  return outcome === filter;
}

/**
 * The target to move to from the cursor: the first of `starts` (ascending offsets) after `from`
 * going forward, the last before it going backward, wrapping around at the ends. `undefined` when
 * there is no target at all.
 */
export function stepTo(starts: readonly number[], from: number, direction: 'next' | 'previous'): { index: number; wrapped: boolean } | undefined {
  if (starts.length === 0) return undefined;
  if (direction === 'next') {
    const index = starts.findIndex((start) => start > from);
    return index >= 0 ? { index, wrapped: false } : { index: 0, wrapped: true };
  }
  for (let index = starts.length - 1; index >= 0; index--) {
    if (starts[index]! < from) return { index, wrapped: false };
  }
  return { index: starts.length - 1, wrapped: true };
}

/** The item whose block holds `offset` (its heading through to the next item), if any. */
export function itemIndexAt(letter: Letter, offset: number): number | undefined {
  for (const item of letter.items) {
    if (item.range.start <= offset && offset < item.range.end) return item.index;
  }
  return undefined;
}
