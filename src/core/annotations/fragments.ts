/**
 * The fragments of a text-bound annotation: brat keeps a span on one line, so a span that crosses a
 * line break becomes one fragment per line, the whitespace beside each break left out (what brat's own
 * editor does when a selection crosses lines). A line break here is any character that ends a line of
 * the `.ann` for brat (isLineBoundary): a form feed too.
 */

import type { Range } from '../model';
import { splitsPair } from './offsets';

/** brat separates the texts of a discontinuous annotation's fragments with one space. */
export const FRAGMENT_SEPARATOR = ' ';

/** The annotation's text as brat writes it: the fragments' texts joined by one space. */
export function fragmentText(letter: string, fragments: readonly Range[]): string {
  return fragments.map((f) => letter.slice(f.start, f.end)).join(FRAGMENT_SEPARATOR);
}

/**
 * The characters that end a line of a `.ann` for brat: it reads the file with Python's codecs
 * `readlines()`, which is `str.splitlines()`, and that breaks at form feeds, vertical tabs, NEL and
 * the Unicode separators as well as at `\n` and `\r`. A text column holding one would be cut in two.
 */
export function isLineBoundary(unit: number): boolean {
  return unit === 10 || unit === 13 || unit === 11 || unit === 12 || (unit >= 0x1c && unit <= 0x1e) || unit === 0x85 || unit === 0x2028 || unit === 0x2029;
}

const isBreak = isLineBoundary;

/** Python's `str.isspace` (what brat's strip() trims), for one UTF-16 unit. */
export function isPythonSpace(unit: number): boolean {
  return (
    (unit >= 9 && unit <= 13) ||
    (unit >= 0x1c && unit <= 0x20) ||
    unit === 0x85 ||
    unit === 0xa0 ||
    unit === 0x1680 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000
  );
}

/** Whether a fragment of the letter contains a line break (isLineBoundary: `\n`, `\r`, a form feed...). */
export function crossesLineBreak(letter: string, fragment: Range): boolean {
  for (let i = fragment.start; i < fragment.end; i++) if (isBreak(letter.charCodeAt(i))) return true;
  return false;
}

/**
 * Splits each fragment at its line breaks into the pieces between them, trimming whitespace next to a
 * break; other whitespace and fragments without a break are kept as they are. Returns `[]` when
 * nothing but line breaks and whitespace beside them is left.
 */
export function splitAtLineBreaks(letter: string, fragments: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const fragment of fragments) {
    if (!crossesLineBreak(letter, fragment)) {
      out.push(fragment);
      continue;
    }
    let pieceStart = fragment.start;
    for (let i = fragment.start; i <= fragment.end; i++) {
      if (i < fragment.end && !isBreak(letter.charCodeAt(i))) continue;
      let start = pieceStart;
      let end = i;
      if (start > fragment.start) while (start < end && isPythonSpace(letter.charCodeAt(start))) start++;
      if (end < fragment.end) while (end > start && isPythonSpace(letter.charCodeAt(end - 1))) end--;
      if (end > start) out.push({ start, end });
      pieceStart = i + 1;
    }
  }
  return out;
}

/**
 * Fragments as a new annotation takes them: clamped to the letter, widened so that none splits a
 * surrogate pair (a code point offset cannot name that place), sorted, overlapping or touching ones
 * merged (brat rejects fragments that touch), empty ones dropped, then split at line breaks.
 * Returns `[]` when no character but line breaks is left.
 */
export function normalizeFragments(letter: string, fragments: readonly Range[]): Range[] {
  const clamped = fragments
    .map((f) => {
      let start = Math.max(0, Math.min(f.start, f.end, letter.length));
      let end = Math.max(0, Math.min(Math.max(f.start, f.end), letter.length));
      if (splitsPair(letter, start)) start--;
      if (splitsPair(letter, end)) end++;
      return { start, end };
    })
    .filter((f) => f.end > f.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Range[] = [];
  for (const f of clamped) {
    const last = merged[merged.length - 1];
    if (last && f.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, f.end) };
    else merged.push(f);
  }
  return splitAtLineBreaks(letter, merged);
}
