/** The letter's sections, found by their headings whatever their markup, case or centring. */

import type { Section, SectionKind } from '../model';
import type { ContentLine } from './lines';
import { beginGate, mayBeginAs, readAs } from './misread';

/** The section headings, by their key: the heading upper-cased, spaces collapsed, without markup and final colon. */
export const HEADINGS: ReadonlyArray<{ kind: SectionKind; key: string }> = [
  { kind: 'howMade', key: 'HOW THE IMR FINAL DETERMINATION WAS MADE' },
  { kind: 'credentials', key: 'THE EXPERT REVIEWER HAS THE FOLLOWING CREDENTIALS' },
  { kind: 'clinicalSummary', key: 'CLINICAL CASE SUMMARY' },
  { kind: 'issues', key: 'IMR ISSUES, DECISIONS AND RATIONALES' },
];

/*
 * The prefilters below are read from HEADINGS, so a heading added there is the only edit: the
 * letters its key begins and ends with, and its longest word (a line naming none of the keys' words
 * is no heading). The prefilter test (`lineListTables`, 'headings') checks them on every letter.
 */
const HEADING_WORDS = new RegExp(
  HEADINGS.map(({ key }) => key.split(/[^A-Z]+/).reduce((a, b) => (b.length > a.length ? b : a), '')).join('|'),
  'i',
);
/** By ASCII code, 1 when some key begins (`FIRSTS`) or ends (`LASTS`) with that letter, in either case. */
const HEADING_FIRSTS = new Uint8Array(128);
const HEADING_LASTS = new Uint8Array(128);
for (const { key } of HEADINGS) {
  for (const [table, ch] of [[HEADING_FIRSTS, key.charAt(0)], [HEADING_LASTS, key.charAt(key.length - 1)]] as const) {
    table[ch.toLowerCase().charCodeAt(0)] = table[ch.toUpperCase().charCodeAt(0)] = 1;
  }
}

/** Upper-cased heading text without markdown `#`, `**`, `<b>` and a final colon; spaces collapsed. */
export function headingKey(text: string): string {
  if (text.length > 80) return '';
  // Most lines are prose: only a line naming one of the headings' words can be one.
  if (!HEADING_WORDS.test(text)) return '';
  return plainKey(text);
}

/** `headingKey` with no prefilter: what a line spells once its markup is taken off. */
function plainKey(text: string): string {
  let t = text.replace(/^#{1,6}[ \t]*/, '').replace(/<\/?b>/gi, '').replace(/\*\*/g, '');
  t = t.trim().replace(/:$/, '').trim();
  return t.replace(/\s+/g, ' ').toUpperCase();
}

/** The heading a content line spells (or spells with one character misread), matched against every key with no prefilter: what the prefilter test compares `headingKind` with. */
export function unfilteredHeadingKind(line: ContentLine): SectionKind | undefined {
  const key = plainKey(line.text);
  return HEADINGS.find((heading) => heading.key === key)?.kind ?? misreadHeadingKind(line);
}

/** The headings' keys, in order. */
export const HEADING_KEYS: readonly string[] = HEADINGS.map(({ key }) => key);

/** Characters that `headingKey` may strip from either end of a line (markup, colon, spaces) or leave there. */
function isEndMarkup(code: number): boolean {
  // `#`, `*`, `:`, `<`, `>`, `/`, `b`/`B` and ASCII whitespace.
  return code === 35 || code === 42 || code === 58 || code === 60 || code === 62 || code === 47 || (code | 0x20) === 0x62 || code === 32 || (code >= 9 && code <= 13);
}

/**
 * False when the line cannot be a heading: past the characters `headingKey` may strip (markup, a
 * colon, spaces), it begins with a letter some key begins with and ends with one some key ends with
 * (`HEADING_FIRSTS`, `HEADING_LASTS`). A stripped character that is such a letter (`b` of `<b>`)
 * passes, and a non-ASCII character is never rejected (it may be a space that `trim` removes). Most
 * prose lines are rejected here, by character codes alone.
 */
function mayBeHeading(source: string, start: number, end: number): boolean {
  if (end - start > 80) return false;
  return endMayBe(source, start, end, 1, HEADING_FIRSTS) && endMayBe(source, end - 1, start - 1, -1, HEADING_LASTS);
}

/** Whether, reading from `from` by `step` (until `to`), a letter of `letters` or a non-ASCII character comes before anything but markup. */
function endMayBe(source: string, from: number, to: number, step: 1 | -1, letters: Uint8Array): boolean {
  for (let i = from; i !== to; i += step) {
    const code = source.charCodeAt(i);
    if (code >= 128 || letters[code] === 1) return true;
    if (!isEndMarkup(code)) return false;
  }
  return false;
}

// The functions below read a line as `[start, end)` of the letter's text rather than as `line.text`:
// `charCodeAt` on the flat text costs about half of what it costs on the slice (a view into the text).

/**
 * Whether `source[start, end)` is printable ASCII without `#`, `*`, `<` and without a run of spaces: then `headingKey`'s
 * replacements change nothing, and the key is the text upper-cased, less a final colon and the spaces
 * before it. Most headings are written so; reading them by character codes avoids the regex chain.
 */
function isPlainHeading(source: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = source.charCodeAt(i);
    if (code < 32 || code > 126 || code === 35 || code === 42 || code === 60 || (code === 32 && i + 1 < end && source.charCodeAt(i + 1) === 32)) return false;
  }
  return true;
}

