/** Character classes by code, for the loops that read text without building strings. */

/** Whether `c` is a character code that `\s` matches in a JavaScript regex (what `trim` removes). */
export function isRegexSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Whether `c` is whitespace as the letters' text has it: `\s` plus the zero-width space (U+200B) the
 * PDF extractions leave between words. The parse trims, splits and collapses text with it; a loop that
 * stands in for a regex's `\s` uses `isRegexSpace`, so that it finds what the regex would.
 */
export function isTextSpace(c: number): boolean {
  // Printable ASCII, the bulk of every letter, is decided by the first two comparisons.
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0x200b || isRegexSpace(c);
}

/** Whether `c` is an ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Whether `c` is an ASCII letter. */
export function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** Whether `c` is a character code `\w` (and so `\b`) counts as a word character: an ASCII letter or digit, or `_`; NaN (before or past a text) is not. */
export function isWordChar(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === 0x5f;
}

/** Whether a four-digit year of the letters' range, `19xx` or `20xx`, is at `at` (what follows is not looked at). */
export function isYearAt(text: string, at: number): boolean {
  const first = text.charCodeAt(at);
  const second = text.charCodeAt(at + 1);
  return ((first === 0x31 && second === 0x39) || (first === 0x32 && second === 0x30)) && isDigit(text.charCodeAt(at + 2)) && isDigit(text.charCodeAt(at + 3));
}
