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
    // Peel markup off both ends: `<b>Case`, `Number:</b>`, `**Priority:**`, and the `|` OCR reads a
    // table's rules as (`|CaseNumber:`, a `|` alone is no token).
    let changed = true;
    while (changed && start < end) {
      changed = false;
      const length = end - start;
      if (text.charCodeAt(start) === 124 /* | */) { start++; changed = true; }
      else if (text.charCodeAt(end - 1) === 124) { end--; changed = true; }
      else if (length >= 3 && (text.startsWith('<b>', start) || text.startsWith('<B>', start))) { start += 3; changed = true; }
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

/** Each field with its label words in lower case, as tokens are compared with them. */
const FIELD_WORDS: ReadonlyArray<{ spec: FieldSpec; words: readonly string[] }> = FIELDS.map((spec) => ({
  spec,
  words: spec.words.map((word) => word.toLowerCase()),
}));

const APPLICATION_RECEIVED = FIELDS.find((f) => f.name === 'applicationReceived')!;

/** Each label of several words with its words joined, as OCR may read it (`CaseNumber:`). */
const GLUED_WORDS: ReadonlyArray<{ spec: FieldSpec; word: string }> = FIELD_WORDS.filter(({ words }) => words.length > 1).map(({ spec, words }) => ({ spec, word: words.join('') }));

/** The label that token `index` begins, and how many tokens it takes. */
function labelAt(text: string, tokens: Tokens, index: number): { spec: FieldSpec; length: number } | undefined {
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
    if (matched) return { spec, length: words.length };
  }
  // Glued label words end with the label's colon, as every label does: most tokens have none.
  if (text.charCodeAt(ends[index]! - 1) !== 58 /* : */) return undefined;
  for (const { spec, word } of GLUED_WORDS) if (isWord(text, starts[index]!, ends[index]!, word)) return { spec, length: 1 };
  return undefined;
}

/** Whether token `index` begins a label, or is the `Received:` that ends a split `Application Received:`. */
function isLabelStart(text: string, tokens: Tokens, index: number): boolean {
  return labelAt(text, tokens, index) !== undefined || isWord(text, tokens.starts[index]!, tokens.ends[index]!, 'received:');
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
    const at = labelAt(text, tokens, i);
    let spec = at?.spec;
    let labelEnd = i + (at?.length ?? 0);
    let valueIndex = labelEnd;
    // pdftotext -layout puts the value between the label's two lines: `Application 11/03/2016` / `Received:`.
    if (
      !spec && i + 2 < count && isWord(text, starts[i]!, ends[i]!, 'application') && isWord(text, starts[i + 2]!, ends[i + 2]!, 'received:') &&
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
      } else if (spec.name === 'caseNumber') {
        // `CM16-0213037,` as OCR reads a table cell: the number without what follows it.
        const length = caseNumberLength(text, start, end);
        if (length > 0) end = start + length;
      }
      value = { start, end, text: text.slice(start, end) };
    }
    const iso = spec.isDate && value.text ? parseUsDate(value.text) : undefined;
    fields.push(iso ? { name: spec.name, label, value, iso } : { name: spec.name, label, value });
    if (valueIndex === labelEnd && hasValue) i = valueIndex;
  }
  return withUnlabelled(text, tokens, fields);
}

/**
 * The length of the case number `CM16-0213037` at `text[start, end)`, when nothing but punctuation
 * follows it there (`CM16-0213037,`); else 0.
 */
function caseNumberLength(text: string, start: number, end: number): number {
  if (end - start < 9 || (text.charCodeAt(start) | 0x20) !== 0x63 || (text.charCodeAt(start + 1) | 0x20) !== 0x6d) return 0;
  if (!isDigit(text.charCodeAt(start + 2)) || !isDigit(text.charCodeAt(start + 3)) || text.charCodeAt(start + 4) !== 45 /* - */) return 0;
  let i = start + 5;
  while (i < end && i - start < 13 && isDigit(text.charCodeAt(i))) i++;
  if (i - start < 9 || (i < end && isDigit(text.charCodeAt(i)))) return 0;
  for (let k = i; k < end; k++) if (isAsciiAlphanumeric(text.charCodeAt(k))) return 0;
  return i - start;
}

function isAsciiAlphanumeric(code: number): boolean {
  return isDigit(code) || ((code | 0x20) >= 97 && (code | 0x20) <= 122);
}

/**
 * The fields whose labels OCR lost, added to those read by their labels: the case number, the only
 * `CM16-0221706` token of the header; and a date field, when it is the only one missing and one date
 * of the header is no field's value and stands where that field's label goes (after the field before
 * it, before the field after it, in the letters' order). Such a field's label is empty, at its value.
 */
function withUnlabelled(text: string, tokens: Tokens, fields: HeaderField[]): HeaderField[] {
  // Most letters have every label.
  if (fields.length === FIELDS.length) return fields;
  const { starts, ends } = tokens;
  const added: HeaderField[] = [];
  if (!fields.some((f) => f.name === 'caseNumber')) {
    let found: number | undefined;
    let count = 0;
    for (let k = 0; k < starts.length; k++) {
      if (caseNumberLength(text, starts[k]!, ends[k]!) > 0) {
        found ??= k;
        count++;
      }
    }
    if (found !== undefined && count === 1) {
      const start = starts[found]!;
      const end = start + caseNumberLength(text, start, ends[found]!);
      added.push({ name: 'caseNumber', label: { start, end: start }, value: { start, end, text: text.slice(start, end) } });
    }
  }
  const byName = new Map(fields.map((f) => [f.name, f]));
  const missing = FIELDS.filter((spec) => spec.isDate && !byName.has(spec.name));
  if (missing.length === 1 && byName.size > 0) {
    const spec = missing[0]!;
    const used = new Set(fields.map((f) => f.value.start));
    const dates: number[] = [];
    for (let k = 0; k < starts.length; k++) {
      if (!used.has(starts[k]!) && datePrefixLength(text, starts[k]!, ends[k]!) === ends[k]! - starts[k]!) dates.push(k);
    }
    const order = FIELDS.indexOf(spec);
    const before = FIELDS.slice(0, order).map((f) => byName.get(f.name)).filter((f) => f !== undefined).pop();
    const after = FIELDS.slice(order + 1).map((f) => byName.get(f.name)).find((f) => f !== undefined);
    const k = dates[0];
    if (dates.length === 1 && k !== undefined) {
      const start = starts[k]!;
      const end = ends[k]!;
      const fits = (!before || Math.max(before.label.end, before.value.end) <= start) && (!after || end <= after.label.start);
      const iso = parseUsDate(text.slice(start, end));
      const value = { start, end, text: text.slice(start, end) };
      if (fits) added.push(iso ? { name: spec.name, label: { start, end: start }, value, iso } : { name: spec.name, label: { start, end: start }, value });
    }
  }
  if (added.length === 0) return fields;
  return [...fields, ...added].sort((a, b) => a.value.start - b.value.start);
}
