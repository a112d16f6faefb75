// Semantic highlighting of the letter's entities: drugs, doses, sig, guidelines, citations, dates,
// [REDACTED] markers and anatomy, with the legend package.json contributes. The spans (one per line,
// never overlapping) are the core's; this file encodes them.
import * as vscode from 'vscode';
import { TOKEN_MODIFIERS, TOKEN_TYPES, tokenSpans } from '../core';
import { LANGUAGE_ID, type Letters } from './letters';

/** The legend: the same names, in the same order, as `semanticTokenTypes`/`semanticTokenModifiers` in package.json. */
export const LEGEND = new vscode.SemanticTokensLegend([...TOKEN_TYPES], [...TOKEN_MODIFIERS]);

export function register(letters: Letters): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const typeIndex = new Map<string, number>(TOKEN_TYPES.map((type, index) => [type, index]));
  const modifierBit = new Map<string, number>(TOKEN_MODIFIERS.map((modifier, index) => [modifier, 1 << index]));

  const provider: vscode.DocumentSemanticTokensProvider = {
    // The user's drugs (imr.drugs) change what is a drug.
    onDidChangeSemanticTokens: changed.event,
    provideDocumentSemanticTokens(document, token) {
      const analysis = letters.analysis(document, token);
      if (!analysis) return undefined;
      const builder = new vscode.SemanticTokensBuilder(LEGEND);
      for (const span of tokenSpans(analysis.letter)) {
        if (token.isCancellationRequested) return undefined;
        const start = document.positionAt(span.start);
        let modifiers = 0;
        for (const modifier of span.modifiers) modifiers |= modifierBit.get(modifier) ?? 0;
        builder.push(start.line, start.character, span.end - span.start, typeIndex.get(span.type)!, modifiers);
      }
      return builder.build();
    },
  };
  return vscode.Disposable.from(
    changed,
    letters.onDidChangeSettings(() => changed.fire()),
    vscode.languages.registerDocumentSemanticTokensProvider({ language: LANGUAGE_ID }, provider, LEGEND),
  );
}
