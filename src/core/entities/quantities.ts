/**
 * The parts of a prescription or order besides the drug: strength, quantity, form, route,
 * frequency, duration, refills, sessions and time qualifiers.
 *
 * Each kind is a handful of regexes. Lines wrap anywhere in the extracted letters, so words are
 * joined by `\s+`. Every pattern begins at a word boundary on one of a few known words (or a digit,
 * or `#`), so rather than scanning the text once per pattern (some thirty passes), each pattern is
 * tried, sticky, only at the word starts (from `findStarts`, one pass shared with the drugs and the
 * markers) whose first four characters it can begin with; see {@link findCandidates}. Candidates of
 * one kind are then made non-overlapping, earliest and longest first.
 */

import { parseUsDate } from '../dates';
import type { Range, ValueEntity } from '../model';
import { NUMERIC_DATE_SOURCE } from './markers';
import { mergedAll } from './order';
import { cutByRange, sliceOf } from './ranges';
import { type Continuation, leadingPaths, parseSource, type RegexNode, startKeysOf, wordsAfter } from './regexStarts';
import { CLASS_BITS, DIGIT_CLASS, findStarts, fourthAt, KEY_COUNT, keyAt, startTables, type Starts } from './starts';
import { isDigit } from '../chars';

const CLASS_MASK = (1 << CLASS_BITS) - 1;

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
/** The decimals of a count in `N`, and the range part of `NR`, as the parsed source names them (see {@link countGateWords}). */
const COUNT_DECIMALS = String.raw`(?:\.\d{1,3})?`;
const NR_RANGE = NR.slice(N.length);
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
const STRENGTH_SOURCES = [
  // Percent chains: `4%`, `0.05%`, `4%-27.5%-0.0325%`.
  String.raw`\b${STRENGTH_NUMBER}\s?%(?:\s{0,4}-\s{0,4}${STRENGTH_NUMBER}\s?%){0,3}${STRENGTH_END}`,
  // `5 mg`, `10/325mg`, `7.5-325 mg`, `320.5/30/16mg`, `1mg/ml`, `300mg/g`, `10mg/1ml`, `1percent`.
  String.raw`\b${STRENGTH_NUMBER}(?:\s{0,4}[/-]\s{0,4}${STRENGTH_NUMBER}){0,2}\s{0,4}${STRENGTH_UNIT}` +
    String.raw`(?:\s?\/\s?(?:\d{1,4}\s?)?(?:ml|g|gm|hr|hrs|h|day|d|kg|dose|actuation|patch|tab|tablet|cap|capsule))?${STRENGTH_END}`,
  // A bare combination after a combination drug: `Norco 10/325`.
  String.raw`\b(?:2\.5|5|7\.5|10)\/(?:200|300|325|500|650|660|750)${STRENGTH_END}`,
];
/** Words before a percent that make it a statistic, not a strength (`at least 50% pain relief`). */
const PERCENT_PROSE_BEFORE =
  /(?:^|[^A-Za-z])(?:is|was|were|are|be|by|about|least|as|than|to|at|of|rate|rates|versus|vs|approximately|over|under|only|a|the|and|or|with|decreased|increased|improved|reduced|only|nearly|almost|around|up|estimated|roughly|within)\s*$/i;
/** Words after a percent that make it a statistic. */
const PERCENT_PROSE_AFTER =
  /^\s*(?:of|better|worse|improvement|improved|reduction|increase|decrease|relief|pain|confidence|among|for|chance|risk|response|whole|impairment|disability|success|functional|WPI)\b/i;

const QUANTITY_SOURCE =
  String.raw`#\s?(\d{1,5})(?:\s+(?:grams?|gms?|g|ml|oz|box(?:es)?|bottles?|tubes?|kits?|packs?|jars?|containers?)\b)?(?!\d|\.\d)` +
  String.raw`|\b(?:qty|quantity)(?:\s*:|\s+of)?\s*(\d{1,5})\b`;

