// Is a file text, and what text: one decision over all of its bytes, shared by the CLI (files and
// standard input) and the extension (the workspace check and the Disputed Items view read files
// nobody has opened through readLetterFile).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeText, readLetterFile } from '../../src/core';
import { PLAIN } from './helpers/letters';

/** PLAIN with a clinical summary long enough to make the letter `size` bytes (ASCII). */
function longLetter(size: number): Uint8Array {
  const sentence = 'She reports pain in the right shoulder since the injury.\n';
  const anchor = 'The injured worker is a 48 year old male.\n';
  const text = PLAIN.replace(anchor, anchor + sentence.repeat(Math.ceil((size - PLAIN.length) / sentence.length)));
  return new TextEncoder().encode(text).slice(0, size);
}

/** `bytes` with `byte` written at `at` (a copy). */
function withByte(bytes: Uint8Array, at: number, byte: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = byte;
  return copy;
}

const utf16 = (text: string, endian: 'le' | 'be'): Uint8Array => {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (endian === 'be') bytes.swap16();
  return new Uint8Array(bytes);
};

describe('decodeText: text or not, decided over the whole file', () => {
  it('a NUL byte anywhere makes a file not text: at byte 7,565 as at byte 12,000 or at the last byte', () => {
    // Was: only the first 8 KB were looked at, so the NUL at 12,000 was analysed as text.
    const letter = longLetter(13_000);
    assert.ok('text' in decodeText(letter));
    for (const at of [0, 7_565, 8_191, 8_192, 12_000, 12_999]) {
      assert.deepEqual(decodeText(withByte(letter, at, 0)), { notText: 'nul' }, `NUL at ${at}`);
      assert.deepEqual(readLetterFile('letter.txt', withByte(letter, at, 0), 1_000_000), { skipped: 'binary' }, `readLetterFile, NUL at ${at}`);
    }
  });

  it('more than 5% control characters (other than tab, line feed, form feed, carriage return) in the whole file: not text', () => {
    // 8 KB of clean text, then 8 KB with one control character in three: 17% of the file.
    const clean = longLetter(8_192);
    const noisy = Uint8Array.from({ length: 8_192 }, (_, i) => (i % 3 === 0 ? 1 + (i % 8) : 65));
    const both = new Uint8Array([...clean, ...noisy]);
    assert.deepEqual(decodeText(both), { notText: 'controls' });
    assert.deepEqual(readLetterFile('letter.imr', both, 1_000_000), { skipped: 'binary' });
    // Tab, line feed, form feed and carriage return are text; a few other controls (5% or less) are tolerated.
    const layout = new TextEncoder().encode('a\tb\r\n\f'.repeat(1000));
    assert.deepEqual(decodeText(layout), { text: 'a\tb\r\n\f'.repeat(1000), encoding: 'utf-8' });
    const fewControls = Uint8Array.from({ length: 2_000 }, (_, i) => (i % 20 === 0 ? 0x1b : 0x41));
    assert.ok('text' in decodeText(fewControls));
    const justOver = Uint8Array.from({ length: 2_000 }, (_, i) => (i % 19 === 0 ? 0x1b : 0x41));
    assert.deepEqual(decodeText(justOver), { notText: 'controls' });
  });

  it('UTF-8, with or without a byte order mark; an empty file is empty text', () => {
    assert.deepEqual(decodeText(new TextEncoder().encode('Zoë: Upheld')), { text: 'Zoë: Upheld', encoding: 'utf-8' });
    assert.deepEqual(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])), { text: 'A', encoding: 'utf-8' });
    assert.deepEqual(decodeText(new Uint8Array()), { text: '', encoding: 'utf-8' });
  });

  it('long runs of characters of several bytes and of surrogate pairs decode whole, in UTF-8 and UTF-16', () => {
    const text = 'é'.repeat(100_000) + '€'.repeat(50_001) + '😀'.repeat(50_001);
    assert.deepEqual(decodeText(new TextEncoder().encode(text)), { text, encoding: 'utf-8' });
    assert.deepEqual(decodeText(utf16(text, 'le')), { text, encoding: 'utf-16le' });
  });

  it('bytes that are not UTF-8: Windows-1252 by default (the CLI), replacement characters as the editor shows them on request', () => {
    // Bad bytes late in the file: the whole file is read as Windows-1252, not a mix.
    const bytes = new Uint8Array([...new TextEncoder().encode('é'.repeat(40_000)), 0xe9, 0x41, 0xe9]);
    assert.deepEqual(decodeText(bytes), { text: 'Ã©'.repeat(40_000) + 'éAé', encoding: 'windows-1252' });
    assert.deepEqual(decodeText(bytes, { invalidUtf8: 'replace' }), { text: 'é'.repeat(40_000) + '\ufffdA\ufffd', encoding: 'utf-8' });
    // A byte order mark is dropped in the fallback too.
    assert.deepEqual(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xe9])), { text: 'Aé', encoding: 'windows-1252' });
  });

  it('UTF-16 with a byte order mark is text (its NUL bytes are half characters); a NUL character in it is not', () => {
    assert.deepEqual(decodeText(utf16(PLAIN, 'le')), { text: PLAIN, encoding: 'utf-16le' });
    assert.deepEqual(decodeText(utf16(PLAIN, 'be')), { text: PLAIN, encoding: 'utf-16be' });
    assert.deepEqual(decodeText(utf16(`${PLAIN}\0`, 'le')), { notText: 'nul' });
    assert.deepEqual(decodeText(utf16('\u0001A'.repeat(100), 'be')), { notText: 'controls' });
    // The extension reads them too now, as VS Code opens them (it was: skipped as binary).
    assert.deepEqual(readLetterFile('letter.txt', utf16(PLAIN, 'le'), 1_000_000), { text: PLAIN });
    // Without the mark, UTF-16 is not told from binary.
    assert.deepEqual(decodeText(new Uint8Array(Buffer.from(PLAIN, 'utf16le'))), { notText: 'nul' });
  });

  it('the word-at-a-time scan decides as a plain byte-by-byte count does, at any alignment (generated bytes)', () => {
    /** The rule read plainly: every byte looked at. */
    const plain = (bytes: Uint8Array): string => {
      let controls = 0;
      for (const byte of bytes) {
        if (byte === 0) return 'nul';
        if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 12 && byte !== 13) controls++;
      }
      return controls > bytes.length * 0.05 ? 'controls' : 'text';
    };
    const verdict = (decoded: ReturnType<typeof decodeText>): string => ('notText' in decoded ? decoded.notText : 'text');
    // Mostly letters and line ends, some controls, the odd NUL: near the 5% line, and at any offset in its buffer.
    const byte = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(0x41, 0x20, 0x0a, 0x0d, 0x09, 0x0c, 0xc3, 0xa9, 0x7f, 0xff) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 31 }) }, { weight: 1, arbitrary: fc.constant(0) });
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 300 }), fc.integer({ min: 0, max: 3 }), (values, offset) => {
        // Bytes that start with a byte order mark are decoded by other rules: keep to the plain case.
        fc.pre(!(values[0] === 0xff || values[0] === 0xfe || values[0] === 0xef));
        const buffer = new Uint8Array(values.length + offset);
        buffer.set(values, offset);
        const bytes = buffer.subarray(offset);
        assert.equal(verdict(decodeText(bytes)), plain(bytes));
      }),
      { numRuns: 2000, seed: 7565 },
    );
  });
});
