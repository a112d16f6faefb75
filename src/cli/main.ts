/** `imr-annotate check`: the core as a command-line checker for folders of letters. */

import { agreeDirs } from './agree';
import { CLOSED_PIPE_STATUS, parseArgs, USAGE, type CheckArgs } from './args';
import { checkFile } from './checkFile';
import { checkedInOrder } from './checkJobs';
import { exportLetters } from './export';
import { collectLetters, describeError } from './files';
import { defaultJobs, isPoolWorker, serveTasks, type WorkerEntry } from './pool';
import { formatFileText, formatTextSummary, jsonEntryPieces, JSON_START, jsonEnd, noProblems, visible } from './report';
import { runReport } from './reportCommand';
import { WORKER_TASKS } from './workerTasks';

declare const IMR_VERSION: string | undefined;

interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves when stdout can take more (a slow pipe has caught up); without it, output is never waited for. */
  stdoutReady?(): Promise<void>;
  /** Standard input, for a PATH of `-`; without it, `-` is reported as unreadable. */
  stdin?(): AsyncIterable<Uint8Array | string>;
}

/**
 * Runs the CLI and returns its exit status: 0 clean, 1 error-severity problems, 2 usage or unreadable
 * input. (Output that cannot be written ends the process itself: see the end of this file.)
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  // `report` has its own options and help (src/cli/reportArgs.ts).
  if (argv[0] === 'report') return runReport(argv.slice(1), io, workerEntry());
  const args = parseArgs(argv);
  switch (args.command) {
    case 'help':
      io.stdout((args.usage ?? USAGE) + '\n');
      return 0;
    case 'version':
      io.stdout(`${typeof IMR_VERSION === 'string' ? IMR_VERSION : 'development'}\n`);
      return 0;
    case 'error':
      io.stderr(`imr-annotate: ${visible(args.message)}\n\n${args.usage ?? USAGE}\n`);
      return 2;
    case 'check':
      return check(args, io);
    case 'export':
      return exportLetters(args, io);
    case 'agree':
      return agreeDirs(args, io);
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
  const jobs = args.jobs ?? defaultJobs();
  if (jobs > 1 && files.length > 1) {
    // In worker threads: each file's output made there, written here in the files' order.
    for await (const checked of checkedInOrder(files, { ...args, jobs }, io, workerEntry())) {
      if (checked.stderr) io.stderr(checked.stderr);
      if (checked.failed) status = 2;
      else if (status === 0 && checked.hasErrors) status = 1;
      io.stdout(json && written > 0 ? `,${checked.output}` : checked.output);
      await io.stdoutReady?.();
      counts.errors += checked.counts.errors;
      counts.warnings += checked.counts.warnings;
      counts.infos += checked.counts.infos;
      written++;
    }
    io.stdout(json ? jsonEnd(written) : formatTextSummary(counts, written));
    return status;
  }
  for (const file of files) {
    const report = await checkFile(file, args.maxBytes, io, { ocr: args.ocr });
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

/**
 * The script a pool worker runs: this module's file. The bundled CLI (dist/cli.js) is its own worker;
 * run from the sources (the tests), the worker loads them with tsx.
 */
function workerEntry(): WorkerEntry {
  return __filename.endsWith('.ts') ? { filename: __filename, execArgv: ['--require', 'tsx/cjs'] } : { filename: __filename };
}

/**
 * Ends the process when stdout fails. A closed pipe (`| head` has all it wants) ends it quietly, as
 * grep ends, with the status a shell reports for grep; any other failure (a full disk) in one line,
 * exit 2. Exiting at once also stops the checking whose output nobody can read.
 */
function onStdoutError(error: unknown): void {
  if ((error as { code?: string }).code === 'EPIPE') process.exit(CLOSED_PIPE_STATUS);
  process.stderr.write(`imr-annotate: cannot write output: ${visible(describeError(error))}\n`);
  process.exit(2);
}

// Run when executed as the bundled CLI, not when imported by tests.
if (isPoolWorker()) serveTasks(WORKER_TASKS);
else if (typeof require !== 'undefined' && require.main === module) {
  process.stdout.on('error', onStdoutError);
  // A closed stderr: nowhere left to say anything, and stdout and the exit status still tell the result.
  process.stderr.on('error', () => undefined);
  run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // Waits for 'drain' when the stream asks to (a slow pipe), rather than buffering the rest in memory.
    stdoutReady: () => (process.stdout.writableNeedDrain ? new Promise<void>((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve()),
    stdin: () => process.stdin,
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
