// The Disputed Items view (`imr.items`): the items of the active letter, or every letter of the
// workspace grouped by file with its counts. An item shows its outcome as an icon and in words, and
// a click reveals it (`imr.revealItem`). A file of several letters (a packet) lists its letters, each
// with its own items. Above a letter's items, one line gives its dates that matter (days to decision
// against the review's deadline, the estimated last day to appeal: the core's `decisionDates`), its
// tooltip their basis. The view follows the active editor, edits (debounced) and
// settings; the items and counts are the core's; the workspace's letters, and the news of their
// changes, come from WorkspaceLetters.
import * as vscode from 'vscode';
import {
  type Analysis,
  decisionDates,
  decisionDatesHover,
  decisionDatesLine,
  type DecisionDates,
  itemSummaries,
  type ItemSummary,
  letterCounts,
  type LetterCounts,
  lettersOf,
  matchesFilter,
  type OutcomeFilter,
} from '../core';
import { countsSummary, itemLabel, letterCount, lineLabel, markdownText, outcomeLabel, packetLetterLabel } from './labels';
import type { Letters } from './letters';
import { letterDocumentOf, letterFileOf } from './pdfLetters';
import { type WorkspaceLetters, type WorkspaceLettersChange } from './workspaceLetters';

export type ItemsScope = 'active' | 'workspace';

export const VIEW_ID = 'imr.items';

/** The cursor rests this long before the view selects the item under it. */
const REVEAL_DELAY_MS = 300;

export interface LetterNode {
  readonly kind: 'letter';
  readonly uri: vscode.Uri;
  readonly counts: LetterCounts;
  /** Every item of the file. */
  readonly items: readonly ItemSummary[];
  readonly dates: DecisionDates;
  /** A packet's letters, each with its items: the file's children then. */
  readonly letters?: readonly PacketLetterNode[];
}

/** One letter of a file that holds several (a packet). */
export interface PacketLetterNode {
  readonly kind: 'packetLetter';
  readonly uri: vscode.Uri;
  /** 0-based position among the file's letters. */
  readonly index: number;
  readonly caseNumber: string;
  readonly counts: LetterCounts;
  readonly items: readonly ItemSummary[];
  readonly dates: DecisionDates;
  /** The file it belongs to, in the workspace scope. */
  readonly parent?: LetterNode;
}

/** The line above a letter's items: its days to decision and estimated last day to appeal. */
export interface DatesNode {
  readonly kind: 'dates';
  readonly uri: vscode.Uri;
  readonly dates: DecisionDates;
  /** The letter it belongs to: the file in the workspace scope, or the packet's letter. */
  readonly parent?: LetterNode | PacketLetterNode;
}

export interface ItemNode {
  readonly kind: 'item';
  readonly uri: vscode.Uri;
  readonly item: ItemSummary;
  /** The letter it belongs to: the file in the workspace scope, or the packet's letter. */
  readonly parent?: LetterNode | PacketLetterNode;
}

export type ItemsNode = LetterNode | PacketLetterNode | DatesNode | ItemNode;

function letterNode(uri: vscode.Uri, analysis: Analysis): LetterNode {
  const node: LetterNode = { kind: 'letter', uri, counts: letterCounts(analysis), items: itemSummaries(analysis.letter), dates: decisionDates(analysis.letter) };
  const letters = packetLetterNodes(uri, analysis, node);
  return letters ? Object.assign(node, { letters }) : node;
}

/** The dates line of a letter, when it has a header date to speak of (not for a text that is no letter). */
function datesNodes(uri: vscode.Uri, dates: DecisionDates, parent?: LetterNode | PacketLetterNode): DatesNode[] {
  if (!dates.decisionDate && !dates.applicationReceived) return [];
  return [parent ? { kind: 'dates', uri, dates, parent } : { kind: 'dates', uri, dates }];
}

