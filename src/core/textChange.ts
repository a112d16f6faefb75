/**
 * The one change that turns a text into another: what differs between their common start and their
 * common end. Used to carry annotations made on a file's saved text over to an editor's unsaved text
 * (a letter restored with unsaved edits after a reload), where no list of edits exists.
 */

/** Replace `[start, end)` of the old text (UTF-16 offsets) by `text`. */
export interface TextReplacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The smallest single replacement that turns `before` into `after`; `undefined` when they are equal. */
export function replacementBetween(before: string, after: string): TextReplacement | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start: prefix, end: before.length - suffix, text: after.slice(prefix, after.length - suffix) };
}
