/** Deciding, from a file's bytes, whether it is a letter to analyse: for checking files nobody has opened. */

import { looksLikeLetter } from './detect';

/** Why a file was not analysed. */
export type SkipReason = 'binary' | 'tooLarge' | 'notLetter';

export type LetterFile = { readonly text: string } | { readonly skipped: SkipReason };

/** UTF-8 takes at most 3 bytes per UTF-16 code unit, so a file of more bytes than this cannot fit. */
export function mayFit(byteSize: number, maxFileSize: number): boolean {
  return byteSize <= maxFileSize * 3;
}

/**
 * The text of a letter file, or why it is skipped: it holds NUL bytes (binary), has more than
 * `maxFileSize` characters, or is not an `.imr` file and does not look like a letter.
 * Decoded as UTF-8 (a byte order mark dropped, as editors do).
 */
export function readLetterFile(path: string, bytes: Uint8Array, maxFileSize: number): LetterFile {
  if (!mayFit(bytes.length, maxFileSize)) return { skipped: 'tooLarge' };
  if (bytes.includes(0)) return { skipped: 'binary' };
  const text = new TextDecoder('utf-8').decode(bytes);
  if (text.length > maxFileSize) return { skipped: 'tooLarge' };
  if (!/\.imr$/i.test(path) && !looksLikeLetter(text)) return { skipped: 'notLetter' };
  return { text };
}
