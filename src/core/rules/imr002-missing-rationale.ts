import type { Diagnostic, Letter } from '../model';
import { blockSeparator, endOfGuidelines, labelText } from './format';
import type { Rule } from './rule';

export const missingRationale: Rule = {
  code: 'IMR002',
  name: 'missing-rationale',
  description: 'Every disputed item has a non-empty "Decision rationale:" block.',
  defaultSeverity: 'error',
  check(letter: Letter): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    for (const item of letter.items) {
      const name = item.name.text ? `"${item.name.text}"` : `Disputed item ${item.index + 1}`;
      if (item.rationale && item.rationale.body.text) continue;
      if (item.rationale) {
        const at = item.rationale.label.end;
        diagnostics.push({
          code: this.code,
          rule: this.name,
          severity: this.defaultSeverity,
          message: `The decision rationale of ${name} is empty: write why the request was or was not medically necessary.`,
          range: item.rationale.label,
          itemIndex: item.index,
          fixes: [{
            title: 'Write the decision rationale',
            edits: [{ range: { start: at, end: at }, newText: ' [rationale]', snippet: ' ${1:rationale}' }],
            isPreferred: true,
            safe: false,
          }],
        });
        continue;
      }
      const at = endOfGuidelines(item);
      const separator = blockSeparator(letter);
      const label = labelText(letter, 'Decision rationale');
      diagnostics.push({
        code: this.code,
        rule: this.name,
        severity: this.defaultSeverity,
        message: `${name} has no "Decision rationale:" block after its guidelines.`,
        range: item.heading.end > item.heading.start ? item.heading : item.name,
        itemIndex: item.index,
        fixes: [{
          title: 'Insert a "Decision rationale:" block',
          edits: [{ range: { start: at, end: at }, newText: `${separator}${label} [rationale]`, snippet: `${separator}${label} \${1:rationale}` }],
          isPreferred: true,
          safe: false,
        }],
      });
    }
    return diagnostics;
  },
};
