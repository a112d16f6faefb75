/** Deciding, from a file's bytes, whether it is a letter to analyse: for checking files nobody has opened. */

import { decodeText } from './decodeText';
import { looksLikeLetter } from './detect';

/** Why a file was not analysed. */
export type SkipReason = 'binary' | 'tooLarge' | 'notLetter';

export type LetterFile = { readonly text: string } | { readonly skipped: SkipReason };

/** UTF-8 takes at most 3 bytes per UTF-16 code unit, so a file of more bytes than this cannot fit. */
export function mayFit(byteSize: number, maxFileSize: number): boolean {
  return byteSize <= maxFileSize * 3;
}

/**
 * The text of a letter file, or why it is skipped: it is not text by {@link decodeText}'s rule
 * (binary: a NUL byte anywhere, or mostly control characters), has more than `maxFileSize`
 * characters, or is not an `.imr` file and does not look like a letter. Decoded as VS Code opens
 * files: UTF-16 by its byte order mark, else UTF-8 (a byte order mark dropped, bad bytes as U+FFFD).
 */
export function readLetterFile(path: string, bytes: Uint8Array, maxFileSize: number): LetterFile {
  if (!mayFit(bytes.length, maxFileSize)) return { skipped: 'tooLarge' };
  const decoded = decodeText(bytes, { invalidUtf8: 'replace' });
  if ('notText' in decoded) return { skipped: 'binary' };
  const { text } = decoded;
  if (text.length > maxFileSize) return { skipped: 'tooLarge' };
  if (!/\.imr$/i.test(path) && !looksLikeLetter(text)) return { skipped: 'notLetter' };
  return { text };
}
