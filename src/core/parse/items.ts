/**
 * Disputed items: each item line with its outcome, and the guideline and rationale blocks under it.
 *
 * An item is anchored by its outcome (`Valium 5 mg #24: Upheld`, or `Upheld` alone under a wrapped
 * item line) or, when the outcome is missing, by a label that cannot belong to the item before it.
 * Its name runs back from the anchor to the previous sentence end or paragraph break, so item lines
 * wrapped over several lines and partial approvals are read whole.
 */

import { isRegexSpace, isTextSpace } from '../chars';
import type { Item, LabeledBlock, Outcome, PartialApproval, Range, TextBlock } from '../model';
import { blockFromNormalized, type ContentLine, normalize, type NormalizedText, textBlock } from './lines';
import { beginGate, mayBeginAs, readAs } from './misread';
import { headingKind } from './sections';

export type LabelKind = 'claimsGuideline' | 'maximusGuideline' | 'rationale';

/** The block labels an item's blocks start with (see `matchLabel`). */
export const LABELS: ReadonlyArray<{ kind: LabelKind; words: string; order: number }> = [
  { kind: 'claimsGuideline', words: 'claims administrator guideline', order: 0 },
  { kind: 'maximusGuideline', words: 'maximus guideline', order: 1 },
  { kind: 'rationale', words: 'decision rationale', order: 2 },
];

/** How many lines an item line may be wrapped over (partial approvals are the longest). */
const MAX_HEADING_LINES = 8;

interface LabelMatch {
  readonly kind: LabelKind;
  readonly order: number;
  /** The label text, e.g. `Decision rationale:`, without markdown markers. */
  readonly label: Range;
  /** Where the body may start (after the colon and any closing `**`). */
  readonly bodyStart: number;
}

/**
 * Each label's first letters (at most three, before any space), read from LABELS so that a label
 * added there is the only edit: a line that begins with none of them is skipped cheaply.
 */
const LABEL_PREFIXES: readonly string[] = [...new Set(LABELS.map(({ words }) => words.split(' ')[0]!.slice(0, 3)))];

/** The labels' words, in order: for the prefilter test. */
export const LABEL_WORDS: readonly string[] = LABELS.map(({ words }) => words);

/** How a misread label may begin (see `misreadLabel`). */
const LABEL_GATE = beginGate(LABEL_WORDS);

/** Whether `text` at `i` begins with one of {@link LABEL_PREFIXES}, in any case. */
function mayBeLabel(text: string, i: number): boolean {
  for (const prefix of LABEL_PREFIXES) {
    let k = 0;
    while (k < prefix.length && (text.charCodeAt(i + k) | 0x20) === prefix.charCodeAt(k)) k++;
    if (k === prefix.length) return true;
  }
  return false;
}

/**
 * A label at the start of a content line, tolerant of `**bold**`, case and spacing. With `gated`
 * false, every label is tried (no prefilter): what the prefilter test compares with.
 */
export function matchLabel(line: ContentLine, gated = true): LabelMatch | undefined {
  const text = line.text;
  let i = 0;
  while (text[i] === '*' || text[i] === '<' ) {
    if (text.startsWith('<b>', i) || text.startsWith('<B>', i)) i += 3;
    else if (text[i] === '*') i++;
    else break;
  }
  if (!gated || mayBeLabel(text, i)) {
    for (const label of LABELS) {
      if (!startsWithWords(text, i, label.words)) continue;
      // Map the normalised length back to the raw text (spaces may be runs).
      let raw = i;
      let matched = 0;
      while (matched < label.words.length && raw < text.length) {
        if (isTextSpace(text.charCodeAt(raw))) {
          while (raw < text.length && isTextSpace(text.charCodeAt(raw))) raw++;
          matched++;
        } else {
          raw++;
          matched++;
        }
      }
      let j = raw;
      while (j < text.length && text[j] === ' ') j++;
      if (text[j] !== ':' && text[j] !== '*' && j < text.length && isAsciiAlphanumeric(text.charCodeAt(j))) return undefined;
      return labelEndingAt(line, label, i, raw);
    }
  }
  return misreadLabel(line, i, gated);
}

