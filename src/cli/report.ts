/** The two output formats: ESLint-style text, and the JSON contract documented in the README. */

import { type Analysis, type Diagnostic, type Entity, type Item, type ItemGuideline, type Letter, type LetterAnalysis, lettersOf, type LineStarts, lineStartsOf, lostLineBreaksNote, type OcrPage, positionOf, type RequestCategory, type Severity, type Sex } from '../core';

export interface FileReport {
  readonly path: string;
  /** `pdf` when the text was extracted from a PDF (lines and columns are of that text). */
  readonly source?: 'pdf';
  /** The pages of a PDF read by OCR (no text layer), with Tesseract's confidence (0-100) for each. */
  readonly ocr?: { readonly pages: readonly OcrPage[] };
  readonly error?: string;
  readonly notice?: string;
  readonly isDetermination: boolean;
  readonly format?: string;
  readonly header?: Record<string, HeaderReport>;
  readonly items: ItemReport[];
  readonly diagnostics: DiagnosticReport[];
  /** Each letter of the file (a packet holds several); `items` and `diagnostics` are theirs one after the other. */
  readonly letters?: LetterReport[];
  /** A list when made by hand; from {@link fileReport}, made entity by entity as it is read (see {@link EntityReports}). */
  readonly entities?: Iterable<EntityReport>;
}

/**
 * One entry of a file's `header`: the value as written and, for dates, its ISO form. Besides the
 * header fields, the letter's facts: `reviewerLicensure` (`states`), `reviewerSpecialty`
 * (`specialties`), `claimantAge` (`years`) and `claimantSex` (`sex`), each only when the letter states it.
 */
export interface HeaderReport {
  readonly value: string;
  readonly iso?: string;
  readonly states?: string[];
  readonly specialties?: string[];
  readonly years?: number;
  readonly sex?: Sex;
}

/** A guideline an item's decision relied on, as the JSON gives it (see `ItemGuideline`). */
export interface GuidelineReport {
  readonly source: ItemGuideline['source'];
  readonly chapter?: string;
  readonly year?: number;
  readonly topic?: string;
  readonly sections?: readonly string[];
  readonly pages?: readonly string[];
  /** The citation as written, whitespace collapsed. */
  readonly text: string;
  /** `maximusGuideline`, or `rationale` for an item without that block. */
  readonly block: ItemGuideline['block'];
}

interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface ItemReport {
  readonly name: string;
  readonly outcome: 'upheld' | 'overturned' | null;
  readonly line: number;
  readonly column: number;
  readonly fields: Record<string, unknown>;
  readonly drugs: Array<{ text: string; generic: string; class: string; ingredients: string[] }>;
  readonly partial?: { original?: string; authorized?: string; remaining?: string };
  readonly claimsGuideline?: string;
  readonly maximusGuideline?: string;
  readonly rationaleLength: number;
  readonly category: RequestCategory;
  /** For `category: "drug"`: the drugs' class. */
  readonly drugClass?: string;
  readonly guidelines: GuidelineReport[];
}

export interface DiagnosticReport extends Span {
  readonly code: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fixes: string[];
}

/** One letter of a file: where it is (1-based lines, its last line the last that holds its text), its header, items and diagnostics. */
export interface LetterReport {
  readonly caseNumber: string | null;
  readonly line: number;
  readonly endLine: number;
  readonly header: Record<string, { value: string; iso?: string }>;
  readonly items: ItemReport[];
  readonly diagnostics: DiagnosticReport[];
}

export type EntityReport = Span & { readonly kind: string; readonly text: string } & Record<string, unknown>;

function span(lines: LineStarts, start: number, end: number): Span {
  const from = positionOf(lines, start);
  const to = positionOf(lines, end);
  return { line: from.line + 1, column: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1 };
}

