// Hovers: the core's hover view (src/core/views/hover.ts words what is under the cursor as Markdown)
// shown as VS Code hovers, in the user's language.
import * as vscode from 'vscode';
import { hoverAt } from '../core';
import { LANGUAGE_ID, type Letters } from './letters';
import { ocrHoverLine, ocrPagesOf, pageAt } from './ocrNotes';
import { rangeIn } from './ranges';

export function register(letters: Letters): vscode.Disposable {
  const provider: vscode.HoverProvider = {
    provideHover(document, position, token) {
      const analysis = letters.analysis(document, token);
      if (!analysis) return undefined;
      const view = hoverAt(analysis.letter, document.offsetAt(position), vscode.l10n);
      if (!view) return undefined;
      const contents = view.contents.map((markdown) => new vscode.MarkdownString(markdown));
      // In a scanned PDF's text, what is hovered was read by OCR: say how confidently.
      const ocrPages = ocrPagesOf(letters, document);
      const ocrLine = ocrPages && ocrHoverLine(ocrPages, pageAt(analysis.letter.text, view.range.start));
      if (ocrLine) contents.push(new vscode.MarkdownString(`*${ocrLine}*`));
      return new vscode.Hover(contents, rangeIn(document, view.range));
    },
  };
  return vscode.languages.registerHoverProvider({ language: LANGUAGE_ID }, provider);
}
