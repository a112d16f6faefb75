// Fix safety over thousands of damaged letters: every fix of every diagnostic is applied on its own
// and checked; then fix-all runs to a fixed point. IMR_FC_SEED / IMR_FC_RUNS as in mutate.ts;
// IMR_RELIABILITY_FULL=1 takes the gaps of every corpus letter instead of every eighth.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText, applyEdits, lettersOf, safeFixes, type Analysis, type Diagnostic, type Fix, type Item, type TextEdit } from '../../../src/core';
import { allLetters, applyMutations, FC_RUNS as RUNS, FC_SEED as SEED, fcTimeout, gapMutations, mutatedLetterArb, type NamedText } from './mutate';

const FULL = process.env.IMR_RELIABILITY_FULL === '1';
/** Fix-all stops after this many passes; a letter needing more never settles. */
const MAX_PASSES = 3;

const counts = { letters: 0, diagnostics: 0, fixesApplied: 0, safeFixes: 0, fixAllPasses: 0, fixAllEdits: 0 };

/**
 * Where offset `p` of the original text is after the edits: shifted by what was inserted or removed
 * before it. Text inserted exactly at `p` lands before it (the character at `p` moves right).
 * `undefined` when an edit replaced the character at `p`.
 */
function mapOffset(p: number, edits: readonly TextEdit[]): number | undefined {
  let delta = 0;
  for (const e of edits) {
    const removed = e.range.end - e.range.start;
    if (removed === 0 ? e.range.start <= p : e.range.end <= p) delta += e.newText.length - removed;
    else if (e.range.start < p) return undefined;
  }
  return p + delta;
}

/** Independently of `applyEdits`: the text outside the edit ranges is in `after`, byte for byte, where it belongs. */
function untouchedOutsideEdits(before: string, after: string, edits: readonly TextEdit[]): string | undefined {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start);
  let from = 0; // in `before`
  let at = 0; // in `after`
  for (const e of sorted) {
    const kept = before.slice(from, e.range.start);
    if (after.slice(at, at + kept.length) !== kept) return `text before the edit at ${e.range.start} changed`;
    at += kept.length;
    if (after.slice(at, at + e.newText.length) !== e.newText) return `the edit at ${e.range.start} did not write its own text`;
    at += e.newText.length;
    from = e.range.end;
  }
  if (after.slice(at) !== before.slice(from)) return 'text after the last edit changed';
  return undefined;
}

/** Where an item is recognised after a fix: its name's start, or its first label's when it has no name. */
function anchorOf(item: Item): number {
  if (item.name.text) return item.name.start;
  return (item.claimsGuideline ?? item.maximusGuideline ?? item.rationale)?.label.start ?? item.range.start;
}

/** The item of `analysis` holding `offset`. */
function itemAt(analysis: Analysis, offset: number): Item | undefined {
  const items = analysis.letter.items;
  return items.find((it, i) => it.range.start <= offset && (offset < it.range.end || (offset === it.range.end && i === items.length - 1)));
}

/**
 * Problems with one fix of one diagnostic. Identity of "the same problem" after the fix:
 * - item rules (IMR001–IMR004): the item is followed by its anchor (name start, or first label start)
 *   mapped through the edits; the item holding it afterwards must have no diagnostic of that code;
 * - IMR005 (letter-level): no IMR005 afterwards in the letter that holds the inserted text (a text
 *   of several letters, as a mutation may make one, has each letter's own);
 * - IMR006 (a header date): the same header field now has a real calendar date.
 * - IMR007 (a misread word): the letter reads the same (sections, items, outcomes, blocks), the word is not flagged again.
 */
