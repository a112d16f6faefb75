/**
 * Markers: dates, the redaction marker, body parts and spine levels.
 *
 * Each kind is one or a few global regexes, each scanned once over the text (or the range); body
 * parts are first located by a cheaper regex of their words' first letters. Phrases
 * may wrap across lines, so words are joined by `\s+`; every pattern starts on a word character so
 * a scan never restarts inside a run of spaces.
 */

import { fullYear, isoIfValid, parseUsDate } from '../dates';
import type { DateEntity, GuidelineEntity, LiteratureEntity, Range, ValueEntity } from '../model';
import { findCitations } from './citations';
import { cutByRange, sliceOf } from './ranges';
import { isRegexSpace as isSpace } from '../chars';

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

const NUMERIC_DATE_RE = new RegExp(NUMERIC_DATE_SOURCE, 'g');
/**
 * `September 25, 1998`, `Sept. 5, 2014`, `July 18 2009`; and a month with its year only:
 * `November 2016`, `January of 2015`. Sticky: tried only where `YEAR_RE` points back to a month.
 */
const MONTH_DATE_RE = new RegExp(
  String.raw`\b(?:${MONTH_NAMES})\.?,?\s+(?:(?:\d{1,2}(?:st|nd|rd|th)?,?|of)\s+)?(?:19|20)\d\d\b`,
  'y',
);
/**
 * The year that ends every `MONTH_DATE_RE` match. Scanning for capitals costs several times more
 * than for these digits, so month dates are found from their year, looking back.
 */
const YEAR_RE = /(?:19|20)\d\d\b/g;
/** `5/2013`. */
const MONTH_YEAR_RE = /\b\d{1,2}\/(?:19|20)\d\d(?!\d)/g;

// Each letter spelled in both cases rather than the `i` flag: V8 then jumps from `[` to `[`.
const REDACTED_RE = /\[[Rr][Ee][Dd][Aa][Cc][Tt][Ee][Dd]\]/g;

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

/**
 * The first three letters of every word a body part can start with (a side or a site), at the
 * start of a word. Each letter is spelled in both cases rather than with the `i` flag, and the words
 * are grouped by first letter, to keep the scan cheap; `BODY_PART_RE` is only tried where this
 * matched.
 */
const BODY_PART_START_RE = new RegExp(
  String.raw`\b(?:` +
    Object.entries(
      'lef rig bil bot cer tho lum sac low upp mid sho kne wri han elb hip ank foo fee for nec spi hea pel abd gro fin thu toe bac'
        .split(' ')
        .reduce<Record<string, string[]>>((byFirst, word) => {
          (byFirst[word.charAt(0)] ??= []).push(word.slice(1));
          return byFirst;
        }, {}),
    )
      .map(([first, rests]) => `${bothCases(first)}(?:${rests.map(bothCases).join('|')})`)
      .join('|') +
    ')',
  'g',
);

function bothCases(word: string): string {
  return word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
}

const LEVEL = String.raw`(?:C[1-8]|T1[0-2]|T[1-9]|L[1-5]|S[1-5])`;
/** `L4-5`, `L4-L5`, `L5-S1`, `C5`, `T12`, `C3-T1`, `L4/5`. */
const SPINE_LEVEL_RE = new RegExp(String.raw`\b(${LEVEL})(?:\s?[-/\u2013]\s?(${LEVEL}|\d{1,2}))?\b`, 'g');
/** MRI sequences (`T2-weighted`, `T1 signal`) share the spelling of thoracic levels. */
const MRI_SEQUENCE_AFTER = /^[-\s]{0,2}(?:weighted|signal|hyper|hypo|images?\b|sequences?\b|STIR\b|FLAIR\b)/i;

/** How a date candidate was found, which decides how it is checked and read. */
const NUMERIC = 0;
const MONTH_NAME = 1;
const MONTH_YEAR = 2;

interface DateCandidate {
  start: number;
  end: number;
  form: typeof NUMERIC | typeof MONTH_NAME | typeof MONTH_YEAR;
}

