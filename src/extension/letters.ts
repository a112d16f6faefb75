/**
 * The one place the extension gets a letter's analysis from: the core's analyzer, configured from
 * the `imr.*` settings, cached per document version and shared by every provider.
 */

import * as vscode from 'vscode';
import { type Analysis, type AnalysisOptions, analysisOptionsFrom, analyzeText as analyzeLetterText, LetterAnalyzer, readSettings, type SettingProblem, type Settings } from '../core';
import { PdfLetters } from './pdfLetters';

export const LANGUAGE_ID = 'imr';

export class Letters implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('IMR Annotate');
  private readonly analyzer = new LetterAnalyzer();
  private readonly reportedProblems = new Set<string>();
  private readonly noticedTooLarge = new Set<string>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private current!: Settings;
  private options: AnalysisOptions = {};
  private problems: readonly SettingProblem[] = [];

  /** Fires when settings change in a way that changes every analysis. */
  readonly onDidChangeSettings = this.changeEmitter.event;

  /** The texts of PDF letters (pdf.js is loaded from the extension's own files on the first PDF). */
  readonly pdfs: PdfLetters;

  constructor(extensionUri: vscode.Uri, storageUri?: vscode.Uri) {
    this.pdfs = new PdfLetters(extensionUri, this.output, { ocrSettings: () => this.current.ocr, storageUri });
    this.loadSettings();
    this.disposables.push(
      this.output,
      this.pdfs,
      this.changeEmitter,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('imr')) return;
        this.loadSettings();
        this.changeEmitter.fire();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.analyzer.forget(document.uri)),
    );
  }

  get settings(): Settings {
    return this.current;
  }

  /** What was wrong with the settings when they were last read (each is reported to the user once). */
  get settingProblems(): readonly SettingProblem[] {
    return this.problems;
  }

  /** Every settings message shown to the user so far (each once), in the order shown. */
  get reportedSettingMessages(): readonly string[] {
    return [...this.reportedProblems];
  }

  /**
   * The analysis of a text that is not open in an editor (a file the workspace check read), with
   * the same settings as open letters. Not cached; the caller checks the size limit.
   */
  analyzeText(text: string): Analysis {
    return analyzeLetterText(text, this.options);
  }

  /** Is this document shown as an IMR letter? */
  isLetter(document: vscode.TextDocument): boolean {
    return document.languageId === LANGUAGE_ID;
  }

  /**
   * The analysis of the document's current version, or `undefined` when the document is not a
   * letter, is too large to analyse (a notice says so, once), or the token was cancelled.
   */
  analysis(document: vscode.TextDocument, token?: vscode.CancellationToken): Analysis | undefined {
    if (!this.isLetter(document)) return undefined;
    if (this.isTooLarge(document)) return undefined;
    return this.analyzer.analyze(document, token);
  }

  /**
   * True when the document exceeds `imr.maxFileSize`, with a one-time notice once it is shown in an
   * editor: VS Code keeps closed documents open for a while, and lowering the limit must not raise a
   * notice for each of those.
   */
  isTooLarge(document: vscode.TextDocument): boolean {
    const size = document.getText().length;
    if (size <= this.current.maxFileSize) return false;
    const key = document.uri.toString();
    const shown = vscode.window.visibleTextEditors.some((editor) => editor.document === document);
    if (shown && !this.noticedTooLarge.has(key)) {
      this.noticedTooLarge.add(key);
      const name = vscode.workspace.asRelativePath(document.uri);
      const message = vscode.l10n.t('IMR Annotate: {0} has {1} characters, more than imr.maxFileSize ({2}); it is not analysed.', name, size, this.current.maxFileSize);
      this.output.appendLine(message);
      void vscode.window.showInformationMessage(message);
    }
    return true;
  }

  private loadSettings(): void {
    const configuration = vscode.workspace.getConfiguration('imr');
    const raw: Record<string, unknown> = {};
    for (const key of ['autoDetect', 'run', 'rules', 'drugs', 'maxFileSize', 'ocr.enabled', 'ocr.minConfidence']) raw[key] = configuration.get(key);
    const { settings, problems } = readSettings(raw);
    this.current = settings;
    this.problems = problems;
    this.options = analysisOptionsFrom(settings);
    this.analyzer.configure(this.options);
    this.noticedTooLarge.clear();
    for (const problem of problems) {
      const message = vscode.l10n.t('IMR Annotate: the setting {0} is invalid: {1}', problem.setting, problem.message);
      if (this.reportedProblems.has(message)) continue;
      this.reportedProblems.add(message);
      this.output.appendLine(message);
      void vscode.window.showWarningMessage(message);
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
