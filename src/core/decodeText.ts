/**
 * A file's bytes as text, or why they are not text: decided over the whole file, in one scan of its
 * bytes. Shared by the CLI (files and standard input) and the extension (files read
 * without an editor), so that both refuse the same files.
 */

/** Why bytes are not text: a NUL anywhere, or more than 5% control characters over the whole file. */
export type NotTextReason = 'nul' | 'controls';

/** The encoding the text was read in. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type DecodedText = { readonly text: string; readonly encoding: TextEncodingName } | { readonly notText: NotTextReason };

export interface DecodeTextOptions {
  /**
   * Bytes that are not UTF-8 (without a UTF-16 byte order mark): `windows-1252` reads the whole file
   * in that encoding, as old extractions were written (the default, for the CLI); `replace` keeps
   * UTF-8 with U+FFFD for each bad sequence, which is what VS Code shows when it opens the file.
   */
  readonly invalidUtf8?: 'windows-1252' | 'replace';
}

/** More control characters than this share of the file (its bytes, or UTF-16 units) and it is not text. */
const MAX_CONTROL_SHARE = 0.05;

/** Tab, line feed, form feed and carriage return: the control characters that letters are made of. */
function isLayoutControl(code: number): boolean {
  return code === 9 || code === 10 || code === 12 || code === 13;
}

/**
 * The text of `bytes`, or why they are not text. The rule, for the whole file: any NUL (U+0000) makes
 * it not text, and so do control characters other than tab, line feed, form feed and carriage return
 * making up more than 5% of it. UTF-16 with a byte order mark is decoded as UTF-16 (its NUL bytes are
 * halves of characters: the rule counts its 16-bit units); otherwise UTF-8, a byte order mark dropped,
 * with {@link DecodeTextOptions.invalidUtf8} for bytes that are not UTF-8.
 *
 * The decision is one scan of the bytes, which stops at the first NUL; only text is then decoded, in
 * one call (the decoder's fast path). A NUL is the reason given whatever the controls.
 */
export function decodeText(bytes: Uint8Array, options: DecodeTextOptions = {}): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be');
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const controls = controlsIn(body);
  if (controls < 0) return { notText: 'nul' };
  if (controls > body.length * MAX_CONTROL_SHARE) return { notText: 'controls' };
  if (options.invalidUtf8 === 'replace') return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
  }
}

/** How many control characters other than layout (bytes 1-8, 11, 14-31) `bytes` hold; -1 when they hold a NUL. */
function controlsIn(bytes: Uint8Array): number {
  // Byte by byte up to a 4-byte boundary, then a word at a time: text has a byte below 0x20 (a line
  // end, mostly) in few of its words, and only those are looked at byte by byte.
  const aligned = Math.min(bytes.length, (4 - (bytes.byteOffset & 3)) & 3);
  const words = (bytes.length - aligned) >> 2;
  let count = controlBytes(bytes, 0, aligned);
  // (With no whole word, `aligned` may be no boundary: no view then.)
  const view = words > 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset + aligned, words) : new Uint32Array(0);
  for (let k = 0; k < words && count >= 0; k++) {
    const word = view[k]!;
    // Non-zero exactly when a byte of the word is below 0x20 (the "has a byte less than n" bit trick).
    if (((word - 0x20202020) & ~word & 0x80808080) !== 0) {
      const found = controlBytes(bytes, aligned + k * 4, aligned + k * 4 + 4);
      count = found < 0 ? -1 : count + found;
    }
  }
  if (count < 0) return -1;
  const tail = controlBytes(bytes, aligned + words * 4, bytes.length);
  return tail < 0 ? -1 : count + tail;
}

/** {@link controlsIn} byte by byte, over `bytes[from, to)`. */
function controlBytes(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const byte = bytes[i]!;
    if (byte < 32 && !isLayoutControl(byte)) {
      if (byte === 0) return -1;
      count++;
    }
  }
  return count;
}

/** UTF-16 after its byte order mark: the rule applied to its 16-bit units. */
function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  const high = encoding === 'utf-16le' ? 1 : 0;
  let controls = 0;
  for (let i = 2; i + 1 < bytes.length; i += 2) {
    if (bytes[i + high] !== 0) continue;
    const code = bytes[i + 1 - high]!;
    if (code < 32 && !isLayoutControl(code)) {
      if (code === 0) return { notText: 'nul' };
      controls++;
    }
  }
  if (controls > ((bytes.length - 2) >> 1) * MAX_CONTROL_SHARE) return { notText: 'controls' };
  return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(2)), encoding };
}
