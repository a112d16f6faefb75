/**
 * What the outcomes dashboard groups letters and items by: each dimension reads one fact of the
 * model (a header field, an item's drugs, the guidelines its decision cites, its name) and gives the
 * keys an item or a letter counts under. Pure functions of the letter.
 */

import { entitiesIn } from '../parse';
import type { GuidelineEntity, Item, Letter } from '../model';

/** A key of a dimension and how it is shown. */
export interface DimensionKey {
  readonly key: string;
  readonly label: string;
}

/** The dimensions of the dashboard, in the order it shows them. */
export const DIMENSIONS = ['category', 'drugClass', 'guideline', 'specialty', 'month', 'priority', 'days', 'drug', 'request'] as const;
export type DimensionId = (typeof DIMENSIONS)[number];

/** Dimensions read from the letter (its header, its reviewer): every item of the letter counts under the letter's keys. */
export const LETTER_DIMENSIONS: ReadonlySet<DimensionId> = new Set<DimensionId>(['specialty', 'month', 'priority', 'days']);

function headerValue(letter: Letter, name: 'priority' | 'decisionDate' | 'applicationReceived'): { text: string; iso?: string } | undefined {
  const field = letter.header.find((f) => f.name === name);
  return field ? { text: field.value.text, ...(field.iso ? { iso: field.iso } : {}) } : undefined;
}

/** Whitespace collapsed, for labels. */
function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `2016-12` for a decision date of 9 December 2016. */
export function decisionMonth(letter: Letter): DimensionKey | undefined {
  const iso = headerValue(letter, 'decisionDate')?.iso;
  return iso ? { key: iso.slice(0, 7), label: iso.slice(0, 7) } : undefined;
}

/** The priority as written (`Standard`, `Expedited`), compared without case. */
export function priorityOf(letter: Letter): DimensionKey | undefined {
  const text = headerValue(letter, 'priority')?.text;
  const label = text === undefined ? '' : tidy(text);
  return label ? { key: label.toLowerCase(), label } : undefined;
}

/** Is the review expedited (3 days to decide, Labor Code 4610.6(d)) rather than standard (30 days)? */
export function isExpedited(letter: Letter): boolean {
  return /expedit|urgent/i.test(headerValue(letter, 'priority')?.text ?? '');
}

/** The review's deadline in days: 3 for expedited review, 30 otherwise (Labor Code 4610.6(d)). */
export function deadlineDays(letter: Letter): number {
  return isExpedited(letter) ? 3 : 30;
}

const DAY_MS = 86_400_000;

/** Whole days from the application's receipt to the decision, when both dates are real dates. */
export function daysToDecision(letter: Letter): number | undefined {
  const received = headerValue(letter, 'applicationReceived')?.iso;
  const decided = headerValue(letter, 'decisionDate')?.iso;
  if (!received || !decided) return undefined;
  return Math.round((Date.parse(`${decided}T00:00:00Z`) - Date.parse(`${received}T00:00:00Z`)) / DAY_MS);
}

/** The bins of the days-to-decision chart: upper bounds (inclusive) and labels. The 3- and 30-day deadlines are bin edges. */
export const DAY_BINS: ReadonlyArray<{ readonly key: string; readonly max: number }> = [
  { key: '<0', max: -1 },
  { key: '0–3', max: 3 },
  { key: '4–7', max: 7 },
  { key: '8–14', max: 14 },
  { key: '15–21', max: 21 },
  { key: '22–30', max: 30 },
  { key: '31–45', max: 45 },
  { key: '46–60', max: 60 },
  { key: '61–90', max: 90 },
  { key: '>90', max: Infinity },
];

/** The bin of a number of days (`<0`: a decision dated before the application, a mistake of the letter or its reading). */
export function dayBin(days: number): DimensionKey {
  const bin = DAY_BINS.find((b) => days <= b.max)!;
  return { key: bin.key, label: bin.key };
}

/** The drug classes of an item's drugs (a combination counts under its own class), each once. */
export function drugClasses(item: Item): DimensionKey[] {
  const seen = new Map<string, DimensionKey>();
  for (const drug of item.fields.drugs) if (!seen.has(drug.class)) seen.set(drug.class, { key: drug.class, label: drug.class });
  return [...seen.values()];
}

/** An item's drugs by generic name, each once. */
export function drugsOf(item: Item): DimensionKey[] {
  const seen = new Map<string, DimensionKey>();
  for (const drug of item.fields.drugs) if (!seen.has(drug.generic)) seen.set(drug.generic, { key: drug.generic, label: drug.generic });
  return [...seen.values()];
}

/** Entity kinds that say how much or how often, not what: left out of a request's name. */
const AMOUNT_KINDS = new Set(['strength', 'quantity', 'frequency', 'duration', 'refills', 'sessions', 'timeQualifier', 'date']);

/**
 * What was requested, without its amounts: `Norco 10/325 mg #60` and `Norco 10/325mg #90` are both
 * `Norco`, `Physical therapy 2 x 6 sessions` is `Physical therapy`. Compared without case.
 */
export function requestOf(letter: Letter, item: Item): DimensionKey | undefined {
  const { start, end, text } = item.name;
  // The name's text is normalised (wrapped lines joined), so amounts are cut from the original and the result tidied.
  const amounts = entitiesIn(letter.entities, start, end).filter((e) => AMOUNT_KINDS.has(e.kind));
  let name: string;
  if (amounts.length === 0) {
    name = text;
  } else {
    let kept = '';
    let at = start;
    for (const entity of amounts) {
      if (entity.start > at) kept += letter.text.slice(at, entity.start);
      at = Math.max(at, entity.end);
    }
    name = kept + letter.text.slice(at, end);
  }
  // Left-over separators: `#`, `x`, brackets and commas around removed amounts.
  const label = tidy(name.replace(/[-\s]+\n/g, '').replace(/\s(?:x|#|X)(?=\s|$)/g, ' ').replace(/[#()[\],;:]+/g, ' ')).replace(/^[-.\s]+|[-.\s]+$/g, '');
  return label ? { key: label.toLowerCase(), label } : undefined;
}

/**
 * The guideline sources an item's decision relied on: the families (MTUS, ACOEM, ODG, other) of the
 * guidelines cited in its MAXIMUS guideline block, else in its rationale.
 */
export function guidelineSources(letter: Letter, item: Item): DimensionKey[] {
  const block = item.maximusGuideline ?? item.rationale;
  if (!block) return [];
  const seen = new Map<string, DimensionKey>();
  for (const entity of entitiesIn(letter.entities, block.range.start, block.range.end)) {
    if (entity.kind !== 'guideline') continue;
    const family = (entity as GuidelineEntity).family;
    const label = family === 'Non-MTUS' || family === 'none' ? 'Other' : family;
    if (!seen.has(label)) seen.set(label, { key: label.toLowerCase(), label });
  }
  return [...seen.values()];
}

/**
 * The request's category: the drug class for a drug, else what the item's name says it is.
 * (Items of drugs count as `drug`; their classes are a dimension of their own.)
 */
export function requestCategories(item: Item): DimensionKey[] {
  return item.fields.drugs.length > 0 ? [{ key: 'drug', label: 'drug' }] : [];
}

/** The reviewer's specialties, as the credentials state them. */
export function reviewerSpecialties(_letter: Letter): DimensionKey[] {
  return [];
}
