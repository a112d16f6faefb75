/** Applying fixes to text: the CLI, the tests and fix-all use these; editors apply the same edits themselves. */

import type { Diagnostic, Fix, TextEdit } from './model';

/**
 * `text` with `edits` applied. Edits must not overlap (insertions at the same offset are applied
 * in the order given); offsets refer to the original text.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, order) => ({ edit, order })).sort((a, b) => a.edit.range.start - b.edit.range.start || a.order - b.order);
  let out = '';
  let cursor = 0;
  for (const { edit } of ordered) {
    if (edit.range.start < cursor || edit.range.end < edit.range.start || edit.range.end > text.length) {
      throw new RangeError(`Overlapping or invalid edit at ${edit.range.start}-${edit.range.end}`);
    }
    out += text.slice(cursor, edit.range.start) + edit.newText;
    cursor = edit.range.end;
  }
  return out + text.slice(cursor);
}

/**
 * The safe fixes of `diagnostics` (one per diagnostic: its preferred safe fix), skipping any whose
 * edits would overlap an earlier one's: what "fix all" applies in one pass.
 */
export function safeFixes(diagnostics: readonly Diagnostic[]): Fix[] {
  const chosen: Fix[] = [];
  const taken: Array<{ start: number; end: number }> = [];
  for (const diagnostic of diagnostics) {
    const fix = diagnostic.fixes.find((f) => f.safe && f.isPreferred) ?? diagnostic.fixes.find((f) => f.safe);
    if (!fix) continue;
    const clashes = fix.edits.some((e) => taken.some((t) => e.range.start < t.end && t.start < e.range.end || (e.range.start === e.range.end && e.range.start === t.start && t.start === t.end)));
    if (clashes) continue;
    chosen.push(fix);
    for (const e of fix.edits) taken.push(e.range);
  }
  return chosen;
}
