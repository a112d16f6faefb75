/** Command-line arguments: `imr-annotate check [--format text|json] [--max-bytes N] [--include-pdf] [--jobs N] PATH...` (`-`: standard input). */

export interface CheckArgs {
  readonly command: 'check';
  readonly format: 'text' | 'json';
  readonly paths: readonly string[];
  /** Files larger than this are skipped with a notice. */
  readonly maxBytes: number;
  /** Read the PDFs found in directories too (PDFs named on the command line are always read). */
  readonly includePdf: boolean;
  /** Read the pages of a PDF that have no text layer (scans) by OCR; off with `--no-ocr`. */
  readonly ocr: boolean;
  /** Files checked at once, in worker threads (1: in the CLI's own thread); the machine's cores when not given. */
  readonly jobs?: number;
}

export type ParsedArgs =
  | CheckArgs
  | ExportArgs
  | AgreeArgs
  | { readonly command: 'help'; /** The usage of one command, for `export --help`; the general one when absent. */ readonly usage?: string }
  | { readonly command: 'version' }
  | { readonly command: 'error'; readonly message: string; readonly usage?: string };

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
  --no-ocr             do not read scanned PDF pages (no text layer) by OCR
  --jobs N             check N files at once in worker threads (default: the
                       machine's cores); the output is the same as with --jobs 1
  -h, --help           show this help
  -v, --version        show the version

Exit status: 0 no error-severity problem, 1 at least one, 2 usage error, a file
that could not be read as text, such as a PDF without a text layer (the other files
are still checked), or output that could not be written (a full disk);
${CLOSED_PIPE_STATUS} (quietly) when the output pipe closed early, as with "| head".

Annotations (docs/annotations.md): imr-annotate export --help, imr-annotate agree --help
The outcomes dashboard of the letters: imr-annotate report --help`;

/** A flag's value as a positive whole number, or the message that says it is not one (every command's numeric flags). */
export function positiveWhole(flag: string, value: string | undefined): number | string {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : `${flag} must be a positive whole number, not "${value ?? ''}"`;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0) return { command: 'error', message: 'missing command: expected "check", "export", "agree" or "report"' };
  if (argv[0] === 'export') return parseExportArgs(argv.slice(1));
  if (argv[0] === 'agree') return parseAgreeArgs(argv.slice(1));
  if (argv.includes('-h') || argv.includes('--help')) return { command: 'help' };
  if (argv.includes('-v') || argv.includes('--version')) return { command: 'version' };
  const [command, ...rest] = argv;
  if (command !== 'check') return { command: 'error', message: `unknown command "${command}": expected "check", "export", "agree" or "report"` };
  let format: 'text' | 'json' = 'text';
  let maxBytes = DEFAULT_MAX_BYTES;
  let includePdf = false;
  let ocr = true;
  let jobs: number | undefined;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--format') {
      const value = inline ?? rest[++i];
      if (value !== 'text' && value !== 'json') return { command: 'error', message: `--format must be "text" or "json", not ${value === undefined ? 'nothing' : `"${value}"`}` };
      format = value;
    } else if (flag === '--max-bytes' || flag === '--jobs') {
      const n = positiveWhole(flag, inline ?? rest[++i]);
      if (typeof n === 'string') return { command: 'error', message: n };
      if (flag === '--jobs') jobs = n;
      else maxBytes = n;
    } else if (flag === '--include-pdf') {
      if (inline !== undefined) return { command: 'error', message: '--include-pdf takes no value' };
      includePdf = true;
    } else if (flag === '--no-ocr') {
      if (inline !== undefined) return { command: 'error', message: '--no-ocr takes no value' };
      ocr = false;
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
  return { command: 'check', format, paths, maxBytes, includePdf, ocr, ...(jobs !== undefined ? { jobs } : {}) };
}

// ---- export and agree: annotations (docs/annotations.md) ----

/** `imr-annotate export --format brat|jsonl|conll --out DIR|FILE [--source kept|analyzer|auto] PATH...` */
export interface ExportArgs {
  readonly command: 'export';
  readonly format: 'brat' | 'jsonl' | 'conll';
  /** A directory for brat; a file (or `-`, standard output) for jsonl and conll. */
  readonly out: string;
  /** `auto`: a letter's kept annotations (the `.ann` beside it) where they exist, else the analyzer's. */
  readonly source: 'kept' | 'analyzer' | 'auto';
  /** Only annotations with these labels; all when absent. */
  readonly labels?: readonly string[];
  readonly paths: readonly string[];
  readonly maxBytes: number;
  readonly includePdf: boolean;
}

/** `imr-annotate agree DIR_A DIR_B [--format text|json]` */
export interface AgreeArgs {
  readonly command: 'agree';
  readonly format: 'text' | 'json';
  readonly a: string;
  readonly b: string;
}

export const EXPORT_USAGE = `Usage: imr-annotate export --format brat|jsonl|conll --out DIR|FILE [options] PATH...

Exports letters (*.txt, *.imr, *.pdf; directories are walked) with their annotations:
the kept ones, from the .ann file beside a letter (brat's standoff format), or the
analyzer's.

  --format brat    DIR/<name>.txt (the letter's text: the file's bytes for a UTF-8
                   letter, the extracted text for a PDF), DIR/<name>.ann and
                   DIR/annotation.conf, a collection brat opens as it is
  --format jsonl   one JSON object per letter: {"text", "spans": [{"start", "end",
                   "label", "id"}], "meta"}, offsets in code points (doccano,
                   Prodigy, spaCy)
  --format conll   "token TAG" lines, BIO tags, a blank line between paragraphs

Options:
  --out DIR|FILE       where to write (jsonl and conll: - for standard output)
  --source kept|analyzer|auto
                       whose annotations: auto (the default) takes the kept .ann
                       where one exists and the analyzer's elsewhere
  --labels A,B,...     only these labels
  --max-bytes N        skip files larger than N bytes (default: ${DEFAULT_MAX_BYTES})
  --include-pdf        also read the *.pdf files found in directories
  -h, --help           show this help

Exit status: 0 exported, 2 usage error or a letter that could not be read (the
others are still exported).`;

export const AGREE_USAGE = `Usage: imr-annotate agree DIR_A DIR_B [--format text|json]

Compares two annotators' brat collections (the .ann files and the letters' .txt,
as "imr-annotate export --format brat" writes them, matched by name): B's
annotations scored against A's per label and overall (true and false positives,
false negatives, precision, recall, F1) on exact spans and on overlapping spans,
and Cohen's kappa on the outcomes of the items both marked.

