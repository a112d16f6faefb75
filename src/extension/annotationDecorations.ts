// The kept annotations shown in the letter: each label in its own colour (a tint and an underline,
// and a mark in the overview ruler). The colours are the core's (the label table, or the user's
// imr.annotations.colors); the Annotations view and the hover show the same colours as the legend.
import * as vscode from 'vscode';
import type { AnnotationsChange, LetterAnnotations } from './annotations';
import { rangeIn } from './ranges';

export class AnnotationDecorations implements vscode.Disposable {
  /** One decoration type per label and colour, made when first needed. */
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  /** Labels each editor shows now, to clear those that are gone. */
  private readonly shown = new WeakMap<vscode.TextEditor, Set<string>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly annotations: LetterAnnotations) {
    this.disposables.push(
      annotations.onDidChange((change) => this.changed(change)),
      annotations.onDidChangeSettings(() => this.recolour()),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.decorate(editor))),
    );
    vscode.window.visibleTextEditors.forEach((editor) => this.decorate(editor));
  }

  /** The ranges each label has in an editor now (for the tests: what the user sees). */
  labelRanges(editor: vscode.TextEditor): Map<string, vscode.Range[]> {
    const byLabel = new Map<string, vscode.Range[]>();
    const letter = this.annotations.of(editor.document);
    if (!letter) return byLabel;
    for (const annotation of letter.set.textBound) {
      const ranges = byLabel.get(annotation.label) ?? [];
      for (const fragment of annotation.fragments) if (fragment.end > fragment.start) ranges.push(rangeIn(editor.document, fragment));
      byLabel.set(annotation.label, ranges);
    }
    return byLabel;
  }

  private changed(change: AnnotationsChange): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === change.document) this.decorate(editor);
  }

  private decorate(editor: vscode.TextEditor): void {
    const byLabel = this.labelRanges(editor);
    const before = this.shown.get(editor) ?? new Set<string>();
    for (const label of before) if (!byLabel.has(label)) editor.setDecorations(this.typeOf(label), []);
    for (const [label, ranges] of byLabel) editor.setDecorations(this.typeOf(label), ranges);
    this.shown.set(editor, new Set(byLabel.keys()));
  }

  private typeOf(label: string): vscode.TextEditorDecorationType {
    const color = this.annotations.colorOf(label);
    const key = `${label} ${color}`;
    let type = this.types.get(key);
    if (!type) {
      type = vscode.window.createTextEditorDecorationType({
        backgroundColor: `${color}2e`,
        borderColor: color,
        borderStyle: 'solid',
        borderWidth: '0 0 2px 0',
        overviewRulerColor: color,
        overviewRulerLane: vscode.OverviewRulerLane.Center,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      });
      this.types.set(key, type);
    }
    return type;
  }

  /** The colours changed: every decoration is made again. */
  private recolour(): void {
    for (const type of this.types.values()) type.dispose();
    this.types.clear();
    for (const editor of vscode.window.visibleTextEditors) {
      this.shown.delete(editor);
      this.decorate(editor);
    }
  }

  dispose(): void {
    for (const type of this.types.values()) type.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

export function register(annotations: LetterAnnotations): AnnotationDecorations {
  return new AnnotationDecorations(annotations);
}
