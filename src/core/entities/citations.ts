/**
 * Guideline and literature citations.
 *
 * Guidelines come in three shapes:
 * - the `Decision based on MTUS ...` / `Decision based on Non-MTUS Citation ...` sentences of the
 *   `Claims Administrator guideline:` and `MAXIMUS guideline:` blocks, which may cite several
 *   guidelines at once (`MTUS A 2004, Section(s): X, and B 2016, Section(s): Y`);
 * - `did not cite any medical evidence` (family `none`);
 * - short mentions in the rationales: `CA MTUS/ACOEM Guidelines`, `The ODG`, `ACOEM Guidelines`.
 *
 * Every anchor contains one of a few literal words (`did`, `Decision`, `outside`, `MTUS`, `ACOEM`,
 * ...), so `indexOf` finds them far faster than a regex tried at every position. At each such word
 * the anchor regex is tried, sticky, at the few places an anchor holding it can start; taken in
 * order of position, this finds exactly the matches a global scan of the anchor regex would. A
 * `Decision based on` sentence is then read within a bounded window, its whitespace collapsed (lines
 * wrap anywhere), and the scan resumes after it, so the whole pass stays linear in the text length.
 */

import type { GuidelineEntity, GuidelineFamily, LiteratureEntity, Range } from '../model';
import { cutByRange, sliceOf } from './ranges';
import { isRegexSpace, isYearAt } from '../chars';

type Citation = GuidelineEntity | LiteratureEntity;

/** MTUS guideline names as the letters write them, longest first where one is a prefix of another. */
const MTUS_TITLES = [
  String.raw`Chronic Pain Medical Treatment`,
  String.raw`Chronic Pain Treatment`,
  String.raw`Low Back Complaints`,
  String.raw`Neck and Upper Back Complaints`,
  String.raw`Shoulder Complaints`,
  String.raw`Knee Complaints`,
  String.raw`Elbow Complaints`,
  String.raw`Elbow Disorders`,
  String.raw`Forearm, Wrist,? and Hand Complaints`,
  String.raw`Ankle and Foot Complaints`,
  String.raw`Acupuncture Medical Treatment`,
  String.raw`Acupuncture Treatment`,
  String.raw`Opioid Treatment`,
  String.raw`Postsurgical Treatment`,
  String.raw`General Approaches`,
  String.raw`Stress[- ]Related Conditions`,
  String.raw`Eye`,
  String.raw`Hip and Groin`,
].join('|');

/** Old spellings of a guideline's name mapped to the name used since 2016. */
const TITLE_ALIASES: Readonly<Record<string, string>> = {
  'Chronic Pain Treatment': 'Chronic Pain Medical Treatment',
  'Acupuncture Medical Treatment': 'Acupuncture Treatment',
  'Forearm, Wrist and Hand Complaints': 'Forearm, Wrist, and Hand Complaints',
  'Stress Related Conditions': 'Stress-Related Conditions',
  // Short names used in passing: `California MTUS 2016 Chronic Pain Guidelines`.
  'Chronic Pain': 'Chronic Pain Medical Treatment',
  Acupuncture: 'Acupuncture Treatment',
  'Opioids Treatment': 'Opioid Treatment',
  Opioids: 'Opioid Treatment',
};

const FREE_CORE = String.raw`(?:MTUS|ACOEM|ODG|Official\s+Disability\s+Guidelines|American\s+College\s+of\s+Occupational\s+and\s+Environmental\s+Medicine)\b`;

/**
 * The anchors, in one alternation: group 1 `did not cite any medical evidence`, group 2
 * `Decision based on` (before MTUS or Non-MTUS), group 3 the boilerplate "outside of the MTUS
 * Guidelines" (not a citation, skipped), group 4 a guideline named in passing. Sticky: it is only
 * tried where `ANCHOR_KEYS` says an anchor may start.
 */
const ANCHOR_AT = new RegExp(
  String.raw`\b(?:(did\s+not\s+cite\s+any\s+medical\s+evidence)|(Decision\s+based\s+on)\s+(?=MTUS\b|Non\s?-?\s?MTUS\b)` +
    String.raw`|(outside\s+of\s+the\s+MTUS\s+Guidelines)` +
    String.raw`|((?:(?:CA|California)[\s-]{1,3})?(?:(?:19|20)\d\d\s+)?${FREE_CORE}))`,
  'y',
);

/**
 * A literal word each anchor contains, and how many characters before it the anchor starts. An
 * anchor holding a guideline's name (`named`) may start earlier still: at `CA`/`California`, at a
 * year, or at `outside of the`.
 */
