/**
 * The workspace's letters, for every feature that looks at all of them (the Disputed Items view's
 * workspace scope, the workspace check, the export): one search for the letter files (text and
 * PDF), one file watcher, and one analysis per letter, kept while the letter is unchanged. An open
 * letter is read as its live text and kept per document version; a closed file per modification
 * time and size, so a workspace of 1,000 letters is analysed once however many features read it.
 */

import * as vscode from 'vscode';
import { type Analysis, mayFit, readLetterFile, type SkipReason } from '../core';
import type { Letters } from './letters';
import { isPdfFile, letterDocumentOf, letterFileOf, type PdfLetters, type PdfProblemKind } from './pdfLetters';

/**
 * The files that may be letters: `.imr` files, `.txt` files that look like letters, and PDF
 * letters (as their extracted text, under their `imr-pdf:` document's URI).
 */
export const LETTER_GLOB = '**/*.{imr,txt,pdf}';
export const EXCLUDE_GLOB = '**/node_modules/**';
/** Files read at a time during a scan. */
const BATCH = 8;
/** How long changes settle before they are announced (editors write and type in bursts). */
const SETTLE_MS = 300;

/** Why a file was not analysed. */
export type SkipWhy = SkipReason | 'unreadable' | PdfProblemKind;

/**
 * A file as the workspace features read it: a letter's analysis, or why it was skipped. `uri` is the
 * letter's document: the file, or for a PDF its `imr-pdf:` text document (`letterFileOf` gives the
 * PDF). `open` says the analysis is that of an open letter's live text, whose own diagnostics stand.
 */
export type WorkspaceLetter =
  | { readonly uri: vscode.Uri; readonly analysis: Analysis; readonly text: string; readonly open: boolean }
  | { readonly uri: vscode.Uri; readonly skipped: SkipWhy };

/** What changed among the workspace's letters (announced once changes settle). */
export interface WorkspaceLettersChange {
  /** Letters (their document URIs) whose text may have changed: edited, written, closed. */
  readonly changed: readonly vscode.Uri[];
  /** Files or folders created: letters may have come. */
  readonly created: readonly vscode.Uri[];
  /** Files or folders deleted or renamed away: every letter under them is gone. */
  readonly deleted: readonly vscode.Uri[];
  /** The settings changed: every letter reads differently now. */
  readonly all: boolean;
}

/** What the service needs of `Letters` (narrow, so that a test can hand in its own). */
export type LetterSource = Pick<Letters, 'settings' | 'isLetter' | 'analysis' | 'analyzeText' | 'onDidChangeSettings'> & {
  readonly pdfs: Pick<PdfLetters, 'read' | 'fileChanged'>;
};

/** `uris` without the PDFs that have a text letter of the same name beside them (the text stands for the PDF). */
export function withoutSavedPdfs(uris: readonly vscode.Uri[]): vscode.Uri[] {
  const stem = (uri: vscode.Uri): string => uri.with({ path: uri.path.replace(/\.[^./]*$/, '') }).toString().toLowerCase();
  const texts = new Set(uris.filter((uri) => !isPdfFile(uri)).map(stem));
  return uris.filter((uri) => !isPdfFile(uri) || !texts.has(stem(uri)));
}

/** Is the letter `uri` (a file, or a PDF's text document) the file `target` or inside the folder `target`? */
export function isUnder(uri: vscode.Uri, target: vscode.Uri): boolean {
  const file = letterFileOf(uri).toString();
  const prefix = target.toString().replace(/\/$/, '') + '/';
  return file === target.toString() || file.startsWith(prefix);
}

function byUri(a: vscode.Uri, b: vscode.Uri): number {
  const x = a.toString();
  const y = b.toString();
  return x < y ? -1 : x > y ? 1 : 0;
}

function isExcluded(uri: vscode.Uri): boolean {
  return /\/node_modules\//.test(uri.path);
}

/** A change waiting to be announced. */
class PendingChange {
  readonly changed = new Map<string, vscode.Uri>();
  readonly created: vscode.Uri[] = [];
  readonly deleted: vscode.Uri[] = [];

  get isEmpty(): boolean {
    return this.changed.size === 0 && this.created.length === 0 && this.deleted.length === 0;
  }

  toChange(all: boolean): WorkspaceLettersChange {
    return { changed: [...this.changed.values()], created: [...this.created], deleted: [...this.deleted], all };
  }
}

