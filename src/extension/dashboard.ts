/**
 * `IMR: Show Outcomes Dashboard`: a webview of the core's outcomes dashboard over the workspace's
 * letters (the workspace service) or the active letter's folder. The page is the core's
 * `dashboardHtml` with the `dist/dashboard.js` script inlined (no resource is loaded from the
 * extension: VS Code for the Web in headless Chromium has no webview service worker to serve one).
 * A bar or row lists its items; an item posts `open`, and its letter opens with the item selected.
 */

import * as vscode from 'vscode';
import {
  addFile,
  createAggregate,
  dashboardHtml,
  type DashboardData,
  type DashboardHostMessage,
  type DashboardPageMessage,
  finishAggregate,
  type ItemRef,
  lettersOf,
} from '../core';
import type { Letters } from './letters';
import { letterFileOf } from './pdfLetters';
import { skipNotice } from './workspaceCheck';
import { isUnder, withoutSavedPdfs, type WorkspaceLetters } from './workspaceLetters';

export type DashboardScope = 'workspace' | 'folder';

/** What the command can be given instead of asking. */
export interface DashboardArgs {
  readonly scope?: DashboardScope;
  /** For `folder`: the folder (default: the active letter's). */
  readonly folder?: vscode.Uri | string;
}

/** The open dashboard, as the command returns it: for the integration tests and other extensions. */
export interface DashboardHandle {
  readonly panel: vscode.WebviewPanel;
  /** The numbers shown (the same as `imr-annotate report --format json` gives for these letters). */
  readonly data: () => DashboardData;
  /** Resolves with the number of bars once the page has drawn them. */
  readonly ready: Promise<number>;
  /** What the page says (selected a bar, opened an item). */
  readonly onDidReceiveMessage: vscode.Event<DashboardPageMessage>;
  /** Presses a bar or a listed item in the page, as a click would. */
  post(message: DashboardHostMessage): Thenable<boolean>;
  /** Resolves with the editor of the letter the page last opened. */
  readonly opened: vscode.Event<vscode.TextEditor>;
}

/** Item references kept per bar: a workspace is small enough to list them all, up to this. */
const MAX_REFS = 1000;
const LETTER_EXTENSIONS = /\.(imr|txt|pdf)$/i;

function nonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

async function folderLetters(folder: vscode.Uri, workspace: WorkspaceLetters): Promise<vscode.Uri[]> {
  // Inside the workspace, the service's search (with its exclusions); outside, the folder's own files.
  const inWorkspace = vscode.workspace.getWorkspaceFolder(folder) !== undefined;
  if (inWorkspace) return (await workspace.letterFiles(undefined, { fresh: true })).filter((uri) => isUnder(uri, folder));
  const entries = await vscode.workspace.fs.readDirectory(folder);
  return withoutSavedPdfs(entries.filter(([name, type]) => type === vscode.FileType.File && LETTER_EXTENSIONS.test(name)).map(([name]) => vscode.Uri.joinPath(folder, name)));
}

function activeLetterFolder(letters: Letters): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !letters.isLetter(document)) return undefined;
  const file = letterFileOf(document.uri);
  return file.scheme === 'untitled' ? undefined : vscode.Uri.joinPath(file, '..');
}

async function pickScope(letters: Letters): Promise<{ scope: DashboardScope; folder?: vscode.Uri } | undefined> {
  const folder = activeLetterFolder(letters);
  const hasWorkspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  if (!folder) return hasWorkspace ? { scope: 'workspace' } : undefined;
  if (!hasWorkspace) return { scope: 'folder', folder };
  const choices: Array<vscode.QuickPickItem & { scope: DashboardScope }> = [
    { label: vscode.l10n.t('All letters in the workspace'), scope: 'workspace' },
    { label: vscode.l10n.t("The active letter's folder"), description: vscode.workspace.asRelativePath(folder, false), scope: 'folder' },
  ];
  const picked = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Outcomes dashboard of') });
  return picked && (picked.scope === 'folder' ? { scope: 'folder', folder } : { scope: 'workspace' });
}

/** The letters of the scope, aggregated, with a cancellable progress notification; the files by their names in the page. */
function aggregateLetters(letters: Letters, workspace: WorkspaceLetters, uris: () => Promise<vscode.Uri[]>): Thenable<{ data: DashboardData; files: Map<string, vscode.Uri> } | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('IMR: Reading letters'), cancellable: true }, async (progress, token) => {
    const found = await uris();
    const aggregate = createAggregate({ maxRefs: MAX_REFS });
    const files = new Map<string, vscode.Uri>();
    const completed = await workspace.readEach(found, token, (result) => {
      const name = vscode.workspace.asRelativePath(letterFileOf(result.uri), false);
      progress.report({ increment: 100 / found.length, message: name });
      if ('skipped' in result) {
        letters.output.appendLine(skipNotice(letters, name, result.skipped));
        addFile(aggregate, name, []);
        return;
      }
      files.set(name, result.uri);
      addFile(aggregate, name, lettersOf(result.analysis).map((one) => one.letter));
    });
    return completed ? { data: finishAggregate(aggregate), files } : undefined;
  });
}