function fixProblems(text: string, analysis: Analysis, diagnostic: Diagnostic, fix: Fix): string[] {
  const problems: string[] = [];
  const where = `${diagnostic.code} "${fix.title}"`;
  let after: string;
  try {
    after = applyEdits(text, fix.edits);
  } catch (error) {
    return [`${where}: the edits do not apply: ${String(error)}`];
  }
  counts.fixesApplied++;
  const outside = untouchedOutsideEdits(text, after, fix.edits);
  if (outside) problems.push(`${where}: ${outside}`);

  const { letter } = analysis;
  const issues = letter.sections.find((s) => s.kind === 'issues');
  const item = diagnostic.itemIndex !== undefined ? letter.items[diagnostic.itemIndex] : undefined;
  if (item) {
    // An item's fix writes inside that item, never in the header or the sections before the issues.
    for (const e of fix.edits) {
      if (e.range.start < item.range.start || e.range.end > item.range.end) problems.push(`${where}: edit ${e.range.start}-${e.range.end} outside its item ${item.range.start}-${item.range.end}`);
      if (issues && e.range.start < issues.range.start) problems.push(`${where}: edit at ${e.range.start} before the issues section (${issues.range.start})`);
    }
  }
  if (diagnostic.code === 'IMR005') {
    for (const e of fix.edits) if (e.range.start !== e.range.end) problems.push(`${where}: rewrites ${e.range.start}-${e.range.end} instead of inserting`);
  }

  const reanalysed = analyzeText(after);
  if (diagnostic.code === 'IMR005') {
    // One insertion: its text begins where the edit was.
    const at = fix.edits[0]!.range.start;
    const holder = lettersOf(reanalysed).find((l) => l.range.start <= at && at <= l.range.end);
    if (holder?.diagnostics.some((d) => d.code === 'IMR005')) problems.push(`${where}: IMR005 still reported`);
  } else if (diagnostic.code === 'IMR006') {
    const field = letter.header.find((f) => f.value.start === diagnostic.range.start && f.value.end === diagnostic.range.end);
    if (!field) problems.push(`${where}: no header field at the diagnostic`);
    else {
      for (const e of fix.edits) if (e.range.start < field.value.start || e.range.end > field.value.end) problems.push(`${where}: edit outside the ${field.name} value`);
      // The edit rewrites the value where it stands: the same field begins where it began.
      if (!reanalysed.letter.header.find((f) => f.name === field.name && f.value.start === field.value.start)?.iso) problems.push(`${where}: ${field.name} is still not a date`);
    }
  } else if (diagnostic.code === 'IMR007') {
    // A misread word: the fix writes the word the parser already read, so the letter reads the same and the word is no longer misread.
    const outline = (a: Analysis) => JSON.stringify([a.letter.sections.map((s) => s.kind), a.letter.items.map((i) => [i.outcome, !!i.claimsGuideline, !!i.maximusGuideline, !!i.rationale])]);
    if (outline(reanalysed) !== outline(analysis)) problems.push(`${where}: the letter reads otherwise after the fix`);
    // The fix replaces the word in place: what follows may move, the word's start does not.
    if (reanalysed.diagnostics.some((d) => d.code === 'IMR007' && d.range.start === diagnostic.range.start)) problems.push(`${where}: still reported`);
  } else if (item) {
    const anchor = mapOffset(anchorOf(item), fix.edits);
    const same = anchor === undefined ? undefined : itemAt(reanalysed, anchor);
    if (!same) problems.push(`${where}: item ${item.index} ("${item.name.text}") cannot be found after the fix`);
    else if (reanalysed.diagnostics.some((d) => d.code === diagnostic.code && d.itemIndex === same.index)) {
      problems.push(`${where}: still reported on item ${same.index} ("${same.name.text}")`);
    }
  } else {
    problems.push(`${where}: a fix of a diagnostic that belongs to no item and no known letter-level rule`);
  }
  return problems;
}

/** Fix-all as the editor and CLI would run it: the safe fixes, pass after pass, until none is left. */
function fixAll(text: string): { text: string; passes: number } {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const fixes = safeFixes(analyzeText(current).diagnostics);
    if (fixes.length === 0) return { text: current, passes: pass };
    counts.fixAllPasses++;
    counts.fixAllEdits += fixes.reduce((n, f) => n + f.edits.length, 0);
    current = applyEdits(current, fixes.flatMap((f) => f.edits));
  }
  return { text: current, passes: MAX_PASSES };
}

function checkLetter(name: string, text: string): void {
  counts.letters++;
  const analysis = analyzeText(text);
  const problems: string[] = [];
  for (const diagnostic of analysis.diagnostics) {
    counts.diagnostics++;
    for (const fix of diagnostic.fixes) {
      if (fix.safe) counts.safeFixes++;
      problems.push(...fixProblems(text, analysis, diagnostic, fix));
    }
  }
  const once = fixAll(text);
  const left = safeFixes(analyzeText(once.text).diagnostics);
  if (left.length > 0) problems.push(`fix-all did not settle in ${MAX_PASSES} passes: still ${left.map((f) => `"${f.title}"`).join(', ')}`);
  else if (fixAll(once.text).text !== once.text) problems.push('a second fix-all changed the text');
  assert.deepEqual(problems, [], `${name}:\n${problems.slice(0, 5).join('\n')}`);
}

