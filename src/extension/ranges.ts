// Core ranges are UTF-16 offsets into the letter's text; the editor's are line and character.
import * as vscode from 'vscode';
import type { Range } from '../core';

/** A core range (UTF-16 offsets) in an open document. */
export function rangeIn(document: vscode.TextDocument, range: Range): vscode.Range {
  return new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
}
