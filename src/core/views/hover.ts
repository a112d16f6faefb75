/**
 * Hovers: on a drug, what it is (generic, class, brands, ingredients, where the match came from); on
 * a guideline citation, the guideline by its full name and what the cited section and pages refer
 * to; on an item line, the request as structured fields, its outcome and any partial approval. Every
 * fact comes from the model; this view words it as Markdown, which the extension's provider shows.
 */

import type { DrugEntity, GuidelineEntity, Item, ItemGuideline, Letter, LiteratureEntity, Range, TextBlock } from '../model';
import { entityAt } from '../parse';
import { describeGuideline } from '../guidelines';
import { decisionDates, decisionDatesHover } from './deadlines';
import { categoryLabel, english, itemLabel, markdownText, outcomeLabel, type Translator } from './labels';

/** What a hover shows: Markdown paragraphs (an entity's, then its item line's) and the range they describe. */
export interface HoverView {
  readonly contents: readonly string[];
  readonly range: Range;
}

/** Markdown built by appending, as VS Code's MarkdownString.appendMarkdown does. */
class Markdown {
  value = '';
  appendMarkdown(text: string): void {
    this.value += text;
  }
}

/** A field line: `**Label:** value`, the value escaped (letters contain `*`, `#`, `_`). */
function field(markdown: Markdown, label: string, value: string): void {
  markdown.appendMarkdown(`- **${markdownText(label)}:** ${markdownText(value)}\n`);
}

function heading(markdown: Markdown, title: string, subtitle?: string): void {
  markdown.appendMarkdown(`**${markdownText(title)}**${subtitle ? ` — ${markdownText(subtitle)}` : ''}\n\n`);
}

function sourceOf(drug: DrugEntity, l10n: Translator): string {
  switch (drug.source) {
    case 'lexicon':
      return l10n.t('the IMR Annotate drug lexicon');
    case 'user':
      return l10n.t('your imr.drugs setting');
    case 'shape':
      return l10n.t('its shape: a capitalised word followed by a strength; not in the lexicon');
  }
}

/** A drug's hover: its generic name, class, brands, ingredients and where the match came from. */
export function drugHover(drug: DrugEntity, l10n: Translator = english): string {
  const markdown = new Markdown();
  const unknownClass = drug.source === 'shape' && drug.class === 'other';
  heading(markdown, drug.text, l10n.t('drug'));
  // A drug found by its shape has no known generic name (the core repeats the word).
  if (drug.generic && drug.source !== 'shape') field(markdown, l10n.t('Generic'), drug.generic);
  field(markdown, l10n.t('Class'), unknownClass ? l10n.t('unknown') : drug.class);
  if (drug.brands.length > 0) field(markdown, l10n.t('Brands'), drug.brands.join(', '));
  if (drug.ingredients.length > 1) {
    field(markdown, l10n.t('Ingredients'), drug.ingredients.map((ingredient) => `${ingredient.generic} (${ingredient.class})`).join(' + '));
  }
  field(markdown, l10n.t('Found by'), sourceOf(drug, l10n));
  return markdown.value;
}

/** A guideline citation's hover: the guideline by its full name, its part or chapter, and what the sections and pages cited refer to. */
export function guidelineHover(guideline: GuidelineEntity, l10n: Translator = english): string {
  const markdown = new Markdown();
  if (guideline.family === 'none') {
    heading(markdown, l10n.t('No medical evidence cited'));
    markdown.appendMarkdown(l10n.t('The decision names no guideline or study.'));
    return markdown.value;
  }
  const info = describeGuideline(guideline);
  if (!info) {
    heading(markdown, l10n.t('Non-MTUS citation'));
    markdown.appendMarkdown(l10n.t('A source outside the California Medical Treatment Utilization Schedule (MTUS).') + '\n\n');
  } else {
    heading(markdown, `${info.name} (${info.abbreviation})`);
    markdown.appendMarkdown(
      (info.inMtus
        ? l10n.t('The treatment guidelines adopted by California for workers\' compensation; an IMR reviewer applies them first.')
        : l10n.t('Not part of the MTUS: cited where the MTUS does not address the treatment.')) + '\n\n',
    );
  }
  const part = info?.part;
  if (part) {
    field(markdown, info.inMtus ? l10n.t('Guideline') : info.abbreviation === 'ODG' ? l10n.t('Chapter') : l10n.t('Part'), part.editions ? `${part.name} (${part.editions})` : part.name);
    const acoem = part.acoem;
    if (acoem) {
      const book = acoem.year !== undefined ? `${acoem.book} (${acoem.year})` : acoem.book;
      const where = acoem.chapters ? l10n.t('{0}, chapter {1}', book, acoem.chapters) : book;
      field(markdown, l10n.t('Adopted from'), acoem.chapterName ? `${where}: ${acoem.chapterName}` : where);
    }
  }
  if (guideline.year !== undefined) field(markdown, l10n.t('Edition cited'), String(guideline.year));
  const sections = guideline.sections ?? [];
  if (guideline.topic && !(sections.length > 0 && sections[0] === guideline.topic)) field(markdown, l10n.t('Topic'), guideline.topic);
  const cited = part?.name ?? (info ? info.abbreviation : l10n.t('the cited source'));
  if (sections.length > 0) {
    field(markdown, l10n.t('Section(s)'), l10n.t('{0} — the part of {1} the decision relies on', sections.join('; '), cited));
  }
  if (guideline.pages && guideline.pages.length > 0) {
    field(markdown, l10n.t('Page(s)'), l10n.t('{0} — in {1}', guideline.pages.join(', '), cited));
  }
  return markdown.value;
}