/**
 * The heading whose key the line spells, upper-cased, less a final colon and spaces: what `headingKey`
 * makes of a plain line (see `isPlainHeading`). Compared by character codes, without building the key.
 */
function plainHeadingKind(source: string, lineStart: number, lineEnd: number): SectionKind | undefined {
  let start = lineStart;
  let end = lineEnd;
  while (start < end && source.charCodeAt(start) === 32) start++;
  while (end > start && source.charCodeAt(end - 1) === 32) end--;
  if (end > start && source.charCodeAt(end - 1) === 58 /* : */) {
    end--;
    while (end > start && source.charCodeAt(end - 1) === 32) end--;
  }
  for (const { kind, key } of HEADINGS) {
    if (key.length !== end - start) continue;
    let i = 0;
    while (i < key.length) {
      const code = source.charCodeAt(start + i);
      // Keys are upper-case letters, spaces and commas; `toUpperCase` changes only `a`–`z` in ASCII.
      if (code !== key.charCodeAt(i) && !(code >= 97 && code <= 122 && code - 32 === key.charCodeAt(i))) break;
      i++;
    }
    // A key names IMR, CLINICAL or CREDENTIALS, so a line spelling one passes `headingKey`'s filter too.
    if (i === key.length) return kind;
  }
  return undefined;
}

/** The kind of section a content line of `source` opens, if it is a heading (or one misread by OCR: see `misreadHeadingKind`). */
export function headingKind(source: string, line: ContentLine): SectionKind | undefined {
  const { start, end } = line;
  if (mayBeHeading(source, start, end)) {
    // A line that spells a key is plain (keys are letters, commas and single spaces); one that spells
    // none needs the regexes only when it is not plain.
    const plainKind = plainHeadingKind(source, start, end);
    if (plainKind) return plainKind;
    if (!isPlainHeading(source, start, end)) {
      const key = headingKey(line.text);
      const kind = key ? HEADINGS.find((heading) => heading.key === key)?.kind : undefined;
      if (kind) return kind;
    }
  }
  return mayBeMisreadHeading(source, start, end) ? misreadHeadingKind(line) : undefined;
}

/**
 * The heading a line spells with one character misread (`CLlNICAL CASE SUMMARY`, `HOW THE IMR FINAL
 * DETERMINATION WAS MADF`), with no prefilter: its key (see `headingKey`) one edit from a heading's.
 */
