// Where a letter's kept annotations live and how they are written: `x.ann` beside `x.txt`, `x.imr`
// or `x.pdf` (brat's own convention, so the pair opens in brat unchanged), written atomically
// through vscode.workspace.fs (a temporary file beside it, then a rename), which works on the web too.
import * as vscode from 'vscode';
import { pdfSourceOf } from './pdfLetters';

/** Untitled letters and copies other views open (an SCM diff's old side) have no annotations file. */
const FILE_SCHEMES_WITHOUT_ANNOTATIONS: ReadonlySet<string> = new Set(['untitled', 'git', 'output', 'vscode-userdata']);

/**
 * The `.ann` file of a letter document: beside the letter's file with its extension replaced (a PDF
 * letter's text document names the PDF). `undefined` for a document that is no file.
 */
export function annotationFileOf(document: vscode.Uri): vscode.Uri | undefined {
  const file = pdfSourceOf(document) ?? document;
  if (FILE_SCHEMES_WITHOUT_ANNOTATIONS.has(file.scheme) || file.scheme === 'imr-pdf') return undefined;
  const slash = file.path.lastIndexOf('/');
  const name = file.path.slice(slash + 1);
  if (name === '') return undefined;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return file.with({ path: `${file.path.slice(0, slash + 1)}${stem}.ann`, query: '', fragment: '' });
}

/** The file's text, or `undefined` when there is no such file. Other failures are thrown. */
export async function readTextIfExists(uri: vscode.Uri): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** Does the file exist? */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

let temporaryCount = 0;

/**
 * Writes `text` (UTF-8) to `uri` so that a reader sees the old file or the new one, never half of
 * it: into a hidden temporary file beside it, then renamed over it.
 */
export async function writeTextAtomically(uri: vscode.Uri, text: string): Promise<void> {
  const slash = uri.path.lastIndexOf('/');
  const temporary = uri.with({ path: `${uri.path.slice(0, slash + 1)}.${uri.path.slice(slash + 1)}.${Date.now().toString(36)}-${(temporaryCount++).toString(36)}.tmp` });
  await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(text));
  try {
    await vscode.workspace.fs.rename(temporary, uri, { overwrite: true });
  } catch (error) {
    await Promise.resolve(vscode.workspace.fs.delete(temporary)).catch(() => undefined);
    throw error;
  }
}
