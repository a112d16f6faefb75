// Small PDFs written by hand (PDF 1.4 syntax, a correct cross-reference table), for the tests of the
// PDF reader: one with text, one with only a rectangle drawn (a "scan" without a text layer).
// No Node API: the integration suite bundles this for the web extension host too.

/** The bytes of a string whose characters are all below 256 (one byte each, as PDF syntax is). */
export function bytesOf(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

/**
 * A PDF from its objects' bodies (object 1 is the catalog, numbered from 1 in order), with an
 * exact xref table; `trailer` adds entries to the trailer dictionary (`/Encrypt`, `/ID`).
 */
export function buildPdf(objects: readonly string[], trailer = ''): Uint8Array {
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return bytesOf(out);
}

/** A stream object's body. */
export function stream(content: string, extra = ''): string {
  return `<< /Length ${content.length} ${extra}>>\nstream\n${content}\nendstream`;
}

/** Escapes a string for a PDF literal string `( )`. */
function literal(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** The objects of a one-page PDF (Letter size) whose page draws `content` with Helvetica as /F1. */
export function onePageObjects(content: string): string[] {
  return [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream(content),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
}

/** The content stream that writes `lines` top-down in 12 pt Helvetica, 14 pt apart (an empty line leaves a gap). */
export function textContent(lines: readonly string[]): string {
  const ops = ['BT', '/F1 12 Tf', '72 720 Td'];
  lines.forEach((line, i) => {
    if (i > 0) ops.push('0 -14 Td');
    if (line !== '') ops.push(`(${literal(line)}) Tj`);
  });
  ops.push('ET');
  return ops.join('\n');
}

/** A one-page PDF with these lines of text. */
export function textPdf(lines: readonly string[]): Uint8Array {
  return buildPdf(onePageObjects(textContent(lines)));
}

/** A one-page PDF that only draws a filled rectangle: a page with no text layer, like a scan. */
export function rectanglePdf(): Uint8Array {
  return buildPdf(onePageObjects('0.2 0.2 0.8 rg\n100 100 300 200 re\nf'));
}