function misreadHeadingKind(line: ContentLine): SectionKind | undefined {
  if (line.text.length > 80) return undefined;
  const key = plainKey(line.text);
  for (const { kind, key: heading } of HEADINGS) {
    const read = readAs(key, heading.toLowerCase());
    if (read && read !== 'same') return kind;
  }
  return undefined;
}

/*
 * The misread headings' prefilter, read from HEADINGS: past the markup at either end, the line begins
 * as a key may begin with one edit and ends as one may end (`mayBeginAs`), and it is at least as long
 * as the shortest key less one. The prefilter test checks it on every letter and on every heading
 * misread in every place.
 */
const MISREAD_MIN_LENGTH = Math.min(...HEADINGS.map(({ key }) => key.length)) - 1;
const KEYS_FORWARD = beginGate(HEADINGS.map(({ key }) => key));
const KEYS_BACKWARD = beginGate(HEADINGS.map(({ key }) => [...key].reverse().join('')));

/** By length, 1 when a key is that long, one edit either way. */
const MISREAD_LENGTHS = new Uint8Array(82);
for (const { key } of HEADINGS) for (const length of [key.length - 1, key.length, key.length + 1]) MISREAD_LENGTHS[length] = 1;

/**
 * False when the line cannot be a misread heading (see above). A plain line (see `isPlainHeading`) is
 * its key once trimmed, less a final colon: its length must be a key's, one either way.
 */
function mayBeMisreadHeading(source: string, start: number, end: number): boolean {
  if (end - start > 80 || end - start < MISREAD_MIN_LENGTH) return false;
  let first = start;
  while (first < end && isEndMarkup(source.charCodeAt(first))) first++;
  let last = end;
  while (last > first && isEndMarkup(source.charCodeAt(last - 1))) last--;
  if (!mayBeginAs(source, first, last, 1, KEYS_FORWARD) || !mayBeginAs(source, last - 1, first - 1, -1, KEYS_BACKWARD)) return false;
  if (!isPlainHeading(source, start, end)) return true;
  let s = start;
  let e = end;
  while (s < e && source.charCodeAt(s) === 32) s++;
  while (e > s && source.charCodeAt(e - 1) === 32) e--;
  if (e > s && source.charCodeAt(e - 1) === 58 /* : */) {
    e--;
    while (e > s && source.charCodeAt(e - 1) === 32) e--;
  }
  return MISREAD_LENGTHS[e - s] === 1;
}

/** The title as written: the line without markdown markers. */
function headingTitle(source: string, line: ContentLine): { offset: number; title: string } {
  const text = line.text;
  // A plain line has no markers: the regexes below would match nothing and leave the text as it is.
  if (isPlainHeading(source, line.start, line.end)) return { offset: 0, title: text.trim() };
  const match = /^(?:#{1,6}[ \t]*)?(?:\*\*|<b>)?/i.exec(text);
  const offset = match ? match[0].length : 0;
  const title = text.slice(offset).replace(/(?:\*\*|<\/b>)$/i, '').trim();
  return { offset, title };
}

/** Sections of `source` (its content lines given) in order; each runs from its heading to the next heading (or the end of the text). */
export function findSections(source: string, lines: readonly ContentLine[]): Section[] {
  const found: Array<{ kind: SectionKind; line: ContentLine }> = [];
  const seen = new Set<SectionKind>();
  // Once every heading is found, the lines after it cannot open a section: the scan stops there.
  for (let i = 0; i < lines.length && found.length < HEADINGS.length; i++) {
    const line = lines[i]!;
    const kind = headingKind(source, line);
    // A heading repeated at the top of a later page continues its section.
    if (kind && !seen.has(kind)) {
      seen.add(kind);
      found.push({ kind, line });
    }
  }
  return found.map(({ kind, line }, i) => {
    const { offset, title } = headingTitle(source, line);
    const next = found[i + 1];
    return {
      kind,
      title,
      heading: { start: line.start + offset, end: line.start + offset + title.length },
      range: { start: line.start, end: next ? next.line.start : source.length },
    };
  });
}
