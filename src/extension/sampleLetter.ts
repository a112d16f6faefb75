// `imr.openSampleLetter`: opens the made-up letter shipped in media/walkthrough/sample-letter.imr
// as an untitled IMR document, so the Get Started walkthrough (and anyone trying the extension) has
// a letter to look at and fix without touching the installed extension's files. Read through
// vscode.workspace.fs, so it works in VS Code for the Web as well.
import * as vscode from 'vscode';
import { LANGUAGE_ID } from './letters';

export const SAMPLE_LETTER = ['media', 'walkthrough', 'sample-letter.imr'] as const;

/**
 * Where to open the letter: beside the active editor, keeping the focus there, when that is not a
 * text editor (the walkthrough, whose next step's button is the next thing to click); otherwise in
 * the active group, focused.
 */
function placement(): vscode.TextDocumentShowOptions {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  const beside = tab !== undefined && !(tab.input instanceof vscode.TabInputText);
  return beside ? { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true } : { viewColumn: vscode.ViewColumn.Active };
}

export async function openSampleLetter(extensionUri: vscode.Uri): Promise<vscode.TextEditor> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...SAMPLE_LETTER));
  const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: new TextDecoder().decode(bytes) });
  return vscode.window.showTextDocument(document, placement());
}

export function register(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand('imr.openSampleLetter', () => openSampleLetter(extensionUri));
}
