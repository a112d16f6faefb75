/**
 * Markers: dates, the redaction marker, body parts and spine levels.
 *
 * Every pattern begins at a word start (or on `[`), so rather than scanning the text with a regex
 * per kind, each kind's sticky regex is tried only at the places `findStarts` lists (one pass over
 * the text, shared with the quantities; in `findEntities`, part of the drugs' pass) whose first
 * characters can begin it, as a global scan of the kind would find them: leftmost first, then from
 * the end of each match. Phrases may wrap across lines, so words are joined by `\s+`.
 */

import { fullYear, isoIfValid, parseUsDate } from '../dates';
import type { DateEntity, GuidelineEntity, LiteratureEntity, Range, ValueEntity } from '../model';
import { findCitations } from './citations';
import { merged } from './order';
import { cutByRange, sliceOf } from './ranges';
import { parseSource, startKeysOf } from './regexStarts';
import { findStarts, fourthAt, KEY_COUNT, keyAt, keysOf, startTables, type Starts } from './starts';
import { isAsciiLetter, isDigit, isRegexSpace, isWordChar, isYearAt } from '../chars';

const MONTH_NAMES =
  'January|February|March|April|May|June|July|August|September|October|November|December|' +
  'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';

/**
 * A numeric date (`03/24/2014`, `1/2/16`, `10-13-16`). A line may wrap right after a separator
 * (`10/10/ \n2016`), hence the few spaces allowed there. `(?!\d)` rather than `\b` at the end, so a
 * date glued to the next word (`03/24/2014Urine`) is still found.
 */
export const NUMERIC_DATE_SOURCE =
  String.raw`\b(?:\d{1,2}\/\s{0,4}\d{1,2}\/|\d{1,2}-\s{0,4}\d{1,2}-)\s{0,4}(?:\d{4}|\d{2})(?!\d)`;

const NUMERIC_DATE_RE = new RegExp(NUMERIC_DATE_SOURCE, 'y');
/**
 * `September 25, 1998`, `Sept. 5, 2014`, `July 18 2009`; and a month with its year only:
 * `November 2016`, `January of 2015`. Tried only where a year points back to a month (see
 * {@link collectMonthDates}).
 */
const MONTH_DATE_RE = new RegExp(
  String.raw`\b(?:${MONTH_NAMES})\.?,?\s+(?:(?:\d{1,2}(?:st|nd|rd|th)?,?|of)\s+)?(?:19|20)\d\d\b`,
  'y',
);
/** `5/2013`. */
const MONTH_YEAR_RE = /\b\d{1,2}\/(?:19|20)\d\d(?!\d)/y;

const REDACTED_RE = /\[[Rr][Ee][Dd][Aa][Cc][Tt][Ee][Dd]\]/y;

const SIDE = 'left|right|bilateral|both';
/** Sites as the letters name them; `left`/`right`/`bilateral`/`both` join the span when written before. */
const BODY_PART_RE = new RegExp(
  String.raw`\b(?:(?:(${SIDE})\s+)?(` +
    [
      // `lumbar spine`; a bare `lumbar` is checked after the match (see `bareRegionNamesSite`).
      String.raw`(?:cervical|thoracic|lumbar|lumbosacral|thoracolumbar|cervicothoracic|sacral)(?:\s+spine)?`,
      String.raw`(?:low|lower|upper|mid)\s+back`,
      String.raw`(?:upper|lower)\s+extremit(?:y|ies)`,
      'shoulders?',
      'knees?',
      'wrists?',
      'hands?',
      'elbows?',
      'hips?',
      'ankles?',
      'foot',
      'feet',
      'forearms?',
      String.raw`(?:upper|lower)\s+(?:arms?|legs?)`,
      'neck',
      'spine',
      'head',
      'pelvis',
      'abdomen',
      'groin',
      'fingers?',
      'thumbs?',
      'toes?',
      // `back` alone, unless it is the adverb (`came back`, `back to work`): checked after the match.
      'back',
    ].join('|') +
    // Limbs only with a side: a bare `arm` or `leg` is too often part of something else.
    String.raw`)|(${SIDE})\s+(arms?|legs?))\b`,
  'iy',
);


