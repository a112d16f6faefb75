/**
 * Damaged letters for the reliability tests: the real letters of test/fixtures, bent by mutations
 * a PDF extraction, an editor or a hostile file could make. Every mutation is plain data (it prints
 * in a failure report and shrinks with fast-check) and is applied by {@link applyMutation}.
 */

import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { Analysis } from '../../../src/core';
import { MARKDOWN, PLAIN } from '../helpers/letters';

export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');

export interface NamedText {
  readonly name: string;
  readonly text: string;
}

/** The letters in `test/fixtures/<folder>` (`.txt` and `.imr`), sorted by name. */
export function fixtureLetters(folder: string): NamedText[] {
  const dir = path.join(FIXTURES, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt') || f.endsWith('.imr'))
    .sort()
    .map((f) => ({ name: `${folder}/${f}`, text: readFileSync(path.join(dir, f), 'utf8') }));
}

/** Every real letter: samples, corpus, corpus-layout, gaps, misc; and the two hand-made letters. */
export function allLetters(): NamedText[] {
  return [
    ...['samples', 'corpus', 'corpus-layout', 'gaps', 'misc'].flatMap(fixtureLetters),
    { name: 'helpers/PLAIN', text: PLAIN },
    { name: 'helpers/MARKDOWN', text: MARKDOWN },
  ];
}

// ---------------------------------------------------------------------------------------------
// Mutations

export type HeadingHow = 'lower' | 'upper' | 'title' | 'split' | 'partial' | 'markdown' | 'spaces' | 'delete';
export type LabelHow = 'lower' | 'upper' | 'noColon' | 'split' | 'partial' | 'bold' | 'spaces' | 'delete' | 'duplicate';
export type OutcomeHow = 'lower' | 'upper' | 'delete' | 'swap' | 'punct' | 'nextLine' | 'split' | 'duplicate' | 'noColon' | 'typo';
export type HeaderHow = 'invalid' | 'iso' | 'dotted' | 'empty' | 'letters' | 'future' | 'glued';

export type Mutation =
  | { readonly op: 'deleteLines'; readonly at: number; readonly count: number }
  | { readonly op: 'duplicateLines'; readonly at: number; readonly count: number }
  | { readonly op: 'swapLines'; readonly a: number; readonly b: number }
  /** The whole text cut inside a word (a download that stopped). */
  | { readonly op: 'truncate'; readonly at: number }
  /** One line cut inside a word, the rest of that line lost. */
  | { readonly op: 'truncateLine'; readonly line: number; readonly at: number }
  /** Every line break rewritten, cycling through `pattern` (0 `\n`, 1 `\r\n`, 2 `\r`). */
  | { readonly op: 'lineEndings'; readonly pattern: readonly number[] }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'heading'; readonly which: number; readonly how: HeadingHow; readonly at: number }
  | { readonly op: 'label'; readonly which: number; readonly how: LabelHow; readonly at: number }
  | { readonly op: 'outcome'; readonly which: number; readonly how: OutcomeHow; readonly at: number }
  | { readonly op: 'header'; readonly which: number; readonly how: HeaderHow }
  /** A labelled block dropped whole: from its label's line to the next blank line. */
  | { readonly op: 'dropBlock'; readonly which: number };

/** Lines with their terminators (`\n`, `\r\n`, `\r` or none), so joining them gives the text back. */
export function splitLinesKeep(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      lines.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

function lineBody(line: string): { body: string; eol: string } {
  const m = /(\r\n|\r|\n)$/.exec(line);
  return m ? { body: line.slice(0, line.length - m[0].length), eol: m[0] } : { body: line, eol: '' };
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9]/.test(c);

/** A cut position inside a word at or after `at` (or `at` itself when no word follows). */
function midWord(text: string, at: number): number {
  for (let i = Math.max(1, at); i < text.length; i++) if (isWordChar(text[i - 1]) && isWordChar(text[i])) return i;
  return Math.min(at, text.length);
}

const HEADING_RE = /HOW THE IMR FINAL DETERMINATION WAS MADE|THE EXPERT REVIEWER HAS THE FOLLOWING CREDENTIALS|CLINICAL CASE SUMMARY|IMR ISSUES, DECISIONS AND RATIONALES/gi;
const LABEL_RE = /(?:Claims Administrator guideline|MAXIMUS guideline|Decision rationale)(?:\*\*)?:?/gi;
const OUTCOME_RE = /\b(?:Upheld|Overturned)\b/gi;
/** Dates in the header: the first few `MM/DD/YYYY` of the letter. */
const HEADER_DATE_RE = /\b\d{1,2}\/\d{1,2}\/\d{4}\b/g;

function occurrences(text: string, re: RegExp, limit = text.length): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  for (let m = g.exec(text); m && m.index < limit; m = g.exec(text)) found.push(m);
  return found;
}