/** The match of `label`, whose words run from `i` to `raw` in the line: its colon and closing markup read after them. */
function labelEndingAt(line: ContentLine, label: (typeof LABELS)[number], i: number, raw: number): LabelMatch {
  const text = line.text;
  let labelEnd = raw;
  let j = raw;
  while (j < text.length && text[j] === ' ') j++;
  if (text[j] === ':') labelEnd = j + 1;
  let bodyStart = labelEnd;
  while (bodyStart < text.length && (text[bodyStart] === '*' || text.startsWith('</b>', bodyStart))) {
    bodyStart += text[bodyStart] === '*' ? 1 : 4;
  }
  if (text[bodyStart] === ':' && text[labelEnd - 1] !== ':') {
    // `**Decision rationale**:` — colon after the bold marker.
    bodyStart++;
  }
  return {
    kind: label.kind,
    order: label.order,
    label: { start: line.start + i, end: line.start + labelEnd },
    bodyStart: line.start + bodyStart,
  };
}

/**
 * A label one edit from its words (`Decision rationa1e:`, `MAXlMUS guideline:`, `Claims Administrator
 * guide line:`): the words from `i` to a colon within `LABEL_WINDOW` characters, less a closing `**`
 * or `</b>`. Only before a colon, where a label stands: a sentence that begins like a label is not one.
 */
function misreadLabel(line: ContentLine, i: number, gated: boolean): LabelMatch | undefined {
  const text = line.text;
  const limit = Math.min(text.length, i + LABEL_WINDOW);
  // Most lines begin as no label can, even misread: rejected before the colon is looked for.
  if (gated && !mayBeginAs(text, i, limit, 1, LABEL_GATE)) return undefined;
  let colon = i;
  while (colon < limit && text.charCodeAt(colon) !== 58 /* : */) colon++;
  if (colon >= limit) return undefined;
  let raw = colon;
  while (raw > i && (text[raw - 1] === ' ' || text[raw - 1] === '*')) raw--;
  if (text.slice(Math.max(i, raw - 4), raw).toLowerCase() === '</b>') raw -= 4;
  while (raw > i && isTextSpace(text.charCodeAt(raw - 1))) raw--;
  if (raw <= i) return undefined;
  const written = text.slice(i, raw);
  for (const label of LABELS) {
    const read = readAs(written, label.words);
    if (read && read !== 'same') return labelEndingAt(line, label, i, raw);
  }
  return undefined;
}

/** How far into a line `matchLabel` reads the label's words (whitespace runs included). */
const LABEL_WINDOW = 40;

/**
 * Whether `text` from `start` reads `words` (lower-case ASCII letters and single spaces), in any case and
 * with any run of whitespace (`\s`) for each space, within `LABEL_WINDOW` characters: what
 * `text.slice(start, start + 40).toLowerCase().replace(/\s+/g, ' ').startsWith(words)` says, without the
 * strings. `toLowerCase` turns no other character into ASCII but the Kelvin sign (into `k`, in no label)
 * and `İ` (into `i` and a combining dot, which no label has).
 */
function startsWithWords(text: string, start: number, words: string): boolean {
  const limit = Math.min(text.length, start + LABEL_WINDOW);
  let at = start;
  for (let w = 0; w < words.length; w++) {
    if (at >= limit) return false;
    const expected = words.charCodeAt(w);
    const code = text.charCodeAt(at);
    if (expected === 32) {
      if (!isRegexSpace(code)) return false;
      while (at < limit && isRegexSpace(text.charCodeAt(at))) at++;
    } else {
      if (code !== expected && code !== expected - 32) return false;
      at++;
    }
  }
  return true;
}

/** `[A-Za-z0-9]`. */
function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 122);
}

/**
 * Whether `text[end - word.length, end)` is `word` (lower-case ASCII letters) in any case: what
 * `text.slice(end - 10, end).toLowerCase().endsWith(word)` says for words of at most 10 letters, without
 * the strings (see `startsWithWords` for the characters `toLowerCase` could turn into ASCII).
 */
function endsWithWord(text: string, end: number, word: string): boolean {
  const start = end - word.length;
  if (start < 0) return false;
  for (let i = 0; i < word.length; i++) {
    const code = text.charCodeAt(start + i);
    const expected = word.charCodeAt(i);
    if (code !== expected && code !== expected - 32) return false;
  }
  return true;
}

export const OUTCOME_WORDS: ReadonlyArray<{ word: string; outcome: Outcome }> = [
  { word: 'upheld', outcome: 'upheld' },
  { word: 'overturned', outcome: 'overturned' },
];

export interface OutcomeMatch {
  readonly outcome: Outcome;
  /** The outcome word as written, with trailing punctuation (`Upheld`, `overturned.`). */
  readonly range: Range;
  /** Where the item name ends on this line (before the colon); equal to the line start when the line is only the outcome. */
  readonly nameEnd: number;
  /** True when the line holds only the outcome (the item line wrapped before it). */
  readonly alone: boolean;
}

