/**
 * brat's standoff format (https://brat.nlplab.org/standoff.html), read leniently and written
 * deterministically:
 *
 *     T1\tDrug 120 125\tNorco
 *     T3\tBodyPart 1436 1441;1443 1451\tright shoulder
 *     R1\tStrength-Drug Arg1:T2 Arg2:T1
 *     A1\tOutcome T4 Upheld
 *     #1\tAnnotatorNotes T1\tbrand of hydrocodone/acetaminophen
 *
 * Offsets in the file count code points of the letter; a CRLF counts two.
 */

import type { Range } from '../model';
import { FRAGMENT_SEPARATOR, fragmentText, splitAtLineBreaks } from './fragments';
import { codePointOffsets, type CodePointOffsets, splitsPair } from './offsets';
import {
  type AnnotationProblem,
  type AnnotationSet,
  type AttributeAnnotation,
  DISMISSED_NOTE,
  type Dismissal,
  type NoteAnnotation,
  type RelationAnnotation,
  type TextBoundAnnotation,
} from './types';

/** What ends a line of a `.ann` for brat (Python's `str.splitlines`; see isLineBoundary). */
const LINE_END = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
const LINE_END_GLOBAL = new RegExp(LINE_END.source, 'g');

/** The number in an id (`T12` → 12), or -1 when it has none. */
export function idNumber(id: string): number {
  const match = /(\d+)$/.exec(id);
  return match ? Number(match[1]) : -1;
}

