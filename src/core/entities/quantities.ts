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
import { CLASS_BITS, findStarts, fourthAt, KEY_COUNT, keyAt, keysOf, startTables, type Starts } from './starts';
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

const FORM_RE =
  /\b(?:tablets?|tabs?|capsules?|caps|patch(?:es)?|creams?|gels?|ointments?|lotions?|solutions?|sprays?|injections?|powders?|suppositor(?:y|ies)|liquids?|syrups?|films?|lozenges?|suspensions?|elixirs?|pads?)\b/iy;

const ROUTE_WORDS_RE =
  /\b(?:by\s+mouth|orally|oral|topically|topical|transdermally|transdermal|sublingually|sublingual|intramuscularly|intramuscular|intravenously|intravenous|subcutaneously|subcutaneous|intra-?\s?articular|intranasally|intranasal|rectally|rectal|epidurally|epidural)\b/iy;
/** Abbreviations only in capitals: `po`, `im`, `iv` in lower case are too often something else. */
const ROUTE_ABBREVIATIONS_RE = /\b(?:PO|P\.O\.|IM|IV)(?!\w|\.\w)/y;
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

/** One regex of one kind, tried (sticky) only where one of its starts is. */
interface Pattern {
  readonly kind: Kind;
  readonly re: RegExp;
  /**
   * Where a match can begin, as regex sources matched case-insensitively right after a word
   * boundary: `\d`, `#`, or a source that begins with a letter. Every match of `re` must begin with
   * one of them; extra places only cost a failed try. Only their first four characters are read
   * (by `keysOf`); the rest names the word.
   */
  readonly starts: readonly string[];
  /**
   * Where the match would begin with a number (a digit or a number word), a cheap regex (an index
   * into {@link NUMBER_GATES}) that matches wherever the pattern can: most numbers in a letter are
   * dates, years and page numbers, and one gate rules them out for several patterns at once.
   */
  readonly numberGate?: number;
  readonly accept: Accept;
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

/** Where a count (`NR`, `N`) begins. */
const COUNT_STARTS = ['\\d', ...Object.keys(NUMBER_WORDS)];

/**
 * Sources of the number gates, tried at a number. A strength is a number, or a chain of them, then
 * (after a little space) `%` or the first letters of a unit; or a bare combination (`10/325`). A
 * pattern that begins with a count (`NR`) has after it, past spaces, hyphens and an echo (`Eight
 * (8) sessions`), one of the words it needs next.
 */
const NUMBER_GATE_SOURCES = [
  String.raw`${STRENGTH_NUMBER}(?:\s{0,4}[/-]\s{0,4}${STRENGTH_NUMBER}){0,2}\s{0,4}(?:[%g]|m[gcle]|[u\u00b5]g|cc|iu|un|pe)|(?:2\.5|5|7\.5|10)\/`,
  String.raw`${NR}[\s-]*(?:\(\d{1,3}\)\s*)?(?:x|time|hour|session|visit|treatment|day|week|wk|mo|min|additional|refill)`,
];
const NUMBER_GATES = NUMBER_GATE_SOURCES.map((source) => new RegExp(source, 'iy'));
const STRENGTH_GATE = 0;
const COUNT_GATE = 1;

/** What an ASCII character after a number allows: {@link shutGates} reads it. */
const AFTER_NUMBER = new Uint8Array(128);
/** A count goes on with a space, a hyphen (a range), `(` (an echo) or the first letter of its word. */
const COUNT_GOES_ON = 1;
/** A strength's unit begins. */
const UNIT_BEGINS = 2;
/** A strength's chain of numbers goes on: a digit, `.`, `/`, `-` or a space. */
const CHAIN_GOES_ON = 4;
for (const [chars, bit] of [
  [' \t\n\v\f\r-(xthsvdwmarXTHSVDWMAR', COUNT_GOES_ON],
  ['%gmucipGMUCIP', UNIT_BEGINS],
  ['0123456789./- \t\n\v\f\r', CHAIN_GOES_ON],
] as const) {
  for (const ch of chars) AFTER_NUMBER[ch.charCodeAt(0)]! |= bit;
}
/** A strength gate's chain of numbers, separators and spaces is never longer than this. */
const STRENGTH_CHAIN = 64;

/**
 * The number gates (as bits, `1 << gate`) that cannot open at the digit `at`, read from the
 * characters after its number without running them: most numbers in a letter are dates, years and
 * page numbers, followed by a `,`, a `.`, or a chain of numbers that no unit ends. Each test is a
 * condition every match of its gate meets, so a gate found shut here would not open. A character
 * that is not ASCII (a dash, a space, `µ`) shuts nothing.
 */
function shutGates(sub: string, at: number): number {
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
  if ((AFTER_NUMBER[c]! & COUNT_GOES_ON) === 0) shut |= 1 << COUNT_GATE;
  if ((AFTER_NUMBER[c]! & UNIT_BEGINS) === 0) {
    let j = i;
    while (j < at + STRENGTH_CHAIN && sub.charCodeAt(j) < 128 && (AFTER_NUMBER[sub.charCodeAt(j)]! & CHAIN_GOES_ON) !== 0) j++;
    const d = sub.charCodeAt(j);
    const unit = j === at + STRENGTH_CHAIN || !(d < 128) || (AFTER_NUMBER[d]! & UNIT_BEGINS) !== 0;
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

/** Builds the patterns of one kind from their sources; `starts[i]` belongs to `sources[i]`. */
function patternsOf(
  kind: Kind,
  sources: readonly string[],
  starts: readonly (readonly string[])[],
  accept: Accept,
  numberGate?: number,
): Pattern[] {
  return sources.map((source, i) => ({ kind, re: new RegExp(source, 'iy'), starts: starts[i]!, accept, numberGate }));
}

/*
 * In the order the kinds were always collected: patterns of one kind that find the same span keep
 * the first one's value. The starts are the patterns' own first words, sometimes with what must
 * follow them when the word alone is common (`for` → `for the next`). Only four characters are
 * read, so a short common word is given the first letter of the next word, or a second space
 * (`at\s[\sb]` for `at bedtime`, `an?\s[\sar]` for `a refill`, `an additional refill`).
 */
const PATTERNS: readonly Pattern[] = [
  ...patternsOf('strength', STRENGTH_SOURCES, [['\\d'], ['\\d'], ['\\d']], acceptStrength, STRENGTH_GATE),
  { kind: 'quantity', re: new RegExp(QUANTITY_SOURCE, 'iy'), starts: ['#', 'qty', 'quantity'], accept: (_sub, m) => m[1] ?? m[2] },
  {
    kind: 'form',
    re: FORM_RE,
    starts: ['tab', 'caps', 'patch', 'cream', 'gel', 'ointment', 'lotion', 'solution', 'spray', 'injection', 'powder', 'suppositor', 'liquid', 'syrup', 'film', 'lozenge', 'suspension', 'elixir', 'pad'],
    accept: acceptForm,
  },
  {
    kind: 'route',
    re: ROUTE_WORDS_RE,
    starts: ['by\\s[\\sm]', 'oral', 'topical', 'transdermal', 'sublingual', 'intra', 'subcutaneous', 'rectal', 'epidural'],
    accept: (_sub, m) => routeValue(m[0]),
  },
  // Case-sensitive, so its starts (tried case-insensitively) cover more than it needs.
  { kind: 'route', re: ROUTE_ABBREVIATIONS_RE, starts: ['po\\W', 'p\\.o\\.', 'i[mv]\\W'], accept: acceptRouteAbbreviation },
  ...patternsOf('sessions', SESSIONS_SOURCES, [[...COUNT_STARTS, 'once', 'twice'], COUNT_STARTS, ['times'], COUNT_STARTS], (_sub, m) => sessionsValue(m[0]), COUNT_GATE),
  ...patternsOf(
    'frequency',
    FREQUENCY_SOURCES,
    [
      COUNT_STARTS,
      ['once', 'twice', 'thrice'],
      ['every'],
      ['q'],
      ['\\d'],
      ['b\\.?i\\.?d', 't\\.?i\\.?d', 'q'],
      ['daily', 'nightly', 'at\\s[\\sb]', 'before\\s+bed'],
      ['as\\s[\\sn]', 'p\\.?r\\.?n'],
    ],
    (_sub, m) => frequencyValue(m[0]),
    COUNT_GATE,
  ),
  ...patternsOf(
    'duration',
    DURATION_SOURCES,
    [COUNT_STARTS, ['days?\\s+supply'], [String.raw`for\s+(?:a|up|another|the\s+(?:next|past|last)|\d|${NUMBER_WORD})`, 'x']],
    acceptDuration,
    COUNT_GATE,
  ),
  ...patternsOf(
    'refills',
    REFILLS_SOURCES,
    [
      [
        ...COUNT_STARTS,
        ...['no', 'zero', String.raw`with\s+\S+`].map((word) => String.raw`${word}\s+(?:additional\s+)?refill`),
        String.raw`an?\s[\sar]`,
        'x',
      ],
      ['refill'],
    ],
    acceptRefills,
    COUNT_GATE,
  ),
  ...patternsOf(
    'timeQualifier',
    TIME_QUALIFIER_SOURCES,
    [['retro'], ['dos', 'date\\s+of'], ['per\\s+\\d'], ['retro', 'post[-\\s]?op', 'pre[-\\s]?op', 'peri[-\\s]?op']],
    (_sub, m) => timeQualifierValue(m[0]),
  ),
];

/**
 * A pattern that may begin at a place: the classes its fourth character may have there (see
 * `keysOf`), and the gate to pass first, if any.
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
 * and fourth characters may have. Index 0 is the empty list, so most places cost one read. A
 * pattern's number gate is used there only when every start of the pattern that fits is a number.
 * Two characters rather than the whole key keep the tables small enough to build in a moment: the
 * starts of a number (`\d`) alone fit hundreds of keys.
 */
interface TryTables {
  readonly triesAt: Uint16Array;
  readonly tries: readonly (readonly Try[])[];
  /** The keys with a pattern. */
  readonly keys: readonly number[];
}

/** Built on first use, not at load (see `startTables`). */
const tryTables = startTables(buildTryTables);

/** The classes of the third and fourth characters a start allows after each pair of first two. */
type Pairs = Map<number, { thirds: number; fourths: number }>;

function buildTryTables(): TryTables {
  const numbers = new Set(COUNT_STARTS);
  // Many patterns share a start (`\d` above all): each start's keys are read and folded once.
  const pairsOfStart = new Map<string, Pairs>();
  const pairsOf = (start: string): Pairs => {
    let pairs = pairsOfStart.get(start);
    if (!pairs) {
      pairs = new Map();
      for (const [key, fourths] of keysOf(start)) {
        const pair = pairs.get(key >> CLASS_BITS) ?? { thirds: 0, fourths: 0 };
        pair.thirds |= 1 << (key & CLASS_MASK);
        pair.fourths |= fourths;
        pairs.set(key >> CLASS_BITS, pair);
      }
      pairsOfStart.set(start, pairs);
    }
    return pairs;
  };
  // Pair → the patterns that may begin there. Patterns are taken in order, so each list is in order
  // and a pattern's second start there only merges into the list's last entry.
  const byPair: { index: number; thirds: number; fourths: number; gated: boolean }[][] = [];
  PATTERNS.forEach((pattern, index) => {
    for (const start of pattern.starts) {
      const gated = numbers.has(start) && pattern.numberGate !== undefined;
      for (const [pair, { thirds, fourths }] of pairsOf(start)) {
        const list = (byPair[pair] ??= []);
        const last = list[list.length - 1];
        if (last?.index === index) {
          last.thirds |= thirds;
          last.fourths |= fourths;
          last.gated &&= gated;
        } else {
          list.push({ index, thirds, fourths, gated });
        }
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
      tries.push(list.map(({ index, thirds, fourths, gated }) => (gated ? { index, thirds, fourths, gate: PATTERNS[index]!.numberGate } : { index, thirds, fourths })));
    }
    triesAt[pair] = i;
    const thirds = list.reduce((bits, t) => bits | t.thirds, 0);
    for (let c = 0; c <= CLASS_MASK; c++) if ((thirds & (1 << c)) !== 0) keys.push((pair << CLASS_BITS) | c);
  });
  return { triesAt, tries, keys };
}

/**
 * Each pattern's matches in `sub`, as a global scan of it would find them: the leftmost match,
 * then the leftmost from its end, and so on. `starts` lists (a superset of) the places where some
 * pattern can begin, in order; each pattern is tried there unless its previous match covers the
 * place. A pattern matches nowhere else, so no match is missed and none is added.
 */
function findCandidates(sub: string, starts: Starts): Candidate[][] {
  const found: Candidate[][] = PATTERNS.map(() => []);
  const resume: number[] = PATTERNS.map(() => 0);
  const { at: places } = starts;
  const { triesAt, tries: triesOf } = tryTables();
  for (let k = 0; k < places.length; k++) {
    const at = places[k]!;
    const key = keyAt(sub, at);
    const tries = triesAt[key >> CLASS_BITS]!;
    if (tries === 0) continue;
    // The gates (bits `1 << gate`) known shut at this place, and those tried.
    let shut = isDigit(sub.charCodeAt(at)) ? shutGates(sub, at) : 0;
    let tried = shut;
    const third = 1 << (key & CLASS_MASK);
    const fourth = fourthAt(sub, at);
    for (const { index, thirds, fourths, gate } of triesOf[tries]!) {
      if (at < resume[index]! || (thirds & third) === 0 || (fourths & fourth) === 0) continue;
      const pattern = PATTERNS[index]!;
      if (gate !== undefined) {
        const bit = 1 << gate;
        if ((tried & bit) === 0) {
          tried |= bit;
          const re = NUMBER_GATES[gate]!;
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

  const found = findCandidates(sub, starts ?? findStarts(sub));
  /** The kind's candidates, in the order of its patterns, made non-overlapping. */
  const of = (kind: Kind): Candidate[] => {
    const list: Candidate[] = [];
    PATTERNS.forEach((pattern, index) => {
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
