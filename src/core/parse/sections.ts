/** The letter's sections, found by their headings whatever their markup, case or centring. */

import type { Section, SectionKind } from '../model';
import type { ContentLine } from './lines';

/** The section headings, by their key: the heading upper-cased, spaces collapsed, without markup and final colon. */
export const HEADINGS: ReadonlyArray<{ kind: SectionKind; key: string }> = [
  { kind: 'howMade', key: 'HOW THE IMR FINAL DETERMINATION WAS MADE' },
  { kind: 'credentials', key: 'THE EXPERT REVIEWER HAS THE FOLLOWING CREDENTIALS' },
  { kind: 'clinicalSummary', key: 'CLINICAL CASE SUMMARY' },
  { kind: 'issues', key: 'IMR ISSUES, DECISIONS AND RATIONALES' },
];

/** Upper-cased heading text without markdown `#`, `**`, `<b>` and a final colon; spaces collapsed. */
export function headingKey(text: string): string {
  let t = text;
  if (t.length > 80) return '';
  // Most lines are prose: only a line naming one of the headings' words can be one.
  if (!/IMR|CLINICAL|CREDENTIALS/i.test(t)) return '';
  t = t.replace(/^#{1,6}[ \t]*/, '').replace(/<\/?b>/gi, '').replace(/\*\*/g, '');
  t = t.trim().replace(/:$/, '').trim();
  return t.replace(/\s+/g, ' ').toUpperCase();
}

/** Characters that `headingKey` may strip from either end of a line (markup, colon, spaces) or leave there. */
function isEndMarkup(code: number): boolean {
  // `#`, `*`, `:`, `<`, `>`, `/`, `b`/`B` and ASCII whitespace.
  return code === 35 || code === 42 || code === 58 || code === 60 || code === 62 || code === 47 || (code | 0x20) === 0x62 || code === 32 || (code >= 9 && code <= 13);
}

/**
 * False when the line cannot be a heading: every heading key starts with H, T, C or I (`HOW`, `THE`,
 * `CLINICAL`, `IMR`) and ends with E, S or Y (`MADE`, `CREDENTIALS`, `SUMMARY`, `RATIONALES`). The
 * characters skipped at either end are the ones `headingKey` strips, and none of those letters; a
 * non-ASCII character is never rejected (it may be a space that `trim` removes). Most prose lines are
 * rejected here, by character codes alone.
 */
function mayBeHeading(source: string, start: number, end: number): boolean {
  if (end - start > 80) return false;
  let s = start;
  let e = end;
  while (s < e && isEndMarkup(source.charCodeAt(s))) s++;
  while (e > s && isEndMarkup(source.charCodeAt(e - 1))) e--;
  if (s >= e) return false;
  const first = source.charCodeAt(s);
  const last = source.charCodeAt(e - 1);
  if (first < 128) {
    const f = first | 0x20;
    if (f !== 0x68 /* h */ && f !== 0x74 /* t */ && f !== 0x63 /* c */ && f !== 0x69 /* i */) return false;
  }
  if (last < 128) {
    const l = last | 0x20;
    if (l !== 0x65 /* e */ && l !== 0x73 /* s */ && l !== 0x79 /* y */) return false;
  }
  return true;
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

/** The kind of section a content line of `source` opens, if it is a heading. */
export function headingKind(source: string, line: ContentLine): SectionKind | undefined {
  const { start, end } = line;
  if (!mayBeHeading(source, start, end)) return undefined;
  // A line that spells a key is plain (keys are letters, commas and single spaces); one that spells
  // none needs the regexes only when it is not plain.
  const plainKind = plainHeadingKind(source, start, end);
  if (plainKind || isPlainHeading(source, start, end)) return plainKind;
  const key = headingKey(line.text);
  return key ? HEADINGS.find((heading) => heading.key === key)?.kind : undefined;
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
