/**
 * The parts of a prescription or order besides the drug: strength, quantity, form, route,
 * frequency, duration, refills, sessions and time qualifiers.
 *
 * Each kind is a handful of global regexes, each scanned once over the text (or the range). Lines
 * wrap anywhere in the extracted letters, so words are joined by `\s+`; every pattern starts on a
 * word character (or `#`, `(`), so a scan never restarts inside a run of spaces. Candidates of one
 * kind are then made non-overlapping, earliest and longest first.
 */

import { parseUsDate } from '../dates';
import type { Range, ValueEntity } from '../model';
import { NUMERIC_DATE_SOURCE } from './markers';

type Kind = ValueEntity['kind'];

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, eighteen: 18,
  twenty: 20, thirty: 30, sixty: 60, ninety: 90,
};
const NUMBER_WORD = Object.keys(NUMBER_WORDS).join('|');
/** A count written as digits or as a word. */
const N = String.raw`(?:\d{1,4}(?:\.\d{1,3})?|${NUMBER_WORD})`;
/** A count or a range of counts: `2`, `1-2`, `1 to 2`, `one to two`, `1 or 2`. */
const NR = String.raw`${N}(?:\s*[-\u2013]\s*${N}|\s+(?:to|or)\s+${N})?`;
/** `(2)` after a number word: `Eight (8) sessions`. */
const ECHO = String.raw`(?:\s+\(\d{1,3}\))?`;
const DATE = NUMERIC_DATE_SOURCE;

/** Any number in `s` as a number (digits or a number word), or NaN. */
function numberOf(s: string): number {
  const t = s.trim().toLowerCase();
  if (/^\d/.test(t)) return Number(t);
  return NUMBER_WORDS[t] ?? Number.NaN;
}

/** The first count (or range) in `s`, written with digits: `two to three` → `2-3`. */
const COUNT_RE = new RegExp(String.raw`(${N})(?:(?:\s?[-\u2013]\s?|\s+(?:to|or)\s+)(${N}))?`, 'i');

function countOf(s: string): string | undefined {
  const m = COUNT_RE.exec(s);
  if (!m) return undefined;
  const a = numberOf(m[1]!);
  const b = m[2] === undefined ? Number.NaN : numberOf(m[2]);
  if (Number.isNaN(a)) return undefined;
  return Number.isNaN(b) ? String(a) : `${a}-${b}`;
}

// ---------------------------------------------------------------------------------------------
// Patterns

const STRENGTH_NUMBER = String.raw`\d{1,5}(?:\.\d{1,5})?`;
const STRENGTH_UNIT = String.raw`(?:mg|mcg|\u00b5g|ug|gms?|grams?|g|ml|cc|meq|iu|units?|percent)`;
const STRENGTH_END = String.raw`(?![A-Za-z\d%])`;
const STRENGTH_RES = [
  // Percent chains: `4%`, `0.05%`, `4%-27.5%-0.0325%`.
  String.raw`\b${STRENGTH_NUMBER}\s?%(?:\s{0,4}-\s{0,4}${STRENGTH_NUMBER}\s?%){0,3}${STRENGTH_END}`,
  // `5 mg`, `10/325mg`, `7.5-325 mg`, `320.5/30/16mg`, `1mg/ml`, `300mg/g`, `10mg/1ml`, `1percent`.
  String.raw`\b${STRENGTH_NUMBER}(?:\s{0,4}[/-]\s{0,4}${STRENGTH_NUMBER}){0,2}\s{0,4}${STRENGTH_UNIT}` +
    String.raw`(?:\s?\/\s?(?:\d{1,4}\s?)?(?:ml|g|gm|hr|hrs|h|day|d|kg|dose|actuation|patch|tab|tablet|cap|capsule))?${STRENGTH_END}`,
  // A bare combination after a combination drug: `Norco 10/325`.
  String.raw`\b(?:2\.5|5|7\.5|10)\/(?:200|300|325|500|650|660|750)${STRENGTH_END}`,
].map((source) => new RegExp(source, 'gi'));
/** Words before a percent that make it a statistic, not a strength (`at least 50% pain relief`). */
const PERCENT_PROSE_BEFORE =
  /(?:^|[^A-Za-z])(?:is|was|were|are|be|by|about|least|as|than|to|at|of|rate|rates|versus|vs|approximately|over|under|only|a|the|and|or|with|decreased|increased|improved|reduced|only|nearly|almost|around|up|estimated|roughly|within)\s*$/i;
