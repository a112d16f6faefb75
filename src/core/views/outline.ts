/**
 * The letter as a tree of named regions — header and its fields, sections, disputed items and
 * their labelled blocks — for outlines, breadcrumbs and folding. Names that are words of the
 * editor (`Header`, `Decision rationale`) are left to the view, which translates them; names taken
 * from the letter (section titles, item names, field values) are given here.
 */

import type { HeaderFieldName, Item, LabeledBlock, Letter, Outcome, Range } from '../model';

export type BlockKind = 'claimsGuideline' | 'maximusGuideline' | 'rationale';

interface NodeBase {
  /** The whole region, trailing whitespace excluded. */
  readonly range: Range;
  /** The part that names it (a heading, a label, an item's name); always inside `range`. */
  readonly selection: Range;
  readonly children: readonly OutlineNode[];
}

export interface HeaderNode extends NodeBase {
  readonly kind: 'header';
}

export interface HeaderFieldNode extends NodeBase {
  readonly kind: 'headerField';
  readonly field: HeaderFieldName;
  readonly value: string;
}

export interface SectionNode extends NodeBase {
  readonly kind: 'section';
  readonly title: string;
}

export interface ItemNode extends NodeBase {
  readonly kind: 'item';
  readonly index: number;
  /** `''` when the letter names no item. */
  readonly name: string;
  readonly outcome: Outcome | null;
}

export interface BlockNode extends NodeBase {
  readonly kind: 'block';
  readonly block: BlockKind;
  /** The start of the block's text (normalised), at most {@link EXCERPT_LENGTH} characters. */
  readonly excerpt: string;
}

/** One letter of a packet (a text of several letters): its own outline is its children. */
export interface PacketLetterNode extends NodeBase {
  readonly kind: 'letter';
  /** 0-based position among the text's letters. */
  readonly index: number;
  /** The letter's case number as written; `''` when it has none. */
  readonly caseNumber: string;
}

export type OutlineNode = PacketLetterNode | HeaderNode | HeaderFieldNode | SectionNode | ItemNode | BlockNode;

/** How much of a block's text an outline shows beside its label. */
export const EXCERPT_LENGTH = 60;

/** The start of `text`, cut at a word boundary with `…` when it is longer than `max`. */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const kept = space > max / 2 ? cut.slice(0, space) : cut;
  // Trailing spaces and punctuation dropped by hand: `/[\s,;:.]+$/` is quadratic on long runs.
  let end = kept.length;
  while (end > 0 && /[\s,;:.]/.test(kept.charAt(end - 1))) end--;
  return `${kept.slice(0, end)}…`;
}

/** `range` without the whitespace at its end (never shorter than one character if it had any). */
export function trimEnd(text: string, range: Range): Range {
  let end = Math.min(range.end, text.length);
  while (end > range.start + 1 && /\s/.test(text.charAt(end - 1))) end--;
  return { start: range.start, end: Math.max(range.start, end) };
}

/** `inner` clipped to `outer`, so a selection never leaves its region. */
function clip(inner: Range, outer: Range): Range {
  const start = Math.min(Math.max(inner.start, outer.start), outer.end);
  const end = Math.min(Math.max(inner.end, start), outer.end);
  return { start, end };
}

/** The smallest range holding all of `ranges`. */
function cover(ranges: readonly Range[]): Range {
  return { start: Math.min(...ranges.map((r) => r.start)), end: Math.max(...ranges.map((r) => r.end)) };
}

function blockNode(text: string, kind: BlockKind, block: LabeledBlock): BlockNode {
  const range = trimEnd(text, cover([block.range, block.label]));
  return { kind: 'block', block: kind, excerpt: excerpt(block.body.text), range, selection: clip(block.label, range), children: [] };
}

