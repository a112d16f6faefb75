/** The letter's sections, found by their headings whatever their markup, case or centring. */

import type { Section, SectionKind } from '../model';
import type { ContentLine } from './lines';

const HEADINGS: ReadonlyArray<{ kind: SectionKind; key: string }> = [
  { kind: 'howMade', key: 'HOW THE IMR FINAL DETERMINATION WAS MADE' },
  { kind: 'credentials', key: 'THE EXPERT REVIEWER HAS THE FOLLOWING CREDENTIALS' },
  { kind: 'clinicalSummary', key: 'CLINICAL CASE SUMMARY' },
  { kind: 'issues', key: 'IMR ISSUES, DECISIONS AND RATIONALES' },
];

/** Upper-cased heading text without markdown `#`, `**`, `<b>` and a final colon; spaces collapsed. */
export function headingKey(text: string): string {
  let t = text;
  if (t.length > 80) return '';
  // Most lines are prose: only a line naming one of the headings' words can be one.
  if (!/IMR|CLINICAL|CREDENTIALS/i.test(t)) return '';
  t = t.replace(/^#{1,6}[ \t]*/, '').replace(/<\/?b>/gi, '').replace(/\*\*/g, '');
  t = t.trim().replace(/:$/, '').trim();
  return t.replace(/\s+/g, ' ').toUpperCase();
}

/** The kind of section a content line opens, if it is a heading. */
export function headingKind(line: ContentLine): SectionKind | undefined {
  const key = headingKey(line.text);
  if (!key) return undefined;
  for (const heading of HEADINGS) if (heading.key === key) return heading.kind;
  return undefined;
}

/** The title as written: the line without markdown markers. */
function headingTitle(text: string): { offset: number; title: string } {
  const match = /^(?:#{1,6}[ \t]*)?(?:\*\*|<b>)?/i.exec(text);
  const offset = match ? match[0].length : 0;
  const title = text.slice(offset).replace(/(?:\*\*|<\/b>)$/i, '').trim();
  return { offset, title };
}

/** Sections in order; each runs from its heading to the next heading (or the end of the text). */
export function findSections(lines: readonly ContentLine[], textLength: number): Section[] {
  const found: Array<{ kind: SectionKind; line: ContentLine }> = [];
  const seen = new Set<SectionKind>();
  for (const line of lines) {
    const kind = headingKind(line);
    // A heading repeated at the top of a later page continues its section.
    if (kind && !seen.has(kind)) {
      seen.add(kind);
      found.push({ kind, line });
    }
  }
  return found.map(({ kind, line }, i) => {
    const { offset, title } = headingTitle(line.text);
    const next = found[i + 1];
    return {
      kind,
      title,
      heading: { start: line.start + offset, end: line.start + offset + title.length },
      range: { start: line.start, end: next ? next.line.start : textLength },
    };
  });
}
