// The analyzer as a reviewer beside the annotator: where its annotations differ from the kept ones,
// a Hint (code imr-annotate.suggestion) to accept or dismiss; and a Warning on a kept span whose text
// was changed by an edit (imr-annotate.changed-span), until it is confirmed or removed. What differs is
// the core's (suggestions, changedSpans); this publishes it once typing pauses.
import * as vscode from 'vscode';
import { type AnnotationSet, changedSpans, preAnnotate, type Suggestion, suggestions, type TextBoundAnnotation } from '../core';
import type { AnnotatedLetter, LetterAnnotations } from './annotations';
import { rangeIn } from './ranges';

export const ANNOTATION_SOURCE = 'imr-annotate';
export const SUGGESTION_CODE = 'imr-annotate.suggestion';
export const CHANGED_SPAN_CODE = 'imr-annotate.changed-span';

/** How long typing must pause before the suggestions are worked out again. */
const DEBOUNCE_MS = 300;

/** A quoted excerpt of a span's text, kept short for messages and titles. */
export function quoted(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `'${oneLine.length > 40 ? `${oneLine.slice(0, 39)}…` : oneLine}'`;
}

/** What a suggestion proposes, in the words of a quick fix. */
export function suggestionTitle(suggestion: Suggestion): string {
  switch (suggestion.kind) {
    case 'add':
      return vscode.l10n.t('Add {0} as {1}', quoted(suggestion.text), suggestion.label);
    case 'relabel':
      return vscode.l10n.t('Change {0} from {1} to {2}', quoted(suggestion.text), suggestion.keptLabel ?? '?', suggestion.label);
    case 'attribute': {
      const attribute = suggestion.attributes?.[0];
      return vscode.l10n.t('Set {0} of {1} to {2}', attribute?.name ?? '?', quoted(suggestion.text), attribute?.value ?? 'true');
    }
  }
}

function suggestionMessage(suggestion: Suggestion): string {
  return vscode.l10n.t('The analyzer suggests: {0}.', suggestionTitle(suggestion));
}

function changedMessage(annotation: TextBoundAnnotation, now: string): string {
  return vscode.l10n.t('The text of {0} ({1}) was changed: it was {2}, it is now {3}.', annotation.id, annotation.label, quoted(annotation.text), quoted(now));
}

/** The range a span covers in the editor: from its first fragment's start to its last fragment's end. */
export function spanRangeIn(document: vscode.TextDocument, fragments: readonly { start: number; end: number }[]): vscode.Range {
  if (fragments.length === 0) return new vscode.Range(0, 0, 0, 0);
  const start = Math.min(...fragments.map((f) => f.start));
  const end = Math.max(...fragments.map((f) => f.end));
  return rangeIn(document, { start, end });
}

interface Cached {
  readonly version: number;
  readonly set: AnnotationSet;
  readonly suggestions: Suggestion[];
}

export class AnnotationDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('imr-annotate');
  private readonly cache = new WeakMap<vscode.TextDocument, Cached>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly annotations: LetterAnnotations) {
    this.disposables.push(
      this.collection,
      annotations.onDidChange(({ document }) => this.schedule(document)),
      // Settings change the analysis (drugs, rules) and so the suggestions.
      annotations.letters.onDidChangeSettings(() => annotations.all().forEach((letter) => this.schedule(letter.document))),
    );
    for (const letter of annotations.all()) this.schedule(letter.document);
  }

  /**
   * The analyzer's suggestions for a letter being annotated, now (not debounced): what the code
   * actions and the accept-all commands act on. Empty for a letter that is not annotated.
   */
  suggestionsOf(document: vscode.TextDocument): Suggestion[] {
    const letter = this.annotations.of(document);
    if (!letter) return [];
    const cached = this.cache.get(document);
    if (cached && cached.version === document.version && cached.set === letter.set) return cached.suggestions;
    const analysis = this.annotations.letters.analysis(document);
    const found = analysis ? suggestions(letter.set, preAnnotate(analysis)) : [];
    this.cache.set(document, { version: document.version, set: letter.set, suggestions: found });
    return found;
  }

  /** The suggestion a diagnostic shown for `document` stands for, if it still stands. */
  suggestionFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Suggestion | undefined {
    if (codeOf(diagnostic) !== SUGGESTION_CODE) return undefined;
    return this.suggestionsOf(document).find((s) => spanRangeIn(document, s.fragments).isEqual(diagnostic.range) && suggestionMessage(s) === diagnostic.message);
  }

  /** The kept span a changed-span diagnostic stands for, if its text still differs. */
  changedSpanFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): TextBoundAnnotation | undefined {
    const letter = this.annotations.of(document);
    if (!letter || codeOf(diagnostic) !== CHANGED_SPAN_CODE) return undefined;
    return changedSpans(letter.set, document.getText()).find((a) => spanRangeIn(document, a.fragments).isEqual(diagnostic.range));
  }

  /** Publishes a letter's diagnostics now. */
  refresh(document: vscode.TextDocument): void {
    this.cancel(document.uri.toString());
    const letter = this.annotations.of(document);
    if (!letter || document.isClosed) {
      this.collection.delete(document.uri);
      return;
    }
    this.collection.set(document.uri, this.diagnosticsOf(letter));
  }

  private diagnosticsOf(letter: AnnotatedLetter): vscode.Diagnostic[] {
    const { document } = letter;
    const text = document.getText();
    const shown: vscode.Diagnostic[] = [];
    for (const annotation of changedSpans(letter.set, text)) {
      const now = annotation.fragments.map((f) => text.slice(f.start, f.end)).join(' ');
      const diagnostic = new vscode.Diagnostic(spanRangeIn(document, annotation.fragments), changedMessage(annotation, now), vscode.DiagnosticSeverity.Warning);
      diagnostic.source = ANNOTATION_SOURCE;
      diagnostic.code = CHANGED_SPAN_CODE;
      shown.push(diagnostic);
    }
    for (const suggestion of this.suggestionsOf(document)) {
      const diagnostic = new vscode.Diagnostic(spanRangeIn(document, suggestion.fragments), suggestionMessage(suggestion), vscode.DiagnosticSeverity.Hint);
      diagnostic.source = ANNOTATION_SOURCE;
      diagnostic.code = SUGGESTION_CODE;
      shown.push(diagnostic);
    }
    return shown;
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.cancel(key);
    if (!this.annotations.of(document) || document.isClosed) {
      this.collection.delete(document.uri);
      return;
    }
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.refresh(document);
      }, DEBOUNCE_MS),
    );
  }

  private cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** The code of one of this extension's annotation diagnostics; undefined for anyone else's. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== ANNOTATION_SOURCE) return undefined;
  const code = diagnostic.code;
  return code === undefined ? undefined : String(typeof code === 'object' ? code.value : code);
}

export function register(annotations: LetterAnnotations): AnnotationDiagnostics {
  return new AnnotationDiagnostics(annotations);
}
