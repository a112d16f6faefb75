// Switches `.txt` files that look like IMR letters to the `imr` language when they open (and those
// already open at activation), unless `imr.autoDetect` is off; `imr.setLanguage` does it by hand.
// The decision is the core's (`looksLikeLetter`, over the first 8 KB); this file only listens.
import * as vscode from 'vscode';
import { looksLikeLetter } from '../core';
import { LANGUAGE_ID, type Letters } from './letters';

/** How much of a file the detection reads (what `looksLikeLetter` looks at). */
const DETECTION_PREFIX = 8192;

function isTextFile(document: vscode.TextDocument): boolean {
  return document.languageId === 'plaintext' && /\.txt$/i.test(document.uri.path);
}

/** The first 8 KB of the document, without copying the rest of a large file. */
function head(document: vscode.TextDocument): string {
  const end = document.positionAt(DETECTION_PREFIX);
  return document.getText(new vscode.Range(new vscode.Position(0, 0), end));
}

export function register(letters: Letters): vscode.Disposable {
  // Documents switched automatically while open: if one shows up as plain text again, the user
  // chose that (the language picker), and it stays plain text until it is closed. A language change
  // reaches extensions as a close and an open of the same document in one go, so a document is
  // forgotten only once it is really gone.
  const switched = new Set<string>();
  const forgetIfClosed = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    if (!switched.has(key)) return;
    setTimeout(() => {
      if (!vscode.workspace.textDocuments.some((open) => open.uri.toString() === key)) switched.delete(key);
    }, 0);
  };

  const detect = async (document: vscode.TextDocument): Promise<void> => {
    if (!letters.settings.autoDetect || !isTextFile(document)) return;
    const key = document.uri.toString();
    if (switched.has(key) || !looksLikeLetter(head(document))) return;
    switched.add(key);
    try {
      await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
    } catch (error) {
      // The document was closed in the meantime: nothing to switch.
      letters.output.appendLine(vscode.l10n.t('IMR Annotate: could not switch {0} to the IMR language: {1}', vscode.workspace.asRelativePath(document.uri), String(error)));
    }
  };

  const detectOpen = (): void => {
    for (const document of vscode.workspace.textDocuments) void detect(document);
  };

  const setLanguage = async (): Promise<void> => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a file to treat it as an IMR letter.'));
      return;
    }
    if (document.languageId === LANGUAGE_ID) return;
    await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
  };

  detectOpen();
  return vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument((document) => void detect(document)),
    vscode.workspace.onDidCloseTextDocument(forgetIfClosed),
    // Turning the setting on applies it to what is already open.
    letters.onDidChangeSettings(() => detectOpen()),
    vscode.commands.registerCommand('imr.setLanguage', setLanguage),
  );
}
