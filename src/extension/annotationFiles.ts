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

/** The hidden temporary files a write of `uri` uses: `.x.ann.<time>-<n>.tmp` beside `x.ann`. */
function temporaryOf(uri: vscode.Uri): vscode.Uri {
  const slash = uri.path.lastIndexOf('/');
  const name = `.${uri.path.slice(slash + 1)}.${Date.now().toString(36)}-${(temporaryCount++).toString(36)}.tmp`;
  return uri.with({ path: `${uri.path.slice(0, slash + 1)}${name}` });
}

/**
 * Writes `text` (UTF-8) to `uri` so that the file is never half written: into a hidden temporary
 * file beside it, then renamed over it. (VS Code's file service deletes the old file just before
 * the rename, so a reader may briefly find none; a write cut off there leaves the whole new text in
 * the temporary file, which recoverInterruptedWrite takes.)
 */
export async function writeTextAtomically(uri: vscode.Uri, text: string): Promise<void> {
  const temporary = temporaryOf(uri);
  await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(text));
  try {
    await vscode.workspace.fs.rename(temporary, uri, { overwrite: true });
  } catch (error) {
    await Promise.resolve(vscode.workspace.fs.delete(temporary)).catch(() => undefined);
    throw error;
  }
}

/**
 * For a file that does not exist: the newest temporary file of a write of it that was cut off before
 * its rename, renamed into place, and its text; `undefined` when there is none.
 */
export async function recoverInterruptedWrite(uri: vscode.Uri): Promise<string | undefined> {
  const slash = uri.path.lastIndexOf('/');
  const folder = uri.with({ path: uri.path.slice(0, slash) || '/' });
  const prefix = `.${uri.path.slice(slash + 1)}.`;
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(folder);
  } catch {
    return undefined;
  }
  const left = entries
    .filter(([name, type]) => type === vscode.FileType.File && name.startsWith(prefix) && name.endsWith('.tmp'))
    .map(([name]) => name)
    .sort((a, b) => parseInt(b.slice(prefix.length), 36) - parseInt(a.slice(prefix.length), 36));
  if (left.length === 0) return undefined;
  const newest = uri.with({ path: `${folder.path}/${left[0]!}` });
  try {
    const text = await readTextIfExists(newest);
    if (text === undefined) return undefined;
    await vscode.workspace.fs.rename(newest, uri, { overwrite: false });
    return text;
  } catch {
    return undefined;
  }
}
