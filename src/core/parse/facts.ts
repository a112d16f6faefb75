/**
 * What a letter states about the people in it: the expert reviewer's licensure and specialties
 * (the credentials block) and the claimant's age and sex (the clinical case summary). Each fact is
 * a span of the text as written, read where the letters state it and nowhere else: a letter that
 * does not state one has none (no guess from pronouns).
 *
 * The letters give the reviewer in one of two forms:
 * - `State(s) of Licensure: California, Arizona` / `Certification(s)/Specialty: Physical Medicine &
 *   Rehabilitation, Pain Management` (a value may wrap onto the next line);
 * - `The expert reviewer is Board Certified in Occupational Medicine and is licensed to practice in
 *   California.` inside "How the IMR final determination was made".
 * The claimant: `The injured worker is a 48 year old male`, `a now 58-year-old female`, `The 35
 * year old male injured worker`.
 */

import type { Claimant, Range, Reviewer, Section, Sex, StatedAge, StatedSex, TextBlock } from '../model';
import { isTextSpace } from '../chars';
import { textBlock } from './lines';

/** How far into a letter without a clinical summary heading the reviewer is looked for. */
const CREDENTIALS_WINDOW = 8000;
/** How far into the clinical case summary the claimant's age is looked for: it opens the summary. */
const SUMMARY_WINDOW = 1500;
/** The longest value a label or sentence is read for. */
const MAX_VALUE = 300;

const LICENSURE_LABEL = /State\(s\)\s*of\s+Licensure\s*:(?:\s*\*\*|\s*<\/b>)?/i;
const SPECIALTY_LABEL = /Certification\(s\)\s*\/\s*Specialt(?:y|ies)\s*:(?:\s*\*\*|\s*<\/b>)?/i;
const BOARD_CERTIFIED = /\bBoard[\s-]+Certified\s+in\s+/i;
const LICENSED_IN = /\blicensed\s+to\s+practice\s+in\s+(?:the\s+states?\s+of\s+)?/i;
/** What ends `Board Certified in X`: `and is licensed`, or the end of the sentence. */
const BOARD_END = /\s+and\s+is\s+licensed\b|\.(?=\s|$)/i;
const SENTENCE_END = /\.(?=\s|$)/;

/** The expert reviewer's states of licensure and specialties, from the text before the clinical case summary. */
export function parseReviewer(text: string, sections: readonly Section[]): Reviewer {
  const stop = sections.find((s) => s.kind === 'clinicalSummary' || s.kind === 'issues');
  const end = stop ? stop.range.start : Math.min(text.length, CREDENTIALS_WINDOW);
  const region = text.slice(0, end);

  const licensure = LICENSURE_LABEL.exec(region);
  const specialty = SPECIALTY_LABEL.exec(region);
  if (licensure || specialty) {
    const labels = [licensure, specialty].filter((m): m is RegExpExecArray => m !== null).map((m) => m.index);
    const valueOf = (match: RegExpExecArray | null): { start: number; end: number } | undefined => {
      if (!match) return undefined;
      const start = match.index + match[0].length;
      const next = Math.min(end, ...labels.filter((at) => at > match.index));
      return { start, end: labelValueEnd(text, start, next) };
    };
    return reviewerOf(text, valueOf(licensure), valueOf(specialty));
  }

  // `... is Board Certified in Occupational Medicine and is licensed to practice in California.`
  const board = BOARD_CERTIFIED.exec(region);
  const licensed = LICENSED_IN.exec(region);
  const sentenceValue = (match: RegExpExecArray | null, ending: RegExp): { start: number; end: number } | undefined => {
    if (!match) return undefined;
    const start = match.index + match[0].length;
    const window = region.slice(start, start + MAX_VALUE);
    const stopAt = ending.exec(window);
    return stopAt ? { start, end: start + stopAt.index } : undefined;
  };
  return reviewerOf(text, sentenceValue(licensed, SENTENCE_END), sentenceValue(board, BOARD_END));
}