interface AnchorKey {
  readonly word: string;
  readonly lead: number;
  readonly named: boolean;
  /**
   * For a word that ends its anchor, after runs of whitespace of any length: where the anchor holding
   * the word found at `at` starts, read backwards, or -1 when none can.
   */
  readonly startBefore?: (s: string, at: number) => number;
}
// `indexOf` is fastest with a word whose first letter is rare, and slower from 7 characters on
// (`American` cost about six times `Americ` in a measurement). `outside of the MTUS Guidelines` is found from its `MTUS`,
// `did not cite any medical evidence` from its `videnc` (`did` cost three times as much: `d` is a common letter).
const ANCHOR_KEYS: readonly AnchorKey[] = [
  { word: 'videnc', lead: 0, named: false, startBefore: didNotCiteStart },
  { word: 'Decision', lead: 0, named: false },
  { word: 'MTUS', lead: 0, named: true },
  { word: 'ACOEM', lead: 0, named: true },
  { word: 'ODG', lead: 0, named: true },
  { word: 'Official', lead: 0, named: true },
  { word: 'Americ', lead: 0, named: true },
];

/** What may follow a guideline named in passing: `/ACOEM`, `(ODG)`, a year, a title, `Guidelines`. */
const FREE_TAIL_RE = new RegExp(
  String.raw`(?:\s*\/\s*(?:ACOEM|Chronic\s+Pain\s+Medical\s+Treatment|Chronic\s+Pain)\b|\s+(?:and\s+)?ACOEM\b)?` +
    String.raw`(?:\s+\((?:ODG|ACOEM|MTUS)\))?` +
    String.raw`(?:\s+((?:19|20)\d\d)\b)?` +
    String.raw`(?:\s+(Chronic\s+Pain\s+Medical\s+Treatment|Chronic\s+Pain\s+Treatment|Chronic\s+Pain|Acupuncture\s+Medical\s+Treatment|Acupuncture\s+Treatment|Acupuncture|Opioids?\s+Treatment|Opioids|Postsurgical\s+Treatment|Chiropractic|Physical\s+Therapy)\b)?` +
    String.raw`(?:\s+[Gg]uidelines?\b)?` +
    String.raw`(?:\s+\((?:[A-Z][a-z]{2,8}\s+)?((?:19|20)\d\d)\))?`,
  'y',
);

/** Where a `Decision based on` sentence can end: a period, or the next block's label. */
const SENTENCE_END_RE = /\.(?=\s|$)|\bDecision\s+(?:rationale|based)\b|\b(?:MAXIMUS|Claims\s+Administrator)\s+guideline|\*\*|<\/?b>/g;
/** How far a `Decision based on` sentence is read at most. */
const MAX_SENTENCE = 2500;

/**
 * A period after these is not a sentence end: a numbered section (`Section(s): 3. Opioids`), an
 * initial (`Harris J. Occupational`), an abbreviation (`3rd ed. Low`).
 */
