/**
 * Markers: dates, the redaction marker, body parts and spine levels.
 *
 * Each kind is one or a few global regexes, each scanned once over the text (or the range); body
 * parts are first located by a cheaper regex of their words' first letters. Phrases
 * may wrap across lines, so words are joined by `\s+`; every pattern starts on a word character so
 * a scan never restarts inside a run of spaces.
 */

import { parseUsDate } from '../dates';
import type { DateEntity, GuidelineEntity, LiteratureEntity, Range, ValueEntity } from '../model';
import { findCitations } from './citations';
import { cutByRange, sliceOf } from './ranges';

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

const DATE_RES = [
  new RegExp(NUMERIC_DATE_SOURCE, 'g'),
  // `September 25, 1998`, `Sept. 5, 2014`, `July 18 2009`; and a month with its year only:
  // `November 2016`, `January of 2015`.
  new RegExp(String.raw`\b(?:${MONTH_NAMES})\.?,?\s+(?:(?:\d{1,2}(?:st|nd|rd|th)?,?|of)\s+)?(?:19|20)\d\d\b`, 'g'),
  // `5/2013`.
  /\b\d{1,2}\/(?:19|20)\d\d(?!\d)/g,
];

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

function findDates(sub: string, base: number, out: (DateEntity | ValueEntity)[]): void {
  const found: RegExpExecArray[] = [];
  for (const re of DATE_RES) {
    re.lastIndex = 0;
    for (let m = re.exec(sub); m; m = re.exec(sub)) found.push(m);
  }
  // Earliest first, then longest: `5/2013` inside `10/5/2013` is not a date of its own.
  found.sort((a, b) => a.index - b.index || b[0].length - a[0].length);
  let lastEnd = -1;
  for (const m of found) {
    if (m.index < lastEnd) continue;
    const written = m[0];
    // Part of a strength (`320.5-30-16mg`), not a date.
    if (/[\d.][./-]?$/.test(sub.slice(Math.max(0, m.index - 2), m.index))) continue;
    if (/^\s?(?:mg|mcg|ml|gm?\b|%)/i.test(sub.slice(m.index + written.length, m.index + written.length + 4))) continue;
    const compact = written.replace(/\s/g, '');
    const numeric = /^(\d{1,2})[/-](\d{1,2})[/-]/.exec(compact);
    if (numeric) {
      // Not a date if the month or day cannot be one (`44-12-16` is a count, not a date).
      if (Number(numeric[1]) < 1 || Number(numeric[1]) > 12) continue;
      if (Number(numeric[2]) < 1 || Number(numeric[2]) > 31) continue;
    }
    const monthYear = /^(\d{1,2})\/\d{4}$/.exec(compact);
    if (monthYear && (Number(monthYear[1]) < 1 || Number(monthYear[1]) > 12)) continue;
    const iso = numeric ? parseUsDate(compact) : parseUsDate(written.replace(/\s+/g, ' ').replace(/(\d)(?:st|nd|rd|th)/, '$1'));
    const start = base + m.index;
    const entity: DateEntity = { kind: 'date', start, end: start + written.length, text: written };
    out.push(iso ? { ...entity, iso } : entity);
    lastEnd = m.index + written.length;
  }
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
    const site = (m[2] ?? m[4]!).toLowerCase().replace(/\s+/g, ' ');
    const side = (m[1] ?? m[3])?.toLowerCase();
    const before = sub.slice(Math.max(0, m.index - 6), m.index);
    const after = sub.charAt(m.index + m[0].length);
    if (!side && /^hands?$/.test(site) && (/other\s+$/i.test(before) || after === '-')) continue; // "on the other hand", "hand-held"
    if (site === 'foot' && /\d[\s-]?$/.test(before)) continue; // a length, "6 foot"
    if (/^toes?$/.test(site) && /heel[\s/-]+(?:to\s+)?$/i.test(sub.slice(Math.max(0, m.index - 12), m.index))) continue; // "heel to toe walk"
    if (site === 'back' && !side && isAdverbialBack(sub, m.index, m.index + m[0].length)) continue;
    if (/^[a-z]+$/.test(site) && /(?:cervical|thoracic|lumbar|sacral)$/.test(site) && !bareRegionNamesSite(sub, m.index + m[0].length)) continue;
    const value = (side ? `${side} ` : '') + normaliseSite(site);
    const start = base + m.index;
    out.push({ kind: 'bodyPart', start, end: start + m[0].length, text: m[0], value });
  }
}

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
  return out.filter((e) => !cutByRange(text, range, e));
}