function itemReport(item: Item, lines: LineStarts): ItemReport {
  const at = positionOf(lines, item.name.start);
  const { drugs, ...rest } = item.fields;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) fields[key] = value;
  }
  const partial = item.partial
    ? {
        ...(item.partial.original ? { original: item.partial.original.text } : {}),
        ...(item.partial.authorized ? { authorized: item.partial.authorized.text } : {}),
        ...(item.partial.remaining ? { remaining: item.partial.remaining.text } : {}),
      }
    : undefined;
  return {
    name: item.name.text,
    outcome: item.outcome,
    line: at.line + 1,
    column: at.character + 1,
    fields,
    drugs: drugs.map((d) => ({ text: d.text, generic: d.generic, class: d.class, ingredients: d.ingredients.map((i) => i.generic) })),
    ...(partial ? { partial } : {}),
    ...(item.claimsGuideline ? { claimsGuideline: item.claimsGuideline.body.text } : {}),
    ...(item.maximusGuideline ? { maximusGuideline: item.maximusGuideline.body.text } : {}),
    rationaleLength: item.rationale?.body.text.length ?? 0,
    category: item.category,
    ...(item.drugClass !== undefined ? { drugClass: item.drugClass } : {}),
    guidelines: item.guidelines.map(guidelineReport),
  };
}

