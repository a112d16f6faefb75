/**
 * Where two annotations of the same letter differ, span by span: what "Compare Annotations With..."
 * shows. Spans pair as agree() pairs them (annotations/agree.ts counts them): the same label on the
 * same fragments first, then the same label on overlapping fragments (a boundary difference); what
 * is left may be the same fragments under another label; anything else is in one set only. Paired
 * spans may still differ in their Outcome.
 */

import { OUTCOME_ATTRIBUTE } from './annotations/labels';
import type { AnnotationSet, TextBoundAnnotation } from './annotations/types';
import { inTextOrder, spanStart } from './annotationQueries';

export type AnnotationDifference =
  /** A span only the first set has. */
  | { readonly kind: 'onlyA'; readonly a: TextBoundAnnotation }
  /** A span only the second set has. */
  | { readonly kind: 'onlyB'; readonly b: TextBoundAnnotation }
  /** The same characters under different labels. */
  | { readonly kind: 'label'; readonly a: TextBoundAnnotation; readonly b: TextBoundAnnotation }
  /** The same label on overlapping but different characters. */
  | { readonly kind: 'boundary'; readonly a: TextBoundAnnotation; readonly b: TextBoundAnnotation }
  /** Paired spans whose Outcome differs (undefined: not set). */
  | { readonly kind: 'outcome'; readonly a: TextBoundAnnotation; readonly b: TextBoundAnnotation; readonly outcomeA?: string; readonly outcomeB?: string };

const fragmentsKey = (t: TextBoundAnnotation): string => t.fragments.map((f) => `${f.start}-${f.end}`).join(';');
const overlaps = (x: TextBoundAnnotation, y: TextBoundAnnotation): boolean => x.fragments.some((f) => y.fragments.some((g) => f.start < g.end && g.start < f.end));

function outcomeOf(set: AnnotationSet, id: string): string | undefined {
  return set.attributes.find((a) => a.target === id && a.name === OUTCOME_ATTRIBUTE)?.value;
}

/** The differences between two annotation sets of one text, in text order. */
export function annotationDifferences(a: AnnotationSet, b: AnnotationSet): AnnotationDifference[] {
  const leftA = inTextOrder(a.textBound);
  const leftB = inTextOrder(b.textBound);
  const pairs: Array<[TextBoundAnnotation, TextBoundAnnotation, 'same' | 'boundary' | 'label']> = [];
  const pair = (kind: 'same' | 'boundary' | 'label', fits: (x: TextBoundAnnotation, y: TextBoundAnnotation) => boolean): void => {
    for (let i = 0; i < leftA.length; ) {
      const x = leftA[i]!;
      const j = leftB.findIndex((y) => fits(x, y));
      if (j < 0) {
        i++;
        continue;
      }
      pairs.push([x, leftB[j]!, kind]);
      leftA.splice(i, 1);
      leftB.splice(j, 1);
    }
  };
  pair('same', (x, y) => x.label === y.label && fragmentsKey(x) === fragmentsKey(y));
  pair('boundary', (x, y) => x.label === y.label && overlaps(x, y));
  pair('label', (x, y) => fragmentsKey(x) === fragmentsKey(y));

  const differences: AnnotationDifference[] = [];
  for (const [x, y, kind] of pairs) {
    if (kind === 'label') differences.push({ kind, a: x, b: y });
    else if (kind === 'boundary') differences.push({ kind, a: x, b: y });
    const outcomeA = outcomeOf(a, x.id);
    const outcomeB = outcomeOf(b, y.id);
    if (outcomeA !== outcomeB) differences.push({ kind: 'outcome', a: x, b: y, ...(outcomeA !== undefined ? { outcomeA } : {}), ...(outcomeB !== undefined ? { outcomeB } : {}) });
  }
  for (const x of leftA) differences.push({ kind: 'onlyA', a: x });
  for (const y of leftB) differences.push({ kind: 'onlyB', b: y });
  const where = (d: AnnotationDifference): number => spanStart('a' in d ? d.a : d.b);
  return differences.sort((d, e) => where(d) - where(e));
}
