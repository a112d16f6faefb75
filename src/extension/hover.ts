// Hovers: the core's hover view (src/core/views/hover.ts words what is under the cursor as Markdown)
// shown as VS Code hovers, in the user's language.
import * as vscode from 'vscode';
import { hoverAt } from '../core';
import { LANGUAGE_ID, type Letters } from './letters';
import { rangeIn } from './ranges';

export function register(letters: Letters): vscode.Disposable {
  const provider: vscode.HoverProvider = {
    provideHover(document, position, token) {
      const analysis = letters.analysis(document, token);
      if (!analysis) return undefined;
      const view = hoverAt(analysis.letter, document.offsetAt(position), vscode.l10n);
      if (!view) return undefined;
      return new vscode.Hover(view.contents.map((markdown) => new vscode.MarkdownString(markdown)), rangeIn(document, view.range));
    },
  };
  return vscode.languages.registerHoverProvider({ language: LANGUAGE_ID }, provider);
}
