import type { Diagnostic, Fix, Item, Letter } from '../model';
import { blockSeparator } from './format';
import { rationaleConclusion } from './conclusion';
import type { Rule } from './rule';

/** Where ` Upheld`/`: Upheld` goes: after an existing `:`/`:**` that ends the item line, else right after the name. */
function outcomeInsertion(letter: Letter, item: Item): { at: number; prefix: string } {
  const text = letter.text;
  let i = item.name.end;
  // A partial approval's line ends `..., X #35 is:`; its name stops before `is`: the outcome goes after the colon.
  const partialIs = /^\s*is[ \t]*(?=:|\*\*:)/i.exec(text.slice(i, i + 40));
  if (partialIs) i += partialIs[0].length;
  // The rest of the item line as the parser reads it (spaces, colons, bold markers): the outcome goes
  // after its last colon and the `**` closing it, where the parser looks for it (`X: :` included).
  let colon = -1;
  for (let j = i; text[j] === ' ' || text[j] === '\t' || text[j] === ':' || text[j] === '*'; j++) if (text[j] === ':') colon = j;
  if (colon >= 0) {
    i = colon + 1;
    while (text[i] === '*') i++;
    return { at: i, prefix: ' ' };
  }
  // `**Valium 5 mg #24**`: the colon goes inside the bold, the outcome after it.
  let j = item.name.end;
  while (text[j] === '*') j++;
  if (j > item.name.end) return { at: j, prefix: ': ' };
  return { at: item.name.end, prefix: ': ' };
}

export const missingDecision: Rule = {
  code: 'IMR001',
  name: 'missing-decision',
  description: 'Every disputed item states its outcome: Upheld or Overturned.',
  defaultSeverity: 'error',
  check(letter: Letter): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    for (const item of letter.items) {
      if (item.outcome) continue;
      const conclusion = item.rationale ? rationaleConclusion(item.rationale.body.text) : undefined;
      const fixes: Fix[] = [];
      if (item.name.text) {
        const { at, prefix } = outcomeInsertion(letter, item);
        for (const word of ['Upheld', 'Overturned'] as const) {
          const matches = (word === 'Upheld' && conclusion === 'notNecessary') || (word === 'Overturned' && conclusion === 'necessary');
          fixes.push({
            title: `Add the decision: ${word}${matches ? ' (as the rationale concludes)' : ''}`,
            edits: [{ range: { start: at, end: at }, newText: `${prefix}${word}` }],
            isPreferred: matches,
            safe: matches,
          });
        }
      } else {
        // No item line at all: write one above the first block, for the user to name.
        const at = item.range.start;
        const separator = blockSeparator(letter);
        for (const word of ['Upheld', 'Overturned'] as const) {
          fixes.push({
            title: `Add the item line with the decision: ${word}`,
            edits: [{ range: { start: at, end: at }, newText: `[disputed item]: ${word}${separator}`, snippet: `\${1:disputed item}: ${word}${separator}` }],
            safe: false,
          });
        }
      }
      const where = item.name.text ? `"${item.name.text}"` : `Disputed item ${item.index + 1}`;
      diagnostics.push({
        code: this.code,
        rule: this.name,
        severity: this.defaultSeverity,
        message: `${where} has no decision: add ": Upheld" or ": Overturned" to the item line.`,
        range: item.name.text ? item.name : { start: item.range.start, end: item.claimsGuideline?.label.end ?? item.maximusGuideline?.label.end ?? item.rationale?.label.end ?? item.range.start },
        itemIndex: item.index,
        fixes,
      });
    }
    return diagnostics;
  },
};
