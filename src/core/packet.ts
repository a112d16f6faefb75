/**
 * A packet's analysis: each letter analysed alone, on its own slice of the text, then moved to the
 * whole text's offsets and merged into the one model every view reads (see `analyzeText`).
 */

import type { Claimant, Diagnostic, Entity, HeaderField, Item, LabeledBlock, Letter, PartialApproval, Range, Reviewer, Section } from './model';

/** One letter of a text, analysed alone. */
export interface LetterAnalysis {
  /** The letter's span of the whole text (see `letterRanges`). */
  readonly range: Range;
  /** The letter as parsed alone; its offsets (and `text`) are the whole text's, its items indexed from 0. */
  readonly letter: Letter;
  /** Its rules' diagnostics, offsets of the whole text, `itemIndex` into this letter's items. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Moves a slice's model by `by` characters, onto `text` (the whole text). Entities keep one copy each, so an item's drugs are the letter's entities. */
class Shift {
  private readonly entities = new Map<Entity, Entity>();

  constructor(private readonly by: number) {}

  range<T extends Range>(range: T): T {
    return { ...range, start: range.start + this.by, end: range.end + this.by };
  }

  entity<T extends Entity>(entity: T): T {
    let moved = this.entities.get(entity);
    if (!moved) {
      moved = this.range(entity);
      this.entities.set(entity, moved);
    }
    return moved as T;
  }

  private block(block: LabeledBlock): LabeledBlock {
    return { label: this.range(block.label), body: this.range(block.body), range: this.range(block.range) };
  }

  private partial(partial: PartialApproval): PartialApproval {
    return {
      ...(partial.original ? { original: this.range(partial.original) } : {}),
      ...(partial.authorized ? { authorized: this.range(partial.authorized) } : {}),
      ...(partial.remaining ? { remaining: this.range(partial.remaining) } : {}),
    };
  }

  item(item: Item): Item {
    return {
      ...item,
      name: this.range(item.name),
      ...(item.outcomeRange ? { outcomeRange: this.range(item.outcomeRange) } : {}),
      heading: this.range(item.heading),
      range: this.range(item.range),
      ...(item.claimsGuideline ? { claimsGuideline: this.block(item.claimsGuideline) } : {}),
      ...(item.maximusGuideline ? { maximusGuideline: this.block(item.maximusGuideline) } : {}),
      ...(item.rationale ? { rationale: this.block(item.rationale) } : {}),
      ...(item.partial ? { partial: this.partial(item.partial) } : {}),
      fields: { ...item.fields, drugs: item.fields.drugs.map((drug) => this.entity(drug)) },
      ...(item.categoryRange ? { categoryRange: this.range(item.categoryRange) } : {}),
      guidelines: item.guidelines.map((guideline) => this.range(guideline)),
    };
  }

  reviewer(reviewer: Reviewer): Reviewer {
    return {
      ...(reviewer.licensure ? { licensure: this.range(reviewer.licensure) } : {}),
      states: reviewer.states.map((state) => this.range(state)),
      ...(reviewer.specialty ? { specialty: this.range(reviewer.specialty) } : {}),
      specialties: reviewer.specialties.map((specialty) => this.range(specialty)),
    };
  }

  claimant(claimant: Claimant): Claimant {
    return {
      ...(claimant.age ? { age: this.range(claimant.age) } : {}),
      ...(claimant.sex ? { sex: this.range(claimant.sex) } : {}),
    };
  }

  header(field: HeaderField): HeaderField {
    return { ...field, label: this.range(field.label), value: this.range(field.value) };
  }

  section(section: Section): Section {
    return { ...section, heading: this.range(section.heading), range: this.range(section.range) };
  }

  letter(letter: Letter, text: string): Letter {
    return {
      text,
      format: letter.format,
      isDetermination: letter.isDetermination,
      header: letter.header.map((field) => this.header(field)),
      sections: letter.sections.map((section) => this.section(section)),
      // Entities first: the items' drugs are taken from them.
      entities: letter.entities.map((entity) => this.entity(entity)),
      items: letter.items.map((item) => this.item(item)),
      reviewer: this.reviewer(letter.reviewer),
      claimant: this.claimant(letter.claimant),
    };
  }

  diagnostic(diagnostic: Diagnostic): Diagnostic {
    return {
      ...diagnostic,
      range: this.range(diagnostic.range),
      fixes: diagnostic.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, range: this.range(edit.range) })) })),
    };
  }
}

/** One letter's analysis of its slice `range` of `text`, moved to the whole text's offsets. */
export function movedLetter(text: string, range: Range, alone: { readonly letter: Letter; readonly diagnostics: readonly Diagnostic[] }): LetterAnalysis {
  const shift = new Shift(range.start);
  return { range, letter: shift.letter(alone.letter, text), diagnostics: alone.diagnostics.map((d) => shift.diagnostic(d)) };
}

/**
 * The packet as one letter, what every view of a single letter reads: the letters' header fields,
 * sections, items (indexed through the whole text), entities and diagnostics one after the other;
 * the first letter's format; `letters` for the views that show each letter (outline, export).
 */
export function mergedPacket(text: string, letters: readonly LetterAnalysis[]): { letter: Letter; diagnostics: Diagnostic[] } {
  const header: HeaderField[] = [];
  const sections: Section[] = [];
  const items: Item[] = [];
  const entities: Entity[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { letter, diagnostics: own } of letters) {
    const first = items.length;
    header.push(...letter.header);
    sections.push(...letter.sections);
    for (const item of letter.items) items.push({ ...item, index: first + item.index });
    entities.push(...letter.entities);
    for (const d of own) diagnostics.push(d.itemIndex === undefined ? d : { ...d, itemIndex: first + d.itemIndex });
  }
  const letter: Letter = {
    text,
    format: letters[0]!.letter.format,
    isDetermination: letters.some((l) => l.letter.isDetermination),
    header,
    sections,
    items,
    entities,
    // The reviewer and claimant of the first letter, as the report's header is the first letter's;
    // each letter's own are in `letters`.
    reviewer: letters[0]!.letter.reviewer,
    claimant: letters[0]!.letter.claimant,
    letters: letters.map((l) => l.letter),
  };
  return { letter, diagnostics };
}
