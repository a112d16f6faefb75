import type { Diagnostic, Letter } from '../model';
import { blockSeparator, labelText } from './format';
import type { Rule } from './rule';

export const missingGuideline: Rule = {
  code: 'IMR003',
  name: 'missing-guideline',
  description: 'Every disputed item cites the guidelines used: the Claims Administrator\'s and MAXIMUS\'s.',
  defaultSeverity: 'warning',
  check(letter: Letter): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    for (const item of letter.items) {
      if (item.claimsGuideline || item.maximusGuideline) continue;
      const name = item.name.text ? `"${item.name.text}"` : `Disputed item ${item.index + 1}`;
      const at = item.heading.end;
      const separator = blockSeparator(letter);
      const claims = labelText(letter, 'Claims Administrator guideline');
      const maximus = labelText(letter, 'MAXIMUS guideline');
      diagnostics.push({
        code: this.code,
        rule: this.name,
        severity: this.defaultSeverity,
        message: `${name} cites no guideline: neither "Claims Administrator guideline:" nor "MAXIMUS guideline:" follows the item line.`,
        range: item.heading.end > item.heading.start ? item.heading : item.name,
        itemIndex: item.index,
        fixes: [{
          title: 'Insert the "Claims Administrator guideline:" and "MAXIMUS guideline:" lines',
          edits: [{
            range: { start: at, end: at },
            newText: `${separator}${claims} [guideline]${separator}${maximus} [guideline]`,
            snippet: `${separator}${claims} \${1:guideline}${separator}${maximus} \${2:guideline}`,
          }],
          isPreferred: true,
          safe: false,
        }],
      });
    }
    return diagnostics;
  },
};
