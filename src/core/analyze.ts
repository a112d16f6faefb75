/** Parse + entities + rules, with settings applied and results cached per document version. */

import type { Cancellation, LetterDocument } from './document';
import { type DrugMatcher, findEntities } from './entities';
import type { Diagnostic, Letter, Severity } from './model';

export type { LetterAnalysis } from './packet';
import { parse } from './parse';
import { letterRanges } from './parse/letters';
import { type LetterAnalysis, mergedPacket, movedLetter } from './packet';
import { rules as allRules, type Rule } from './rules';

export type SeveritySetting = Severity | 'off';

export interface AnalysisOptions {
  /** Severity per rule code (`IMR002`); rules not listed keep their default. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  /** A drug matcher with the user's drugs added. */
  readonly drugs?: DrugMatcher;
  /** The rules to run; all of them by default. */
  readonly rules?: readonly Rule[];
}

export interface Analysis {
  /** The letter; for a packet, its letters as one (see `Letter.letters`). */
  readonly letter: Letter;
  readonly diagnostics: readonly Diagnostic[];
  /** Only when the text holds several letters: each analysed alone (see {@link lettersOf}). */
  readonly letters?: readonly LetterAnalysis[];
}

/**
 * Analyses one text. Rules run only on texts that are determination letters. A text that holds
 * several letters (a packet) has each analysed alone on its own slice, so that no letter's rules see
 * another's text, and the results merged (`Analysis.letters` keeps each).
 */
export function analyzeText(text: string, options: AnalysisOptions = {}): Analysis {
  const ranges = letterRanges(text);
  if (ranges.length === 1) return analyzeLetter(text, options);
  const letters = ranges.map((range) => movedLetter(text, range, analyzeLetter(text.slice(range.start, range.end), options)));
  return { ...mergedPacket(text, letters), letters };
}

/** One letter's analysis: what `analyzeText` gives a text of one letter. */
function analyzeLetter(text: string, options: AnalysisOptions): Analysis {
  const letter = parse(text, { findEntities: (t) => findEntities(t, options.drugs ? { drugs: options.drugs } : {}) });
  return { letter, diagnostics: letter.isDetermination ? runRules(letter, options) : [] };
}

/** Each letter of the analysed text: a packet's letters, or the one letter as the whole text. */
export function lettersOf(analysis: Analysis): readonly LetterAnalysis[] {
  return analysis.letters ?? [{ range: { start: 0, end: analysis.letter.text.length }, letter: analysis.letter, diagnostics: analysis.diagnostics }];
}

/** The rules' diagnostics for a parsed letter, with severities from the options, ordered by position. */
export function runRules(letter: Letter, options: AnalysisOptions = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of options.rules ?? allRules) {
    const setting = options.severities?.[rule.code] ?? rule.defaultSeverity;
    if (setting === 'off') continue;
    for (const diagnostic of rule.check(letter)) {
      diagnostics.push(setting === diagnostic.severity ? diagnostic : { ...diagnostic, severity: setting });
    }
  }
  diagnostics.sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code));
  return diagnostics;
}

/**
 * Analyses documents, keeping one result per document and version, so every view of a letter
 * (outline, diagnostics, tree, hovers) shares one parse. Changing the options clears the cache.
 */
export class LetterAnalyzer {
  private readonly cache = new Map<string, { version: number; analysis: Analysis }>();
  private options: AnalysisOptions;

  constructor(options: AnalysisOptions = {}) {
    this.options = options;
  }

  configure(options: AnalysisOptions): void {
    this.options = options;
    this.cache.clear();
  }

  /** The analysis of the document's current version; `undefined` if cancelled before it was done. */
  analyze(document: LetterDocument, token?: Cancellation): Analysis | undefined {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.analysis;
    if (token?.isCancellationRequested) return undefined;
    const analysis = analyzeText(document.getText(), this.options);
    if (token?.isCancellationRequested) return undefined;
    this.cache.set(key, { version: document.version, analysis });
    return analysis;
  }

  /** Forget a closed or deleted document. */
  forget(uri: { toString(): string }): void {
    this.cache.delete(uri.toString());
  }
}
