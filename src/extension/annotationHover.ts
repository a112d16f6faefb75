// The hover on a kept annotation: its label in its colour (the legend of what is under the cursor),
// its id, text, attributes and note, and links that change it: another label, a note, an attribute,
// remove it. The links run the annotation commands with the span's id.
import * as vscode from 'vscode';
import { annotationsAt, attributesFor, attributesOf, markdownText, noteOf, type TextBoundAnnotation } from '../core';
import type { LetterAnnotations } from './annotations';
import { spanRangeIn } from './annotationDiagnostics';
import { LANGUAGE_ID } from './letters';

/** The commands a hover may run (nothing else in its Markdown is trusted). */
const HOVER_COMMANDS = ['imr.relabelAnnotation', 'imr.removeAnnotation', 'imr.noteAnnotation', 'imr.setAnnotationAttribute'];

function link(title: string, command: string, args: unknown): string {
  return `[${markdownText(title)}](command:${command}?${encodeURIComponent(JSON.stringify([args]))})`;
}

/** The hover's Markdown for one span. */
export function annotationHoverMarkdown(annotations: LetterAnnotations, document: vscode.TextDocument, annotation: TextBoundAnnotation): vscode.MarkdownString {
  const set = annotations.of(document)!.set;
  const color = annotations.colorOf(annotation.label);
  const markdown = new vscode.MarkdownString(undefined, true);
  markdown.supportHtml = true;
  markdown.isTrusted = { enabledCommands: HOVER_COMMANDS };
  // The swatch is the legend: the same colour as the highlight.
  markdown.appendMarkdown(`<span style="color:${color};">■</span> **${markdownText(annotation.label)}** ${markdownText(annotation.id)} · ${markdownText(vscode.l10n.t('kept annotation'))}\n\n`);
  markdown.appendMarkdown(`${markdownText(annotation.text)}\n\n`);
  for (const attribute of attributesOf(set, annotation.id)) markdown.appendMarkdown(`${markdownText(`${attribute.name}: ${attribute.value ?? '✓'}`)}\n\n`);
  const note = noteOf(set, annotation.id);
  if (note !== undefined) markdown.appendMarkdown(`_${markdownText(vscode.l10n.t('Note: {0}', note))}_\n\n`);
  const args = { uri: document.uri.toString(), id: annotation.id };
  const links = [
    link(vscode.l10n.t('Change label...'), 'imr.relabelAnnotation', args),
    link(note === undefined ? vscode.l10n.t('Add note...') : vscode.l10n.t('Edit note...'), 'imr.noteAnnotation', args),
  ];
  if (attributesFor(annotation.label, annotations.schema).length > 0) links.push(link(vscode.l10n.t('Set attribute...'), 'imr.setAnnotationAttribute', args));
  links.push(link(vscode.l10n.t('Remove'), 'imr.removeAnnotation', args));
  markdown.appendMarkdown(links.join(' · '));
  return markdown;
}

export function register(annotations: LetterAnnotations): vscode.Disposable {
  const provider: vscode.HoverProvider = {
    provideHover(document, position) {
      const letter = annotations.of(document);
      if (!letter) return undefined;
      const here = annotationsAt(letter.set, document.offsetAt(position));
      if (here.length === 0) return undefined;
      return new vscode.Hover(
        here.map((annotation) => annotationHoverMarkdown(annotations, document, annotation)),
        spanRangeIn(document, here[0]!.fragments),
      );
    },
  };
  return vscode.languages.registerHoverProvider({ language: LANGUAGE_ID }, provider);
}
