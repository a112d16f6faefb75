/** `imr-annotate check`: the core as a command-line checker for folders of letters. */

import { analyzeText } from '../core/analyze';
import { parseArgs, USAGE, type CheckArgs } from './args';
import { collectLetters, isPdfPath, readLetter } from './files';
import { fileReport, type FileReport, formatText } from './report';

declare const IMR_VERSION: string | undefined;

interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
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
      io.stderr(`imr-annotate: ${args.message}\n\n${USAGE}\n`);
      return 2;
    case 'check':
      return check(args, io);
  }
}

async function check(args: CheckArgs, io: Io): Promise<number> {
  const { files, problems, skippedPdfs } = await collectLetters(args.paths, { includePdf: args.includePdf });
  let status = 0;
  for (const problem of problems) {
    io.stderr(`imr-annotate: ${problem.path}: ${problem.message}\n`);
    status = 2;
  }
  if (skippedPdfs > 0) {
    io.stderr(`imr-annotate: ${skippedPdfs} PDF file${skippedPdfs === 1 ? '' : 's'} in the directories not read: add --include-pdf to check them too\n`);
  }
  const reports: FileReport[] = [];
  for (const file of files) {
    const read = await readLetter(file.path, args.maxBytes);
    if (read.kind === 'text') {
      const report = fileReport(file.path, analyzeText(read.text), read.source);
      if (status === 0 && report.diagnostics.some((d) => d.severity === 'error')) status = 1;
      reports.push(report);
      continue;
    }
    const base = { path: file.path, ...(isPdfPath(file.path) ? { source: 'pdf' as const } : {}), isDetermination: false, items: [], diagnostics: [] };
    if (read.kind === 'tooLarge') {
      io.stderr(`imr-annotate: ${file.path}: ${read.message}\n`);
      reports.push({ ...base, notice: read.message });
    } else {
      io.stderr(`imr-annotate: ${file.path}: ${read.message}\n`);
      reports.push({ ...base, error: read.message });
      status = 2;
    }
  }
  if (args.format === 'json') io.stdout(JSON.stringify({ files: reports }, null, 2) + '\n');
  else io.stdout(formatText(reports));
  return status;
}

// Run when executed as the bundled CLI, not when imported by tests.
if (typeof require !== 'undefined' && require.main === module) {
  run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
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