/**
 * The outcome at the end of a content line: `...: Upheld`, `...:** Upheld`, `... :  OVERTURNED.`,
 * or the line `Upheld` alone; failing that, a word there one edit from an outcome word (`Upheid`,
 * `0verturned`: see {@link misreadOutcome}). Scans from the end by hand: no regex that could backtrack on
 * long lines. With `gated` false, the misread words are looked for on every line (no prefilter): what
 * the prefilter test compares with.
 */
export function matchOutcome(line: ContentLine, gated = true): OutcomeMatch | undefined {
  const text = line.text;
  let end = text.length;
  while (end > 0 && (text[end - 1] === '*' || isTextSpace(text.charCodeAt(end - 1)) || text[end - 1] === '.' || text[end - 1] === '!' || text[end - 1] === ';' || text[end - 1] === ',')) end--;
  // Both outcome words end in `d`: most lines are rejected here, before any string is made.
  if ((text.charCodeAt(end - 1) | 0x20) === 0x64 || !gated) {
    for (const { word, outcome } of OUTCOME_WORDS) {
      if (!endsWithWord(text, end, word)) continue;
      const wordStart = end - word.length;
      // `XUpheld`: not this word, but perhaps one misread (a stray character before it).
      if (wordStart > 0 && isAsciiAlphanumeric(text.charCodeAt(wordStart - 1))) break;
      return outcomeAt(line, outcome, wordStart, end);
    }
  }
  return misreadOutcome(line, end, gated);
}

/** The outcome word at `[wordStart, end)` of the line, if it ends the item line (after a colon) or is alone on it. */
function outcomeAt(line: ContentLine, outcome: Outcome, wordStart: number, end: number): OutcomeMatch | undefined {
  const text = line.text;
  let punctEnd = end;
  while (punctEnd < text.length && (text[punctEnd] === '.' || text[punctEnd] === '!')) punctEnd++;
  const range = { start: line.start + wordStart, end: line.start + punctEnd };
  let k = wordStart;
  while (k > 0 && (isTextSpace(text.charCodeAt(k - 1)) || text[k - 1] === '*')) k--;
  if (k === 0) return { outcome, range, nameEnd: line.start, alone: true };
  if (text[k - 1] !== ':') return undefined;
  let nameEnd = k - 1;
  while (nameEnd > 0 && (isTextSpace(text.charCodeAt(nameEnd - 1)) || text[nameEnd - 1] === '*')) nameEnd--;
  return { outcome, range, nameEnd: line.start + nameEnd, alone: false };
}

/** The outcome words' shortest and longest lengths, one edit either way: a misread word is within them. */
const MISREAD_OUTCOME_MIN = Math.min(...OUTCOME_WORDS.map(({ word }) => word.length)) - 1;
const MISREAD_OUTCOME_MAX = Math.max(...OUTCOME_WORDS.map(({ word }) => word.length)) + 1;
/** How a misread outcome word may end (read backwards: see `mayBeginAs`). */
const OUTCOME_ENDS = beginGate(OUTCOME_WORDS.map(({ word }) => [...word].reverse().join('')));

/**
 * A word one edit from an outcome word where the outcome goes (the line's last word, after a colon or
 * alone): `Upheid`, `OVERTURNEO`, `0verturned`, `Uphe|d`. The word runs back from `end` to a space,
 * `*` or `:`. Only where an outcome stands: a prose word one letter from `upheld` is never read as one.
 */
function misreadOutcome(line: ContentLine, end: number, gated: boolean): OutcomeMatch | undefined {
  const text = line.text;
  // Most lines end as no outcome word can, even misread: rejected by their last characters.
  if (gated && !mayBeginAs(text, end - 1, Math.max(-1, end - 1 - MISREAD_OUTCOME_MAX), -1, OUTCOME_ENDS)) return undefined;
  let wordStart = end;
  while (wordStart > 0 && end - wordStart <= MISREAD_OUTCOME_MAX && !isTextSpace(text.charCodeAt(wordStart - 1)) && text[wordStart - 1] !== '*' && text[wordStart - 1] !== ':') wordStart--;
  const length = end - wordStart;
  if (gated && (length < MISREAD_OUTCOME_MIN || length > MISREAD_OUTCOME_MAX)) return undefined;
  if (wordStart > 0 && !isTextSpace(text.charCodeAt(wordStart - 1)) && text[wordStart - 1] !== '*' && text[wordStart - 1] !== ':') return undefined;
  // Where an outcome stands (after the item line's colon, or alone), as `outcomeAt` requires: most lines end otherwise.
  let k = wordStart;
  while (k > 0 && (isTextSpace(text.charCodeAt(k - 1)) || text[k - 1] === '*')) k--;
  if (k > 0 && text[k - 1] !== ':') return undefined;
  const written = text.slice(wordStart, end);
  for (const { word, outcome } of OUTCOME_WORDS) {
    const read = readAs(written, word);
    if (read && read !== 'same' && read.start === 0 && read.end === written.length) return outcomeAt(line, outcome, wordStart, end);
  }
  return undefined;
}

