/**
 * Agreement between two annotators (or an annotator and the analyzer): B scored against A, per label
 * and overall, on exact spans and on overlapping spans (the lenient match n2c2 2018 reported beside
 * the strict one), and Cohen's kappa on the outcomes of the items both marked.
 */

import type { Range } from '../model';
import { OUTCOME_ATTRIBUTE } from './labels';
import type { AnnotationSet, TextBoundAnnotation } from './types';

export interface Scores {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  /** tp / (tp + fp); 0 when B marked nothing. */
  readonly precision: number;
  /** tp / (tp + fn); 0 when A marked nothing. */
  readonly recall: number;
  /** The harmonic mean of precision and recall; 0 when both are 0. */
  readonly f1: number;
}

/** Exact-span scores, with the lenient (overlap) scores beside them. */
export interface LabelScores extends Scores {
  readonly lenient: Scores;
}

export interface OutcomeAgreement {
  /** Items (spans with an Outcome) that A and B both marked, matched by span (exact, else overlapping). */
  readonly pairs: number;
  readonly agreed: number;
  /** Observed agreement, agreed / pairs. */
  readonly observed: number;
  /** Agreement expected by chance from each annotator's outcome shares. */
  readonly expected: number;
  /** Cohen's kappa, (observed - expected) / (1 - expected); null when undefined (no pairs, or expected = 1). */
  readonly kappa: number | null;
  /** Counts by A's outcome, then B's. */
  readonly confusion: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Items with an outcome that only A, or only B, marked. */
  readonly onlyA: number;
  readonly onlyB: number;
}

export interface Agreement {
  readonly labels: Readonly<Record<string, LabelScores>>;
  /** Over all labels (micro-averaged: the counts summed). */
  readonly overall: LabelScores;
  readonly outcomes: OutcomeAgreement;
  readonly documents: { readonly compared: number };
}

/** One letter annotated twice. Both sets' offsets are into the same text. */
export interface AgreementDocument {
  readonly name: string;
  readonly a: AnnotationSet;
  readonly b: AnnotationSet;
}

