// Scanned PDFs for the OCR tests: the scans of test/fixtures/corpus-scan (26 letters rendered at
// 200 dpi, skewed, noised and thresholded, saved as image-only PDFs) and small PDFs made from them.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import { requirePdfModule } from '../../../src/core';
import { buildPdf, stream, textContent } from './pdfs';

export const SCANS = path.join(__dirname, '..', '..', 'fixtures', 'corpus-scan');
/** The text versions of the same letters (same case number), whose items are the truth. */
export const TEXTS = path.join(__dirname, '..', '..', 'fixtures', 'corpus');

export function scanBytes(caseNumber: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(SCANS, `${caseNumber}.pdf`)));
}

/**
 * A two-page PDF: page 1 has a text layer (`lines` in Helvetica), page 2 is an image only, the top
 * `rows` rows of the first page of a scan (its letterhead and case number), as 8-bit gray.
 */
export async function mixedPdf(caseNumber: string, lines: readonly string[], rows = 640): Promise<Uint8Array> {
  const [firstPage] = await requirePdfModule().extractPageImages(scanBytes(caseNumber));
  const image = firstPage![0]!;
  const height = Math.min(rows, image.height);
  const pixels = image.pixels.subarray(0, image.width * height);
  const data = Buffer.from(deflateSync(pixels)).toString('latin1');
  // 200 dpi: the page is as large as the image in points.
  const [w, h] = [(image.width * 72) / 200, (height * 72) / 200];
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream(textContent(lines)),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Contents 7 0 R /Resources << /XObject << /Im0 8 0 R >> >> >>`,
    stream(`q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`),
    stream(data, `/Type /XObject /Subtype /Image /Width ${image.width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode `),
  ]);
}
