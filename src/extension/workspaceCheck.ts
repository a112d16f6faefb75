/**
 * `IMR: Check All Letters in Workspace`: the problems of every letter file in the workspace, opened
 * or not, in the Problems panel; kept current while files change or are deleted.
 */

import * as vscode from 'vscode';
import { type Analysis, mayFit, readLetterFile, type Severity, type SkipReason } from '../core';
import type { LetterDiagnostics } from './diagnostics';
import type { Letters } from './letters';
import { isPdfFile, letterDocumentOf, letterFileOf, pdfProblemMessage, type PdfProblemKind } from './pdfLetters';

/**
 * The files the workspace commands read: `.imr` files, `.txt` files that look like letters, and PDF
 * letters (as their extracted text, under their `imr-pdf:` document's URI).
 */
export const LETTER_FILES = '**/*.{imr,txt,pdf}';
const EXCLUDED = '**/node_modules/**';
/** Files read at a time. */
const BATCH = 8;
/** How long a changed file waits before it is read again (editors write in bursts). */
const RECHECK_DELAY_MS = 300;

/** Why a file was not analysed. */
export type SkipWhy = SkipReason | 'unreadable' | PdfProblemKind;

/**
 * A file as the workspace commands read it: a letter's analysis, or why it was skipped. `uri` is the
 * letter's document: the file, or for a PDF its `imr-pdf:` text document (`letterFileOf` gives the PDF).
 */
export type WorkspaceLetter =
  | { readonly uri: vscode.Uri; readonly analysis: Analysis; readonly text: string; readonly open: boolean }
  | { readonly uri: vscode.Uri; readonly skipped: SkipWhy };

/** What a check found. */
export interface CheckSummary {
  /** Files looked at. */
  readonly files: number;
  /** Letters analysed. */
  readonly letters: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** Files not analysed, by workspace-relative path. */
  readonly skipped: ReadonlyArray<{ readonly file: string; readonly reason: SkipWhy }>;
  readonly cancelled: boolean;
}

/**
 * The workspace's letter candidates, in a stable order. A PDF whose text was saved beside it
 * (`letter.imr` or `letter.txt` next to `letter.pdf`) is left out: the text file stands for it.
 */
export async function findLetterFiles(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const uris = await vscode.workspace.findFiles(LETTER_FILES, EXCLUDED, undefined, token);
  return withoutSavedPdfs(uris).sort((a, b) => (a.toString() < b.toString() ? -1 : a.toString() > b.toString() ? 1 : 0));
}

/** `uris` without the PDFs that have a text letter of the same name beside them. */
export function withoutSavedPdfs(uris: readonly vscode.Uri[]): vscode.Uri[] {
  const stem = (uri: vscode.Uri): string => uri.with({ path: uri.path.replace(/\.[^./]*$/, '') }).toString().toLowerCase();
  const texts = new Set(uris.filter((uri) => !isPdfFile(uri)).map(stem));
  return uris.filter((uri) => !isPdfFile(uri) || !texts.has(stem(uri)));
}

function openLetter(letters: Letters, uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key && letters.isLetter(d));
}

/**
 * Reads one file: a letter open in an editor as its live (possibly unsaved) text, with the cached
 * analysis; any other file from disk, analysed with the current settings.
 */
export async function readWorkspaceLetter(letters: Letters, given: vscode.Uri): Promise<WorkspaceLetter> {
  // A PDF is given as the file or as its text document; either way it is read as that document.
  const source = letterFileOf(given);
  const uri = letterDocumentOf(source);
  const document = openLetter(letters, uri);
  if (document) {
    const analysis = letters.analysis(document);
    if (!analysis) return { uri, skipped: 'tooLarge' };
    return analysis.letter.isDetermination ? { uri, analysis, text: document.getText(), open: true } : { uri, skipped: 'notLetter' };
  }
  const maxFileSize = letters.settings.maxFileSize;
  if (isPdfFile(source)) {
    // A PDF letter: its extracted text (the extraction is cached while the PDF is unchanged).
    const read = await letters.pdfs.read(source);
    if ('kind' in read) return { uri, skipped: read.kind };
    if (read.text.length > maxFileSize) return { uri, skipped: 'tooLarge' };
    const analysis = letters.analyzeText(read.text);
    if (!analysis.letter.isDetermination) return { uri, skipped: 'notLetter' };
    return { uri, analysis, text: read.text, open: false };
  }
  let bytes: Uint8Array;
  try {
    if (!mayFit((await vscode.workspace.fs.stat(uri)).size, maxFileSize)) return { uri, skipped: 'tooLarge' };
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    return { uri, skipped: 'unreadable' };
  }
  const file = readLetterFile(uri.path, bytes, maxFileSize);
  if ('skipped' in file) return { uri, skipped: file.skipped };
  const analysis = letters.analyzeText(file.text);
  if (!analysis.letter.isDetermination) return { uri, skipped: 'notLetter' };
  return { uri, analysis, text: file.text, open: false };
}