Options:
  --format text|json   output format (default: text)
  -h, --help           show this help

Exit status: 0 compared, 2 usage error or a file that could not be read.`;

const splitFlag = (arg: string): [string, string | undefined] =>
  arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];

function parseExportArgs(rest: readonly string[]): ParsedArgs {
  if (rest.includes('-h') || rest.includes('--help')) return { command: 'help', usage: EXPORT_USAGE };
  const error = (message: string): ParsedArgs => ({ command: 'error', message, usage: EXPORT_USAGE });
  let format: ExportArgs['format'] | undefined;
  let out: string | undefined;
  let source: ExportArgs['source'] = 'auto';
  let labels: string[] | undefined;
  let maxBytes = DEFAULT_MAX_BYTES;
  let includePdf = false;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = splitFlag(rest[i]!);
    const value = (): string | undefined => inline ?? rest[++i];
    if (flag === '--format') {
      const v = value();
      if (v !== 'brat' && v !== 'jsonl' && v !== 'conll') return error(`--format must be "brat", "jsonl" or "conll", not ${v === undefined ? 'nothing' : `"${v}"`}`);
      format = v;
    } else if (flag === '--out') {
      out = value();
      if (!out) return error('--out needs a directory (brat) or a file (jsonl, conll)');
    } else if (flag === '--source') {
      const v = value();
      if (v !== 'kept' && v !== 'analyzer' && v !== 'auto') return error(`--source must be "kept", "analyzer" or "auto", not ${v === undefined ? 'nothing' : `"${v}"`}`);
      source = v;
    } else if (flag === '--labels') {
      const v = value();
      labels = (v ?? '').split(',').map((l) => l.trim()).filter((l) => l !== '');
      if (labels.length === 0) return error('--labels needs a comma-separated list of labels, e.g. Drug,Strength');
    } else if (flag === '--max-bytes') {
      const n = positiveWhole(flag, value());
      if (typeof n === 'string') return error(n);
      maxBytes = n;
    } else if (flag === '--include-pdf') {
      if (inline !== undefined) return error('--include-pdf takes no value');
      includePdf = true;
    } else if (flag === '--') {
      paths.push(...rest.slice(i + 1));
      break;
    } else if (flag === '-') {
      return error('standard input cannot be exported: name the letter files');
    } else if (flag.startsWith('-')) {
      return error(`unknown option "${flag}"`);
    } else {
      paths.push(rest[i]!);
    }
  }
  if (!format) return error('--format is required: brat, jsonl or conll');
  if (!out) return error('--out is required');
  if (out === '-' && format === 'brat') return error('--format brat writes a directory: --out cannot be -');
  if (paths.length === 0) return error('no PATH given: name letters or directories to export');
  return { command: 'export', format, out, source, ...(labels ? { labels } : {}), paths, maxBytes, includePdf };
}

function parseAgreeArgs(rest: readonly string[]): ParsedArgs {
  if (rest.includes('-h') || rest.includes('--help')) return { command: 'help', usage: AGREE_USAGE };
  const error = (message: string): ParsedArgs => ({ command: 'error', message, usage: AGREE_USAGE });
  let format: AgreeArgs['format'] = 'text';
  const dirs: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = splitFlag(rest[i]!);
    if (flag === '--format') {
      const v = inline ?? rest[++i];
      if (v !== 'text' && v !== 'json') return error(`--format must be "text" or "json", not ${v === undefined ? 'nothing' : `"${v}"`}`);
      format = v;
    } else if (flag.startsWith('-') && flag !== '-') {
      return error(`unknown option "${flag}"`);
    } else {
      dirs.push(rest[i]!);
    }
  }
  if (dirs.length !== 2) return error(`expected two directories, DIR_A and DIR_B, not ${dirs.length}`);
  return { command: 'agree', format, a: dirs[0]!, b: dirs[1]! };
}