const LEVEL = String.raw`(?:C[1-8]|T1[0-2]|T[1-9]|L[1-5]|S[1-5])`;
/** `L4-5`, `L4-L5`, `L5-S1`, `C5`, `T12`, `C3-T1`, `L4/5`. */
const SPINE_LEVEL_RE = new RegExp(String.raw`\b(${LEVEL})(?:\s?[-/\u2013]\s?(${LEVEL}|\d{1,2}))?\b`, 'y');
/** MRI sequences (`T2-weighted`, `T1 signal`) share the spelling of thoracic levels. */
const MRI_SEQUENCE_AFTER = /^[-\s]{0,2}(?:weighted|signal|hyper|hypo|images?\b|sequences?\b|STIR\b|FLAIR\b)/i;

/** What may begin at a place, by the place's key: a number (of a date), a body part, a spine level, `[REDACTED]`. */
const AT_NUMBER = 1;
const AT_BODY_PART = 2;
const AT_SPINE_LEVEL = 3;
const AT_REDACTION = 4;
/** The keys (with their fourths) where a match of `re` can begin, read from its source. */
function regexKeys(re: RegExp): Map<number, number> {
  return startKeysOf({ node: parseSource(re.source, re.flags), next: undefined });
}

/** By key, what may begin there and the classes its fourth character may have (see `keysOf`). */
interface KindTables {
  readonly kindAt: Uint8Array;
  readonly fourthsAt: Uint32Array;
  /** The keys where some marker may begin. */
  readonly keys: readonly number[];
}

/** Built on first use, not at load (see `startTables`). */
const kindTables = startTables(buildKindTables);

function buildKindTables(): KindTables {
  const kindAt = new Uint8Array(KEY_COUNT);
  const fourthsAt = new Uint32Array(KEY_COUNT);
  const keys: number[] = [];
  const add = (kind: number, starts: ReadonlyMap<number, number>): void => {
    for (const [key, fourth] of starts) {
      if (kindAt[key] !== 0 && kindAt[key] !== kind) throw new Error(`two kinds of marker begin alike (kind ${kind})`);
      if (kindAt[key] === 0) keys.push(key);
      kindAt[key] = kind;
      fourthsAt[key]! |= fourth;
    }
  };
  // Every number: the numeric dates begin with one, and the month dates are found from their years.
  add(AT_NUMBER, keysOf('\\d'));
  // The others' starts are read from their own regexes: a site added to BODY_PART_RE is the only edit.
  add(AT_BODY_PART, regexKeys(BODY_PART_RE));
  add(AT_SPINE_LEVEL, regexKeys(SPINE_LEVEL_RE));
  add(AT_REDACTION, regexKeys(REDACTED_RE));
  return { kindAt, fourthsAt, keys };
}

/** How a date candidate was found, which decides how it is checked and read. */
const NUMERIC = 0;
const MONTH_NAME = 1;
const MONTH_YEAR = 2;

interface DateCandidate {
  start: number;
  end: number;
  form: typeof NUMERIC | typeof MONTH_NAME | typeof MONTH_YEAR;
}