const NOT_AN_END_BEFORE = /(?:Section\(s\):|,)\s*\d{1,2}$|(?:^|[\s(,:;])(?:[A-Z]|vs|ed|pg|pp?|No|al|etc|e\.g|i\.e|Dr|St|approx)$/;

/** A citation that follows another one in an MTUS sentence: `, and Chronic Pain Medical Treatment 2016`. */
const MTUS_SPLIT_RE = new RegExp(String.raw`(?:,\s?(?:and\s)?|\sand\s)(?=(?:${MTUS_TITLES})\s(?:(?:19|20)\d\d|Guidelines))`, 'g');
const MTUS_TITLE_AT_START_RE = new RegExp(String.raw`^(?:MTUS\s)?(${MTUS_TITLES})\b`);

/** A citation that follows another one in a Non-MTUS sentence. */
const NON_MTUS_SPLIT_RE =
  /\s(?:and\s)?Other\sMedical\sTreatment\sGuidelines?:?\s|(?:[,;]\s?|\s(?:and\s(?:the\s)?)?)(?=(?:Official\sDisability\sGuidelines|ODG\b|ACOEM\b|American\sCollege\sof\sOccupational))/g;
const NON_MTUS_PREFIX_RE = /^Non\s?-?\s?MTUS(?:\s[Cc]itation)?:?\s?/;

/** A year that is not part of a date or a longer number (group 1). */
const YEAR_RE = /(?:^|[^\d/])((?:19|20)\d\d)(?!\d)/;
const PAGES_RE = /\bPage\(s\):\s?(\d{1,4}(?:\s?[-,]\s?\d{1,4}){0,8})|\b(?:pages?|pg\.?|p\.?)\s?(\d{1,4}(?:\s?-\s?\d{1,4})?)\b/gi;
const SECTION_LABEL = 'Section(s):';
const PAGES_LABEL = 'Page(s):';
const INLINE_PAGE_RE = /,?\s?\b(?:page|pg\.?)\s?\d/i;
/** A date or year written in an old-style MTUS citation: `July 18 2009`. */
const WRITTEN_YEAR_RE = /\b(?:[A-Z][a-z]{2,8}\s)?(?:\d{1,2},?\s)?(?:19|20)\d\d\b/;
const TRAILING_LABEL_RE = /\s(?:[Cc]hapters?|[Ss]ection|Topic)$/;

const MONTHS = new Set([
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
]);
const NOT_AUTHORS = new Set(['Updated', 'Revised', 'Version', 'Edition', 'Accessed', 'Effective', 'Published', 'Rev', 'DOS', 'Since', 'In', 'From', 'As']);

/** `(Mens 2005)`, `(Reeves, 1999)`, `(van Tulder, 2003)`, `(VA/DoD, 2003)`, `(Smith et al., 2010)`. */
const LITERATURE_AT = new RegExp(
  String.raw`\(((?:(?:van|von|de|der|del|da|di|la|le|du)\s+)?[A-Z][\w'\u2019/&-]{0,40}` +
    String.raw`(?:\s+(?:and|&)\s+[A-Z][\w'\u2019/&-]{0,40}|\s+[A-Z][\w'\u2019/&-]{0,40})?` +
    String.raw`(?:\s+et\s+al\.?)?),?\s+((?:19|20)\d\d)[a-z]?\)`,
  'y',
);


/**
 * A stretch of text with its whitespace runs collapsed to one space and none kept at either end.
 * Instead of an offset per character, it records where the offsets jump: after each run of two or
 * more, `jumpAt` holds the collapsed index that follows and `dropped` the characters dropped so far.
 * A collapsed space stands for the first character of its run.
 */
interface Collapsed {
  readonly text: string;
  /** Offset in the original of the collapsed text's first character. */
  readonly start: number;
  readonly jumpAt: readonly number[];
  readonly dropped: readonly number[];
}

function collapse(source: string, start: number, end: number): Collapsed {
  while (start < end && isRegexSpace(source.charCodeAt(start))) start++;
  // One pass; text is only cut and rejoined around a run that is not already a single ` ` (most
  // runs are, so a sentence is a few slices rather than a regex replace and a second regex scan).
  let text = '';
  let copied = start;
  const jumpAt: number[] = [];
  const dropped: number[] = [];
  let d = 0;
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (!isRegexSpace(c)) continue;
    let runEnd = i + 1;
    while (runEnd < end && isRegexSpace(source.charCodeAt(runEnd))) runEnd++;
    const length = runEnd - i;
    if (c !== 32 || length > 1) {
      text += source.slice(copied, i) + ' ';
      copied = runEnd;
    }
    if (length > 1) {
      jumpAt.push(i - start - d + 1);
      d += length - 1;
      dropped.push(d);
    }
    i = runEnd - 1;
  }
  text += source.slice(copied, end);
  if (text.endsWith(' ')) text = text.slice(0, -1);
  return { text, start, jumpAt, dropped };
}

/** Offset in the original of `c.text[i]`. */
function originalOffset(c: Collapsed, i: number): number {
  let d = 0;
  for (let j = 0; j < c.jumpAt.length && c.jumpAt[j]! <= i; j++) d = c.dropped[j]!;
  return c.start + i + d;
}

/**
 * Where the `Decision based on` sentence starting at `from` ends (exclusive, before the final
 * period). The search stops at the next `Decision based on` at the latest, so sentences are never
 * scanned twice.
 */
function sentenceEnd(sub: string, from: number): number {
  const limit = Math.min(sub.length, from + MAX_SENTENCE);
  SENTENCE_END_RE.lastIndex = from;
  for (let m = SENTENCE_END_RE.exec(sub); m && m.index < limit; m = SENTENCE_END_RE.exec(sub)) {
    if (m[0] !== '.') return m.index;
    if (NOT_AN_END_BEFORE.test(sub.slice(Math.max(from, m.index - 16), m.index))) continue;
    let next = m.index + 1;
    const nextLimit = Math.min(sub.length, m.index + 12);
    while (next < nextLimit && isRegexSpace(sub.charCodeAt(next))) next++;
    // A lower-case word or a number after the period continues the sentence.
    if (next < nextLimit && isLowerOrDigit(sub.charCodeAt(next))) continue;
    return m.index;
  }
  return limit;
}

