/**
 * One letter as one JSON object, the shape doccano, Prodigy and spaCy read:
 *
 *     {"text": "...", "spans": [{"start": 0, "end": 5, "label": "Drug", "id": "T1"}], "meta": {...}}
 *
 * Offsets count code points, as Python does (`text[start:end]`). A discontinuous annotation gives one
 * span per fragment, all with its `id`; the attributes, relations and notes go in `meta`, so reading
 * the record back gives the same annotations. Dismissals and lines kept verbatim stay in the `.ann`.
 */

import type { Range } from '../model';
import { fragmentText } from './fragments';
import { codePointOffsets } from './offsets';
import { highestIdsOf } from './standoff';
import { type AnnotationProblem, type AnnotationSet, type AttributeAnnotation, emptyAnnotationSet, type NoteAnnotation, type RelationAnnotation, type TextBoundAnnotation } from './types';

export interface JsonlSpan {
  /** Code point offsets, `end` exclusive. */
  readonly start: number;
  readonly end: number;
  readonly label: string;
  /** The annotation the span belongs to (several spans for a discontinuous one). */
  readonly id: string;
}

export interface JsonlMeta {
  readonly attributes?: readonly AttributeAnnotation[];
  readonly relations?: readonly RelationAnnotation[];
  readonly notes?: readonly NoteAnnotation[];
  /** Whatever else the caller puts in: the letter's name, where its annotations came from. */
  readonly [key: string]: unknown;
}

export interface JsonlRecord {
  readonly text: string;
  readonly spans: readonly JsonlSpan[];
  readonly meta: JsonlMeta;
}

/** The record of a letter and its annotations; `meta` adds fields (name, source) to the annotations' own. */
export function toJsonl(letterText: string, set: AnnotationSet, meta: Readonly<Record<string, unknown>> = {}): JsonlRecord {
  const offsets = codePointOffsets(letterText);
  const spans: JsonlSpan[] = [];
  for (const t of set.textBound) {
    for (const f of t.fragments) spans.push({ start: offsets.toCodePoint(f.start), end: offsets.toCodePoint(f.end), label: t.label, id: t.id });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { text: letterText, spans, meta: { ...meta, attributes: set.attributes, relations: set.relations, notes: set.notes } };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isOffset = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * A record back as a letter's text and annotations. Lenient: spans without an `id` each become an
 * annotation of their own (numbered after the others), a bad span or meta entry is reported in
 * `problems` (its `line` is the record's line in the file, 1 unless given) and left out.
 */
export function fromJsonl(record: unknown, line = 1): { text: string; set: AnnotationSet } | { error: string } {
  if (!isRecord(record) || !isString(record.text)) return { error: `line ${line}: expected an object with a "text" string` };
  const text = record.text;
  const offsets = codePointOffsets(text);
  const problems: AnnotationProblem[] = [];
  const report = (message: string): void => {
    problems.push({ line, message });
  };
  const fragmentsById = new Map<string, { label: string; fragments: Range[] }>();
  const loose: { label: string; fragments: Range[] }[] = [];
  const spans = Array.isArray(record.spans) ? record.spans : [];
  if (record.spans !== undefined && !Array.isArray(record.spans)) report('"spans" is not a list');
  spans.forEach((span, i) => {
    if (!isRecord(span) || !isOffset(span.start) || !isOffset(span.end) || !isString(span.label) || span.start > span.end || span.end > offsets.codePointLength) {
      return report(`span ${i + 1} is not {"start", "end", "label"} within the text: ${JSON.stringify(span)}`);
    }
    const fragment = { start: offsets.toUtf16(span.start), end: offsets.toUtf16(span.end) };
    if (!isString(span.id) || !/^T\d+$/.test(span.id)) return void loose.push({ label: span.label, fragments: [fragment] });
    const entry = fragmentsById.get(span.id);
    if (!entry) fragmentsById.set(span.id, { label: span.label, fragments: [fragment] });
    else if (entry.label !== span.label) report(`span ${i + 1}: ${span.id} has two labels, ${entry.label} and ${span.label}`);
    else entry.fragments.push(fragment);
  });
  const textBound: TextBoundAnnotation[] = [...fragmentsById].map(([id, { label, fragments }]) => {
    fragments.sort((a, b) => a.start - b.start);
    return { id, label, fragments, text: fragmentText(text, fragments) };
  });
  let next = Math.max(0, ...textBound.map((t) => Number(t.id.slice(1))));
  for (const { label, fragments } of loose) textBound.push({ id: `T${++next}`, label, fragments, text: fragmentText(text, fragments) });
  textBound.sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));

  const meta = isRecord(record.meta) ? record.meta : {};
  const list = <T>(name: string, valid: (entry: Record<string, unknown>) => boolean): T[] => {
    const value = meta[name];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      report(`meta.${name} is not a list`);
      return [];
    }
    return value.filter((entry, i) => {
      const ok = isRecord(entry) && isString(entry.id) && valid(entry);
      if (!ok) report(`meta.${name}[${i}] is not valid: ${JSON.stringify(entry)}`);
      return ok;
    }) as T[];
  };
  const attributes = list<AttributeAnnotation>('attributes', (a) => isString(a.name) && isString(a.target) && (a.value === undefined || isString(a.value))).map((a) =>
    a.value === undefined ? { id: a.id, name: a.name, target: a.target } : { id: a.id, name: a.name, target: a.target, value: a.value },
  );
  const relations = list<RelationAnnotation>('relations', (r) => isString(r.type) && isString(r.arg1) && isString(r.arg2)).map((r) => ({ id: r.id, type: r.type, arg1: r.arg1, arg2: r.arg2 }));
  const notes = list<NoteAnnotation>('notes', (n) => isString(n.type) && isString(n.target) && isString(n.text)).map((n) => ({ id: n.id, type: n.type, target: n.target, text: n.text }));
  const ids = [...textBound, ...attributes, ...relations, ...notes].map((a) => a.id);
  return { text, set: { ...emptyAnnotationSet(), textBound, attributes, relations, notes, problems, highestIds: highestIdsOf(ids) } };
}