/** Dates in `sub`; `numbers` are the places where a number starts a word. With `raw`, each form's matches (as a global scan of its regex finds them) are listed there. */
function findDates(sub: string, numbers: readonly number[], base: number, out: (DateEntity | ValueEntity)[], raw?: [number, number][][]): void {
  const found: DateCandidate[] = [];
  collectMatches(sub, numbers, NUMERIC_DATE_RE, NUMERIC, found);
  collectMonthDates(sub, numbers, found);
  collectMatches(sub, numbers, MONTH_YEAR_RE, MONTH_YEAR, found);
  if (raw) for (const { start, end, form } of found) raw[form]!.push([start, end]);
  // Earliest first, then longest: `5/2013` inside `10/5/2013` is not a date of its own.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  let lastEnd = -1;
  for (const { start, end, form } of found) {
    if (start < lastEnd) continue;
    // Part of a strength (`320.5-30-16mg`), not a date.
    if (followsNumber(sub, start) || unitFollows(sub, end)) continue;
    let iso: string | undefined;
    if (form === MONTH_NAME) {
      iso = parseUsDate(sub.slice(start, end).replace(/\s+/g, ' ').replace(/(\d)(?:st|nd|rd|th)/, '$1'));
    } else {
      readNumbers(sub, start, end);
      const [first, second, year, yearDigits] = NUMBERS;
      // Not a date if the month or day cannot be one (`44-12-16` is a count, not a date).
      if (first < 1 || first > 12) continue;
      if (form === NUMERIC) {
        if (second < 1 || second > 31) continue;
        iso = isoIfValid(fullYear(year, yearDigits), first, second);
      }
    }
    const text = sub.slice(start, end);
    const at = base + start;
    out.push(
      iso
        ? { kind: 'date', start: at, end: at + text.length, text, iso }
        : { kind: 'date', start: at, end: at + text.length, text },
    );
    lastEnd = end;
  }
}

/**
 * The matches of a numeric date's sticky `re` (`form` tells which), as a global scan would find
 * them: tried at each number not inside the last match whose one or two digits are followed by
 * the separator the form needs (`/`, or for a numeric date also `-`).
 */
function collectMatches(sub: string, numbers: readonly number[], re: RegExp, form: DateCandidate['form'], found: DateCandidate[]): void {
  let resume = 0;
  for (const at of numbers) {
    if (at < resume) continue;
    const next = sub.charCodeAt(at + 1);
    const separator = isDigit(next) ? sub.charCodeAt(at + 2) : next;
    if (separator !== SLASH && (form !== NUMERIC || separator !== HYPHEN)) continue;
    re.lastIndex = at;
    if (!re.test(sub)) continue;
    resume = re.lastIndex;
    found.push({ start: at, end: resume, form });
  }
}

/**
 * `MONTH_DATE_RE` matches, found from their years: before each year (`19xx` or `20xx` ending a
 * word) and its spaces comes either the month (with its `.` and `,`) or a day (`25,`, `5th`) or
 * `of`, spaces and then the month. A year after a space starts a word, so it is one of `numbers`.
 * The sticky regex is tried at the start of the letters found there. Matches cannot overlap
 * (nothing after a month name can start another), so this finds what a global scan would.
 */
function collectMonthDates(sub: string, numbers: readonly number[], found: DateCandidate[]): void {
  const starts: number[] = [];
  for (const year of numbers) {
    // A year, and no word character after it.
    if (!isYearAt(sub, year) || isWordChar(sub.charCodeAt(year + 4))) continue;
    const spaces = spacesBefore(sub, year);
    if (spaces === year) continue;
    const month = monthNameBefore(sub, spaces);
    if (month >= 0) starts.push(month);
    let end = spaces;
    if (sub.charCodeAt(end - 1) === COMMA) end--;
    let day: number;
    if (sub.startsWith('of', end - 2)) {
      day = end - 2;
    } else {
      if (isOrdinalSuffix(sub.charCodeAt(end - 2), sub.charCodeAt(end - 1))) end -= 2;
      day = end;
      while (day > end - 3 && isDigit(sub.charCodeAt(day - 1))) day--;
      if (day === end || day === end - 3) continue;
    }
    const dayStart = spacesBefore(sub, day);
    if (dayStart === day) continue;
    const monthBeforeDay = monthNameBefore(sub, dayStart);
    if (monthBeforeDay >= 0) starts.push(monthBeforeDay);
  }
  starts.sort((a, b) => a - b);
  let lastEnd = -1;
  for (const start of starts) {
    if (start < lastEnd) continue;
    MONTH_DATE_RE.lastIndex = start;
    if (!MONTH_DATE_RE.test(sub)) continue;
    lastEnd = MONTH_DATE_RE.lastIndex;
    found.push({ start, end: lastEnd, form: MONTH_NAME });
  }
}

