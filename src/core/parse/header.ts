/**
 * Header fields: `Case Number:`, `Date Assigned:` ... in every layout the letters come in — one per
 * line, side by side in columns, wrapped in `<b>` tags, or split over lines
 * (`Priority:  Standard Application` / `Received:` / `01/16/2017`).
 */

import { parseUsDate } from '../dates';
import type { HeaderField, HeaderFieldName } from '../model';
import { isSpace } from './lines';

interface FieldSpec {
  readonly name: HeaderFieldName;
  /** The label's words; any whitespace (and `<b>` tags) may separate them. */
  readonly words: readonly string[];
  readonly isDate: boolean;
}

const FIELDS: readonly FieldSpec[] = [
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

const DATE_PREFIX = /^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}/;

interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** `text` in lower case. */
  readonly lower: string;
}

function token(start: number, end: number, text: string): Token {
  return { start, end, text, lower: text.toLowerCase() };
}

/** Whitespace-separated tokens of the header window, with `<b>`/`</b>` and `**` removed. */
function tokenize(text: string, limit: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < limit) {
    while (i < limit && isSpace(text.charCodeAt(i))) i++;
    if (i >= limit) break;
    let start = i;
    while (i < limit && !isSpace(text.charCodeAt(i))) i++;
    let end = i;
    // Peel markup off both ends: `<b>Case`, `Number:</b>`, `**Priority:**`.
    let changed = true;
    while (changed && start < end) {
      changed = false;
      const piece = text.slice(start, end);
      if (piece.startsWith('<b>') || piece.startsWith('<B>')) { start += 3; changed = true; }
      else if (piece.startsWith('**')) { start += 2; changed = true; }
      else if (piece.endsWith('</b>') || piece.endsWith('</B>')) { end -= 4; changed = true; }
      else if (piece.endsWith('**')) { end -= 2; changed = true; }
    }
    // `<b>Case Number:</b>CM14-0060515` glued: split at the tag.
    const piece = text.slice(start, end);
    const tag = piece.indexOf('</b>');
    if (tag > 0) {
      tokens.push(token(start, start + tag, piece.slice(0, tag)));
      tokens.push(token(start + tag + 4, end, piece.slice(tag + 4)));
    } else if (start < end) {
      tokens.push(token(start, end, piece));
    }
  }
  return tokens;
}

/** Each field with its label words in lower case, as tokens are compared with them. */
const FIELD_WORDS: ReadonlyArray<{ spec: FieldSpec; words: readonly string[] }> = FIELDS.map((spec) => ({
  spec,
  words: spec.words.map((word) => word.toLowerCase()),
}));

function labelAt(tokens: readonly Token[], index: number): FieldSpec | undefined {
  for (const { spec, words } of FIELD_WORDS) {
    let matched = true;
    for (let w = 0; w < words.length; w++) {
      const token = tokens[index + w];
      if (!token || token.lower !== words[w]) {
        matched = false;
        break;
      }
    }
    if (matched) return spec;
  }
  return undefined;
}

/** Reads the header fields from the top of the letter (first occurrence of each label wins). */
export function parseHeader(text: string, headerEnd: number): HeaderField[] {
  const limit = Math.min(headerEnd, HEADER_WINDOW, text.length);
  const tokens = tokenize(text, limit);
  const fields: HeaderField[] = [];
  const seen = new Set<HeaderFieldName>();
  const isLabelStart = (i: number): boolean => labelAt(tokens, i) !== undefined || tokens[i]?.text === 'Received:';

  for (let i = 0; i < tokens.length; i++) {
    let spec = labelAt(tokens, i);
    let labelEnd = i + (spec?.words.length ?? 0);
    let valueIndex = labelEnd;
    // pdftotext -layout puts the value between the label's two lines: `Application 11/03/2016` / `Received:`.
    if (!spec && tokens[i]!.text === 'Application' && tokens[i + 2]?.text === 'Received:' && DATE_PREFIX.test(tokens[i + 1]!.text)) {
      spec = FIELDS.find((f) => f.name === 'applicationReceived');
      valueIndex = i + 1;
      labelEnd = i + 3;
    }
    if (!spec || seen.has(spec.name)) continue;
    seen.add(spec.name);

    const first = tokens[i]!;
    const lastLabel = tokens[labelEnd - 1]!;
    const label = { start: first.start, end: lastLabel.end };
    let valueToken = tokens[valueIndex];
    if (valueToken && isLabelStart(valueIndex) ) valueToken = undefined;

    let value: { start: number; end: number; text: string };
    if (!valueToken) {
      value = { start: label.end, end: label.end, text: '' };
    } else if (spec.isDate) {
      const prefix = DATE_PREFIX.exec(valueToken.text);
      const end = prefix ? valueToken.start + prefix[0].length : valueToken.end;
      value = { start: valueToken.start, end, text: text.slice(valueToken.start, end) };
    } else if (spec.name === 'priority') {
      // `Priority:  Standard Application`: the value is one word; `Application` begins the next label.
      value = { start: valueToken.start, end: valueToken.end, text: valueToken.text };
    } else {
      value = { start: valueToken.start, end: valueToken.end, text: valueToken.text };
    }
    const iso = spec.isDate && value.text ? parseUsDate(value.text) : undefined;
    fields.push(iso ? { name: spec.name, label, value, iso } : { name: spec.name, label, value });
    if (valueIndex === labelEnd && valueToken) i = valueIndex;
  }
  return fields;
}
