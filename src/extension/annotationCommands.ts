// The annotator's commands: start annotating a letter, annotate the selection with a label (recent
// labels first), change a span's label, remove it, note it, set its attributes, move to the
// next/previous span, accept or dismiss the analyzer's suggestions (one, those of an item, or all).
// Each edit is one of the core's (addAnnotation, relabel, ...) applied through LetterAnnotations.
// Every command also takes its choices as an argument (from a hover link, a quick fix, a keybinding
// or a test), and asks for what is left out.
import * as vscode from 'vscode';
import {
  acceptSuggestion,
  addAnnotation,
  annotationsAt,
  attributesFor,
  attributesOf,
  confirmText,
  dismissSuggestion,
  itemIndexAt,
  noteOf,
  relabel,
  removeAnnotation,
  setAttribute,
  setNote,
  stepAnnotation,
  type Suggestion,
  type TextBoundAnnotation,
} from '../core';
import type { LetterAnnotations } from './annotations';
import { quoted, type AnnotationDiagnostics } from './annotationDiagnostics';
import { lineLabel } from './labels';
import { rangeIn } from './ranges';

/** How long a notice stays in the status bar. */
const NOTICE_MS = 4000;

/** What the commands that act on one span take: the letter and the span's id (else: the span at the cursor). */
export interface SpanArgs {
  readonly uri?: string;
  readonly id?: string;
}

function notice(message: string): void {
  vscode.window.setStatusBarMessage(message, NOTICE_MS);
}

/** The open document for a URI given as a string, or the active editor's. */
function documentOf(uri: string | undefined): vscode.TextDocument | undefined {
  if (uri === undefined) return vscode.window.activeTextEditor?.document;
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri);
}

/** The span's name in messages and picks: `'Norco' (Drug, T3)`. */
export function spanName(annotation: TextBoundAnnotation): string {
  return `${quoted(annotation.text)} (${annotation.label}, ${annotation.id})`;
}

export class AnnotationCommands {
  constructor(
    private readonly annotations: LetterAnnotations,
    private readonly reviewer: AnnotationDiagnostics,
  ) {}

  register(): vscode.Disposable[] {
    const command = (id: string, run: (...args: never[]) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, run);
    return [
      command('imr.startAnnotating', (args?: { uri?: string }) => this.start(args)),
      command('imr.annotateSelection', (args?: { label?: string }) => this.annotateSelection(args)),
      command('imr.relabelAnnotation', (args?: SpanArgs & { label?: string }) => this.relabel(args)),
      command('imr.removeAnnotation', (args?: SpanArgs) => this.remove(args)),
      command('imr.noteAnnotation', (args?: SpanArgs & { note?: string }) => this.note(args)),
      command('imr.setAnnotationAttribute', (args?: SpanArgs & { name?: string; value?: string | null }) => this.setAttribute(args)),
      command('imr.confirmAnnotationText', (args?: SpanArgs) => this.confirmText(args)),
      command('imr.nextAnnotation', () => this.step('next')),
      command('imr.previousAnnotation', () => this.step('previous')),
      command('imr.acceptSuggestion', (args?: { uri?: string; key?: string }) => this.suggestion(args, 'accept')),
      command('imr.dismissSuggestion', (args?: { uri?: string; key?: string }) => this.suggestion(args, 'dismiss')),
      command('imr.acceptSuggestionsInItem', (args?: { uri?: string; offset?: number }) => this.acceptAll(args, 'item')),
      command('imr.acceptSuggestionsInLetter', (args?: { uri?: string }) => this.acceptAll(args, 'letter')),
      command('imr.revealAnnotation', (uri: vscode.Uri, start: number, end: number) => this.reveal(uri, start, end)),
    ];
  }

  /** The letter a command works on: the argument's, or the active editor's, if it is a letter. */
  private letterDocument(uri: string | undefined): vscode.TextDocument | undefined {
    const document = documentOf(uri);
    if (document && this.annotations.letters.isLetter(document)) return document;
    void vscode.window.showInformationMessage(vscode.l10n.t('Open an IMR letter first.'));
    return undefined;
  }

