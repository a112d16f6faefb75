// "Compare Annotations With...": the active letter's kept annotations against another `.ann` of the
// same letter (a colleague's, another tool's; or, given a folder, the `.ann` of the same name in it).
// The differences (the core's annotationDifferences) are Information diagnostics on the letter that
// follow its edits and the annotator's changes; the summary (the core's agree(): precision, recall,
// F1 of the other file against this letter's) is shown and returned.
import * as vscode from 'vscode';
import { type Agreement, agree, type AnnotationDifference, annotationDifferences, type AnnotationSet, moveAnnotations, readStandoff, type TextChange } from '../core';
import type { LetterAnnotations } from './annotations';
import { ANNOTATION_SOURCE, quoted, spanRangeIn } from './annotationDiagnostics';
import { readTextIfExists } from './annotationFiles';

export const DIFFERENCE_CODE = 'imr-annotate.difference';

interface Comparison {
  readonly document: vscode.TextDocument;
  /** The other file's name as the messages say it. */
  readonly name: string;
  /** The other annotations, in the offsets of the letter's current text. */
  other: AnnotationSet;
}

/** What the command returns: the other file, the agreement and the number of differences shown. */
export interface ComparisonResult {
  readonly other: string;
  readonly agreement: Agreement;
  readonly differences: number;
}

function differenceMessage(difference: AnnotationDifference, name: string): string {
  switch (difference.kind) {
    case 'onlyA':
      return vscode.l10n.t('Only here: {0} as {1} (not in {2}).', quoted(difference.a.text), difference.a.label, name);
    case 'onlyB':
      return vscode.l10n.t('Only in {0}: {1} as {2}.', name, quoted(difference.b.text), difference.b.label);
    case 'label':
      return vscode.l10n.t('{0} is {1} here, {2} in {3}.', quoted(difference.a.text), difference.a.label, difference.b.label, name);
    case 'boundary':
      return vscode.l10n.t('{0} here covers {1}, in {2} {3}.', difference.a.label, quoted(difference.a.text), name, quoted(difference.b.text));
    case 'outcome':
      return vscode.l10n.t('The outcome of {0} is {1} here, {2} in {3}.', quoted(difference.a.text), difference.outcomeA ?? '-', difference.outcomeB ?? '-', name);
  }
}

export class AnnotationCompare implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('imr-annotate-compare');
  private readonly comparisons = new Map<string, Comparison>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly annotations: LetterAnnotations) {
    this.disposables.push(
      this.collection,
      vscode.commands.registerCommand('imr.compareAnnotations', (args?: { other?: string }) => this.compare(args)),
      // The other file's spans move with the text as the kept ones do.
      vscode.workspace.onDidChangeTextDocument((event) => {
        const comparison = this.comparisons.get(event.document.uri.toString());
        if (!comparison || event.contentChanges.length === 0) return;
        const changes: TextChange[] = event.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
        comparison.other = moveAnnotations(comparison.other, changes).set;
      }),
      annotations.onDidChange(({ document }) => {
        const comparison = this.comparisons.get(document.uri.toString());
        if (comparison) this.show(comparison);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.comparisons.delete(document.uri.toString())) this.collection.delete(document.uri);
      }),
    );
  }

  /** Compares the active letter with another `.ann` (or a folder's `.ann` of the same name), asked for unless given. */
  async compare(args?: { other?: string }): Promise<ComparisonResult | undefined> {
    const editor = vscode.window.activeTextEditor;
    const document = editor?.document;
    const letter = document && (await this.annotations.ready(document));
    if (!document || !letter) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a letter that is being annotated (it has an .ann file) first.'));
      return undefined;
    }
    if (document.isDirty) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Save the letter first: the other annotations count from the saved text.'));
      return undefined;
    }
    let other = args?.other !== undefined ? vscode.Uri.parse(args.other) : undefined;
    if (!other) {
      const picked = await vscode.window.showOpenDialog({
        canSelectFiles: true,
        canSelectFolders: true,
        canSelectMany: false,
        filters: { [vscode.l10n.t('brat annotations')]: ['ann'] },
        openLabel: vscode.l10n.t('Compare'),
        title: vscode.l10n.t('Compare the annotations of {0} with...', vscode.workspace.asRelativePath(letter.file)),
      });
      other = picked?.[0];
    }
    if (!other) return undefined;
    // A folder: the file of the same name in it.
    const stat = await Promise.resolve(vscode.workspace.fs.stat(other)).catch(() => undefined);
    if (stat && stat.type & vscode.FileType.Directory) other = vscode.Uri.joinPath(other, letter.file.path.slice(letter.file.path.lastIndexOf('/') + 1));
    if (other.toString() === letter.file.toString()) {
      void vscode.window.showInformationMessage(vscode.l10n.t('That is this letter\'s own .ann file: pick another.'));
      return undefined;
    }
    const text = await readTextIfExists(other).catch(() => undefined);
    if (text === undefined) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Could not read {0}.', vscode.workspace.asRelativePath(other)));
      return undefined;
    }
    const comparison: Comparison = { document, name: other.path.slice(other.path.lastIndexOf('/') + 1), other: readStandoff(text, document.getText()) };
    this.comparisons.set(document.uri.toString(), comparison);
    const differences = this.show(comparison);
    const agreement = agree([{ name: comparison.name, a: letter.set, b: comparison.other }]);
    const percent = (value: number): string => `${Math.round(value * 1000) / 10}%`;
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        '{0} against this letter: F1 {1} on exact spans, {2} on overlapping spans; {3} differences shown in the Problems panel.',
        comparison.name,
        percent(agreement.overall.f1),
        percent(agreement.overall.lenient.f1),
        differences,
      ),
    );
    return { other: other.toString(), agreement, differences };
  }

  /** Publishes a comparison's differences; returns how many. */
  private show(comparison: Comparison): number {
    const { document } = comparison;
    const letter = this.annotations.of(document);
    if (!letter) {
      this.collection.delete(document.uri);
      return 0;
    }
    const shown = annotationDifferences(letter.set, comparison.other).map((difference) => {
      const span = 'a' in difference ? difference.a : difference.b;
      const diagnostic = new vscode.Diagnostic(spanRangeIn(document, span.fragments), differenceMessage(difference, comparison.name), vscode.DiagnosticSeverity.Information);
      diagnostic.source = ANNOTATION_SOURCE;
      diagnostic.code = DIFFERENCE_CODE;
      return diagnostic;
    });
    this.collection.set(document.uri, shown);
    return shown.length;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

export function register(annotations: LetterAnnotations): AnnotationCompare {
  return new AnnotationCompare(annotations);
}
