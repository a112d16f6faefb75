// The published letters are PDFs. Their text (extracted by pdf.js, see src/core/pdf/extract.ts) is
// shown as a read-only `imr` document under the `imr-pdf:` scheme, so every feature works on it:
// highlighting, outline, the items view, diagnostics. A PDF opens that way from the explorer (a
// custom editor that hands over to the text at once), with `IMR: Open PDF Letter...`, or from the
// workspace commands; `IMR: Save as Text Letter` writes an editable `.imr` beside the PDF.
//
// pdf.js is a bundle of its own, loaded on the first PDF by the core (src/core/pdfReader.ts): on
// desktop it is `require`d from dist/pdf.js; in VS Code for the Web the extension host is a web worker
// where `require` does not exist and `importScripts` is blocked, so dist/web/pdf.js is fetched here
// (VS Code's fetch maps the extension's URI to where the browser can load it) and the core evaluates
// it as a CommonJS module — the way VS Code itself loads a web extension's code. (`import()` of the
// URL would need an ES module build and a content security policy that lets the worker import from
// the extension's origin; VS Code only guarantees `fetch` and `eval`, which it uses itself.)
//
// Scanned PDFs (pages without a text layer) are read by OCR when a PDF is opened: the OCR engine is
// part of the PDF bundle and runs in the extension host itself (src/core/pdf/ocr.ts says why not in
// a worker of its own); its wasm and model are read from dist/ocr/ of the extension, never fetched
// from elsewhere. A notification shows the page being read and can cancel. The text is kept by the
// PDF's content hash, in memory and in the extension's global storage, so a scan is read once.
// Reads of the whole workspace (the check, the items view, the export) use that kept text but do not
// start OCR themselves: a folder of scans would otherwise take minutes of the host's time unasked.
import * as vscode from 'vscode';
import {
  loadPdfExtractor,
  looksLikeLetter,
  OCR_ASSET_DIR,
  type OcrAssetLoader,
  type OcrPage,
  type OcrSettings,
  type PdfBundleSource,
  type PdfErrorKind,
  type PdfExtractor,
  type PdfTextResult,
} from '../core';

/**
 * What the PDF commands need of the extension: the PDF texts and the output channel. (The Letters
 * service provides them; naming it here would make this file and letters.ts import each other.)
 */
export interface PdfLetterHost {
  readonly pdfs: PdfLetters;
  readonly output: vscode.OutputChannel;
}

/** The scheme of the text documents of PDF letters: `imr-pdf:/path/letter.pdf.imr?<the PDF's URI>`. */
export const PDF_SCHEME = 'imr-pdf';
/** The custom editor that opens `*.pdf` files as their text (package.json `customEditors`). */
export const PDF_EDITOR_ID = 'imr.pdfLetter';

/** Why a PDF has no text to show (`needsOcr`: a scan, read without OCR by a workspace-wide read). */
export type PdfProblemKind = PdfErrorKind | 'unreadable' | 'needsOcr';
/** A PDF letter's text; `ocr` lists the pages read by OCR (no text layer), with their confidence. */
export type PdfReadResult = { readonly text: string; readonly ocr?: readonly OcrPage[] } | { readonly kind: PdfProblemKind; readonly error: string };

/** How a PDF is read: `ocr: false` (reads of the whole workspace) uses OCR text already kept, and starts none. */
export interface PdfReadOptions {
  readonly ocr?: boolean;
}

/** The progress of reading a PDF by OCR, as the notification shows it (and the tests see it). */
export interface OcrProgress {
  readonly pdf: vscode.Uri;
  readonly page: number;
  readonly pages: number;
  readonly message: string;
}

/** What PdfLetters needs of the settings and the extension's storage. */
export interface PdfLettersOptions {
  /** `imr.ocr.*`, as they are now. */
  readonly ocrSettings?: () => OcrSettings;
  /** Where OCR'd texts are kept between sessions (the extension's global storage); in memory only without it. */
  readonly storageUri?: vscode.Uri;
}