  /** The letter's annotations, or a message that it is not being annotated yet (with a button to start). */
  private async annotated(document: vscode.TextDocument): Promise<boolean> {
    if (await this.annotations.ready(document)) return true;
    const start = vscode.l10n.t('Start Annotating');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('This letter is not being annotated yet (it has no .ann file).'), start);
    if (choice === start) await this.start({ uri: document.uri.toString() });
    return this.annotations.of(document) !== undefined;
  }

  async start(args?: { uri?: string }): Promise<boolean> {
    const document = this.letterDocument(args?.uri);
    if (!document) return false;
    try {
      const created = await this.annotations.start(document);
      const letter = this.annotations.of(document);
      const count = letter?.set.textBound.length ?? 0;
      notice(
        created
          ? vscode.l10n.t('$(tag) Annotating {0}: {1} annotations to start with.', vscode.workspace.asRelativePath(letter?.file ?? document.uri), count)
          : vscode.l10n.t('$(tag) This letter is already annotated ({0} annotations).', count),
      );
      return created;
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      return false;
    }
  }

  /** Labels each non-empty selection (one span each) with the label given or picked. */
  async annotateSelection(args?: { label?: string }): Promise<string[]> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.annotations.letters.isLetter(editor.document)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open an IMR letter first.'));
      return [];
    }
    const selections = editor.selections.filter((selection) => !selection.isEmpty);
    if (selections.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the text to annotate first.'));
      return [];
    }
    const { document } = editor;
    if (!(await this.annotated(document))) return [];
    const label = args?.label ?? (await this.pickLabel(vscode.l10n.t('Label for the selected text')));
    if (!label) return [];
    const ids: string[] = [];
    await this.annotations.update(document, (set, text) => {
      let next = set;
      for (const selection of selections) {
        const added = addAnnotation(next, text, label, [{ start: document.offsetAt(selection.start), end: document.offsetAt(selection.end) }]);
        if (!added) continue;
        next = added.set;
        ids.push(added.id);
      }
      return next;
    });
    await this.annotations.labelUsed(label);
    return ids;
  }

  /** The label quick pick: recent labels first, each with its description and colour's name. */
  async pickLabel(placeHolder: string, current?: string): Promise<string | undefined> {
    const definitions = new Map(this.annotations.schema.labels.map((l) => [l.name, l]));
    const picks = this.annotations.labelsToOffer().map((label) => ({
      label,
      description: label === current ? vscode.l10n.t('(current)') : undefined,
      detail: definitions.get(label)?.description || undefined,
    }));
    const chosen = await vscode.window.showQuickPick(picks, { placeHolder, matchOnDetail: true });
    return chosen?.label;
  }

  /** The span a command acts on: the given id, or the one under the cursor (asked for when several). */
  private async spanOf(args: SpanArgs | undefined, action: string): Promise<{ document: vscode.TextDocument; annotation: TextBoundAnnotation } | undefined> {
    const document = this.letterDocument(args?.uri);
    if (!document || !(await this.annotated(document))) return undefined;
    const set = this.annotations.of(document)!.set;
    if (args?.id !== undefined) {
      const annotation = set.textBound.find((a) => a.id === args.id);
      if (!annotation) void vscode.window.showInformationMessage(vscode.l10n.t('There is no annotation {0} in this letter any more.', args.id));
      return annotation && { document, annotation };
    }
    const editor = vscode.window.activeTextEditor;
    const selection = editor?.document === document ? editor.selection : undefined;
    const here = selection ? annotationsAt(set, document.offsetAt(selection.start), document.offsetAt(selection.end)) : [];
    if (here.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No annotation at the cursor.'));
      return undefined;
    }
    if (here.length === 1) return { document, annotation: here[0]! };
    const chosen = await vscode.window.showQuickPick(
      here.map((annotation) => ({ label: spanName(annotation), annotation })),
      { placeHolder: action },
    );
    return chosen && { document, annotation: chosen.annotation };
  }

  async relabel(args?: SpanArgs & { label?: string }): Promise<boolean> {
    const span = await this.spanOf(args, vscode.l10n.t('Which annotation gets another label?'));
    if (!span) return false;
    const label = args?.label ?? (await this.pickLabel(vscode.l10n.t('New label for {0}', spanName(span.annotation)), span.annotation.label));
    if (!label || label === span.annotation.label) return false;
    const changed = await this.annotations.update(span.document, (set) => relabel(set, span.annotation.id, label));
    if (changed) await this.annotations.labelUsed(label);
    return changed;
  }

  async remove(args?: SpanArgs): Promise<boolean> {
    const span = await this.spanOf(args, vscode.l10n.t('Which annotation is removed?'));
    if (!span) return false;
    return this.annotations.update(span.document, (set) => removeAnnotation(set, span.annotation.id));
  }

  async note(args?: SpanArgs & { note?: string }): Promise<boolean> {
    const span = await this.spanOf(args, vscode.l10n.t('Which annotation gets a note?'));
    if (!span) return false;
    const before = noteOf(this.annotations.of(span.document)!.set, span.annotation.id);
    const note =
      args?.note ??
      (await vscode.window.showInputBox({
        prompt: vscode.l10n.t('Note on {0} (empty removes it)', spanName(span.annotation)),
        value: before ?? '',
      }));
    if (note === undefined) return false;
    return this.annotations.update(span.document, (set) => setNote(set, span.annotation.id, note));
  }

  /** Sets (or with `value: null`, removes) an attribute: the outcome of a Request, or one of the user's. */
  async setAttribute(args?: SpanArgs & { name?: string; value?: string | null }): Promise<boolean> {
    const span = await this.spanOf(args, vscode.l10n.t('Which annotation gets an attribute?'));
    if (!span) return false;
    const { document, annotation } = span;
    const definitions = attributesFor(annotation.label, this.annotations.schema);
    const present = attributesOf(this.annotations.of(document)!.set, annotation.id);
    let name = args?.name;
    if (name === undefined) {
      if (definitions.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no attributes to set. Add your own with the setting imr.annotations.attributes.', annotation.label));
        return false;
      }
      const chosen = await vscode.window.showQuickPick(
        definitions.map((d) => ({ label: d.name, description: present.find((a) => a.name === d.name)?.value, detail: d.description || undefined })),
        { placeHolder: vscode.l10n.t('Attribute of {0}', spanName(annotation)) },
      );
      name = chosen?.label;
    }
    if (name === undefined) return false;
    let value: string | true | undefined;
    if (args && 'value' in args) value = args.value ?? undefined;
    else {
      const definition = definitions.find((d) => d.name === name);
      const remove = vscode.l10n.t('(remove)');
      const values = definition?.values ?? [vscode.l10n.t('(set)')];
      const chosen = await vscode.window.showQuickPick([...values, remove], { placeHolder: vscode.l10n.t('{0} of {1}', name, spanName(annotation)) });
      if (chosen === undefined) return false;
      value = chosen === remove ? undefined : definition?.values ? chosen : true;
    }
    const attribute = name;
    return this.annotations.update(document, (set) => setAttribute(set, annotation.id, attribute, value));
  }

  /** Accepts the letter's text under a changed span as its text. */
  async confirmText(args?: SpanArgs): Promise<boolean> {
    const span = await this.spanOf(args, vscode.l10n.t('Which annotation keeps the new text?'));
    if (!span) return false;
    return this.annotations.update(span.document, (set, text) => confirmText(set, span.annotation.id, text));
  }

  async step(direction: 'next' | 'previous'): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.annotations.letters.isLetter(editor.document)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open an IMR letter first.'));
      return;
    }
    const { document } = editor;
    const letter = await this.annotations.ready(document);
    const step = letter && stepAnnotation(letter.set, document.offsetAt(editor.selection.start), document.offsetAt(editor.selection.end), direction);
    if (!step) {
      notice(vscode.l10n.t('$(info) No annotations in this letter.'));
      return;
    }
    const first = step.annotation.fragments[0]!;
    const range = rangeIn(document, first);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    const where = `${spanName(step.annotation)} · ${lineLabel(range.start.line)}`;
    notice(step.wrapped ? vscode.l10n.t('$(debug-restart) Wrapped around: {0}', where) : `$(tag) ${where}`);
  }

  /** Accepts or dismisses one suggestion, by its key (from a quick fix). */
  async suggestion(args: { uri?: string; key?: string } | undefined, how: 'accept' | 'dismiss'): Promise<boolean> {
    const document = this.letterDocument(args?.uri);
    if (!document || !(await this.annotated(document))) return false;
    const found = this.reviewer.suggestionsOf(document).find((s) => s.key === args?.key);
    if (!found) {
      void vscode.window.showInformationMessage(vscode.l10n.t('That suggestion no longer applies.'));
      return false;
    }
    const changed = await this.annotations.update(document, (set, text) => (how === 'accept' ? acceptSuggestion(set, text, found) : dismissSuggestion(set, text, found)));
    if (changed && how === 'accept') await this.annotations.labelUsed(found.label);
    return changed;
  }

  /** Accepts every suggestion of the letter, or those inside the disputed item at the cursor (or `offset`). */
  async acceptAll(args: { uri?: string; offset?: number } | undefined, scope: 'item' | 'letter'): Promise<number> {
    const document = this.letterDocument(args?.uri);
    if (!document || !(await this.annotated(document))) return 0;
    let chosen: Suggestion[] = this.reviewer.suggestionsOf(document);
    if (scope === 'item') {
      const editor = vscode.window.activeTextEditor;
      const offset = args?.offset ?? (editor?.document === document ? document.offsetAt(editor.selection.active) : undefined);
      const letter = this.annotations.letters.analysis(document)?.letter;
      const index = letter && offset !== undefined ? itemIndexAt(letter, offset) : undefined;
      if (!letter || index === undefined) {
        void vscode.window.showInformationMessage(vscode.l10n.t('The cursor is not in a disputed item.'));
        return 0;
      }
      const { range } = letter.items[index]!;
      chosen = chosen.filter((s) => s.fragments.every((f) => f.start >= range.start && f.end <= range.end));
    }
    if (chosen.length === 0) {
      notice(vscode.l10n.t('$(check) No suggestions to accept.'));
      return 0;
    }
    await this.annotations.update(document, (set, text) => chosen.reduce((next, suggestion) => acceptSuggestion(next, text, suggestion), set));
    notice(vscode.l10n.t('$(check) Accepted {0} suggestions.', chosen.length));
    return chosen.length;
  }

  private async reveal(uri: vscode.Uri, start: number, end: number): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
    const range = rangeIn(document, { start, end });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

export function register(annotations: LetterAnnotations, reviewer: AnnotationDiagnostics): vscode.Disposable {
  const commands = new AnnotationCommands(annotations, reviewer);
  return vscode.Disposable.from(...commands.register());
}
