/**
 * The Problems panel: the rules' diagnostics of every open letter, from the shared analysis, as the
 * user types (debounced) or when the file is opened and saved (`imr.run`), and the workspace
 * check's results for letter files nobody has open.
 *
 * What a file shows: the live result while it is open as an `imr` document; otherwise the
 * workspace check's result if that check read it; otherwise nothing.
 */

import * as vscode from 'vscode';
import { type Analysis, type Diagnostic as LetterDiagnostic, lineStartsOf, lostLineBreaksNote, positionOf, ruleDocsUrl, type Severity } from '../core';
import type { Letters } from './letters';
import { LOW_OCR_CONFIDENCE_CODE, lowConfidenceDiagnostics, ocrPagesOf } from './ocrNotes';
import { rangeIn } from './ranges';

/** How long typing must pause before a letter is checked again. */
export const DEBOUNCE_MS = 300;

/** `source` of every diagnostic this extension publishes. */
export const DIAGNOSTIC_SOURCE = 'imr';

/**
 * `code` of the note on a text that is one long line in which nothing of a letter was found (its line
 * breaks lost?): not a rule's problem, so no rule's documentation, no fix and no setting turns it off.
 */
export const LOST_LINE_BREAKS_CODE = 'lost-line-breaks';

/** Copies of a file that other views open (an SCM diff's old side): their problems would be duplicates. */
const UNCHECKED_SCHEMES: ReadonlySet<string> = new Set(['git', 'output']);

const SEVERITIES: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A core diagnostic as VS Code's, at `range`, its code linking to the rule's documentation. */
export function toVscodeDiagnostic(diagnostic: LetterDiagnostic, range: vscode.Range): vscode.Diagnostic {
  const result = new vscode.Diagnostic(range, diagnostic.message, SEVERITIES[diagnostic.severity]);
  result.source = DIAGNOSTIC_SOURCE;
  result.code = { value: diagnostic.code, target: vscode.Uri.parse(ruleDocsUrl({ code: diagnostic.code, name: diagnostic.rule })) };
  return result;
}

/** The rule code (`IMR002`) of a diagnostic this extension published; undefined for anyone else's and for the note. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = diagnostic.code;
  if (code === undefined || code === LOST_LINE_BREAKS_CODE || code === LOW_OCR_CONFIDENCE_CODE) return undefined;
  return String(typeof code === 'object' ? code.value : code);
}

/**
 * Why nothing was found in a letter that is one long line, as an Information diagnostic at the start
 * of the first line, in the core's words (the CLI prints the same note); undefined for any other letter.
 */
export function lostLineBreaksDiagnostic(analysis: Analysis): vscode.Diagnostic | undefined {
  const note = lostLineBreaksNote(analysis.letter);
  if (note === undefined) return undefined;
  const result = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), note, vscode.DiagnosticSeverity.Information);
  result.source = DIAGNOSTIC_SOURCE;
  result.code = LOST_LINE_BREAKS_CODE;
  return result;
}

interface Pending {
  readonly timer: ReturnType<typeof setTimeout>;
  readonly source: vscode.CancellationTokenSource;
}

