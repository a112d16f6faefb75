/**
 * Pure edits of an annotation set, what the editor does when a person annotates: each returns a new
 * set and leaves the given one as it was. New ids are never ids used before in the session.
 */

import type { Range } from '../model';
import { fragmentText, normalizeFragments } from './fragments';
import { idNumber } from './standoff';
import { ANNOTATOR_NOTES, type AnnotationSet, type Dismissal, type TextBoundAnnotation } from './types';

/** Replace `[start, end)` of the letter by `text` (UTF-16 offsets), as an editor reports a change. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A new id with `prefix` (`T`, `A`, `R`, `#`): one above any the set has held. */
export function nextId(set: AnnotationSet, prefix: string): string {
  let highest = set.highestIds[prefix] ?? 0;
  const all = [...set.textBound, ...set.attributes, ...set.relations, ...set.notes, ...set.dismissals];
  for (const a of all) if (a.id.startsWith(prefix) && /^\d+$/.test(a.id.slice(prefix.length))) highest = Math.max(highest, idNumber(a.id));
  return `${prefix}${highest + 1}`;
}

const withId = (set: AnnotationSet, id: string, prefix: string): Readonly<Record<string, number>> => ({
  ...set.highestIds,
  [prefix]: Math.max(set.highestIds[prefix] ?? 0, idNumber(id)),
});

/**
 * Adds a span with `label`. The fragments are normalised first (sorted, merged, split at line breaks,
 * never between the halves of a surrogate pair); undefined when nothing but line breaks is selected.
 */
export function addAnnotation(set: AnnotationSet, letterText: string, label: string, fragments: readonly Range[]): { set: AnnotationSet; id: string } | undefined {
  const normal = normalizeFragments(letterText, fragments);
  if (normal.length === 0) return undefined;
  const id = nextId(set, 'T');
  const annotation: TextBoundAnnotation = { id, label, fragments: normal, text: fragmentText(letterText, normal) };
  return { set: { ...set, textBound: [...set.textBound, annotation], highestIds: withId(set, id, 'T') }, id };
}

/** Gives the span `id` another label. */
export function relabel(set: AnnotationSet, id: string, label: string): AnnotationSet {
  return { ...set, textBound: set.textBound.map((t) => (t.id === id ? { ...t, label } : t)) };
}

/**
 * Removes the annotation `id` (a span, relation, attribute, note or dismissal) and what depends on
 * it: a span's attributes, relations and notes; a relation's attributes and notes.
 */
export function removeAnnotation(set: AnnotationSet, id: string): AnnotationSet {
  const gone = new Set([id]);
  for (const r of set.relations) if (r.arg1 === id || r.arg2 === id) gone.add(r.id);
  return {
    ...set,
    textBound: set.textBound.filter((t) => !gone.has(t.id)),
    relations: set.relations.filter((r) => !gone.has(r.id)),
    attributes: set.attributes.filter((a) => !gone.has(a.id) && !gone.has(a.target)),
    notes: set.notes.filter((n) => !gone.has(n.id) && !gone.has(n.target)),
    dismissals: set.dismissals.filter((d) => !gone.has(d.id)),
  };
}

/** Sets the AnnotatorNotes of `target` to `text`; an empty text removes them. */
export function setNote(set: AnnotationSet, target: string, text: string): AnnotationSet {
  const existing = set.notes.find((n) => n.target === target && n.type === ANNOTATOR_NOTES);
  const others = set.notes.filter((n) => !(n.target === target && n.type === ANNOTATOR_NOTES));
  const clean = text.replace(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/g, ' ');
  if (clean.trim() === '') return { ...set, notes: others };
  if (existing) return { ...set, notes: set.notes.map((n) => (n === existing ? { ...n, text: clean } : n)) };
  const id = nextId(set, '#');
  return { ...set, notes: [...set.notes, { id, type: ANNOTATOR_NOTES, target, text: clean }], highestIds: withId(set, id, '#') };
}

/**
 * Sets attribute `name` of `target`: a string value (`Upheld`), `true` for a flag, `undefined` to
 * remove it.
 */
export function setAttribute(set: AnnotationSet, target: string, name: string, value: string | true | undefined): AnnotationSet {
  const existing = set.attributes.find((a) => a.target === target && a.name === name);
  if (value === undefined) return existing ? { ...set, attributes: set.attributes.filter((a) => a !== existing) } : set;
  const fields = value === true ? { name, target } : { name, target, value };
  if (existing) return { ...set, attributes: set.attributes.map((a) => (a === existing ? { id: a.id, ...fields } : a)) };
  const id = nextId(set, 'A');
  return { ...set, attributes: [...set.attributes, { id, ...fields }], highestIds: withId(set, id, 'A') };
}