/** How the line that introduces the items begins (in any case); it ends with a colon. */
export const INTRO_WORDS = 'the final determination was based on decisions';
const INTRO = new RegExp(`^${INTRO_WORDS}`, 'i');

function isIntroLine(line: ContentLine): boolean {
  if ((line.text.charCodeAt(0) | 0x20) !== INTRO_WORDS.charCodeAt(0)) return false;
  return INTRO.test(line.text);
}

/** A line that ends a sentence: its last visible character closes one (`.`, `?`, `!`, `."`, `.)`). */
function endsSentence(text: string): boolean {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '"' || text[end - 1] === '\u201d' || text[end - 1] === ')' || text[end - 1] === '*')) end--;
  const last = text[end - 1];
  return last === '.' || last === '?' || last === '!' || last === ':';
}

interface Anchor {
  /** Index of the first content line of the anchor (the outcome line, or the line it completes). */
  readonly lineIndex: number;
  readonly outcome?: OutcomeMatch;
  /** For label-anchored items: the label line. */
  readonly label?: LabelMatch;
}

interface Context {
  readonly text: string;
  readonly lines: readonly ContentLine[];
  readonly lineGap: number;
  /** Per line: 0 not yet known, 1 not a hard stop, 2 a hard stop (`findItems` classifies each line once). */
  readonly hardStops: Uint8Array;
}

/** A line an item line cannot run across: a label, a heading, the intro line or an outcome line. */
function isHardStop(ctx: Context, index: number): boolean {
  let known = ctx.hardStops[index]!;
  if (known === 0) {
    const line = ctx.lines[index]!;
    known = matchLabel(line) !== undefined || headingKind(ctx.text, line) !== undefined || isIntroLine(line) || matchOutcome(line) !== undefined ? 2 : 1;
    ctx.hardStops[index] = known;
  }
  return known === 2;
}

function isParagraphBreak(ctx: Context, line: ContentLine): boolean {
  return line.gapBefore > ctx.lineGap;
}

/**
 * The first content line of an item line that ends at `lastIndex` (inclusive), not going above `floor`.
 * `lastIncluded` says whether line `lastIndex` is already known to be part of the item line.
 */
function headingStart(ctx: Context, lastIndex: number, floor: number): number {
  let i = lastIndex;
  const partialStart = (): number => {
    // Partial approvals: "X was the original request. Y was authorized ... The remaining ..., Z is: Upheld"
    // may break lines after a sentence; keep going back to the sentence that names the original request.
    let j = i;
    for (let steps = 0; steps < MAX_HEADING_LINES && j - 1 >= floor; steps++) {
      const prev = ctx.lines[j - 1]!;
      if (isHardStop(ctx, j - 1)) break;
      j--;
      // The phrase may be cut by a line break (and OCR's blank line): read it across the two lines.
      if (/was the original request/i.test(prev.text) || /was the original request/i.test(`${prev.text} ${ctx.lines[j + 1]!.text}`)) {
        while (j - 1 >= floor && !isHardStop(ctx, j - 1) && !endsSentence(ctx.lines[j - 1]!.text) && !isParagraphBreak(ctx, ctx.lines[j]!) && i - j < MAX_HEADING_LINES) j--;
        return j;
      }
    }
    return i;
  };
  while (i - 1 >= floor && lastIndex - (i - 1) < MAX_HEADING_LINES) {
    const prev = ctx.lines[i - 1]!;
    if (isHardStop(ctx, i - 1) || endsSentence(prev.text) || isParagraphBreak(ctx, ctx.lines[i]!)) break;
    i--;
  }
  const joined = ctx.lines.slice(i, lastIndex + 1).map((l) => l.text).join(' ');
  if (/original request/i.test(joined) && !/was the original request/i.test(joined)) return partialStart();
  // A partial approval's last sentence cut from its start by a blank line (OCR double-spaces some pages):
  // `... portion of the original request, continuation` / blank / `for left hand therapy ... is: Upheld`.
  if (i - 1 >= floor && i === lastIndex && isParagraphBreak(ctx, ctx.lines[i]!) && !isHardStop(ctx, i - 1) && !endsSentence(ctx.lines[i - 1]!.text) && /original request,/i.test(ctx.lines[i - 1]!.text)) {
    return partialStart();
  }
  return i;
}