/** Words after a percent that make it a statistic. */
const PERCENT_PROSE_AFTER =
  /^\s*(?:of|better|worse|improvement|improved|reduction|increase|decrease|relief|pain|confidence|among|for|chance|risk|response|whole|impairment|disability|success|functional|WPI)\b/i;

const QUANTITY_RE = new RegExp(
  String.raw`#\s?(\d{1,5})(?:\s+(?:grams?|gms?|g|ml|oz|box(?:es)?|bottles?|tubes?|kits?|packs?|jars?|containers?)\b)?(?!\d|\.\d)` +
    String.raw`|\b(?:qty|quantity)(?:\s*:|\s+of)?\s*(\d{1,5})\b`,
  'gi',
);

const FORM_RE =
  /\b(?:tablets?|tabs?|capsules?|caps|patch(?:es)?|creams?|gels?|ointments?|lotions?|solutions?|sprays?|injections?|powders?|suppositor(?:y|ies)|liquids?|syrups?|films?|lozenges?|suspensions?|elixirs?|pads?)\b/gi;

const ROUTE_WORDS_RE =
  /\b(?:by\s+mouth|orally|oral|topically|topical|transdermally|transdermal|sublingually|sublingual|intramuscularly|intramuscular|intravenously|intravenous|subcutaneously|subcutaneous|intra-?\s?articular|intranasally|intranasal|rectally|rectal|epidurally|epidural)\b/gi;
/** Abbreviations only in capitals: `po`, `im`, `iv` in lower case are too often something else. */
const ROUTE_ABBREVIATIONS_RE = /\b(?:PO|P\.O\.|IM|IV)(?!\w|\.\w)/g;
/** A roman numeral IV, not the route: `Schedule IV`, `type IV`, `grade IV`. */
const ROMAN_BEFORE = /(?:schedule|type|grade|stage|class|part|level|phase|chapter|table|appendix|category|tier)[\s-]*$/i;

/*
 * Kinds with many shapes are several small regexes rather than one alternation: alternatives that
 * share a prefix (`2 times a day` / `2 times daily`) are merged into one path, so no string can be
 * matched two ways (which a ReDoS checker rightly distrusts).
 */

const AS_NEEDED = String.raw`(?:as\s+needed|p\.?r\.?n\b)`;
/** `as needed` / `PRN` right after a frequency joins its span. */
const PRN_SUFFIX = String.raw`(?:,?\s+${AS_NEEDED})?`;
const FREQUENCY_RES = [
  // `3 times a day`, `3x/day`, `2 times daily`, `three times weekly`, `1 to 2 times per week`.
  String.raw`\b${NR}\s*(?:x|times?)\s*(?:(?:a|per|\/|each)\s*(?:day|d|week|wk|night)|daily|weekly)\b${PRN_SUFFIX}`,
  String.raw`\b(?:once|twice|thrice)\s+(?:(?:a|per|each|every)\s+(?:day|week|night|morning|evening)|daily|weekly|nightly)\b${PRN_SUFFIX}`,
  String.raw`\bevery\s+(?:(?:other\s+)?(?:day|night|morning|evening|week)|${NR}\s+(?:hours?|hrs?|minutes?|mins?|days?|weeks?|months?))\b${PRN_SUFFIX}`,
  String.raw`\bq\.?\s?\d{1,2}(?:\s?-\s?\d{1,2})?\s?(?:h|hrs?|hours?)\b${PRN_SUFFIX}`,
  String.raw`\b\d{1,2}\s+hours\s+on,?\s+\d{1,2}\s+hours\s+off\b`,
  String.raw`\b(?:b\.?i\.?d|t\.?i\.?d|q\.?i\.?d|q\.?h\.?s|q\.?d|qam|qpm|qod)\b${PRN_SUFFIX}`,
  // `daily` as an adjective of something else is not a frequency: `activities of daily living`.
  String.raw`\b(?:daily(?!\s+(?:living|activit|life|functi|tasks?\b|dos|routine|basis|pain|headaches?))|nightly|at\s+bedtime|before\s+bed(?:time)?)${PRN_SUFFIX}`,
  String.raw`\b${AS_NEEDED}`,
].map((source) => new RegExp(source, 'gi'));