/** Bumped when the engine, the model or the way pages become text changes: texts kept before are read again. */
const OCR_CACHE_VERSION = 1;
/** OCR'd texts kept in memory (by content hash); the storage keeps every one. */
const OCR_MEMORY_LIMIT = 64;

interface OcrText {
  readonly text: string;
  readonly ocr: readonly OcrPage[];
}

/** PDF texts kept (the most recently read ones) so that workspace scans do not extract them again. */
const CACHE_LIMIT = 512;

export function isPdfFile(uri: vscode.Uri): boolean {
  return uri.scheme !== PDF_SCHEME && /\.pdf$/i.test(uri.path);
}

/** The `imr-pdf:` document that shows the text of a PDF file. */
export function pdfTextUri(pdf: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: PDF_SCHEME, path: `${pdf.path}.imr`, query: pdf.toString() });
}

/** The PDF file behind an `imr-pdf:` document; `undefined` for any other URI. */
export function pdfSourceOf(uri: vscode.Uri): vscode.Uri | undefined {
  if (uri.scheme !== PDF_SCHEME || !uri.query) return undefined;
  try {
    return vscode.Uri.parse(uri.query, true);
  } catch {
    return undefined;
  }
}

/** The file a letter document comes from: the PDF for a PDF letter's text, else the URI itself. */
export function letterFileOf(uri: vscode.Uri): vscode.Uri {
  return pdfSourceOf(uri) ?? uri;
}

/** The document a letter file is shown as: a PDF's text document, or the file itself. */
export function letterDocumentOf(uri: vscode.Uri): vscode.Uri {
  return isPdfFile(uri) ? pdfTextUri(uri) : uri;
}

/** The user's words for why a PDF cannot be shown. */
export function pdfProblemMessage(kind: PdfProblemKind): string {
  switch (kind) {
    case 'notPdf':
      return vscode.l10n.t('it is not a PDF file.');
    case 'encrypted':
      return vscode.l10n.t('the PDF is protected by a password. Open it in a PDF reader and save an unprotected copy, or its text.');
    case 'noText':
      return vscode.l10n.t('this PDF has no text: it is a scanned image and needs OCR first.');
    case 'corrupt':
      return vscode.l10n.t('the PDF is damaged or truncated.');
    case 'cancelled':
      return vscode.l10n.t('reading the scanned pages by OCR was cancelled.');
    case 'unreadable':
      return vscode.l10n.t('the file could not be read.');
    case 'needsOcr':
      return vscode.l10n.t('a scanned PDF (no text layer): open it to read its text by OCR.');
  }
}

