// Benchmark inputs, all made from the real letters in test/fixtures.
import { Buffer } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MB = 1024 * 1024;
const FIXTURE_DIRS = ['samples', 'corpus', 'corpus-layout'];

/** Every fixture letter, in a stable order: { name, text, bytes }. */
export function loadLetters(root) {
  const letters = [];
  for (const dir of FIXTURE_DIRS) {
    const full = join(root, 'test', 'fixtures', dir);
    let names;
    try {
      names = readdirSync(full).filter((n) => n.endsWith('.txt')).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const text = readFileSync(join(full, name), 'utf8');
      letters.push({ name: `${dir}/${name}`, text, bytes: Buffer.byteLength(text) });
    }
  }
  if (letters.length === 0) throw new Error('no letters found under test/fixtures/{samples,corpus,corpus-layout}');
  return letters;
}

/** The letter whose size is the median of all letters: a typical single letter. */
export function typicalLetter(letters) {
  const bySize = [...letters].sort((a, b) => a.bytes - b.bytes || a.name.localeCompare(b.name));
  return bySize[Math.floor(bySize.length / 2)];
}

/** All letters, each ending in a newline, one after another. */
export function concatenate(letters) {
  return letters.map((l) => (l.text.endsWith('\n') ? l.text : l.text + '\n')).join('');
}

/** `text` repeated until it holds `bytes` UTF-8 bytes, then cut back to the last line end at or before that size. */
export function repeatTo(text, bytes) {
  const unit = Buffer.byteLength(text);
  const copies = Math.ceil(bytes / unit);
  const buffer = Buffer.from(text.repeat(copies)).subarray(0, bytes);
  const lastNewline = buffer.lastIndexOf(0x0a);
  return buffer.subarray(0, lastNewline + 1).toString('utf8');
}

export function byteLength(text) {
  return Buffer.byteLength(text);
}

export function formatBytes(bytes) {
  if (bytes >= 1000 * 1024) return `${(bytes / MB).toFixed(bytes >= 10 * MB ? 1 : 2)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
