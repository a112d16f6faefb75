/**
 * Text lines in reading order from the positioned text runs of a PDF page: runs are grouped into
 * lines by their baseline (with a tolerance), each line is read left to right with a space where
 * the runs leave a gap, and a blank line marks a vertical gap clearly larger than the letter's line
 * spacing (a paragraph break, as the other extractions of the letters have it).
 *
 * Pure and synchronous: the input is plain numbers, so this is tested without pdf.js.
 */

/** One run of text as the PDF places it, in page coordinates with y growing downwards. */
export interface TextRun {
  readonly text: string;
  /** Left edge and baseline. */
  readonly x: number;
  readonly y: number;
  /** Advance width of the run (0 when unknown). */
  readonly width: number;
  /** Font size (the height of an em). */
  readonly size: number;
  /** pdf.js saw a line break in the content stream after this run. */
  readonly eol: boolean;
}

interface Line {
  /** Baseline of the line's first run. */
  readonly y: number;
  readonly size: number;
  readonly runs: TextRun[];
}

/** Baselines closer than this fraction of the font size are one line (sub/superscripts, mixed fonts). */
const SAME_LINE = 0.5;
/** A horizontal gap wider than this fraction of the font size separates words. */
const WORD_GAP = 0.15;
/** Two runs this close (fraction of the size) with the same text are one run printed twice (fake bold). */
const OVERPRINT = 0.1;
/** A line spacing this many times the usual one is a paragraph break. */
const PARAGRAPH_GAP = 1.6;
/** Line spacing assumed (times the font size) when a letter has too few lines to tell. */
const DEFAULT_LEADING = 1.2;

function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** Groups runs into lines, top to bottom, each line's runs left to right. */
function groupLines(runs: readonly TextRun[]): Line[] {
  const sorted = runs.filter((run) => run.text.length > 0 && Number.isFinite(run.x) && Number.isFinite(run.y)).sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  let current: Line | undefined;
  for (const run of sorted) {
    const size = run.size > 0 ? run.size : current?.size ?? 10;
    if (current && Math.abs(run.y - current.y) <= SAME_LINE * Math.min(size, current.size)) {
      current.runs.push(run);
      continue;
    }
    current = { y: run.y, size, runs: [run] };
    lines.push(current);
  }
  for (const line of lines) line.runs.sort((a, b) => a.x - b.x);
  return lines.filter((line) => line.runs.some((run) => !isBlank(run.text)));
}

/** The text of one line: runs in order, a space wherever they leave a gap or the stream broke the line. */
function lineText(line: Line): string {
  let out = '';
  let previous: TextRun | undefined;
  for (const run of line.runs) {
    if (isBlank(run.text)) {
      // A space the PDF draws as its own run.
      if (out.length > 0 && !out.endsWith(' ')) out += ' ';
      continue;
    }
    if (previous) {
      const size = Math.min(previous.size || line.size, run.size || line.size);
      if (run.text === previous.text && Math.abs(run.x - previous.x) < OVERPRINT * size) continue;
      const gap = run.x - (previous.x + previous.width);
      const separated = gap > WORD_GAP * size || (previous.eol && gap > -OVERPRINT * size) || previous.width <= 0;
      if (separated && !out.endsWith(' ') && !/^\s/.test(run.text)) out += ' ';
    }
    out += run.text;
    previous = run;
  }
  return out.trimEnd(); // not `.replace(/\s+$/, '')`: quadratic on a long run of spaces
}

/**
 * The usual distance between consecutive baselines, over all pages: the most frequent one (to a
 * quarter point) among those that look like line spacing rather than gaps.
 */
export function usualLeading(pages: readonly (readonly TextRun[])[]): number | undefined {
  const counts = new Map<number, number>();
  for (const runs of pages) {
    const lines = groupLines(runs);
    for (let i = 1; i < lines.length; i++) {
      const delta = lines[i]!.y - lines[i - 1]!.y;
      const size = lines[i]!.size;
      if (delta < 0.8 * size || delta > 2.5 * size) continue;
      const key = Math.round(delta * 4) / 4;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [delta, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && delta < best)) {
      best = delta;
      bestCount = count;
    }
  }
  return best;
}

/** The page's text: one line per visual line, a blank line before a paragraph, no trailing newline. */
export function pageText(runs: readonly TextRun[], leading?: number): string {
  const lines = groupLines(runs);
  const out: string[] = [];
  let previous: Line | undefined;
  for (const line of lines) {
    if (previous) {
      const usual = leading ?? DEFAULT_LEADING * previous.size;
      if (line.y - previous.y > PARAGRAPH_GAP * usual) out.push('');
    }
    out.push(lineText(line));
    previous = line;
  }
  return out.join('\n');
}

/**
 * The text of a document: its pages' text, each page after the first starting with a form feed. A
 * page given as a string (read by OCR) is taken as it is.
 */
export function documentText(pages: readonly (readonly TextRun[] | string)[]): string {
  const leading = usualLeading(pages.filter((page) => typeof page !== 'string'));
  return pages.map((page) => (typeof page === 'string' ? page : pageText(page, leading))).join('\n\f') + '\n';
}
