/** What a decision rationale concludes: the request is, or is not, medically necessary. */

import { isRegexSpace } from '../chars';

export type Conclusion = 'necessary' | 'notNecessary';

// The verdict phrases reviewers close with; the last one in the rationale is its conclusion.
const VERDICT = /\b(?:medically\s+(?:necessary|appropriate|reasonable|indicated|warranted)|medical\s+necessity|(?:is|are|was|were|be)\s+(?:not\s+)?necessary)\b/gi;
const NEGATION = /\b(?:not|no|neither|nor|never|cannot|unnecessary|lacks?|absence)\b/i;

/**
 * The rationale's conclusion, from its last verdict phrase and its clause
 * (`is not medically necessary`, `is not supported ... as being medically necessary`,
 * `the medical necessity of this request is not established`, `is medically necessary`).
 * Undefined when the rationale states no verdict.
 */
export function rationaleConclusion(rationale: string): Conclusion | undefined {
  // The conclusion is almost always in the last sentences: try the verdicts there first, then the whole text.
  const tailStart = tailAfterPunctuation(rationale);
  if (tailStart > 0) {
    const conclusion = lastVerdict(rationale, tailStart);
    if (conclusion) return conclusion;
  }
  return lastVerdict(rationale, 0);
}

/**
 * How far from the end the first, cheaper search for a verdict starts. In the corpus the last verdict
 * phrase starts within 40 characters of the end in 95% of rationales; the regex reads every character
 * it passes, so a short tail is what makes the first search cheap.
 */
const TAIL_LENGTH = 100;

/**
 * A start for the tail search: just after the last `.`, `;` or `,` at least `TAIL_LENGTH` characters
 * before the end (looking back at most `TAIL_LENGTH` more), or 0. Verdict phrases hold only letters and
 * spaces, so none spans that punctuation: the matches found from there are exactly the matches of a
 * search of the whole text that start there or later.
 */
function tailAfterPunctuation(rationale: string): number {
  const before = rationale.length - TAIL_LENGTH;
  for (let i = before; i > 0 && i > before - TAIL_LENGTH; i--) {
    const code = rationale.charCodeAt(i);
    if (code === 46 /* . */ || code === 59 /* ; */ || code === 44 /* , */) return i + 1;
  }
  return 0;
}

/** The conclusion of the last verdict phrase, searching from `from`, that states one. */
function lastVerdict(rationale: string, from: number): Conclusion | undefined {
  const verdicts: RegExpExecArray[] = [];
  VERDICT.lastIndex = from;
  for (let m = VERDICT.exec(rationale); m; m = VERDICT.exec(rationale)) verdicts.push(m);
  // The last phrase that states a verdict wins; "the medical necessity of X" alone states none.
  for (let i = verdicts.length - 1; i >= 0; i--) {
    const conclusion = verdictOf(rationale, verdicts[i]!);
    if (conclusion) return conclusion;
  }
  return undefined;
}

function verdictOf(rationale: string, last: RegExpExecArray): Conclusion | undefined {
  const phrase = last[0];
  if (NEGATION.test(phrase)) return 'notNecessary';
  // The clause around the phrase: back to the previous punctuation (at most a dozen words), and,
  // for "medical necessity ... is not established", forward to the end of the sentence.
  if (NEGATION.test(rationale.slice(lastWordsStart(rationale, last.index), last.index))) return 'notNecessary';
  if (/^medical\s+necessity$/i.test(phrase)) {
    const afterText = rationale.slice(last.index + phrase.length, last.index + phrase.length + 160);
    const stop = afterText.search(/[.;]/);
    const after = stop >= 0 ? afterText.slice(0, stop) : afterText;
    if (!/\b(?:established|demonstrated|supported|met|shown|substantiated)\b/i.test(after)) return undefined;
    return NEGATION.test(after) ? 'notNecessary' : 'necessary';
  }
  return 'necessary';
}

/** How far back from a verdict phrase its clause is read, in characters and in words. */
const CLAUSE_CHARACTERS = 120;
const CLAUSE_WORDS = 12;

/**
 * Where the last `CLAUSE_WORDS` words before `end` start: the words after the last `.`, `;` or `,` within
 * `CLAUSE_CHARACTERS` characters before it (words are separated by `\s`, as `split(/\s+/)` cuts them).
 * Read backwards by character codes, so no word is cut out; `NEGATION` reads the same words in the
 * slice from here as joined by single spaces, since it looks at words and word boundaries only.
 */
function lastWordsStart(text: string, end: number): number {
  const floor = Math.max(0, end - CLAUSE_CHARACTERS);
  let clauseStart = end;
  while (clauseStart > floor && !isClauseEnd(text.charCodeAt(clauseStart - 1))) clauseStart--;
  let i = end;
  for (let words = 0; words < CLAUSE_WORDS; words++) {
    while (i > clauseStart && isRegexSpace(text.charCodeAt(i - 1))) i--;
    if (i === clauseStart) break;
    while (i > clauseStart && !isRegexSpace(text.charCodeAt(i - 1))) i--;
  }
  return i;
}

function isClauseEnd(code: number): boolean {
  return code === 46 /* . */ || code === 59 /* ; */ || code === 44 /* , */;
}