/** The start of the run of whitespace that ends at `end` (`end` itself when there is none). */
function spacesBefore(sub: string, end: number): number {
  let i = end;
  while (i > 0 && isRegexSpace(sub.charCodeAt(i - 1))) i--;
  return i;
}

/** Where a capitalised word ends right before `end` and an optional `.` and `,`, or -1. */
function monthNameBefore(sub: string, end: number): number {
  let i = end;
  if (sub.charCodeAt(i - 1) === COMMA) i--;
  if (sub.charCodeAt(i - 1) === DOT) i--;
  const wordEnd = i;
  while (i > 0 && isAsciiLetter(sub.charCodeAt(i - 1))) i--;
  const first = sub.charCodeAt(i);
  return i < wordEnd && first >= 0x41 && first <= 0x5a ? i : -1;
}

function isOrdinalSuffix(a: number, b: number): boolean {
  // st, nd, rd, th
  return (a === 0x73 && b === 0x74) || (a === 0x6e && b === 0x64) || (a === 0x72 && b === 0x64) || (a === 0x74 && b === 0x68);
}

/** The numbers of a numeric date and its year's digit count, as `readNumbers` last read them. */
const NUMBERS: [number, number, number, number] = [0, 0, 0, 0];

/** Reads the runs of digits in `sub[start, end)` (at most three) into `NUMBERS`. */
function readNumbers(sub: string, start: number, end: number): void {
  NUMBERS[0] = NUMBERS[1] = NUMBERS[2] = NUMBERS[3] = 0;
  let n = -1;
  let inDigits = false;
  for (let i = start; i < end; i++) {
    const c = sub.charCodeAt(i);
    if (isDigit(c)) {
      if (!inDigits) {
        n++;
        NUMBERS[3] = 0;
      }
      inDigits = true;
      NUMBERS[n] = NUMBERS[n]! * 10 + (c - 0x30);
      NUMBERS[3]++;
    } else {
      inDigits = false;
    }
  }
}

/** A digit or `.` just before `start`, or two before across a `.`, `/` or `-`: as in `320.5-30-16mg`. */
function followsNumber(sub: string, start: number): boolean {
  const before = sub.charCodeAt(start - 1);
  if (isDigit(before) || before === DOT) return true;
  if (before !== DOT && before !== SLASH && before !== HYPHEN) return false;
  const twoBefore = sub.charCodeAt(start - 2);
  return isDigit(twoBefore) || twoBefore === DOT;
}

/**
 * A unit within four characters after `end`, after at most one space: `mg`, `mcg`, `ml`, `g`, `gm`
 * (ending a word there) or `%`, in any case. As `/^\s?(?:mg|mcg|ml|gm?\b|%)/i` on those four.
 */
function unitFollows(sub: string, end: number): boolean {
  const limit = Math.min(end + 4, sub.length);
  let i = end;
  if (i < limit && isRegexSpace(sub.charCodeAt(i))) i++;
  if (i >= limit) return false;
  const c = sub.charCodeAt(i);
  if (c === 0x25) return true; // %
  const next = i + 1 < limit ? sub.charCodeAt(i + 1) | 0x20 : -1;
  if ((c | 0x20) === 0x6d) {
    // m: mg, ml, mcg
    return next === 0x67 || next === 0x6c || (next === 0x63 && i + 2 < limit && (sub.charCodeAt(i + 2) | 0x20) === 0x67);
  }
  if ((c | 0x20) === 0x67) {
    // g, gm: a word ends after it (or the four characters do)
    if (i + 1 >= limit || !isWordChar(sub.charCodeAt(i + 1))) return true;
    return next === 0x6d && (i + 2 >= limit || !isWordChar(sub.charCodeAt(i + 2)));
  }
  return false;
}