function isLowerOrDigit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

interface Piece {
  /** Offsets into the collapsed sentence. */
  readonly start: number;
  readonly end: number;
}

/** A separator or space trimmed off a piece's ends (`s` is collapsed: its only space is ` `). */
function isPieceEdge(c: number): boolean {
  return c === 32 || c === 44 || c === 59 || c === 58 || c === 46 || c === 45 || c === 0x2013;
}

/** Cuts `[from, to)` of `s` at each match of `splitter`; the separators belong to no piece. */
function cut(s: string, from: number, to: number, splitter: RegExp): Piece[] {
  const pieces: Piece[] = [];
  let pieceStart = from;
  splitter.lastIndex = from;
  for (let m = splitter.exec(s); m && m.index < to; m = splitter.exec(s)) {
    if (m.index > pieceStart) pieces.push({ start: pieceStart, end: m.index });
    pieceStart = m.index + m[0].length;
    if (m[0].length === 0) splitter.lastIndex++;
  }
  if (pieceStart < to) pieces.push({ start: pieceStart, end: to });
  // Trim separators and spaces at both ends so a span never starts or ends on them.
  const trimmed: Piece[] = [];
  for (const p of pieces) {
    let start = p.start;
    let end = p.end;
    while (start < end && isPieceEdge(s.charCodeAt(start))) start++;
    while (end > start && isPieceEdge(s.charCodeAt(end - 1))) end--;
    if (end > start) trimmed.push({ start, end });
  }
  return trimmed;
}

function pagesOf(s: string): string[] {
  const pages: string[] = [];
  PAGES_RE.lastIndex = 0;
  for (let m = PAGES_RE.exec(s); m; m = PAGES_RE.exec(s)) {
    const list = m[1] ?? m[2] ?? '';
    for (const page of list.split(/\s?,\s?/)) {
      const p = page.replace(/\s/g, '');
      if (p && !pages.includes(p)) pages.push(p);
    }
  }
  return pages;
}

const NUMBERED_SECTION_RE = /^\d+(?:\.\d+)*\.?\s/;
const SECTION_SPLIT_RE = /,\s?/g;

/** `Section(s):` values; commas inside a value (`TENS, chronic pain (...)`, `Forearm, Wrist, & Hand`) are kept. */
function splitSections(value: string): string[] {
  const s = trimEnds(value, ' .,;');
  if (!s) return [];
  const numbered = NUMBERED_SECTION_RE.test(s);
  const sections: string[] = [];
  let from = 0;
  const splitter = SECTION_SPLIT_RE;
  splitter.lastIndex = 0;
  for (let m = splitter.exec(s); m; m = splitter.exec(s)) {
    const next = s.slice(m.index + m[0].length, m.index + m[0].length + 12);
    const prev = s.slice(from, m.index).trim();
    const prevWord = prev.slice(prev.lastIndexOf(' ') + 1);
    const splits = numbered
      ? NUMBERED_SECTION_RE.test(next)
      : /^[A-Z0-9]/.test(next) && prevWord !== 'NSAIDs' && prevWord !== 'Forearm' && prevWord !== 'Wrist';
    if (!splits) continue;
    sections.push(s.slice(from, m.index).trim());
    from = m.index + m[0].length;
  }
  sections.push(s.slice(from).trim());
  return sections.filter((x) => x.length > 0);
}

/** `s` without any of `chars` at either end. */
function trimEnds(s: string, chars: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && (isRegexSpace(s.charCodeAt(start)) || chars.includes(s.charAt(start)))) start++;
  while (end > start && (isRegexSpace(s.charCodeAt(end - 1)) || chars.includes(s.charAt(end - 1)))) end--;
  return s.slice(start, end);
}

/** `s` up to the first `marker` (all of `s` when there is none). */
function before(s: string, marker: string): string {
  const at = s.indexOf(marker);
  return at >= 0 ? s.slice(0, at) : s;
}

/** Where the parenthesis opening at `open` closes (`s.length` when it does not). */
function closingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const ch = s.charAt(i);
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return s.length;
}

function canonicalTitle(written: string): string {
  return TITLE_ALIASES[written] ?? written;
}

type Draft = Omit<GuidelineEntity, 'kind' | 'start' | 'end' | 'text'>;

const GUIDELINES_WORD_RE = /\b[Gg]uidelines?\b/;

