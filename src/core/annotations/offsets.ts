/**
 * Offsets in code points (what brat, Python, doccano, Prodigy and spaCy count) against UTF-16 code
 * units (what JavaScript and VS Code count). They differ by one for every character outside the BMP
 * (an emoji, a math letter): one code point, two code units. A CRLF is two in both.
 */

/** Converts offsets of one text both ways in O(log k), k the characters outside the BMP; built in one pass. */
export interface CodePointOffsets {
  /** The text's length in UTF-16 code units. */
  readonly utf16Length: number;
  /** The text's length in code points. */
  readonly codePointLength: number;
  /** The code point offset of a UTF-16 offset; one between the halves of a pair gives the pair's start. */
  toCodePoint(utf16: number): number;
  /** The UTF-16 offset of a code point offset (clamped to the text). */
  toUtf16(codePoint: number): number;
}

const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** Whether `offset` falls between the two halves of a surrogate pair (a position no code point offset names). */
export function splitsPair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isLow(text.charCodeAt(offset)) && isHigh(text.charCodeAt(offset - 1));
}

/** Number of entries of the ascending `values` that are `<= x`. */
function countAtMost(values: Int32Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The converter for `text`. A lone surrogate counts as one code point, as it becomes U+FFFD, one
 * character, when the text is written as UTF-8.
 */
export function codePointOffsets(text: string): CodePointOffsets {
  // Where each pair's low half sits (UTF-16), and where each pair starts in code points.
  const lows: number[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A first test that skips almost every character of an English letter.
    if (unit < 0xd800 || unit > 0xdbff) continue;
    if (isLow(text.charCodeAt(i + 1))) lows.push(++i);
  }
  const lowAt = Int32Array.from(lows);
  const pairStart = Int32Array.from(lows, (low, k) => low - 1 - k);
  const utf16Length = text.length;
  const codePointLength = utf16Length - lows.length;
  return {
    utf16Length,
    codePointLength,
    toCodePoint: (utf16) => {
      const at = Math.max(0, Math.min(utf16, utf16Length));
      return at - countAtMost(lowAt, at);
    },
    toUtf16: (codePoint) => {
      const at = Math.max(0, Math.min(codePoint, codePointLength));
      // Every pair that starts before `at` adds one code unit.
      return at + countAtMost(pairStart, at - 1);
    },
  };
}
