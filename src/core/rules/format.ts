/** Text that fixes insert, written the way the letter itself writes it (markdown or plain, its own spacing). */

import type { Item, Letter, Range } from '../model';
import { isTextSpace } from '../chars';

export type LabelName = 'Claims Administrator guideline' | 'MAXIMUS guideline' | 'Decision rationale';

/** A label as this letter writes it: `**Decision rationale:**` in markdown, `Decision rationale:` otherwise. */
export function labelText(letter: Letter, label: LabelName): string {
  return letter.format === 'markdown' ? `**${label}:**` : `${label}:`;
}

/** The start of the line holding `offset`'s label, with any `**`/`<b>` before it. */
function markupStart(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && text[s - 1] === '*') s--;
  if (text.slice(Math.max(0, s - 3), s).toLowerCase() === '<b>') s -= 3;
  return s;
}

/** The whitespace that separates two blocks if it is only whitespace and contains a line break. */
function gapBetween(text: string, end: number, nextLabelStart: number): string | undefined {
  const start = markupStart(text, nextLabelStart);
  if (start < end) return undefined;
  const gap = text.slice(end, start);
  for (let i = 0; i < gap.length; i++) if (!isTextSpace(gap.charCodeAt(i))) return undefined;
  return gap.includes('\n') || gap.includes('\r') ? gap : undefined;
}

/** Each letter's block separator, read once: rules ask for it once per item. */
const separators = new WeakMap<Letter, string>();

/**
 * The separator this letter puts between an item's blocks (e.g. `\n \n` in PDF text, `\n\n` in markdown),
 * read from its own items; `\n\n` (or `\r\n\r\n`) when it has none to copy.
 */
export function blockSeparator(letter: Letter): string {
  let separator = separators.get(letter);
  if (separator === undefined) {
    separator = readSeparator(letter);
    separators.set(letter, separator);
  }
  return separator;
}

function readSeparator(letter: Letter): string {
  for (const item of letter.items) {
    const pairs: Array<[Range | undefined, Range | undefined]> = [
      [item.heading, item.claimsGuideline?.label],
      [item.claimsGuideline?.range, item.maximusGuideline?.label],
      [item.maximusGuideline?.range, item.rationale?.label],
    ];
    for (const [before, after] of pairs) {
      if (!before || !after) continue;
      const gap = gapBetween(letter.text, before.end, after.start);
      if (gap) return gap;
    }
  }
  return letter.text.includes('\r\n') ? '\r\n\r\n' : '\n\n';
}

/** Where new blocks go after an item's line and existing guideline blocks. */
export function endOfGuidelines(item: Item): number {
  return item.maximusGuideline?.range.end ?? item.claimsGuideline?.range.end ?? item.heading.end;
}
