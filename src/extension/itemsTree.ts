// The Disputed Items view (`imr.items`): the items of the active letter, or every letter of the
// workspace grouped by file with its counts. An item shows its outcome as an icon and in words, and
// a click reveals it (`imr.revealItem`). The view follows the active editor, edits (debounced) and
// settings; the items and counts are the core's.
import * as vscode from 'vscode';
import { type Analysis, itemSummaries, type ItemSummary, letterCounts, type LetterCounts, matchesFilter, type OutcomeFilter, readLetterFile } from '../core';
import { countsSummary, itemLabel, lineLabel, markdownText, outcomeLabel } from './labels';
import type { Letters } from './letters';
import { isPdfFile, letterDocumentOf, letterFileOf } from './pdfLetters';
import { withoutSavedPdfs } from './workspaceCheck';

export type ItemsScope = 'active' | 'workspace';

export const VIEW_ID = 'imr.items';
/**
 * Letters the workspace scope looks at; `.txt` files count only when they look like letters, PDFs
 * as their extracted text (shown as their `imr-pdf:` documents).
 */
export const LETTER_GLOB = '**/*.{imr,txt,pdf}';
export const EXCLUDE_GLOB = '**/node_modules/**';

/** Edits and file changes settle for this long before the view is rebuilt. */
const REFRESH_DELAY_MS = 300;
/** Files read between two pauses that let the extension host breathe during a workspace scan. */
const FILES_PER_SLICE = 8;

export interface LetterNode {
  readonly kind: 'letter';
  readonly uri: vscode.Uri;
  readonly counts: LetterCounts;
  readonly items: readonly ItemSummary[];
}

export interface ItemNode {
  readonly kind: 'item';
  readonly uri: vscode.Uri;
  readonly item: ItemSummary;
  /** The letter it belongs to, in the workspace scope. */
  readonly parent?: LetterNode;
}

export type ItemsNode = LetterNode | ItemNode;

function letterNode(uri: vscode.Uri, analysis: Analysis): LetterNode {
  return { kind: 'letter', uri, counts: letterCounts(analysis), items: itemSummaries(analysis.letter) };
}

function iconName(item: ItemSummary): string {
  return item.outcome ?? 'missing';
}

