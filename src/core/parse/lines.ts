/**
 * The line layer: the letter as content lines with exact offsets, whatever the extraction did to it
 * (`\r\n`, form feeds, a blank line after every line, trailing spaces, page furniture).
 */

import type { Range, TextBlock } from '../model';
import { isAsciiLetter, isTextSpace } from '../chars';

/**
 * One non-blank line of the letter. `start`/`end` bound its text without surrounding whitespace.
 * Its `text` is read from the letter when asked for, not kept: a large letter has hundreds of thousands
 * of lines, and their texts took as many bytes again as the line objects themselves.
 */
export class ContentLine implements Range {
  constructor(
    private readonly source: string,
    /** 0-based line number in the original text. */
    readonly lineNumber: number,
    readonly start: number,
    readonly end: number,
    /** Number of blank lines between the previous content line and this one. */
    readonly gapBefore: number,
  ) {}

  /** The trimmed text (`text.slice(start, end)`). */
  get text(): string {
    return this.source.slice(this.start, this.end);
  }
}

/** The content lines of a text, what parsing reads: {@link LineIndex} without the line starts. */
export interface ContentLines {
  /** Non-blank lines, page furniture excluded, in order. */
  readonly content: readonly ContentLine[];
  /**
   * The gap (in blank lines) that separates lines of one paragraph in this letter: 0 in most
   * extractions, 1 in those that put a blank line after every line. A larger gap is a paragraph break.
   */
  readonly lineGap: number;
  /** `\r\n` when the letter mostly uses it, else `\n`: what inserted text should use. */
  readonly eol: string;
}

export interface LineIndex extends ContentLines {
  /** Offsets where each line starts; `lineStarts[0] === 0`. */
  readonly lineStarts: ArrayLike<number>;
}

/** Lines that belong to the page, not the letter: `Page 2 of 5`, a bare page number. */
function isPageFurniture(text: string): boolean {
  if (text.length > 20) return false;
  // It starts with a digit or `Page`: reject other lines before running the regex.
  const first = text.charCodeAt(0);
  if (!(first >= 48 && first <= 57) && (first | 0x20) !== 0x70 /* p */) return false;
  return /^(?:Page\s{1,5})?\d{1,3}(?:\s{1,5}of\s{1,5}\d{1,3})?$/i.test(text);
}

/** Splits the text into lines, recording offsets; linear in the text length. */
export function indexLines(text: string): LineIndex {
  return { lineStarts: lineStartsOf(text).lineStarts, ...contentLinesOf(text) };
}

/** The content lines of `text`, in one pass over it: what parsing needs of {@link indexLines}. */
export function contentLinesOf(text: string): ContentLines {
  const content: ContentLine[] = [];
  // How many content lines follow each gap (in blank lines); gaps are small, so an array serves.
  const gapCounts: number[] = [];
  let crlf = 0;
  let lf = 0;
  let blankRun = 0;
  const length = text.length;
  // Most letters have `\n` line breaks only: `indexOf` finds them fastest. For the others, the regex
  // engine finds line breaks far faster than a loop over every character.
  const lineBreak = text.includes('\r') ? /\r\n?|\n/g : undefined;
  let lineStart = 0;
  for (let lineNumber = 0; ; lineNumber++) {
    let lineEnd: number;
    let next = -1;
    if (lineBreak) {
      const match = lineBreak.exec(text);
      lineEnd = match ? match.index : length;
      if (match) {
        next = match.index + match[0].length;
        if (match[0] === '\r\n') crlf++;
        else if (match[0] === '\n') lf++;
      }
    } else {
      lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = length;
      else {
        next = lineEnd + 1;
        lf++;
      }
    }
    // The line, trimmed; the loop body rather than a closure keeps its counters in registers.
    let s = lineStart;
    let e = lineEnd;
    while (s < e && isTextSpace(text.charCodeAt(s))) s++;
    while (e > s && isTextSpace(text.charCodeAt(e - 1))) e--;
    // Only a short line can be page furniture: no longer line's text is made here.
    if (s === e || (e - s <= 20 && isPageFurniture(text.slice(s, e)))) {
      blankRun++;
    } else {
      if (content.length > 0) gapCounts[blankRun] = (gapCounts[blankRun] ?? 0) + 1;
      content.push(new ContentLine(text, lineNumber, s, e, blankRun));
      blankRun = 0;
    }
    if (next < 0) break;
    lineStart = next;
  }

  let lineGap = 0;
  let best = -1;
  for (let gap = 0; gap < gapCounts.length; gap++) {
    const count = gapCounts[gap];
    if (count !== undefined && count > best) {
      best = count;
      lineGap = gap;
    }
  }
  return { content, lineGap: Math.min(lineGap, 1), eol: crlf > lf ? '\r\n' : '\n' };
}

