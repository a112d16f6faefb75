/** Fixes applied together ("fix all problems of a kind"): one per diagnostic, none overlapping. */

import type { Diagnostic, Fix, TextEdit } from './model';

function overlaps(edit: TextEdit, taken: readonly { start: number; end: number }[]): boolean {
  const { start, end } = edit.range;
  // Two insertions at one offset would land in an order the user did not choose: a clash too.
  return taken.some((t) => (start < t.end && t.start < end) || (start === end && t.start === t.end && start === t.start));
}

/**
 * The preferred fix of each diagnostic (diagnostics without one are skipped), in the order given,
 * leaving out any whose edits would overlap an earlier chosen fix's: what "fix all problems of
 * this kind" applies in one pass.
 */
export function preferredFixes(diagnostics: readonly Diagnostic[]): Fix[] {
  const chosen: Fix[] = [];
  const taken: Array<{ start: number; end: number }> = [];
  for (const diagnostic of diagnostics) {
    const fix = diagnostic.fixes.find((f) => f.isPreferred);
    if (!fix || fix.edits.some((edit) => overlaps(edit, taken))) continue;
    chosen.push(fix);
    for (const edit of fix.edits) taken.push(edit.range);
  }
  return chosen;
}

/** The edits of several fixes as one list, as plain text (snippets dropped): for applying them at once. */
export function plainEdits(fixes: readonly Fix[]): TextEdit[] {
  return fixes.flatMap((fix) => fix.edits.map((edit) => ({ range: edit.range, newText: edit.newText })));
}