const FORM_SOURCE =
  String.raw`\b(?:tablets?|tabs?|capsules?|caps|patch(?:es)?|creams?|gels?|ointments?|lotions?|solutions?|sprays?|injections?|powders?|suppositor(?:y|ies)|liquids?|syrups?|films?|lozenges?|suspensions?|elixirs?|pads?)\b`;

const ROUTE_WORDS_SOURCE =
  String.raw`\b(?:by\s+mouth|orally|oral|topically|topical|transdermally|transdermal|sublingually|sublingual|intramuscularly|intramuscular|intravenously|intravenous|subcutaneously|subcutaneous|intra-?\s?articular|intranasally|intranasal|rectally|rectal|epidurally|epidural)\b`;
/** Abbreviations only in capitals: `po`, `im`, `iv` in lower case are too often something else. */
const ROUTE_ABBREVIATIONS_SOURCE = String.raw`\b(?:PO|P\.O\.|IM|IV)(?!\w|\.\w)`;
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
const FREQUENCY_SOURCES = [
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
];

const SESSION_WORD = String.raw`(?:sessions?|visits?|treatments?)`;
const SESSIONS_SOURCES = [
  // `2 times a week for 6 weeks`, `two times a week times three weeks`, `2 times weekly for 6 weeks`.
  String.raw`\b(?:${NR}\s*(?:x|times?)\s*(?:(?:a|per|each|\/)\s*(?:week|wk)|weekly)|(?:once|twice)\s+(?:(?:a|per)\s+)?week(?:ly)?)` +
    String.raw`,?\s+(?:for|times|x|over)\s+${NR}\s+(?:weeks?|wks?|months?)\b`,
  // `2 x 4`, `2x6`, `1 times 8`, `two times four visits`; not a size (`2 x 3 cm`).
  String.raw`\b${N}\s*(?:x|times)\s*${N}(?:\s+(?:${SESSION_WORD}|weeks?|wks?))?(?!\w|[.%/]\d|%|\s?(?:cm|mm|in|inch|inches|mg|days?|months?|hours?|refills?)\b)`,
  // `times 6` after an order: the number of visits.
  String.raw`\btimes\s+${N}\b(?!\s?(?:weeks?|days?|months?|hours?|years?|a|per|daily|weekly|refills?)\b|[.%/]\d)`,
  // `8 sessions`, `12 visits`, `Twelve visits`, `Eight (8) sessions`, `8-10 visits over 4-8 weeks`.
  String.raw`\b${NR}${ECHO}\s+${SESSION_WORD}(?:\s+over\s+${NR}\s+weeks?)?\b`,
];

const UNIT = String.raw`(?:days?|weeks?|wks?|months?|mos?|minutes?|mins?)`;
const DURATION_SOURCES = [
  // `14 days`, `4-6 weeks`, `30 day supply`, `30-day rental`, `Three months coverage of`, `seven day use`.
  String.raw`\b${NR}[\s-]+${UNIT}\b(?:['\u2019]?\s+(?:(?:supply|coverage)(?:\s+of)?|rental|trial|use|course)\b)?`,
  // `day supply: 30`.
  String.raw`\bdays?\s+supply(?:\s*:)?\s*\d{1,3}\b`,
  // `for 2 weeks`, `x 30 days`, `for one week`, `for a month`.
  String.raw`\b(?:for|x)\s+(?:(?:a\s+period\s+of|up\s+to|another|an\s+additional|the\s+(?:next|past|last))\s+)?(?:${NR}|an?)[\s-]+${UNIT}\b`,
];
/** A point in time, not a length: `3 weeks ago`, `2 days later`. */
const DURATION_NOT_AFTER = /^[\s-]*(?:ago|later|earlier|prior|previously|before|after|post|postop|postoperatively|old|status)\b/i;