/** One MTUS citation: `Low Back Complaints 2004, Section(s): Special Studies` (`s` is collapsed: its only space is ` `). */
function parseMtus(s: string): Draft {
  const title = MTUS_TITLE_AT_START_RE.exec(s);
  const sectionAt = s.indexOf(SECTION_LABEL);
  const head = sectionAt >= 0 ? s.slice(0, sectionAt) : s;
  const yearMatch = YEAR_RE.exec(head);
  const sections = sectionAt >= 0 ? splitSections(before(s.slice(sectionAt + SECTION_LABEL.length), PAGES_LABEL)) : [];
  const pages = pagesOf(s);
  // Older letters name a topic after the title: `Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 54`.
  let topic: string | undefined;
  let rest = head.startsWith('MTUS') ? head.slice(head.charCodeAt(4) === 32 ? 5 : 4) : head;
  if (title) rest = rest.slice(title[1]!.length);
  rest = before(rest, PAGES_LABEL);
  const page = INLINE_PAGE_RE.exec(rest);
  if (page) rest = rest.slice(0, page.index);
  rest = trimEnds(rest.replace(WRITTEN_YEAR_RE, '').replace(GUIDELINES_WORD_RE, ''), ' :,;');
  if (rest) topic = rest;
  else if (sections.length > 0) topic = sections[0];
  const draft: { -readonly [K in keyof Draft]: Draft[K] } = { family: 'MTUS' };
  if (title) draft.title = canonicalTitle(title[1]!);
  if (yearMatch) draft.year = Number(yearMatch[1]);
  if (topic) draft.topic = topic;
  if (sections.length > 0) draft.sections = sections;
  if (pages.length > 0) draft.pages = pages;
  return draft;
}

const ODG_NAME_RE = /^(?:Official\sDisability\sGuidelines?|ODG)(?:\s?\(ODG\))?(?:\s[Gg]uidelines?\b)?/;
const ACOEM_NAME_RE =
  /^(?:ACOEM|American\sCollege\sof\sOccupational\sand\sEnvironmental\sMedicine(?:\s\(ACOEM\))?)(?:\sOccupational\sMedicine\sPractice\sGuidelines|\s[Gg]uidelines?)?/;
/** Parts of a Non-MTUS citation that name no body part or topic. */
const FILLER_CHUNK_RE =
  /^(?:(?:19|20)\d\d|Web Version|Online Version|\d{1,2}(?:st|nd|rd|th) (?:ed\.?|[Ee]dition)|(?:updated|Updated) [\d/]+|[Cc]hapter(?: \d{1,2})?|[Gg]uidelines?|(?:pages?|pg\.?|p\.?) ?[\d-]+)$/;

const SECTION_OR_CHAPTER_END_RE = /(?:[Ss]ection|[Cc]hapter)$/;

/**
 * The comma-, semicolon- or colon-separated parts of a citation, not splitting inside parentheses
 * (`Low Back (Thoracic and Lumbar, Acute and Chronic) Chapter` is one part). A dash with a space
 * beside it separates too (`Low Back - MRIs`), and so does a slash after `Section`/`Chapter`.
 */
function topLevelParts(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 40 /* ( */) depth++;
    else if (c === 41 /* ) */) depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    const separates =
      c === 44 /* , */ || c === 59 /* ; */ || c === 58 /* : */ ||
      ((c === 45 /* - */ || c === 0x2013) && (s.charCodeAt(i - 1) === 32 || s.charCodeAt(i + 1) === 32)) ||
      (c === 47 /* / */ && (s.charCodeAt(i + 1) === 32 || SECTION_OR_CHAPTER_END_RE.test(s.slice(Math.max(0, i - 7), i))));
    if (!separates) continue;
    parts.push(s.slice(from, i).trim());
    from = i + 1;
  }
  parts.push(s.slice(from).trim());
  return parts.filter((p) => p.length > 0);
}

/** Notes in parentheses that separate a citation's parts as a comma does. */
const UPDATED_NOTE_RE = /\((?:updated|Updated)[^)]{0,20}\)/g;
const VERSION_NOTE_RE = /\((?:Online|Web) [Vv]ersion\)/g;
const HAND_CHAPTER_RE = /^Forearm,?\s?Wrist,?\s?(?:&|and)\s?Hand\b/i;
/** Parenthesised words that qualify a body part (`Low Back (Thoracic and Lumbar, Acute and Chronic)`) rather than name a topic. */
const BODY_PART_QUALIFIER_RE = /^(?:Acute|Chronic|Thoracic|Lumbar)/;