const COMMA = 0x2c;
const DOT = 0x2e;
const SLASH = 0x2f;
const HYPHEN = 0x2d;


/** `[REDACTED]` at the places `[r` is; a match holds one `[`, so none can overlap another. */
function findRedactions(sub: string, places: readonly number[], base: number, out: (DateEntity | ValueEntity)[], raw?: [number, number][]): void {
  for (const at of places) {
    REDACTED_RE.lastIndex = at;
    if (!REDACTED_RE.test(sub)) continue;
    raw?.push([at, REDACTED_RE.lastIndex]);
    const start = base + at;
    out.push({ kind: 'redacted', start, end: start + REDACTED_RE.lastIndex - at, text: sub.slice(at, REDACTED_RE.lastIndex) });
  }
}

/** Body parts at `places`, the word starts with the first letters of a side or a site. */
function findBodyParts(sub: string, places: readonly number[], base: number, out: (DateEntity | ValueEntity)[], raw?: [number, number][]): void {
  let resume = 0;
  for (const at of places) {
    if (at < resume) continue;
    BODY_PART_RE.lastIndex = at;
    const m = BODY_PART_RE.exec(sub);
    if (!m) continue;
    raw?.push([at, BODY_PART_RE.lastIndex]);
    // As a global scan would, look for the next one after this match.
    resume = BODY_PART_RE.lastIndex;
    const written = m[2] ?? m[4]!;
    // Only a two-word site has spaces to join, and the shortest, `low back`, has 8 characters.
    const site = (written.length >= 8 ? written.replace(/\s+/g, ' ') : written).toLowerCase();
    const side = (m[1] ?? m[3])?.toLowerCase();
    const end = m.index + m[0].length;
    if (!side && (site === 'hand' || site === 'hands') && (/other\s+$/i.test(sub.slice(Math.max(0, m.index - 6), m.index)) || sub.charAt(end) === '-')) continue; // "on the other hand", "hand-held"
    if (site === 'foot' && /\d[\s-]?$/.test(sub.slice(Math.max(0, m.index - 6), m.index))) continue; // a length, "6 foot"
    if ((site === 'toe' || site === 'toes') && /heel[\s/-]+(?:to\s+)?$/i.test(sub.slice(Math.max(0, m.index - 12), m.index))) continue; // "heel to toe walk"
    if (site === 'back' && !side && isAdverbialBack(sub, m.index, end)) continue;
    if (BARE_REGIONS.has(site) && !bareRegionNamesSite(sub, end)) continue;
    const value = (side ? `${side} ` : '') + normaliseSite(site);
    const start = base + m.index;
    out.push({ kind: 'bodyPart', start, end: start + m[0].length, text: m[0], value });
  }
}

/** The regions that, written without `spine`, are checked by `bareRegionNamesSite`. */
const BARE_REGIONS: ReadonlySet<string> = new Set([
  'cervical', 'thoracic', 'lumbar', 'lumbosacral', 'thoracolumbar', 'cervicothoracic', 'sacral',
]);

const BARE_REGION_END = /^\s*(?:[:;)]|\.(?!\d)|$)/;
const BARE_REGION_LIST = /^\s*,(?!\s*(?:cervical|thoracic|lumbar|sacral)\b)/i;
const BARE_REGION_SHARED_SPINE =
  /^(?:\s*,\s*(?:cervical|thoracic|lumbar|sacral))?(?:\s*,\s*|\s+)(?:and|or)\s+(?:the\s+)?(?:cervical|thoracic|lumbar|lumbosacral|sacral)\s+spine\b/i;

