// Scanned PDF letters in the real workbench: a PDF whose pages have no text layer opens as a letter,
// read by OCR in the extension host (the engine from the extension's own dist/ocr/, nothing from
// elsewhere: every fetch of the host is watched during the read), with the progress the notification
// shows, the outline of its items, OCR and the confidence in the status bar, low pages flagged by
// imr.ocr.minConfidence, and the text kept so that the next read is instant.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { analyzeText } from '../../src/core';
import type { OcrProgress } from '../../src/extension/pdfLetters';
import { PDF_SCHEME, pdfTextUri } from '../../src/extension/pdfLetters';
import { extensionApi, problemsOf, readFixture, setSetting, waitFor, workspaceUri } from './gapsKit';

const SCAN = 'CM16-0213037';

/**
 * Runs `body` with the host's fetch and XMLHttpRequest recording every URL asked for (the OCR
 * engine's files are fetched; anything else would be a request off the machine).
 */
async function watchingRequests<T>(body: () => Promise<T>): Promise<{ result: T; urls: string[] }> {
  const urls: string[] = [];
  const host = globalThis as { fetch: typeof fetch; XMLHttpRequest?: { prototype: { open: (...args: unknown[]) => void } } };
  const realFetch = host.fetch;
  host.fetch = (input: string | URL | Request, init?: RequestInit) => {
    urls.push(input instanceof Request ? input.url : String(input));
    return realFetch(input, init);
  };
  const xhr = host.XMLHttpRequest?.prototype;
  const realOpen = xhr?.open;
  if (xhr && realOpen) {
    xhr.open = function (this: unknown, ...args: unknown[]) {
      urls.push(String(args[1]));
      return realOpen.apply(this, args);
    };
  }
  try {
    return { result: await body(), urls };
  } finally {
    host.fetch = realFetch;
    if (xhr && realOpen) xhr.open = realOpen;
  }
}

suite('Scanned PDF letters (OCR)', () => {
  suiteTeardown(async () => {
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === PDF_SCHEME);
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  });

  test('a scanned PDF opens as a letter: page by page progress, its outline, OCR in the status bar, nothing fetched from elsewhere', async function () {
    this.timeout(300_000);
    const api = await extensionApi();
    const pdf = workspaceUri(`corpus-scan/${SCAN}.pdf`);
    const progress: OcrProgress[] = [];
    const listening = api.letters.pdfs.onDidReportOcrProgress((event) => progress.push(event));
    const extension = vscode.extensions.getExtension('imr-annotate.imr-annotate');
    assert.ok(extension);
    let opened: { result: vscode.TextEditor | undefined; urls: string[] };
    try {
      opened = await watchingRequests(() => Promise.resolve(vscode.commands.executeCommand<vscode.TextEditor | undefined>('imr.openPdfLetter', pdf)));
    } finally {
      listening.dispose();
    }
    const editor = opened.result;
    assert.ok(editor, 'the scanned PDF did not open');
    assert.strictEqual(editor.document.uri.toString(), pdfTextUri(pdf).toString());
    assert.strictEqual(editor.document.languageId, 'imr');
    assert.deepStrictEqual(
      progress.map((event) => event.message),
      ['Reading page 1 of 2 by OCR', 'Reading page 2 of 2 by OCR'],
    );

    // Only the extension's own files were fetched: the engine's wasm and model among them.
    const own = extension.extensionUri.toString(true);
    assert.deepStrictEqual(
      opened.urls.filter((url) => !url.startsWith(own)),
      [],
    );
    for (const name of ['tesseract-core-simd-lstm.wasm', 'eng.traineddata.gz']) assert.ok(opened.urls.some((url) => url.endsWith(`/dist/ocr/${name}`)), `${name} not read: ${opened.urls.join(', ')}`);

    // The outline has the items of the letter's text version.
    const truth = analyzeText(await readFixture(`corpus/${SCAN}.txt`)).letter.items.map((item) => item.name.text);
    const outline = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    assert.ok(outline && outline.length > 0, 'no outline');
    const names = (function all(nodes: readonly vscode.DocumentSymbol[]): string[] {
      return nodes.flatMap((node) => [node.name, ...all(node.children)]);
    })(outline);
    const normal = (text: string): string => text.replace(/\s+/g, ' ').trim();
    for (const item of truth) assert.ok(names.some((name) => normal(name).includes(normal(item))), `the outline lacks "${item}": ${names.join(' | ')}`);

    const status = await waitFor('the status bar of the scanned letter', () => (api.statusBar.text.includes('OCR') ? api.statusBar : undefined));
    assert.match(status.tooltip, /Text read by OCR from a scanned PDF, confidence: page 1 \d+%, page 2 \d+%/);

    // Kept by content: read again (here by a read of the whole workspace, which starts no OCR) at once.
    progress.length = 0;
    const again = await api.letters.pdfs.read(pdf, { ocr: false });
    assert.ok('text' in again && again.ocr?.length === 2, JSON.stringify(again).slice(0, 200));
    assert.strictEqual(again.text, editor.document.getText());
  });

  test('imr.ocr.minConfidence flags the pages read below it', async function () {
    this.timeout(60_000);
    const api = await extensionApi();
    const document = vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === pdfTextUri(workspaceUri(`corpus-scan/${SCAN}.pdf`)).toString())?.document;
    assert.ok(document, 'the scanned letter is not open');
    const lowOcr = (): string[] => problemsOf(document.uri).filter((problem) => problem.startsWith('ocr-low-confidence'));
    assert.deepStrictEqual(lowOcr(), []);
    try {
      await setSetting('ocr.minConfidence', 100, () => api.letters.settings.ocr.minConfidence === 100);
      const flagged = await waitFor('the low-confidence pages flagged', () => (lowOcr().length === 2 ? lowOcr() : undefined));
      assert.strictEqual(flagged.length, 2);
    } finally {
      await setSetting('ocr.minConfidence', undefined, () => api.letters.settings.ocr.minConfidence === 80);
    }
    await waitFor('the flags gone with the default', () => lowOcr().length === 0);
  });
});