/** Cuts the name, and for partial approvals the three requests, out of the normalised item line. */
function readName(heading: NormalizedText, nameEnd: number): { name: TextBlock | undefined; partial?: PartialApproval } {
  const full = heading.text.slice(0, nameEnd);
  const lower = full.toLowerCase();
  const originalAt = lower.lastIndexOf('original request,');
  const wasOriginal = lower.indexOf(' was the original request');
  if (originalAt < 0 && wasOriginal < 0) {
    return { name: blockFromNormalized(heading, 0, nameEnd) };
  }
  const partial: { original?: TextBlock; authorized?: TextBlock; remaining?: TextBlock } = {};
  if (wasOriginal >= 0) {
    partial.original = blockFromNormalized(heading, 0, wasOriginal);
  }
  const authorizedBy = lower.indexOf(' was authorized by the claims administrator');
  if (authorizedBy >= 0) {
    const from = wasOriginal >= 0 ? sentenceAfter(lower, wasOriginal) : 0;
    partial.authorized = blockFromNormalized(heading, from, authorizedBy);
  } else {
    const authorizedAt = lower.indexOf('claims administrator authorized ');
    if (authorizedAt >= 0) {
      const from = authorizedAt + 'claims administrator authorized '.length;
      let to = lower.indexOf(', leaving', from);
      if (to < 0) to = lower.indexOf('. ', from);
      if (to < 0) to = nameEnd;
      partial.authorized = blockFromNormalized(heading, from, to);
    }
  }
  let name: TextBlock | undefined;
  if (originalAt >= 0) {
    let to = nameEnd;
    if (lower.slice(0, to).endsWith(' is')) to -= 3;
    name = blockFromNormalized(heading, originalAt + 'original request,'.length, to);
    partial.remaining = name;
  } else {
    name = blockFromNormalized(heading, 0, nameEnd);
  }
  return { name, partial };
}

function sentenceAfter(lower: string, from: number): number {
  const dot = lower.indexOf('. ', from);
  return dot < 0 ? from : dot + 2;
}

/** An item as its lines give it: what its entities add (fields, category, guidelines) comes in `parse`. */
export type ItemStructure = Omit<Item, 'fields' | 'category' | 'drugClass' | 'categoryRange' | 'guidelines'>;

interface DraftItem {
  anchor: Anchor;
  headingFirstLine: number;
  headingLastLine: number;
  blocks: Array<{ match: LabelMatch; lineIndex: number }>;
}

/**
 * Finds the disputed items among `lines` (the content lines of the issues section, or of the whole
 * letter when it has no such section). `regionEnd` bounds the last item.
 */