function filterLabel(filter: OutcomeFilter): string {
  switch (filter) {
    case 'all':
      return vscode.l10n.t('All items');
    case 'upheld':
      return vscode.l10n.t('Upheld');
    case 'overturned':
      return vscode.l10n.t('Overturned');
    case 'missing':
      return vscode.l10n.t('No decision');
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The data of the Disputed Items view, and its state (scope, filter). */
export class ItemsTree implements vscode.TreeDataProvider<ItemsNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ItemsNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  private currentScope: ItemsScope = 'active';
  private currentFilter: OutcomeFilter = 'all';
  /** The letter the active scope shows: the active editor's, kept while focus is outside editors. */
  private activeDocument: vscode.TextDocument | undefined;
  /** The items last handed to the view in the active scope, for revealing one of them. */
  private activeNodes: ItemNode[] = [];
  /** The workspace's letters, by URI, from the last scan. */
  private workspaceLetters: Map<string, LetterNode> | undefined;
  private scan: { promise: Promise<Map<string, LetterNode>>; cancel: vscode.CancellationTokenSource } | undefined;
  private view: vscode.TreeView<ItemsNode> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly letters: Letters,
    private readonly mediaUri: vscode.Uri,
  ) {
    this.followActiveEditor(vscode.window.activeTextEditor);
  }

  get scope(): ItemsScope {
    return this.currentScope;
  }

  get filter(): OutcomeFilter {
    return this.currentFilter;
  }

  /** The document the active scope shows, if any. */
  get activeLetter(): vscode.TextDocument | undefined {
    return this.activeDocument;
  }

  attach(view: vscode.TreeView<ItemsNode>): void {
    this.view = view;
    this.updateViewLabels();
  }

  async setScope(scope: ItemsScope): Promise<void> {
    this.currentScope = scope;
    await vscode.commands.executeCommand('setContext', 'imr.items.scope', scope);
    this.updateViewLabels();
    this.changeEmitter.fire(undefined);
  }

  setFilter(filter: OutcomeFilter): void {
    this.currentFilter = filter;
    this.updateViewLabels();
    this.changeEmitter.fire(undefined);
  }

  /** Rebuilds the view; in the workspace scope, reads the workspace again. */
  refresh(): void {
    if (this.currentScope === 'workspace') this.invalidateWorkspace();
    this.changeEmitter.fire(undefined);
  }

  /** The active editor changed: an `imr` document becomes the one shown; another text file clears it. */
  followActiveEditor(editor: vscode.TextEditor | undefined): void {
    // Focus in a panel or a non-text editor leaves no active text editor: keep the letter shown.
    if (!editor) {
      if (this.activeDocument?.isClosed) this.setActiveDocument(undefined);
      return;
    }
    this.setActiveDocument(this.letters.isLetter(editor.document) ? editor.document : undefined);
  }

  private setActiveDocument(document: vscode.TextDocument | undefined): void {
    if (document === this.activeDocument) return;
    this.activeDocument = document;
    if (this.currentScope === 'active') this.changeEmitter.fire(undefined);
  }

  /** A letter's text changed (debounced by the caller). */
  documentChanged(document: vscode.TextDocument): void {
    if (this.currentScope === 'active') {
      if (document === this.activeDocument) this.changeEmitter.fire(undefined);
      return;
    }
    if (!this.workspaceLetters) return;
    const key = document.uri.toString();
    const known = this.workspaceLetters.has(key);
    // Untitled letters and files outside the workspace are not the workspace's.
    if (!known && (document.isUntitled || !vscode.workspace.getWorkspaceFolder(letterFileOf(document.uri)))) return;
    const analysis = this.letters.analysis(document);
    if (analysis && analysis.letter.isDetermination) this.workspaceLetters.set(key, letterNode(document.uri, analysis));
    else if (known) this.workspaceLetters.delete(key);
    else return;
    this.changeEmitter.fire(undefined);
  }

  /** A letter was closed, perhaps with its edits unsaved: the workspace scope reads the file again. */
  async documentClosed(document: vscode.TextDocument): Promise<void> {
    const letters = this.workspaceLetters;
    const key = document.uri.toString();
    if (this.currentScope !== 'workspace' || !letters?.has(key)) return;
    // A language change reaches extensions as a close and an open: then the document stays open.
    await sleep(0);
    if (vscode.workspace.textDocuments.some((open) => open.uri.toString() === key)) return;
    const node = await this.readLetter(document.uri, undefined);
    if (letters !== this.workspaceLetters) return; // rescanned meanwhile
    if (node) letters.set(key, node);
    else letters.delete(key);
    this.changeEmitter.fire(undefined);
  }

  /** Files were created, changed or deleted on disk (debounced by the caller). */
  filesChanged(): void {
    if (this.currentScope !== 'workspace') return;
    this.invalidateWorkspace();
    this.changeEmitter.fire(undefined);
  }

  settingsChanged(): void {
    this.invalidateWorkspace();
    this.changeEmitter.fire(undefined);
  }

  private invalidateWorkspace(): void {
    this.scan?.cancel.cancel();
    this.scan = undefined;
    this.workspaceLetters = undefined;
  }

  private updateViewLabels(): void {
    if (!this.view) return;
    const parts: string[] = [];
    if (this.currentScope === 'workspace') parts.push(vscode.l10n.t('Workspace'));
    if (this.currentFilter !== 'all') parts.push(filterLabel(this.currentFilter));
    this.view.description = parts.length > 0 ? parts.join(' · ') : undefined;
  }

  // ---- TreeDataProvider ----

  async getChildren(node?: ItemsNode): Promise<ItemsNode[]> {
    if (node?.kind === 'item') return [];
    if (node?.kind === 'letter') return this.itemNodes(node.uri, node.items, node);
    if (this.currentScope === 'active') {
      this.activeNodes = this.activeItems();
      this.setMessage(this.activeMessage());
      return this.activeNodes;
    }
    const letters = await this.workspaceLettersScanned();
    const shown = [...letters.values()]
      .filter((letter) => this.currentFilter === 'all' || letter.items.some((item) => matchesFilter(item.outcome, this.currentFilter)))
      .sort((a, b) => vscode.workspace.asRelativePath(letterFileOf(a.uri)).localeCompare(vscode.workspace.asRelativePath(letterFileOf(b.uri))));
    this.setMessage(
      letters.size === 0
        ? vscode.l10n.t('No IMR letters in this workspace.')
        : shown.length === 0
          ? vscode.l10n.t('No letter has items matching the filter ({0}).', filterLabel(this.currentFilter))
          : undefined,
    );
    return shown;
  }

  getParent(node: ItemsNode): ItemsNode | undefined {
    return node.kind === 'item' ? node.parent : undefined;
  }

  getTreeItem(node: ItemsNode): vscode.TreeItem {
    if (node.kind === 'letter') {
      // A PDF letter is listed as the PDF (its items open its text document).
      const treeItem = new vscode.TreeItem(letterFileOf(node.uri), vscode.TreeItemCollapsibleState.Collapsed);
      treeItem.id = node.uri.toString();
      treeItem.description = countsSummary(node.counts);
      treeItem.tooltip = `${vscode.workspace.asRelativePath(letterFileOf(node.uri))}\n${countsSummary(node.counts)}`;
      treeItem.contextValue = 'imr.letter';
      return treeItem;
    }
    const { item } = node;
    const treeItem = new vscode.TreeItem(itemLabel(item.name), vscode.TreeItemCollapsibleState.None);
    treeItem.id = `${node.uri.toString()}#${item.index}`;
    treeItem.description = `${outcomeLabel(item.outcome)} · ${lineLabel(item.line)}`;
    treeItem.tooltip = new vscode.MarkdownString(
      `**${markdownText(itemLabel(item.name))}**\n\n${markdownText(`${outcomeLabel(item.outcome)} · ${vscode.workspace.asRelativePath(letterFileOf(node.uri))}, ${lineLabel(item.line)}`)}`,
    );
    const icon = iconName(item);
    treeItem.iconPath = {
      light: vscode.Uri.joinPath(this.mediaUri, `${icon}-light.svg`),
      dark: vscode.Uri.joinPath(this.mediaUri, `${icon}-dark.svg`),
    };
    treeItem.contextValue = `imr.item.${icon}`;
    treeItem.command = { command: 'imr.revealItem', title: vscode.l10n.t('Reveal Disputed Item'), arguments: [node.uri, item.nameRange.start] };
    return treeItem;
  }

  // ---- the active letter ----

  private activeItems(): ItemNode[] {
    const document = this.activeDocument;
    if (!document || document.isClosed) return [];
    const analysis = this.letters.analysis(document);
    if (!analysis) return [];
    return this.itemNodes(document.uri, itemSummaries(analysis.letter));
  }

  private activeMessage(): string | undefined {
    const document = this.activeDocument;
    if (!document || document.isClosed) return undefined;
    const analysis = this.letters.analysis(document);
    if (!analysis) return vscode.l10n.t('This letter is not analysed (larger than imr.maxFileSize).');
    if (analysis.letter.items.length === 0) return vscode.l10n.t('This letter has no disputed items.');
    if (this.activeNodes.length === 0) return vscode.l10n.t('No items match the filter ({0}).', filterLabel(this.currentFilter));
    return undefined;
  }

  private itemNodes(uri: vscode.Uri, items: readonly ItemSummary[], parent?: LetterNode): ItemNode[] {
    return items
      .filter((item) => matchesFilter(item.outcome, this.currentFilter))
      .map((item) => (parent ? { kind: 'item', uri, item, parent } : { kind: 'item', uri, item }));
  }

  private setMessage(message: string | undefined): void {
    if (this.view) this.view.message = message;
  }

  /** Selects, without taking focus, the item of the active letter that holds `offset`. */
  async revealItemAt(document: vscode.TextDocument, offset: number): Promise<void> {
    if (!this.view?.visible || this.currentScope !== 'active' || document !== this.activeDocument) return;
    let node: ItemNode | undefined;
    for (const candidate of this.activeNodes) {
      if (candidate.item.nameRange.start <= offset) node = candidate;
    }
    if (!node || this.view.selection.includes(node)) return;
    try {
      await this.view.reveal(node, { select: true, focus: false });
    } catch {
      // The view was rebuilt in between; the next cursor move tries again.
    }
  }

  // ---- the workspace ----

  /** The workspace's letters, scanning once (concurrent callers share the scan). */
  private workspaceLettersScanned(): Promise<Map<string, LetterNode>> {
    if (this.workspaceLetters) return Promise.resolve(this.workspaceLetters);
    if (!this.scan) {
      const cancel = new vscode.CancellationTokenSource();
      const promise = Promise.resolve(
        vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => this.scanWorkspace(cancel.token)),
      ).then((found) => {
        if (!cancel.token.isCancellationRequested) {
          this.workspaceLetters = found;
          this.scan = undefined;
        }
        cancel.dispose();
        return found;
      });
      this.scan = { promise, cancel };
    }
    return this.scan.promise;
  }

  private async scanWorkspace(token: vscode.CancellationToken): Promise<Map<string, LetterNode>> {
    const found = new Map<string, LetterNode>();
    // A PDF with its text saved beside it is that text file's letter.
    const uris = withoutSavedPdfs(await vscode.workspace.findFiles(LETTER_GLOB, EXCLUDE_GLOB, undefined, token));
    const open = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
    let sinceBreak = 0;
    for (const file of uris) {
      if (token.isCancellationRequested) break;
      const uri = letterDocumentOf(file);
      const node = await this.readLetter(uri, open.get(uri.toString()));
      if (node) found.set(uri.toString(), node);
      if (++sinceBreak >= FILES_PER_SLICE) {
        sinceBreak = 0;
        await sleep(0);
      }
    }
    return found;
  }

  /**
   * One file as a letter: the live document when it is open, else the file's bytes (a PDF's
   * extracted text); `undefined` when it is no letter. `uri` is the letter's document (`imr-pdf:` for a PDF).
   */
  private async readLetter(uri: vscode.Uri, document: vscode.TextDocument | undefined): Promise<LetterNode | undefined> {
    let analysis: Analysis | undefined;
    const { maxFileSize } = this.letters.settings;
    const source = letterFileOf(uri);
    if (document && this.letters.isLetter(document)) {
      analysis = this.letters.analysis(document);
    } else if (document) {
      // Open but not (yet) shown as a letter: its live text, judged as the file would be.
      const file = readLetterFile(uri.path, new TextEncoder().encode(document.getText()), maxFileSize);
      if ('skipped' in file) return undefined;
      analysis = this.letters.analyzeText(file.text);
    } else if (isPdfFile(source)) {
      const read = await this.letters.pdfs.read(source);
      if ('kind' in read || read.text.length > maxFileSize) return undefined;
      analysis = this.letters.analyzeText(read.text);
    } else {
      let bytes: Uint8Array;
      try {
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch {
        return undefined; // deleted or unreadable since the search
      }
      const file = readLetterFile(uri.path, bytes, maxFileSize);
      if ('skipped' in file) return undefined;
      analysis = this.letters.analyzeText(file.text);
    }
    if (!analysis || !analysis.letter.isDetermination) return undefined;
    return letterNode(uri, analysis);
  }

  /** Disposables that live as long as the view (listeners, commands). */
  own(...disposables: vscode.Disposable[]): void {
    this.disposables.push(...disposables);
  }

  dispose(): void {
    this.scan?.cancel.cancel();
    for (const disposable of this.disposables) disposable.dispose();
    this.changeEmitter.dispose();
  }
}

