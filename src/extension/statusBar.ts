// The status bar entry for the active letter: "$(law) 3 items · 2 upheld · 1 overturned · 1 gap"
// (a packet first says how many letters it holds),
// with details in its tooltip; a click opens Go to Disputed Item. Shown only while an `imr` editor
// is active, updated as the letter is edited (debounced). The counts are the core's.
import * as vscode from 'vscode';
import { letterCounts, lettersOf, lostLineBreaksNote } from '../core';
import { gapCount, itemCount, itemLabel, letterCount, markdownText, outcomeLabel, packetLetterLabel } from './labels';
import type { Letters } from './letters';
import { confidenceList, ocrPagesOf } from './ocrNotes';

/** Edits settle for this long before the counts are taken again. */
const UPDATE_DELAY_MS = 250;
/** Items (and a packet's letters) listed by name in the tooltip at most. */
const TOOLTIP_ITEMS = 12;

export class LetterStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('imr.letter', vscode.StatusBarAlignment.Left, 100);
  private shown = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners: vscode.Disposable;

  constructor(private readonly letters: Letters) {
    this.item.name = vscode.l10n.t('IMR Letter');
    this.item.command = { command: 'imr.goToItem', title: vscode.l10n.t('Go to Disputed Item...') };
    this.listeners = vscode.Disposable.from(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document && event.contentChanges.length > 0) this.schedule();
      }),
      // A document switched to or from `imr` arrives as a close and an open.
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (document === vscode.window.activeTextEditor?.document) this.update();
      }),
      letters.onDidChangeSettings(() => this.update()),
    );
    this.update();
  }

  /** What the entry shows, `''` when hidden. */
  get text(): string {
    return this.shown ? this.item.text : '';
  }

  get visible(): boolean {
    return this.shown;
  }

  get tooltip(): string {
    const tooltip = this.item.tooltip;
    return !this.shown || tooltip === undefined ? '' : typeof tooltip === 'string' ? tooltip : tooltip.value;
  }

  /** Update after edits have settled. */
  schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, UPDATE_DELAY_MS);
  }

  /** Show the active editor's letter now, or hide. */
  update(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.letters.isLetter(editor.document)) {
      this.hide();
      return;
    }
    const analysis = this.letters.analysis(editor.document);
    if (!analysis) {
      this.item.text = `$(law) ${vscode.l10n.t('not analysed')}`;
      this.item.tooltip = vscode.l10n.t('This letter is larger than imr.maxFileSize and is not analysed.');
      this.show();
      return;
    }
    const counts = letterCounts(analysis);
    const counted = vscode.l10n.t('{0} · {1} upheld · {2} overturned · {3}', itemCount(counts.items), counts.upheld, counts.overturned, gapCount(counts.gaps));
    // A packet says how many letters it holds first: "3 letters · 12 items · ...".
    const letters = lettersOf(analysis);
    this.item.text = `$(law) ${letters.length > 1 ? `${letterCount(letters.length)} · ${counted}` : counted}`;
    const ocrPages = ocrPagesOf(this.letters, editor.document);
    if (ocrPages) this.item.text += ` · ${vscode.l10n.t('OCR')}`;

    const tooltip = new vscode.MarkdownString('', true);
    tooltip.appendMarkdown(`**${letters.length > 1 ? vscode.l10n.t('{0} IMR determination letters', letters.length) : vscode.l10n.t('IMR determination letter')}**\n\n`);
    // A scanned PDF: its text is what OCR read, page by page with the engine's confidence.
    if (ocrPages) tooltip.appendMarkdown(`${markdownText(vscode.l10n.t('Text read by OCR from a scanned PDF, confidence: {0}.', confidenceList(ocrPages)))}\n\n`);
    if (letters.length > 1) {
      for (const [index, one] of letters.slice(0, TOOLTIP_ITEMS).entries()) {
        const caseNumber = one.letter.header.find((field) => field.name === 'caseNumber')?.value.text ?? '';
        tooltip.appendMarkdown(`- ${markdownText(`${packetLetterLabel(caseNumber, index)}: ${itemCount(one.letter.items.length)}`)}\n`);
      }
      if (letters.length > TOOLTIP_ITEMS) tooltip.appendMarkdown(`- ${vscode.l10n.t('and {0} more', letters.length - TOOLTIP_ITEMS)}\n`);
      tooltip.appendMarkdown('\n');
    }
    // Why a text of one long line shows nothing, in the core's words (also a note in the Problems panel).
    const note = lostLineBreaksNote(analysis.letter);
    if (note !== undefined) tooltip.appendMarkdown(`${markdownText(note)}\n\n`);
    tooltip.appendMarkdown(`- ${vscode.l10n.t('{0}: {1} upheld (denial stands), {2} overturned, {3} without a decision', itemCount(counts.items), counts.upheld, counts.overturned, counts.missing)}\n`);
    const severities = { error: 0, warning: 0, info: 0 };
    for (const diagnostic of analysis.diagnostics) severities[diagnostic.severity]++;
    tooltip.appendMarkdown(`- ${vscode.l10n.t('{0} flagged: {1} errors, {2} warnings, {3} notes', gapCount(counts.gaps), severities.error, severities.warning, severities.info)}\n\n`);
    for (const item of analysis.letter.items.slice(0, TOOLTIP_ITEMS)) {
      tooltip.appendMarkdown(`- ${markdownText(`${itemLabel(item.name.text)}: ${outcomeLabel(item.outcome)}`)}\n`);
    }
    if (analysis.letter.items.length > TOOLTIP_ITEMS) tooltip.appendMarkdown(`- ${vscode.l10n.t('and {0} more', analysis.letter.items.length - TOOLTIP_ITEMS)}\n`);
    tooltip.appendMarkdown(`\n${vscode.l10n.t('Click to go to an item.')}`);
    this.item.tooltip = tooltip;
    this.show();
  }

  private show(): void {
    this.shown = true;
    this.item.show();
  }

  private hide(): void {
    this.shown = false;
    this.item.hide();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.listeners.dispose();
    this.item.dispose();
  }
}

export function register(letters: Letters): LetterStatus {
  return new LetterStatus(letters);
}
