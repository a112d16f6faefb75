/**
 * Letters whose line breaks were lost (one line, as some copy-and-paste and data exports give them):
 * an over-long line is read as the lines it once was, by splitting it, as virtual content lines with
 * exact offsets into the text, where the letter's structure shows inside it. The text itself is never
 * rewritten. A letter with its line breaks never holds a heading, a block label or an item line's
 * outcome inside a line (the parser reads them at a line's start or end), so its lines are left as they are.
 */

import type { Letter } from '../model';
import { FIELDS } from './header';
import { INTRO_WORDS, LABELS, OUTCOME_WORDS } from './items';
import { isTextSpace } from '../chars';
import { ContentLine } from './lines';
import { HEADINGS } from './sections';

/** Lines up to this long are not looked into: a letter's lines are about 100 characters. */
const LONG_LINE = 200;

/** The intro line's colon is looked for this far after its words. */
const INTRO_REACH = 200;

/** Whitespace inside a line (`\s` less the line terminators). */
const SPACE = '[^\\S\\n\\r\\u2028\\u2029]';

function escaped(words: string): string {
  return words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A phrase of the tables as a pattern: any run of whitespace between its words. */
function phrase(words: string): string {
  return words.trim().split(/\s+/).map(escaped).join(`${SPACE}+`);
}

/**
 * Where the letter's structure shows inside a line, built from the parser's own tables (headings,
 * block labels, outcome words, the intro line, header labels), with the markdown and `<b>` markup
 * around them. Case-insensitive: a heading must also be in capitals or end with a colon (see `splitLine`).
 */
function structurePattern(): RegExp {
  const open = '(?:\\*\\*|<b>)?';
  const close = '(?:\\*\\*|</b>)?';
  const headings = HEADINGS.map((h) => phrase(h.key)).join('|');
  const labels = LABELS.map((l) => phrase(l.words)).join('|');
  const outcomes = OUTCOME_WORDS.map((o) => escaped(o.word)).join('|');
  const fields = FIELDS.map((f) => phrase(f.words.join(' '))).join('|');
  return new RegExp(
    [
      `(?:#{1,6}${SPACE}*)?${open}\\b(?<heading>${headings})${close}(?<colon>${SPACE}*:)?${close}`,
      `${open}\\b(?<label>${labels})(?=${close}${SPACE}*:)`,
      `(?<outcome>:${close}${SPACE}*${open}(?:${outcomes})\\b[.!]*${close})`,
      `\\b(?<intro>${phrase(INTRO_WORDS)}[^:\\n\\r]{0,${INTRO_REACH}}:)`,
      `${open}\\b(?<field>${fields})`,
    ].join('|'),
    'gi',
  );
}

/** A sentence's end followed by the next sentence (a capital or a digit): where a wrapped item line may start. */
const SENTENCE_END = new RegExp(`[.?!]["\\u201d)*]*(?=${SPACE}+[A-Z0-9])`, 'g');

let structure: RegExp | undefined;

/**
 * The offsets inside `[start, end)` where a line of the letter ended before its line breaks were lost,
 * or `undefined` when nothing of the letter's structure is inside the line. A heading, the intro line
 * and an outcome end a line; a heading, a block label, the intro line and a header label start one;
 * so does every sentence of a line that holds any of them (an item line starts after a sentence).
 */
function splitPoints(text: string, start: number, end: number): number[] | undefined {
  structure ??= structurePattern();
  const points: number[] = [];
  let inside = false;
  const add = (at: number): void => {
    if (at > start && at < end) {
      points.push(at);
      inside = true;
    }
  };
  structure.lastIndex = start;
  for (let match = structure.exec(text); match && match.index < end; match = structure.exec(text)) {
    const after = match.index + match[0].length;
    const { heading, colon, label, outcome, intro, field } = match.groups!;
    if (heading !== undefined) {
      // Prose names `clinical case summary` too; the heading is written in capitals or ends with a colon.
      if (colon === undefined && heading !== heading.toUpperCase()) {
        structure.lastIndex = match.index + 1;
        continue;
      }
      add(match.index);
      add(after);
    } else if (label !== undefined || field !== undefined) {
      add(match.index);
    } else if (outcome !== undefined) {
      add(after);
    } else if (intro !== undefined) {
      add(match.index);
      add(after);
    }
  }
  if (!inside) return undefined;
  SENTENCE_END.lastIndex = start;
  for (let match = SENTENCE_END.exec(text); match && match.index < end; match = SENTENCE_END.exec(text)) {
    add(match.index + match[0].length);
  }
  return points.sort((a, b) => a - b);
}

/**
 * The content lines with each over-long line that holds the letter's structure split into the lines it
 * once was: virtual lines of the same line number, each bounding its trimmed text in the original text.
 * Returns `lines` itself when no line is split, as for every letter with its line breaks.
 */
export function splitFlattenedLines(text: string, lines: readonly ContentLine[]): readonly ContentLine[] {
  let out: ContentLine[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const points = line.end - line.start > LONG_LINE ? splitPoints(text, line.start, line.end) : undefined;
    if (!points) {
      out?.push(line);
      continue;
    }
    out ??= lines.slice(0, i);
    let from = line.start;
    let first = true;
    for (let p = 0; p <= points.length; p++) {
      const to = p < points.length ? points[p]! : line.end;
      let s = from;
      let e = to;
      while (s < e && isTextSpace(text.charCodeAt(s))) s++;
      while (e > s && isTextSpace(text.charCodeAt(e - 1))) e--;
      if (s < e) {
        out.push(new ContentLine(text, line.lineNumber, s, e, first ? line.gapBefore : 0));
        first = false;
      }
      from = to;
    }
  }
  return out ?? lines;
}

/**
 * Why nothing was found in a text that is (nearly) one line: a note for a text that is not read as a
 * letter although one of its lines holds most of it, as when a letter's line breaks were lost and
 * not even its headings, header labels or item lines were found in it. `undefined` otherwise.
 */
export function lostLineBreaksNote(letter: Letter): string | undefined {
  if (letter.isDetermination) return undefined;
  const { text } = letter;
  let longest = 0;
  let lines = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > 1) lines++;
    longest = Math.max(longest, end - start);
    start = end + 1;
  }
  if (longest <= LONG_LINE || longest * 2 < text.length) return undefined;
  const where = lines === 1 ? `the text is one line of ${longest} characters` : `one of its ${lines} lines holds ${longest} of its ${text.length} characters`;
  return `no line breaks: ${where}, and no heading, header label, block label or item line with its outcome was found in it (were its line breaks lost?)`;
}
