/**
 * Packets: where each letter of a text that holds several (a packet, a text dump) begins. A letter
 * begins with its header (`Case Number:`), a title (`Independent Medical Review Final Determination`)
 * or, when it has no header, its first heading (`HOW THE IMR FINAL DETERMINATION WAS MADE`). A header
 * or a title after a letter of which two sections have begun, or a first heading after such a letter
 * whose items' section has begun, begins the next letter, whether the two are joined by form feeds,
 * blank lines or nothing at all.
 *
 * A regex built from the parser's tables (the header's labels, the headings) finds every place a
 * start may be, and each is then judged by what is around it; most letters have two such places
 * and one start. `plainLetterStarts` finds the same with no regex, for the test that keeps the two
 * in step.
 */

import { isDigit, isTextSpace } from '../chars';
import type { Range, SectionKind } from '../model';
import { FIELDS } from './header';
import { HEADINGS } from './sections';

/** What may begin a letter or mark its structure, each as its table writes it (lower-case words). */
export interface LetterMark {
  readonly kind: 'caseNumber' | 'title' | 'heading';
  /** The words, lower case, single spaces; whitespace runs match a space. */
  readonly words: string;
  /** For a heading: which. */
  readonly section?: SectionKind;
}

/** The title some letters carry above their header. */
const TITLE_WORDS = 'independent medical review final determination';

const CASE_NUMBER = FIELDS.find((field) => field.name === 'caseNumber')!;

/** Every mark, read from the header's and the sections' tables: adding a heading there adds it here. */
export const LETTER_MARKS: readonly LetterMark[] = [
  { kind: 'caseNumber', words: CASE_NUMBER.words.join(' ').toLowerCase() },
  { kind: 'title', words: TITLE_WORDS },
  ...HEADINGS.map(({ kind, key }) => ({ kind: 'heading' as const, words: key.toLowerCase(), section: kind })),
];