/** Precision, recall and F1 of counts. */
export function scores(tp: number, fp: number, fn: number): Scores {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

const sameFragments = (a: readonly Range[], b: readonly Range[]): boolean => a.length === b.length && a.every((f, i) => f.start === b[i]!.start && f.end === b[i]!.end);
const overlaps = (a: readonly Range[], b: readonly Range[]): boolean => a.some((x) => b.some((y) => x.start < y.end && y.start < x.end));

/**
 * Pairs A's spans with B's, one to one: exact matches first, then (lenient) overlapping ones, each A
 * span taking the first unpaired B span in text order.
 */
function match(a: readonly TextBoundAnnotation[], b: readonly TextBoundAnnotation[], lenient: boolean): [TextBoundAnnotation, TextBoundAnnotation][] {
  const pairs: [TextBoundAnnotation, TextBoundAnnotation][] = [];
  const usedA = new Set<TextBoundAnnotation>();
  const usedB = new Set<TextBoundAnnotation>();
  const pass = (fits: (x: TextBoundAnnotation, y: TextBoundAnnotation) => boolean): void => {
    for (const x of a) {
      if (usedA.has(x)) continue;
      const y = b.find((candidate) => !usedB.has(candidate) && fits(x, candidate));
      if (!y) continue;
      usedA.add(x);
      usedB.add(y);
      pairs.push([x, y]);
    }
  };
  pass((x, y) => sameFragments(x.fragments, y.fragments));
  if (lenient) pass((x, y) => overlaps(x.fragments, y.fragments));
  return pairs;
}

const inTextOrder = (spans: readonly TextBoundAnnotation[]): TextBoundAnnotation[] =>
  [...spans].sort((x, y) => (x.fragments[0]?.start ?? 0) - (y.fragments[0]?.start ?? 0) || (x.fragments[0]?.end ?? 0) - (y.fragments[0]?.end ?? 0));

/** B's annotations scored against A's, over every document. */
export function agree(documents: readonly AgreementDocument[]): Agreement {
  const counts = new Map<string, { exact: [number, number, number]; lenient: [number, number, number] }>();
  const countsOf = (label: string) => {
    let c = counts.get(label);
    if (!c) counts.set(label, (c = { exact: [0, 0, 0], lenient: [0, 0, 0] }));
    return c;
  };
  const confusion: Record<string, Record<string, number>> = {};
  let onlyA = 0;
  let onlyB = 0;
  for (const { a, b } of documents) {
    const labels = new Set([...a.textBound, ...b.textBound].map((t) => t.label));
    for (const label of labels) {
      const ofA = inTextOrder(a.textBound.filter((t) => t.label === label));
      const ofB = inTextOrder(b.textBound.filter((t) => t.label === label));
      const c = countsOf(label);
      for (const [mode, lenient] of [['exact', false], ['lenient', true]] as const) {
        const tp = match(ofA, ofB, lenient).length;
        c[mode][0] += tp;
        c[mode][1] += ofB.length - tp;
        c[mode][2] += ofA.length - tp;
      }
    }
    // Outcomes: the spans that carry one, paired by span whatever their label.
    const outcomeOf = (set: AnnotationSet) => {
      const values = new Map<string, string>();
      for (const attribute of set.attributes) if (attribute.name === OUTCOME_ATTRIBUTE && attribute.value !== undefined) values.set(attribute.target, attribute.value);
      return { spans: inTextOrder(set.textBound.filter((t) => values.has(t.id))), values };
    };
    const outA = outcomeOf(a);
    const outB = outcomeOf(b);
    const pairs = match(outA.spans, outB.spans, true);
    for (const [x, y] of pairs) {
      const va = outA.values.get(x.id)!;
      const vb = outB.values.get(y.id)!;
      (confusion[va] ??= {})[vb] = (confusion[va]?.[vb] ?? 0) + 1;
    }
    onlyA += outA.spans.length - pairs.length;
    onlyB += outB.spans.length - pairs.length;
  }

  const labels: Record<string, LabelScores> = {};
  const total = { exact: [0, 0, 0], lenient: [0, 0, 0] };
  for (const label of [...counts.keys()].sort()) {
    const c = counts.get(label)!;
    labels[label] = { ...scores(...c.exact), lenient: scores(...c.lenient) };
    for (const mode of ['exact', 'lenient'] as const) for (let i = 0; i < 3; i++) total[mode][i]! += c[mode][i]!;
  }
  return {
    labels,
    overall: { ...scores(total.exact[0]!, total.exact[1]!, total.exact[2]!), lenient: scores(total.lenient[0]!, total.lenient[1]!, total.lenient[2]!) },
    outcomes: kappa(confusion, onlyA, onlyB),
    documents: { compared: documents.length },
  };
}

/** Cohen's kappa from a confusion table (A's value, then B's). */
export function kappa(confusion: Readonly<Record<string, Readonly<Record<string, number>>>>, onlyA = 0, onlyB = 0): OutcomeAgreement {
  const values = [...new Set([...Object.keys(confusion), ...Object.values(confusion).flatMap((row) => Object.keys(row))])].sort();
  let pairs = 0;
  let agreed = 0;
  const rowTotal = new Map<string, number>();
  const columnTotal = new Map<string, number>();
  for (const va of values) {
    for (const vb of values) {
      const n = confusion[va]?.[vb] ?? 0;
      pairs += n;
      if (va === vb) agreed += n;
      rowTotal.set(va, (rowTotal.get(va) ?? 0) + n);
      columnTotal.set(vb, (columnTotal.get(vb) ?? 0) + n);
    }
  }
  const observed = pairs === 0 ? 0 : agreed / pairs;
  const expected = pairs === 0 ? 0 : values.reduce((sum, v) => sum + ((rowTotal.get(v) ?? 0) / pairs) * ((columnTotal.get(v) ?? 0) / pairs), 0);
  const full: Record<string, Record<string, number>> = {};
  for (const va of values) for (const vb of values) (full[va] ??= {})[vb] = confusion[va]?.[vb] ?? 0;
  return { pairs, agreed, observed, expected, kappa: pairs === 0 || expected === 1 ? null : (observed - expected) / (1 - expected), confusion: full, onlyA, onlyB };
}