function findDates(sub: string, base: number, out: (DateEntity | ValueEntity)[]): void {
  const found: DateCandidate[] = [];
  collectMatches(sub, NUMERIC_DATE_RE, NUMERIC, found);
  collectMonthDates(sub, found);
  collectMatches(sub, MONTH_YEAR_RE, MONTH_YEAR, found);
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

function collectMatches(sub: string, re: RegExp, form: DateCandidate['form'], found: DateCandidate[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(sub); m; m = re.exec(sub)) found.push({ start: m.index, end: re.lastIndex, form });
}

/**
 * `MONTH_DATE_RE` matches, found from their years: before each year and its spaces comes either
 * the month (with its `.` and `,`) or a day (`25,`, `5th`) or `of`, spaces and then the month. The
 * sticky regex is tried at the start of the letters found there. Matches cannot overlap (nothing
 * after a month name can start another), so this finds what a global scan would.
 */
function collectMonthDates(sub: string, found: DateCandidate[]): void {
  const starts: number[] = [];
  YEAR_RE.lastIndex = 0;
  while (YEAR_RE.test(sub)) {
    const year = YEAR_RE.lastIndex - 4;
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
  while (i > 0 && isSpace(sub.charCodeAt(i - 1))) i--;
  return i;
}

/** Where a capitalised word ends right before `end` and an optional `.` and `,`, or -1. */
function monthNameBefore(sub: string, end: number): number {
  let i = end;
  if (sub.charCodeAt(i - 1) === COMMA) i--;
  if (sub.charCodeAt(i - 1) === DOT) i--;
  const wordEnd = i;
  while (i > 0 && isLetter(sub.charCodeAt(i - 1))) i--;
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
  if (i < limit && isSpace(sub.charCodeAt(i))) i++;
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

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** `\w`. */
function isWordChar(c: number): boolean {
  return isDigit(c) || isLetter(c) || c === 0x5f;
}


function findRedactions(sub: string, base: number, out: (DateEntity | ValueEntity)[]): void {
  REDACTED_RE.lastIndex = 0;
  for (let m = REDACTED_RE.exec(sub); m; m = REDACTED_RE.exec(sub)) {
    const start = base + m.index;
    out.push({ kind: 'redacted', start, end: start + m[0].length, text: m[0] });
  }
}

function findBodyParts(sub: string, base: number, out: (DateEntity | ValueEntity)[]): void {
  BODY_PART_START_RE.lastIndex = 0;
  while (BODY_PART_START_RE.test(sub)) {
    BODY_PART_RE.lastIndex = BODY_PART_START_RE.lastIndex - 3;
    const m = BODY_PART_RE.exec(sub);
    if (!m) continue;
    // As a global scan would, look for the next one after this match.
    BODY_PART_START_RE.lastIndex = BODY_PART_RE.lastIndex;
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

function findSpineLevels(sub: string, base: number, out: (DateEntity | ValueEntity)[]): void {
  SPINE_LEVEL_RE.lastIndex = 0;
  for (let m = SPINE_LEVEL_RE.exec(sub); m; m = SPINE_LEVEL_RE.exec(sub)) {
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

/**
 * Dates (with `iso` when the date is a real calendar date), `[REDACTED]`, body parts and spine
 * levels in `text` (or only in `range` of it), ordered by start. Offsets are into `text`.
 *
 * Body parts named by a guideline citation (`MTUS Low Back Complaints 2004`) are not the patient's
 * sites and are left out. `citations` saves finding the citations again when the caller already has
 * them: it must be what `findCitations(text, range)` returns.
 */
export function findMarkers(
  text: string,
  range?: Range,
  citations?: readonly (GuidelineEntity | LiteratureEntity)[],
): (DateEntity | ValueEntity)[] {
  const { sub, base } = sliceOf(text, range);
  const out: (DateEntity | ValueEntity)[] = [];
  findDates(sub, base, out);
  findRedactions(sub, base, out);
  findSpineLevels(sub, base, out);

  const parts: (DateEntity | ValueEntity)[] = [];
  findBodyParts(sub, base, parts);
  if (parts.length > 0) {
    const guidelines = (citations ?? findCitations(text, range)).filter((c) => c.kind === 'guideline');
    // Both lists are sorted by start: walk them together so the check stays linear.
    let g = 0;
    for (const p of parts) {
      while (g < guidelines.length && guidelines[g]!.end <= p.start) g++;
      if (!inside(p, guidelines, g)) out.push(p);
    }
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return range ? out.filter((e) => !cutByRange(text, range, e)) : out;
}
