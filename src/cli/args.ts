/** Command-line arguments: `imr-annotate check [--format text|json] [--max-bytes N] [--include-pdf] [--jobs N] PATH...` (`-`: standard input). */

export interface CheckArgs {
  readonly command: 'check';
  readonly format: 'text' | 'json';
  readonly paths: readonly string[];
  /** Files larger than this are skipped with a notice. */
  readonly maxBytes: number;
  /** Read the PDFs found in directories too (PDFs named on the command line are always read). */
  readonly includePdf: boolean;
  /** Files checked at once, in worker threads (1: in the CLI's own thread); the machine's cores when not given. */
  readonly jobs?: number;
}

export type ParsedArgs = CheckArgs | { readonly command: 'help' } | { readonly command: 'version' } | { readonly command: 'error'; readonly message: string };

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** The exit status when stdout is a pipe whose reader has gone (`| head`): 128 + SIGPIPE, as the shell reports grep's. */
export const CLOSED_PIPE_STATUS = 141;

export const USAGE = `Usage: imr-annotate check [options] PATH...

Checks IMR determination letters (*.txt, *.imr, and the published *.pdf; directories
are walked) and prints each letter's disputed items and the problems found. A PATH
of - reads one letter from standard input (named <stdin> in the output).

Options:
  --format text|json   output format (default: text)
  --max-bytes N        skip files larger than N bytes (default: ${DEFAULT_MAX_BYTES})
  --include-pdf        also read the *.pdf files found in directories (a PDF named
                       as a PATH is always read)
  --jobs N             check N files at once in worker threads (default: the
                       machine's cores); the output is the same as with --jobs 1
  -h, --help           show this help
  -v, --version        show the version

Exit status: 0 no error-severity problem, 1 at least one, 2 usage error, a file
that could not be read as text, such as a PDF without a text layer (the other files
are still checked), or output that could not be written (a full disk);
${CLOSED_PIPE_STATUS} (quietly) when the output pipe closed early, as with "| head".`;

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0) return { command: 'error', message: 'missing command: expected "check"' };
  if (argv.includes('-h') || argv.includes('--help')) return { command: 'help' };
  if (argv.includes('-v') || argv.includes('--version')) return { command: 'version' };
  const [command, ...rest] = argv;
  if (command !== 'check') return { command: 'error', message: `unknown command "${command}": expected "check"` };
  let format: 'text' | 'json' = 'text';
  let maxBytes = DEFAULT_MAX_BYTES;
  let includePdf = false;
  let jobs: number | undefined;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--format') {
      const value = inline ?? rest[++i];
      if (value !== 'text' && value !== 'json') return { command: 'error', message: `--format must be "text" or "json", not ${value === undefined ? 'nothing' : `"${value}"`}` };
      format = value;
    } else if (flag === '--max-bytes') {
      const value = inline ?? rest[++i];
      const n = Number(value);
      if (!value || !Number.isInteger(n) || n <= 0) return { command: 'error', message: `--max-bytes must be a positive whole number, not "${value ?? ''}"` };
      maxBytes = n;
    } else if (flag === '--include-pdf') {
      if (inline !== undefined) return { command: 'error', message: '--include-pdf takes no value' };
      includePdf = true;
    } else if (flag === '--jobs') {
      const value = inline ?? rest[++i];
      const n = Number(value);
      if (!value || !Number.isInteger(n) || n <= 0) return { command: 'error', message: `--jobs must be a positive whole number, not "${value ?? ''}"` };
      jobs = n;
    } else if (flag === '--') {
      paths.push(...rest.slice(i + 1));
      break;
    } else if (flag.startsWith('-') && flag !== '-') {
      return { command: 'error', message: `unknown option "${flag}"` };
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0) return { command: 'error', message: 'no PATH given: name letters or directories to check' };
  // Standard input can be read once only.
  if (paths.filter((p) => p === '-').length > 1) return { command: 'error', message: 'standard input (-) can be named only once' };
  return { command: 'check', format, paths, maxBytes, includePdf, ...(jobs !== undefined ? { jobs } : {}) };
}