/** The reviewer from the licensure's and the specialty's values (ranges of `text`), each whole and as a list. */
function reviewerOf(text: string, licensure: Range | undefined, specialty: Range | undefined): Reviewer {
  const states = licensure ? splitList(text, licensure.start, licensure.end, true) : [];
  const specialties = specialty ? splitList(text, specialty.start, specialty.end, false) : [];
  // The whole value: from its first item to its last (a final period is the sentence's).
  const whole = (list: readonly TextBlock[]): TextBlock => textBlock(text, list[0]!.start, list[list.length - 1]!.end);
  return {
    ...(states.length > 0 ? { licensure: whole(states) } : {}),
    states,
    ...(specialties.length > 0 ? { specialty: whole(specialties) } : {}),
    specialties,
  };
}

/**
 * Where a label's value ends: at the next label (`limit`), or at the end of its paragraph (a blank
 * line) — unless the value ends with `,` or `&`, which says it goes on after the blank line (some
 * extractions put a blank line after every line).
 */
function labelValueEnd(text: string, start: number, limit: number): number {
  const bound = Math.min(limit, start + MAX_VALUE);
  let i = start;
  let lastVisible = start;
  while (i < bound) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) {
      // A line break: the value goes on unless a blank line follows, or the value so far asks for more.
      let j = code === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      let blank = false;
      while (j < bound && isTextSpace(text.charCodeAt(j))) {
        if (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13) blank = true;
        j++;
      }
      const last = text.charCodeAt(lastVisible - 1);
      if (blank && last !== 44 /* , */ && last !== 38 /* & */) return lastVisible;
      i = j;
      continue;
    }
    if (!isTextSpace(code)) lastVisible = i + 1;
    i++;
  }
  return lastVisible;
}

/**
 * The items of a list written `A, B and C` in `text[start, end)`, each trimmed, as text blocks.
 * States split at commas and `and`; specialties at commas and semicolons only (`Physical Medicine and
 * Rehabilitation` is one).
 */
function splitList(text: string, start: number, end: number, splitAtAnd: boolean): TextBlock[] {
  const separator = splitAtAnd ? /[,;]|\s(?:and|&)\s/gi : /[,;]/g;
  const slice = text.slice(start, end);
  const items: TextBlock[] = [];
  let from = 0;
  const add = (to: number): void => {
    let e = start + to;
    // A final period ends the sentence, not the name.
    while (e > start + from && (text.charCodeAt(e - 1) === 46 || isTextSpace(text.charCodeAt(e - 1)))) e--;
    const block = textBlock(text, start + from, e);
    if (block.text !== '') items.push(block);
  };
  for (let match = separator.exec(slice); match; match = separator.exec(slice)) {
    add(match.index);
    from = match.index + match[0].length;
  }
  add(slice.length);
  return items;
}

const AGE = /\b(\d{1,3})\s*(?:-\s*)?(?:(?:years?|yrs?)(?:\s*-\s*|\s+)old|y\/o)(?![\w-])/i;
const SEX_AFTER_AGE = /^[\s,]*(?:(male|man|gentleman|boy)|(female|woman|lady|girl))\b/i;

/** The claimant's age and sex, where the opening of the clinical case summary states them (`a 48 year old male`). */
export function parseClaimant(text: string, sections: readonly Section[]): Claimant {
  const summary = sections.find((s) => s.kind === 'clinicalSummary');
  if (!summary) return {};
  const start = summary.heading.end;
  const window = text.slice(start, Math.min(summary.range.end, start + SUMMARY_WINDOW));
  const age = AGE.exec(window);
  if (!age) return {};
  const years = Number(age[1]);
  if (years < 1 || years > 120) return {};
  const ageStart = start + age.index;
  const ageEnd = ageStart + age[0].length;
  const stated: { age: StatedAge; sex?: StatedSex } = { age: { start: ageStart, end: ageEnd, text: textBlock(text, ageStart, ageEnd).text, years } };
  const after = SEX_AFTER_AGE.exec(window.slice(age.index + age[0].length, age.index + age[0].length + 40));
  if (after) {
    const word = after[1] ?? after[2]!;
    const sexStart = ageEnd + after[0].length - word.length;
    const sex: Sex = after[1] ? 'male' : 'female';
    stated.sex = { start: sexStart, end: sexStart + word.length, text: word, sex };
  }
  return stated;
}