function guidelineReport(guideline: ItemGuideline): GuidelineReport {
  const { source, chapter, year, topic, sections, pages, text, block } = guideline;
  return {
    source,
    ...(chapter !== undefined ? { chapter } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(topic !== undefined ? { topic } : {}),
    ...(sections !== undefined ? { sections } : {}),
    ...(pages !== undefined ? { pages } : {}),
    text,
    block,
  };
}

/** A letter's `header` in the JSON: its header fields, then the facts it states about the reviewer and the claimant. */
export function headerReport(letter: Letter): Record<string, HeaderReport> {
  const header: Record<string, HeaderReport> = {};
  for (const field of letter.header) header[field.name] = field.iso ? { value: field.value.text, iso: field.iso } : { value: field.value.text };
  const { reviewer, claimant } = letter;
  if (reviewer.licensure) header.reviewerLicensure = { value: reviewer.licensure.text, states: reviewer.states.map((s) => s.text) };
  if (reviewer.specialty) header.reviewerSpecialty = { value: reviewer.specialty.text, specialties: reviewer.specialties.map((s) => s.text) };
  if (claimant.age) header.claimantAge = { value: claimant.age.text, years: claimant.age.years };
  if (claimant.sex) header.claimantSex = { value: claimant.sex.text, sex: claimant.sex.sex };
  return header;
}

function entityReport(entity: Entity, lines: LineStarts): EntityReport {
  const { kind, text, start, end, ...attributes } = entity;
  return { kind, text, ...span(lines, start, end), ...attributes };
}

/**
 * A letter's entities as reports, each made when it is read: a large letter has hundreds of thousands,
 * and their reports, made all at once, took as much memory again as the entities themselves.
 * Written as a JSON array by {@link jsonEntryPieces}; `[...reports]` makes them all.
 */
export class EntityReports implements Iterable<EntityReport> {
  constructor(
    private readonly entities: readonly Entity[],
    private readonly lines: LineStarts,
  ) {}

  *[Symbol.iterator](): Iterator<EntityReport> {
    for (const entity of this.entities) yield entityReport(entity, this.lines);
  }

  /** As the array it stands for, should the report be given to `JSON.stringify`. */
  toJSON(): EntityReport[] {
    return [...this];
  }
}

function diagnosticReport(d: Diagnostic, lines: LineStarts): DiagnosticReport {
  return { code: d.code, rule: d.rule, severity: d.severity, message: d.message, ...span(lines, d.range.start, d.range.end), fixes: d.fixes.map((f) => f.title) };
}

/**
 * One letter's report; `items` and `diagnostics` are its part of the file's reports (the same objects:
 * a large packet's are not made twice).
 */
function letterReport({ range, letter }: LetterAnalysis, lines: LineStarts, items: ItemReport[], diagnostics: DiagnosticReport[]): LetterReport {
  // The last line is the last that holds the letter's text, not the blank lines after it.
  let end = range.end;
  while (end > range.start + 1 && /\s/.test(letter.text.charAt(end - 1))) end--;
  const caseNumber = letter.header.find((field) => field.name === 'caseNumber');
  return {
    caseNumber: caseNumber?.value.text || null,
    line: positionOf(lines, range.start).line + 1,
    endLine: positionOf(lines, Math.max(range.start, end - 1)).line + 1,
    header: headerReport(letter),
    items,
    diagnostics,
  };
}

/** Each letter's report, its items and diagnostics taken in turn from the file's (a packet's are its letters' one after the other). */
function letterReports(analysis: Analysis, lines: LineStarts, items: ItemReport[], diagnostics: DiagnosticReport[]): LetterReport[] {
  let item = 0;
  let diagnostic = 0;
  return lettersOf(analysis).map((one) => {
    const report = letterReport(one, lines, items.slice(item, item + one.letter.items.length), diagnostics.slice(diagnostic, diagnostic + one.diagnostics.length));
    item += one.letter.items.length;
    diagnostic += one.diagnostics.length;
    return report;
  });
}

/** The JSON record of one analysed file. */
export function fileReport(path: string, analysis: Analysis, source?: 'pdf', ocrPages?: readonly OcrPage[]): FileReport {
  const { letter, diagnostics } = analysis;
  // Only the line starts: the content lines `indexLines` also makes would be a second model of the text.
  const lines = lineStartsOf(letter.text);
  // A text of one line that yields nothing says why, rather than only that it is not a letter.
  const notice = lostLineBreaksNote(letter);
  // A packet's header is its first letter's (each letter's is in `letters`).
  const first = analysis.letters?.[0]?.letter ?? letter;
  const items = letter.items.map((item) => itemReport(item, lines));
  const reports = diagnostics.map((d) => diagnosticReport(d, lines));
  return {
    path,
    ...(source ? { source } : {}),
    ...(ocrPages ? { ocr: { pages: ocrPages.map(({ page, confidence }) => ({ page, confidence })) } } : {}),
    ...(notice ? { notice } : {}),
    isDetermination: letter.isDetermination,
    format: letter.format,
    header: headerReport(first),
    items,
    diagnostics: reports,
    letters: letter.isDetermination ? letterReports(analysis, lines, items, reports) : [],
    entities: new EntityReports(letter.entities, lines),
  };
}

const OUTCOME_LABEL = { upheld: 'Upheld', overturned: 'Overturned' } as const;

/** How many problems of each severity a text report has shown so far: the summary line is made of them. */
export interface ProblemCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** No problems yet. */
export function noProblems(): ProblemCounts {
  return { errors: 0, warnings: 0, infos: 0 };
}

/**
 * ESLint-style text for one file: its path, its items with outcomes, then `line:col  severity  message
 * code`, and a blank line. Adds the file's problems to `counts`, for {@link formatTextSummary}.
 */
export function formatFileText(report: FileReport, counts: ProblemCounts): string {
  const out: string[] = [];
  // A PDF's line numbers are those of its extracted text.
  out.push(report.source === 'pdf' && !report.error ? `${report.path} (text ${report.ocr ? 'read by OCR from the scanned' : 'extracted from the'} PDF)` : report.path);
  if (report.error) {
    out.push(`  error  ${report.error}`);
  } else if (report.notice) {
    out.push(`  notice  ${report.notice}`);
  } else if (!report.isDetermination) {
    out.push('  not an IMR determination letter: nothing to check');
  } else {
    out.push(`  Items (${report.items.length}):`);
    const lineWidth = Math.max(0, ...report.items.map((i) => String(i.line).length));
    for (const item of report.items) {
      const outcome = item.outcome ? OUTCOME_LABEL[item.outcome] : 'no decision';
      out.push(`    ${String(item.line).padStart(lineWidth)}  ${outcome.padEnd(11)} ${item.name || '(unnamed item)'}`);
    }
    const where = report.diagnostics.map((d) => `${d.line}:${d.column}`);
    const width = Math.max(0, ...where.map((w) => w.length));
    report.diagnostics.forEach((d, i) => {
      if (d.severity === 'error') counts.errors++;
      else if (d.severity === 'warning') counts.warnings++;
      else counts.infos++;
      out.push(`  ${where[i]!.padEnd(width)}  ${d.severity.padEnd(7)}  ${d.message}  ${d.code}`);
    });
  }
  out.push('');
  return out.map(visible).join('\n') + '\n';
}

/** The last line of the text output: the problems of every file, counted by {@link formatFileText}. */
export function formatTextSummary(counts: ProblemCounts, files: number): string {
  const { errors, warnings, infos } = counts;
  const problems = errors + warnings + infos;
  return (
    (problems === 0
      ? `No problems in ${files} file${files === 1 ? '' : 's'}.`
      : `${problems} problem${problems === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info) in ${files} file${files === 1 ? '' : 's'}.`) + '\n'
  );
}

/** The whole text output for `reports`: each file's text, then the summary (what the CLI writes, file by file). */
export function formatText(reports: readonly FileReport[]): string {
  const counts = noProblems();
  return reports.map((report) => formatFileText(report, counts)).join('') + formatTextSummary(counts, reports.length);
}

/**
 * The JSON output, `{ "files": [...] }` as `JSON.stringify(value, null, 2)` writes it, in pieces so
 * that each file's entry can be written as soon as it is checked: {@link JSON_START}, then each
 * entry from {@link formatJsonEntry} (`first` for the first one only), then {@link jsonEnd}.
 */
export const JSON_START = '{\n  "files": [';

/** One file's entry in the JSON output, indented as it is inside the `files` array. */
export function formatJsonEntry(report: FileReport, first: boolean): string {
  return [...jsonEntryPieces(report, first)].join('');
}

/**
 * {@link formatJsonEntry} in pieces of about `CHUNK` characters, for writing as they are made: the
 * entry of a large letter (its JSON is about 2.5 times the text) is never one string, nor are its
 * indented copy and the bytes written from it. The report's arrays are written element by element.
 */
export function* jsonEntryPieces(report: FileReport, first: boolean): Generator<string> {
  let pending = first ? '' : ',';
  for (const piece of valuePieces(report, '    ', 2)) {
    pending += piece;
    if (pending.length >= CHUNK) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}

/** The size of the pieces {@link jsonEntryPieces} yields. */
const CHUNK = 65536;

/**
 * `value` as `JSON.stringify(value, null, 2)` writes it with every line after the first indented by
 * `indent`, preceded by a line break and `indent`: objects and arrays `depth` levels down are written
 * member by member, deeper values whole.
 */
function* valuePieces(value: unknown, indent: string, depth: number): Generator<string> {
  // Newlines in JSON text are only those between its tokens: strings escape theirs.
  const whole = (v: unknown, at: string): string => JSON.stringify(v, null, 2).replace(/\n/g, `\n${at}`);
  if (depth === 0 || value === null || typeof value !== 'object') {
    yield `\n${indent}${whole(value, indent)}`;
    return;
  }
  yield* containerPieces(value, indent, depth);
}

function* containerPieces(value: object, indent: string, depth: number): Generator<string> {
  const inner = `${indent}  `;
  // A list is an array or, as the entities of a report, any other iterable: written as JSON writes an array.
  const isList = Array.isArray(value) || Symbol.iterator in value;
  const members = isList ? listMembers(value as Iterable<unknown>) : objectMembers(value);
  const [open, close] = isList ? ['[', ']'] : ['{', '}'];
  let index = 0;
  for (const [key, member] of members) {
    if (index === 0) yield `\n${indent}${open}`;
    const head = `${index++ > 0 ? ',' : ''}\n${inner}${key === undefined ? '' : `${JSON.stringify(key)}: `}`;
    if (depth > 1 && member !== null && typeof member === 'object') {
      // The member's own opening line break and indent are replaced by the key on this line.
      let firstPiece = true;
      for (const piece of containerPieces(member, inner, depth - 1 + (key === undefined ? 0 : (DEEPER[key] ?? 0)))) {
        yield firstPiece ? head + piece.slice(1 + inner.length) : piece;
        firstPiece = false;
      }
    } else {
      yield head + JSON.stringify(member === undefined || typeof member === 'function' || typeof member === 'symbol' ? null : member, null, 2).replace(/\n/g, `\n${inner}`);
    }
  }
  yield index === 0 ? `\n${indent}${open}${close}` : `\n${indent}${close}`;
}

/** Members written deeper than their depth: a packet's letters hold lists as long as the file's (`letters[].items`), written item by item as those are. */
const DEEPER: Readonly<Record<string, number>> = { letters: 2 };

/** A list's members, without keys: one at a time, not a copy of the list. */
function* listMembers(list: Iterable<unknown>): Generator<[undefined, unknown]> {
  for (const member of list) yield [undefined, member];
}

/** As JSON.stringify: an object's members whose values JSON cannot write are left out (an array's are `null`). */
function objectMembers(value: object): Array<[string, unknown]> {
  return Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
}

/** The end of the JSON output, after `files` entries. */
export function jsonEnd(files: number): string {
  return files === 0 ? ']\n}\n' : '\n  ]\n}\n';
}

/** Control characters (escape sequences, `\r`) written as `\x1b`: a letter or a file name must not drive the terminal. */
export function visible(line: string): string {
  return line.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