const SESSION_WORD = String.raw`(?:sessions?|visits?|treatments?)`;
const SESSIONS_RES = [
  // `2 times a week for 6 weeks`, `two times a week times three weeks`, `2 times weekly for 6 weeks`.
  String.raw`\b(?:${NR}\s*(?:x|times?)\s*(?:(?:a|per|each|\/)\s*(?:week|wk)|weekly)|(?:once|twice)\s+(?:(?:a|per)\s+)?week(?:ly)?)` +
    String.raw`,?\s+(?:for|times|x|over)\s+${NR}\s+(?:weeks?|wks?|months?)\b`,
  // `2 x 4`, `2x6`, `1 times 8`, `two times four visits`; not a size (`2 x 3 cm`).
  String.raw`\b${N}\s*(?:x|times)\s*${N}(?:\s+(?:${SESSION_WORD}|weeks?|wks?))?(?!\w|[.%/]\d|%|\s?(?:cm|mm|in|inch|inches|mg|days?|months?|hours?|refills?)\b)`,
  // `times 6` after an order: the number of visits.
  String.raw`\btimes\s+${N}\b(?!\s?(?:weeks?|days?|months?|hours?|years?|a|per|daily|weekly|refills?)\b|[.%/]\d)`,
  // `8 sessions`, `12 visits`, `Twelve visits`, `Eight (8) sessions`, `8-10 visits over 4-8 weeks`.
  String.raw`\b${NR}${ECHO}\s+${SESSION_WORD}(?:\s+over\s+${NR}\s+weeks?)?\b`,
].map((source) => new RegExp(source, 'gi'));

const UNIT = String.raw`(?:days?|weeks?|wks?|months?|mos?|minutes?|mins?)`;
const DURATION_RES = [
  // `14 days`, `4-6 weeks`, `30 day supply`, `30-day rental`, `Three months coverage of`, `seven day use`.
  String.raw`\b${NR}[\s-]+${UNIT}\b(?:['\u2019]?\s+(?:(?:supply|coverage)(?:\s+of)?|rental|trial|use|course)\b)?`,
  // `day supply: 30`.
  String.raw`\bdays?\s+supply(?:\s*:)?\s*\d{1,3}\b`,
  // `for 2 weeks`, `x 30 days`, `for one week`, `for a month`.
  String.raw`\b(?:for|x)\s+(?:(?:a\s+period\s+of|up\s+to|another|an\s+additional|the\s+(?:next|past|last))\s+)?(?:${NR}|an?)[\s-]+${UNIT}\b`,
].map((source) => new RegExp(source, 'gi'));
/** A point in time, not a length: `3 weeks ago`, `2 days later`. */
const DURATION_NOT_AFTER = /^[\s-]*(?:ago|later|earlier|prior|previously|before|after|post|postop|postoperatively|old|status)\b/i;

const REFILLS_RES = [
  String.raw`\b(?:with\s+|x\s?)?(${N}|no|zero|an?)\s+(?:additional\s+)?refills?\b`,
  String.raw`\brefills?\s?:\s?(${N})\b`,
].map((source) => new RegExp(source, 'gi'));