function escaped(words: string): string {
  return words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whitespace inside a line. */
const SPACE = '[^\\S\\n\\r\\f\\u2028\\u2029]';

/** Whether a mark may begin a letter: the case number's label, the title, a letter's first heading. */
function mayBegin(mark: LetterMark): boolean {
  return mark.kind !== 'heading' || mark.section === HEADINGS[0]!.kind;
}

/** One regex for the marks `which` picks, each its own group (`m0`, `m1`... by its place in LETTER_MARKS), whitespace runs between its words. */
function marksPattern(which: (mark: LetterMark) => boolean): RegExp {
  const alternatives = LETTER_MARKS.flatMap((mark, i) => (which(mark) ? [`(?<m${i}>${mark.words.split(' ').map(escaped).join(`${SPACE}+`)})`] : []));
  return new RegExp(alternatives.join('|'), 'gi');
}

/**
 * What may begin a letter, looked for through the whole text; and the headings, looked for only
 * between one such place and the next when the first is judged (a letter of one letter: the few
 * hundred characters from its header to its first heading). Half the work of one regex for both.
 */
let beginnings: RegExp | undefined;
let headings: RegExp | undefined;

/** A mark found in the text: which one, and where its words are. */
interface Found {
  readonly mark: LetterMark;
  readonly start: number;
  readonly end: number;
}

/** The matches of `pattern` (a `marksPattern`) from `from`, those that begin before `to`. */
function matchesOf(pattern: RegExp, text: string, from: number, to: number): Found[] {
  pattern.lastIndex = from;
  const found: Found[] = [];
  for (let match = pattern.exec(text); match && match.index < to; match = pattern.exec(text)) {
    const groups = match.groups!;
    const i = LETTER_MARKS.findIndex((_, k) => groups[`m${k}`] !== undefined);
    found.push({ mark: LETTER_MARKS[i]!, start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/** The marks found by the regexes: the places a letter may begin, and the headings between two of them. */
function marksByRegex(text: string): Marks {
  beginnings ??= marksPattern(mayBegin);
  headings ??= marksPattern((mark) => mark.kind === 'heading');
  const pattern = headings;
  return { beginnings: matchesOf(beginnings, text, 0, text.length), headingsIn: (from, to) => matchesOf(pattern, text, from, to) };
}

/** The same marks found plainly (see `foundPlainly`). */
function marksPlainly(text: string): Marks {
  const found = foundPlainly(text);
  return {
    beginnings: found.filter((one) => mayBegin(one.mark)),
    headingsIn: (from, to) => found.filter((one) => one.mark.kind === 'heading' && one.start >= from && one.start < to),
  };
}

interface Marks {
  /** Every place a letter may begin, in order. */
  readonly beginnings: readonly Found[];
  /** The headings that begin in `[from, to)`, in order. */
  headingsIn(from: number, to: number): readonly Found[];
}

/**
 * Every mark in the text in order, found with no regex: at each word start, each mark's words
 * compared character by character. What the regexes must find (the prefilter test).
 */
function foundPlainly(text: string): Found[] {
  const found: Found[] = [];
  for (let at = 0; at < text.length; at++) {
    if (at > 0 && isWordCode(text.charCodeAt(at - 1)) && isWordCode(text.charCodeAt(at))) continue;
    for (const mark of LETTER_MARKS) {
      const end = wordsEnd(text, at, mark.words);
      if (end >= 0) {
        found.push({ mark, start: at, end });
        at = end - 1;
        break;
      }
    }
  }
  return found;
}

function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 122) || code === 95;
}

/** Where `words` (lower case, single spaces) end when written at `at` in any case, whitespace runs within the line for spaces; -1 when they are not. */
function wordsEnd(text: string, at: number, words: string): number {
  let i = at;
  for (let w = 0; w < words.length; w++) {
    const expected = words.charCodeAt(w);
    if (expected === 32) {
      if (!isLineSpace(text.charCodeAt(i))) return -1;
      while (isLineSpace(text.charCodeAt(i))) i++;
      continue;
    }
    const code = text.charCodeAt(i);
    if (code !== expected && !(expected >= 97 && expected <= 122 && code === expected - 32)) return -1;
    i++;
  }
  return i;
}

/** Whitespace that does not end a line (a form feed ends one: it is a page break). */
function isLineSpace(code: number): boolean {
  return code !== 10 && code !== 13 && code !== 12 && code !== 0x2028 && code !== 0x2029 && isTextSpace(code);
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 12 || code === 0x2028 || code === 0x2029;
}

/**
 * Where the line holding `at` begins, if only whitespace and markup (`#`, `*`, `<b>`) come before `at`
 * on it (a form feed ends a line: it is a page break); -1 otherwise.
 */
function lineStartBefore(text: string, at: number): number {
  let i = at;
  while (i > 0) {
    const code = text.charCodeAt(i - 1);
    if (isLineBreak(code)) return i;
    if (isLineSpace(code) || code === 35 /* # */ || code === 42 /* * */) i--;
    else if (code === 62 /* > */ && i >= 3 && text.slice(i - 3, i).toLowerCase() === '<b>') i -= 3;
    else return -1;
  }
  return 0;
}

/** The first character of the markup (`#`, `*`, `<b>`) and whitespace just before `at` on its line that is not whitespace. */
function markupStart(text: string, at: number): number {
  let i = at;
  let first = at;
  while (i > 0) {
    const code = text.charCodeAt(i - 1);
    if (isLineSpace(code)) i--;
    else if (code === 35 || code === 42) first = --i;
    else if (code === 62 && i >= 3 && text.slice(i - 3, i).toLowerCase() === '<b>') first = i -= 3;
    else break;
  }
  return first;
}

/** Whether only a colon, markup (`*`, `</b>`) and whitespace follow `at` on its line. */
function endsLine(text: string, at: number): boolean {
  let i = at;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isLineBreak(code)) return true;
    if (isLineSpace(code) || code === 58 /* : */ || code === 42) i++;
    else if (text.slice(i, i + 4).toLowerCase() === '</b>') i += 4;
    else return false;
  }
  return true;
}

/** Whether a case number (`CM16-0213037`) follows `at`, after markup and whitespace on the line. */
function caseNumberFollows(text: string, at: number): boolean {
  let i = at;
  for (;;) {
    const code = text.charCodeAt(i);
    if (isLineSpace(code) || code === 42 || code === 58) i++;
    else if (text.slice(i, i + 4).toLowerCase() === '</b>') i += 4;
    else break;
  }
  if ((text.charCodeAt(i) | 0x20) !== 0x63 || (text.charCodeAt(i + 1) | 0x20) !== 0x6d) return false;
  i += 2;
  if (!isDigit(text.charCodeAt(i)) || !isDigit(text.charCodeAt(i + 1)) || text.charCodeAt(i + 2) !== 45 /* - */) return false;
  let digits = 0;
  while (isDigit(text.charCodeAt(i + 3 + digits))) digits++;
  return digits >= 4 && digits <= 8;
}

/** How far after a case number's label or a title the rest of a header (or a heading) must begin. */
const HEADER_REACH = 300;

let headerRest: RegExp | undefined;

/**
 * Whether another header label (not the case number's) or a heading begins within `HEADER_REACH`
 * characters after `at`: a header is a block of labels, so a `Case Number:` line alone (moved into
 * a letter's items, say) begins no letter.
 */
function headerFollows(text: string, at: number): boolean {
  headerRest ??= new RegExp(
    [...FIELDS.filter((field) => field !== CASE_NUMBER).map((field) => field.words.join(' ')), ...HEADINGS.map(({ key }) => key)]
      .map((words) => words.split(' ').map(escaped).join('\\s+'))
      .join('|'),
    'i',
  );
  return headerRest.test(text.slice(at, at + HEADER_REACH));
}

/** A mark that counts, with where a letter it begins would begin. */
interface Event {
  readonly kind: LetterMark['kind'];
  readonly section?: SectionKind;
  /** Where a letter that begins here begins (its markup included). */
  readonly start: number;
}

/**
 * Which marks count: the case number's label at a line's start or before a case number, and the
 * title at a line's start, each with the rest of a header after it; a heading alone on its line, or
 * anywhere in capitals (a letter whose line breaks were lost, or one glued to the letter before it).
 */
function eventOf(text: string, found: Found): Event | undefined {
  const { mark, start, end } = found;
  if (mark.kind === 'heading') {
    const alone = lineStartBefore(text, start) >= 0 && endsLine(text, end);
    if (!alone && text.slice(start, end) !== text.slice(start, end).toUpperCase()) return undefined;
    return { kind: 'heading', section: mark.section!, start: markupStart(text, start) };
  }
  if (!headerFollows(text, end)) return undefined;
  if (mark.kind === 'caseNumber' && (lineStartBefore(text, start) >= 0 || caseNumberFollows(text, end))) return { kind: 'caseNumber', start: markupStart(text, start) };
  if (mark.kind === 'title' && lineStartBefore(text, start) >= 0) return { kind: 'title', start: markupStart(text, start) };
  return undefined;
}

/** The section that holds a letter's items: once it has begun, the letter is complete. */
const ITEMS_SECTION = HEADINGS[HEADINGS.length - 1]!.kind;

/** How far back over header lines a letter that begins at a heading may reach. */
const MAX_HEADER_LINES = 12;

/** Whether the line `[start, end)` (trimmed) is a line of a header: it begins with a header label, `Received:` or a date. */
function isHeaderLine(text: string, start: number, end: number): boolean {
  let i = start;
  for (;;) {
    if (text.charCodeAt(i) === 42) i++;
    else if (text.slice(i, i + 3).toLowerCase() === '<b>') i += 3;
    else break;
  }
  if (i >= end) return false;
  if (isDigit(text.charCodeAt(i))) return /^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\b/.test(text.slice(i, Math.min(end, i + 12)));
  if (wordsEnd(text, i, 'received:') >= 0) return true;
  return FIELDS.some((field) => wordsEnd(text, i, field.words.join(' ').toLowerCase()) >= 0);
}

/**
 * A letter that begins at its first heading may have a header without its case number above it:
 * the lines just above that are header lines belong to it (not past `floor`).
 */
function headerAbove(text: string, start: number, floor: number): number {
  let begin = start;
  let lineStart = lineStartBefore(text, start) >= 0 ? lineStartBefore(text, start) : start;
  for (let n = 0; n < MAX_HEADER_LINES && lineStart > floor; n++) {
    // The line before: skip the line break(s) and blank lines.
    let end = lineStart;
    while (end > floor && (isLineBreak(text.charCodeAt(end - 1)) || isLineSpace(text.charCodeAt(end - 1)))) end--;
    if (end <= floor) break;
    let from = end;
    while (from > floor && !isLineBreak(text.charCodeAt(from - 1))) from--;
    let first = from;
    while (first < end && isLineSpace(text.charCodeAt(first))) first++;
    if (!isHeaderLine(text, first, end)) break;
    begin = first;
    lineStart = from;
  }
  return begin;
}

/** The letters' starts from the marks found, in order: the rules of the module's comment. */
function startsFrom(text: string, marks: Marks): number[] {
  const starts = [0];
  // The headings seen since the current letter began: a letter is complete once its headings have begun.
  const seen = new Set<SectionKind>();
  let lastHeadingEnd = 0;
  // Where the headings have been looked for up to.
  let scanned = 0;
  for (const one of marks.beginnings) {
    const event = eventOf(text, one);
    if (!event) continue;
    for (const heading of marks.headingsIn(scanned, one.start)) {
      const seenHeading = eventOf(text, heading);
      if (!seenHeading) continue;
      seen.add(seenHeading.section!);
      lastHeadingEnd = heading.end;
    }
    scanned = Math.max(scanned, one.end);
    const current = starts[starts.length - 1]!;
    if (event.start <= current) {
      if (event.section) seen.add(event.section);
      continue;
    }
    let begins = false;
    let start = event.start;
    // The letter so far is a letter once two of its sections have begun (a heading alone is not one).
    const complete = seen.size >= 2;
    if (event.kind === 'heading') {
      // A letter without a header begins at its first heading, once the letter before is complete and
      // its items' section has begun: a heading repeated at the top of a page continues its letter.
      begins = event.section === HEADINGS[0]!.kind && complete && seen.has(ITEMS_SECTION);
      if (begins) start = headerAbove(text, start, lastHeadingEnd);
    } else {
      begins = complete;
    }
    if (begins) {
      starts.push(start);
      seen.clear();
    }
    if (event.section) {
      seen.add(event.section);
      lastHeadingEnd = one.end;
    }
  }
  return starts;
}

/**
 * Where each letter of the text begins, in order; `[0]` for a text of one letter (or none). The
 * first letter begins at 0 whatever comes before its header.
 */
export function findLetterStarts(text: string): number[] {
  return startsFrom(text, marksByRegex(text));
}

/** {@link findLetterStarts} with every mark found character by character, no regex: for the prefilter test. */
export function plainLetterStarts(text: string): number[] {
  return startsFrom(text, marksPlainly(text));
}

/**
 * Each letter's span of the text: from its start to the next letter's start less the whitespace
 * before it (form feeds, blank lines); the last letter runs to the end of the text.
 */
export function letterRanges(text: string, starts: readonly number[] = findLetterStarts(text)): Range[] {
  return starts.map((start, i) => {
    const next = starts[i + 1];
    if (next === undefined) return { start, end: text.length };
    let end = next;
    while (end > start && isTextSpace(text.charCodeAt(end - 1))) end--;
    return { start, end };
  });
}