/** A packet's letters, each with its own items and counts; `undefined` for a file of one letter. */
function packetLetterNodes(uri: vscode.Uri, analysis: Analysis, parent?: LetterNode): PacketLetterNode[] | undefined {
  const letters = lettersOf(analysis);
  if (letters.length < 2) return undefined;
  // The items as the whole file numbers them (the tree's ids and reveals use those), shared out by where they are.
  const summaries = itemSummaries(analysis.letter);
  return letters.map((one, index) => ({
    kind: 'packetLetter',
    uri,
    index,
    caseNumber: one.letter.header.find((field) => field.name === 'caseNumber')?.value.text ?? '',
    counts: letterCounts(one),
    items: summaries.filter((item) => item.nameRange.start >= one.range.start && item.nameRange.start < one.range.end),
    dates: decisionDates(one.letter),
    ...(parent ? { parent } : {}),
  }));
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

interface WorkspaceScan {
  readonly promise: Promise<Map<string, LetterNode>>;
  /** Cancelled when the scan is stale. */
  readonly cancel: vscode.CancellationTokenSource;
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
  /** The active letter's letters when it is a packet (the view's roots then), as last handed to the view. */
  private activeLetters: PacketLetterNode[] | undefined;
  /** The workspace's letters, by URI, from the last scan. */
  private workspaceLetters: Map<string, LetterNode> | undefined;
  /** The letter files (by their documents' URIs) the last scan read, letters or not. */
  private workspaceFiles = new Set<string>();
  private scan: WorkspaceScan | undefined;
  private disposed = false;
  private view: vscode.TreeView<ItemsNode> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly letters: Letters,
    private readonly workspace: WorkspaceLetters,
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

  /** Rebuilds the view; in the workspace scope, searches the workspace again (unchanged letters are not analysed again). */
  refresh(): void {
    if (this.currentScope === 'workspace') {
      this.workspace.forgetFiles();
      this.invalidateWorkspace();
    }
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

  /** Letters changed (edits and file events have settled), came or went, or the settings changed. */
  lettersChanged(change: WorkspaceLettersChange): void {
    if (change.all || change.created.length > 0 || change.deleted.length > 0) {
      this.invalidateWorkspace();
      if (change.all || this.currentScope === 'workspace') this.changeEmitter.fire(undefined);
      return;
    }
    if (this.currentScope === 'active') {
      const active = this.activeDocument?.uri.toString();
      if (change.changed.some((uri) => uri.toString() === active)) this.changeEmitter.fire(undefined);
      // The workspace scope reads its letters again when it is next shown (the unchanged from the cache).
      if (change.changed.length > 0) this.invalidateWorkspace();
      return;
    }
    void this.updateWorkspaceLetters(change.changed);
  }

  /** The workspace scope: the changed letters read again, the others kept. */
  private async updateWorkspaceLetters(uris: readonly vscode.Uri[]): Promise<void> {
    const letters = this.workspaceLetters;
    if (!letters) {
      // A scan under way may have read them before the change: read them again once it is done.
      void this.scan?.promise.then(() => {
        if (this.workspaceLetters) void this.updateWorkspaceLetters(uris);
      });
      return;
    }
    let changed = false;
    for (const uri of uris) {
      const key = uri.toString();
      const known = letters.has(key);
      // Untitled letters, and files that are no letter files of the workspace, are not its letters.
      if (!known && !this.workspaceFiles.has(key)) continue;
      const result = await this.workspace.read(uri);
      if (letters !== this.workspaceLetters) return; // rescanned meanwhile
      if ('analysis' in result) letters.set(key, letterNode(result.uri, result.analysis));
      else if (known) letters.delete(key);
      else continue;
      changed = true;
    }
    if (changed) this.changeEmitter.fire(undefined);
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
    if (node?.kind === 'item' || node?.kind === 'dates') return [];
    if (node?.kind === 'letter') return node.letters ? this.shownLetters(node.letters) : [...datesNodes(node.uri, node.dates, node), ...this.itemNodes(node.uri, node.items, node)];
    // The active packet's items are the nodes kept for revealing; a workspace file's are made as asked for.
    if (node?.kind === 'packetLetter') {
      const items = node.parent ? this.itemNodes(node.uri, node.items, node) : this.activeNodes.filter((item) => item.parent === node);
      return [...datesNodes(node.uri, node.dates, node), ...items];
    }
    if (this.currentScope === 'active') {
      this.activeNodes = this.activeItems();
      this.setMessage(this.activeMessage());
      return this.activeLetters ? this.shownLetters(this.activeLetters) : [...this.activeDates(), ...this.activeNodes];
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
    return node.kind === 'letter' ? undefined : node.parent;
  }

  /** A packet's letters that have items the filter shows. */
  private shownLetters(letters: readonly PacketLetterNode[]): PacketLetterNode[] {
    return letters.filter((letter) => letter.items.some((item) => matchesFilter(item.outcome, this.currentFilter)));
  }

  getTreeItem(node: ItemsNode): vscode.TreeItem {
    if (node.kind === 'packetLetter') {
      const treeItem = new vscode.TreeItem(packetLetterLabel(node.caseNumber, node.index), vscode.TreeItemCollapsibleState.Expanded);
      treeItem.id = `${node.uri.toString()}#letter-${node.index}`;
      treeItem.description = countsSummary(node.counts);
      treeItem.tooltip = `${vscode.workspace.asRelativePath(letterFileOf(node.uri))}: ${vscode.l10n.t('Letter {0}', node.index + 1)}\n${countsSummary(node.counts)}`;
      treeItem.contextValue = 'imr.packetLetter';
      return treeItem;
    }
    if (node.kind === 'letter') {
      // A PDF letter is listed as the PDF (its items open its text document).
      const treeItem = new vscode.TreeItem(letterFileOf(node.uri), vscode.TreeItemCollapsibleState.Collapsed);
      treeItem.id = node.uri.toString();
      treeItem.description = node.letters ? `${letterCount(node.letters.length)} · ${countsSummary(node.counts)}` : countsSummary(node.counts);
      treeItem.tooltip = `${vscode.workspace.asRelativePath(letterFileOf(node.uri))}\n${countsSummary(node.counts)}`;
      treeItem.contextValue = 'imr.letter';
      return treeItem;
    }
    if (node.kind === 'dates') return this.datesTreeItem(node);
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

  /** The dates line: the core's words; its tooltip the whole estimate with its basis; a click shows the Decision Date. */
  private datesTreeItem(node: DatesNode): vscode.TreeItem {
    const treeItem = new vscode.TreeItem(decisionDatesLine(node.dates, vscode.l10n), vscode.TreeItemCollapsibleState.None);
    treeItem.id = `${node.uri.toString()}#dates`;
    treeItem.iconPath = new vscode.ThemeIcon('calendar');
    treeItem.tooltip = new vscode.MarkdownString(decisionDatesHover(node.dates, vscode.l10n));
    treeItem.contextValue = 'imr.dates';
    const at = node.dates.decisionDateRange?.start;
    if (at !== undefined) treeItem.command = { command: 'imr.revealItem', title: vscode.l10n.t('Show the Decision Date'), arguments: [node.uri, at] };
    return treeItem;
  }

  // ---- the active letter ----

  private activeDates(): DatesNode[] {
    const document = this.activeDocument;
    if (!document || document.isClosed) return [];
    const analysis = this.letters.analysis(document);
    return analysis && analysis.letter.isDetermination && lettersOf(analysis).length < 2 ? datesNodes(document.uri, decisionDates(analysis.letter)) : [];
  }

  /** The active letter's items; for a packet, each under its letter (kept in `activeLetters`). */
  private activeItems(): ItemNode[] {
    this.activeLetters = undefined;
    const document = this.activeDocument;
    if (!document || document.isClosed) return [];
    const analysis = this.letters.analysis(document);
    if (!analysis) return [];
    const letters = packetLetterNodes(document.uri, analysis);
    if (!letters) return this.itemNodes(document.uri, itemSummaries(analysis.letter));
    this.activeLetters = letters;
    return letters.flatMap((letter) => this.itemNodes(document.uri, letter.items, letter));
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

  private itemNodes(uri: vscode.Uri, items: readonly ItemSummary[], parent?: LetterNode | PacketLetterNode): ItemNode[] {
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

  /**
   * The workspace's letters, scanning once (concurrent callers share the scan). A scan made stale
   * while it reads (letters came or went, the settings changed) is done again, not shown in part.
   */
  private async workspaceLettersScanned(): Promise<Map<string, LetterNode>> {
    for (;;) {
      if (this.workspaceLetters) return this.workspaceLetters;
      const scan = this.scan ?? this.startScan();
      const found = await scan.promise;
      if (!scan.cancel.token.isCancellationRequested || this.disposed) return found;
    }
  }

  private startScan(): WorkspaceScan {
    const cancel = new vscode.CancellationTokenSource();
    const scan: WorkspaceScan = {
      cancel,
      promise: Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => this.scanWorkspace(cancel.token))).then((found) => {
        if (this.scan === scan) {
          this.workspaceLetters = found;
          this.scan = undefined;
        }
        return found;
      }),
    };
    this.scan = scan;
    return scan;
  }

  private async scanWorkspace(token: vscode.CancellationToken): Promise<Map<string, LetterNode>> {
    const found = new Map<string, LetterNode>();
    const uris = await this.workspace.letterFiles(token);
    this.workspaceFiles = new Set(uris.map((uri) => letterDocumentOf(uri).toString()));
    await this.workspace.readEach(uris, token, (result) => {
      if ('analysis' in result) found.set(result.uri.toString(), letterNode(result.uri, result.analysis));
    });
    return found;
  }

  /** Disposables that live as long as the view (listeners, commands). */
  own(...disposables: vscode.Disposable[]): void {
    this.disposables.push(...disposables);
  }

  dispose(): void {
    this.disposed = true;
    this.scan?.cancel.cancel();
    for (const disposable of this.disposables) disposable.dispose();
    this.changeEmitter.dispose();
  }
}

const FILTER_CHOICES: readonly OutcomeFilter[] = ['all', 'upheld', 'overturned', 'missing'];

export function register(letters: Letters, workspace: WorkspaceLetters, extensionUri?: vscode.Uri): ItemsTree {
  const base = extensionUri ?? vscode.extensions.getExtension('imr-annotate.imr-annotate')?.extensionUri ?? vscode.Uri.parse('about:blank');
  const tree = new ItemsTree(letters, workspace, vscode.Uri.joinPath(base, 'media'));
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(view);
  let reveal: ReturnType<typeof setTimeout> | undefined;

  const pickFilter = async (): Promise<void> => {
    const picks = FILTER_CHOICES.map((filter) => ({ label: filterLabel(filter), filter, picked: filter === tree.filter }));
    const chosen = await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('Show which items?') });
    if (chosen) tree.setFilter(chosen.filter);
  };

  void vscode.commands.executeCommand('setContext', 'imr.items.scope', tree.scope);
  tree.own(
    view,
    { dispose: () => clearTimeout(reveal) },
    // Edits, file events and settings, as the workspace's letters announce them (edits settled).
    workspace.onDidChange((change) => tree.lettersChanged(change)),
    vscode.window.onDidChangeActiveTextEditor((editor) => tree.followActiveEditor(editor)),
    // A document switched to `imr` (detection, the language picker) arrives as an open.
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (document === vscode.window.activeTextEditor?.document) tree.followActiveEditor(vscode.window.activeTextEditor);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document === tree.activeLetter) tree.followActiveEditor(vscode.window.activeTextEditor);
    }),
    vscode.window.onDidChangeTextEditorSelection((event) => {
      if (!letters.isLetter(event.textEditor.document)) return;
      clearTimeout(reveal);
      reveal = setTimeout(() => void tree.revealItemAt(event.textEditor.document, event.textEditor.document.offsetAt(event.selections[0]!.active)), REVEAL_DELAY_MS);
    }),
    vscode.commands.registerCommand('imr.items.showWorkspace', () => tree.setScope('workspace')),
    vscode.commands.registerCommand('imr.items.showActiveLetter', () => tree.setScope('active')),
    vscode.commands.registerCommand('imr.items.filter', pickFilter),
    vscode.commands.registerCommand('imr.items.refresh', () => tree.refresh()),
  );
  return tree;
}