/** One Non-MTUS citation: ODG with its body part and topic, ACOEM with its chapter, or anything else. */
function parseNonMtus(s: string): Draft {
  let family: GuidelineFamily = 'Non-MTUS';
  let rest = s;
  const odg = ODG_NAME_RE.exec(s);
  const acoem = odg ? null : ACOEM_NAME_RE.exec(s);
  if (odg) {
    family = 'ODG';
    rest = s.slice(odg[0].length);
  } else if (acoem) {
    family = 'ACOEM';
    rest = s.slice(acoem[0].length);
  }
  const draft: { -readonly [K in keyof Draft]: Draft[K] } = { family };
  const year = YEAR_RE.exec(s);
  if (year) draft.year = Number(year[1]);
  const pages = pagesOf(s);
  if (pages.length > 0) draft.pages = pages;
  if (family === 'Non-MTUS') return draft;

  // The body part (ODG) or chapter (ACOEM) comes first, the topic after it.
  // Only a `(` can open the notes that separate like a comma.
  const separated = rest.includes('(') ? rest.replace(UPDATED_NOTE_RE, ',').replace(VERSION_NOTE_RE, ',') : rest;
  const chunks = topLevelParts(separated)
    .map((c) => before(c, ' Procedure Summary').replace(TRAILING_LABEL_RE, '').trim())
    .filter((c) => c.length > 0 && !FILLER_CHUNK_RE.test(c));
  // ODG's hand chapter has commas in its name.
  // The name starts with `Forearm` (any case): other first chunks need not be joined to be tried.
  const hand = chunks.length > 0 && (chunks[0]!.charCodeAt(0) | 0x20) === 0x66 /* f */ ? HAND_CHAPTER_RE.exec(chunks.slice(0, 3).join(', ')) : null;
  if (hand) chunks.splice(0, hand[0].split(',').length, hand[0]);
  const topics = chunks.slice(1);
  if (chunks.length > 0) {
    // `Low Back (Shock wave therapy)`: the body part, then its topic in parentheses.
    const first = chunks[0]!;
    const open = first.endsWith(')') ? first.indexOf('(') : -1;
    if (open > 0) {
      draft.title = first.slice(0, open).trim();
      const inner = first.slice(open + 1, closingParen(first, open));
      if (!BODY_PART_QUALIFIER_RE.test(inner)) topics.unshift(inner);
    } else {
      draft.title = chunks[0]!;
    }
  }
  if (topics.length > 0) draft.topic = topics.join(', ');
  return draft;
}

function guideline(sub: string, base: number, c: Collapsed, p: Piece, draft: Draft): GuidelineEntity {
  const start = originalOffset(c, p.start);
  const end = originalOffset(c, p.end - 1) + 1;
  return { kind: 'guideline', start: base + start, end: base + end, text: sub.slice(start, end), ...draft };
}

/** The citations of one `Decision based on` sentence; `from` is just after `Decision based on`. */
function readSentence(sub: string, base: number, from: number, out: Citation[]): number {
  let bodyStart = from;
  while (bodyStart < sub.length && isRegexSpace(sub.charCodeAt(bodyStart))) bodyStart++;
  const end = sentenceEnd(sub, bodyStart);
  const c = collapse(sub, bodyStart, end);
  const s = c.text;
  const prefix = NON_MTUS_PREFIX_RE.exec(s);
  if (prefix) {
    for (const p of cut(s, prefix[0].length, s.length, NON_MTUS_SPLIT_RE)) {
      out.push(guideline(sub, base, c, p, parseNonMtus(s.slice(p.start, p.end))));
    }
  } else {
    // The first citation keeps its `MTUS`; the ones after it are named by title alone.
    for (const p of cut(s, 0, s.length, MTUS_SPLIT_RE)) {
      out.push(guideline(sub, base, c, p, parseMtus(s.slice(p.start, p.end))));
    }
  }
  return end;
}

function familyOfMention(core: string): GuidelineFamily {
  if (core.includes('MTUS')) return 'MTUS';
  if (core.includes('ACOEM') || core.startsWith('American')) return 'ACOEM';
  return 'ODG';
}