/** The extension's copy of the OCR engine's files: read from disk on desktop, fetched from the extension's own URL on the web. */
function ocrAssetsOf(extensionUri: vscode.Uri): OcrAssetLoader {
  return async (name) => {
    const uri = vscode.Uri.joinPath(extensionUri, 'dist', OCR_ASSET_DIR, name);
    if (uri.scheme === 'file') return vscode.workspace.fs.readFile(uri);
    const response = await fetch(uri.toString(true));
    if (!response.ok) throw new Error(`${uri.toString(true)}: ${response.status} ${response.statusText}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

/** The SHA-256 of a file's bytes in hex: the key of its OCR'd text; undefined where Web Crypto is missing (an insecure context). */
async function contentHash(bytes: Uint8Array): Promise<string | undefined> {
  if (typeof crypto === 'undefined' || !crypto.subtle) return undefined;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A kept OCR text read back, or undefined when it is not one (another version, damaged). */
function ocrTextFrom(value: unknown): OcrText | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { version, text, ocr } = value as { version?: unknown; text?: unknown; ocr?: unknown };
  if (version !== OCR_CACHE_VERSION || typeof text !== 'string' || !Array.isArray(ocr)) return undefined;
  const pages = ocr.filter((page): page is OcrPage => typeof (page as OcrPage)?.page === 'number' && typeof (page as OcrPage)?.confidence === 'number');
  return pages.length === ocr.length && pages.length > 0 ? { text, ocr: pages } : undefined;
}

/** Fetches the web PDF bundle (dist/web/pdf.js) for the core's loader; only a web extension host asks. */
function webBundleOf(extensionUri: vscode.Uri): () => Promise<PdfBundleSource> {
  return async () => {
    const url = vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'pdf.js').toString(true);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
    return { url, source: await response.text() };
  };
}

interface CacheEntry {
  readonly mtime: number;
  readonly size: number;
  /** Read with OCR allowed. */
  readonly ocr: boolean;
  readonly result: Promise<PdfReadResult>;
}

/** The texts of PDF letters: extracted on demand, cached while the file is unchanged, served as `imr-pdf:` documents. */
export class PdfLetters implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private extractor: Promise<PdfExtractor> | undefined;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly progressEmitter = new vscode.EventEmitter<OcrProgress>();
  /** OCR'd texts by the PDF's content hash (the most recently used ones). */
  private readonly ocrTexts = new Map<string, OcrText>();
  /** The pages read by OCR of each PDF read, by the PDF's URI: what the status bar, hovers and diagnostics show. */
  private readonly ocrPagesByPdf = new Map<string, readonly OcrPage[]>();
  /** An `imr-pdf:` document's text changed (its PDF was written). */
  readonly onDidChange = this.changeEmitter.event;
  /** A page of a scanned PDF is about to be read by OCR. */
  readonly onDidReportOcrProgress = this.progressEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly output?: vscode.OutputChannel,
    private readonly options: PdfLettersOptions = {},
  ) {}

  private get ocrSettings(): OcrSettings {
    return this.options.ocrSettings?.() ?? { enabled: true, minConfidence: 80 };
  }

  /**
   * The text of a PDF file, or why there is none. Read again only when the file has changed. Pages
   * without a text layer are read by OCR (when `imr.ocr.enabled`), unless `options.ocr` is false.
   */
  async read(pdf: vscode.Uri, options: PdfReadOptions = {}): Promise<PdfReadResult> {
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(pdf);
    } catch {
      return { kind: 'unreadable', error: pdfProblemMessage('unreadable') };
    }
    const ocr = options.ocr !== false && this.ocrSettings.enabled;
    const key = pdf.toString();
    const cached = this.cache.get(key);
    // A read without OCR that found a scan does not answer a read that may use OCR.
    if (cached && cached.mtime === stat.mtime && cached.size === stat.size && (cached.ocr || !ocr)) return cached.result;
    const result = this.extract(pdf, ocr);
    this.cache.delete(key);
    this.cache.set(key, { mtime: stat.mtime, size: stat.size, ocr, result });
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    // A failure to read or to load the reader may not last, and a cancelled OCR may be wanted later: try again next time.
    void result.then((read) => {
      if ('kind' in read && (read.kind === 'unreadable' || read.kind === 'cancelled') && this.cache.get(key)?.result === result) this.cache.delete(key);
      if ('text' in read && read.ocr) this.ocrPagesByPdf.set(key, read.ocr);
      else this.ocrPagesByPdf.delete(key);
    });
    return result;
  }

  /** The pages of a PDF letter that were read by OCR, with their confidence; undefined when none were (or it is not read yet). */
  ocrPagesOf(pdf: vscode.Uri): readonly OcrPage[] | undefined {
    return this.ocrPagesByPdf.get(pdf.toString());
  }

  private async extract(pdf: vscode.Uri, ocr: boolean): Promise<PdfReadResult> {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(pdf);
    } catch {
      return { kind: 'unreadable', error: pdfProblemMessage('unreadable') };
    }
    let extract: PdfExtractor;
    try {
      this.extractor ??= loadPdfExtractor(webBundleOf(this.extensionUri));
      extract = await this.extractor;
    } catch (error) {
      this.extractor = undefined;
      const message = vscode.l10n.t('IMR Annotate: the PDF reader could not be loaded: {0}', error instanceof Error ? error.message : String(error));
      this.output?.appendLine(message);
      return { kind: 'unreadable', error: message };
    }
    // A read that may start OCR looks for the text kept of this content first; a read that starts none
    // (the whole workspace's) hashes only a PDF found to be a scan, so text PDFs are never hashed there.
    let hash = ocr ? await contentHash(bytes) : undefined;
    let kept = hash === undefined ? undefined : await this.keptOcrText(hash);
    if (kept) return kept;
    const result = await this.extractPdf(pdf, bytes, extract, ocr);
    if (!ocr && 'kind' in result && result.kind === 'noText') {
      hash = await contentHash(bytes);
      kept = hash === undefined ? undefined : await this.keptOcrText(hash);
      if (kept) return kept;
    }
    if ('text' in result) {
      if (result.ocr && hash !== undefined) await this.keepOcrText(hash, { text: result.text, ocr: result.ocr });
      return result.ocr ? { text: result.text, ocr: result.ocr } : { text: result.text };
    }
    // A scan met by a read that starts no OCR (or with OCR off) says what would read it.
    const kind = result.kind === 'noText' && !ocr && this.ocrSettings.enabled ? 'needsOcr' : result.kind;
    // The details (pdf.js's own message) go to the output channel; the user sees the reason.
    this.output?.appendLine(`${vscode.workspace.asRelativePath(pdf, false)}: ${result.error}`);
    return { kind, error: pdfProblemMessage(kind) };
  }

  /**
   * Extracts the PDF's text, its scanned pages by OCR when `ocr`: the notification appears when the
   * first such page is met ("Reading page 2 of 5 by OCR") and its Cancel stops before the next page.
   */
  private async extractPdf(pdf: vscode.Uri, bytes: Uint8Array, extract: PdfExtractor, ocr: boolean): Promise<PdfTextResult> {
    if (!ocr) return extract(bytes);
    const name = vscode.workspace.asRelativePath(pdf, false);
    let shown: { progress: vscode.Progress<{ message?: string; increment?: number }>; token: vscode.CancellationToken; close: () => void } | undefined;
    const show = (): Promise<NonNullable<typeof shown>> =>
      new Promise((resolve) => {
        void vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('IMR: {0} is a scan', name), cancellable: true },
          (progress, token) => new Promise<void>((close) => resolve({ progress, token, close })),
        );
      });
    let done = 0;
    try {
      return await extract(bytes, {
        ocr: {
          loadAsset: ocrAssetsOf(this.extensionUri),
          onPage: async (page, pages) => {
            shown ??= await show();
            const message = vscode.l10n.t('Reading page {0} of {1} by OCR', page, pages);
            shown.progress.report({ message, increment: done === 0 ? 0 : 100 / pages });
            done++;
            this.progressEmitter.fire({ pdf, page, pages, message });
            // A page holds the host for seconds: let the notification update and a Cancel arrive first.
            await new Promise((resolve) => setTimeout(resolve, 0));
          },
          isCancelled: () => shown?.token.isCancellationRequested === true,
        },
      });
    } finally {
      shown?.close();
    }
  }

  private storedOcrUri(hash: string): vscode.Uri | undefined {
    return this.options.storageUri && vscode.Uri.joinPath(this.options.storageUri, 'ocr', `${hash}.json`);
  }

  /** The OCR'd text of a PDF with this content, kept from an earlier read (this session or one before). */
  private async keptOcrText(hash: string): Promise<OcrText | undefined> {
    const inMemory = this.ocrTexts.get(hash);
    if (inMemory) return inMemory;
    const stored = this.storedOcrUri(hash);
    if (!stored) return undefined;
    try {
      const kept = ocrTextFrom(JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(stored))));
      if (kept) this.rememberOcrText(hash, kept);
      return kept;
    } catch {
      return undefined; // not kept (or not readable): read it again
    }
  }

  private rememberOcrText(hash: string, text: OcrText): void {
    this.ocrTexts.delete(hash);
    this.ocrTexts.set(hash, text);
    if (this.ocrTexts.size > OCR_MEMORY_LIMIT) this.ocrTexts.delete(this.ocrTexts.keys().next().value!);
  }

  private async keepOcrText(hash: string, text: OcrText): Promise<void> {
    this.rememberOcrText(hash, text);
    const stored = this.storedOcrUri(hash);
    if (!stored) return;
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(stored, '..'));
      await vscode.workspace.fs.writeFile(stored, new TextEncoder().encode(JSON.stringify({ version: OCR_CACHE_VERSION, ...text })));
    } catch (error) {
      // Not kept between sessions: the text is still shown, and kept in memory.
      this.output?.appendLine(`IMR Annotate: the OCR text could not be kept in ${stored.toString(true)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** A PDF was written: its open text document, if any, reads it again. */
  fileChanged(pdf: vscode.Uri): void {
    this.changeEmitter.fire(pdfTextUri(pdf));
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const pdf = pdfSourceOf(uri);
    if (!pdf) throw new Error(vscode.l10n.t('{0} does not name a PDF file.', uri.toString()));
    const result = await this.read(pdf);
    if ('text' in result) return result.text;
    throw new Error(vscode.l10n.t('Cannot show {0}: {1}', vscode.workspace.asRelativePath(pdf, false), result.error));
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.progressEmitter.dispose();
    this.cache.clear();
    this.ocrTexts.clear();
  }
}

function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value !== '') return vscode.Uri.parse(value);
  return undefined;
}

/** Shows a PDF letter's text; undefined (with an error message) when it has none. */
export async function openPdfLetter(letters: PdfLetterHost, pdf: vscode.Uri, viewColumn?: vscode.ViewColumn): Promise<vscode.TextEditor | undefined> {
  const read = await letters.pdfs.read(pdf);
  if ('kind' in read) {
    void vscode.window.showErrorMessage(vscode.l10n.t('IMR: Cannot open {0}: {1}', vscode.workspace.asRelativePath(pdf, false), read.error));
    return undefined;
  }
  let document = await vscode.workspace.openTextDocument(pdfTextUri(pdf));
  // The `.imr` ending makes it an IMR document already; a user's file association might not.
  if (document.languageId !== 'imr') document = await vscode.languages.setTextDocumentLanguage(document, 'imr');
  return vscode.window.showTextDocument(document, viewColumn === undefined ? {} : { viewColumn });
}

/** `IMR: Open PDF Letter...`: the PDF given (explorer menu, a link, a test) or picked in a dialog. */
async function openPdfCommand(letters: PdfLetterHost, arg?: unknown): Promise<vscode.TextEditor | undefined> {
  const given = toUri(arg);
  const pdfs = given
    ? [given]
    : await vscode.window.showOpenDialog({
        canSelectMany: true,
        filters: { [vscode.l10n.t('PDF letters')]: ['pdf'] },
        openLabel: vscode.l10n.t('Open'),
        title: vscode.l10n.t('Open PDF Letter'),
        ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
      });
  let editor: vscode.TextEditor | undefined;
  for (const pdf of pdfs ?? []) editor = (await openPdfLetter(letters, pdf)) ?? editor;
  return editor;
}

/** What `imr.saveAsTextLetter` can be given instead of asking (tests, other extensions). */
export interface SaveAsTextArgs {
  /** The PDF, or its `imr-pdf:` document; default: the active editor's. */
  readonly source?: vscode.Uri | string;
  /** Where to write; default: beside the PDF, with `.imr` in place of `.pdf`. */
  readonly target?: vscode.Uri | string;
  /** Replace an existing file without asking. */
  readonly overwrite?: boolean;
}

/** The `.imr` file beside a PDF: `letter.pdf` → `letter.imr`. */
export function textLetterUri(pdf: vscode.Uri): vscode.Uri {
  return pdf.with({ path: pdf.path.replace(/\.pdf$/i, '') + '.imr' });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** `IMR: Save as Text Letter`: the PDF letter's text as an editable `.imr` file, opened. */
export async function saveAsTextLetter(letters: PdfLetterHost, args: SaveAsTextArgs = {}): Promise<vscode.Uri | undefined> {
  const given = toUri(args.source);
  const pdf = given ? letterFileOf(given) : pdfSourceOf(vscode.window.activeTextEditor?.document.uri ?? vscode.Uri.parse('untitled:'));
  if (!pdf || !isPdfFile(pdf)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('IMR: Open a PDF letter to save its text.'));
    return undefined;
  }
  // The open document's text is what the user sees; a PDF not open is read now.
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === pdfTextUri(pdf).toString());
  let text = open?.getText();
  if (text === undefined) {
    const read = await letters.pdfs.read(pdf);
    if ('kind' in read) {
      void vscode.window.showErrorMessage(vscode.l10n.t('IMR: Cannot open {0}: {1}', vscode.workspace.asRelativePath(pdf, false), read.error));
      return undefined;
    }
    text = read.text;
  }
  const target = toUri(args.target) ?? textLetterUri(pdf);
  if (!args.overwrite && (await exists(target))) {
    const replace = vscode.l10n.t('Replace');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} already exists. Replace it with the text of {1}?', vscode.workspace.asRelativePath(target, false), vscode.workspace.asRelativePath(pdf, false)),
      { modal: true },
      replace,
    );
    if (choice !== replace) return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  letters.output.appendLine(vscode.l10n.t('IMR: Saved the text of {0} as {1}.', vscode.workspace.asRelativePath(pdf, false), vscode.workspace.asRelativePath(target, false)));
  await vscode.window.showTextDocument(target);
  return target;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function commandLink(command: string, args: readonly unknown[], label: string): string {
  return `<a href="command:${command}?${encodeURIComponent(JSON.stringify(args))}">${escapeHtml(label)}</a>`;
}