const TIME_QUALIFIER_RES = [
  String.raw`\bRetro(?:spective(?:ly)?)?\s+(?:dispensed|DOS)(?:\s+on)?(?:\s*:)?\s*${DATE}`,
  String.raw`\b(?:DOS|[Dd]ate\s+of\s+[Ss]ervice)(?:\s*:)?\s*${DATE}`,
  String.raw`\bper\s+${DATE}\s+(?:order|request|report|note|RFA|prescription)\b`,
  // The qualifier words; `retrospective study` and the like describe evidence, not the request.
  String.raw`\b(?:Retro(?:spective(?:ly)?)?|Post[-\s]?op(?:erative(?:ly)?)?|Pre[-\s]?op(?:erative(?:ly)?)?|Peri[-\s]?op(?:erative(?:ly)?)?)\b(?!\s+(?:stud|analys|review|cohort|trial|data))`,
].map((source) => new RegExp(source, 'gi'));

// ---------------------------------------------------------------------------------------------
// Normalised values

const FORM_VALUES: Readonly<Record<string, string>> = {
  tab: 'tablet', tabs: 'tablet', caps: 'capsule', patches: 'patch', suppositories: 'suppository',
};

function formValue(written: string): string {
  const w = written.toLowerCase();
  return FORM_VALUES[w] ?? w.replace(/s$/, '');
}

function routeValue(written: string): string {
  const w = written.toLowerCase().replace(/[\s.]+/g, ' ').trim();
  if (w === 'po' || w === 'p o' || w === 'by mouth' || w.startsWith('oral')) return 'oral';
  if (w === 'im' || w.startsWith('intramuscular')) return 'intramuscular';
  if (w === 'iv' || w.startsWith('intravenous')) return 'intravenous';
  if (w.startsWith('intra')) return w.includes('articular') ? 'intra-articular' : 'intranasal';
  return w.replace(/ly$/, '');
}

function strengthValue(written: string): string {
  const w = written.replace(/\s+/g, '').toLowerCase().replace(/percent$/, '%');
  if (w.includes('%')) return w;
  const m = /^([\d./-]+?)(mg|mcg|\u00b5g|ug|gms?|grams?|g|ml|cc|meq|iu|units?)(\/.*)?$/.exec(w);
  if (!m) return w;
  const unit = ({ gm: 'g', gms: 'g', gram: 'g', grams: 'g', ug: 'mcg', '\u00b5g': 'mcg', meq: 'mEq', iu: 'IU', units: 'units', unit: 'units' } as Record<string, string>)[m[2]!] ?? m[2]!;
  return `${m[1]} ${unit}${m[3] ?? ''}`;
}

const PER_DAY_CODES = ['', 'QD', 'BID', 'TID', 'QID'];
const PER_DAY_RE = new RegExp(String.raw`^(${N}) ?(?:x|times?) ?(?:a |per |each |\/)? ?(?:day|d|daily)\b`);
const DURATION_VALUE_RE = new RegExp(String.raw`(${NR}|\ba\b|\ban\b)[\s-]+(day|week|wk|month|mo|minute|min)`, 'i');
const PER_WEEK_VALUE_RE = new RegExp(
  String.raw`^(${N}|once|twice)(?:(?: ?- ?| to | or )(${N}))? ?(?:x|times?)? ?(?:a |per |each |\/)? ?(?:week|wk|weekly)\b.{0,3}(?:for|times|x|over) (${N}) (week|wk|month)`,
);
const PRODUCT_VALUE_RE = new RegExp(String.raw`^(${N}) ?(?:x|times) ?(${N})`);
const TIMES_VALUE_RE = new RegExp(String.raw`^times (${N})`);

