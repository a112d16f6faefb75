/**
 * BIO tags per token, CoNLL style: one `token TAG` line per token, a blank line between paragraphs,
 * `-DOCSTART- O` before each letter. BIO cannot nest, so nested annotations are flattened: shorter
 * annotations first (a Drug inside a Request), an annotation kept only when none of its tokens is
 * already tagged.
 */

import type { Range } from '../model';
import type { AnnotationSet } from './types';

/** A token of the letter: a run of letters, digits and marks, or one other non-space character. */
const TOKEN = /[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;

export interface ConllToken extends Range {
  readonly text: string;
  /** `O`, `B-Drug`, `I-Drug`. */
  readonly tag: string;
  /** A blank line (a paragraph break) comes before this token. */
  readonly paragraphStart: boolean;
}

/** The letter's tokens with their BIO tags; `labels` keeps only annotations with those labels. */
export function bioTokens(letterText: string, set: AnnotationSet, options: { readonly labels?: readonly string[] } = {}): ConllToken[] {
  const tokens: { start: number; end: number; text: string; paragraphStart: boolean }[] = [];
  let last = 0;
  for (const match of letterText.matchAll(TOKEN)) {
    const gap = letterText.slice(last, match.index);
    const breaks = gap.match(/\r\n|\r|\n/g)?.length ?? 0;
    tokens.push({ start: match.index, end: match.index + match[0].length, text: match[0], paragraphStart: tokens.length > 0 && breaks >= 2 });
    last = match.index + match[0].length;
  }
  /** The tokens each annotation overlaps, by binary search on the token starts. */
  const firstEndingAfter = (offset: number): number => {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (tokens[mid]!.end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const candidates = set.textBound
    .filter((t) => !options.labels || options.labels.includes(t.label))
    .map((t) => {
      const covered = new Set<number>();
      for (const f of t.fragments) for (let i = firstEndingAfter(f.start); i < tokens.length && tokens[i]!.start < f.end; i++) covered.add(i);
      return { label: t.label, covered: [...covered].sort((a, b) => a - b), start: t.fragments[0]?.start ?? 0 };
    })
    .filter((c) => c.covered.length > 0)
    .sort((a, b) => a.covered.length - b.covered.length || a.start - b.start);
  const owner = new Array<{ label: string; covered: number[] } | undefined>(tokens.length);
  for (const c of candidates) {
    if (c.covered.some((i) => owner[i])) continue;
    for (const i of c.covered) owner[i] = c;
  }
  return tokens.map((token, i) => {
    const own = owner[i];
    const tag = !own ? 'O' : `${owner[i - 1] === own && !token.paragraphStart ? 'I' : 'B'}-${own.label}`;
    return { ...token, tag };
  });
}

/** A letter in CoNLL form: `-DOCSTART- O`, then `token TAG` lines, a blank line at each paragraph break. */
export function toConll(letterText: string, set: AnnotationSet, options: { readonly labels?: readonly string[] } = {}): string {
  const lines = ['-DOCSTART- O', ''];
  for (const token of bioTokens(letterText, set, options)) {
    if (token.paragraphStart) lines.push('');
    lines.push(`${token.text} ${token.tag}`);
  }
  return lines.join('\n') + '\n\n';
}
