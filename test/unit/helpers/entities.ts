/** The invariants every entity extractor's result must keep. */

import assert from 'node:assert/strict';
import type { Entity } from '../../../src/core';

/**
 * Checks `found` against `text` and returns it: offsets give the text, no surrounding space, no
 * final period (`finalPeriod` says what counts as one), sorted by start, no overlap within a kind.
 */
export function checked<T extends Entity>(text: string, found: T[], finalPeriod = /\.$/): T[] {
  const lastEnd = new Map<string, number>();
  for (let i = 0; i < found.length; i++) {
    const e = found[i]!;
    assert.equal(text.slice(e.start, e.end), e.text, `offsets of ${e.kind} ${JSON.stringify(e.text)}`);
    assert.match(e.text, /^\S(?:[\s\S]*\S)?$/, `no surrounding space in ${JSON.stringify(e.text)}`);
    assert.doesNotMatch(e.text, finalPeriod, `no final period in ${JSON.stringify(e.text)}`);
    if (i > 0) assert.ok(found[i - 1]!.start <= e.start, 'sorted by start');
    assert.ok((lastEnd.get(e.kind) ?? -1) <= e.start, `no overlapping ${e.kind}`);
    lastEnd.set(e.kind, e.end);
  }
  return found;
}
