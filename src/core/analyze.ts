/** Parse + entities + rules, with settings applied and results cached per document version. */

import type { Cancellation, LetterDocument } from './document';
import { type DrugMatcher, findEntities } from './entities';
import type { Diagnostic, Letter, Severity } from './model';
import { parse } from './parse';
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
  readonly letter: Letter;
  readonly diagnostics: readonly Diagnostic[];
}

/** Analyses one text. Rules run only on texts that are determination letters. */
export function analyzeText(text: string, options: AnalysisOptions = {}): Analysis {
  const letter = parse(text, { findEntities: (t) => findEntities(t, options.drugs ? { drugs: options.drugs } : {}) });
  return { letter, diagnostics: letter.isDetermination ? runRules(letter, options) : [] };
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
