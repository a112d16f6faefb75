/** Restricting an extractor to a range of the text, shared by the entity finders. */

import type { Range } from '../model';

/** The part of `text` inside `range` (all of it when there is none) and the offset it starts at. */
export function sliceOf(text: string, range: Range | undefined): { sub: string; base: number } {
  if (!range) return { sub: text, base: 0 };
  const start = Math.max(0, range.start);
  const end = Math.min(text.length, range.end);
  return { sub: text.slice(start, Math.max(start, end)), base: start };
}

/** Whether `e` touches an end of `range` that cuts through a word or number (`#2|4`): then it is not whole. */
export function cutByRange(text: string, range: Range | undefined, e: Range): boolean {
  if (!range) return false;
  const word = /[\w%]/;
  if (e.start === range.start && word.test(text.charAt(e.start - 1)) && word.test(text.charAt(e.start))) return true;
  return e.end === range.end && word.test(text.charAt(e.end - 1)) && word.test(text.charAt(e.end));
}