const REFILLS_SOURCES = [
  String.raw`\b(?:with\s+|x\s?)?(${N}|no|zero|an?)\s+(?:additional\s+)?refills?\b`,
  String.raw`\brefills?\s?:\s?(${N})\b`,
];

const TIME_QUALIFIER_SOURCES = [
  String.raw`\bRetro(?:spective(?:ly)?)?\s+(?:dispensed|DOS)(?:\s+on)?(?:\s*:)?\s*${DATE}`,
  String.raw`\b(?:DOS|[Dd]ate\s+of\s+[Ss]ervice)(?:\s*:)?\s*${DATE}`,
  String.raw`\bper\s+${DATE}\s+(?:order|request|report|note|RFA|prescription)\b`,
  // The qualifier words; `retrospective study` and the like describe evidence, not the request.
  String.raw`\b(?:Retro(?:spective(?:ly)?)?|Post[-\s]?op(?:erative(?:ly)?)?|Pre[-\s]?op(?:erative(?:ly)?)?|Peri[-\s]?op(?:erative(?:ly)?)?)\b(?!\s+(?:stud|analys|review|cohort|trial|data))`,
];

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

/** Drops a match (`null`) or gives its value; `sub` is the text the match was found in. */
type Accept = (sub: string, m: RegExpExecArray) => string | undefined | null;

/**
 * One kind's patterns, tried in order: the one place to edit to find something new. Where a pattern
 * may begin, and which number gate its matches that begin with a number pass first, are read from
 * the sources themselves (see {@link buildTryTables}).
 */
export interface QuantityTable {
  readonly kind: Kind;
  readonly sources: readonly string[];
  /** The regexes' flags besides the sticky `y`: `i` unless given. */
  readonly flags?: string;
  readonly accept: Accept;
  /**
   * Where a match begins with a number (a digit or a number word), a cheap regex that matches
   * wherever the pattern can: most numbers in a letter are dates, years and page numbers, and one
   * gate rules them out for several patterns at once.
   */
  readonly gate?: 'strength' | 'count';
}

function wordBefore(sub: string, index: number): string {
  return sub.slice(Math.max(0, index - 24), index);
}

