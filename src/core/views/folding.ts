/**
 * Folding: the header, each section, each disputed item, and the labelled blocks inside an item
 * (guidelines, rationale) that span at least three lines, as line ranges an editor folds.
 */

import type { Letter } from '../model';
import { lineAt, lineStartsOf } from '../parse/lines';
import type { Cancellation } from '../document';
import { foldRegions } from './outline';

/** A block is worth folding from this many lines; shorter ones fold away next to nothing. */
const MIN_BLOCK_LINES = 3;

/** Lines `start` to `end` (0-based, inclusive) fold into `start`. */
export interface FoldingLines {
  readonly start: number;
  readonly end: number;
}

/**
 * The letter's folding ranges, by start line: one per start line (an editor keeps only one), the
 * outermost region winning; a header, section or item from two lines, a block from three.
 * `undefined` when cancelled.
 */
export function foldingRanges(letter: Letter, token?: Cancellation): FoldingLines[] | undefined {
  const starts = lineStartsOf(letter.text).lineStarts;
  const byStartLine = new Map<number, FoldingLines>();
  for (const region of foldRegions(letter)) {
    if (token?.isCancellationRequested) return undefined;
    const start = lineAt(starts, region.start);
    const end = lineAt(starts, Math.max(region.start, region.end - 1));
    if (end - start + 1 < (region.kind === 'block' ? MIN_BLOCK_LINES : 2)) continue;
    const existing = byStartLine.get(start);
    if (existing && existing.end >= end) continue;
    byStartLine.set(start, { start, end });
  }
  return [...byStartLine.values()].sort((a, b) => a.start - b.start);
}
