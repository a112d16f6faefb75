/**
 * Quick fixes for the rules' diagnostics, "fix all of a kind", and `source.fixAll.imr` (every safe
 * fix at once, e.g. on save). The fixes and their edits come from the core; this only turns them
 * into workspace edits, with tab stops where the core offers a snippet.
 */

import * as vscode from 'vscode';
import { type Analysis, type Diagnostic as LetterDiagnostic, plainEdits, preferredFixes, safeFixes, type TextEdit } from '../core';
import { codeOf } from './diagnostics';
import { rangeIn } from './ranges';
import { LANGUAGE_ID, type Letters } from './letters';
import { PDF_SCHEME } from './pdfLetters';

/** `source.fixAll.imr`: what `editor.codeActionsOnSave` and "Fix All" ask for. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('imr');

/** The core's edits as a workspace edit; edits that carry a snippet get tab stops when `snippets`. */
function workspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[], snippets: boolean): vscode.WorkspaceEdit {
  const result = new vscode.WorkspaceEdit();
  result.set(
    document.uri,
    edits.map((edit) => {
      const range = rangeIn(document, edit.range);
      return snippets && edit.snippet !== undefined ? new vscode.SnippetTextEdit(range, new vscode.SnippetString(edit.snippet)) : new vscode.TextEdit(range, edit.newText);
    }),
  );
  return result;
}

/** Does a request limited to `only` (all kinds when undefined) want actions of `kind`? */
function wants(only: vscode.CodeActionKind | undefined, kind: vscode.CodeActionKind, whenUnlimited: boolean): boolean {
  return only ? only.contains(kind) : whenUnlimited;
}

interface Match {
  readonly shown: vscode.Diagnostic;
  readonly found: LetterDiagnostic;
}

export class LetterCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly letters: Letters) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): vscode.CodeAction[] | undefined {
    const analysis = this.letters.analysis(document, token);
    if (!analysis || token.isCancellationRequested) return undefined;
    // A PDF letter's text is read-only: the way to fix it is to save it as a text letter first.
    if (document.uri.scheme === PDF_SCHEME) return this.saveToFix(document, context);
    const actions: vscode.CodeAction[] = [];
    if (wants(context.only, vscode.CodeActionKind.QuickFix, true)) actions.push(...this.quickFixes(document, analysis, context.diagnostics));
    // Source actions only when asked for (on save, "Fix All", the Source Action menu).
    if (wants(context.only, FIX_ALL_KIND, false)) {
      const fixAll = this.fixAll(document, analysis);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  /**
   * The diagnostics shown in the request's range, each paired with the core diagnostic of the
   * current analysis with the same code and range. One that no longer matches (shown for an older
   * version of the text) gets no fix: its edits would land in the wrong place.
   */
  private matches(document: vscode.TextDocument, analysis: Analysis, shown: readonly vscode.Diagnostic[]): Match[] {
    const result: Match[] = [];
    for (const diagnostic of shown) {
      const code = codeOf(diagnostic);
      if (!code) continue;
      const found = analysis.diagnostics.find((d) => d.code === code && rangeIn(document, d.range).isEqual(diagnostic.range));
      if (found) result.push({ shown: diagnostic, found });
    }
    return result;
  }

  private quickFixes(document: vscode.TextDocument, analysis: Analysis, shown: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
    const matches = this.matches(document, analysis, shown);
    const actions: vscode.CodeAction[] = [];
    for (const { shown: diagnostic, found } of matches) {
      for (const fix of found.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.isPreferred === true;
        action.edit = workspaceEdit(document, fix.edits, true);
        actions.push(action);
      }
    }
    // "Fix all IMR001 problems in this file": each one's preferred fix, when two or more have one.
    for (const code of new Set(matches.map((m) => m.found.code))) {
      const fixes = preferredFixes(analysis.diagnostics.filter((d) => d.code === code));
      if (fixes.length < 2) continue;
      const action = new vscode.CodeAction(vscode.l10n.t('Fix all {0} problems in this file', code), vscode.CodeActionKind.QuickFix);
      action.diagnostics = matches.filter((m) => m.found.code === code).map((m) => m.shown);
      action.edit = workspaceEdit(document, plainEdits(fixes), false);
      actions.push(action);
    }
    return actions;
  }

  private saveToFix(document: vscode.TextDocument, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const shown = context.diagnostics.filter((diagnostic) => codeOf(diagnostic) !== undefined);
    if (shown.length === 0 || !wants(context.only, vscode.CodeActionKind.QuickFix, true)) return [];
    const action = new vscode.CodeAction(vscode.l10n.t('Save as Text Letter to fix it (a PDF cannot be edited)'), vscode.CodeActionKind.QuickFix);
    action.diagnostics = shown;
    action.command = { command: 'imr.saveAsTextLetter', title: action.title, arguments: [{ source: document.uri.toString() }] };
    return [action];
  }

  /** Every safe fix of the letter at once; none when there is nothing safe to fix (so it is idempotent). */
  private fixAll(document: vscode.TextDocument, analysis: Analysis): vscode.CodeAction | undefined {
    const fixes = safeFixes(analysis.diagnostics);
    if (fixes.length === 0) return undefined;
    const action = new vscode.CodeAction(vscode.l10n.t('Fix all safely fixable IMR problems'), FIX_ALL_KIND);
    action.edit = workspaceEdit(document, plainEdits(fixes), false);
    return action;
  }
}

export function register(letters: Letters): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ language: LANGUAGE_ID }, new LetterCodeActions(letters), LetterCodeActions.metadata);
}