describe('reliability: fixes are safe on damaged letters', function () {
  // Generous: the gap sweep takes under a minute, but far longer on a loaded machine.
  this.timeout(fcTimeout(900_000));
  let letters: NamedText[];

  before(() => {
    letters = allLetters();
  });

  after(() => {
    console.log(
      `      ${counts.letters} letters checked, ${counts.diagnostics} diagnostics, ${counts.fixesApplied} fixes applied one by one (${counts.safeFixes} safe), ` +
        `fix-all: ${counts.fixAllPasses} passes writing ${counts.fixAllEdits} edits (fast-check seed ${SEED + 10}, ${Math.ceil(RUNS / 2)} random letters)`,
    );
  });

  it('every fix of every real letter, and of each with gaps made by hand (outcomes, blocks, labels, the issues heading, header dates)', () => {
    // Every eighth corpus letter by default (IMR_RELIABILITY_FULL=1: all): the layouts repeat.
    const chosen = letters.filter((l, i) => FULL || !l.name.startsWith('corpus') || i % 8 === 0);
    let gapped = 0;
    for (const letter of chosen) {
      checkLetter(letter.name, letter.text);
      for (const gap of gapMutations(letter.text)) {
        checkLetter(`${letter.name} with ${gap.name}`, applyMutations(letter.text, gap.mutations));
        gapped++;
      }
    }
    console.log(`      ${chosen.length} letters as they are, ${gapped} with a gap`);
  });

  it('every fix of randomly damaged letters', () => {
    fc.assert(
      fc.property(mutatedLetterArb(letters), (m) => checkLetter(m.base, m.text)),
      { seed: SEED + 10, numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('fix-all settles where one pass cannot do everything (two decisions, a heading and dates missing)', () => {
    const letter = letters.find((l) => l.name === 'helpers/PLAIN')!.text;
    const broken = applyMutations(letter, [
      { op: 'outcome', which: 0, how: 'delete', at: 0 },
      { op: 'outcome', which: 0, how: 'delete', at: 0 },
      { op: 'heading', which: 3, how: 'delete', at: 0 },
      { op: 'header', which: 0, how: 'iso' },
      { op: 'header', which: 1, how: 'dotted' },
    ]);
    const { text, passes } = fixAll(broken);
    assert.ok(passes >= 1 && passes < MAX_PASSES, `${passes} passes`);
    assert.deepEqual(safeFixes(analyzeText(text).diagnostics), []);
    // The separator is the letter's own (here ` \n\n`, copied from the item line the outcome was taken from).
    assert.match(text, /\nIMR ISSUES, DECISIONS AND RATIONALES \n/);
    assert.match(text, /Valium 5 mg #24: Upheld/);
    assert.match(text, /without contrast: Overturned/);
  });

  it('a partial approval\'s missing decision goes after its "is:", and fix-all stops there', () => {
    // Found by the gap sweep: the outcome was written between the name and "is:", so the item
    // still had no decision and every fix-all pass wrote another one.
    const text = [
      'IMR ISSUES, DECISIONS AND RATIONALES',
      '',
      'Physical therapy eight sessions was the original request. Physical therapy six sessions was',
      'authorized by the Claims Administrator. The remaining IMR eligible portion of the original',
      'request, Physical therapy two sessions is: ',
      '',
      'Claims Administrator guideline: Decision based on MTUS.',
      '',
      'Decision rationale: The request is not medically necessary.',
      '',
    ].join('\n');
    const [missing] = analyzeText(text).diagnostics.filter((d) => d.code === 'IMR001');
    assert.ok(missing);
    const preferred = missing.fixes.find((f) => f.isPreferred)!;
    const fixed = applyEdits(text, preferred.edits);
    assert.match(fixed, /request, Physical therapy two sessions is: Upheld \n/);
    assert.equal(analyzeText(fixed).letter.items[0]!.outcome, 'upheld');
    assert.equal(fixAll(text).passes, 1);
    // A stray second colon too: the outcome goes after the last one.
    const doubled = text.replace('is: ', 'is: : ');
    const [again] = analyzeText(doubled).diagnostics.filter((d) => d.code === 'IMR001');
    assert.equal(analyzeText(applyEdits(doubled, again!.fixes[0]!.edits)).letter.items[0]!.outcome, 'upheld');
  });

  it('a missing heading goes above an item that starts with a bold label, not between the label and its **', () => {
    // Found by the random sweep: a label-anchored item started after the label's `**`.
    const text = [
      '### CLINICAL CASE SUMMARY',
      '',
      'The claimant was injured on 03/24/2000.',
      '',
      '**Claims Administrator guideline:** Decision based on MTUS.',
      '',
      '**Decision rationale:** The request is not medically necessary.',
      '',
    ].join('\n');
    const analysis = analyzeText(text);
    const item = analysis.letter.items[0]!;
    assert.equal(text.slice(item.range.start, item.range.start + 4), '**Cl');
    const heading = analysis.diagnostics.find((d) => d.code === 'IMR005')!;
    const fixed = applyEdits(text, heading.fixes[0]!.edits);
    assert.match(fixed, /\n### IMR ISSUES, DECISIONS AND RATIONALES\n/);
    assert.match(fixed, /\n\*\*Claims Administrator guideline:\*\* Decision/);
    assert.ok(!analyzeText(fixed).diagnostics.some((d) => d.code === 'IMR005'));
  });
});