const acceptStrength: Accept = (sub, m) => {
  const before = wordBefore(sub, m.index);
  if (/#\s?$/.test(before)) return null; // `#60 grams` is a quantity
  if (m[0].includes('%') || /percent$/i.test(m[0])) {
    const after = sub.slice(m.index + m[0].length, m.index + m[0].length + 24);
    if (PERCENT_PROSE_BEFORE.test(before) || PERCENT_PROSE_AFTER.test(after)) return null;
    if (!/[A-Za-z\u00ae)]\s*$/.test(before) && !/^[\s-]*(?:[A-Za-z]|#)/.test(after)) return null;
    if (/[\d-]\s?$/.test(before)) return null; // `50-70%`
  }
  return strengthValue(m[0]);
};

const acceptForm: Accept = (sub, m) => {
  if (/^films?$/i.test(m[0]) && /(?:plain|x-?ray)[\s-]+$/i.test(wordBefore(sub, m.index))) return null;
  // A heat or ice pad is a device, not a dosage form.
  if (/^pads?$/i.test(m[0]) && /(?:heat|heating|hot|ice|cold|therapy)[\s/-]+$/i.test(wordBefore(sub, m.index))) return null;
  return formValue(m[0]);
};

const acceptRouteAbbreviation: Accept = (sub, m) => {
  if (m[0] === 'IV' && ROMAN_BEFORE.test(wordBefore(sub, m.index))) return null;
  if (/^P\.?O\.?$/.test(m[0]) && /^\s*Box\b/i.test(sub.slice(m.index + m[0].length, m.index + m[0].length + 6))) return null;
  return routeValue(m[0]);
};

const acceptDuration: Accept = (sub, m) => {
  const after = sub.slice(m.index + m[0].length, m.index + m[0].length + 20);
  if (DURATION_NOT_AFTER.test(after)) return null;
  if (/\bsince\s+$/i.test(wordBefore(sub, m.index))) return null;
  return durationValue(m[0]);
};

const acceptRefills: Accept = (_sub, m) => {
  const n = (m[1] ?? '').toLowerCase();
  if (n === 'no' || n === 'zero') return '0';
  if (n === 'a' || n === 'an') return '1';
  const value = numberOf(n);
  return Number.isNaN(value) ? undefined : String(value);
};

/*
 * In the order the kinds were always collected: patterns of one kind that find the same span keep
 * the first one's value.
 */
const QUANTITY_TABLES: readonly QuantityTable[] = [
  { kind: 'strength', sources: STRENGTH_SOURCES, accept: acceptStrength, gate: 'strength' },
  { kind: 'quantity', sources: [QUANTITY_SOURCE], accept: (_sub, m) => m[1] ?? m[2] },
  { kind: 'form', sources: [FORM_SOURCE], accept: acceptForm },
  { kind: 'route', sources: [ROUTE_WORDS_SOURCE], accept: (_sub, m) => routeValue(m[0]) },
  { kind: 'route', sources: [ROUTE_ABBREVIATIONS_SOURCE], flags: '', accept: acceptRouteAbbreviation },
  { kind: 'sessions', sources: SESSIONS_SOURCES, accept: (_sub, m) => sessionsValue(m[0]), gate: 'count' },
  { kind: 'frequency', sources: FREQUENCY_SOURCES, accept: (_sub, m) => frequencyValue(m[0]), gate: 'count' },
  { kind: 'duration', sources: DURATION_SOURCES, accept: acceptDuration, gate: 'count' },
  { kind: 'refills', sources: REFILLS_SOURCES, accept: acceptRefills, gate: 'count' },
  { kind: 'timeQualifier', sources: TIME_QUALIFIER_SOURCES, accept: (_sub, m) => timeQualifierValue(m[0]) },
];

/** One regex of a table, tried (sticky) only where the keys read from its source allow. */
interface Pattern {
  readonly kind: Kind;
  readonly re: RegExp;
  readonly accept: Accept;
  readonly gate?: 'strength' | 'count';
}

/**
 * The strength gate, tried at a number: a number, or a chain of them, then (after a little space)
 * `%` or the first letters of a unit; or a bare combination (`10/325`). Written by hand, like
 * {@link shutGates}' `UNIT_BEGINS`: a strength pattern with a unit or shape they do not know fails
 * the prefilter test (`fastPathTables`) until they learn it.
 */
const STRENGTH_GATE_SOURCE = String.raw`${STRENGTH_NUMBER}(?:\s{0,4}[/-]\s{0,4}${STRENGTH_NUMBER}){0,2}\s{0,4}(?:[%g]|m[gcle]|[u\u00b5]g|cc|iu|un|pe)|(?:2\.5|5|7\.5|10)\/`;
const STRENGTH_GATE = 0;
const COUNT_GATE = 1;

/** What an ASCII character after a number allows: {@link shutGates} reads it. */
/** A count goes on with a space, a hyphen (a range), `(` (an echo) or the first letter of its next word (derived). */
const COUNT_GOES_ON = 1;
/** A strength's unit begins. */
const UNIT_BEGINS = 2;
/** A strength's chain of numbers goes on: a digit, `.`, `/`, `-` or a space. */
const CHAIN_GOES_ON = 4;
/** A strength gate's chain of numbers, separators and spaces is never longer than this. */
const STRENGTH_CHAIN = 64;

/**
 * The number gates (as bits, `1 << gate`) that cannot open at the digit `at`, read from the
 * characters after its number without running them: most numbers in a letter are dates, years and
 * page numbers, followed by a `,`, a `.`, or a chain of numbers that no unit ends. Each test is a
 * condition every match of its gate meets, so a gate found shut here would not open. A character
 * that is not ASCII (a dash, a space, `µ`) shuts nothing. `afterNumber` is the table's {@link TryTables.afterNumber}.
 */
function shutGates(sub: string, at: number, afterNumber: Uint8Array): number {
  const all = (1 << STRENGTH_GATE) | (1 << COUNT_GATE);
  let i = at;
  while (isDigit(sub.charCodeAt(i))) i++;
  // Both gates' numbers have at most five digits, and a `.` in one is followed by a digit.
  if (i - at > 5) return all;
  if (sub.charCodeAt(i) === 0x2e) {
    if (!isDigit(sub.charCodeAt(i + 1))) return all;
    i++;
    while (isDigit(sub.charCodeAt(i))) i++;
  }
  const c = sub.charCodeAt(i);
  if (!(c < 128)) return 0;
  let shut = 0;
  if ((afterNumber[c]! & COUNT_GOES_ON) === 0) shut |= 1 << COUNT_GATE;
  if ((afterNumber[c]! & UNIT_BEGINS) === 0) {
    let j = i;
    while (j < at + STRENGTH_CHAIN && sub.charCodeAt(j) < 128 && (afterNumber[sub.charCodeAt(j)]! & CHAIN_GOES_ON) !== 0) j++;
    const d = sub.charCodeAt(j);
    const unit = j === at + STRENGTH_CHAIN || !(d < 128) || (afterNumber[d]! & UNIT_BEGINS) !== 0;
    if (!unit && !(c === 0x2f && isCombinationFirst(sub, at, i))) shut |= 1 << STRENGTH_GATE;
  }
  return shut;
}

/** Whether the number from `at` to `i` begins a bare combination (`10/325`): 2.5, 5, 7.5 or 10. */
function isCombinationFirst(sub: string, at: number, i: number): boolean {
  const length = i - at;
  if (length === 1) return sub.charCodeAt(at) === 0x35;
  if (length === 2) return sub.startsWith('10', at);
  return length === 3 && (sub.startsWith('2.5', at) || sub.startsWith('7.5', at));
}

/**
 * A pattern that may begin at a place: the classes its third and fourth characters may have there
 * (see `startKeysOf`), and the gate to pass first, if any.
 */
interface Try {
  readonly index: number;
  /** The classes the place's third character may have, as bits (`1 << class`). */
  readonly thirds: number;
  readonly fourths: number;
  readonly gate?: number;
}

/**
 * For the first two characters of a place (its key without the third: `key >> CLASS_BITS`), an
 * index into `tries`: the patterns that may begin there, in order, each with the classes its third
 * and fourth characters may have. Index 0 is the empty list, so most places cost one read. Two
 * characters rather than the whole key keep the tables small enough to build in a moment.
 */
interface TryTables {
  readonly patterns: readonly Pattern[];
  readonly triesAt: Uint16Array;
  readonly tries: readonly (readonly Try[])[];
  /** The keys with a pattern. */
  readonly keys: readonly number[];
  /** The number gates, by index (`STRENGTH_GATE`, `COUNT_GATE`). */
  readonly gates: readonly RegExp[];
  /** What an ASCII character after a number allows (`COUNT_GOES_ON`, `UNIT_BEGINS`, `CHAIN_GOES_ON` bits). */
  readonly afterNumber: Uint8Array;
}

/** Built on first use, not at load (see `startTables`). */
const tryTables = startTables(() => buildTryTables(QUANTITY_TABLES));

/** Where a match may begin with a count: the count (`N`, in `NR`, or a run of at most four digits). */
function isCountLead(node: RegexNode): boolean {
  if (node.source === N || node.source === `(${N})`) return true;
  return node.type === 'repeat' && node.max <= 4 && node.node.type === 'char' && node.node.classes === 1 << DIGIT_CLASS;
}

/** Where a strength begins: a digit, or a run of them. */
function isDigitLead(node: RegexNode): boolean {
  const char = node.type === 'repeat' ? node.node : node;
  return char.type === 'char' && char.classes === 1 << DIGIT_CLASS;
}

/** Parts of a pattern between its count and its next word that the count gate's `[\s-]*(?:\(\d{1,3}\)\s*)?` covers. */
function isCountSeparator(node: RegexNode, skipped: readonly RegexNode[]): boolean {
  const echoed = skipped.some((k) => k.source === ECHO);
  if (node.source === ECHO) return !echoed;
  const char = node.type === 'repeat' ? node.node : node;
  if (char.type !== 'char' || char.chars === '') return false;
  // Spaces, and hyphens before an echo.
  return [...char.chars].every((ch) => /\s/.test(ch) || (ch === '-' && !echoed));
}

/**
 * The words that can follow the count where a match of `rest` (led by a count) begins with one,
 * past the count's range and the separators the gate allows; undefined when the pattern allows
 * something the gate cannot require.
 */
function countGateWords(rest: Continuation): string[] | undefined {
  let next = rest.next;
  // The count's decimals and its range are the gate's `NR`'s own.
  if (rest.node.type === 'repeat' && next?.node.source === COUNT_DECIMALS) next = next.next;
  if (next?.node.source === NR_RANGE) next = next.next;
  return wordsAfter(next, isCountSeparator, 6);
}

function buildTryTables(tables: readonly QuantityTable[]): TryTables {
  const patterns: Pattern[] = [];
  for (const table of tables) {
    for (const source of table.sources) patterns.push({ kind: table.kind, re: new RegExp(source, `${table.flags ?? 'i'}y`), accept: table.accept, gate: table.gate });
  }
  // Per pattern, its keys, each with the fourths and whether every way of beginning there is gated.
  const words = new Set<string>();
  const keysOfPattern = patterns.map((pattern) => {
    const tree = parseSource(pattern.re.source, pattern.re.flags);
    const isLead = pattern.gate === 'count' ? isCountLead : isDigitLead;
    const keys = new Map<number, { fourths: number; gated: boolean }>();
    for (const { lead, rest } of leadingPaths(tree, pattern.gate ? isLead : () => false)) {
      let gated = pattern.gate !== undefined && isLead(lead);
      if (gated && pattern.gate === 'count') {
        const after = countGateWords(rest);
        if (after) for (const word of after) words.add(word);
        else gated = false;
      }
      for (const [key, fourths] of startKeysOf(rest)) {
        if (key >> (2 * CLASS_BITS) === 0) throw new Error(`a pattern that can begin where no word starts: ${pattern.re.source}`);
        const known = keys.get(key);
        keys.set(key, known ? { fourths: known.fourths | fourths, gated: known.gated && gated } : { fourths, gated });
      }
    }
    return keys;
  });
  // Pair → the patterns that may begin there, in order.
  const byPair: { index: number; thirds: number; fourths: number; gated: boolean }[][] = [];
  keysOfPattern.forEach((keys, index) => {
    for (const [key, { fourths, gated }] of keys) {
      const pair = key >> CLASS_BITS;
      const list = (byPair[pair] ??= []);
      const last = list[list.length - 1];
      if (last?.index === index) {
        last.thirds |= 1 << (key & CLASS_MASK);
        last.fourths |= fourths;
        last.gated &&= gated;
      } else {
        list.push({ index, thirds: 1 << (key & CLASS_MASK), fourths, gated });
      }
    }
  });
  const tries: Try[][] = [[]];
  const byList = new Map<string, number>([['', 0]]);
  const triesAt = new Uint16Array(KEY_COUNT >> CLASS_BITS);
  const keys: number[] = [];
  byPair.forEach((list, pair) => {
    const name = list.map(({ index, thirds, fourths, gated }) => `${index}:${thirds}:${fourths}${gated ? 'g' : ''}`).join(' ');
    let i = byList.get(name);
    if (i === undefined) {
      i = tries.length;
      byList.set(name, i);
      tries.push(
        list.map(({ index, thirds, fourths, gated }) =>
          gated ? { index, thirds, fourths, gate: patterns[index]!.gate === 'strength' ? STRENGTH_GATE : COUNT_GATE } : { index, thirds, fourths },
        ),
      );
    }
    triesAt[pair] = i;
    const thirds = list.reduce((bits, t) => bits | t.thirds, 0);
    for (let c = 0; c <= CLASS_MASK; c++) if ((thirds & (1 << c)) !== 0) keys.push((pair << CLASS_BITS) | c);
  });
  // The count gate: a count, the separators, then one of the words the gated patterns need next.
  const countWords = [...words].sort();
  const countGate = String.raw`${NR}[\s-]*(?:\(\d{1,3}\)\s*)?(?:${countWords.length > 0 ? countWords.join('|') : '(?!)'})`;
  const afterNumber = new Uint8Array(128);
  const countGoesOn = ' \t\n\v\f\r-(' + countWords.map((word) => word.charAt(0) + word.charAt(0).toUpperCase()).join('');
  for (const [chars, bit] of [
    [countGoesOn, COUNT_GOES_ON],
    ['%gmucipGMUCIP', UNIT_BEGINS],
    ['0123456789./- \t\n\v\f\r', CHAIN_GOES_ON],
  ] as const) {
    for (const ch of chars) afterNumber[ch.charCodeAt(0)]! |= bit;
  }
  return { patterns, triesAt, tries, keys, gates: [new RegExp(STRENGTH_GATE_SOURCE, 'iy'), new RegExp(countGate, 'iy')], afterNumber };
}

/**
 * Each pattern's matches in `sub`, as a global scan of it would find them: the leftmost match,
 * then the leftmost from its end, and so on. `starts` lists (a superset of) the places where some
 * pattern can begin, in order; each pattern is tried there unless its previous match covers the
 * place. A pattern matches nowhere else, so no match is missed and none is added. With `raw`, each
 * pattern's matches are listed there as they are found (`[start, end]`), before `accept` is asked.
 */
function findCandidates(sub: string, starts: Starts, tables: TryTables, raw?: [number, number][][]): Candidate[][] {
  const { patterns, triesAt, tries: triesOf, gates, afterNumber } = tables;
  const found: Candidate[][] = patterns.map(() => []);
  const resume: number[] = patterns.map(() => 0);
  const { at: places } = starts;
  for (let k = 0; k < places.length; k++) {
    const at = places[k]!;
    const key = keyAt(sub, at);
    const tries = triesAt[key >> CLASS_BITS]!;
    if (tries === 0) continue;
    // The gates (bits `1 << gate`) known shut at this place, and those tried.
    let shut = isDigit(sub.charCodeAt(at)) ? shutGates(sub, at, afterNumber) : 0;
    let tried = shut;
    const third = 1 << (key & CLASS_MASK);
    const fourth = fourthAt(sub, at);
    for (const { index, thirds, fourths, gate } of triesOf[tries]!) {
      if (at < resume[index]! || (thirds & third) === 0 || (fourths & fourth) === 0) continue;
      const pattern = patterns[index]!;
      if (gate !== undefined) {
        const bit = 1 << gate;
        if ((tried & bit) === 0) {
          tried |= bit;
          const re = gates[gate]!;
          re.lastIndex = at;
          if (!re.test(sub)) shut |= bit;
        }
        if ((shut & bit) !== 0) continue;
      }
      pattern.re.lastIndex = at;
      const m = pattern.re.exec(sub);
      if (!m) continue;
      const length = m[0].length;
      resume[index] = at + Math.max(1, length);
      if (length === 0) continue;
      if (raw) raw[index]!.push([at, at + length]);
      const value = pattern.accept(sub, m);
      if (value === null) continue;
      let end = at + length;
      // A span never ends on a sentence's period (`b.i.d.` keeps its inner dots only).
      while (end > at && /[\s.,]/.test(sub.charAt(end - 1))) end--;
      found[index]!.push(value === undefined ? { kind: pattern.kind, start: at, end } : { kind: pattern.kind, start: at, end, value });
    }
  }
  return found;
}

/**
 * The quantities' pattern tables, and for tables like them (`edit` changes a copy of the tables:
 * a pattern added, say), each pattern's matches as the fast path finds them: what the prefilter
 * tests compare with a plain global scan of each pattern.
 */
export function quantityFastPaths(edit: (tables: QuantityTable[]) => QuantityTable[] = (t) => t): {
  readonly patterns: readonly RegExp[];
  readonly names: readonly string[];
  find(text: string): [number, number][][];
} {
  const tables = buildTryTables(edit([...QUANTITY_TABLES]));
  const wantedKeys = new Uint8Array(KEY_COUNT);
  for (const key of tables.keys) wantedKeys[key] = 1;
  const counts = new Map<string, number>();
  const names = tables.patterns.map((p) => {
    const n = counts.get(p.kind) ?? 0;
    counts.set(p.kind, n + 1);
    return `quantities ${p.kind} ${n}`;
  });
  return {
    patterns: tables.patterns.map((p) => new RegExp(p.re.source, p.re.flags.replace('y', '') + 'g')),
    names,
    find(text) {
      const raw: [number, number][][] = tables.patterns.map(() => []);
      findCandidates(text, findStarts(text, wantedKeys), tables, raw);
      return raw;
    },
  };
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

/**
 * Strengths, quantities, forms, routes, frequencies, durations, refills, session counts and time
 * qualifiers in `text` (or only in `range` of it), ordered by start; offsets are into `text`.
 * `value` is normalised where that helps: `5 mg`, `60` (quantity), `2` (refills), `BID`, `14 days`,
 * `12` (sessions in `2 times a week for 6 weeks`).
 *
 * `starts` saves finding the places where patterns begin when the caller already has them: it must
 * be what `findStarts` returns for the searched text (`text`, or the part of it in `range`).
 */
export function findQuantities(text: string, range?: Range, starts?: Starts): ValueEntity[] {
  const { sub, base } = sliceOf(text, range);

  const tables = tryTables();
  const found = findCandidates(sub, starts ?? findStarts(sub), tables);
  /** The kind's candidates, in the order of its patterns, made non-overlapping. */
  const of = (kind: Kind): Candidate[] => {
    const list: Candidate[] = [];
    tables.patterns.forEach((pattern, index) => {
      if (pattern.kind === kind) for (const c of found[index]!) list.push(c);
    });
    return nonOverlapping(list);
  };

  const sessionSpans = of('sessions');
  // A frequency or duration inside a session count (`2 times a week for 6 weeks`) is part of it,
  // and a duration inside a frequency (`every 6 months`) is part of that.
  const frequencySpans = outside(of('frequency'), sessionSpans);
  // Each kind's list is in order: merged, not sorted (ties keep this order of the kinds).
  const all = mergedAll([
    of('strength'),
    of('quantity'),
    of('form'),
    of('route'),
    sessionSpans,
    frequencySpans,
    outside(outside(of('duration'), sessionSpans), frequencySpans),
    of('refills'),
    of('timeQualifier'),
  ]);
  const entities: ValueEntity[] = [];
  for (const c of all) {
    const start = base + c.start;
    const end = base + c.end;
    if (cutByRange(text, range, { start, end })) continue;
    const written = sub.slice(c.start, c.end);
    entities.push(c.value === undefined ? { kind: c.kind, start, end, text: written } : { kind: c.kind, start, end, text: written, value: c.value });
  }
  return entities;
}