/** The `which`-th match of `re` in `text` (counting round), if there is any. */
function pickOne(text: string, re: RegExp, which: number, limit?: number): RegExpExecArray | undefined {
  const all = occurrences(text, re, limit);
  return all.length === 0 ? undefined : all[which % all.length];
}

function replaceAt(text: string, start: number, end: number, by: string): string {
  return text.slice(0, start) + by + text.slice(end);
}

/** Splits `s` at a space (or the middle) with a line break. */
function splitWords(s: string, at: number, eol = '\n'): string {
  const spaces = [...s].map((c, i) => (c === ' ' ? i : -1)).filter((i) => i > 0);
  const cut = spaces.length > 0 ? spaces[at % spaces.length]! : Math.max(1, Math.floor(s.length / 2));
  return s.slice(0, cut) + eol + s.slice(cut + (s[cut] === ' ' ? 1 : 0));
}

function caseOf(s: string, how: 'lower' | 'upper' | 'title'): string {
  if (how === 'lower') return s.toLowerCase();
  if (how === 'upper') return s.toUpperCase();
  return s.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

function mangleHeading(text: string, which: number, how: HeadingHow, at: number): string {
  const m = pickOne(text, HEADING_RE, which);
  if (!m) return text;
  const s = m[0];
  const end = m.index + s.length;
  switch (how) {
    case 'lower':
    case 'upper':
    case 'title':
      return replaceAt(text, m.index, end, caseOf(s, how));
    case 'split':
      return replaceAt(text, m.index, end, splitWords(s, at));
    case 'partial': {
      const from = at % s.length;
      const to = Math.min(s.length, from + 1 + (at % 7));
      return replaceAt(text, m.index, end, s.slice(0, from) + s.slice(to));
    }
    case 'markdown':
      return replaceAt(text, m.index, end, `### **${s}**`);
    case 'spaces':
      return replaceAt(text, m.index, end, s.replace(/ /g, '   \t'));
    case 'delete':
      return replaceAt(text, m.index, end, '');
  }
}

function mangleLabel(text: string, which: number, how: LabelHow, at: number): string {
  const m = pickOne(text, LABEL_RE, which);
  if (!m) return text;
  const s = m[0];
  const end = m.index + s.length;
  switch (how) {
    case 'lower':
    case 'upper':
      return replaceAt(text, m.index, end, caseOf(s, how));
    case 'noColon':
      return replaceAt(text, m.index, end, s.replace(/:$/, ''));
    case 'split':
      return replaceAt(text, m.index, end, splitWords(s, at));
    case 'partial': {
      const from = at % s.length;
      return replaceAt(text, m.index, end, s.slice(0, from) + s.slice(Math.min(s.length, from + 1 + (at % 5))));
    }
    case 'bold':
      return replaceAt(text, m.index, end, `**${s.replace(/\*\*/g, '')}**`);
    case 'spaces':
      return replaceAt(text, m.index, end, s.replace(/ /g, '  '));
    case 'delete':
      return replaceAt(text, m.index, end, '');
    case 'duplicate':
      return replaceAt(text, m.index, end, `${s} ${s}`);
  }
}

function mangleOutcome(text: string, which: number, how: OutcomeHow, at: number): string {
  const m = pickOne(text, OUTCOME_RE, which);
  if (!m) return text;
  const s = m[0];
  const end = m.index + s.length;
  switch (how) {
    case 'lower':
    case 'upper':
      return replaceAt(text, m.index, end, caseOf(s, how));
    case 'delete':
      return replaceAt(text, m.index, end, '');
    case 'swap':
      return replaceAt(text, m.index, end, /upheld/i.test(s) ? 'Overturned' : 'Upheld');
    case 'punct':
      return replaceAt(text, m.index, end, s + ['.', '!', '...', ';', ' .', '**', ':'][at % 7]);
    case 'nextLine': {
      // The outcome moved to a line of its own (the item line wrapped before it).
      let start = m.index;
      while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
      return replaceAt(text, start, end, `\n${s}`);
    }
    case 'split':
      return replaceAt(text, m.index, end, `${s.slice(0, 1 + (at % (s.length - 1)))}\n${s.slice(1 + (at % (s.length - 1)))}`);
    case 'duplicate':
      return replaceAt(text, m.index, end, `${s}: ${s}`);
    case 'noColon': {
      let colon = m.index;
      while (colon > 0 && text[colon - 1] !== ':' && text[colon - 1] !== '\n' && m.index - colon < 6) colon--;
      return colon > 0 && text[colon - 1] === ':' ? replaceAt(text, colon - 1, colon, '') : text;
    }
    case 'typo':
      return replaceAt(text, m.index, end, s.slice(0, at % s.length) + s.slice((at % s.length) + 1));
  }
}

function mangleHeaderDate(text: string, which: number, how: HeaderHow): string {
  const m = pickOne(text, HEADER_DATE_RE, which, 1500);
  if (!m) return text;
  const [mm, dd, yyyy] = m[0].split('/') as [string, string, string];
  const end = m.index + m[0].length;
  const by: Record<HeaderHow, string> = {
    invalid: `13/45/${yyyy}`,
    iso: `${yyyy}-${mm.padStart(2, '0')}-${dd.padStart(2, '0')}`,
    dotted: `${mm}.${dd}.${yyyy}`,
    empty: '',
    letters: 'unknown',
    future: `${mm}/${dd}/2999`,
    glued: `${m[0]}x${m[0]}`,
  };
  return replaceAt(text, m.index, end, by[how]);
}

function dropBlock(text: string, which: number): string {
  const m = pickOne(text, LABEL_RE, which);
  if (!m) return text;
  let start = m.index;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  const blank = /(?:\r\n|\r|\n)[ \t\f]*(?:\r\n|\r|\n)/g;
  blank.lastIndex = m.index;
  const next = blank.exec(text);
  return text.slice(0, start) + (next ? text.slice(next.index + next[0].length) : '');
}

const EOLS = ['\n', '\r\n', '\r'];

/** The text with one mutation applied. Total: any mutation applies to any text (maybe as a no-op). */
export function applyMutation(text: string, mutation: Mutation): string {
  const lines = splitLinesKeep(text);
  const n = lines.length;
  switch (mutation.op) {
    case 'deleteLines': {
      if (n === 0) return text;
      const at = mutation.at % n;
      return [...lines.slice(0, at), ...lines.slice(at + mutation.count)].join('');
    }
    case 'duplicateLines': {
      if (n === 0) return text;
      const at = mutation.at % n;
      const copy = lines.slice(at, at + mutation.count);
      // A copied last line without a terminator would glue onto its copy: give it one.
      const fixed = copy.map((l) => (lineBody(l).eol ? l : `${l}\n`));
      return [...lines.slice(0, at), ...fixed, ...lines.slice(at)].join('');
    }
    case 'swapLines': {
      if (n < 2) return text;
      const a = mutation.a % n;
      const b = mutation.b % n;
      const out = lines.map((l) => lineBody(l));
      const body = out[a]!.body;
      out[a] = { body: out[b]!.body, eol: out[a]!.eol };
      out[b] = { body, eol: out[b]!.eol };
      return out.map((l) => l.body + l.eol).join('');
    }
    case 'truncate':
      return text.slice(0, midWord(text, mutation.at % (text.length + 1)));
    case 'truncateLine': {
      if (n === 0) return text;
      const i = mutation.line % n;
      const { body, eol } = lineBody(lines[i]!);
      const cut = midWord(body, mutation.at % (body.length + 1));
      lines[i] = body.slice(0, cut) + eol;
      return lines.join('');
    }
    case 'lineEndings': {
      if (mutation.pattern.length === 0) return text;
      return lines.map((l, i) => {
        const { body, eol } = lineBody(l);
        return eol ? body + EOLS[mutation.pattern[i % mutation.pattern.length]! % 3]! : body;
      }).join('');
    }
    case 'insert': {
      const at = mutation.at % (text.length + 1);
      return text.slice(0, at) + mutation.text + text.slice(at);
    }
    case 'heading':
      return mangleHeading(text, mutation.which, mutation.how, mutation.at);
    case 'label':
      return mangleLabel(text, mutation.which, mutation.how, mutation.at);
    case 'outcome':
      return mangleOutcome(text, mutation.which, mutation.how, mutation.at);
    case 'header':
      return mangleHeaderDate(text, mutation.which, mutation.how);
    case 'dropBlock':
      return dropBlock(text, mutation.which);
  }
}

export function applyMutations(text: string, mutations: readonly Mutation[]): string {
  return mutations.reduce(applyMutation, text);
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Characters that break naive text handling: NUL, lone surrogates, bidi marks, combining marks, odd breaks. */
export const HOSTILE_CHARS = [
  '\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u200F', '\u200E', '\u202E', '\u2066', '\u0301', '\u0308\u0301',
  '\uFEFF', '\u00A0', '\u2028', '\u2029', '\u0085', '\f', '\v', '\t', '\r', '\n', '\r\n', '\u001B[31m', '\u007F',
  '\uFFFD', '\uFFFF', '\u{1F600}', '\u{10FFFF}', '*', '**', '#', '###', ':', '<b>', '</b>', '(', ')', '[', ']', '/', '-',
];

const hostileUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_CHARS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }) },
  // A raw byte read as Latin-1 (what a file of random bytes decodes to).
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }).map((b) => String.fromCharCode(b)) },
);

