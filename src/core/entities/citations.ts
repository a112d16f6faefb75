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
 * One global regex finds the anchors; a `Decision based on` sentence is then read within a bounded
 * window, its whitespace collapsed (lines wrap anywhere), and the scan resumes after it, so the
 * whole pass stays linear in the text length.
 */

import type { GuidelineEntity, GuidelineFamily, LiteratureEntity, Range } from '../model';

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
 * Guidelines" (not a citation, skipped), group 4 a guideline named in passing.
 */
const ANCHOR_RE = new RegExp(
  String.raw`\b(?:(did\s+not\s+cite\s+any\s+medical\s+evidence)|(Decision\s+based\s+on)\s+(?=MTUS\b|Non\s?-?\s?MTUS\b)` +
    String.raw`|(outside\s+of\s+the\s+MTUS\s+Guidelines)` +
    String.raw`|((?:(?:CA|California)[\s-]{1,3})?(?:(?:19|20)\d\d\s+)?${FREE_CORE}))`,
  'g',
);

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
const LITERATURE_RE = new RegExp(
  String.raw`\(((?:(?:van|von|de|der|del|da|di|la|le|du)\s+)?[A-Z][\w'\u2019/&-]{0,40}` +
    String.raw`(?:\s+(?:and|&)\s+[A-Z][\w'\u2019/&-]{0,40}|\s+[A-Z][\w'\u2019/&-]{0,40})?` +
    String.raw`(?:\s+et\s+al\.?)?),?\s+((?:19|20)\d\d)[a-z]?\)`,
  'g',
);

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

/** A stretch of text with its whitespace runs collapsed to one space, and where each character came from. */
interface Collapsed {
  readonly text: string;
  /** `map[i]` is the offset in the original of `text[i]`. */
  readonly map: readonly number[];
}

function collapse(source: string, start: number, end: number): Collapsed {
  let out = '';
  const map: number[] = [];
  let pendingSpace = -1;
  for (let i = start; i < end; i++) {
    const ch = source.charAt(i);
    if (/\s/.test(ch)) {
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0 && out.length > 0) {
      out += ' ';
      map.push(pendingSpace);
    }
    pendingSpace = -1;
    out += ch;
    map.push(i);
  }
  return { text: out, map };
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
    const next = /\S/.exec(sub.slice(m.index + 1, m.index + 12));
    if (next && /[a-z0-9]/.test(next[0])) continue;
    return m.index;
  }
  return limit;
}

interface Piece {
  /** Offsets into the collapsed sentence. */
  readonly start: number;
  readonly end: number;
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
    while (start < end && /[\s,;:.\-\u2013]/.test(s.charAt(start))) start++;
    while (end > start && /[\s,;:.\-\u2013]/.test(s.charAt(end - 1))) end--;
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

/** `Section(s):` values; commas inside a value (`TENS, chronic pain (...)`, `Forearm, Wrist, & Hand`) are kept. */
function splitSections(value: string): string[] {
  const s = trimEnds(value, ' .,;');
  if (!s) return [];
  const numbered = /^\d+(?:\.\d+)*\.?\s/.test(s);
  const sections: string[] = [];
  let from = 0;
  const splitter = /,\s?/g;
  for (let m = splitter.exec(s); m; m = splitter.exec(s)) {
    const next = s.slice(m.index + m[0].length, m.index + m[0].length + 12);
    const prevWord = s.slice(from, m.index).trim().split(' ').pop() ?? '';
    const splits = numbered
      ? /^\d+(?:\.\d+)*\.?\s/.test(next)
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
  while (start < end && (chars.includes(s.charAt(start)) || /\s/.test(s.charAt(start)))) start++;
  while (end > start && (chars.includes(s.charAt(end - 1)) || /\s/.test(s.charAt(end - 1)))) end--;
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

/** One MTUS citation: `Low Back Complaints 2004, Section(s): Special Studies`. */
function parseMtus(s: string): Draft {
  const title = MTUS_TITLE_AT_START_RE.exec(s);
  const sectionAt = s.indexOf(SECTION_LABEL);
  const head = sectionAt >= 0 ? s.slice(0, sectionAt) : s;
  const yearMatch = YEAR_RE.exec(head);
  const sections = sectionAt >= 0 ? splitSections(before(s.slice(sectionAt + SECTION_LABEL.length), PAGES_LABEL)) : [];
  const pages = pagesOf(s);
  // Older letters name a topic after the title: `Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 54`.
  let topic: string | undefined;
  let rest = head.replace(/^MTUS\s?/, '');
  if (title) rest = rest.slice(title[1]!.length);
  rest = before(rest, PAGES_LABEL);
  const page = INLINE_PAGE_RE.exec(rest);
  if (page) rest = rest.slice(0, page.index);
  rest = trimEnds(rest.replace(WRITTEN_YEAR_RE, '').replace(/\b[Gg]uidelines?\b/, ''), ' :,;');
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
    const ch = s.charAt(i);
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    const separates =
      ch === ',' || ch === ';' || ch === ':' ||
      ((ch === '-' || ch === '\u2013') && (s.charAt(i - 1) === ' ' || s.charAt(i + 1) === ' ')) ||
      (ch === '/' && (s.charAt(i + 1) === ' ' || /(?:[Ss]ection|[Cc]hapter)$/.test(s.slice(Math.max(0, i - 7), i))));
    if (!separates) continue;
    parts.push(s.slice(from, i).trim());
    from = i + 1;
  }
  parts.push(s.slice(from).trim());
  return parts.filter((p) => p.length > 0);
}

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
  const chunks = topLevelParts(rest.replace(/\((?:updated|Updated)[^)]{0,20}\)/g, ',').replace(/\((?:Online|Web) [Vv]ersion\)/g, ','))
    .map((c) => before(c, ' Procedure Summary').replace(TRAILING_LABEL_RE, '').trim())
    .filter((c) => c.length > 0 && !FILLER_CHUNK_RE.test(c));
  // ODG's hand chapter has commas in its name.
  const hand = /^Forearm,?\s?Wrist,?\s?(?:&|and)\s?Hand\b/i.exec(chunks.slice(0, 3).join(', '));
  if (hand) chunks.splice(0, hand[0].split(',').length, hand[0]);
  const topics = chunks.slice(1);
  if (chunks.length > 0) {
    // `Low Back (Shock wave therapy)`: the body part, then its topic in parentheses.
    const first = chunks[0]!;
    const open = first.endsWith(')') ? first.indexOf('(') : -1;
    if (open > 0) {
      draft.title = first.slice(0, open).trim();
      const inner = first.slice(open + 1, closingParen(first, open));
      if (!/^(?:Acute|Chronic|Thoracic|Lumbar)/.test(inner)) topics.unshift(inner);
    } else {
      draft.title = chunks[0]!;
    }
  }
  if (topics.length > 0) draft.topic = topics.join(', ');
  return draft;
}

