/**
 * The letter's entities as highlighting spans: one token type per kind of entity, no two spans
 * overlapping, none crossing a line break — the shape semantic highlighting wants.
 */

import type { Entity, EntityKind, Letter } from '../model';

/** The token types, in the order of the `semanticTokenTypes` the extension contributes. */
export const TOKEN_TYPES = ['drug', 'dose', 'sig', 'guideline', 'citation', 'date', 'redacted', 'anatomy'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

/** The token modifiers: `shape` marks a drug recognised by its shape (`Nalfon 400mg`), not a lexicon. */
export const TOKEN_MODIFIERS = ['shape'] as const;
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

const TYPE_OF_KIND: Readonly<Record<EntityKind, TokenType>> = {
  drug: 'drug',
  strength: 'dose',
  quantity: 'dose',
  form: 'sig',
  route: 'sig',
  frequency: 'sig',
  duration: 'sig',
  refills: 'sig',
  sessions: 'sig',
  timeQualifier: 'sig',
  guideline: 'guideline',
  literature: 'citation',
  date: 'date',
  redacted: 'redacted',
  bodyPart: 'anatomy',
  spineLevel: 'anatomy',
};

export function tokenTypeOf(entity: Entity): TokenType {
  return TYPE_OF_KIND[entity.kind];
}

/** One highlighted span, always within one line. */
export interface TokenSpan {
  readonly start: number;
  readonly end: number;
  readonly type: TokenType;
  readonly modifiers: readonly TokenModifier[];
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 12 || code === 11 || code === 0xa0;
}

/** Cuts `[start, end)` of `text` at line breaks, dropping the breaks and the blanks at each piece's ends. */
function perLine(text: string, start: number, end: number, emit: (start: number, end: number) => void): void {
  let from = start;
  const flush = (to: number): void => {
    let s = from;
    let e = to;
    while (s < e && isBlank(text.charCodeAt(s))) s++;
    while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
    if (e > s) emit(s, e);
  };
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 10 && code !== 13) continue;
    flush(i);
    from = i + 1;
  }
  flush(end);
}

/**
 * The spans to highlight, in text order. Entities are taken in order of their start; one that
 * starts inside the span kept before it (a date inside `Retro Dispensed 08/07/14`) is skipped, so
 * no two spans overlap. A multi-line entity gives one span per line.
 */
export function tokenSpans(letter: Letter): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let previousEnd = -1;
  for (const entity of letter.entities) {
    if (entity.start < previousEnd || entity.end <= entity.start) continue;
    const type = tokenTypeOf(entity);
    const modifiers: TokenModifier[] = entity.kind === 'drug' && entity.source === 'shape' ? ['shape'] : [];
    perLine(letter.text, entity.start, Math.min(entity.end, letter.text.length), (start, end) => spans.push({ start, end, type, modifiers }));
    previousEnd = entity.end;
  }
  return spans;
}