/** Debounces per key: the last call for a key wins after `delay` ms. */
function debouncer(delay: number): { run(key: string, action: () => void): void; dispose(): void } {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return {
    run(key, action) {
      const pending = timers.get(key);
      if (pending !== undefined) clearTimeout(pending);
      timers.set(
        key,
        setTimeout(() => {
          timers.delete(key);
          action();
        }, delay),
      );
    },
    dispose() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

const FILTER_CHOICES: readonly OutcomeFilter[] = ['all', 'upheld', 'overturned', 'missing'];

export function register(letters: Letters, extensionUri?: vscode.Uri): ItemsTree {
  const base = extensionUri ?? vscode.extensions.getExtension('imr-annotate.imr-annotate')?.extensionUri ?? vscode.Uri.parse('about:blank');
  const tree = new ItemsTree(letters, vscode.Uri.joinPath(base, 'media'));
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(view);
  const debounce = debouncer(REFRESH_DELAY_MS);
  const watcher = vscode.workspace.createFileSystemWatcher(LETTER_GLOB);
  const onFiles = (): void => debounce.run('files', () => tree.filesChanged());

  const pickFilter = async (): Promise<void> => {
    const picks = FILTER_CHOICES.map((filter) => ({ label: filterLabel(filter), filter, picked: filter === tree.filter }));
    const chosen = await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('Show which items?') });
    if (chosen) tree.setFilter(chosen.filter);
  };

  void vscode.commands.executeCommand('setContext', 'imr.items.scope', tree.scope);
  tree.own(
    view,
    watcher,
    { dispose: () => debounce.dispose() },
    watcher.onDidCreate(onFiles),
    watcher.onDidChange((uri) => {
      // An open letter's own edits arrive as document changes.
      if (!vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString())) onFiles();
    }),
    watcher.onDidDelete(onFiles),
    vscode.window.onDidChangeActiveTextEditor((editor) => tree.followActiveEditor(editor)),
    // A document switched to `imr` (detection, the language picker) arrives as an open.
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (document === vscode.window.activeTextEditor?.document) tree.followActiveEditor(vscode.window.activeTextEditor);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document === tree.activeLetter) tree.followActiveEditor(vscode.window.activeTextEditor);
      void tree.documentClosed(document);
    }),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (!letters.isLetter(event.document) || event.contentChanges.length === 0) return;
      debounce.run(event.document.uri.toString(), () => tree.documentChanged(event.document));
    }),
    vscode.window.onDidChangeTextEditorSelection((event) => {
      if (!letters.isLetter(event.textEditor.document)) return;
      debounce.run('selection', () => void tree.revealItemAt(event.textEditor.document, event.textEditor.document.offsetAt(event.selections[0]!.active)));
    }),
    letters.onDidChangeSettings(() => tree.settingsChanged()),
    vscode.commands.registerCommand('imr.items.showWorkspace', () => tree.setScope('workspace')),
    vscode.commands.registerCommand('imr.items.showActiveLetter', () => tree.setScope('active')),
    vscode.commands.registerCommand('imr.items.filter', pickFilter),
    vscode.commands.registerCommand('imr.items.refresh', () => tree.refresh()),
  );
  return tree;
}
