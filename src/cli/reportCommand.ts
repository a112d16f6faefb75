/**
 * `imr-annotate report`: the outcomes dashboard of any number of letters, as one self-contained HTML
 * page (the same page as the extension's webview, from the core's `dashboardHtml`) or its numbers as
 * JSON. Files are read and analysed one at a time, each into an aggregate of its own that is merged
 * into the report's in the files' order (what a `--jobs` pool would do with results from its workers);
 * the report's aggregate does not grow with the number of letters (the core's `aggregate.ts`).
 */

import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { addFile, analyzeText, lettersOf, createAggregate, dashboardHtml, type DashboardData, finishAggregate, mergeAggregates, type OutcomeAggregate } from '../core';
import { collectLetters, describeError, type FoundFile, readLetter, type ReadResult, readStdinLetter } from './files';
import { defaultJobs, inOrder, type WorkerEntry, WorkerPool } from './pool';
import { parseReportArgs, REPORT_USAGE, type ReportArgs } from './reportArgs';
import { visible } from './report';

export interface ReportIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin?(): AsyncIterable<Uint8Array | string>;
}

/** The page script bundle, beside the bundled CLI (dist/cli.js) or, run from the sources, in dist/. */
export function dashboardScriptPath(): string | undefined {
  const candidates = [path.join(__dirname, 'dashboard.js'), path.join(__dirname, '..', '..', 'dist', 'dashboard.js')];
  return candidates.find((candidate) => existsSync(candidate));
}

/** Runs `report` with the arguments after the word `report`; the exit status. */
export async function runReport(argv: readonly string[], io: ReportIo, entry?: WorkerEntry): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(REPORT_USAGE + '\n');
    return 0;
  }
  const args = parseReportArgs(argv);
  if (args.command === 'error') {
    io.stderr(`imr-annotate: ${visible(args.message)}\n\n${REPORT_USAGE}\n`);
    return 2;
  }
  return report(args, io, entry);
}

/** One file to count, as a worker of a `--jobs` pool could be given it (serialisable). */
export interface ReportFileInput {
  readonly path: string;
  readonly maxBytes: number;
  readonly maxRefs: number;
}

/** One file's own aggregate, and why it could not be read; serialisable (structured clone keeps the Maps). */
export interface ReportFileResult {
  readonly aggregate: OutcomeAggregate;
  readonly problem?: string;
  /** The problem is an error (exit status 2), not a notice such as a file above --max-bytes. */
  readonly failed?: boolean;
}

function fileResult(path: string, read: ReadResult, maxRefs: number): ReportFileResult {
  const aggregate = createAggregate({ maxRefs });
  if (read.kind === 'text') {
    addFile(aggregate, path, lettersOf(analyzeText(read.text)).map((one) => one.letter));
    return { aggregate };
  }
  addFile(aggregate, path, []);
  return { aggregate, problem: read.message, ...(read.kind === 'tooLarge' ? {} : { failed: true }) };
}

/**
 * Reads and counts one file on its own. The report merges these per-file aggregates in the files'
 * order, which gives what one aggregate of every file gives (see `mergeAggregates`): a pool of
 * workers running this per file would write the same report.
 */
export async function reportFile(input: ReportFileInput): Promise<ReportFileResult> {
  return fileResult(input.path, await readLetter(input.path, input.maxBytes), input.maxRefs);
}

async function stdinFile(file: FoundFile, args: ReportArgs, io: ReportIo): Promise<ReportFileResult> {
  const read: ReadResult = io.stdin ? await readStdinLetter(io.stdin(), args.maxBytes) : { kind: 'error', message: 'cannot read standard input: not available' };
  return fileResult(file.path, read, args.maxRefs);
}

/** The aggregate of every letter under `args.paths`, and whether a file could not be read. */
export async function reportData(args: ReportArgs, io: ReportIo, entry?: WorkerEntry): Promise<{ data: DashboardData; status: number }> {
  const { files, problems, skippedPdfs } = await collectLetters(args.paths, { includePdf: args.includePdf });
  let status = 0;
  for (const problem of problems) {
    io.stderr(`imr-annotate: ${visible(problem.path)}: ${visible(problem.message)}\n`);
    status = 2;
  }
  if (skippedPdfs > 0) io.stderr(`imr-annotate: ${skippedPdfs} PDF file${skippedPdfs === 1 ? '' : 's'} in the directories not read: add --include-pdf to count them too\n`);
  const aggregate = createAggregate({ maxRefs: args.maxRefs });
  const add = (file: FoundFile, result: ReportFileResult): void => {
    if (result.problem !== undefined) io.stderr(`imr-annotate: ${visible(file.path)}: ${visible(result.problem)}\n`);
    if (result.failed) status = 2;
    mergeAggregates(aggregate, result.aggregate);
  };
  const jobs = args.jobs ?? defaultJobs();
  if (entry && jobs > 1 && files.length > 1) {
    // Each file counted by a pool worker into its own aggregate, merged here in the files' order: the
    // same report as one job (mergeAggregates), with at most two files per job in flight.
    const pool = new WorkerPool(entry, Math.min(jobs, files.length));
    try {
      const start = (file: FoundFile): Promise<ReportFileResult> =>
        file.stdin ? stdinFile(file, args, io) : pool.run<ReportFileResult>('report', { path: file.path, maxBytes: args.maxBytes, maxRefs: args.maxRefs } satisfies ReportFileInput);
      let index = 0;
      for await (const result of inOrder(files, jobs * 2, start)) {
        const file = files[index++]!;
        if (result.ok) add(file, result.value);
        else add(file, { aggregate: createAggregate({ maxRefs: args.maxRefs }), problem: `internal error: ${result.error.message}`, failed: true });
      }
    } finally {
      await pool.close();
    }
    return { data: finishAggregate(aggregate), status };
  }
  for (const file of files) {
    add(file, file.stdin ? await stdinFile(file, args, io) : await reportFile({ path: file.path, maxBytes: args.maxBytes, maxRefs: args.maxRefs }));
  }
  return { data: finishAggregate(aggregate), status };
}

async function report(args: ReportArgs, io: ReportIo, entry?: WorkerEntry): Promise<number> {
  let script = '';
  if (args.format === 'html') {
    const found = dashboardScriptPath();
    if (!found) {
      io.stderr('imr-annotate: the dashboard script (dashboard.js) is not beside the CLI: run `npm run build`\n');
      return 2;
    }
    script = await fs.readFile(found, 'utf8');
  }
  const { data, status } = await reportData(args, io, entry);
  const output =
    args.format === 'json'
      ? JSON.stringify(data, null, 2) + '\n'
      : dashboardHtml(data, {
          script,
          nonce: randomBytes(18).toString('base64'),
          host: 'standalone',
          scope: `${data.totals.letters} letter${data.totals.letters === 1 ? '' : 's'} in ${args.paths.join(', ')}`,
        });
  if (args.out === undefined) {
    io.stdout(output);
    return status;
  }
  try {
    await fs.writeFile(args.out, output);
  } catch (error) {
    io.stderr(`imr-annotate: ${visible(args.out)}: cannot write: ${visible(describeError(error))}\n`);
    return 2;
  }
  const { letters, items, files, skipped } = data.totals;
  io.stderr(`${args.format === 'json' ? 'Numbers' : 'Dashboard'} of ${letters} letters (${items} items, ${files} files${skipped > 0 ? `, ${skipped} skipped` : ''}) written to ${visible(args.out)}.\n`);
  return status;
}