function frequencyValue(written: string): string | undefined {
  const w = written.toLowerCase().replace(/\s+/g, ' ');
  const prn = /as needed|p\.?r\.?n/.test(w);
  let core: string | undefined;
  const latin = /^(b|t|q)\.?i\.?d\b|^q\.?h\.?s\b|^qhs\b|^q\.?d\b|^qod\b/.exec(w);
  const hours = /^(?:q\.? ?|every )(\d{1,2}(?: ?- ?\d{1,2}| to \d{1,2})?) ?(?:h|hr|hrs|hours?)\b/.exec(w);
  if (latin) {
    const t = latin[0].replace(/\./g, '');
    core = t.toUpperCase();
  } else if (hours) {
    core = `q${hours[1]!.replace(/ ?(?:-|to) ?/, '-')}h`;
  } else if (/^(?:nightly|at bedtime|before bed|every night)/.test(w)) {
    core = 'QHS';
  } else if (/^(?:daily|once (?:a |per |each )?day|once daily|every day)/.test(w)) {
    core = 'QD';
  } else if (/^every other day/.test(w)) {
    core = 'QOD';
  } else if (/^twice (?:a |per |each )?day|^twice daily/.test(w)) {
    core = 'BID';
  } else if (/^thrice (?:a |per |each )?day|^thrice daily/.test(w)) {
    core = 'TID';
  } else {
    const perDay = PER_DAY_RE.exec(w);
    if (perDay) {
      const n = numberOf(perDay[1]!);
      core = PER_DAY_CODES[n] ?? `${n} times a day`;
    }
  }
  if (core === undefined) return prn ? 'PRN' : undefined;
  return prn ? `${core} PRN` : core;
}

function durationValue(written: string): string | undefined {
  const w = written.toLowerCase().replace(/\s+/g, ' ');
  const supply = /days? supply ?:? ?(\d{1,3})/.exec(w);
  if (supply) return `${supply[1]} days`;
  const m = DURATION_VALUE_RE.exec(w);
  if (!m) return undefined;
  const count = /^an?$/.test(m[1]!) ? '1' : countOf(m[1]!);
  if (count === undefined) return undefined;
  const unit = ({ wk: 'week', mo: 'month', min: 'minute' } as Record<string, string>)[m[2]!] ?? m[2]!;
  return `${count} ${unit}${count === '1' ? '' : 's'}`;
}

function sessionsValue(written: string): string | undefined {
  const w = written.toLowerCase().replace(/\s+/g, ' ');
  const perWeek = PER_WEEK_VALUE_RE.exec(w);
  if (perWeek) {
    const a = perWeek[1] === 'once' ? 1 : perWeek[1] === 'twice' ? 2 : numberOf(perWeek[1]!);
    const a2 = perWeek[2] === undefined ? Number.NaN : numberOf(perWeek[2]);
    const b = numberOf(perWeek[3]!);
    if (Number.isNaN(a) || Number.isNaN(b) || perWeek[4] !== 'week') return undefined;
    return Number.isNaN(a2) ? String(a * b) : `${a * b}-${a2 * b}`;
  }
  const product = PRODUCT_VALUE_RE.exec(w);
  if (product) {
    const a = numberOf(product[1]!);
    const b = numberOf(product[2]!);
    if (!Number.isNaN(a) && !Number.isNaN(b)) return String(a * b);
  }
  const times = TIMES_VALUE_RE.exec(w);
  if (times) return countOf(times[1]!);
  return countOf(w);
}

const WRITTEN_DATE_RE = new RegExp(DATE);

/** `retrospective`, `postoperative`, `preoperative`; with its date when one is written (`date of service 2016-11-14`). */
function timeQualifierValue(written: string): string {
  const w = written.toLowerCase();
  const found = WRITTEN_DATE_RE.exec(written);
  const date = found ? (parseUsDate(found[0].replace(/\s/g, '')) ?? found[0].replace(/\s/g, '')) : undefined;
  if (/^retro/.test(w)) return date ? `retrospective ${date}` : 'retrospective';
  if (/^(?:dos|date)/.test(w)) return `date of service ${date ?? ''}`.trim();
  if (/^per/.test(w)) return `order ${date ?? ''}`.trim();
  if (/^post/.test(w)) return 'postoperative';
  if (/^pre/.test(w)) return 'preoperative';
  return 'perioperative';
}