/** The 0-based line holding `offset`, by binary search over `starts` (offsets where lines start, the first 0). */
export function lineAt(starts: ArrayLike<number>, offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The offsets where each line starts, as {@link positionOf} reads them. */
export interface LineStarts {
  readonly lineStarts: ArrayLike<number>;
}

/**
 * Only the offsets where each line starts (`\r\n`, `\r` and `\n` end a line, as in `indexLines`): what
 * `positionOf` needs, without the content lines and their texts. Counted first, then written into a
 * typed array of that size: 4 bytes a line and no copies, where a list grown by `push` takes several times that.
 */
export function lineStartsOf(text: string): { readonly lineStarts: Int32Array } {
  const lineBreak = text.includes('\r') ? /\r\n?|\n/g : /\n/g;
  let count = 1;
  for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) count++;
  const lineStarts = new Int32Array(count);
  for (let match = lineBreak.exec(text), k = 1; match; match = lineBreak.exec(text)) lineStarts[k++] = match.index + match[0].length;
  return { lineStarts };
}

/** 0-based line and character of an offset. */
export function positionOf(index: LineStarts, offset: number): { line: number; character: number } {
  const line = lineAt(index.lineStarts, offset);
  return { line, character: offset - index.lineStarts[line]! };
}

/**
 * Text of `[start, end)` as one readable string, with a map back to the original offsets:
 * line breaks and runs of whitespace become one space, a word hyphenated across a line break is
 * rejoined (`long- \nterm` → `long-term`), markdown bold markers are dropped.
 */
export interface NormalizedText {
  readonly text: string;
  /** `offsets[i]` is the original offset of `text[i]`. */
  readonly offsets: readonly number[];
}

export function normalize(source: string, start: number, end: number): NormalizedText {
  let out = '';
  // The last two characters of `out` (see normalizedText: reading them from `out` is quadratic).
  let last = 0;
  let beforeLast = 0;
  const offsets: number[] = [];
  let pendingSpace = -1;
  let sawBreak = false;
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = lineStart;
    while (lineEnd < end && source.charCodeAt(lineEnd) !== 10 && source.charCodeAt(lineEnd) !== 13) lineEnd++;
    if (lineStart > start && isFurnitureLine(source, lineStart, lineEnd)) {
      // Page furniture inside a block ("Page 2 of 3") is not part of the letter's text.
      if (pendingSpace < 0) pendingSpace = lineStart;
      sawBreak = true;
    } else {
      for (let i = lineStart; i < lineEnd; i++) {
        const code = source.charCodeAt(i);
        if (isTextSpace(code)) {
          if (pendingSpace < 0) pendingSpace = i;
          if (code === 12) sawBreak = true;
          continue;
        }
        if (code === 42 /* * */ && source.charCodeAt(i + 1) === 42) {
          i++;
          continue;
        }
        if (pendingSpace >= 0) {
          const hyphenated = sawBreak && out.length > 1 && last === 45 /* - */ && isAsciiLetter(beforeLast) && isLower(code);
          if (!hyphenated && out.length > 0) {
            out += ' ';
            offsets.push(pendingSpace);
            beforeLast = last;
            last = 32;
          }
          pendingSpace = -1;
          sawBreak = false;
        }
        out += source[i];
        offsets.push(i);
        beforeLast = last;
        last = code;
      }
    }
    if (lineEnd < end) {
      if (pendingSpace < 0) pendingSpace = lineEnd;
      sawBreak = true;
    }
    lineStart = lineEnd + 1;
  }
  return { text: out, offsets };
}

function isFurnitureLine(source: string, from: number, to: number): boolean {
  let s = from;
  let e = to;
  while (s < e && isTextSpace(source.charCodeAt(s))) s++;
  while (e > s && isTextSpace(source.charCodeAt(e - 1))) e--;
  return e > s && e - s <= 20 && isPageFurniture(source.slice(s, e));
}

function isLower(code: number): boolean {
  return code >= 97 && code <= 122;
}

