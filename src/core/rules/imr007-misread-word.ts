import type { Diagnostic, Letter, Range } from '../model';
import { type LabelKind, LABELS, OUTCOME_WORDS } from '../parse/items';
import { type Misreading, readAs } from '../parse/misread';
import { HEADINGS } from '../parse/sections';
import type { LabelName } from './format';
import type { Rule } from './rule';

/** Where the parser read a word as another, and the words it read it as, as letters write them. */
interface Reading {
  readonly range: Range;
  readonly canonical: string;
  readonly itemIndex?: number;
}

/** Each block label as letters write it (the parser's table has them in lower case). */
const LABEL_NAMES: Readonly<Record<LabelKind, LabelName>> = {
  claimsGuideline: 'Claims Administrator guideline',
  maximusGuideline: 'MAXIMUS guideline',
  rationale: 'Decision rationale',
};

/** The end of `[start, end)` of `text` less trailing characters of `strip`, and the whitespace among them. */
function trimmedEnd(text: string, start: number, end: number, strip: RegExp): number {
  let e = end;
  while (e > start && strip.test(text[e - 1]!)) e--;
  return e;
}

/** Every outcome, heading and label the parser read, with the words it read each as. */
function readings(letter: Letter): Reading[] {
  const text = letter.text;
  const found: Reading[] = [];
  for (const section of letter.sections) {
    const key = HEADINGS.find((h) => h.kind === section.kind)!.key;
    const end = trimmedEnd(text, section.heading.start, section.heading.end, /[\s:*]/);
    found.push({ range: { start: section.heading.start, end }, canonical: key });
  }
  for (const item of letter.items) {
    if (item.outcome && item.outcomeRange) {
      const word = OUTCOME_WORDS.find((o) => o.outcome === item.outcome)!.word;
      const end = trimmedEnd(text, item.outcomeRange.start, item.outcomeRange.end, /[.!]/);
      found.push({ range: { start: item.outcomeRange.start, end }, canonical: word.charAt(0).toUpperCase() + word.slice(1), itemIndex: item.index });
    }
    for (const label of LABELS) {
      const block = item[label.kind];
      if (!block) continue;
      const end = trimmedEnd(text, block.label.start, block.label.end, /[\s:*]/);
      found.push({ range: { start: block.label.start, end }, canonical: LABEL_NAMES[label.kind], itemIndex: item.index });
    }
  }
  return found;
}

/** A misreading of `reading` in `text`, with offsets into the text. */
function misreadingOf(text: string, reading: Reading): Misreading | undefined {
  const read = readAs(text.slice(reading.range.start, reading.range.end), reading.canonical);
  if (!read || read === 'same') return undefined;
  return { ...read, start: reading.range.start + read.start, end: reading.range.start + read.end };
}

export const misreadWord: Rule = {
  code: 'IMR007',
  name: 'misread-word',
  description: 'An outcome, section heading or block label one character away from the real word (as OCR misreads them) is read as that word: correct it.',
  defaultSeverity: 'warning',
  check(letter: Letter): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    for (const reading of readings(letter)) {
      const misread = misreadingOf(letter.text, reading);
      if (!misread) continue;
      const range = { start: misread.start, end: misread.end };
      diagnostics.push({
        code: this.code,
        rule: this.name,
        severity: this.defaultSeverity,
        message: `'${misread.written}' read as '${misread.replacement}'`,
        range,
        ...(reading.itemIndex !== undefined ? { itemIndex: reading.itemIndex } : {}),
        fixes: [{ title: `Correct '${misread.written}' to '${misread.replacement}'`, edits: [{ range, newText: misread.replacement }], isPreferred: true, safe: true }],
      });
    }
    return diagnostics.sort((a, b) => a.range.start - b.range.start);
  },
};
