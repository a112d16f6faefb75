/** `parse(text)`: the letter model, built layer by layer (lines → header → sections → items → entities). */

import { requestKind } from '../categories';
import { citedGuideline } from '../guidelines';
import type { Claimant, DrugEntity, Entity, HeaderField, Item, ItemFields, ItemGuideline, Letter, Reviewer, Section, SurfaceFormat } from '../model';
import { parseClaimant, parseReviewer } from './facts';
import { parseHeader } from './header';
import { splitFlattenedLines } from './flattened';
import { findItems, type ItemStructure } from './items';
import { type ContentLine, type ContentLines, contentLinesOf } from './lines';
import { findSections } from './sections';

export interface ParseOptions {
  /** Finds the entities of the text; the item lines' structured fields are taken from them. */
  readonly findEntities?: (text: string) => Entity[];
}

/** How much of the text `detectFormat` reads. */
const FORMAT_WINDOW = 20000;

/**
 * Markdown-ish exports mark headings with `###` and labels with `**`/`<b>`: within the first 20,000
 * characters, a `<b>`, a line starting with 1–6 `#` and a space, or a line starting `**`, then 1–200
 * characters other than `*` and `\n`, then `:**`. (The multiline regexes this replaces scanned the
 * whole window; here only the line-start `#` and `**` are looked at.)
 */
function detectFormat(text: string): SurfaceFormat {
  const head = text.length > FORMAT_WINDOW ? text.slice(0, FORMAT_WINDOW) : text;
  if (head.includes('<b>')) return 'markdown';
  for (let at = head.indexOf('#'); at >= 0; at = head.indexOf('#', at + 1)) {
    if (!isLineStart(head, at)) continue;
    let end = at;
    while (end < head.length && end - at < 7 && head.charCodeAt(end) === 35) end++;
    if (end - at <= 6 && head.charCodeAt(end) === 32) return 'markdown';
  }
  for (let at = head.indexOf('**'); at >= 0; at = head.indexOf('**', at + 1)) {
    if (isLineStart(head, at) && isBoldLabel(head, at)) return 'markdown';
  }
  return 'plain';
}

/** At the start, or after a line terminator as a multiline regex's `^` sees them (`\n`, `\r`, U+2028, U+2029). */
function isLineStart(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text.charCodeAt(at - 1);
  return before === 10 || before === 13 || before === 0x2028 || before === 0x2029;
}

/** `**` at `at` followed by 1–200 characters other than `*` and `\n`, then `:**`. */
function isBoldLabel(head: string, at: number): boolean {
  const from = at + 2;
  for (let i = from; i < head.length && i - from <= 200; i++) {
    const code = head.charCodeAt(i);
    if (code === 42 || code === 10) return false;
    // A colon after at least one character, followed by `**`, closes the label.
    if (code === 58 && i > from && head.charCodeAt(i + 1) === 42 && head.charCodeAt(i + 2) === 42) return true;
  }
  return false;
}

/**
 * Parses an IMR determination letter. Never throws: a text that is not a letter yields a model
 * with `isDetermination: false` and nothing in it; a damaged letter yields what can be found.
 */
export function parse(text: string, options: ParseOptions = {}): Letter {
  return withEntities(text, structureOfText(text), options);
}

/**
 * The letter's structure from its content lines, made and dropped in this call: a large text's lines
 * (about as many bytes again as the text) must not stay reachable while its entities are found, as
 * they do from a register of the caller's frame when made there (20 MB more peak RSS on a 20 MB text).
 */
function structureOfText(text: string): Structure {
  const lines = contentLinesOf(text);
  return structureOf(text, lines);
}

export function parseIndexed(text: string, lines: ContentLines, options: ParseOptions = {}): Letter {
  return withEntities(text, structureOf(text, lines), options);
}

/** What the lines yield: the letter without its entities. */
interface Structure {
  readonly header: HeaderField[];
  readonly sections: Section[];
  readonly items: ItemStructure[];
  readonly reviewer: Reviewer;
  readonly claimant: Claimant;
  readonly isDetermination: boolean;
}

function structureOf(text: string, lines: ContentLines): Structure {
  // A letter whose line breaks were lost is read as the lines it once was.
  const content = splitFlattenedLines(text, lines.content);
  const sections = findSections(text, content);
  const firstSection = sections[0];
  const header = parseHeader(text, firstSection ? firstSection.range.start : text.length);
  const issues = sections.find((s) => s.kind === 'issues');
  const region = issues ? issues.range : { start: 0, end: text.length };
  const regionLines = linesStartingIn(content, region.start, region.end);
  const items = findItems(text, regionLines, lines.lineGap, region.end);
  // A case number alone (read without its label, as from OCR) does not make a text a letter: a note may cite one.
  const isDetermination = sections.length > 0 || items.length > 0 || header.some((f) => f.name === 'caseNumber' && f.label.end > f.label.start && /^CM\d{2}-\d{4,8}$/i.test(f.value.text));
  return { header, sections, items, reviewer: parseReviewer(text, sections), claimant: parseClaimant(text, sections), isDetermination };
}