// ---------------------------------------------------------------------------------------------
// Scanning

interface Candidate {
  readonly kind: Kind;
  readonly start: number;
  readonly end: number;
  readonly value?: string;
}

function sliceOf(text: string, range: Range | undefined): { sub: string; base: number } {
  if (!range) return { sub: text, base: 0 };
  const start = Math.max(0, range.start);
  const end = Math.min(text.length, range.end);
  return { sub: text.slice(start, Math.max(start, end)), base: start };
}

/** Whether `e` touches an end of `range` that cuts through a word or number (`#2|4`): then it is not whole. */
function cutByRange(text: string, range: Range | undefined, e: Range): boolean {
  if (!range) return false;
  const word = /[\w%]/;
  if (e.start === range.start && word.test(text.charAt(e.start - 1)) && word.test(text.charAt(e.start))) return true;
  return e.end === range.end && word.test(text.charAt(e.end - 1)) && word.test(text.charAt(e.end));
}

/** Runs `re` once over `sub`; `accept` may drop a match or give its value (`null` drops it). */
function scan(
  sub: string,
  patterns: RegExp | readonly RegExp[],
  kind: Kind,
  out: Candidate[],
  accept: (m: RegExpExecArray) => string | undefined | null,
): void {
  for (const re of Array.isArray(patterns) ? patterns : [patterns]) scanOne(sub, re, kind, out, accept);
}

function scanOne(
  sub: string,
  re: RegExp,
  kind: Kind,
  out: Candidate[],
  accept: (m: RegExpExecArray) => string | undefined | null,
): void {
  re.lastIndex = 0;
  for (let m = re.exec(sub); m; m = re.exec(sub)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const value = accept(m);
    if (value === null) continue;
    const start = m.index;
    let end = start + m[0].length;
    // A span never ends on a sentence's period (`b.i.d.` keeps its inner dots only).
    while (end > start && /[\s.,]/.test(sub.charAt(end - 1))) end--;
    out.push(value === undefined ? { kind, start, end } : { kind, start, end, value });
  }
}

/** Keeps the earliest (then longest) of overlapping candidates. */
function nonOverlapping(candidates: Candidate[]): Candidate[] {
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  let lastEnd = -1;
  for (const c of candidates) {
    if (c.start < lastEnd) continue;
    kept.push(c);
    lastEnd = c.end;
  }
  return kept;
}

/** Drops the candidates that lie inside one of `covers` (both sorted by start). */
function outside(candidates: readonly Candidate[], covers: readonly Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  let i = 0;
  for (const c of candidates) {
    while (i < covers.length && covers[i]!.end <= c.start) i++;
    const cover = covers[i];
    if (cover && cover.start <= c.start && c.end <= cover.end) continue;
    kept.push(c);
  }
  return kept;
}

function wordBefore(sub: string, index: number): string {
  return sub.slice(Math.max(0, index - 24), index);
}

/**
 * Strengths, quantities, forms, routes, frequencies, durations, refills, session counts and time
 * qualifiers in `text` (or only in `range` of it), ordered by start; offsets are into `text`.
 * `value` is normalised where that helps: `5 mg`, `60` (quantity), `2` (refills), `BID`, `14 days`,
 * `12` (sessions in `2 times a week for 6 weeks`).
 */
