// The Annotations view (`imr.annotations`): the kept annotations of the active letter by label, with
// counts and each label's colour (the legend of the letter's highlights), or those of every annotated
// letter of the workspace (each `.ann` file with its letter). A click goes to the span.
import * as vscode from 'vscode';
import { type AnnotationSet, byLabel, decodeText, type LineStarts, lineStartsOf, positionOf, readStandoff, spanRange, type TextBoundAnnotation } from '../core';
import type { LetterAnnotations } from './annotations';
import { readTextIfExists } from './annotationFiles';
import { lineLabel } from './labels';
import type { Letters } from './letters';
import { pdfTextUri } from './pdfLetters';

export const ANNOTATIONS_VIEW_ID = 'imr.annotations';

export type AnnotationsScope = 'active' | 'workspace';

/** The letter extensions a `.ann` may sit beside, in the order they are looked for. */
const LETTER_EXTENSIONS = ['.txt', '.imr', '.pdf'];

interface LetterSource {
  /** The document that shows the letter (a PDF's text document for a PDF). */
  readonly uri: vscode.Uri;
  readonly annFile: vscode.Uri;
  readonly text: string;
  readonly set: AnnotationSet;
  /** Where the letter's lines start, once per letter shown. */
  readonly lines: LineStarts;
}

export interface LetterNode {
  readonly kind: 'letter';
  readonly letter: LetterSource;
}

export interface LabelNode {
  readonly kind: 'label';
  readonly letter: LetterSource;
  readonly label: string;
  readonly annotations: readonly TextBoundAnnotation[];
  readonly parent?: LetterNode;
}

export interface SpanNode {
  readonly kind: 'span';
  readonly letter: LetterSource;
  readonly annotation: TextBoundAnnotation;
  readonly parent: LabelNode;
}

export type AnnotationsNode = LetterNode | LabelNode | SpanNode;