/**
 * Reads `uris` a few at a time, handing each result to `visit` in order; false when cancelled
 * before the end.
 */
export async function readWorkspaceLetters(letters: Letters, uris: readonly vscode.Uri[], token: vscode.CancellationToken, visit: (result: WorkspaceLetter) => void): Promise<boolean> {
  for (let i = 0; i < uris.length; i += BATCH) {
    if (token.isCancellationRequested) return false;
    const results = await Promise.all(uris.slice(i, i + BATCH).map((uri) => readWorkspaceLetter(letters, uri)));
    if (token.isCancellationRequested) return false;
    results.forEach(visit);
  }
  return !token.isCancellationRequested;
}

/** One output line saying why a file was not analysed. */
export function skipNotice(letters: Letters, file: string, reason: SkipWhy): string {
  switch (reason) {
    case 'binary':
      return vscode.l10n.t('Skipped {0}: a binary file (it contains NUL bytes).', file);
    case 'tooLarge':
      return vscode.l10n.t('Skipped {0}: more than imr.maxFileSize ({1}) characters.', file, letters.settings.maxFileSize);
    case 'notLetter':
      return vscode.l10n.t('Skipped {0}: not an IMR determination letter.', file);
    case 'unreadable':
      return vscode.l10n.t('Skipped {0}: the file could not be read.', file);
    case 'notPdf':
    case 'encrypted':
    case 'noText':
    case 'corrupt':
      return vscode.l10n.t('Skipped {0}: {1}', file, pdfProblemMessage(reason));
  }
}

/** Is the letter `uri` (a file, or a PDF's text document) the file `folder` or inside it? */
function isUnder(uri: vscode.Uri, folder: vscode.Uri): boolean {
  const file = letterFileOf(uri).toString();
  const prefix = folder.toString().replace(/\/$/, '') + '/';
  return file === folder.toString() || file.startsWith(prefix);
}

