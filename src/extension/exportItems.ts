/**
 * `IMR: Export Items...`: the disputed items of the active letter or of every letter in the
 * workspace, one row each, as CSV or JSON (the core's rows and formats), to a file the user picks.
 */

import * as vscode from 'vscode';
import { type ItemRow, itemRows, toCsv, toJson } from '../core';
import type { Letters } from './letters';
import { letterFileOf } from './pdfLetters';
import { skipNotice } from './workspaceCheck';
import type { WorkspaceLetters } from './workspaceLetters';

export type ExportScope = 'active' | 'workspace';
export type ExportFormat = 'csv' | 'json';

/** What the command can be given instead of asking (tests, keybindings, other extensions). */
export interface ExportArgs {
  readonly scope?: ExportScope;
  readonly format?: ExportFormat;
  /** Where to write; a URI or its string form. */
  readonly target?: vscode.Uri | string;
}

export interface ExportResult {
  readonly target: vscode.Uri;
  readonly letters: number;
  readonly items: number;
}

function isScope(value: unknown): value is ExportScope {
  return value === 'active' || value === 'workspace';
}

function isFormat(value: unknown): value is ExportFormat {
  return value === 'csv' || value === 'json';
}

function activeLetter(letters: Letters): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && letters.isLetter(document) ? document : undefined;
}

async function pickScope(letters: Letters): Promise<ExportScope | undefined> {
  const active = activeLetter(letters);
  const choices: Array<vscode.QuickPickItem & { scope: ExportScope }> = [];
  if (active) choices.push({ label: vscode.l10n.t('Active letter'), description: vscode.workspace.asRelativePath(letterFileOf(active.uri), false), scope: 'active' });
  choices.push({ label: vscode.l10n.t('All letters in the workspace'), scope: 'workspace' });
  const picked = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Export items of'), placeHolder: vscode.l10n.t('Which letters?') });
  return picked?.scope;
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const choices: Array<vscode.QuickPickItem & { format: ExportFormat }> = [
    { label: vscode.l10n.t('CSV'), description: vscode.l10n.t('one row per item, for spreadsheets'), format: 'csv' },
    { label: vscode.l10n.t('JSON'), description: vscode.l10n.t('{ "items": [...] }, for scripts'), format: 'json' },
  ];
  const picked = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Export items as') });
  return picked?.format;
}

async function pickTarget(format: ExportFormat): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `items.${format}`;
  return vscode.window.showSaveDialog({
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    filters: format === 'csv' ? { [vscode.l10n.t('CSV files')]: ['csv'] } : { [vscode.l10n.t('JSON files')]: ['json'] },
    saveLabel: vscode.l10n.t('Export'),
    title: vscode.l10n.t('Export items'),
  });
}

/** The rows of every letter in the workspace, with a cancellable progress notification; undefined if cancelled. */
function workspaceRows(letters: Letters, workspace: WorkspaceLetters): Thenable<{ rows: ItemRow[]; letters: number } | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('IMR: Reading letters'), cancellable: true },
    async (progress, token) => {
      // Searched afresh, as the check does: an export is asked for, and should miss no file.
      const uris = await workspace.letterFiles(token, { fresh: true });
      const rows: ItemRow[] = [];
      let count = 0;
      const completed = await workspace.readEach(uris, token, (result) => {
        // A PDF letter's rows name the PDF, not its text document.
        const file = vscode.workspace.asRelativePath(letterFileOf(result.uri), false);
        progress.report({ increment: 100 / uris.length, message: file });
        if ('skipped' in result) {
          letters.output.appendLine(skipNotice(letters, file, result.skipped));
          return;
        }
        count++;
        rows.push(...itemRows(file, result.analysis.letter));
      });
      return completed ? { rows, letters: count } : undefined;
    },
  );
}

/** Runs the export; whatever `args` leaves out is asked for. Undefined when the user cancels. */
export async function exportItems(letters: Letters, workspace: WorkspaceLetters, args: ExportArgs = {}): Promise<ExportResult | undefined> {
  if (args.scope !== undefined && !isScope(args.scope)) throw new Error(vscode.l10n.t('imr.exportItems: scope must be "active" or "workspace", not {0}', JSON.stringify(args.scope)));
  if (args.format !== undefined && !isFormat(args.format)) throw new Error(vscode.l10n.t('imr.exportItems: format must be "csv" or "json", not {0}', JSON.stringify(args.format)));
  const scope = args.scope ?? (await pickScope(letters));
  if (!scope) return undefined;

  // The active letter is read now, before any dialog can change which editor is active.
  let active: { rows: ItemRow[]; letters: number } | undefined;
  if (scope === 'active') {
    const document = activeLetter(letters);
    const analysis = document && letters.analysis(document);
    if (!document || !analysis) {
      void vscode.window.showErrorMessage(vscode.l10n.t('IMR: Open an IMR letter to export its items, or export all letters in the workspace.'));
      return undefined;
    }
    active = { rows: itemRows(vscode.workspace.asRelativePath(letterFileOf(document.uri), false), analysis.letter), letters: 1 };
  }

  const format = args.format ?? (await pickFormat());
  if (!format) return undefined;
  const target = typeof args.target === 'string' ? vscode.Uri.parse(args.target) : args.target ?? (await pickTarget(format));
  if (!target) return undefined;

  const read = active ?? (await workspaceRows(letters, workspace));
  if (!read) return undefined;
  const content = format === 'csv' ? toCsv(read.rows) : toJson(read.rows);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));

  const message = vscode.l10n.t('IMR: Exported {0} items of {1} letters to {2}.', read.rows.length, read.letters, vscode.workspace.asRelativePath(target, false));
  letters.output.appendLine(message);
  const open = vscode.l10n.t('Open');
  void vscode.window.showInformationMessage(message, open).then((choice) => {
    if (choice === open) void vscode.window.showTextDocument(target);
  });
  return { target, letters: read.letters, items: read.rows.length };
}

export function register(letters: Letters, workspace: WorkspaceLetters): vscode.Disposable {
  // From a menu the first argument may be a resource: only a plain object carries options.
  return vscode.commands.registerCommand('imr.exportItems', (args?: unknown) =>
    exportItems(letters, workspace, args && typeof args === 'object' && !(args instanceof vscode.Uri) ? (args as ExportArgs) : {}),
  );
}
