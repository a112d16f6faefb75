// Moving through a letter: the next/previous disputed item (its name selected), a quick pick of the
// items, the next/previous flagged gap (the core's diagnostics), and `imr.revealItem` for the items
// view. Wrapping around the end says so in the status bar. Which item or gap comes next is the
// core's `stepTo`; this file moves the cursor.
import * as vscode from 'vscode';
import { itemIndexAt, itemSummaries, type Outcome, type Range, stepTo } from '../core';
import { itemLabel, lineLabel, outcomeLabel } from './labels';
import type { Letters } from './letters';

/** How long a "wrapped around" notice stays in the status bar. */
const NOTICE_MS = 4000;

/** One entry of the Go to Disputed Item quick pick. */
export interface ItemPick extends vscode.QuickPickItem {
  readonly index: number;
  /** The item's name, as offsets into the document. */
  readonly range: Range;
}

export function outcomeIcon(outcome: Outcome | null): vscode.ThemeIcon {
  if (outcome === 'upheld') return new vscode.ThemeIcon('pass');
  if (outcome === 'overturned') return new vscode.ThemeIcon('discard');
  return new vscode.ThemeIcon('warning');
}

/** The items of a letter as the quick pick lists them, in text order; empty for a non-letter. */
export function goToItemPicks(letters: Letters, document: vscode.TextDocument): ItemPick[] {
  const analysis = letters.analysis(document);
  if (!analysis) return [];
  return itemSummaries(analysis.letter).map((item) => ({
    label: itemLabel(item.name),
    description: `${outcomeLabel(item.outcome)} · ${lineLabel(item.line)}`,
    iconPath: outcomeIcon(item.outcome),
    index: item.index,
    range: item.nameRange,
  }));
}

