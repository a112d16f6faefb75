/** Finding letters on disk and reading them as text, with every failure reported rather than thrown. */

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { decodeText, loadPdfExtractor, OCR_ASSET_DIR, OCR_ASSET_SOURCES, type OcrAssetName, type OcrPage, type PdfExtractor } from '../core';

export const LETTER_EXTENSIONS = ['.txt', '.imr'];
/** Published letters: read when named, and found in directories with `--include-pdf`. */
export const PDF_EXTENSION = '.pdf';

export function isPdfPath(file: string): boolean {
  return path.extname(file).toLowerCase() === PDF_EXTENSION;
}

/** How standard input is named in the output, when `-` is given as a PATH. */
export const STDIN_NAME = '<stdin>';

export interface FoundFile {
  readonly path: string;
  /** The letter is read from standard input (`-`); `path` is then {@link STDIN_NAME}. */
  readonly stdin?: true;
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
      problems.push({ path: dir, message: describeError(error) });
      return;
    }
    if (visited.has(real)) return; // a symlink back to a directory already walked
    visited.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: dir, message: `cannot read directory: ${describeError(error)}` });
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
          problems.push({ path: full, message: `broken link: ${describeError(error)}` });
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
    if (given === '-') {
      files.push({ path: STDIN_NAME, stdin: true });
      continue;
    }
    let stat: import('node:fs').Stats;
    try {
      stat = await fs.stat(given);
    } catch (error) {
      problems.push({ path: given, message: describeError(error) });
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
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly source?: 'pdf';
      /** The pages of a PDF read by OCR (they had no text layer), with their confidence. */
      readonly ocr?: readonly OcrPage[];
    }
  | { readonly kind: 'notText'; readonly message: string }
  | { readonly kind: 'tooLarge'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

/** How a PDF is read. */
export interface ReadOptions {
  /** Read the pages without a text layer (scans) by OCR (default: true). */
  readonly ocr?: boolean;
}

/**
 * Reads a file as a letter ({@link decodeLetter}; a PDF by its text layer, and its scanned pages by
 * OCR unless `options.ocr` is false); a file with NUL bytes or mostly control characters is not text.
 */
export async function readLetter(file: string, maxBytes: number, options: ReadOptions = {}): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (stat.size > maxBytes) return { kind: 'tooLarge', message: `skipped: ${stat.size} bytes is above the limit of ${maxBytes} (--max-bytes)` };
    bytes = await fs.readFile(file);
  } catch (error) {
    return { kind: 'error', message: describeError(error) };
  }
  return isPdfPath(file) ? readPdf(bytes, options) : decodeLetter(bytes);
}

/**
 * Reads standard input as a letter, as {@link readLetter} reads a file: a PDF when it starts as one,
 * else text. Reading stops at `maxBytes` (the size of a pipe is not known beforehand).
 */
export async function readStdinLetter(input: AsyncIterable<Uint8Array | string>, maxBytes: number, options: ReadOptions = {}): Promise<ReadResult> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of input) {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      size += bytes.length;
      if (size > maxBytes) return { kind: 'tooLarge', message: `skipped: more than the limit of ${maxBytes} bytes (--max-bytes)` };
      chunks.push(bytes);
    }
  } catch (error) {
    return { kind: 'error', message: `cannot read standard input: ${describeError(error)}` };
  }
  const bytes = Buffer.concat(chunks, size);
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-' ? readPdf(bytes, options) : decodeLetter(bytes);
}

/**
 * One of the OCR engine's files: from dist/ocr/ beside the bundled CLI, or, running from the sources
 * (the unit tests), from the npm package esbuild.mjs copies it from. Never from the network.
 */
export async function readOcrAsset(name: OcrAssetName): Promise<Uint8Array> {
  try {
    return await fs.readFile(path.join(__dirname, OCR_ASSET_DIR, name));
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  return fs.readFile(require.resolve(OCR_ASSET_SOURCES[name]));
}

/** The note on stderr for a PDF whose pages were read by OCR: which pages, and how confident the engine was. */
export function ocrNote(pages: readonly OcrPage[]): string {
  const list = pages.map((page) => `page ${page.page} ${page.confidence}%`).join(', ');
  return `no text layer on ${pages.length === 1 ? '1 page' : `${pages.length} pages`}: read by OCR (confidence: ${list})`;
}

/**
 * The text of a PDF letter. pdf.js is loaded on the first PDF only: in the bundled CLI the loader
 * requires dist/pdf.js (see src/core/pdfReader.ts), so checking text letters never loads it; the OCR
 * engine's files are read on the first scanned page only.
 */
async function readPdf(bytes: Uint8Array, options: ReadOptions): Promise<ReadResult> {
  let extractPdfText: PdfExtractor;
  try {
    extractPdfText = await loadPdfExtractor();
  } catch (error) {
    return { kind: 'error', message: `the PDF reader could not be loaded: ${describeError(error)}` };
  }
  const result = await extractPdfText(bytes, options.ocr === false ? {} : { ocr: { loadAsset: readOcrAsset } });
  if (!('text' in result)) return { kind: 'error', message: result.error };
  return { kind: 'text', text: result.text, source: 'pdf', ...(result.ocr ? { ocr: result.ocr } : {}) };
}

/**
 * Bytes as a letter's text by the core's rule ({@link decodeText}, over the whole file): UTF-16 by its
 * byte order mark, else UTF-8, falling back to Windows-1252 for the stray bytes of old extractions.
 */
export function decodeLetter(bytes: Uint8Array): ReadResult {
  const decoded = decodeText(bytes);
  if ('text' in decoded) return { kind: 'text', text: decoded.text };
  return { kind: 'notText', message: decoded.notText === 'nul' ? 'not a text file (it contains NUL bytes)' : 'not a text file (mostly control characters)' };
}

/** A file system error in a few words, without its code and system call (`ENOSPC: ..., write`). */
export function describeError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'ENOSPC') return 'no space left on device';
  if (code === 'EDQUOT') return 'disk quota exceeded';
  if (code === 'EFBIG') return 'file too large';
  if (code === 'EIO') return 'input/output error';
  return error instanceof Error ? error.message : String(error);
}