/** Owns the `imr` diagnostic collection: live results of open letters and the workspace check's. */
export class LetterDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('imr');
  /** Files whose entry is the live result of an open `imr` document. */
  private readonly live = new Set<string>();
  /** Files the workspace check read; their entry is its result whenever they are not live. */
  private readonly checked = new Map<string, vscode.Uri>();
  private readonly pending = new Map<string, Pending>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly letters: Letters) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.opened(document)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0 || !this.isShown(event.document)) return;
        if (this.letters.settings.run === 'onType') this.schedule(event.document);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (this.isShown(document) && this.letters.settings.run === 'onSave') this.refresh(document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.closed(document.uri)),
      this.letters.onDidChangeSettings(() => this.refreshAll()),
    );
    this.refreshAll();
  }

  /** Is this file's entry the live result of an open letter? */
  isLive(uri: vscode.Uri): boolean {
    return this.live.has(uri.toString());
  }

  /** Has the workspace check read this file (and not forgotten it since)? */
  isChecked(uri: vscode.Uri): boolean {
    return this.checked.has(uri.toString());
  }

  /** The files the workspace check read. */
  checkedFiles(): vscode.Uri[] {
    return [...this.checked.values()];
  }

  /**
   * The workspace check's result for a file, from the text it read; shown unless the file is open
   * as a letter (its live result stands). Without `text`, the file is only remembered as checked:
   * it was open, and its live result is what counts.
   */
  setChecked(uri: vscode.Uri, result?: { readonly text: string; readonly diagnostics: readonly LetterDiagnostic[] }): void {
    const key = uri.toString();
    this.checked.set(key, uri);
    if (!result || this.live.has(key)) return;
    const lines = lineStartsOf(result.text);
    const position = (offset: number): vscode.Position => {
      const { line, character } = positionOf(lines, offset);
      return new vscode.Position(line, character);
    };
    this.collection.set(uri, result.diagnostics.map((d) => toVscodeDiagnostic(d, new vscode.Range(position(d.range.start), position(d.range.end)))));
  }

  /** Forget the workspace check's result for a file (deleted, or no longer a letter). */
  forgetChecked(uri: vscode.Uri): void {
    const key = uri.toString();
    if (!this.checked.delete(key)) return;
    if (!this.live.has(key)) this.collection.delete(uri);
  }

  /** Checks every open letter again, now (settings changed, or activation). */
  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.opened(document);
  }

  /** Is this document a letter whose problems are shown? */
  private isShown(document: vscode.TextDocument): boolean {
    return this.letters.isLetter(document) && !UNCHECKED_SCHEMES.has(document.uri.scheme);
  }

  private opened(document: vscode.TextDocument): void {
    if (this.isShown(document)) this.refresh(document);
  }

  private closed(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cancelPending(key);
    // Also on a language change: VS Code closes the document and reopens it in the new language.
    if (!this.live.delete(key)) return;
    // A file the workspace check read keeps this result until the check reads it again from disk.
    if (!this.checked.has(key)) this.collection.delete(uri);
  }

  /** Publishes the document's current analysis now. */
  private refresh(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.cancelPending(key);
    const version = document.version;
    const analysis = this.letters.analysis(document);
    if (document.isClosed || document.version !== version) return;
    this.live.add(key);
    // No analysis: too large to analyse (a notice says so when it is shown); show nothing rather than old problems.
    this.publish(document, analysis);
  }

  /** Publishes the document's analysis once typing pauses, unless a newer change comes first. */
  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.cancelPending(key);
    const version = document.version;
    const source = new vscode.CancellationTokenSource();
    const timer = setTimeout(() => {
      if (this.pending.get(key)?.source === source) this.pending.delete(key);
      const token = source.token;
      if (token.isCancellationRequested || document.isClosed || document.version !== version) return;
      const analysis = this.letters.analysis(document, token);
      // Never publish a result for a version the user has already typed past.
      const current = !token.isCancellationRequested && !document.isClosed && document.version === version && this.isShown(document);
      source.dispose();
      if (!current) return;
      this.live.add(key);
      this.publish(document, analysis);
    }, DEBOUNCE_MS);
    this.pending.set(key, { timer, source });
  }

  private publish(document: vscode.TextDocument, analysis: Analysis | undefined): void {
    if (!analysis) {
      this.collection.set(document.uri, []);
      return;
    }
    const shown = analysis.diagnostics.map((d) => toVscodeDiagnostic(d, rangeIn(document, d.range)));
    const note = lostLineBreaksDiagnostic(analysis);
    if (note) shown.push(note);
    // A scanned PDF's pages that OCR read with little confidence.
    const ocrPages = ocrPagesOf(this.letters, document);
    if (ocrPages) shown.push(...lowConfidenceDiagnostics(document, ocrPages, this.letters.settings.ocr.minConfidence));
    this.collection.set(document.uri, shown);
  }

  private cancelPending(key: string): void {
    const pending = this.pending.get(key);
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.source.cancel();
    pending.source.dispose();
    this.pending.delete(key);
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancelPending(key);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** Starts publishing diagnostics; the returned object is also what the workspace check writes to. */
export function register(letters: Letters): LetterDiagnostics {
  return new LetterDiagnostics(letters);
}
