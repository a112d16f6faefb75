/**
 * The analyzer as a second annotator: where its annotations differ from the kept ones, a suggestion
 * to accept or dismiss. A dismissal is kept in the `.ann` (see types.ts, Dismissal) under the
 * suggestion's key, so it is not offered again.
 */

import type { Range } from '../model';
import { addAnnotation, dismiss, relabel, setAttribute, spanKey } from './edit';
import type { AnnotationSet, Dismissal } from './types';

export interface Suggestion {
  /** Stable for the same label on the same span: `Drug 120-125` (UTF-16 offsets); for an attribute `Request:Outcome=Upheld 300-318`. */
  readonly key: string;
  /**
   * `add`: the analyzer has a span the kept set lacks. `relabel`: a kept span on the same characters
   * has a label the analyzer does not give there. `attribute`: the analyzer gives a kept span of the
   * same label an attribute value it lacks (the Outcome of a Request).
   */
  readonly kind: 'add' | 'relabel' | 'attribute';
  /** The analyzer's label. */
  readonly label: string;
  readonly fragments: readonly Range[];
  readonly text: string;
  /** For `relabel` and `attribute`: the kept span. */
  readonly keptId?: string;
  /** For `relabel`: the kept span's label. */
  readonly keptLabel?: string;
  /** For `attribute`, and for `add` the attributes the analyzer gives the span (they come with it). */
  readonly attributes?: readonly { readonly name: string; readonly value?: string }[];
}

/** What a dismissed attribute suggestion is recorded as: `Request:Outcome=Upheld`. */
const attributeLabel = (label: string, attribute: { readonly name: string; readonly value?: string }): string => `${label}:${attribute.name}=${attribute.value ?? 'true'}`;

const fragmentsKey = (fragments: readonly Range[]): string => fragments.map((f) => `${f.start}-${f.end}`).join(';');

/**
 * What the analyzer's set (preAnnotate) has that the kept set does not, minus what was dismissed
 * (by default the kept set's own dismissals), in text order.
 */
export function suggestions(kept: AnnotationSet, analyzer: AnnotationSet, dismissed: readonly Dismissal[] = kept.dismissals): Suggestion[] {
  const dismissedKeys = new Set(dismissed.map((d) => spanKey(d.label, d.fragments)));
  const keptBySpan = new Map<string, { id: string; label: string }[]>();
  for (const t of kept.textBound) {
    const key = fragmentsKey(t.fragments);
    keptBySpan.set(key, [...(keptBySpan.get(key) ?? []), { id: t.id, label: t.label }]);
  }
  const analyzerLabels = new Map<string, Set<string>>();
  for (const t of analyzer.textBound) {
    const key = fragmentsKey(t.fragments);
    analyzerLabels.set(key, (analyzerLabels.get(key) ?? new Set()).add(t.label));
  }
  const attributesOf = (set: AnnotationSet, id: string): { name: string; value?: string }[] =>
    set.attributes.filter((a) => a.target === id).map((a) => (a.value === undefined ? { name: a.name } : { name: a.name, value: a.value }));
  const relabelled = new Set<string>();
  const out: Suggestion[] = [];
  for (const t of analyzer.textBound) {
    const span = fragmentsKey(t.fragments);
    const key = spanKey(t.label, t.fragments);
    const here = keptBySpan.get(span) ?? [];
    const same = here.find((k) => k.label === t.label);
    if (same) {
      // The same span and label: what the analyzer says about it that the kept one does not.
      const keptAttributes = attributesOf(kept, same.id);
      for (const attribute of attributesOf(analyzer, t.id)) {
        if (keptAttributes.some((a) => a.name === attribute.name && a.value === attribute.value)) continue;
        const attributeKey = spanKey(attributeLabel(t.label, attribute), t.fragments);
        if (dismissedKeys.has(attributeKey)) continue;
        out.push({ key: attributeKey, kind: 'attribute', label: t.label, fragments: t.fragments, text: t.text, keptId: same.id, attributes: [attribute] });
      }
      continue;
    }
    if (dismissedKeys.has(key)) continue;
    const labels = analyzerLabels.get(span)!;
    const other = here.find((k) => !labels.has(k.label) && !relabelled.has(k.id));
    if (other) {
      relabelled.add(other.id);
      out.push({ key, kind: 'relabel', label: t.label, fragments: t.fragments, text: t.text, keptId: other.id, keptLabel: other.label });
    } else {
      const attributes = attributesOf(analyzer, t.id);
      out.push({ key, kind: 'add', label: t.label, fragments: t.fragments, text: t.text, ...(attributes.length > 0 ? { attributes } : {}) });
    }
  }
  return out.sort((a, b) => a.fragments[0]!.start - b.fragments[0]!.start);
}

/** The kept set with a suggestion accepted: the span added (with its attributes), relabelled, or its attribute set. */
export function acceptSuggestion(kept: AnnotationSet, letterText: string, suggestion: Suggestion): AnnotationSet {
  switch (suggestion.kind) {
    case 'relabel':
      return relabel(kept, suggestion.keptId!, suggestion.label);
    case 'attribute': {
      let set = kept;
      for (const a of suggestion.attributes ?? []) set = setAttribute(set, suggestion.keptId!, a.name, a.value ?? true);
      return set;
    }
    case 'add': {
      const added = addAnnotation(kept, letterText, suggestion.label, suggestion.fragments);
      if (!added) return kept;
      let set = added.set;
      for (const a of suggestion.attributes ?? []) set = setAttribute(set, added.id, a.name, a.value ?? true);
      return set;
    }
  }
}

/** The kept set with a suggestion dismissed, so suggestions() does not offer it again. */
export function dismissSuggestion(kept: AnnotationSet, letterText: string, suggestion: Suggestion): AnnotationSet {
  const attribute = suggestion.kind === 'attribute' ? suggestion.attributes?.[0] : undefined;
  return dismiss(kept, letterText, attribute ? attributeLabel(suggestion.label, attribute) : suggestion.label, suggestion.fragments);
}