/** Relates two annotations (`Strength-Drug`, Arg1 the strength, Arg2 the drug). */
export function addRelation(set: AnnotationSet, type: string, arg1: string, arg2: string): { set: AnnotationSet; id: string } {
  const id = nextId(set, 'R');
  return { set: { ...set, relations: [...set.relations, { id, type, arg1, arg2 }], highestIds: withId(set, id, 'R') }, id };
}

/** Records that the suggestion of `label` on `fragments` was dismissed (once: a second time changes nothing). */
export function dismiss(set: AnnotationSet, letterText: string, label: string, fragments: readonly Range[]): AnnotationSet {
  const normal = normalizeFragments(letterText, fragments);
  const key = spanKey(label, normal);
  if (normal.length === 0 || set.dismissals.some((d) => spanKey(d.label, d.fragments) === key)) return set;
  const id = nextId(set, '#');
  const dismissal: Dismissal = { id, label, fragments: normal, text: fragmentText(letterText, normal) };
  return { ...set, dismissals: [...set.dismissals, dismissal], highestIds: withId(set, id, '#') };
}

/** Accepts the letter's current text under the span `id` as its text (after the letter was edited). */
export function confirmText(set: AnnotationSet, id: string, letterText: string): AnnotationSet {
  return { ...set, textBound: set.textBound.map((t) => (t.id === id ? { ...t, text: fragmentText(letterText, t.fragments) } : t)) };
}

/** A key naming a label on a span: `Drug 120-125` (UTF-16 offsets), the same for the same span and label. */
export function spanKey(label: string, fragments: readonly Range[]): string {
  return `${label} ${fragments.map((f) => `${f.start}-${f.end}`).join(';')}`;
}

/** The spans whose text differs from the letter's at their offsets (edited under them, or read so). */
export function changedSpans(set: AnnotationSet, letterText: string): TextBoundAnnotation[] {
  return set.textBound.filter((t) => t.text !== fragmentText(letterText, t.fragments));
}

/** Where `offset` goes under one change; `side` says whether it starts or ends a span. */
function movePosition(offset: number, change: TextChange, side: 'start' | 'end'): number {
  const delta = change.text.length - (change.end - change.start);
  if (offset < change.start) return offset;
  if (offset > change.end) return offset + delta;
  // An insertion at a span's start is before the span; at its end, after it.
  if (change.start === change.end) return side === 'start' ? offset + delta : offset;
  // A replacement: an offset at its start stays, one at its end follows the new text, one inside it
  // goes to the edge that keeps the new text in the span.
  if (offset === change.start) return offset;
  if (offset === change.end) return offset + delta;
  return side === 'start' ? change.start : change.start + change.text.length;
}

/**
 * Moves the spans (and dismissals) with edits of the letter. The changes apply one after another,
 * each in the offsets of the text the previous ones left (VS Code's contentChanges of one event
 * come so, last position first). Spans before an edit stay, spans after it shift, a span with the
 * edit inside or overlapping it is resized to cover the new text and reported in `changed`: its
 * recorded text is kept, so it shows (and `readStandoff` reports) that the letter changed under it,
 * until confirmText or an edit brings the texts together again. A fragment whose text was all
 * deleted goes; a span whose fragments all went keeps one empty fragment where it was.
 */
export function moveAnnotations(set: AnnotationSet, changes: readonly TextChange[]): { set: AnnotationSet; changed: string[] } {
  if (changes.length === 0) return { set, changed: [] };
  const changed = new Set<string>();
  const move = (id: string, fragments: readonly Range[], report: boolean): Range[] => {
    let current: Range[] = [...fragments];
    for (const change of changes) {
      const next: Range[] = [];
      for (const f of current) {
        if (report && change.start < f.end && change.end > f.start) changed.add(id);
        next.push({ start: movePosition(f.start, change, 'start'), end: movePosition(f.end, change, 'end') });
      }
      const kept = next.filter((f) => f.end > f.start);
      current = kept.length > 0 || next.length === 0 ? kept : [{ start: next[0]!.start, end: next[0]!.start }];
    }
    return current;
  };
  const textBound = set.textBound.map((t) => {
    const fragments = move(t.id, t.fragments, true);
    return sameFragments(fragments, t.fragments) ? t : { ...t, fragments };
  });
  const dismissals = set.dismissals.map((d) => {
    const fragments = move(d.id, d.fragments, false);
    return sameFragments(fragments, d.fragments) ? d : { ...d, fragments };
  });
  return { set: { ...set, textBound, dismissals }, changed: [...changed] };
}

function sameFragments(a: readonly Range[], b: readonly Range[]): boolean {
  return a.length === b.length && a.every((f, i) => f.start === b[i]!.start && f.end === b[i]!.end);
}