export function findQuantities(text: string, range?: Range): ValueEntity[] {
  const { sub, base } = sliceOf(text, range);

  const strengths: Candidate[] = [];
  scan(sub, STRENGTH_RES, 'strength', strengths, (m) => {
    const before = wordBefore(sub, m.index);
    if (/#\s?$/.test(before)) return null; // `#60 grams` is a quantity
    if (m[0].includes('%') || /percent$/i.test(m[0])) {
      const after = sub.slice(m.index + m[0].length, m.index + m[0].length + 24);
      if (PERCENT_PROSE_BEFORE.test(before) || PERCENT_PROSE_AFTER.test(after)) return null;
      if (!/[A-Za-z\u00ae)]\s*$/.test(before) && !/^[\s-]*(?:[A-Za-z]|#)/.test(after)) return null;
      if (/[\d-]\s?$/.test(before)) return null; // `50-70%`
    }
    return strengthValue(m[0]);
  });

  const quantities: Candidate[] = [];
  scan(sub, QUANTITY_RE, 'quantity', quantities, (m) => m[1] ?? m[2]);

  const forms: Candidate[] = [];
  scan(sub, FORM_RE, 'form', forms, (m) => {
    if (/^films?$/i.test(m[0]) && /(?:plain|x-?ray)[\s-]+$/i.test(wordBefore(sub, m.index))) return null;
    // A heat or ice pad is a device, not a dosage form.
    if (/^pads?$/i.test(m[0]) && /(?:heat|heating|hot|ice|cold|therapy)[\s/-]+$/i.test(wordBefore(sub, m.index))) return null;
    return formValue(m[0]);
  });

  const routes: Candidate[] = [];
  scan(sub, ROUTE_WORDS_RE, 'route', routes, (m) => routeValue(m[0]));
  scan(sub, ROUTE_ABBREVIATIONS_RE, 'route', routes, (m) => {
    if (m[0] === 'IV' && ROMAN_BEFORE.test(wordBefore(sub, m.index))) return null;
    if (/^P\.?O\.?$/.test(m[0]) && /^\s*Box\b/i.test(sub.slice(m.index + m[0].length, m.index + m[0].length + 6))) return null;
    return routeValue(m[0]);
  });

  const sessions: Candidate[] = [];
  scan(sub, SESSIONS_RES, 'sessions', sessions, (m) => sessionsValue(m[0]));

  const frequencies: Candidate[] = [];
  scan(sub, FREQUENCY_RES, 'frequency', frequencies, (m) => frequencyValue(m[0]));

  const durations: Candidate[] = [];
  scan(sub, DURATION_RES, 'duration', durations, (m) => {
    const after = sub.slice(m.index + m[0].length, m.index + m[0].length + 20);
    if (DURATION_NOT_AFTER.test(after)) return null;
    if (/\bsince\s+$/i.test(wordBefore(sub, m.index))) return null;
    return durationValue(m[0]);
  });

  const refills: Candidate[] = [];
  scan(sub, REFILLS_RES, 'refills', refills, (m) => {
    const n = (m[1] ?? '').toLowerCase();
    if (n === 'no' || n === 'zero') return '0';
    if (n === 'a' || n === 'an') return '1';
    const value = numberOf(n);
    return Number.isNaN(value) ? undefined : String(value);
  });

  const qualifiers: Candidate[] = [];
  scan(sub, TIME_QUALIFIER_RES, 'timeQualifier', qualifiers, (m) => timeQualifierValue(m[0]));

  const sessionSpans = nonOverlapping(sessions);
  // A frequency or duration inside a session count (`2 times a week for 6 weeks`) is part of it,
  // and a duration inside a frequency (`every 6 months`) is part of that.
  const frequencySpans = outside(nonOverlapping(frequencies), sessionSpans);
  const all: Candidate[] = [
    ...nonOverlapping(strengths),
    ...nonOverlapping(quantities),
    ...nonOverlapping(forms),
    ...nonOverlapping(routes),
    ...sessionSpans,
    ...frequencySpans,
    ...outside(outside(nonOverlapping(durations), sessionSpans), frequencySpans),
    ...nonOverlapping(refills),
    ...nonOverlapping(qualifiers),
  ];
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const entities: ValueEntity[] = [];
  for (const c of all) {
    const entity: ValueEntity = { kind: c.kind, start: base + c.start, end: base + c.end, text: sub.slice(c.start, c.end) };
    if (cutByRange(text, range, entity)) continue;
    entities.push(c.value === undefined ? entity : { ...entity, value: c.value });
  }
  return entities;
}