/**
 * Opening a `*.pdf` from the explorer: a letter's text replaces this editor at once; a PDF that is
 * no letter, or cannot be read, gets a page saying so, with the ways on.
 */
class PdfLetterEditor implements vscode.CustomReadonlyEditorProvider {
  constructor(private readonly letters: PdfLetterHost) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const pdf = document.uri;
    const read = await this.letters.pdfs.read(pdf);
    if ('text' in read && looksLikeLetter(read.text)) {
      const editor = await openPdfLetter(this.letters, pdf, panel.viewColumn);
      if (editor) {
        panel.dispose();
        return;
      }
    }
    const name = vscode.workspace.asRelativePath(pdf, false);
    const commands = ['imr.openPdfLetter', 'workbench.action.reopenWithEditor'];
    panel.webview.options = { enableScripts: false, enableCommandUris: commands };
    const message =
      'kind' in read
        ? vscode.l10n.t('Cannot show {0}: {1}', name, read.error)
        : vscode.l10n.t('{0} does not look like an IMR determination letter.', name);
    const links = [
      ...('kind' in read ? [] : [commandLink('imr.openPdfLetter', [pdf.toString()], vscode.l10n.t('Show its text as a letter anyway'))]),
      commandLink('workbench.action.reopenWithEditor', [], vscode.l10n.t('Reopen with another editor...')),
    ];
    panel.webview.html = `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<style>body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 1em 2em; } a { color: var(--vscode-textLink-foreground); }</style>
</head><body><p>${escapeHtml(message)}</p><p>${links.join(' &nbsp;·&nbsp; ')}</p></body></html>`;
  }
}

// A PDF written on disk reaches its open text document through the workspace's letters' watcher
// (workspaceLetters.ts calls `fileChanged`).
export function register(letters: PdfLetterHost): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(PDF_SCHEME, letters.pdfs),
    vscode.window.registerCustomEditorProvider(PDF_EDITOR_ID, new PdfLetterEditor(letters), { supportsMultipleEditorsPerDocument: true }),
    vscode.commands.registerCommand('imr.openPdfLetter', (arg?: unknown) => openPdfCommand(letters, arg)),
    vscode.commands.registerCommand('imr.saveAsTextLetter', (arg?: unknown) =>
      saveAsTextLetter(letters, arg instanceof vscode.Uri || typeof arg === 'string' ? { source: arg } : arg && typeof arg === 'object' ? (arg as SaveAsTextArgs) : {}),
    ),
  );
}