function withEntities(text: string, structure: Structure, options: ParseOptions): Letter {
  const { header, sections, reviewer, claimant, isDetermination } = structure;
  if (!isDetermination) {
    return { text, format: detectFormat(text), isDetermination: false, header: [], sections: [], items: [], reviewer: { states: [], specialties: [] }, claimant: {}, entities: [] };
  }
  const entities = options.findEntities ? options.findEntities(text) : [];
  const items = structure.items.map((item) => itemWithEntities(text, item, entities));
  return { text, format: detectFormat(text), isDetermination, header, sections, items, reviewer, claimant, entities };
}

/** An item with what its entities say: its line's fields, its request category and the guidelines its decision relied on. */
function itemWithEntities(text: string, item: ItemStructure, entities: readonly Entity[]): Item {
  const fields = fieldsOf(item, entities);
  const kind = requestKind(text, item.name, fields.drugs);
  return {
    ...item,
    fields,
    category: kind.category,
    ...(kind.drugClass !== undefined ? { drugClass: kind.drugClass } : {}),
    ...(kind.range !== undefined ? { categoryRange: kind.range } : {}),
    guidelines: itemGuidelines(item, entities),
  };
}

/**
 * The guidelines an item's decision relied on: the citations inside its `MAXIMUS guideline:` block
 * (the IMR decision's `Decision based on ...`); for an item without that block, those its rationale
 * names. "Did not cite any medical evidence" names none.
 */
function itemGuidelines(item: ItemStructure, entities: readonly Entity[]): ItemGuideline[] {
  const block = item.maximusGuideline ? 'maximusGuideline' : item.rationale ? 'rationale' : undefined;
  if (block === undefined) return [];
  const { body } = item[block]!;
  const guidelines: ItemGuideline[] = [];
  for (const entity of entitiesIn(entities, body.start, body.end)) {
    if (entity.kind !== 'guideline') continue;
    const cited = citedGuideline(entity, block);
    if (cited) guidelines.push(cited);
  }
  return guidelines;
}

/** The content lines that start within `[start, end)` (lines are sorted by start). */
function linesStartingIn(lines: readonly ContentLine[], start: number, end: number): readonly ContentLine[] {
  const from = firstStartAtOrAfter(lines, start);
  return lines.slice(from, Math.max(from, firstStartAtOrAfter(lines, end)));
}

/** The index of the first of `sorted` (sorted by start) that starts at or after `offset`. */
function firstStartAtOrAfter(sorted: ReadonlyArray<{ readonly start: number }>, offset: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]!.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The kinds of entity an item line's fields take the first of, in the fields' order. */
const FIRST_OF_KINDS = ['strength', 'quantity', 'form', 'route', 'frequency', 'duration', 'refills', 'sessions', 'timeQualifier'] as const;

/**
 * The structured fields of an item line: its drugs and body parts, and the first entity of each other
 * kind inside its name. One pass over the entities inside, found by binary search.
 */
export function fieldsOf(item: Pick<Item, 'name'>, entities: readonly Entity[]): ItemFields {
  const { start, end } = item.name;
  const drugs: DrugEntity[] = [];
  const bodyParts: string[] = [];
  const firsts: Partial<Record<Entity['kind'], string>> = {};
  for (let i = firstStartAtOrAfter(entities, start); i < entities.length && entities[i]!.start < end; i++) {
    const entity = entities[i]!;
    if (entity.end > end) continue;
    if (entity.kind === 'drug') drugs.push(entity);
    else if (entity.kind === 'bodyPart') bodyParts.push(entity.text);
    else if (firsts[entity.kind] === undefined) firsts[entity.kind] = entity.text;
  }
  const fields: { -readonly [K in keyof ItemFields]: ItemFields[K] } = { drugs, bodyParts };
  for (const kind of FIRST_OF_KINDS) {
    const value = firsts[kind];
    if (value !== undefined) fields[kind] = value;
  }
  return fields;
}

/** Entities within `[start, end)`, found by binary search (entities are sorted by start). */
export function entitiesIn<T extends Entity>(entities: readonly T[], start: number, end: number): T[] {
  const found: T[] = [];
  for (let i = firstStartAtOrAfter(entities, start); i < entities.length && entities[i]!.start < end; i++) {
    if (entities[i]!.end <= end) found.push(entities[i]!);
  }
  return found;
}

/** The innermost entity covering `offset` (the shortest, when several do). */
export function entityAt<T extends Entity>(entities: readonly T[], offset: number): T | undefined {
  // Entities are sorted by start; look back over the few that can still cover the offset.
  let low = 0;
  let high = entities.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (entities[mid]!.start <= offset) low = mid + 1;
    else high = mid;
  }
  let best: T | undefined;
  for (let i = low - 1; i >= 0 && i >= low - 64; i--) {
    const entity = entities[i]!;
    if (entity.start <= offset && offset < entity.end && (!best || entity.end - entity.start < best.end - best.start)) best = entity;
  }
  return best;
}
