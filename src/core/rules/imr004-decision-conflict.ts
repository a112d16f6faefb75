import type { Diagnostic, Letter } from '../model';
import { rationaleConclusion } from './conclusion';
import type { Rule } from './rule';

/** `Overturned` written in the style of the word it replaces (`UPHELD` → `OVERTURNED`). */
function inStyleOf(written: string, word: string): string {
  const letters = written.replace(/[^A-Za-z]/g, '');
  if (letters && letters === letters.toUpperCase()) return word.toUpperCase();
  if (letters && letters === letters.toLowerCase()) return word.toLowerCase();
  return word;
}

export const decisionConflict: Rule = {
  code: 'IMR004',
  name: 'decision-conflict',
  description: 'The outcome agrees with the rationale\'s conclusion (Upheld: not medically necessary; Overturned: medically necessary).',
  defaultSeverity: 'warning',
  check(letter: Letter): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    for (const item of letter.items) {
      if (!item.outcome || !item.outcomeRange || !item.rationale?.body.text) continue;
      const conclusion = rationaleConclusion(item.rationale.body.text);
      if (!conclusion) continue;
      const conflict = (item.outcome === 'upheld' && conclusion === 'necessary') || (item.outcome === 'overturned' && conclusion === 'notNecessary');
      if (!conflict) continue;
      const written = letter.text.slice(item.outcomeRange.start, item.outcomeRange.end);
      // The word without its trailing `.`/`!` (counted by hand: `/[.!]+$/` is quadratic on long runs).
      let wordLength = written.length;
      while (wordLength > 0 && (written[wordLength - 1] === '.' || written[wordLength - 1] === '!')) wordLength--;
      const replacement = inStyleOf(written, item.outcome === 'upheld' ? 'Overturned' : 'Upheld');
      const concludes = conclusion === 'necessary' ? 'is medically necessary' : 'is not medically necessary';
      const name = item.name.text ? `"${item.name.text}"` : `Disputed item ${item.index + 1}`;
      diagnostics.push({
        code: this.code,
        rule: this.name,
        severity: this.defaultSeverity,
        message: `${name} is ${item.outcome === 'upheld' ? 'Upheld' : 'Overturned'}, but its rationale concludes the request ${concludes}.`,
        range: item.outcomeRange,
        itemIndex: item.index,
        fixes: [{
          title: `Change the decision to ${replacement}, as the rationale concludes`,
          edits: [{ range: { start: item.outcomeRange.start, end: item.outcomeRange.start + wordLength }, newText: replacement }],
          isPreferred: true,
          safe: false,
        }],
      });
    }
    return diagnostics;
  },
};
