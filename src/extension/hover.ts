// Hovers: on a drug, what it is (generic, class, brands, ingredients, where the match came from); on
// a guideline citation, the guideline by its full name and what the cited section and pages refer
// to; on an item line, the request as structured fields, its outcome and any partial approval. Every
// fact comes from the core's model; this file only words it.
import * as vscode from 'vscode';
import { entityAt } from '../core/parse';
import type { DrugEntity, GuidelineEntity, Item, LiteratureEntity, Range, TextBlock } from '../core/model';
import { describeGuideline } from '../core/views/guidelines';
import { itemLabel, markdownText, outcomeLabel } from './labels';
import { LANGUAGE_ID, type Letters } from './letters';

/** A field line: `**Label:** value`, the value escaped (letters contain `*`, `#`, `_`). */
function field(markdown: vscode.MarkdownString, label: string, value: string): void {
  markdown.appendMarkdown(`- **${markdownText(label)}:** ${markdownText(value)}\n`);
}

function heading(markdown: vscode.MarkdownString, title: string, subtitle?: string): void {
  markdown.appendMarkdown(`**${markdownText(title)}**${subtitle ? ` — ${markdownText(subtitle)}` : ''}\n\n`);
}

function sourceOf(drug: DrugEntity): string {
  switch (drug.source) {
    case 'lexicon':
      return vscode.l10n.t('the IMR Annotate drug lexicon');
    case 'user':
      return vscode.l10n.t('your imr.drugs setting');
    case 'shape':
      return vscode.l10n.t('its shape: a capitalised word followed by a strength; not in the lexicon');
  }
}

export function drugHover(drug: DrugEntity): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  const unknownClass = drug.source === 'shape' && drug.class === 'other';
  heading(markdown, drug.text, vscode.l10n.t('drug'));
  // A drug found by its shape has no known generic name (the core repeats the word).
  if (drug.generic && drug.source !== 'shape') field(markdown, vscode.l10n.t('Generic'), drug.generic);
  field(markdown, vscode.l10n.t('Class'), unknownClass ? vscode.l10n.t('unknown') : drug.class);
  if (drug.brands.length > 0) field(markdown, vscode.l10n.t('Brands'), drug.brands.join(', '));
  if (drug.ingredients.length > 1) {
    field(markdown, vscode.l10n.t('Ingredients'), drug.ingredients.map((ingredient) => `${ingredient.generic} (${ingredient.class})`).join(' + '));
  }
  field(markdown, vscode.l10n.t('Found by'), sourceOf(drug));
  return markdown;
}

export function guidelineHover(guideline: GuidelineEntity): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  if (guideline.family === 'none') {
    heading(markdown, vscode.l10n.t('No medical evidence cited'));
    markdown.appendMarkdown(vscode.l10n.t('The decision names no guideline or study.'));
    return markdown;
  }
  const info = describeGuideline(guideline);
  if (!info) {
    heading(markdown, vscode.l10n.t('Non-MTUS citation'));
    markdown.appendMarkdown(vscode.l10n.t('A source outside the California Medical Treatment Utilization Schedule (MTUS).') + '\n\n');
  } else {
    heading(markdown, `${info.name} (${info.abbreviation})`);
    markdown.appendMarkdown(
      (info.inMtus
        ? vscode.l10n.t('The treatment guidelines adopted by California for workers\' compensation; an IMR reviewer applies them first.')
        : vscode.l10n.t('Not part of the MTUS: cited where the MTUS does not address the treatment.')) + '\n\n',
    );
  }
  const part = info?.part;
  if (part) {
    field(markdown, info.inMtus ? vscode.l10n.t('Guideline') : info.abbreviation === 'ODG' ? vscode.l10n.t('Chapter') : vscode.l10n.t('Part'), part.editions ? `${part.name} (${part.editions})` : part.name);
    const acoem = part.acoem;
    if (acoem) {
      const book = acoem.year !== undefined ? `${acoem.book} (${acoem.year})` : acoem.book;
      const where = acoem.chapters ? vscode.l10n.t('{0}, chapter {1}', book, acoem.chapters) : book;
      field(markdown, vscode.l10n.t('Adopted from'), acoem.chapterName ? `${where}: ${acoem.chapterName}` : where);
    }
  }
  if (guideline.year !== undefined) field(markdown, vscode.l10n.t('Edition cited'), String(guideline.year));
  const sections = guideline.sections ?? [];
  if (guideline.topic && !(sections.length > 0 && sections[0] === guideline.topic)) field(markdown, vscode.l10n.t('Topic'), guideline.topic);
  const cited = part?.name ?? (info ? info.abbreviation : vscode.l10n.t('the cited source'));
  if (sections.length > 0) {
    field(markdown, vscode.l10n.t('Section(s)'), vscode.l10n.t('{0} — the part of {1} the decision relies on', sections.join('; '), cited));
  }
  if (guideline.pages && guideline.pages.length > 0) {
    field(markdown, vscode.l10n.t('Page(s)'), vscode.l10n.t('{0} — in {1}', guideline.pages.join(', '), cited));
  }
  return markdown;
}

