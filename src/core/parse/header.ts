/**
 * Header fields: `Case Number:`, `Date Assigned:` ... in every layout the letters come in — one per
 * line, side by side in columns, wrapped in `<b>` tags, or split over lines
 * (`Priority:  Standard Application` / `Received:` / `01/16/2017`).
 */

import { parseUsDate } from '../dates';
import type { HeaderField, HeaderFieldName } from '../model';
import { isTextSpace } from '../chars';
import { isDigit } from '../chars';

export interface FieldSpec {
  readonly name: HeaderFieldName;
  /** The label's words; any whitespace (and `<b>` tags) may separate them. */
  readonly words: readonly string[];
  readonly isDate: boolean;
}

/** The header's labels, in the order a letter gives them; also what `splitFlattenedLines` splits a flattened header at. */
export const FIELDS: readonly FieldSpec[] = [
  { name: 'caseNumber', words: ['Case', 'Number:'], isDate: false },
  { name: 'dateAssigned', words: ['Date', 'Assigned:'], isDate: true },
  { name: 'dateOfInjury', words: ['Date', 'of', 'Injury:'], isDate: true },
  { name: 'decisionDate', words: ['Decision', 'Date:'], isDate: true },
  { name: 'urDenialDate', words: ['UR', 'Denial', 'Date:'], isDate: true },
  { name: 'priority', words: ['Priority:'], isDate: false },
  { name: 'applicationReceived', words: ['Application', 'Received:'], isDate: true },
];

/** Header labels live in the first lines; nothing past this many characters is searched. */
const HEADER_WINDOW = 4000;

/**
 * The header's tokens as offsets into the text: token `k` is `[starts[k], ends[k])`. Offsets rather
 * than strings: most tokens are only compared with the label words, by character codes.
 */
interface Tokens {
  readonly starts: number[];
  readonly ends: number[];
}

/** Whitespace-separated tokens of the header window, with `<b>`/`</b>` and `**` removed. */
function tokenize(text: string, limit: number): Tokens {
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < limit) {
    while (i < limit && isTextSpace(text.charCodeAt(i))) i++;
    if (i >= limit) break;
    let start = i;
    let hasTag = false;
    while (i < limit && !isTextSpace(text.charCodeAt(i))) {
      if (text.charCodeAt(i) === 60 /* < */) hasTag = true;
      i++;
    }
    let end = i;
    // Peel markup off both ends: `<b>Case`, `Number:</b>`, `**Priority:**`.
    let changed = true;
    while (changed && start < end) {
      changed = false;
      const length = end - start;
      if (length >= 3 && (text.startsWith('<b>', start) || text.startsWith('<B>', start))) { start += 3; changed = true; }
      else if (length >= 2 && text.startsWith('**', start)) { start += 2; changed = true; }
      else if (length >= 4 && (text.startsWith('</b>', end - 4) || text.startsWith('</B>', end - 4))) { end -= 4; changed = true; }
      else if (length >= 2 && text.startsWith('**', end - 2)) { end -= 2; changed = true; }
    }
    // `<b>Case Number:</b>CM14-0060515` glued: split at the tag.
    const tag = hasTag ? text.slice(start, end).indexOf('</b>') : -1;
    if (tag > 0) {
      starts.push(start, start + tag + 4);
      ends.push(start + tag, end);
    } else if (start < end) {
      starts.push(start);
      ends.push(end);
    }
  }
  return { starts, ends };
}

/**
 * Whether `text[start, end)` is `word` (lower-case ASCII) in any case. Compared by character codes:
 * `toLowerCase` turns no other character into ASCII but the Kelvin sign (into `k`, in no label word).
 */
function isWord(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) {
    const code = text.charCodeAt(start + i);
    const expected = word.charCodeAt(i);
    if (code !== expected && !(expected >= 97 && expected <= 122 && code === expected - 32)) return false;
  }
  return true;
}

/** Whether `text[start, end)` is exactly `word`. */
function isExactly(text: string, start: number, end: number, word: string): boolean {
  return end - start === word.length && text.startsWith(word, start);
}

