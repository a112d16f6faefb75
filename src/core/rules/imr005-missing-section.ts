import type { Diagnostic, Letter } from '../model';
import { isTextSpace } from '../chars';
import { blockSeparator, labelText } from './format';
import type { Rule } from './rule';

const HEADING = 'IMR ISSUES, DECISIONS AND RATIONALES';
const INTRO = 'The Final Determination was based on decisions for the disputed items/services set forth below:';

function itemSkeleton(letter: Letter, separator: string): { text: string; snippet: string } {
  const claims = labelText(letter, 'Claims Administrator guideline');
  const maximus = labelText(letter, 'MAXIMUS guideline');
  const rationale = labelText(letter, 'Decision rationale');
  return {
    text: `[disputed item]:${separator}${claims} [guideline]${separator}${maximus} [guideline]${separator}${rationale} [rationale]`,
    snippet: `\${1:disputed item}:${separator}${claims} \${2:guideline}${separator}${maximus} \${3:guideline}${separator}${rationale} \${4:rationale}`,
  };
}

function trimmedEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && isTextSpace(text.charCodeAt(e - 1))) e--;
  return e;
}

export const missingSection: Rule = {
  code: 'IMR005',
  name: 'missing-section',
  description: 'The letter has an "IMR ISSUES, DECISIONS AND RATIONALES" section with at least one disputed item.',
  defaultSeverity: 'error',
  check(letter: Letter): Diagnostic[] {
    const separator = blockSeparator(letter);
    const heading = letter.format === 'markdown' ? `### ${HEADING}` : HEADING;
    const issues = letter.sections.find((s) => s.kind === 'issues');
    const base = { code: this.code, rule: this.name, severity: this.defaultSeverity };
    if (!issues) {
      const last = letter.sections[letter.sections.length - 1];
      const range = last ? last.heading : { start: 0, end: 0 };
      const first = letter.items[0];
      if (first) {
        // The items are there; only their heading is missing.
        const at = first.range.start;
        return [{
          ...base,
          message: `The letter has no "${HEADING}" heading above its ${letter.items.length} disputed item(s).`,
          range,
          fixes: [{ title: `Insert the "${HEADING}" heading above the first item`, edits: [{ range: { start: at, end: at }, newText: `${heading}${separator}${INTRO}${separator}` }], isPreferred: true, safe: true }],
        }];
      }
      const at = trimmedEnd(letter.text, 0, letter.text.length);
      const skeleton = itemSkeleton(letter, separator);
      const lead = at > 0 ? separator : '';
      return [{
        ...base,
        message: `The letter has no "${HEADING}" section: it decides no disputed item.`,
        range,
        fixes: [{
          title: `Append the "${HEADING}" section with an item to fill in`,
          edits: [{ range: { start: at, end: at }, newText: `${lead}${heading}${separator}${INTRO}${separator}${skeleton.text}`, snippet: `${lead}${heading}${separator}${INTRO}${separator}${skeleton.snippet}` }],
          isPreferred: true,
          safe: false,
        }],
      }];
    }
    if (letter.items.some((item) => item.range.start >= issues.range.start)) return [];
    const at = trimmedEnd(letter.text, issues.heading.end, issues.range.end);
    const skeleton = itemSkeleton(letter, separator);
    return [{
      ...base,
      message: `The "${HEADING}" section lists no disputed item.`,
      range: issues.heading,
      fixes: [{
        title: 'Add a disputed item to fill in',
        edits: [{ range: { start: at, end: at }, newText: `${separator}${skeleton.text}`, snippet: `${separator}${skeleton.snippet}` }],
        isPreferred: true,
        safe: false,
      }],
    }];
  },
};
