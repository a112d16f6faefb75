/** What a decision rationale concludes: the request is, or is not, medically necessary. */

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

/** How far from the end the first, cheaper search for a verdict starts. */
const TAIL_LENGTH = 400;

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
  const before = rationale.slice(Math.max(0, last.index - 120), last.index);
  const clauseStart = Math.max(before.lastIndexOf('.'), before.lastIndexOf(';'), before.lastIndexOf(','));
  const words = before.slice(clauseStart + 1).trim().split(/\s+/).slice(-12).join(' ');
  if (NEGATION.test(words)) return 'notNecessary';
  if (/^medical\s+necessity$/i.test(phrase)) {
    const afterText = rationale.slice(last.index + phrase.length, last.index + phrase.length + 160);
    const stop = afterText.search(/[.;]/);
    const after = stop >= 0 ? afterText.slice(0, stop) : afterText;
    if (!/\b(?:established|demonstrated|supported|met|shown|substantiated)\b/i.test(after)) return undefined;
    return NEGATION.test(after) ? 'notNecessary' : 'necessary';
  }
  return 'necessary';
}