/** A guideline named in passing (`m` matched its name, group 4); returns where the mention ends. */
function namedInPassing(sub: string, base: number, m: RegExpExecArray, out: Citation[]): number {
  const name = m[4]!;
  FREE_TAIL_RE.lastIndex = m.index + name.length;
  const tail = FREE_TAIL_RE.exec(sub);
  const length = name.length + (tail ? tail[0].length : 0);
  const start = base + m.index;
  const entity: { -readonly [K in keyof GuidelineEntity]: GuidelineEntity[K] } = {
    kind: 'guideline',
    family: familyOfMention(name),
    start,
    end: start + length,
    text: sub.slice(m.index, m.index + length),
  };
  const year = YEAR_RE.exec(name)?.[1] ?? tail?.[1] ?? tail?.[3];
  if (year) entity.year = Number(year);
  if (tail?.[2]) {
    const title = tail[2].replace(/\s+/g, ' ');
    entity.title = entity.family === 'MTUS' ? canonicalTitle(title) : title;
  }
  out.push(entity);
  return m.index + length;
}

/** Where `word` starts if it ends, after one or more spaces, at `end`; -1 if it does not. */
function wordBefore(s: string, end: number, word: string): number {
  let i = end;
  while (i > 0 && isRegexSpace(s.charCodeAt(i - 1))) i--;
  return i < end && s.startsWith(word, i - word.length) ? i - word.length : -1;
}

/** The words of `did not cite any medical evidence` before `evidence`, last first. */
const DID_NOT_CITE_WORDS = ['medical', 'any', 'cite', 'not', 'did'];

/** Where `did not cite any medical evidence` starts if its `videnc` is at `at` (-1 if it cannot). */
function didNotCiteStart(s: string, at: number): number {
  if (at < 1 || s.charCodeAt(at - 1) !== 101 /* e */) return -1;
  let start = at - 1;
  for (let w = 0; w < DID_NOT_CITE_WORDS.length && start >= 0; w++) start = wordBefore(s, start, DID_NOT_CITE_WORDS[w]!);
  return start;
}

/** Where the next anchor holding `key` starts at or after `from` (Infinity when there is none). */
function nextKeyAt(s: string, key: AnchorKey, from: number): number {
  const { word, lead, startBefore } = key;
  if (!startBefore) {
    const found = s.indexOf(word, from + lead);
    return found < 0 ? Infinity : found - lead;
  }
  // An occurrence whose anchor started before `from`, or that is in none, is passed over.
  for (let found = s.indexOf(word, from); found >= 0; found = s.indexOf(word, found + 1)) {
    const start = startBefore(s, found);
    if (start >= from) return start;
  }
  return Infinity;
}

/**
 * The anchor holding the key word whose anchor would start at `at`, tried where it can start no
 * earlier than `min`. An anchor holding a guideline's name (`named`) can start before it: at
 * `outside of the`, or at `CA`/`California` followed by one to three spaces or dashes and at a
 * year followed by spaces. These are found by reading backwards, and the earliest start is tried
 * first, as a left-to-right scan would.
 */
function anchorAt(s: string, at: number, named: boolean, min: number): RegExpExecArray | null {
  if (named) {
    const the = wordBefore(s, at, 'the');
    const of = the < 0 ? -1 : wordBefore(s, the, 'of');
    const outside = of < 0 ? -1 : wordBefore(s, of, 'outside');
    // Before a name there is either `the` or a year and `CA`, never both: at most one of these runs.
    if (outside >= 0) return execAt(s, outside, min) ?? execAt(s, at, min);
    let i = at;
    while (i > 0 && isRegexSpace(s.charCodeAt(i - 1))) i--;
    const year = i < at && i >= 4 && isYearAt(s, i - 4) ? i - 4 : -1;
    const afterCa = year >= 0 ? year : at;
    // Only a run of one to three spaces or dashes can follow `CA`.
    let r = afterCa;
    while (r > 0 && afterCa - r < 4 && (isRegexSpace(s.charCodeAt(r - 1)) || s.charCodeAt(r - 1) === 45)) r--;
    const run = afterCa - r;
    const ca = run < 1 || run > 3 ? -1 : s.startsWith('CA', r - 2) ? r - 2 : s.startsWith('California', r - 10) ? r - 10 : -1;
    return execAt(s, ca, min) ?? execAt(s, year, min) ?? execAt(s, at, min);
  }
  return execAt(s, at, min);
}

/** The anchor starting at `at`, if `at` is a position (not -1) at or after `min`. */
function execAt(s: string, at: number, min: number): RegExpExecArray | null {
  if (at < min || at < 0) return null;
  ANCHOR_AT.lastIndex = at;
  return ANCHOR_AT.exec(s);
}

/**
 * A literature citation's closing parenthesis is the first one after its opening one, and a year
 * (with maybe a letter) comes just before it; other parentheses are passed over without trying the
 * regex, whose author part is slow to fail.
 */