function guideline(sub: string, base: number, c: Collapsed, p: Piece, draft: Draft): GuidelineEntity {
  const start = c.map[p.start]!;
  const end = c.map[p.end - 1]! + 1;
  return { kind: 'guideline', start: base + start, end: base + end, text: sub.slice(start, end), ...draft };
}

/** The citations of one `Decision based on` sentence; `from` is just after `Decision based on`. */
function readSentence(sub: string, base: number, from: number, out: Citation[]): number {
  let bodyStart = from;
  while (bodyStart < sub.length && /\s/.test(sub.charAt(bodyStart))) bodyStart++;
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

function findLiterature(sub: string, base: number, out: Citation[]): void {
  LITERATURE_RE.lastIndex = 0;
  for (let m = LITERATURE_RE.exec(sub); m; m = LITERATURE_RE.exec(sub)) {
    const author = m[1]!.replace(/\s+/g, ' ').replace(/\set al\.?$/, '');
    const firstWord = author.split(' ')[0]!;
    if (MONTHS.has(firstWord) || NOT_AUTHORS.has(firstWord)) continue;
    const start = base + m.index;
    out.push({ kind: 'literature', start, end: start + m[0].length, text: m[0], author, year: Number(m[2]) });
  }
}

/**
 * Guideline citations (with family, title, year, sections, pages, topic as far as written) and
 * author–year literature citations in `text` (or only in `range` of it), ordered by start. Offsets
 * are into `text`. A guideline span never includes `Decision based on`, `Non-MTUS Citation` or the
 * final period.
 */
export function findCitations(text: string, range?: Range): Citation[] {
  const { sub, base } = sliceOf(text, range);
  const out: Citation[] = [];
  ANCHOR_RE.lastIndex = 0;
  for (let m = ANCHOR_RE.exec(sub); m; m = ANCHOR_RE.exec(sub)) {
    if (m[1] !== undefined) {
      const start = base + m.index;
      out.push({ kind: 'guideline', family: 'none', start, end: start + m[1].length, text: m[1] });
    } else if (m[2] !== undefined) {
      ANCHOR_RE.lastIndex = Math.max(ANCHOR_RE.lastIndex, readSentence(sub, base, m.index + m[2].length, out));
    } else if (m[4] !== undefined) {
      // `Non-MTUS guidelines` in a rationale names no guideline.
      if (/Non[\s-]{0,2}$/.test(sub.slice(Math.max(0, m.index - 5), m.index))) continue;
      FREE_TAIL_RE.lastIndex = m.index + m[4].length;
      const tail = FREE_TAIL_RE.exec(sub);
      const length = m[4].length + (tail ? tail[0].length : 0);
      ANCHOR_RE.lastIndex = m.index + length;
      const start = base + m.index;
      const entity: { -readonly [K in keyof GuidelineEntity]: GuidelineEntity[K] } = {
        kind: 'guideline',
        family: familyOfMention(m[4]),
        start,
        end: start + length,
        text: sub.slice(m.index, m.index + length),
      };
      const year = YEAR_RE.exec(m[4])?.[1] ?? tail?.[1] ?? tail?.[3];
      if (year) entity.year = Number(year);
      if (tail?.[2]) {
        const title = tail[2].replace(/\s+/g, ' ');
        entity.title = entity.family === 'MTUS' ? canonicalTitle(title) : title;
      }
      out.push(entity);
    }
  }
  findLiterature(sub, base, out);
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out.filter((e) => !cutByRange(text, range, e));
}
