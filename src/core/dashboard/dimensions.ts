/**
 * What the outcomes dashboard groups letters and items by: each dimension reads one fact of the
 * model (a header field, an item's drugs, the guidelines its decision cites, its name) and gives the
 * keys an item or a letter counts under. Pure functions of the letter.
 */

import { entitiesIn } from '../parse';
import type { Item, Letter } from '../model';
import { decisionDates } from '../views/deadlines';

/** A key of a dimension and how it is shown. */
export interface DimensionKey {
  readonly key: string;
  readonly label: string;
}

/** The dimensions of the dashboard, in the order it shows them. */
export const DIMENSIONS = ['category', 'drugClass', 'guideline', 'chapter', 'specialty', 'licensure', 'month', 'priority', 'days', 'age', 'sex', 'drug', 'request'] as const;
export type DimensionId = (typeof DIMENSIONS)[number];

/** Dimensions read from the letter (its header, its reviewer, its claimant): every item of the letter counts under the letter's keys. */
export const LETTER_DIMENSIONS: ReadonlySet<DimensionId> = new Set<DimensionId>(['specialty', 'licensure', 'month', 'priority', 'days', 'age', 'sex']);

/** Open-ended dimensions, shown as top lists. */
export const TOP_DIMENSIONS: ReadonlySet<DimensionId> = new Set<DimensionId>(['chapter', 'specialty', 'licensure', 'drug', 'request']);

/** Whitespace collapsed, for labels. */
function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A key compared without case and spacing, shown as first written. */
function keyOf(text: string): DimensionKey | undefined {
  const label = tidy(text);
  return label ? { key: label.toLowerCase(), label } : undefined;
}

/** Each of `keys` once, in order. */
function unique(keys: ReadonlyArray<DimensionKey | undefined>): DimensionKey[] {
  const seen = new Map<string, DimensionKey>();
  for (const key of keys) if (key && !seen.has(key.key)) seen.set(key.key, key);
  return [...seen.values()];
}

/** `2016-12` for a decision date of 9 December 2016. */
export function decisionMonth(letter: Letter): DimensionKey | undefined {
  const iso = letter.header.find((f) => f.name === 'decisionDate')?.iso;
  return iso ? { key: iso.slice(0, 7), label: iso.slice(0, 7) } : undefined;
}

/** The priority as written (`Standard`, `Expedited`), compared without case. */
export function priorityOf(letter: Letter): DimensionKey | undefined {
  const text = letter.header.find((f) => f.name === 'priority')?.value.text;
  return text === undefined ? undefined : keyOf(text);
}

/** The reviewer's certifications and specialties, as the credentials state them. */
export function reviewerSpecialties(letter: Letter): DimensionKey[] {
  return unique(letter.reviewer.specialties.map((s) => keyOf(s.text)));
}

/** The reviewer's states of licensure. */
export function reviewerStates(letter: Letter): DimensionKey[] {
  return unique(letter.reviewer.states.map((s) => keyOf(s.text)));
}

/** The bins of the claimant's stated age. */
export const AGE_BINS: ReadonlyArray<{ readonly key: string; readonly max: number }> = [
  { key: 'under 30', max: 29 },
  { key: '30–39', max: 39 },
  { key: '40–49', max: 49 },
  { key: '50–59', max: 59 },
  { key: '60 and over', max: Infinity },
];

/** The claimant's age band, when the summary states the age. */
export function claimantAge(letter: Letter): DimensionKey | undefined {
  const years = letter.claimant.age?.years;
  if (years === undefined) return undefined;
  const bin = AGE_BINS.find((b) => years <= b.max)!;
  return { key: bin.key, label: bin.key };
}

/** The claimant's sex, when the summary states it. */
export function claimantSex(letter: Letter): DimensionKey | undefined {
  const sex = letter.claimant.sex?.sex;
  return sex ? { key: sex, label: sex } : undefined;
}

/**
 * Whole days from the application's receipt to the decision, and the review's deadline (30 days; 3
 * for expedited review, Labor Code 4610.6(d)): the Decision Date hover's figures (`decisionDates`).
 * None when a date is missing or the decision is dated before the application.
 */
export function daysToDecision(letter: Letter): { days: number; deadline: number } | undefined {
  const dates = decisionDates(letter);
  return dates.daysToDecision === undefined ? undefined : { days: dates.daysToDecision, deadline: dates.reviewDays };
}

/** The bins of the days-to-decision chart: upper bounds (inclusive) and labels. The 3- and 30-day deadlines are bin edges. */
export const DAY_BINS: ReadonlyArray<{ readonly key: string; readonly max: number }> = [
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

/** The bin of a number of days. */
export function dayBin(days: number): DimensionKey {
  const bin = DAY_BINS.find((b) => days <= b.max)!;
  return { key: bin.key, label: bin.key };
}

/** An item's drug class (its drugs' class; `compound` when they differ): the letter's facts (`Item.drugClass`). */
export function drugClassOf(item: Item): DimensionKey | undefined {
  return item.drugClass ? { key: item.drugClass, label: item.drugClass } : undefined;
}

/** An item's drugs by generic name, each once. */
export function drugsOf(item: Item): DimensionKey[] {
  const seen = new Map<string, DimensionKey>();
  for (const drug of item.fields.drugs) if (!seen.has(drug.generic)) seen.set(drug.generic, { key: drug.generic, label: drug.generic });
  return [...seen.values()];
}

/** Entity kinds that say how much or how often, not what: left out of a request's name. */
const AMOUNT_KINDS = new Set(['strength', 'quantity', 'frequency', 'duration', 'refills', 'sessions', 'timeQualifier', 'date']);

/** `text` without dashes, dots and spaces at its ends (by a loop: a regex anchored at the end would backtrack on long runs). */
function trimSeparators(text: string): string {
  const separator = (c: string | undefined): boolean => c === '-' || c === '.' || c === ' ';
  let from = 0;
  let to = text.length;
  while (from < to && separator(text[from])) from++;
  while (to > from && separator(text[to - 1])) to--;
  return text.slice(from, to);
}

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
  const label = trimSeparators(tidy(name.replace(/\s(?:x|#|X)(?=\s|$)/g, ' ').replace(/[#()[\],;:]+/g, ' ')));
  return label ? { key: label.toLowerCase(), label } : undefined;
}

/** The sources (MTUS, ACOEM, ODG, other) of the guidelines an item's decision relied on (`Item.guidelines`). */
export function guidelineSources(item: Item): DimensionKey[] {
  return unique(item.guidelines.map((g) => ({ key: g.source.toLowerCase(), label: g.source === 'other' ? 'Other' : g.source })));
}

/** The guideline chapters an item's decision relied on, with their source (`MTUS: Low Back Complaints`). */
export function guidelineChapters(item: Item): DimensionKey[] {
  return unique(item.guidelines.map((g) => (g.chapter ? keyOf(`${g.source === 'other' ? 'Other' : g.source}: ${g.chapter}`) : undefined)));
}

/** The request's category (drug, imaging, therapy, injection, surgery, equipment, office visit, lab, other): `Item.category`. */
export function requestCategory(item: Item): DimensionKey {
  return { key: item.category, label: item.category };
}