/** A `TextBlock` for `[start, end)` of the source, trimmed, with normalised text. */
export function textBlock(source: string, start: number, end: number): TextBlock {
  let s = start;
  let e = end;
  while (s < e && (isTextSpace(source.charCodeAt(s)) || source.charCodeAt(s) === 42)) s++;
  while (e > s && (isTextSpace(source.charCodeAt(e - 1)) || source.charCodeAt(e - 1) === 42)) e--;
  return { start: s, end: e, text: normalizedText(source, s, e) };
}

/**
 * The same text as `normalize(source, start, end).text`, without the offset map: each line is trimmed
 * and its whitespace runs collapsed, blank and furniture lines dropped, and the lines joined with a
 * space (or with nothing after a word hyphenated at the line end). Works on a slice of the block, so
 * searches for line breaks never run past its end; most lines need no collapsing and are taken as one
 * slice (see `collapsedLine`).
 */
export function normalizedText(source: string, start: number, end: number): string {
  const block = source.slice(start, end);
  // Letters with `\r` line breaks are rare: they take the general search for line breaks.
  const lineBreak = block.includes('\r') ? /\r\n?|\n/g : undefined;
  // A block of printable ASCII, single spaces and line breaks has no line to collapse (see `collapsedLine`).
  const plain = !NEEDS_COLLAPSE_ANYWHERE.test(block);
  let out = '';
  // The last two characters of `out`, kept here: reading them from `out` itself would flatten the
  // string built by `+=` on every line, which is quadratic in a long block.
  let last = 0;
  let beforeLast = 0;
  let lineStart = 0;
  for (let lineIndex = 0; ; lineIndex++) {
    let lineEnd: number;
    let next: number;
    if (lineBreak) {
      lineBreak.lastIndex = lineStart;
      const match = lineBreak.exec(block);
      lineEnd = match ? match.index : -1;
      next = match ? match.index + match[0].length : -1;
    } else {
      lineEnd = block.indexOf('\n', lineStart);
      next = lineEnd + 1;
    }
    const line = collapsedLine(block, lineStart, lineEnd < 0 ? block.length : lineEnd, plain);
    if (line && !(lineIndex > 0 && line.length <= 20 && isPageFurniture(line))) {
      if (!out) {
        out = line;
      } else if (last === 45 /* - */ && isAsciiLetter(beforeLast) && isLower(line.charCodeAt(0))) {
        beforeLast = last;
        out += line;
      } else {
        beforeLast = 32;
        out += ' ' + line;
      }
      if (line.length >= 2) beforeLast = line.charCodeAt(line.length - 2);
      last = line.charCodeAt(line.length - 1);
    }
    if (lineEnd < 0) break;
    lineStart = next;
  }
  return out;
}

/**
 * What `collapsedLine` may have to rewrite: `**`, a run of spaces, or a character outside printable ASCII
 * (every whitespace other than a plain space is one). A line without them is already collapsed; one with
 * them gives the same text either way, the replacements are only slower.
 */
const NEEDS_COLLAPSE = /\*\*| {2}|[^ -~]/;
/** `NEEDS_COLLAPSE` for a whole block, where line breaks are expected. */
const NEEDS_COLLAPSE_ANYWHERE = /\*\*| {2}|[^ -~\n]/;

/**
 * `source.slice(from, to)` without `**`, whitespace runs collapsed to one space, trimmed: the trimmed
 * slice itself when it has single plain spaces only (or `plain` says the whole block has), the regex
 * replacements otherwise.
 */
function collapsedLine(source: string, from: number, to: number, plain: boolean): string {
  let s = from;
  let e = to;
  while (s < e && isTextSpace(source.charCodeAt(s))) s++;
  while (e > s && isTextSpace(source.charCodeAt(e - 1))) e--;
  const line = source.slice(s, e);
  if (plain || !NEEDS_COLLAPSE.test(line)) return line;
  return source.slice(from, to).replace(/\*\*/g, '').replace(/[\s\u200b]+/g, ' ').trim();
}

/** A `TextBlock` for normalised indices `[from, to)` of `normalized`, mapped back to the source. */
export function blockFromNormalized(normalized: NormalizedText, from: number, to: number): TextBlock | undefined {
  let f = from;
  let t = to;
  while (f < t && normalized.text[f] === ' ') f++;
  while (t > f && normalized.text[t - 1] === ' ') t--;
  if (f >= t) return undefined;
  return {
    start: normalized.offsets[f]!,
    end: normalized.offsets[t - 1]! + 1,
    text: normalized.text.slice(f, t),
  };
}
