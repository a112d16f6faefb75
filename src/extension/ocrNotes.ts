// What the extension says about a letter whose text was read by OCR from a scanned PDF: the status
// bar's tooltip, a line in hovers, and a diagnostic on each page read with a confidence below
// `imr.ocr.minConfidence` (its text deserves a look against the PDF). The pages and their confidence
// come from PdfLetters (pdfLetters.ts), which read the PDF.
import * as vscode from 'vscode';
import type { OcrPage } from '../core';
import type { Letters } from './letters';
import { pdfSourceOf } from './pdfLetters';

/** `code` of the diagnostic on a page read by OCR with a low confidence: no rule's, no fix. */
export const LOW_OCR_CONFIDENCE_CODE = 'ocr-low-confidence';

/** The pages of this document's text that were read by OCR; undefined for any other document. */
export function ocrPagesOf(letters: Letters, document: vscode.TextDocument): readonly OcrPage[] | undefined {
  const pdf = pdfSourceOf(document.uri);
  return pdf && letters.pdfs.ocrPagesOf(pdf);
}

/** The page (1-based) of a PDF letter's text that holds `offset`: pages are separated by form feeds. */
export function pageAt(text: string, offset: number): number {
  let page = 1;
  for (let at = text.indexOf('\f'); at !== -1 && at < offset; at = text.indexOf('\f', at + 1)) page++;
  return page;
}

/** `page 1 95%, page 2 62%`. */
export function confidenceList(pages: readonly OcrPage[]): string {
  return pages.map((page) => vscode.l10n.t('page {0} {1}%', page.page, page.confidence)).join(', ');
}

/** The hover line for a position in a text read by OCR; undefined when its page was not. */
export function ocrHoverLine(pages: readonly OcrPage[], page: number): string | undefined {
  const read = pages.find((candidate) => candidate.page === page);
  return read && vscode.l10n.t('Page {0} of this PDF was read by OCR (confidence {1}%).', read.page, read.confidence);
}

/** A diagnostic at the start of each page read by OCR with a confidence below `minConfidence`. */
export function lowConfidenceDiagnostics(document: vscode.TextDocument, pages: readonly OcrPage[], minConfidence: number): vscode.Diagnostic[] {
  const text = document.getText();
  const starts = [0];
  for (let at = text.indexOf('\f'); at !== -1; at = text.indexOf('\f', at + 1)) starts.push(at + 1);
  return pages
    .filter((page) => page.confidence < minConfidence && starts[page.page - 1] !== undefined)
    .map((page) => {
      const start = document.positionAt(starts[page.page - 1]!);
      const line = document.lineAt(start.line);
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(start, line.range.end),
        vscode.l10n.t('Page {0} was read by OCR with a confidence of {1}%, below imr.ocr.minConfidence ({2}%): check its text against the PDF.', page.page, page.confidence, minConfidence),
        vscode.DiagnosticSeverity.Warning,
      );
      diagnostic.source = 'imr';
      diagnostic.code = LOW_OCR_CONFIDENCE_CODE;
      return diagnostic;
    });
}