/** Each field with its label words in lower case, as tokens are compared with them. */
const FIELD_WORDS: ReadonlyArray<{ spec: FieldSpec; words: readonly string[] }> = FIELDS.map((spec) => ({
  spec,
  words: spec.words.map((word) => word.toLowerCase()),
}));

const APPLICATION_RECEIVED = FIELDS.find((f) => f.name === 'applicationReceived')!;

function labelAt(text: string, tokens: Tokens, index: number): FieldSpec | undefined {
  const { starts, ends } = tokens;
  for (const { spec, words } of FIELD_WORDS) {
    if (index + words.length > starts.length) continue;
    let matched = true;
    for (let w = 0; w < words.length; w++) {
      if (!isWord(text, starts[index + w]!, ends[index + w]!, words[w]!)) {
        matched = false;
        break;
      }
    }
    if (matched) return spec;
  }
  return undefined;
}

/** Whether token `index` begins a label, or is the `Received:` that ends a split `Application Received:`. */
function isLabelStart(text: string, tokens: Tokens, index: number): boolean {
  return labelAt(text, tokens, index) !== undefined || isExactly(text, tokens.starts[index]!, tokens.ends[index]!, 'Received:');
}

/**
 * The length of the date at the start of `text[start, end)`, as `^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}`
 * matches it, or -1.
 */
function datePrefixLength(text: string, start: number, end: number): number {
  let i = start;
  for (let part = 0; part < 2; part++) {
    const from = i;
    while (i < end && i - from < 3 && isDigit(text.charCodeAt(i))) i++;
    const digits = i - from;
    if (digits < 1 || digits > 2 || i >= end) return -1;
    const separator = text.charCodeAt(i);
    if (separator !== 47 /* / */ && separator !== 45 /* - */) return -1;
    i++;
  }
  const yearFrom = i;
  while (i < end && i - yearFrom < 4 && isDigit(text.charCodeAt(i))) i++;
  return i - yearFrom >= 2 ? i - start : -1;
}

/** Reads the header fields from the top of the letter (first occurrence of each label wins). */
export function parseHeader(text: string, headerEnd: number): HeaderField[] {
  const limit = Math.min(headerEnd, HEADER_WINDOW, text.length);
  const tokens = tokenize(text, limit);
  const { starts, ends } = tokens;
  const count = starts.length;
  const fields: HeaderField[] = [];
  const seen = new Set<HeaderFieldName>();

  for (let i = 0; i < count; i++) {
    let spec = labelAt(text, tokens, i);
    let labelEnd = i + (spec?.words.length ?? 0);
    let valueIndex = labelEnd;
    // pdftotext -layout puts the value between the label's two lines: `Application 11/03/2016` / `Received:`.
    if (
      !spec && i + 2 < count && isExactly(text, starts[i]!, ends[i]!, 'Application') && isExactly(text, starts[i + 2]!, ends[i + 2]!, 'Received:') &&
      datePrefixLength(text, starts[i + 1]!, ends[i + 1]!) >= 0
    ) {
      spec = APPLICATION_RECEIVED;
      valueIndex = i + 1;
      labelEnd = i + 3;
    }
    if (!spec || seen.has(spec.name)) continue;
    seen.add(spec.name);

    const label = { start: starts[i]!, end: ends[labelEnd - 1]! };
    const hasValue = valueIndex < count && !isLabelStart(text, tokens, valueIndex);

    let value: { start: number; end: number; text: string };
    if (!hasValue) {
      value = { start: label.end, end: label.end, text: '' };
    } else {
      const start = starts[valueIndex]!;
      let end = ends[valueIndex]!;
      // A date is cut after its date part (`01/06/2017,`); `Priority:  Standard Application` keeps one word:
      // `Application` begins the next label.
      if (spec.isDate) {
        const prefix = datePrefixLength(text, start, end);
        if (prefix >= 0) end = start + prefix;
      }
      value = { start, end, text: text.slice(start, end) };
    }
    const iso = spec.isDate && value.text ? parseUsDate(value.text) : undefined;
    fields.push(iso ? { name: spec.name, label, value, iso } : { name: spec.name, label, value });
    if (valueIndex === labelEnd && hasValue) i = valueIndex;
  }
  return fields;
}