/** A square of the label's colour, as the icon that makes the view the legend. */
function swatch(color: string): vscode.Uri {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect x="3" y="3" width="10" height="10" rx="2" fill="${color}"/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`);
}

/** Counts as the view shows them: `12 annotations`, `1 annotation`. */
export function annotationCount(count: number): string {
  return count === 1 ? vscode.l10n.t('1 annotation') : vscode.l10n.t('{0} annotations', count);
}

export class AnnotationsTree implements vscode.TreeDataProvider<AnnotationsNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<AnnotationsNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private currentScope: AnnotationsScope = 'active';
  private activeDocument: vscode.TextDocument | undefined;
  private view: vscode.TreeView<AnnotationsNode> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly annotations: LetterAnnotations,
    private readonly letters: Letters,
  ) {
    this.follow(vscode.window.activeTextEditor);
    this.disposables.push(
      this.changeEmitter,
      annotations.onDidChange(({ document }) => {
        if (this.currentScope === 'workspace' || document === this.activeDocument) this.changeEmitter.fire(undefined);
      }),
      annotations.onDidChangeSettings(() => this.changeEmitter.fire(undefined)),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
    );
  }

  get scope(): AnnotationsScope {
    return this.currentScope;
  }

  attach(view: vscode.TreeView<AnnotationsNode>): void {
    this.view = view;
  }

  async setScope(scope: AnnotationsScope): Promise<void> {
    this.currentScope = scope;
    await vscode.commands.executeCommand('setContext', 'imr.annotations.scope', scope);
    if (this.view) this.view.description = scope === 'workspace' ? vscode.l10n.t('Workspace') : undefined;
    this.changeEmitter.fire(undefined);
  }

  refresh(): void {
    this.changeEmitter.fire(undefined);
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    // Focus in a panel leaves no active text editor: keep the letter shown.
    if (!editor) return;
    const document = this.letters.isLetter(editor.document) ? editor.document : undefined;
    if (document === this.activeDocument) return;
    this.activeDocument = document;
    if (this.currentScope === 'active') this.changeEmitter.fire(undefined);
  }

  async getChildren(node?: AnnotationsNode): Promise<AnnotationsNode[]> {
    if (node?.kind === 'span') return [];
    if (node?.kind === 'label') return node.annotations.map((annotation) => ({ kind: 'span', letter: node.letter, annotation, parent: node }));
    if (node?.kind === 'letter') return this.labelNodes(node.letter, node);
    if (this.currentScope === 'active') {
      const letter = this.activeLetter();
      this.setMessage(
        !this.activeDocument
          ? undefined
          : !letter
            ? vscode.l10n.t('This letter is not being annotated: run IMR: Start Annotating This Letter.')
            : letter.set.textBound.length === 0
              ? vscode.l10n.t('No annotations yet: select text and run IMR: Annotate Selection... (Alt+A).')
              : undefined,
      );
      return letter ? this.labelNodes(letter) : [];
    }
    const letters = await this.workspaceLetters();
    this.setMessage(letters.length === 0 ? vscode.l10n.t('No annotated letters (.ann files) in this workspace.') : undefined);
    return letters.map((letter) => ({ kind: 'letter', letter }));
  }

  getParent(node: AnnotationsNode): AnnotationsNode | undefined {
    return node.kind === 'letter' ? undefined : node.parent;
  }

  getTreeItem(node: AnnotationsNode): vscode.TreeItem {
    if (node.kind === 'letter') {
      const item = new vscode.TreeItem(node.letter.annFile, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `letter ${node.letter.annFile.toString()}`;
      item.description = annotationCount(node.letter.set.textBound.length);
      return item;
    }
    if (node.kind === 'label') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `label ${node.letter.annFile.toString()} ${node.label}`;
      item.description = String(node.annotations.length);
      item.iconPath = swatch(this.annotations.colorOf(node.label));
      item.tooltip = this.annotations.schema.labels.find((l) => l.name === node.label)?.description || node.label;
      return item;
    }
    const { annotation, letter } = node;
    const range = spanRange(annotation);
    const { line } = positionOf(letter.lines, range.start);
    const item = new vscode.TreeItem(annotation.text.replace(/\s+/g, ' ') || annotation.id, vscode.TreeItemCollapsibleState.None);
    item.id = `span ${letter.annFile.toString()} ${annotation.id}`;
    item.description = `${annotation.id} · ${lineLabel(line)}`;
    item.command = { command: 'imr.revealAnnotation', title: vscode.l10n.t('Reveal Annotation'), arguments: [letter.uri, range.start, range.end] };
    return item;
  }

  private labelNodes(letter: LetterSource, parent?: LetterNode): LabelNode[] {
    const order = this.annotations.schema.labels.map((l) => l.name);
    return byLabel(letter.set.textBound, order).map(({ label, annotations }) => (parent ? { kind: 'label', letter, label, annotations, parent } : { kind: 'label', letter, label, annotations }));
  }

  private activeLetter(): LetterSource | undefined {
    const document = this.activeDocument;
    const annotated = document && !document.isClosed ? this.annotations.of(document) : undefined;
    if (!annotated) return undefined;
    const text = document!.getText();
    return { uri: document!.uri, annFile: annotated.file, text, set: annotated.set, lines: lineStartsOf(text) };
  }

  /** Every `.ann` of the workspace with its letter: an open letter as it is now, any other from disk. */
  private async workspaceLetters(): Promise<LetterSource[]> {
    const files = await vscode.workspace.findFiles('**/*.ann', '**/node_modules/**');
    const open = new Map(this.annotations.all().map((letter) => [letter.file.toString(), letter]));
    const found: LetterSource[] = [];
    for (const annFile of files.sort((a, b) => a.toString().localeCompare(b.toString()))) {
      const letter = open.get(annFile.toString());
      if (letter) {
        const text = letter.document.getText();
        found.push({ uri: letter.document.uri, annFile, text, set: letter.set, lines: lineStartsOf(text) });
        continue;
      }
      const read = await this.readClosed(annFile);
      if (read) found.push(read);
    }
    return found;
  }

  private async readClosed(annFile: vscode.Uri): Promise<LetterSource | undefined> {
    const annText = await readTextIfExists(annFile).catch(() => undefined);
    if (annText === undefined) return undefined;
    const stem = annFile.path.slice(0, -'.ann'.length);
    for (const extension of LETTER_EXTENSIONS) {
      const file = annFile.with({ path: `${stem}${extension}` });
      let text: string | undefined;
      if (extension === '.pdf') {
        const read = await this.letters.pdfs.read(file).catch(() => undefined);
        text = read && 'text' in read ? read.text : undefined;
      } else {
        const bytes = await Promise.resolve(vscode.workspace.fs.readFile(file)).catch(() => undefined);
        const decoded = bytes && decodeText(bytes, { invalidUtf8: 'replace' });
        text = decoded && 'text' in decoded ? decoded.text : undefined;
      }
      if (text !== undefined) return { uri: extension === '.pdf' ? pdfTextUri(file) : file, annFile, text, set: readStandoff(annText, text), lines: lineStartsOf(text) };
    }
    return undefined;
  }

  /** Disposables that live as long as the view (the view itself, its commands). */
  own(...disposables: vscode.Disposable[]): void {
    this.disposables.push(...disposables);
  }

  private setMessage(message: string | undefined): void {
    if (this.view) this.view.message = message;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

export function register(annotations: LetterAnnotations, letters: Letters): AnnotationsTree {
  const tree = new AnnotationsTree(annotations, letters);
  const view = vscode.window.createTreeView(ANNOTATIONS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(view);
  void vscode.commands.executeCommand('setContext', 'imr.annotations.scope', tree.scope);
  tree.own(
    view,
    vscode.commands.registerCommand('imr.annotations.showWorkspace', () => tree.setScope('workspace')),
    vscode.commands.registerCommand('imr.annotations.showActiveLetter', () => tree.setScope('active')),
    vscode.commands.registerCommand('imr.annotations.refresh', () => tree.refresh()),
  );
  return tree;
}
