import assert from 'node:assert/strict';
import { mayFit, readLetterFile } from '../../src/core';
import { PLAIN } from './helpers/letters';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('letter files', () => {
  it('reads a .txt file that looks like a letter', () => {
    assert.deepEqual(readLetterFile('corpus/CM16-0213037.txt', bytes(PLAIN), 5_000_000), { text: PLAIN });
  });

  it('reads any .imr file: its name says it is a letter', () => {
    assert.deepEqual(readLetterFile('gaps/draft.IMR', bytes('Valium 5 mg #24:'), 100), { text: 'Valium 5 mg #24:' });
  });

  it('skips a .txt file that does not look like a letter', () => {
    assert.deepEqual(readLetterFile('notes.txt', bytes('Shopping: milk, bread'), 100), { skipped: 'notLetter' });
  });

  it('skips binary files (NUL bytes)', () => {
    assert.deepEqual(readLetterFile('scan.imr', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]), 100), { skipped: 'binary' });
  });

  it('skips files with more characters than the maximum, counting UTF-16 code units as editors do', () => {
    assert.deepEqual(readLetterFile('a.imr', bytes('é'.repeat(11)), 10), { skipped: 'tooLarge' });
    assert.deepEqual(readLetterFile('a.imr', bytes('é'.repeat(10)), 10), { text: 'é'.repeat(10) });
    assert.deepEqual(readLetterFile('a.imr', bytes('x'.repeat(31)), 10), { skipped: 'tooLarge' });
  });

  it('drops a byte order mark', () => {
    assert.deepEqual(readLetterFile('a.imr', new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), 10), { text: 'A' });
  });

  it('knows from the byte size alone when a file cannot fit', () => {
    assert.equal(mayFit(30, 10), true);
    assert.equal(mayFit(31, 10), false);
  });
});