/** A literature citation's hover: author and year. */
export function literatureHover(citation: LiteratureEntity, l10n: Translator = english): string {
  const markdown = new Markdown();
  heading(markdown, l10n.t('Literature citation'));
  field(markdown, l10n.t('Author'), citation.author);
  field(markdown, l10n.t('Year'), String(citation.year));
  return markdown.value;
}

function partialText(block: TextBlock | undefined): string | undefined {
  return block && block.text.trim() !== '' ? block.text : undefined;
}

/** A guideline the decision relied on, in one line: `MTUS: Chronic Pain Medical Treatment Guidelines (2016) — Physical medicine treatment`. */
function guidelineLine(guideline: ItemGuideline, l10n: Translator): string {
  let line = guideline.chapter !== undefined ? `${guideline.source}: ${guideline.chapter}` : guideline.source === 'other' ? guideline.text : guideline.source;
  if (guideline.year !== undefined) line += ` (${guideline.year})`;
  const cited = guideline.sections && guideline.sections.length > 0 ? guideline.sections.join('; ') : guideline.topic;
  if (cited !== undefined) line += ` — ${cited}`;
  if (guideline.pages && guideline.pages.length > 0) line += `, ${l10n.t('page(s) {0}', guideline.pages.join(', '))}`;
  return line;
}

/** An item line's hover: the request as structured fields, its outcome and any partial approval. */
export function itemHover(item: Item, l10n: Translator = english): string {
  const markdown = new Markdown();
  heading(markdown, itemLabel(item.name.text, l10n), outcomeLabel(item.outcome, l10n));
  const { fields } = item;
  for (const drug of fields.drugs) {
    const drugClass = drug.source === 'shape' && drug.class === 'other' ? l10n.t('unknown class') : drug.class;
    field(markdown, l10n.t('Drug'), drug.generic && drug.source !== 'shape' && drug.generic !== drug.text.toLowerCase() ? `${drug.text} (${drug.generic}, ${drugClass})` : `${drug.text} (${drugClass})`);
  }
  const rows: Array<[string, string | undefined]> = [
    [l10n.t('Strength'), fields.strength],
    [l10n.t('Quantity'), fields.quantity],
    [l10n.t('Form'), fields.form],
    [l10n.t('Route'), fields.route],
    [l10n.t('Frequency'), fields.frequency],
    [l10n.t('Duration'), fields.duration],
    [l10n.t('Refills'), fields.refills],
    [l10n.t('Sessions'), fields.sessions],
    [l10n.t('Timing'), fields.timeQualifier],
    [l10n.t('Body parts'), fields.bodyParts.length > 0 ? fields.bodyParts.join(', ') : undefined],
  ];
  for (const [label, value] of rows) if (value !== undefined) field(markdown, label, value);
  field(markdown, l10n.t('Request'), item.drugClass ? `${categoryLabel(item.category, l10n)} (${item.drugClass})` : categoryLabel(item.category, l10n));
  field(markdown, l10n.t('Outcome'), item.outcome ? outcomeLabel(item.outcome, l10n) : l10n.t('no decision written'));
  for (const guideline of item.guidelines) field(markdown, l10n.t('Decision based on'), guidelineLine(guideline, l10n));
  const partial = item.partial;
  if (partial) {
    markdown.appendMarkdown(`\n**${markdownText(l10n.t('Partial approval'))}**\n\n`);
    const original = partialText(partial.original);
    const authorized = partialText(partial.authorized);
    const remaining = partialText(partial.remaining);
    if (original) field(markdown, l10n.t('Original request'), original);
    if (authorized) field(markdown, l10n.t('Authorized by utilization review'), authorized);
    if (remaining) field(markdown, l10n.t('Remaining portion decided here'), remaining);
  }
  return markdown.value;
}

/**
 * The hover at `offset`: the drug, guideline or literature citation there, the review and appeal
 * dates on the Decision Date or Application Received, then the item whose line (the name through the
 * outcome word) holds it. The range is the entity's, else the item line's;
 * `undefined` when there is nothing to say.
 */
export function hoverAt(letter: Letter, offset: number, l10n: Translator = english): HoverView | undefined {
  const contents: string[] = [];
  let range: Range | undefined;
  const entity = entityAt(letter.entities, offset);
  if (entity?.kind === 'drug') contents.push(drugHover(entity, l10n));
  else if (entity?.kind === 'guideline') contents.push(guidelineHover(entity, l10n));
  else if (entity?.kind === 'literature') contents.push(literatureHover(entity, l10n));
  if (contents.length > 0 && entity) range = { start: entity.start, end: entity.end };

  // On the Decision Date or the Application Received (label or value): the dates that matter.
  const dateField = letter.header.find(
    (field) => (field.name === 'decisionDate' || field.name === 'applicationReceived') && Math.min(field.label.start, field.value.start) <= offset && offset < Math.max(field.label.end, field.value.end),
  );
  if (dateField) {
    contents.push(decisionDatesHover(decisionDates(letter), l10n));
    range ??= { start: Math.min(dateField.label.start, dateField.value.start), end: Math.max(dateField.label.end, dateField.value.end) };
  }

  const item = letter.items.find((candidate) => candidate.heading.start <= offset && offset < candidate.heading.end);
  if (item) {
    contents.push(itemHover(item, l10n));
    range ??= { start: item.heading.start, end: item.heading.end };
  }
  return contents.length > 0 && range ? { contents, range } : undefined;
}
