/** `imr-annotate check`: the core as a command-line checker for folders of letters. */

import { analyzeText } from '../core/analyze';
import { parseArgs, USAGE, type CheckArgs } from './args';
import { collectLetters, isPdfPath, readLetter } from './files';
import { fileReport, type FileReport, formatFileText, formatTextSummary, jsonEntryPieces, JSON_START, jsonEnd, noProblems, visible } from './report';

declare const IMR_VERSION: string | undefined;

interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves when stdout can take more (a slow pipe has caught up); without it, output is never waited for. */
  stdoutReady?(): Promise<void>;
}

/** Runs the CLI and returns its exit status: 0 clean, 1 error-severity problems, 2 usage or unreadable input. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv);
  switch (args.command) {
    case 'help':
      io.stdout(USAGE + '\n');
      return 0;
    case 'version':
      io.stdout(`${typeof IMR_VERSION === 'string' ? IMR_VERSION : 'development'}\n`);
      return 0;
    case 'error':
      io.stderr(`imr-annotate: ${visible(args.message)}\n\n${USAGE}\n`);
      return 2;
    case 'check':
      return check(args, io);
  }
}

async function check(args: CheckArgs, io: Io): Promise<number> {
  const { files, problems, skippedPdfs } = await collectLetters(args.paths, { includePdf: args.includePdf });
  let status = 0;
  for (const problem of problems) {
    io.stderr(`imr-annotate: ${visible(problem.path)}: ${visible(problem.message)}\n`);
    status = 2;
  }
  if (skippedPdfs > 0) {
    io.stderr(`imr-annotate: ${skippedPdfs} PDF file${skippedPdfs === 1 ? '' : 's'} in the directories not read: add --include-pdf to check them too\n`);
  }
  // Each file's result is written as soon as it is checked, so memory does not grow with the number of
  // files: only the counts the summary line and the exit status need are kept.
  const json = args.format === 'json';
  const counts = noProblems();
  let written = 0;
  if (json) io.stdout(JSON_START);
  for (const file of files) {
    const report = await checkFile(file.path, args.maxBytes, io);
    if (report.error) status = 2;
    else if (status === 0 && report.diagnostics.some((d) => d.severity === 'error')) status = 1;
    if (json) {
      // A large letter's entry is written piece by piece, each waiting for a slow pipe, never held whole.
      for (const piece of jsonEntryPieces(report, written === 0)) {
        io.stdout(piece);
        await io.stdoutReady?.();
      }
    } else {
      io.stdout(formatFileText(report, counts));
      await io.stdoutReady?.();
    }
    written++;
  }
  io.stdout(json ? jsonEnd(written) : formatTextSummary(counts, written));
  return status;
}

/** One file's report; a file that cannot be checked is reported on stderr too. */
async function checkFile(path: string, maxBytes: number, io: Io): Promise<FileReport> {
  const read = await readLetter(path, maxBytes);
  if (read.kind === 'text') return fileReport(path, analyzeText(read.text), read.source);
  io.stderr(`imr-annotate: ${visible(path)}: ${visible(read.message)}\n`);
  const base = { path, ...(isPdfPath(path) ? { source: 'pdf' as const } : {}), isDetermination: false, items: [], diagnostics: [] };
  return read.kind === 'tooLarge' ? { ...base, notice: read.message } : { ...base, error: read.message };
}

// Run when executed as the bundled CLI, not when imported by tests.
if (typeof require !== 'undefined' && require.main === module) {
  run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // Waits for 'drain' when the stream asks to (a slow pipe), rather than buffering the rest in memory.
    stdoutReady: () => (process.stdout.writableNeedDrain ? new Promise<void>((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve()),
  }).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(`imr-annotate: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
