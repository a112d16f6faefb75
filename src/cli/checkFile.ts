/** One file checked: read, analysed and reported; in the CLI's thread or, with `--jobs N`, in a pool worker. */

import { analyzeText } from '../core';
import { type FoundFile, isPdfPath, ocrNote, readLetter, readStdinLetter, type ReadOptions } from './files';
import { fileReport, type FileReport, formatFileText, jsonEntryPieces, noProblems, type ProblemCounts, visible } from './report';

/** Where a check writes its notes, and standard input for a PATH of `-`. */
export interface CheckIo {
  stderr(text: string): void;
  stdin?(): AsyncIterable<Uint8Array | string>;
}

/** One file's report; a file that cannot be checked is reported on stderr too. */
export async function checkFile(file: FoundFile, maxBytes: number, io: CheckIo, options: ReadOptions = {}): Promise<FileReport> {
  const { path } = file;
  const read = !file.stdin
    ? await readLetter(path, maxBytes, options)
    : io.stdin
      ? await readStdinLetter(io.stdin(), maxBytes, options)
      : { kind: 'error' as const, message: 'cannot read standard input: not available' };
  // A scan's pages read by OCR: said on stderr, with the confidence per page.
  if (read.kind === 'text' && read.ocr) io.stderr(`imr-annotate: ${visible(path)}: ${ocrNote(read.ocr)}\n`);
  if (read.kind === 'text') return fileReport(path, analyzeText(read.text), read.source, read.ocr);
  io.stderr(`imr-annotate: ${visible(path)}: ${visible(read.message)}\n`);
  return failedReport(path, read.kind === 'tooLarge' ? { notice: read.message } : { error: read.message });
}

/** The report of a file that could not be checked: its error (or notice, for a skipped file) and nothing else. */
export function failedReport(path: string, why: { readonly error: string } | { readonly notice: string }): FileReport {
  return { path, ...(isPdfPath(path) ? { source: 'pdf' as const } : {}), isDetermination: false, items: [], diagnostics: [], ...why };
}

/**
 * What `check` writes for one file, made where the file was checked (a worker's result crosses
 * threads as plain data): its stderr lines, its output (the text block, or the JSON entry as the first
 * entry: a later one is a comma before it), and what the summary line and the exit status need.
 */
export interface CheckedFile {
  readonly stderr: string;
  readonly output: string;
  /** The file could not be read (exit status 2). */
  readonly failed: boolean;
  /** It has an error-severity problem (exit status 1). */
  readonly hasErrors: boolean;
  readonly counts: ProblemCounts;
}

/** The input of the `check` task. */
export interface CheckTaskInput {
  readonly path: string;
  readonly maxBytes: number;
  readonly format: 'text' | 'json';
  /** Read scanned pages by OCR (`--no-ocr`: false). */
  readonly ocr: boolean;
}

/** A report as {@link CheckedFile}. */
export function checkedOutput(report: FileReport, format: 'text' | 'json', stderr: string): CheckedFile {
  const counts = noProblems();
  const output = format === 'json' ? [...jsonEntryPieces(report, true)].join('') : formatFileText(report, counts);
  return { stderr, output, failed: report.error !== undefined, hasErrors: report.diagnostics.some((d) => d.severity === 'error'), counts };
}

/** The `check` task a pool worker runs for one file (never standard input: the CLI's thread reads that). */
export async function checkTask(input: CheckTaskInput): Promise<CheckedFile> {
  let stderr = '';
  const report = await checkFile({ path: input.path }, input.maxBytes, { stderr: (text) => (stderr += text) }, { ocr: input.ocr });
  return checkedOutput(report, input.format, stderr);
}