/** brat's id shape: letters (or `#` and letters) then digits; `*` for equivalences. */
const ID = /^(?:[A-Za-z]+|#[A-Za-z]*)(\d+)$/;

const byIdNumber = <T extends { readonly id: string }>(a: T, b: T): number => idNumber(a.id) - idNumber(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The highest number per id prefix among `ids`. */
export function highestIdsOf(ids: Iterable<string>, start: Readonly<Record<string, number>> = {}): Record<string, number> {
  const highest: Record<string, number> = { ...start };
  for (const id of ids) {
    const match = /^([A-Za-z]+|#)[A-Za-z]*(\d+)/.exec(id);
    if (!match) continue;
    const prefix = match[1]!;
    highest[prefix] = Math.max(highest[prefix] ?? 0, Number(match[2]));
  }
  return highest;
}

interface Spans {
  readonly label: string;
  readonly fragments: Range[];
}

/** `Drug 10 15;16 20` → label and UTF-16 fragments, or why it cannot be read. */
function readSpans(data: string, offsets: CodePointOffsets): Spans | string {
  const space = data.search(/\s/);
  if (space <= 0) return 'expected a label and offsets, e.g. "Drug 10 15"';
  const label = data.slice(0, space);
  const fragments: Range[] = [];
  for (const part of data.slice(space + 1).split(';')) {
    const match = /^\s*(\d+)\s+(\d+)\s*$/.exec(part);
    if (!match) return `offsets "${part.trim()}" are not two whole numbers`;
    const start = Number(match[1]);
    const end = Number(match[2]);
    if (start > end) return `offsets ${start} ${end}: the start is after the end`;
    if (end > offsets.codePointLength) return `offsets ${start} ${end} run past the end of the letter (${offsets.codePointLength} characters)`;
    for (const seen of fragments) {
      const seenStart = offsets.toCodePoint(seen.start);
      const seenEnd = offsets.toCodePoint(seen.end);
      if (start < seenEnd && seenStart < end) return `fragments ${seenStart} ${seenEnd} and ${start} ${end} overlap`;
    }
    fragments.push({ start: offsets.toUtf16(start), end: offsets.toUtf16(end) });
  }
  return { label, fragments };
}

/** The recorded text of a span, checked against the letter; a mismatch is kept and reported. */
function readText(tail: string | undefined, expected: string, report: (message: string) => void): string {
  if (tail === undefined) {
    report('no text column: the text is taken from the letter');
    return expected;
  }
  if (tail === expected) return tail;
  // brat allows whitespace after the text; nothing of value is in it.
  if (tail.startsWith(expected) && tail.slice(expected.length).trim() === '') return expected;
  report(`the text "${tail}" is not the letter's "${expected}" at these offsets`);
  return tail;
}

/**
 * Reads a `.ann` against its letter. Lenient: CRLF or CR line ends (and the others brat's reader
 * breaks lines at: a form feed, U+2028...), a byte order mark, blank lines,
 * ids in any order, a missing text column (taken from the letter), several spaces between fields.
 * A line that cannot be read is reported in `problems` (1-based line) and kept verbatim in `other`; a
 * span whose text column differs from the letter is reported and kept with the text as written.
 */
export function readStandoff(annText: string, letterText: string): AnnotationSet {
  const offsets = codePointOffsets(letterText);
  const textBound: TextBoundAnnotation[] = [];
  const attributes: AttributeAnnotation[] = [];
  const relations: RelationAnnotation[] = [];
  const notes: NoteAnnotation[] = [];
  const dismissals: Dismissal[] = [];
  const other: string[] = [];
  const problems: AnnotationProblem[] = [];
  const seen = new Set<string>();
  // Lines as brat reads them (Python's splitlines): a form feed ends a line too.
  const lines = annText.replace(/^\ufeff/, '').split(LINE_END);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const lineNumber = index + 1;
    const keep = (message?: string): void => {
      other.push(line);
      if (message) problems.push({ line: lineNumber, message });
    };
    const tab = line.indexOf('\t');
    if (tab < 0) return keep('no tab after the id: expected "ID<tab>..."');
    const id = line.slice(0, tab);
    const rest = line.slice(tab + 1);
    const dataEnd = rest.indexOf('\t');
    const data = dataEnd < 0 ? rest : rest.slice(0, dataEnd);
    const tail = dataEnd < 0 ? undefined : rest.slice(dataEnd + 1);
    if (id === '*') return keep();
    if (!ID.test(id)) return keep(`"${id}" is not an annotation id such as T1, R1, A1 or #1`);
    if (seen.has(id)) return keep(`the id ${id} is used twice; this line is kept as it is`);
    seen.add(id);
    const report = (message: string): void => {
      problems.push({ line: lineNumber, message: `${id}: ${message}` });
    };
    const fields = data.trim().split(/\s+/);
    switch (id[0]) {
      case 'T': {
        const spans = readSpans(data, offsets);
        if (typeof spans === 'string') return keep(`${id}: ${spans}`);
        const text = readText(tail, fragmentText(letterText, spans.fragments), report);
        textBound.push({ id, label: spans.label, fragments: spans.fragments, text });
        return;
      }
      case 'A':
      case 'M': {
        if (fields.length < 2 || fields.length > 3) return keep(`${id}: expected "NAME TARGET [VALUE]"`);
        const [name, target, value] = fields as [string, string, string | undefined];
        attributes.push(value === undefined ? { id, name, target } : { id, name, target, value });
        return;
      }
      case 'R': {
        const arg1 = /^Arg1:(\S+)$/.exec(fields[1] ?? '');
        const arg2 = /^Arg2:(\S+)$/.exec(fields[2] ?? '');
        if (fields.length === 3 && arg1 && arg2) {
          relations.push({ id, type: fields[0]!, arg1: arg1[1]!, arg2: arg2[1]! });
          return;
        }
        // Other role names are valid brat; kept as written.
        if (fields.length === 3 && fields.slice(1).every((f) => /^[^:\s]+:\S+$/.test(f))) return keep();
        return keep(`${id}: expected "TYPE Arg1:ID Arg2:ID"`);
      }
      case '#': {
        if (fields.length !== 2) return keep(`${id}: expected "AnnotatorNotes TARGET<tab>text"`);
        const [type, target] = fields as [string, string];
        if (type === DISMISSED_NOTE && target === id) {
          const recordEnd = (tail ?? '').indexOf('\t');
          const spans = readSpans(recordEnd < 0 ? tail ?? '' : tail!.slice(0, recordEnd), offsets);
          if (typeof spans === 'string') return keep(`${id}: ${spans}`);
          const text = readText(recordEnd < 0 ? undefined : tail!.slice(recordEnd + 1), fragmentText(letterText, spans.fragments), report);
          dismissals.push({ id, label: spans.label, fragments: spans.fragments, text });
          return;
        }
        notes.push({ id, type, target, text: tail ?? '' });
        return;
      }
      case 'E':
      case 'N':
        return keep();
      default:
        return keep(`${id}: unknown annotation kind "${id[0]}" (expected T, A, R, E, N, M, * or #)`);
    }
  });
  const ids = [...seen, ...other.map((line) => line.slice(0, Math.max(0, line.indexOf('\t'))))];
  return {
    textBound: textBound.sort(byIdNumber),
    attributes: attributes.sort(byIdNumber),
    relations: relations.sort(byIdNumber),
    notes: notes.sort(byIdNumber),
    dismissals: dismissals.sort(byIdNumber),
    other,
    problems,
    highestIds: highestIdsOf(ids),
  };
}

/** A field or a text column on one line: no line break (for brat: isLineBoundary) may end the line early. */
const oneLine = (text: string): string => text.replace(LINE_END_GLOBAL, ' ');
/** A label, name or id: brat separates them with spaces. */
const oneWord = (text: string): string => text.replace(/\s/g, '_');

/** `10 15;16 20` in code points; a UTF-16 offset inside a pair is widened to the whole character. */
function writeSpans(fragments: readonly Range[], letter: string, offsets: CodePointOffsets): string {
  return fragments
    .map((f) => `${offsets.toCodePoint(f.start)} ${offsets.toCodePoint(f.end) + (splitsPair(letter, f.end) ? 1 : 0)}`)
    .join(';');
}

/**
 * The fragments and text a span is written with: split at line breaks, as brat requires; when the
 * split changes the fragments of a span whose text still matches the letter, the text follows.
 */
function writtenSpan(letter: string, fragments: readonly Range[], text: string): { fragments: readonly Range[]; text: string } {
  const split = splitAtLineBreaks(letter, fragments);
  if (split.length === 0) return { fragments, text };
  const same = split.length === fragments.length && split.every((f, i) => f.start === fragments[i]!.start && f.end === fragments[i]!.end);
  if (same || text !== fragmentText(letter, fragments)) return { fragments: same ? fragments : split, text };
  return { fragments: split, text: split.map((f) => letter.slice(f.start, f.end)).join(FRAGMENT_SEPARATOR) };
}

/**
 * The `.ann` text of a set, the same for the same set: `T` lines, then `R`, `A`, the notes, the
 * dismissals, each by id number, then the lines kept verbatim in the order they were read; `\n` after
 * every line. A span that crosses a line break is written as one fragment per line.
 */
export function writeStandoff(set: AnnotationSet, letterText: string): string {
  const offsets = codePointOffsets(letterText);
  const lines: string[] = [];
  for (const t of [...set.textBound].sort(byIdNumber)) {
    const { fragments, text } = writtenSpan(letterText, t.fragments, t.text);
    lines.push(`${oneWord(t.id)}\t${oneWord(t.label)} ${writeSpans(fragments, letterText, offsets)}\t${oneLine(text)}`);
  }
  for (const r of [...set.relations].sort(byIdNumber)) lines.push(`${oneWord(r.id)}\t${oneWord(r.type)} Arg1:${oneWord(r.arg1)} Arg2:${oneWord(r.arg2)}`);
  for (const a of [...set.attributes].sort(byIdNumber)) {
    lines.push(`${oneWord(a.id)}\t${oneWord(a.name)} ${oneWord(a.target)}${a.value === undefined ? '' : ` ${oneWord(a.value)}`}`);
  }
  for (const n of [...set.notes].sort(byIdNumber)) lines.push(`${oneWord(n.id)}\t${oneWord(n.type)} ${oneWord(n.target)}\t${oneLine(n.text)}`);
  for (const d of [...set.dismissals].sort(byIdNumber)) {
    const { fragments, text } = writtenSpan(letterText, d.fragments, d.text);
    lines.push(`${oneWord(d.id)}\t${DISMISSED_NOTE} ${oneWord(d.id)}\t${oneWord(d.label)} ${writeSpans(fragments, letterText, offsets)}\t${oneLine(text)}`);
  }
  for (const line of set.other) lines.push(oneLine(line));
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}
