/**
 * Words an OCR program read one character wrong (`Upheid`, `0verturned`, `CLlNICAL`, `rationa1e`):
 * the parser reads an outcome, a heading or a block label that is one edit away from the real one as
 * that word, and rule IMR007 says which word it read as which.
 */

import { isTextSpace } from '../chars';

/** What a misread word is read as: `[start, end)` of the written text and the word it stands for, in the written word's case. */
export interface Misreading {
  readonly start: number;
  readonly end: number;
  /** The word(s) as written, e.g. `Upheid`. */
  readonly written: string;
  /** The correct word(s) in the written word's case, e.g. `Upheld`. */
  readonly replacement: string;
}

/** ASCII letters lower-cased; every other character as it is. */
function lower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/**
 * How `written` reads against `canonical` (words separated by single spaces, compared in any case):
 * `'same'` when it spells it (any run of whitespace for a space), a {@link Misreading} (offsets into
 * `written`) when one character was substituted, inserted or dropped, else undefined. A space counts
 * as a character: `CASESUMMARY` and `CLIN ICAL` are one edit away. The replacement keeps the written
 * characters' case; the misread one takes its neighbours' when they are capitals, else `canonical`'s.
 */
export function readAs(written: string, canonical: string): Misreading | 'same' | undefined {
  // Quick length test first: whitespace runs only shorten the written text.
  if (written.length + 1 < canonical.length) return undefined;
  // Most words read are spelled right: compared in place, with nothing made.
  if (spells(written, canonical)) return 'same';
  const codes: number[] = [];
  const at: number[] = [];
  for (let i = 0; i < written.length; i++) {
    const code = written.charCodeAt(i);
    if (isTextSpace(code)) {
      if (codes.length > 0 && codes[codes.length - 1] === 32) continue;
      codes.push(32);
    } else codes.push(lower(code));
    at.push(i);
    if (codes.length > canonical.length + 1) return undefined;
  }
  const n = codes.length;
  const c = canonical.length;
  if (n > c + 1 || n + 1 < c) return undefined;
  let p = 0;
  while (p < n && p < c && codes[p] === lower(canonical.charCodeAt(p))) p++;
  if (p === n && p === c) return 'same';
  // The rest after the edit must agree: substitution (same length), insertion (written longer), deletion.
  const writtenSkip = n >= c ? 1 : 0;
  const canonicalSkip = c >= n ? 1 : 0;
  for (let k = 0; p + writtenSkip + k < n; k++) {
    if (codes[p + writtenSkip + k] !== lower(canonical.charCodeAt(p + canonicalSkip + k))) return undefined;
  }
  // The word (or the two words a space edit joins or splits) that holds the edit.
  let left = p;
  while (left > 0 && codes[left - 1] !== 32) left--;
  let right = p + writtenSkip;
  while (right < n && codes[right] !== 32) right++;
  if (right <= left) return undefined;
  const start = at[left]!;
  const end = at[right - 1]! + 1;
  // Written characters keep their case; the misread one is a capital among capitals, else as `canonical` has it.
  let allCapitals = true;
  for (let k = left; k < right; k++) {
    const code = written.charCodeAt(at[k]!);
    if (k !== p && code >= 97 && code <= 122) allCapitals = false;
  }
  let replacement = '';
  for (let ci = left; ci < right - n + c; ci++) {
    if (ci === p && canonicalSkip) {
      const ch = canonical.charAt(ci);
      replacement += allCapitals ? ch.toUpperCase() : ch;
      continue;
    }
    const wi = ci < p ? ci : ci - canonicalSkip + writtenSkip;
    const code = written.charCodeAt(at[wi]!);
    const ch = canonical.charAt(ci);
    replacement += codes[wi] === 32 ? ' ' : code >= 65 && code <= 90 ? ch.toUpperCase() : ch.toLowerCase();
  }
  return { start, end, written: written.slice(start, end), replacement };
}

/** Whether `written` spells `canonical` in any case, any run of whitespace for each of its spaces. */
function spells(written: string, canonical: string): boolean {
  let w = 0;
  for (let c = 0; c < canonical.length; c++) {
    const expected = lower(canonical.charCodeAt(c));
    if (w >= written.length) return false;
    if (expected === 32) {
      if (!isTextSpace(written.charCodeAt(w))) return false;
      while (w < written.length && isTextSpace(written.charCodeAt(w))) w++;
    } else if (lower(written.charCodeAt(w++)) !== expected) return false;
  }
  return w === written.length;
}

/** `text`'s character at `at` lower-cased (ASCII), any whitespace a space, or -1 for a character outside ASCII, which may stand for any. */
function lowerAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code > 32 && code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  if (isTextSpace(code)) return 32;
  return code >= 128 ? -1 : code;
}

/** The first four characters of each of some keys, lower-cased: what {@link mayBeginAs} compares. */
export interface BeginGate {
  readonly codes: Int32Array;
}

/** The gate of `keys` (each in the order it is read: reversed for reading from a line's end). */
export function beginGate(keys: readonly string[]): BeginGate {
  const codes = new Int32Array(keys.length * 4);
  keys.forEach((key, k) => {
    for (let i = 0; i < 4; i++) codes[k * 4 + i] = lower(key.charCodeAt(i));
  });
  return { codes };
}

/**
 * A prefilter for {@link readAs}, read from the words it may read: false when the text read from `from`
 * by `step` (until `to`) can begin none of the gate's keys with at most one edit. One edit leaves a
 * key's first two characters at the start, or its next two one to three characters in; a character
 * outside ASCII matches any (`toUpperCase` may turn it into ASCII), any whitespace a space.
 */
export function mayBeginAs(text: string, from: number, to: number, step: 1 | -1, gate: BeginGate): boolean {
  const length = (to - from) * step;
  if (length < 2) return false;
  // The first five characters, read once (-2: past the end).
  const c0 = lowerAt(text, from);
  const c1 = lowerAt(text, from + step);
  const c2 = length > 2 ? lowerAt(text, from + 2 * step) : -2;
  const c3 = length > 3 ? lowerAt(text, from + 3 * step) : -2;
  const c4 = length > 4 ? lowerAt(text, from + 4 * step) : -2;
  const { codes } = gate;
  for (let k = 0; k < codes.length; k += 4) {
    const a = codes[k]!;
    const b = codes[k + 1]!;
    const c = codes[k + 2]!;
    const d = codes[k + 3]!;
    if (is(c0, a) && is(c1, b)) return true;
    if ((is(c1, c) && is(c2, d)) || (is(c2, c) && is(c3, d)) || (is(c3, c) && is(c4, d))) return true;
  }
  return false;
}

/** Whether a character read by `lowerAt` may be `code`: it is, or it is outside ASCII. */
function is(read: number, code: number): boolean {
  return read === code || read === -1;
}