/**
 * Whether a bare region (`lumbar`) names the site: nothing follows it (`therapy for the lumbar:`,
 * `lumbar, hip`), or it shares `spine` with the next one (`cervical and lumbar spine`). Otherwise it
 * is an adjective (`lumbar epidural`, `cervical and lumbar epidurals`).
 */
function bareRegionNamesSite(sub: string, end: number): boolean {
  const after = sub.slice(end, end + 80);
  return BARE_REGION_END.test(after) || BARE_REGION_LIST.test(after) || BARE_REGION_SHARED_SPINE.test(after);
}

const BACK_ADVERB_BEFORE =
  /\b(?:came|come|comes|coming|go|goes|going|went|gone|get|gets|got|getting|bring|brings|brought|call|called|calls|step|stepped|turn|turned|look|looked|looking|put|sent|send|write|wrote|written|report|reported|way|date|dates|dated|dating|cut|cutting|feed|set|give|gave|given|pay|paid|hold|held|pull|pulled|fall|fell|falling|lay|laid|lie|lying|taper|tapered|tapering|scale|scaled|scaling|weaned|wean|moved|move|sit|sat|sitting|lean|leaning|leaned)\s+$/i;
const BACK_ADVERB_AFTER = /^\s+(?:to|into|from|and\s+forth|up|down|on|off|home|in|out|then|later|again)\b/i;

/** `came back`, `back to work`: the adverb, not the body part. */
function isAdverbialBack(sub: string, start: number, end: number): boolean {
  return BACK_ADVERB_BEFORE.test(sub.slice(Math.max(0, start - 12), start)) || BACK_ADVERB_AFTER.test(sub.slice(end, end + 16));
}

function normaliseSite(site: string): string {
  if (site === 'lower back') return 'low back';
  if (site === 'feet') return 'foot';
  if (site === 'upper extremities' || site === 'lower extremities') return site.replace('ities', 'ity');
  return site;
}

/** Spine levels at `places`, the word starts with `C`, `T`, `L` or `S` (in either case) and a digit. */
function findSpineLevels(sub: string, places: readonly number[], base: number, out: (DateEntity | ValueEntity)[], raw?: [number, number][]): void {
  let resume = 0;
  for (const at of places) {
    if (at < resume) continue;
    SPINE_LEVEL_RE.lastIndex = at;
    const m = SPINE_LEVEL_RE.exec(sub);
    if (!m) continue;
    raw?.push([at, SPINE_LEVEL_RE.lastIndex]);
    resume = SPINE_LEVEL_RE.lastIndex;
    let written = m[0];
    const first = m[1]!;
    let second = m[2];
    if (second !== undefined && /^\d/.test(second)) {
      // `L4-5`: the second number is a level of the same region; a larger jump is something else.
      const n = Number(second);
      if (n < 1 || n > 12) {
        written = first;
        second = undefined;
      } else {
        second = first.charAt(0) + second;
      }
    }
    if (/^T[12]$/.test(first) && second === undefined && MRI_SEQUENCE_AFTER.test(sub.slice(m.index + first.length, m.index + first.length + 12))) {
      continue;
    }
    const start = base + m.index;
    const value = second ? `${first}-${second}` : first;
    out.push({ kind: 'spineLevel', start, end: start + written.length, text: written, value });
  }
}

function inside(e: Range, spans: readonly Range[], from: number): boolean {
  for (let i = from; i < spans.length && spans[i]!.start < e.end; i++) {
    if (spans[i]!.start <= e.start && e.end <= spans[i]!.end) return true;
  }
  return false;
}

/** The places of `starts` where each kind of marker may begin, by kind (`AT_NUMBER`...). */
function placesByKind(text: string, { at: places }: Starts): number[][] {
  const { kindAt, fourthsAt } = kindTables();
  const placesOf: number[][] = [[], [], [], [], []];
  for (let k = 0; k < places.length; k++) {
    const at = places[k]!;
    const key = keyAt(text, at);
    const kind = kindAt[key]!;
    if (kind !== 0 && (fourthsAt[key]! & fourthAt(text, at)) !== 0) placesOf[kind]!.push(at);
  }
  return placesOf;
}

