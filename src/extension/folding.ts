// Folding: the header, each section, each disputed item, and the labelled blocks inside an item
// (guidelines, rationale) that span at least three lines. The regions are the core's.
import * as vscode from 'vscode';
import { foldRegions } from '../core/views/outline';
import { LANGUAGE_ID, type Letters } from './letters';

/** A block is worth folding from this many lines; shorter ones fold away next to nothing. */
const MIN_BLOCK_LINES = 3;

export function register(letters: Letters): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.FoldingRangeProvider = {
    onDidChangeFoldingRanges: changed.event,
    provideFoldingRanges(document, _context, token) {
      const analysis = letters.analysis(document, token);
      if (!analysis) return [];
      // One range per start line (VS Code keeps only one); the outermost region wins.
      const byStartLine = new Map<number, vscode.FoldingRange>();
      for (const region of foldRegions(analysis.letter)) {
        if (token.isCancellationRequested) return undefined;
        const start = document.positionAt(region.start).line;
        const end = document.positionAt(Math.max(region.start, region.end - 1)).line;
        const lines = end - start + 1;
        if (lines < (region.kind === 'block' ? MIN_BLOCK_LINES : 2)) continue;
        const existing = byStartLine.get(start);
        if (existing && existing.end >= end) continue;
        byStartLine.set(start, new vscode.FoldingRange(start, end));
      }
      return [...byStartLine.values()].sort((a, b) => a.start - b.start);
    },
  };
  return vscode.Disposable.from(
    changed,
    letters.onDidChangeSettings(() => changed.fire()),
    vscode.languages.registerFoldingRangeProvider({ language: LANGUAGE_ID }, provider),
  );
}
