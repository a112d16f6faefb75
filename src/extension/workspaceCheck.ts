/**
 * `IMR: Check All Letters in Workspace`: the problems of every letter file in the workspace, opened
 * or not, in the Problems panel; kept current while files change or are deleted.
 */

import * as vscode from 'vscode';
import type { Severity } from '../core';
import type { LetterDiagnostics } from './diagnostics';
import type { Letters } from './letters';
import { letterFileOf, pdfProblemMessage } from './pdfLetters';
import { isUnder, type SkipWhy, type WorkspaceLetter, type WorkspaceLetters, type WorkspaceLettersChange } from './workspaceLetters';

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

/** One output line saying why a file was not analysed. */
export function skipNotice(letters: Letters, file: string, reason: SkipWhy): string {
  switch (reason) {
    case 'binary':
      return vscode.l10n.t('Skipped {0}: a binary file (NUL bytes, or mostly control characters).', file);
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
    case 'cancelled':
    case 'needsOcr':
      return vscode.l10n.t('Skipped {0}: {1}', file, pdfProblemMessage(reason));
  }
}

class WorkspaceCheck implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private running: vscode.CancellationTokenSource | undefined;
  /** Stops the rechecks under way when the check goes. */
  private readonly disposed = new vscode.CancellationTokenSource();

  constructor(
    private readonly letters: Letters,
    private readonly workspace: WorkspaceLetters,
    private readonly problems: LetterDiagnostics,
  ) {
    this.disposables.push(
      vscode.commands.registerCommand('imr.checkWorkspace', () => this.checkAll()),
      workspace.onDidChange((change) => this.lettersChanged(change)),
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
    // Searched afresh: the check is asked for, and should find files no watcher saw.
    const uris = await this.workspace.letterFiles(token, { fresh: true });
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    const skipped: Array<{ file: string; reason: SkipWhy }> = [];
    const seen = new Set<string>();
    let letterCount = 0;
    let done = 0;
    await this.workspace.readEach(uris, token, (result) => {
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

  /**
   * Keeps the checked files current: a deleted one loses its problems, a changed or closed one is
   * read again (a closed letter shows its saved text's problems, not its last edit's), and after a
   * settings change every checked file that is not open is read again with the new settings.
   */
  private lettersChanged(change: WorkspaceLettersChange): void {
    for (const uri of change.deleted) this.forgetUnder(uri);
    const files = change.all ? this.problems.checkedFiles().filter((uri) => !this.problems.isLive(uri)) : change.changed.filter((uri) => this.problems.isChecked(uri));
    if (files.length === 0) return;
    const recheck = (): Promise<boolean> => this.workspace.readEach(files, this.disposed.token, (result) => this.recheck(result));
    if (change.all) void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('IMR: Checking letters') }, recheck);
    else void recheck();
  }

  private forgetUnder(uri: vscode.Uri): void {
    for (const checked of this.problems.checkedFiles()) if (isUnder(checked, uri)) this.problems.forgetChecked(checked);
  }

  /** A checked file read again; forgotten if it is no longer a letter the check can read. */
  private recheck(result: WorkspaceLetter): void {
    const { uri } = result;
    // Deleted (or checked again) while it was being read.
    if (!this.problems.isChecked(uri)) return;
    if ('skipped' in result) {
      this.letters.output.appendLine(skipNotice(this.letters, vscode.workspace.asRelativePath(letterFileOf(uri), false), result.skipped));
      this.problems.forgetChecked(uri);
      return;
    }
    this.problems.setChecked(uri, result.open ? undefined : { text: result.text, diagnostics: result.analysis.diagnostics });
  }

  dispose(): void {
    this.running?.cancel();
    this.disposed.cancel();
    this.disposed.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

export function register(letters: Letters, workspace: WorkspaceLetters, problems: LetterDiagnostics): vscode.Disposable {
  return new WorkspaceCheck(letters, workspace, problems);
}