/**
 * The markers' regexes, and each one's matches as the fast path finds them (before the checks
 * that drop some): what the prefilter tests compare with a plain global scan of each.
 */
export function markerFastPaths(): { readonly patterns: readonly RegExp[]; readonly names: readonly string[]; find(text: string): [number, number][][] } {
  const regexes = [NUMERIC_DATE_RE, MONTH_DATE_RE, MONTH_YEAR_RE, REDACTED_RE, BODY_PART_RE, SPINE_LEVEL_RE];
  return {
    patterns: regexes.map((re) => new RegExp(re.source, re.flags.replace('y', '') + 'g')),
    names: ['markers numeric date', 'markers month date', 'markers month and year', 'markers redaction', 'markers body part', 'markers spine level'],
    find(text) {
      const raw: [number, number][][] = regexes.map(() => []);
      const placesOf = placesByKind(text, findStarts(text));
      const sink: (DateEntity | ValueEntity)[] = [];
      // The date forms' indices (NUMERIC, MONTH_NAME, MONTH_YEAR) are their regexes' here.
      findDates(text, placesOf[AT_NUMBER]!, 0, sink, raw);
      findRedactions(text, placesOf[AT_REDACTION]!, 0, sink, raw[3]);
      findBodyParts(text, placesOf[AT_BODY_PART]!, 0, sink, raw[4]);
      findSpineLevels(text, placesOf[AT_SPINE_LEVEL]!, 0, sink, raw[5]);
      for (const list of raw) list.sort((a, b) => a[0] - b[0]);
      return raw;
    },
  };
}

/**
 * Dates (with `iso` when the date is a real calendar date), `[REDACTED]`, body parts and spine
 * levels in `text` (or only in `range` of it), ordered by start. Offsets are into `text`.
 *
 * Body parts named by a guideline citation (`MTUS Low Back Complaints 2004`) are not the patient's
 * sites and are left out. `citations` saves finding the citations again when the caller already has
 * them: it must be what `findCitations(text, range)` returns. Likewise `starts`: it must be what
 * `findStarts` returns for the searched text (`text`, or the part of it in `range`).
 */
export function findMarkers(
  text: string,
  range?: Range,
  citations?: readonly (GuidelineEntity | LiteratureEntity)[],
  starts?: Starts,
): (DateEntity | ValueEntity)[] {
  const { sub, base } = sliceOf(text, range);
  const placesOf = placesByKind(sub, starts ?? findStarts(sub));
  // Each kind's list is in order (a kind's matches do not overlap): they are merged, not sorted.
  const dates: (DateEntity | ValueEntity)[] = [];
  findDates(sub, placesOf[AT_NUMBER]!, base, dates);
  const redactions: (DateEntity | ValueEntity)[] = [];
  findRedactions(sub, placesOf[AT_REDACTION]!, base, redactions);
  const levels: (DateEntity | ValueEntity)[] = [];
  findSpineLevels(sub, placesOf[AT_SPINE_LEVEL]!, base, levels);

  const parts: (DateEntity | ValueEntity)[] = [];
  findBodyParts(sub, placesOf[AT_BODY_PART]!, base, parts);
  const sites: (DateEntity | ValueEntity)[] = [];
  if (parts.length > 0) {
    const guidelines = (citations ?? findCitations(text, range)).filter((c) => c.kind === 'guideline');
    // Both lists are sorted by start: walk them together so the check stays linear.
    let g = 0;
    for (const p of parts) {
      while (g < guidelines.length && guidelines[g]!.end <= p.start) g++;
      if (!inside(p, guidelines, g)) sites.push(p);
    }
  }
  const out = merged(merged(dates, redactions), merged(levels, sites));
  return range ? out.filter((e) => !cutByRange(text, range, e)) : out;
}
