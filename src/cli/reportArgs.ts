/** Arguments of `imr-annotate report [--format html|json] [--out FILE] [--max-bytes N] [--include-pdf] PATH...`. */

import { DEFAULT_MAX_BYTES, positiveWhole } from './args';

export interface ReportArgs {
  readonly command: 'report';
  /** `html`: the outcomes dashboard as one self-contained page; `json`: its numbers. */
  readonly format: 'html' | 'json';
  /** Where to write; standard output when absent. */
  readonly out?: string;
  readonly paths: readonly string[];
  readonly maxBytes: number;
  readonly includePdf: boolean;
  /** Items listed per bar (the rest are counted). */
  readonly maxRefs: number;
  /** Files counted at once, in worker threads (1: in the CLI's own thread); the machine's cores when not given. */
  readonly jobs?: number;
}

/** Items listed per bar by default: enough to browse, and the page stays small for a million letters. */
export const DEFAULT_REPORT_REFS = 100;

export const REPORT_USAGE = `Usage: imr-annotate report [options] PATH...

Writes the outcomes dashboard of the letters under PATH (as check reads them): items
upheld and overturned by request category, drug class, guideline source, reviewer
specialty, decision month and priority; days from application to decision; the most
disputed drugs and requests. One self-contained HTML page (charts, tables, exports),
or its numbers as JSON.

Options:
  --out FILE           write to FILE (default: standard output)
  --format html|json   the page, or its numbers (default: html)
  --refs N             items listed under each bar; the rest are counted (default: ${DEFAULT_REPORT_REFS})
  --max-bytes N        skip files larger than N bytes (default: ${DEFAULT_MAX_BYTES})
  --include-pdf        also read the *.pdf files found in directories
  --jobs N             read N files at once in worker threads (default: the
                       machine's cores); the report is the same as with --jobs 1

Exit status: 0 written, 2 usage error, a file that could not be read (the others
are still counted), or output that could not be written.`;

type ReportParse = ReportArgs | { readonly command: 'error'; readonly message: string };

/** The arguments after `report`. */
export function parseReportArgs(rest: readonly string[]): ReportParse {
  let format: 'html' | 'json' = 'html';
  let out: string | undefined;
  let maxBytes = DEFAULT_MAX_BYTES;
  let maxRefs = DEFAULT_REPORT_REFS;
  let includePdf = false;
  let jobs: number | undefined;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--format') {
      const value = inline ?? rest[++i];
      if (value !== 'html' && value !== 'json') return { command: 'error', message: `--format must be "html" or "json", not ${value === undefined ? 'nothing' : `"${value}"`}` };
      format = value;
    } else if (flag === '--out') {
      const value = inline ?? rest[++i];
      if (!value) return { command: 'error', message: '--out wants a file name' };
      out = value;
    } else if (flag === '--max-bytes' || flag === '--refs' || flag === '--jobs') {
      const n = positiveWhole(flag, inline ?? rest[++i]);
      if (typeof n === 'string') return { command: 'error', message: n };
      if (flag === '--refs') maxRefs = n;
      else if (flag === '--jobs') jobs = n;
      else maxBytes = n;
    } else if (flag === '--include-pdf') {
      if (inline !== undefined) return { command: 'error', message: '--include-pdf takes no value' };
      includePdf = true;
    } else if (flag === '--') {
      paths.push(...rest.slice(i + 1));
      break;
    } else if (flag.startsWith('-') && flag !== '-') {
      return { command: 'error', message: `unknown option "${flag}"` };
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0) return { command: 'error', message: 'no PATH given: name letters or directories to report on' };
  if (paths.filter((p) => p === '-').length > 1) return { command: 'error', message: 'standard input (-) can be named only once' };
  return { command: 'report', format, ...(out !== undefined ? { out } : {}), paths, maxBytes, includePdf, maxRefs, ...(jobs !== undefined ? { jobs } : {}) };
}