class WorkspaceCheck implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly rechecks = new Map<string, ReturnType<typeof setTimeout>>();
  private running: vscode.CancellationTokenSource | undefined;

  constructor(private readonly letters: Letters, private readonly problems: LetterDiagnostics) {
    const watcher = vscode.workspace.createFileSystemWatcher(LETTER_FILES);
    this.disposables.push(
      vscode.commands.registerCommand('imr.checkWorkspace', () => this.checkAll()),
      watcher,
      watcher.onDidDelete((uri) => this.forgetUnder(uri)),
      watcher.onDidChange((uri) => this.scheduleRecheck(letterDocumentOf(uri))),
      // Folders deleted or renamed in the explorer: the watcher only names the folder, if anything.
      vscode.workspace.onDidDeleteFiles((event) => event.files.forEach((uri) => this.forgetUnder(uri))),
      vscode.workspace.onDidRenameFiles((event) => event.files.forEach(({ oldUri }) => this.forgetUnder(oldUri))),
      // A checked letter that is closed shows its saved text's problems again, not its last edit's.
      vscode.workspace.onDidCloseTextDocument((document) => this.scheduleRecheck(document.uri)),
      letters.onDidChangeSettings(() => this.recheckAll()),
    );
  }

  /** Checks every letter file of the workspace, with a cancellable progress notification. */
  checkAll(): Thenable<CheckSummary> {
    this.running?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.running = source;
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('IMR: Checking letters'), cancellable: true },
      async (progress, progressToken) => {
        const cancelled = progressToken.onCancellationRequested(() => source.cancel());
        try {
          return await this.run(source.token, progress);
        } finally {
          cancelled.dispose();
          source.dispose();
          if (this.running === source) this.running = undefined;
        }
      },
    );
  }

  private async run(token: vscode.CancellationToken, progress: vscode.Progress<{ message?: string; increment?: number }>): Promise<CheckSummary> {
    const uris = await findLetterFiles(token);
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    const skipped: Array<{ file: string; reason: SkipWhy }> = [];
    const seen = new Set<string>();
    let letterCount = 0;
    let done = 0;
    await readWorkspaceLetters(this.letters, uris, token, (result) => {
      done++;
      progress.report({ increment: 100 / uris.length, message: vscode.l10n.t('{0} of {1} files', done, uris.length) });
      const file = vscode.workspace.asRelativePath(letterFileOf(result.uri), false);
      if ('skipped' in result) {
        skipped.push({ file, reason: result.skipped });
        this.letters.output.appendLine(skipNotice(this.letters, file, result.skipped));
        this.problems.forgetChecked(result.uri);
        return;
      }
      seen.add(result.uri.toString());
      letterCount++;
      for (const diagnostic of result.analysis.diagnostics) counts[diagnostic.severity]++;
      this.problems.setChecked(result.uri, result.open ? undefined : { text: result.text, diagnostics: result.analysis.diagnostics });
    });
    const cancelled = token.isCancellationRequested;
    // Letters checked before that are gone now (deleted while no watcher saw it, or excluded).
    if (!cancelled) for (const uri of this.problems.checkedFiles()) if (!seen.has(uri.toString())) this.problems.forgetChecked(uri);

    const summary: CheckSummary = { files: done, letters: letterCount, errors: counts.error, warnings: counts.warning, infos: counts.info, skipped, cancelled };
    const message = cancelled
      ? vscode.l10n.t('IMR: Check cancelled after {0} of {1} files: {2} letters, {3} errors, {4} warnings so far.', done, uris.length, letterCount, counts.error, counts.warning)
      : vscode.l10n.t('Checked {0} letters: {1} errors, {2} warnings', letterCount, counts.error, counts.warning);
    this.letters.output.appendLine(message);
    void vscode.window.showInformationMessage(message);
    return summary;
  }

  private forgetUnder(uri: vscode.Uri): void {
    for (const checked of this.problems.checkedFiles()) if (isUnder(checked, uri)) this.problems.forgetChecked(checked);
  }

  private scheduleRecheck(uri: vscode.Uri): void {
    if (!this.problems.isChecked(uri)) return;
    const key = uri.toString();
    clearTimeout(this.rechecks.get(key));
    this.rechecks.set(key, setTimeout(() => {
      this.rechecks.delete(key);
      void this.recheck(uri);
    }, RECHECK_DELAY_MS));
  }

  /** Reads a checked file again; forgets it if it is no longer a letter it can read. */
  private async recheck(uri: vscode.Uri): Promise<void> {
    if (!this.problems.isChecked(uri)) return;
    const result = await readWorkspaceLetter(this.letters, uri);
    // Deleted (or checked again) while it was being read.
    if (!this.problems.isChecked(uri)) return;
    if ('skipped' in result) {
      this.letters.output.appendLine(skipNotice(this.letters, vscode.workspace.asRelativePath(letterFileOf(uri), false), result.skipped));
      this.problems.forgetChecked(uri);
      return;
    }
    this.problems.setChecked(uri, result.open ? undefined : { text: result.text, diagnostics: result.analysis.diagnostics });
  }

  /** After a settings change: the checked files that are not open, again, with the new settings. */
  private recheckAll(): void {
    const files = this.problems.checkedFiles().filter((uri) => !this.problems.isLive(uri));
    if (files.length === 0) return;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('IMR: Checking letters') }, async () => {
      for (let i = 0; i < files.length; i += BATCH) await Promise.all(files.slice(i, i + BATCH).map((uri) => this.recheck(uri)));
    });
  }

  dispose(): void {
    this.running?.cancel();
    for (const timer of this.rechecks.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

export function register(letters: Letters, problems: LetterDiagnostics): vscode.Disposable {
  return new WorkspaceCheck(letters, problems);
}
