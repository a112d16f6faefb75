/**
 * Questions the editor asks of a letter's kept annotations: which spans are under the cursor, which
 * comes next, what a span carries (attributes, note), how many of each label. Plain reads of an
 * AnnotationSet (annotations/types.ts), in UTF-16 offsets.
 */

import type { Range } from './model';
import { ANNOTATOR_NOTES, type AnnotationSet, type AttributeAnnotation, type TextBoundAnnotation } from './annotations/types';
import { stepTo } from './views/items';

/** Where a span starts: its first fragment's start (fragments are in text order). */
export function spanStart(annotation: TextBoundAnnotation): number {
  return annotation.fragments.reduce((least, f) => Math.min(least, f.start), Number.POSITIVE_INFINITY);
}

/** Where a span ends: its last fragment's end. */
export function spanEnd(annotation: TextBoundAnnotation): number {
  return annotation.fragments.reduce((most, f) => Math.max(most, f.end), 0);
}

/** From the span's start to its end (over any gap between its fragments). */
export function spanRange(annotation: TextBoundAnnotation): Range {
  return { start: spanStart(annotation), end: spanEnd(annotation) };
}

/** The spans in text order: by start, the longer first, then by id. */
export function inTextOrder(annotations: readonly TextBoundAnnotation[]): TextBoundAnnotation[] {
  return [...annotations].sort((a, b) => spanStart(a) - spanStart(b) || spanEnd(b) - spanEnd(a) || a.id.localeCompare(b.id, 'en', { numeric: true }));
}

/**
 * The spans with a fragment that holds `offset` (its end included: the cursor just after a word is
 * on it), or that meets `[offset, end)` when a range is given; the innermost (shortest) first.
 */
export function annotationsAt(set: AnnotationSet, offset: number, end = offset): TextBoundAnnotation[] {
  const length = (a: TextBoundAnnotation): number => a.fragments.reduce((sum, f) => sum + f.end - f.start, 0);
  return set.textBound
    .filter((a) => a.fragments.some((f) => (end > offset ? f.start < end && offset < f.end : f.start <= offset && offset <= f.end)))
    .sort((a, b) => length(a) - length(b) || spanStart(a) - spanStart(b) || a.id.localeCompare(b.id, 'en', { numeric: true }));
}

/**
 * The span to move to from the selection `[from, to)`: in text order, the one after (or before) the
 * span the selection is exactly on, else the first starting after the cursor (the last before it),
 * wrapping around at the ends. Spans that start at the same place are visited one by one.
 */
export function stepAnnotation(set: AnnotationSet, from: number, to: number, direction: 'next' | 'previous'): { annotation: TextBoundAnnotation; wrapped: boolean } | undefined {
  const ordered = inTextOrder(set.textBound.filter((a) => a.fragments.length > 0));
  if (ordered.length === 0) return undefined;
  const on = ordered.findIndex((a) => spanStart(a) === from && (a.fragments[0]!.end === to || spanEnd(a) === to));
  if (on >= 0) {
    const index = on + (direction === 'next' ? 1 : -1);
    const wrapped = index < 0 || index >= ordered.length;
    return { annotation: ordered[(index + ordered.length) % ordered.length]!, wrapped };
  }
  const step = stepTo(ordered.map(spanStart), from, direction);
  return step && { annotation: ordered[step.index]!, wrapped: step.wrapped };
}

/** The attributes set on an annotation. */
export function attributesOf(set: AnnotationSet, id: string): AttributeAnnotation[] {
  return set.attributes.filter((a) => a.target === id);
}

/** The person's note (AnnotatorNotes) on an annotation, if any. */
export function noteOf(set: AnnotationSet, id: string): string | undefined {
  return set.notes.find((n) => n.target === id && n.type === ANNOTATOR_NOTES)?.text;
}

/** The spans by label, each list in text order; labels in the order of `order`, then by name. */
export function byLabel(annotations: readonly TextBoundAnnotation[], order: readonly string[] = []): Array<{ label: string; annotations: TextBoundAnnotation[] }> {
  const groups = new Map<string, TextBoundAnnotation[]>();
  for (const annotation of inTextOrder(annotations)) {
    const group = groups.get(annotation.label);
    if (group) group.push(annotation);
    else groups.set(annotation.label, [annotation]);
  }
  const rank = (label: string): number => {
    const index = order.indexOf(label);
    return index >= 0 ? index : order.length;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([label, list]) => ({ label, annotations: list }));
}