async function pageScript(extensionUri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'dashboard.js')));
}

/** Opens the letter of `ref` beside the dashboard with the item's name selected. */
async function openItem(letters: Letters, uri: vscode.Uri, ref: ItemRef): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  // The item's name as the analysis of the open letter has it (the text may have changed since); else the offset.
  const analysis = letters.analysis(document);
  // A packet's references count items within each letter.
  const item = ref.item >= 0 && analysis ? lettersOf(analysis)[ref.letter]?.letter.items[ref.item] : undefined;
  const start = document.positionAt(item?.name.start ?? ref.offset);
  const end = document.positionAt(item?.name.end ?? ref.end);
  return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Selection(start, end) });
}

async function saveExport(message: Extract<DashboardPageMessage, { type: 'save' }>): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = message.name.replace(/[^\w.-]/g, '_');
  const target = await vscode.window.showSaveDialog({ ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}), title: vscode.l10n.t('Save chart') });
  if (!target) return;
  const bytes = message.base64 !== undefined ? Uint8Array.from(atob(message.base64), (c) => c.charCodeAt(0)) : new TextEncoder().encode(message.text ?? '');
  await vscode.workspace.fs.writeFile(target, bytes);
}

/** Shows the dashboard; undefined when there is nothing to show or the user cancels. */
export async function showDashboard(letters: Letters, workspace: WorkspaceLetters, extensionUri: vscode.Uri, args: DashboardArgs = {}): Promise<DashboardHandle | undefined> {
  const given = args.scope ? { scope: args.scope, folder: typeof args.folder === 'string' ? vscode.Uri.parse(args.folder) : args.folder ?? activeLetterFolder(letters) } : await pickScope(letters);
  if (!given) {
    void vscode.window.showErrorMessage(vscode.l10n.t('IMR: Open a folder of letters, or a letter, to see the outcomes dashboard.'));
    return undefined;
  }
  const folder = given.scope === 'folder' ? given.folder : undefined;
  if (given.scope === 'folder' && !folder) throw new Error(vscode.l10n.t('imr.showOutcomesDashboard: no folder given and no letter active'));
  const uris = (): Promise<vscode.Uri[]> => (folder ? folderLetters(folder, workspace) : workspace.letterFiles(undefined, { fresh: true }));
  const script = await pageScript(extensionUri);
  let read = await aggregateLetters(letters, workspace, uris);
  if (!read) return undefined;

  const title = folder ? vscode.l10n.t('IMR Outcomes: {0}', vscode.workspace.asRelativePath(folder, false)) : vscode.l10n.t('IMR Outcomes');
  const panel = vscode.window.createWebviewPanel('imr.outcomesDashboard', title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
  const messages = new vscode.EventEmitter<DashboardPageMessage>();
  const opened = new vscode.EventEmitter<vscode.TextEditor>();
  let resolveReady: (bars: number) => void = () => undefined;
  const ready = new Promise<number>((resolve) => (resolveReady = resolve));
  const scopeText = (data: DashboardData): string =>
    folder
      ? vscode.l10n.t('{0} letters in {1}', data.totals.letters, vscode.workspace.asRelativePath(folder, false))
      : vscode.l10n.t('{0} letters in the workspace', data.totals.letters);
  const render = (data: DashboardData): void => {
    panel.webview.html = dashboardHtml(data, { script, nonce: nonce(), host: 'vscode', scope: scopeText(data), l10n: vscode.l10n });
  };
  render(read.data);

  const disposables: vscode.Disposable[] = [messages, opened];
  disposables.push(
    panel.webview.onDidReceiveMessage(async (message: DashboardPageMessage) => {
      messages.fire(message);
      if (message.type === 'ready') resolveReady(message.bars);
      else if (message.type === 'open') {
        const uri = read?.files.get(message.ref.file);
        if (uri) opened.fire(await openItem(letters, uri, message.ref));
      } else if (message.type === 'save') await saveExport(message);
    }),
    // Letters changed, came or went: the dashboard is made again (the service has settled the changes).
    workspace.onDidChange(async (change) => {
      if (!change.all && ![...change.changed, ...change.created, ...change.deleted].some((uri) => !folder || isUnder(uri, folder) || isUnder(folder, uri))) return;
      const again = await aggregateLetters(letters, workspace, uris);
      if (again && !disposed) {
        read = again;
        render(again.data);
      }
    }),
  );
  let disposed = false;
  panel.onDidDispose(() => {
    disposed = true;
    for (const disposable of disposables) disposable.dispose();
  });
  return {
    panel,
    data: () => read!.data,
    ready,
    onDidReceiveMessage: messages.event,
    post: (message) => panel.webview.postMessage(message),
    opened: opened.event,
  };
}

export function register(letters: Letters, workspace: WorkspaceLetters, extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand('imr.showOutcomesDashboard', (args?: unknown) =>
    showDashboard(letters, workspace, extensionUri, args instanceof vscode.Uri ? { scope: 'folder', folder: args } : args && typeof args === 'object' ? (args as DashboardArgs) : {}),
  );
}
