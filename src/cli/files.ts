/** Finding letters on disk and reading them as text, with every failure reported rather than thrown. */

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { loadPdfExtractor, type PdfExtractor } from '../core';

export const LETTER_EXTENSIONS = ['.txt', '.imr'];
/** Published letters: read when named, and found in directories with `--include-pdf`. */
export const PDF_EXTENSION = '.pdf';

export function isPdfPath(file: string): boolean {
  return path.extname(file).toLowerCase() === PDF_EXTENSION;
}

export interface FoundFile {
  readonly path: string;
}

export interface WalkProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * The letter files under `paths` (files as given; directories walked, symlink loops cut), sorted per
 * directory. PDFs in directories are letters only with `includePdf`; `skippedPdfs` counts the others.
 */
export async function collectLetters(
  paths: readonly string[],
  options: { readonly includePdf?: boolean } = {},
): Promise<{ files: FoundFile[]; problems: WalkProblem[]; skippedPdfs: number }> {
  const files: FoundFile[] = [];
  const problems: WalkProblem[] = [];
  const visited = new Set<string>();
  let skippedPdfs = 0;

  const walk = async (dir: string): Promise<void> => {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (error) {
      problems.push({ path: dir, message: describe(error) });
      return;
    }
    if (visited.has(real)) return; // a symlink back to a directory already walked
    visited.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: dir, message: `cannot read directory: ${describe(error)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const stat = await fs.stat(full);
          isDir = stat.isDirectory();
          isFile = stat.isFile();
        } catch (error) {
          problems.push({ path: full, message: `broken link: ${describe(error)}` });
          continue;
        }
      }
      if (isDir) await walk(full);
      else if (isFile && LETTER_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) files.push({ path: full });
      else if (isFile && isPdfPath(entry.name)) {
        if (options.includePdf) files.push({ path: full });
        else skippedPdfs++;
      }
    }
  };

  for (const given of paths) {
    let stat: import('node:fs').Stats;
    try {
      stat = await fs.stat(given);
    } catch (error) {
      problems.push({ path: given, message: describe(error) });
      continue;
    }
    if (stat.isDirectory()) await walk(given);
    else if (stat.isFile()) files.push({ path: given });
    // A FIFO, socket or device: reading it could block forever (a FIFO nobody writes) or never end (`/dev/zero`).
    else problems.push({ path: given, message: 'not a regular file or directory' });
  }
  return { files, problems, skippedPdfs };
}

export type ReadResult =
  | { readonly kind: 'text'; readonly text: string; readonly source?: 'pdf' }
  | { readonly kind: 'notText'; readonly message: string }
  | { readonly kind: 'tooLarge'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

/**
 * Reads a file as a letter: UTF-8 (with or without BOM), falling back to Windows-1252 for the
 * stray bytes of old extractions; a file with NUL bytes or mostly control characters is not text.
 */
export async function readLetter(file: string, maxBytes: number): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (stat.size > maxBytes) return { kind: 'tooLarge', message: `skipped: ${stat.size} bytes is above the limit of ${maxBytes} (--max-bytes)` };
    bytes = await fs.readFile(file);
  } catch (error) {
    return { kind: 'error', message: describe(error) };
  }
  return isPdfPath(file) ? readPdf(bytes) : decodeLetter(bytes);
}

/**
 * The text of a PDF letter. pdf.js is loaded on the first PDF only: in the bundled CLI the loader
 * requires dist/pdf.js (see src/core/pdfReader.ts), so checking text letters never loads it.
 */
async function readPdf(bytes: Uint8Array): Promise<ReadResult> {
  let extractPdfText: PdfExtractor;
  try {
    extractPdfText = await loadPdfExtractor();
  } catch (error) {
    return { kind: 'error', message: `the PDF reader could not be loaded: ${describe(error)}` };
  }
  const result = await extractPdfText(bytes);
  return 'text' in result ? { kind: 'text', text: result.text, source: 'pdf' } : { kind: 'error', message: result.error };
}

export function decodeLetter(bytes: Uint8Array): ReadResult {
  // UTF-16 with a byte order mark (Windows "Unicode" text): text, although its bytes hold NULs.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'text', text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { kind: 'text', text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return { kind: 'notText', message: 'not a text file (it contains NUL bytes)' };
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.05) return { kind: 'notText', message: 'not a text file (mostly control characters)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { kind: 'text', text };
}

function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return error instanceof Error ? error.message : String(error);
}