function itemNode(text: string, item: Item): ItemNode {
  const range = trimEnd(text, cover([item.range, item.heading, item.name]));
  const children: BlockNode[] = [];
  if (item.claimsGuideline) children.push(blockNode(text, 'claimsGuideline', item.claimsGuideline));
  if (item.maximusGuideline) children.push(blockNode(text, 'maximusGuideline', item.maximusGuideline));
  if (item.rationale) children.push(blockNode(text, 'rationale', item.rationale));
  children.sort((a, b) => a.range.start - b.range.start);
  // An empty name still needs a selection: the heading (or the item's first character).
  const named = item.name.end > item.name.start ? item.name : item.heading.end > item.heading.start ? item.heading : { start: range.start, end: range.start };
  return { kind: 'item', index: item.index, name: item.name.text, outcome: item.outcome, range, selection: clip(named, range), children };
}

/**
 * The outline of a letter: the header (when it has fields) with one child per field, then each
 * section; the items of an issues section are its children, items outside any issues section
 * come at the top level. Nodes are in text order. A packet (`letter.letters`) has one root per
 * letter, each letter's outline under it.
 */
export function outline(letter: Letter): OutlineNode[] {
  if (!letter.letters) return letterOutline(letter);
  const roots: PacketLetterNode[] = [];
  letter.letters.forEach((one, index) => {
    const children = letterOutline(one);
    // A letter with nothing to show (a title and no more) has no root.
    if (children.length === 0) return;
    const range = cover(children.map((child) => child.range));
    const caseNumber = one.header.find((field) => field.name === 'caseNumber');
    const named = caseNumber && caseNumber.value.end > caseNumber.value.start ? caseNumber.value : children[0]!.selection;
    roots.push({ kind: 'letter', index, caseNumber: caseNumber?.value.text ?? '', range, selection: clip(named, range), children });
  });
  return roots;
}

function letterOutline(letter: Letter): OutlineNode[] {
  const { text } = letter;
  const nodes: OutlineNode[] = [];
  if (letter.header.length > 0) {
    const fields: HeaderFieldNode[] = letter.header.map((field) => {
      const range = cover([field.label, field.value]);
      return { kind: 'headerField', field: field.name, value: field.value.text, range, selection: clip(field.label, range), children: [] };
    });
    fields.sort((a, b) => a.range.start - b.range.start);
    const range = cover(fields.map((f) => f.range));
    nodes.push({ kind: 'header', range, selection: clip(fields[0]!.selection, range), children: fields });
  }

  const placed = new Set<number>();
  for (const section of letter.sections) {
    const range = trimEnd(text, cover([section.range, section.heading]));
    const children: ItemNode[] = [];
    if (section.kind === 'issues') {
      for (const item of letter.items) {
        if (placed.has(item.index) || item.name.start < section.range.start || item.name.start >= section.range.end) continue;
        placed.add(item.index);
        children.push(itemNode(text, item));
      }
    }
    // A child that reaches past its section widens the section rather than poking out of it.
    const whole = children.length > 0 ? cover([range, ...children.map((c) => c.range)]) : range;
    nodes.push({ kind: 'section', title: section.title, range: whole, selection: clip(section.heading, whole), children });
  }
  for (const item of letter.items) {
    if (!placed.has(item.index)) nodes.push(itemNode(text, item));
  }
  nodes.sort((a, b) => a.range.start - b.range.start);
  return nodes;
}

/** A region an editor can fold. */
export interface FoldRegion extends Range {
  readonly kind: 'letter' | 'header' | 'section' | 'item' | 'block';
}

/** Every foldable region: a packet's letters, the header, the sections, the items and their blocks, outermost first. */
export function foldRegions(letter: Letter): FoldRegion[] {
  const regions: FoldRegion[] = [];
  const walk = (nodes: readonly OutlineNode[]): void => {
    for (const node of nodes) {
      if (node.kind !== 'headerField') regions.push({ kind: node.kind, start: node.range.start, end: node.range.end });
      walk(node.children);
    }
  };
  walk(outline(letter));
  return regions;
}
