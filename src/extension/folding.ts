// Folding: the core's folding view (src/core/views/folding.ts chooses the line ranges) as VS Code's
// folding ranges.
import * as vscode from 'vscode';
import { foldingRanges } from '../core';
import { LANGUAGE_ID, type Letters } from './letters';

export function register(letters: Letters): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.FoldingRangeProvider = {
    onDidChangeFoldingRanges: changed.event,
    provideFoldingRanges(document, _context, token) {
      const analysis = letters.analysis(document, token);
      if (!analysis) return [];
      return foldingRanges(analysis.letter, token)?.map((range) => new vscode.FoldingRange(range.start, range.end));
    },
  };
  return vscode.Disposable.from(
    changed,
    letters.onDidChangeSettings(() => changed.fire()),
    vscode.languages.registerFoldingRangeProvider({ language: LANGUAGE_ID }, provider),
  );
}