function literatureHover(citation: LiteratureEntity): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  heading(markdown, vscode.l10n.t('Literature citation'));
  field(markdown, vscode.l10n.t('Author'), citation.author);
  field(markdown, vscode.l10n.t('Year'), String(citation.year));
  return markdown;
}

function partialText(block: TextBlock | undefined): string | undefined {
  return block && block.text.trim() !== '' ? block.text : undefined;
}

export function itemHover(item: Item): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  heading(markdown, itemLabel(item.name.text), outcomeLabel(item.outcome));
  const { fields } = item;
  for (const drug of fields.drugs) {
    const drugClass = drug.source === 'shape' && drug.class === 'other' ? vscode.l10n.t('unknown class') : drug.class;
    field(markdown, vscode.l10n.t('Drug'), drug.generic && drug.source !== 'shape' && drug.generic !== drug.text.toLowerCase() ? `${drug.text} (${drug.generic}, ${drugClass})` : `${drug.text} (${drugClass})`);
  }
  const rows: Array<[string, string | undefined]> = [
    [vscode.l10n.t('Strength'), fields.strength],
    [vscode.l10n.t('Quantity'), fields.quantity],
    [vscode.l10n.t('Form'), fields.form],
    [vscode.l10n.t('Route'), fields.route],
    [vscode.l10n.t('Frequency'), fields.frequency],
    [vscode.l10n.t('Duration'), fields.duration],
    [vscode.l10n.t('Refills'), fields.refills],
    [vscode.l10n.t('Sessions'), fields.sessions],
    [vscode.l10n.t('Timing'), fields.timeQualifier],
    [vscode.l10n.t('Body parts'), fields.bodyParts.length > 0 ? fields.bodyParts.join(', ') : undefined],
  ];
  for (const [label, value] of rows) if (value !== undefined) field(markdown, label, value);
  field(markdown, vscode.l10n.t('Outcome'), item.outcome ? outcomeLabel(item.outcome) : vscode.l10n.t('no decision written'));
  const partial = item.partial;
  if (partial) {
    markdown.appendMarkdown(`\n**${markdownText(vscode.l10n.t('Partial approval'))}**\n\n`);
    const original = partialText(partial.original);
    const authorized = partialText(partial.authorized);
    const remaining = partialText(partial.remaining);
    if (original) field(markdown, vscode.l10n.t('Original request'), original);
    if (authorized) field(markdown, vscode.l10n.t('Authorized by utilization review'), authorized);
    if (remaining) field(markdown, vscode.l10n.t('Remaining portion decided here'), remaining);
  }
  return markdown;
}

function toRange(document: vscode.TextDocument, range: Range): vscode.Range {
  return new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
}

export function register(letters: Letters): vscode.Disposable {
  const provider: vscode.HoverProvider = {
    provideHover(document, position, token) {
      const analysis = letters.analysis(document, token);
      if (!analysis) return undefined;
      const { letter } = analysis;
      const offset = document.offsetAt(position);
      const contents: vscode.MarkdownString[] = [];
      let range: Range | undefined;

      const entity = entityAt(letter.entities, offset);
      if (entity?.kind === 'drug') contents.push(drugHover(entity));
      else if (entity?.kind === 'guideline') contents.push(guidelineHover(entity));
      else if (entity?.kind === 'literature') contents.push(literatureHover(entity));
      if (contents.length > 0 && entity) range = entity;

      // On an item line (the name through the outcome word), the item itself.
      const item = letter.items.find((candidate) => candidate.heading.start <= offset && offset < candidate.heading.end);
      if (item) {
        contents.push(itemHover(item));
        range ??= item.heading;
      }
      if (contents.length === 0 || !range) return undefined;
      return new vscode.Hover(contents, toRange(document, range));
    },
  };
  return vscode.languages.registerHoverProvider({ language: LANGUAGE_ID }, provider);
}
