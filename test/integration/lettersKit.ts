// Shared by the language, outline, semantic token, hover, items view, navigation and status bar
// suites: opening the sample letters as a user would, small hand-made letters, waiting for the
// workbench.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionApi as api, waitFor } from './gapsKit';

/** The one workspace file matching `glob`, e.g. `**\/samples/002_*.txt`. */
export async function findOne(glob: string): Promise<vscode.Uri> {
  const found = await vscode.workspace.findFiles(glob);
  assert.strictEqual(found.length, 1, `expected one file for ${glob}, found ${found.length}`);
  return found[0]!;
}

/** The open document for `uri` as the workbench has it now. */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
}

/**
 * Opens a sample `.txt` letter (`002` → samples/002_*.txt), waits until detection has made it an
 * `imr` document, and shows it.
 */
export async function showSample(number: string): Promise<vscode.TextEditor> {
  await api();
  const uri = await findOne(`**/samples/${number}_*.txt`);
  await vscode.workspace.openTextDocument(uri);
  let document = await waitFor(`${number} to be an imr document`, () => {
    const open = openDocument(uri);
    return open?.languageId === 'imr' ? open : undefined;
  }, 3000).catch(() => undefined);
  // Another suite may have switched it back by hand; make it a letter again.
  document ??= await vscode.languages.setTextDocumentLanguage(openDocument(uri)!, 'imr');
  return vscode.window.showTextDocument(document);
}

/** An untitled `imr` document with `content`, shown in the editor. */
export async function showUntitled(content: string, language = 'imr'): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(document);
}


/** The line (0-based) of the first line of `document` that starts with `prefix`. */
export function lineStartingWith(document: vscode.TextDocument, prefix: string): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text.trimStart().startsWith(prefix)) return line;
  }
  assert.fail(`no line starts with ${JSON.stringify(prefix)}`);
}

/** The position of the first occurrence of `text` in the document (after `from`, if given). */
export function positionOf(document: vscode.TextDocument, text: string, from = 0): vscode.Position {
  const offset = document.getText().indexOf(text, from);
  assert.ok(offset >= 0, `${JSON.stringify(text)} is not in the document`);
  return document.positionAt(offset);
}

/** A small complete letter in the PDF-extracted style, two items: Valium upheld, an MRI overturned. */
export { PLAIN as SMALL_LETTER } from '../shared/letters';
// The helpers both kits need live in gapsKit.
export { bend, discard, sleep } from './gapsKit';
export { api, waitFor };


/** The text of a hover's contents, bold markers and Markdown escapes removed. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/(?<!\\)\*\*/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~$&])/g, '$1');
}