/** Random Unicode and bytes, hostile characters included. */
export const noiseArb = fc.string({ unit: hostileUnit, minLength: 1, maxLength: 24 });

/** A whole number of at least `min` from the environment, or `fallback` when the variable is unset. */
function envInteger(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name}=${raw}: expected a whole number of at least ${min}`);
  return value;
}

/** The seed of every property test (IMR_FC_SEED); each test adds its own offset to it. */
export const FC_SEED = envInteger('IMR_FC_SEED', 20_261_123, Number.MIN_SAFE_INTEGER);

/**
 * Runs of the main property tests (IMR_FC_RUNS); the others run a fixed share of it. The default
 * keeps the unit suite at a few minutes; `npm run test:release` runs 200,000.
 */
export const FC_RUNS = envInteger('IMR_FC_RUNS', 1500, 1);

/** A property test's time limit: `ms` at the default runs, longer in proportion to IMR_FC_RUNS. */
export const fcTimeout = (ms: number): number => Math.ceil(ms * Math.max(1, FC_RUNS / 1500));

/** Line, word and offset indices are taken modulo the text's size, so any number works. */
const index = fc.nat({ max: 100_000 });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('deleteLines' as const), at: index, count: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ op: fc.constant('duplicateLines' as const), at: index, count: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ op: fc.constant('swapLines' as const), a: index, b: index }),
  fc.record({ op: fc.constant('truncate' as const), at: index }),
  fc.record({ op: fc.constant('truncateLine' as const), line: index, at: index }),
  fc.record({ op: fc.constant('lineEndings' as const), pattern: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 5 }) }),
  fc.record({ op: fc.constant('insert' as const), at: index, text: noiseArb }),
  fc.record({
    op: fc.constant('heading' as const),
    which: index,
    how: fc.constantFrom<HeadingHow>('lower', 'upper', 'title', 'split', 'partial', 'markdown', 'spaces', 'delete'),
    at: index,
  }),
  fc.record({
    op: fc.constant('label' as const),
    which: index,
    how: fc.constantFrom<LabelHow>('lower', 'upper', 'noColon', 'split', 'partial', 'bold', 'spaces', 'delete', 'duplicate'),
    at: index,
  }),
  fc.record({
    op: fc.constant('outcome' as const),
    which: index,
    how: fc.constantFrom<OutcomeHow>('lower', 'upper', 'delete', 'swap', 'punct', 'nextLine', 'split', 'duplicate', 'noColon', 'typo'),
    at: index,
  }),
  fc.record({ op: fc.constant('header' as const), which: index, how: fc.constantFrom<HeaderHow>('invalid', 'iso', 'dotted', 'empty', 'letters', 'future', 'glued') }),
  fc.record({ op: fc.constant('dropBlock' as const), which: index }),
);

export interface MutatedLetter {
  readonly base: string;
  readonly mutations: readonly Mutation[];
  readonly text: string;
}

/** A mutated letter that prints as its recipe (base letter and mutations), not as its whole text. */
export function mutatedLetter(letter: NamedText, mutations: readonly Mutation[]): MutatedLetter {
  const text = applyMutations(letter.text, mutations);
  return {
    base: letter.name,
    mutations,
    text,
    [fc.toStringMethod]: () => `${letter.name} ${JSON.stringify(mutations)} (${text.length} chars)`,
  } as MutatedLetter;
}

/**
 * One of `letters`, bent by 1 to `maxMutations` mutations. `size: 'max'` lets the count reach its
 * bound: fast-check's default size stops arrays near 10 elements, whatever their maxLength.
 */
export function mutatedLetterArb(letters: readonly NamedText[], maxMutations = 6): fc.Arbitrary<MutatedLetter> {
  return fc
    .record({ which: fc.nat({ max: letters.length - 1 }), mutations: fc.array(mutationArb, { minLength: 1, maxLength: maxMutations, size: 'max' }) })
    .map(({ which, mutations }) => mutatedLetter(letters[which]!, mutations));
}

/** Pieces of letters: headings, labels, outcomes, header fields, entities, page furniture. */
export const LETTER_PIECES = [
  'IMR ISSUES, DECISIONS AND RATIONALES\n', '### CLINICAL CASE SUMMARY\n', 'HOW THE IMR FINAL DETERMINATION WAS MADE\n',
  'The Final Determination was based on decisions for the disputed items/services set forth below:\n',
  'Claims Administrator guideline:', '**MAXIMUS guideline:**', 'Decision rationale:', '<b>Decision rationale:</b>',
  ': Upheld', ': Overturned', 'Upheld', 'OVERTURNED.', ' is: Upheld', '**Valium 5 mg #24:** ', 'Valium 5 mg #24',
  'Norco 10/325 mg #90', 'was the original request.', 'was authorized by the Claims Administrator.',
  'The remaining IMR eligible portion of the original request,', 'Case Number: CM16-0213037\n', '<b>Date of Injury:</b>\t',
  'Date Assigned: 02/30/2016 ', 'Decision Date: 2016-11-09', 'Application\nReceived:\n', 'MTUS Chronic Pain Medical Treatment 2009',
  'ODG Pain (Chronic)', '(Smith 2005)', '(van der Berg et al., 2010)', 'L4-5', 'L5-S1', 'lumbar spine', 'came back', 'left knee',
  '5 mg', '#60', 'BID', 'q6h prn', 'for 30 days', 'x 2 refills', '12 sessions', '[REDACTED]', 'Page 2 of 5', 'is medically necessary.',
  'is not medically necessary.', '\f', '\n', '\r\n', '\r', ' ', '\t', ':', '.', '**', '#', '(',
];

/** Most soups hold at most this many pieces. */
export const MAX_LETTER_PIECES = 300;

/**
 * Up to {@link MAX_LETTER_PIECES} letter pieces and bits of noise, four to one. At the full size
 * most soups hold an issues heading, a header field or an item, so they read as (broken) letters;
 * at fast-check's default size (about 10 pieces) few did.
 */
export const letterPiecesArb: fc.Arbitrary<string[]> = fc.array(
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...LETTER_PIECES) }, { weight: 1, arbitrary: noiseArb }),
  { maxLength: MAX_LETTER_PIECES, size: 'max' },
);

/** Text assembled from letter pieces and hostile characters: structure in unexpected orders. */
export const letterSoupArb: fc.Arbitrary<string> = letterPiecesArb.map((pieces) => pieces.join(''));

// ---------------------------------------------------------------------------------------------
// Gaps: what a reviewer forgets, made by hand on a letter's items

/** Gap mutations for every item of a letter and its header: each makes one problem a rule flags. */
export function gapMutations(text: string): Array<{ name: string; mutations: Mutation[] }> {
  const outcomes = occurrences(text, OUTCOME_RE).length;
  const labels = occurrences(text, LABEL_RE).length;
  const dates = occurrences(text, HEADER_DATE_RE, 1500).length;
  const gaps: Array<{ name: string; mutations: Mutation[] }> = [];
  for (let i = 0; i < Math.min(outcomes, 4); i++) {
    gaps.push({ name: `outcome ${i} removed`, mutations: [{ op: 'outcome', which: i, how: 'delete', at: 0 }] });
    gaps.push({ name: `outcome ${i} swapped`, mutations: [{ op: 'outcome', which: i, how: 'swap', at: 0 }] });
  }
  for (let i = 0; i < Math.min(labels, 9); i++) {
    gaps.push({ name: `label ${i} removed`, mutations: [{ op: 'label', which: i, how: 'delete', at: 0 }] });
    gaps.push({ name: `block ${i} removed`, mutations: [{ op: 'dropBlock', which: i }] });
  }
  const issues = occurrences(text, HEADING_RE).findIndex((m) => /^IMR ISSUES/i.test(m[0]));
  if (issues >= 0) gaps.push({ name: 'issues heading removed', mutations: [{ op: 'heading', which: issues, how: 'delete', at: 0 }] });
  gaps.push({ name: 'every outcome removed', mutations: Array.from({ length: outcomes }, () => ({ op: 'outcome' as const, which: 0, how: 'delete' as const, at: 0 })) });
  gaps.push({ name: 'every block removed', mutations: Array.from({ length: labels }, () => ({ op: 'dropBlock' as const, which: 0 })) });
  for (let i = 0; i < Math.min(dates, 5); i++) {
    for (const how of ['invalid', 'iso', 'dotted', 'empty', 'future'] as const) gaps.push({ name: `header date ${i} ${how}`, mutations: [{ op: 'header', which: i, how }] });
  }
  return gaps;
}

// ---------------------------------------------------------------------------------------------
// Invariants of an analysis, whatever the text

interface AnyRange {
  readonly start: number;
  readonly end: number;
}

/**
 * What is wrong with an analysis of `text` (nothing, for a sound one): every range inside the text
 * with start ≤ end; items in order, not overlapping, their parts inside them; sections in order;
 * entities sorted, inside the text, `text.slice(start, end) === entity.text`, and no two entities
 * of one kind overlapping; diagnostics pointing at real items; fix edits valid and not overlapping.
 */
export function invariantProblems(text: string, analysis: Analysis): string[] {
  const problems: string[] = [];
  const { letter, diagnostics } = analysis;
  const check = (what: string, r: AnyRange | undefined): void => {
    if (!r) return;
    if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end > text.length || r.start > r.end) {
      problems.push(`${what}: range ${r.start}-${r.end} outside [0, ${text.length}] or reversed`);
    }
  };
  const within = (what: string, inner: AnyRange | undefined, outer: AnyRange): void => {
    if (inner && (inner.start < outer.start || inner.end > outer.end)) problems.push(`${what}: ${inner.start}-${inner.end} outside its item ${outer.start}-${outer.end}`);
  };
  if (letter.text !== text) problems.push('letter.text is not the text analysed');

  letter.header.forEach((f, i) => {
    check(`header[${i}] ${f.name} label`, f.label);
    check(`header[${i}] ${f.name} value`, f.value);
  });
  letter.sections.forEach((s, i) => {
    check(`section[${i}] ${s.kind} heading`, s.heading);
    check(`section[${i}] ${s.kind} range`, s.range);
    const next = letter.sections[i + 1];
    if (next && s.range.end > next.range.start) problems.push(`section[${i}] overlaps section[${i + 1}]`);
  });
  letter.items.forEach((item, i) => {
    const at = `item[${i}]`;
    if (item.index !== i) problems.push(`${at}: index ${item.index}`);
    check(`${at} range`, item.range);
    check(`${at} name`, item.name);
    check(`${at} heading`, item.heading);
    check(`${at} outcomeRange`, item.outcomeRange);
    within(`${at} name`, item.name, item.range);
    within(`${at} outcomeRange`, item.outcomeRange, item.range);
    for (const kind of ['claimsGuideline', 'maximusGuideline', 'rationale'] as const) {
      const block = item[kind];
      if (!block) continue;
      check(`${at} ${kind} label`, block.label);
      check(`${at} ${kind} body`, block.body);
      check(`${at} ${kind} range`, block.range);
      within(`${at} ${kind}`, block.range, item.range);
      within(`${at} ${kind} body`, block.body, item.range);
    }
    for (const part of ['original', 'authorized', 'remaining'] as const) check(`${at} partial.${part}`, item.partial?.[part]);
    const next = letter.items[i + 1];
    if (next && item.range.end > next.range.start) problems.push(`${at} ${item.range.start}-${item.range.end} overlaps item[${i + 1}] ${next.range.start}-${next.range.end}`);
  });

  const lastEnd = new Map<string, number>();
  letter.entities.forEach((e, i) => {
    check(`entity[${i}] ${e.kind}`, e);
    if (text.slice(e.start, e.end) !== e.text) problems.push(`entity[${i}] ${e.kind}: text ${JSON.stringify(e.text)} is not the slice ${JSON.stringify(text.slice(e.start, e.end))}`);
    const prev = letter.entities[i - 1];
    if (prev && prev.start > e.start) problems.push(`entity[${i}] not sorted by start`);
    const end = lastEnd.get(e.kind);
    if (end !== undefined && e.start < end) problems.push(`entity[${i}] ${e.kind} ${JSON.stringify(e.text)} at ${e.start} overlaps the previous ${e.kind} (ending at ${end})`);
    lastEnd.set(e.kind, Math.max(end ?? 0, e.end));
  });

  diagnostics.forEach((d, i) => {
    const at = `diagnostic[${i}] ${d.code}`;
    check(at, d.range);
    if (d.itemIndex !== undefined && !letter.items[d.itemIndex]) problems.push(`${at}: itemIndex ${d.itemIndex} is no item`);
    d.fixes.forEach((fix, j) => {
      fix.edits.forEach((edit, k) => check(`${at} fix[${j}] edit[${k}]`, edit.range));
      const sorted = [...fix.edits].sort((a, b) => a.range.start - b.range.start);
      for (let k = 1; k < sorted.length; k++) if (sorted[k]!.range.start < sorted[k - 1]!.range.end) problems.push(`${at} fix[${j}]: edits overlap`);
    });
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Timing

let gc: (() => void) | undefined;

/** A full garbage collection, so that a timing does not pay for the garbage of earlier tests. */
export function collectGarbage(): void {
  if (!gc) {
    // `--expose-gc` set at run time exposes `gc` to contexts created afterwards.
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

/** CPU time (user + system, ms) of one call of `fn`: unlike wall time, not inflated while other processes hold the cores. */
export function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** How many calls of `fn` make a sample of about 20 ms CPU time (at most 50): short samples are mostly noise. */
function repetitionsFor(fn: () => void): number {
  const once = cpuMs(fn);
  return Math.max(1, Math.min(50, Math.ceil(20 / Math.max(once, 0.05))));
}

/**
 * CPU time per call of `fn` (ms) in each of `samples` samples, each sample a garbage collection then
 * enough calls to last about 20 ms.
 */
export function cpuSamples(fn: () => void, samples: number): number[] {
  const reps = repetitionsFor(fn);
  const out: number[] = [];
  for (let s = 0; s < samples; s++) {
    collectGarbage();
    out.push(
      cpuMs(() => {
        for (let i = 0; i < reps; i++) fn();
      }) / reps,
    );
  }
  return out;
}

/** The least CPU time per call of `fn` over `samples` samples: interference only ever adds time. */
export function fastestMs(fn: () => void, samples: number): number {
  return Math.min(...cpuSamples(fn, samples));
}

/**
 * The least CPU time of one call (ms) of each of `fns` over `samples` rounds, after `warmup` untimed
 * calls of each. A round times one call of each function in turn, so load that comes and goes meets
 * them all alike. No forced collection: after one the heap regrows and the next calls pay several
 * collections (a 50 KB analysis went from 4 to 30 ms), a fixed cost that hides how the time scales.
 */
export function bestCpuMs(fns: ReadonlyArray<() => void>, samples: number, warmup: number): number[] {
  for (let i = 0; i < warmup; i++) for (const fn of fns) fn();
  const best = fns.map(() => Infinity);
  for (let s = 0; s < samples; s++) fns.forEach((fn, i) => (best[i] = Math.min(best[i]!, cpuMs(fn))));
  return best;
}