export function findItems(text: string, lines: readonly ContentLine[], lineGap: number, regionEnd: number): ItemStructure[] {
  const ctx: Context = { text, lines, lineGap, hardStops: new Uint8Array(lines.length) };
  const drafts: DraftItem[] = [];
  let floor = 0;
  let current: DraftItem | undefined;

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (headingKind(text, line) || isIntroLine(line)) {
      ctx.hardStops[index] = 2;
      floor = index + 1;
      continue;
    }
    const outcome = matchOutcome(line);
    if (outcome) {
      ctx.hardStops[index] = 2;
      let first: number;
      if (outcome.alone) {
        // `Upheld` alone: the item line is the text above it (ending in a colon).
        const prev = lines[index - 1];
        if (!prev || index - 1 < floor || isHardStop(ctx, index - 1)) {
          first = index;
        } else {
          first = headingStart(ctx, index - 1, floor);
        }
      } else {
        first = headingStart(ctx, index, floor);
      }
      current = { anchor: { lineIndex: index, outcome }, headingFirstLine: first, headingLastLine: index, blocks: [] };
      drafts.push(current);
      floor = index + 1;
      continue;
    }
    const label = matchLabel(line);
    ctx.hardStops[index] = label ? 2 : 1;
    if (label) {
      const latest = current?.blocks[current.blocks.length - 1];
      const startsNewItem = !current || (latest !== undefined && latest.match.order >= label.order);
      if (startsNewItem) {
        // An item without an outcome: its line is the text just above the label, if any.
        let first = index;
        let last = index - 1;
        const prev = lines[index - 1];
        // `/:\**$/` rather than stripping `\*+$` first: that regex is quadratic on a long run of `*`.
        if (prev && index - 1 >= floor && !isHardStop(ctx, index - 1) && (!endsSentence(prev.text) || /:\**$/.test(prev.text))) {
          first = headingStart(ctx, index - 1, floor);
        } else {
          last = index - 1;
          first = index;
        }
        current = { anchor: { lineIndex: index, label }, headingFirstLine: first, headingLastLine: last, blocks: [] };
        drafts.push(current);
      }
      current!.blocks.push({ match: label, lineIndex: index });
      floor = index + 1;
    }
  }

  // Each item's heading start bounds the previous item's last block.
  const itemStarts = drafts.map((draft) => {
    const firstLine = lines[draft.headingFirstLine];
    if (draft.headingFirstLine <= draft.headingLastLine && firstLine) return firstLine.start;
    // No item line: the item starts with its first label's line, markup included (`**Decision rationale:**`),
    // so text inserted at its start does not split the label from its `**`.
    return lines[draft.anchor.lineIndex]!.start;
  });

  return drafts.map((draft, index): ItemStructure => {
    const rangeStart = itemStarts[index]!;
    const rangeEnd = index + 1 < drafts.length ? itemStarts[index + 1]! : regionEnd;
    const outcome = draft.anchor.outcome;

    // The item line: from its first line to the outcome (or the end of the line above a label).
    let name: TextBlock | undefined;
    let partial: PartialApproval | undefined;
    let headingEnd: number;
    if (draft.headingFirstLine <= draft.headingLastLine) {
      const first = lines[draft.headingFirstLine]!;
      const lastLine = lines[draft.headingLastLine]!;
      const nameEndOffset = outcome ? (outcome.alone ? lines[draft.anchor.lineIndex - 1]?.end ?? first.start : outcome.nameEnd) : lastLine.end;
      headingEnd = outcome ? outcome.range.end : lastLine.end;
      const normalized = normalize(text, first.start, Math.max(first.start, nameEndOffset));
      let nameEnd = normalized.text.length;
      while (nameEnd > 0 && (normalized.text[nameEnd - 1] === ':' || normalized.text[nameEnd - 1] === ' ' || normalized.text[nameEnd - 1] === '*')) nameEnd--;
      const read = readName(normalized, nameEnd);
      name = read.name;
      partial = read.partial;
    } else {
      headingEnd = outcome ? outcome.range.end : rangeStart;
    }
    if (!name) name = { start: rangeStart, end: rangeStart, text: '' };

    // Blocks: each runs to the next block's label, or to the end of the item.
    const blocks: Partial<Record<LabelKind, LabeledBlock>> = {};
    draft.blocks.forEach((block, b) => {
      const next = draft.blocks[b + 1];
      const bodyEnd = next ? labelLineStart(lines[next.lineIndex]!) : rangeEnd;
      const body = textBlock(text, block.match.bodyStart, Math.max(block.match.bodyStart, bodyEnd));
      if (blocks[block.match.kind]) return; // a repeated label inside one item: keep the first
      blocks[block.match.kind] = {
        label: block.match.label,
        body,
        range: { start: block.match.label.start, end: body.text ? body.end : block.match.label.end },
      };
    });

    const item: ItemStructure = {
      index,
      name,
      outcome: outcome ? outcome.outcome : null,
      ...(outcome ? { outcomeRange: outcome.range } : {}),
      heading: { start: draft.headingFirstLine <= draft.headingLastLine ? Math.min(rangeStart, name.start) : name.start, end: Math.max(headingEnd, name.start) },
      range: { start: rangeStart, end: Math.max(rangeStart, rangeEnd) },
      ...(blocks.claimsGuideline ? { claimsGuideline: blocks.claimsGuideline } : {}),
      ...(blocks.maximusGuideline ? { maximusGuideline: blocks.maximusGuideline } : {}),
      ...(blocks.rationale ? { rationale: blocks.rationale } : {}),
      ...(partial ? { partial } : {}),
    };
    return item;
  });
}

/** Where a label line's text begins (its `**` included), so the previous body ends before it. */
function labelLineStart(line: ContentLine): number {
  return line.start;
}