function findLiterature(sub: string, base: number, out: Citation[]): void {
  let close = -1;
  for (let open = sub.indexOf('('); open >= 0; open = sub.indexOf('(', open + 1)) {
    if (close < open) close = sub.indexOf(')', open);
    if (close < 0) return;
    if (!endsWithYear(sub, close)) continue;
    LITERATURE_AT.lastIndex = open;
    const m = LITERATURE_AT.exec(sub);
    if (!m) continue;
    const author = m[1]!.replace(/\s+/g, ' ').replace(/\set al\.?$/, '');
    const firstWord = author.split(' ')[0]!;
    open = LITERATURE_AT.lastIndex - 1;
    if (MONTHS.has(firstWord) || NOT_AUTHORS.has(firstWord)) continue;
    const start = base + m.index;
    out.push({ kind: 'literature', start, end: start + m[0].length, text: m[0], author, year: Number(m[2]) });
  }
}

/** Whether a year, maybe followed by a lower-case letter, ends at `end`. */
function endsWithYear(s: string, end: number): boolean {
  const c = s.charCodeAt(end - 1);
  const yearEnd = c >= 97 && c <= 122 ? end - 1 : end;
  return yearEnd >= 4 && isYearAt(s, yearEnd - 4);
}

/**
 * The anchors of `sub`, found from their key words (`ANCHOR_KEYS`) and handed to `onAnchor`, which
 * says where the next may start at the earliest (the anchor's end, or past what it read after it).
 */
function scanAnchors(sub: string, onAnchor: (m: RegExpExecArray) => number): void {
  // Where each key's next occurrence puts its anchor's start (Infinity when there is none left).
  const keyAt: number[] = ANCHOR_KEYS.map(() => -1);
  // Anchors start at `lastIndex` at the earliest, as in a global scan; keys before `from` are done.
  let lastIndex = 0;
  let from = 0;
  for (;;) {
    let key = -1;
    let at = Infinity;
    for (let k = 0; k < ANCHOR_KEYS.length; k++) {
      if (keyAt[k]! < from) keyAt[k] = nextKeyAt(sub, ANCHOR_KEYS[k]!, from);
      if (keyAt[k]! < at) {
        at = keyAt[k]!;
        key = k;
      }
    }
    if (key < 0) break;
    from = at + 1;
    const m = anchorAt(sub, at, ANCHOR_KEYS[key]!.named, lastIndex);
    if (!m) continue;
    lastIndex = onAnchor(m);
    from = Math.max(from, lastIndex);
  }
}

/**
 * The anchor regex, and its matches as the key words find them (each from the previous one's end):
 * what the prefilter test compares with a plain global scan. `ANCHOR_KEYS` is written by hand: an
 * anchor that holds none of its words fails that test until a word is added.
 */
export function anchorFastPath(): { readonly patterns: readonly RegExp[]; readonly names: readonly string[]; find(text: string): [number, number][][] } {
  return {
    patterns: [new RegExp(ANCHOR_AT.source, 'g')],
    names: ['citations anchor'],
    find(text) {
      const found: [number, number][] = [];
      scanAnchors(text, (m) => {
        found.push([m.index, m.index + m[0].length]);
        return m.index + m[0].length;
      });
      return [found];
    },
  };
}

/** `Non-` just before a guideline's name: `Non-MTUS guidelines`. */
const NON_BEFORE_RE = /Non[\s-]{0,2}$/;

/**
 * Guideline citations (with family, title, year, sections, pages, topic as far as written) and
 * author–year literature citations in `text` (or only in `range` of it), ordered by start. Offsets
 * are into `text`. A guideline span never includes `Decision based on`, `Non-MTUS Citation` or the
 * final period.
 */
export function findCitations(text: string, range?: Range): Citation[] {
  const { sub, base } = sliceOf(text, range);
  const out: Citation[] = [];
  scanAnchors(sub, (m) => {
    let lastIndex = m.index + m[0].length;
    if (m[1] !== undefined) {
      const start = base + m.index;
      out.push({ kind: 'guideline', family: 'none', start, end: start + m[1].length, text: m[1] });
    } else if (m[2] !== undefined) {
      lastIndex = Math.max(lastIndex, readSentence(sub, base, m.index + m[2].length, out));
    } else if (m[4] !== undefined) {
      // `Non-MTUS guidelines` in a rationale names no guideline.
      if (!NON_BEFORE_RE.test(sub.slice(Math.max(0, m.index - 5), m.index))) lastIndex = namedInPassing(sub, base, m, out);
    }
    return lastIndex;
  });
  findLiterature(sub, base, out);
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out.filter((e) => !cutByRange(text, range, e));
}
