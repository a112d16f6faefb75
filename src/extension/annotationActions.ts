// The quick-fix menu of a letter being annotated: on a suggestion, "Add 'Norco' as Drug" and
// "Dismiss", with "Accept all suggestions in this item / letter"; on a span whose text was edited,
// keep it on the new text or remove it; on any kept span under the cursor, change its label, note
// it, set an attribute or remove it; on a selection, annotate it. Each action runs an annotation
// command with its arguments, so the change goes through LetterAnnotations like any other.
import * as vscode from 'vscode';
import { annotationsAt, attributesFor, itemIndexAt, type Suggestion } from '../core';
import type { LetterAnnotations } from './annotations';
import { type AnnotationDiagnostics, quoted, suggestionTitle } from './annotationDiagnostics';
import { spanName } from './annotationCommands';
import { LANGUAGE_ID } from './letters';

function action(title: string, command: string, args: unknown, diagnostics?: vscode.Diagnostic[]): vscode.CodeAction {
  const result = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  result.command = { command, title, arguments: [args] };
  if (diagnostics) result.diagnostics = diagnostics;
  return result;
}

export class AnnotationActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly annotations: LetterAnnotations,
    private readonly reviewer: AnnotationDiagnostics,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] | undefined {
    const letter = this.annotations.of(document);
    if (!letter) return undefined;
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return undefined;
    const uri = document.uri.toString();
    const actions: vscode.CodeAction[] = [];
    const suggested: Suggestion[] = [];
    for (const diagnostic of context.diagnostics) {
      const suggestion = this.reviewer.suggestionFor(document, diagnostic);
      if (suggestion) {
        suggested.push(suggestion);
        const accept = action(suggestionTitle(suggestion), 'imr.acceptSuggestion', { uri, key: suggestion.key }, [diagnostic]);
        accept.isPreferred = true;
        actions.push(accept, action(vscode.l10n.t('Dismiss the suggestion {0}', quoted(suggestion.text)), 'imr.dismissSuggestion', { uri, key: suggestion.key }, [diagnostic]));
        continue;
      }
      const changed = this.reviewer.changedSpanFor(document, diagnostic);
      if (changed) {
        const args = { uri, id: changed.id };
        actions.push(
          action(vscode.l10n.t('Keep {0} on the new text', `${changed.id} (${changed.label})`), 'imr.confirmAnnotationText', args, [diagnostic]),
          action(vscode.l10n.t('Remove {0}', spanName(changed)), 'imr.removeAnnotation', args, [diagnostic]),
        );
      }
    }
    if (suggested.length > 0) {
      const item = this.itemOf(document, range.start);
      const inItem = item && this.reviewer.suggestionsOf(document).filter((s) => s.fragments.every((f) => f.start >= item.start && f.end <= item.end));
      if (inItem && inItem.length > 1) actions.push(action(vscode.l10n.t('Accept all {0} suggestions in this item', inItem.length), 'imr.acceptSuggestionsInItem', { uri, offset: document.offsetAt(range.start) }));
      const all = this.reviewer.suggestionsOf(document).length;
      if (all > 1) actions.push(action(vscode.l10n.t('Accept all {0} suggestions in this letter', all), 'imr.acceptSuggestionsInLetter', { uri }));
    }
    // The kept spans under the cursor or selection: what can be done to each.
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    for (const annotation of annotationsAt(letter.set, start, end)) {
      const args = { uri, id: annotation.id };
      const name = spanName(annotation);
      actions.push(action(vscode.l10n.t('Change the label of {0}...', name), 'imr.relabelAnnotation', args));
      actions.push(action(vscode.l10n.t('Add a note to {0}...', name), 'imr.noteAnnotation', args));
      if (attributesFor(annotation.label, this.annotations.schema).length > 0) actions.push(action(vscode.l10n.t('Set an attribute of {0}...', name), 'imr.setAnnotationAttribute', args));
      actions.push(action(vscode.l10n.t('Remove the annotation {0}', name), 'imr.removeAnnotation', args));
    }
    if (!range.isEmpty) actions.push(action(vscode.l10n.t('Annotate the selection...'), 'imr.annotateSelection', undefined));
    return actions;
  }

  /** The disputed item around a position, as offsets. */
  private itemOf(document: vscode.TextDocument, position: vscode.Position): { start: number; end: number } | undefined {
    const letter = this.annotations.letters.analysis(document)?.letter;
    if (!letter) return undefined;
    const index = itemIndexAt(letter, document.offsetAt(position));
    return index === undefined ? undefined : letter.items[index]!.range;
  }
}

export function register(annotations: LetterAnnotations, reviewer: AnnotationDiagnostics): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ language: LANGUAGE_ID }, new AnnotationActions(annotations, reviewer), AnnotationActions.metadata);
}
