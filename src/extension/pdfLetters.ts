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
import * as vscode from 'vscode';
import { loadPdfExtractor, looksLikeLetter, type PdfBundleSource, type PdfErrorKind, type PdfExtractor } from '../core';

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

/** Why a PDF has no text to show. */
export type PdfProblemKind = PdfErrorKind | 'unreadable';
export type PdfReadResult = { readonly text: string } | { readonly kind: PdfProblemKind; readonly error: string };

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
  }
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
  readonly result: Promise<PdfReadResult>;
}

/** The texts of PDF letters: extracted on demand, cached while the file is unchanged, served as `imr-pdf:` documents. */
export class PdfLetters implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private extractor: Promise<PdfExtractor> | undefined;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** An `imr-pdf:` document's text changed (its PDF was written). */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly output?: vscode.OutputChannel,
  ) {}

  /** The text of a PDF file, or why there is none. Read again only when the file has changed. */
  async read(pdf: vscode.Uri): Promise<PdfReadResult> {
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(pdf);
    } catch {
      return { kind: 'unreadable', error: pdfProblemMessage('unreadable') };
    }
    const key = pdf.toString();
    const cached = this.cache.get(key);
    if (cached && cached.mtime === stat.mtime && cached.size === stat.size) return cached.result;
    const result = this.extract(pdf);
    this.cache.delete(key);
    this.cache.set(key, { mtime: stat.mtime, size: stat.size, result });
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    // A failure to read or to load the reader may not last: try again next time.
    void result.then((read) => {
      if ('kind' in read && read.kind === 'unreadable' && this.cache.get(key)?.result === result) this.cache.delete(key);
    });
    return result;
  }

  private async extract(pdf: vscode.Uri): Promise<PdfReadResult> {
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
    const result = await extract(bytes);
    if ('text' in result) return { text: result.text };
    // The details (pdf.js's own message) go to the output channel; the user sees the reason.
    this.output?.appendLine(`${vscode.workspace.asRelativePath(pdf, false)}: ${result.error}`);
    return { kind: result.kind, error: pdfProblemMessage(result.kind) };
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
    this.cache.clear();
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