/** The workspace's letters: found, watched, and each analysed once per version of its text. */
export class WorkspaceLetters implements vscode.Disposable {
  /** Results of closed files, by letter URI, with the file's modification time and size when read. */
  private closedResults = new Map<string, { readonly mtime: number; readonly size: number; readonly result: WorkspaceLetter }>();
  /** Results of open documents, by document (a document reopened is a new one), with its version. */
  private openResults = new WeakMap<vscode.TextDocument, { readonly version: number; readonly result: WorkspaceLetter }>();
  /** Reads of closed files under way, by letter URI: concurrent readers share one. */
  private readonly reading = new Map<string, Promise<WorkspaceLetter>>();
  /** Counts settings changes: a read begun before one is not kept. */
  private generation = 0;
  private files: Promise<vscode.Uri[]> | undefined;
  private readonly disposed = new vscode.CancellationTokenSource();
  private pending = new PendingChange();
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private analysisCount = 0;
  private readonly changeEmitter = new vscode.EventEmitter<WorkspaceLettersChange>();
  private readonly analyzeEmitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];

  /** Letters changed, came or went (file events and edits settle first; a settings change is announced at once). */
  readonly onDidChange = this.changeEmitter.event;
  /** The service analysed a letter's text (a closed file's, or an open document's that is not shown as a letter). */
  readonly onDidAnalyze = this.analyzeEmitter.event;

  constructor(private readonly letters: LetterSource) {
    const watcher = vscode.workspace.createFileSystemWatcher(LETTER_GLOB);
    this.disposables.push(
      watcher,
      this.changeEmitter,
      this.analyzeEmitter,
      watcher.onDidCreate((uri) => this.fileCreated(uri)),
      watcher.onDidChange((uri) => this.fileChanged(uri)),
      watcher.onDidDelete((uri) => this.fileDeleted(uri)),
      // Folders created, deleted or renamed in the explorer: the watcher names the folder at most.
      vscode.workspace.onDidCreateFiles((event) => event.files.forEach((uri) => this.fileCreated(uri))),
      vscode.workspace.onDidDeleteFiles((event) => event.files.forEach((uri) => this.fileDeleted(uri))),
      vscode.workspace.onDidRenameFiles((event) =>
        event.files.forEach(({ oldUri, newUri }) => {
          this.fileDeleted(oldUri);
          this.fileCreated(newUri);
        }),
      ),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && this.letters.isLetter(event.document)) this.letterChanged(event.document.uri);
      }),
      // A closed letter reads as its file again (a language change closes and reopens: read then, it is open still).
      vscode.workspace.onDidCloseTextDocument((document) => this.letterChanged(document.uri)),
      letters.onDidChangeSettings(() => this.settingsChanged()),
    );
  }

  /** How many texts the service has analysed since it started (see `onDidAnalyze`). */
  get analyses(): number {
    return this.analysisCount;
  }

  /**
   * The workspace's letter files, in a stable order, without the PDFs whose text was saved beside
   * them. Kept between calls while the watcher sees no file come or go; `fresh` searches again (an
   * explicit command should find files the watcher may not see).
   */
  async letterFiles(token?: vscode.CancellationToken, options: { readonly fresh?: boolean } = {}): Promise<vscode.Uri[]> {
    if (options.fresh) this.forgetFiles();
    let files = this.files;
    if (!files) {
      // Shared by every caller, so no caller's token stops it; a caller cancelled gets nothing.
      files = Promise.resolve(vscode.workspace.findFiles(LETTER_GLOB, EXCLUDE_GLOB, undefined, this.disposed.token)).then((uris) => withoutSavedPdfs(uris).sort(byUri));
      const search = files;
      this.files = search;
      // A failed search is not kept.
      search.catch(() => {
        if (this.files === search) this.files = undefined;
      });
    }
    const found = await files;
    return token?.isCancellationRequested ? [] : [...found];
  }

  /**
   * Searches the workspace again the next time the files are asked for. A search under way is left
   * to finish for those waiting on it: they hear of the change that made it stale.
   */
  forgetFiles(): void {
    this.files = undefined;
  }

  /**
   * One file as a letter: an open document as its live (possibly unsaved) text, any other file from
   * disk (a PDF as its extracted text), analysed with the current settings unless it was already
   * analysed as it is now. `uri` may be the file or, for a PDF, its text document.
   */
  read(uri: vscode.Uri): Promise<WorkspaceLetter> {
    const source = letterFileOf(uri);
    const letter = letterDocumentOf(source);
    const key = letter.toString();
    const document = vscode.workspace.textDocuments.find((open) => !open.isClosed && open.uri.toString() === key);
    if (document) return Promise.resolve(this.readOpen(letter, document));
    const under = this.reading.get(key);
    if (under) return under;
    const read = this.readClosed(letter, source).finally(() => {
      if (this.reading.get(key) === read) this.reading.delete(key);
    });
    this.reading.set(key, read);
    return read;
  }

  /**
   * Reads `uris` a few at a time, handing each result to `visit` in order; false when cancelled
   * before the end.
   */
  async readEach(uris: readonly vscode.Uri[], token: vscode.CancellationToken, visit: (result: WorkspaceLetter) => void): Promise<boolean> {
    for (let i = 0; i < uris.length; i += BATCH) {
      if (token.isCancellationRequested) return false;
      const results = await Promise.all(uris.slice(i, i + BATCH).map((uri) => this.read(uri)));
      if (token.isCancellationRequested) return false;
      results.forEach(visit);
    }
    return !token.isCancellationRequested;
  }

  private readOpen(uri: vscode.Uri, document: vscode.TextDocument): WorkspaceLetter {
    const cached = this.openResults.get(document);
    if (cached && cached.version === document.version) return cached.result;
    const version = document.version;
    let result: WorkspaceLetter;
    if (this.letters.isLetter(document)) {
      // The analysis every provider of the open letter shares.
      const analysis = this.letters.analysis(document);
      if (!analysis) result = { uri, skipped: 'tooLarge' };
      else result = analysis.letter.isDetermination ? { uri, analysis, text: document.getText(), open: true } : { uri, skipped: 'notLetter' };
    } else {
      // Open but not (yet) shown as a letter: its live text, judged as the file would be.
      const text = document.getText();
      const file = readLetterFile(uri.path, new TextEncoder().encode(text), this.letters.settings.maxFileSize);
      result = 'skipped' in file ? { uri, skipped: file.skipped } : this.analyzed(uri, file.text);
    }
    this.openResults.set(document, { version, result });
    return result;
  }

  private async readClosed(uri: vscode.Uri, source: vscode.Uri): Promise<WorkspaceLetter> {
    const generation = this.generation;
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(source);
    } catch {
      return { uri, skipped: 'unreadable' };
    }
    const key = uri.toString();
    const cached = this.closedResults.get(key);
    if (cached && cached.mtime === stat.mtime && cached.size === stat.size) return cached.result;
    const result = isPdfFile(source) ? await this.readPdf(uri, source) : await this.readText(uri, stat.size);
    // A failure to read may not last; a result of the old settings is not theirs to keep.
    const keep = !('skipped' in result && result.skipped === 'unreadable') && generation === this.generation;
    if (keep) this.closedResults.set(key, { mtime: stat.mtime, size: stat.size, result });
    return result;
  }

  private async readText(uri: vscode.Uri, size: number): Promise<WorkspaceLetter> {
    const { maxFileSize } = this.letters.settings;
    if (!mayFit(size, maxFileSize)) return { uri, skipped: 'tooLarge' };
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return { uri, skipped: 'unreadable' }; // deleted or unreadable since the search
    }
    const file = readLetterFile(uri.path, bytes, maxFileSize);
    return 'skipped' in file ? { uri, skipped: file.skipped } : this.analyzed(uri, file.text);
  }

  private async readPdf(uri: vscode.Uri, pdf: vscode.Uri): Promise<WorkspaceLetter> {
    // The extraction is cached too, while the PDF is unchanged (PdfLetters). A scan is read by OCR
    // when it is opened, not by a read of the whole workspace (it uses the text OCR read before).
    const read = await this.letters.pdfs.read(pdf, { ocr: false });
    if ('kind' in read) return { uri, skipped: read.kind };
    if (read.text.length > this.letters.settings.maxFileSize) return { uri, skipped: 'tooLarge' };
    return this.analyzed(uri, read.text);
  }

  private analyzed(uri: vscode.Uri, text: string): WorkspaceLetter {
    const analysis = this.letters.analyzeText(text);
    this.analysisCount++;
    this.analyzeEmitter.fire(uri);
    return analysis.letter.isDetermination ? { uri, analysis, text, open: false } : { uri, skipped: 'notLetter' };
  }

  // ---- changes ----

  private fileCreated(uri: vscode.Uri): void {
    if (isExcluded(uri)) return;
    this.forgetFiles();
    this.pending.created.push(uri);
    this.settle();
  }

  private fileChanged(uri: vscode.Uri): void {
    // An open PDF letter's text document reads the PDF again, wherever the PDF is.
    if (isPdfFile(uri)) this.letters.pdfs.fileChanged(uri);
    if (isExcluded(uri)) return;
    this.letterChanged(letterDocumentOf(uri));
  }

  private fileDeleted(uri: vscode.Uri): void {
    if (isExcluded(uri)) return;
    this.forgetFiles();
    for (const key of [...this.closedResults.keys()]) if (isUnder(vscode.Uri.parse(key), uri)) this.closedResults.delete(key);
    for (const key of [...this.reading.keys()]) if (isUnder(vscode.Uri.parse(key), uri)) this.reading.delete(key);
    this.pending.deleted.push(uri);
    this.settle();
  }

  private letterChanged(uri: vscode.Uri): void {
    const key = uri.toString();
    // A read under way may have seen the file before this change: the next reader starts afresh.
    this.reading.delete(key);
    this.pending.changed.set(key, uri);
    this.settle();
  }

  private settingsChanged(): void {
    this.generation++;
    this.closedResults = new Map();
    this.openResults = new WeakMap();
    this.reading.clear();
    this.announce(true);
  }

  private settle(): void {
    if (this.settleTimer !== undefined) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.announce(false), SETTLE_MS);
  }

  private announce(all: boolean): void {
    if (this.settleTimer !== undefined) clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
    const pending = this.pending;
    this.pending = new PendingChange();
    if (!all && pending.isEmpty) return;
    this.changeEmitter.fire(pending.toChange(all));
  }

  dispose(): void {
    if (this.settleTimer !== undefined) clearTimeout(this.settleTimer);
    this.disposed.cancel();
    this.disposed.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