/** Selects `range` (anchor at its start) and scrolls it into view. */
export function selectAndReveal(editor: vscode.TextEditor, range: Range): void {
  const start = editor.document.positionAt(range.start);
  const end = editor.document.positionAt(range.end);
  editor.selection = new vscode.Selection(start, end);
  editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * The letter the commands work on: the active editor's; or, when the focus is not in a text editor
 * (a button of the Get Started walkthrough was clicked), the one letter visible beside it, focused.
 */
async function activeLetterEditor(letters: Letters): Promise<vscode.TextEditor | undefined> {
  const active = vscode.window.activeTextEditor;
  if (active && letters.isLetter(active.document)) return active;
  const visible = active ? [] : vscode.window.visibleTextEditors.filter((editor) => letters.isLetter(editor.document));
  if (visible.length === 1) return vscode.window.showTextDocument(visible[0]!.document, { viewColumn: visible[0]!.viewColumn, selection: visible[0]!.selection });
  void vscode.window.showInformationMessage(vscode.l10n.t('Open an IMR letter first.'));
  return undefined;
}

function notice(message: string): void {
  vscode.window.setStatusBarMessage(message, NOTICE_MS);
}

async function stepItem(letters: Letters, direction: 'next' | 'previous'): Promise<void> {
  const editor = await activeLetterEditor(letters);
  if (!editor) return;
  const analysis = letters.analysis(editor.document);
  const items = analysis ? itemSummaries(analysis.letter) : [];
  const step = stepTo(
    items.map((item) => item.nameRange.start),
    editor.document.offsetAt(editor.selection.start),
    direction,
  );
  if (!step) {
    notice(vscode.l10n.t('$(info) No disputed items in this letter.'));
    return;
  }
  selectAndReveal(editor, items[step.index]!.nameRange);
  if (step.wrapped) {
    notice(direction === 'next' ? vscode.l10n.t('$(debug-restart) Wrapped around to the first item.') : vscode.l10n.t('$(debug-restart) Wrapped around to the last item.'));
  }
}

/** The gap last moved to, so that gaps sharing a start offset are visited one by one. */
let lastGap: { uri: string; version: number; offset: number; index: number } | undefined;

async function stepGap(letters: Letters, direction: 'next' | 'previous'): Promise<void> {
  const editor = await activeLetterEditor(letters);
  if (!editor) return;
  const { document } = editor;
  const diagnostics = letters.analysis(document)?.diagnostics ?? [];
  const from = document.offsetAt(editor.selection.start);
  let step = stepTo(
    diagnostics.map((diagnostic) => diagnostic.range.start),
    from,
    direction,
  );
  const last = lastGap;
  if (last && last.uri === document.uri.toString() && last.version === document.version && last.offset === from && last.index < diagnostics.length) {
    const index = last.index + (direction === 'next' ? 1 : -1);
    step = { index: (index + diagnostics.length) % diagnostics.length, wrapped: index < 0 || index >= diagnostics.length };
  }
  if (!step) {
    notice(vscode.l10n.t('$(check) No gaps flagged in this letter.'));
    return;
  }
  const diagnostic = diagnostics[step.index]!;
  // The cursor goes to the gap's start; a gap that spans lines is scrolled into view, not selected.
  const start = document.positionAt(diagnostic.range.start);
  const end = document.positionAt(diagnostic.range.end);
  editor.selection = start.line === end.line ? new vscode.Selection(start, end) : new vscode.Selection(start, start);
  editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  lastGap = { uri: document.uri.toString(), version: document.version, offset: diagnostic.range.start, index: step.index };
  notice(
    step.wrapped
      ? vscode.l10n.t('{0} ({1} of {2}, wrapped around): {3}', diagnostic.code, step.index + 1, diagnostics.length, diagnostic.message)
      : vscode.l10n.t('{0} ({1} of {2}): {3}', diagnostic.code, step.index + 1, diagnostics.length, diagnostic.message),
  );
}

async function goToItem(letters: Letters): Promise<void> {
  const editor = await activeLetterEditor(letters);
  if (!editor) return;
  const picks = goToItemPicks(letters, editor.document);
  if (picks.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This letter has no disputed items.'));
    return;
  }
  const analysis = letters.analysis(editor.document);
  const current = analysis ? itemIndexAt(analysis.letter, editor.document.offsetAt(editor.selection.active)) : undefined;
  const originalSelection = editor.selection;
  const originalView = editor.visibleRanges[0];

  const quickPick = vscode.window.createQuickPick<ItemPick>();
  quickPick.items = picks;
  quickPick.placeholder = vscode.l10n.t('Go to a disputed item');
  quickPick.matchOnDescription = true;
  const currentPick = picks.find((pick) => pick.index === current);
  if (currentPick) quickPick.activeItems = [currentPick];

  let accepted = false;
  await new Promise<void>((resolve) => {
    quickPick.onDidChangeActive((active) => {
      // Preview the item under the highlight, as Go to Symbol does.
      const pick = active[0];
      if (pick) editor.revealRange(new vscode.Range(editor.document.positionAt(pick.range.start), editor.document.positionAt(pick.range.end)), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    });
    quickPick.onDidAccept(() => {
      const pick = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
      if (pick) {
        accepted = true;
        selectAndReveal(editor, pick.range);
      }
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve();
    });
    quickPick.show();
  });
  if (!accepted) {
    editor.selection = originalSelection;
    if (originalView) editor.revealRange(originalView, vscode.TextEditorRevealType.AtTop);
  }
}

/**
 * `imr.showOutline`: the Outline view of the letter (the walkthrough's button; from there the
 * letter beside the walkthrough becomes the active editor first, or the outline would be empty).
 */
async function showOutline(letters: Letters): Promise<void> {
  if (!(await activeLetterEditor(letters))) return;
  await vscode.commands.executeCommand('outline.focus');
}

/**
 * Opens `uri` and selects the name of the item at `offset` (an item's name start, as the items
 * view passes it). The item is looked up again in the live text, so a letter edited since the view
 * was built still lands on its item; failing that, the cursor goes to `offset`.
 */
async function revealItem(letters: Letters, uri: vscode.Uri | string, offset: number): Promise<void> {
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
  const document = await vscode.workspace.openTextDocument(target);
  const editor = await vscode.window.showTextDocument(document);
  const text = editor.document.getText();
  // A `.txt` letter may not be switched to `imr` yet; analyse its text all the same.
  const analysis = letters.analysis(editor.document) ?? (text.length <= letters.settings.maxFileSize ? letters.analyzeText(text) : undefined);
  const items = analysis ? analysis.letter.items : [];
  const item = items.find((candidate) => candidate.name.start === offset) ?? items.find((candidate) => candidate.range.start <= offset && offset < candidate.range.end);
  const at = Math.max(0, Math.min(offset, text.length));
  selectAndReveal(editor, item ? item.name : { start: at, end: at });
}

export function register(letters: Letters): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('imr.nextItem', () => stepItem(letters, 'next')),
    vscode.commands.registerCommand('imr.previousItem', () => stepItem(letters, 'previous')),
    vscode.commands.registerCommand('imr.goToItem', () => goToItem(letters)),
    vscode.commands.registerCommand('imr.nextGap', () => stepGap(letters, 'next')),
    vscode.commands.registerCommand('imr.previousGap', () => stepGap(letters, 'previous')),
    vscode.commands.registerCommand('imr.showOutline', () => showOutline(letters)),
    vscode.commands.registerCommand('imr.revealItem', (uri: vscode.Uri | string, offset: number) => revealItem(letters, uri, Number(offset) || 0)),
  );
}
