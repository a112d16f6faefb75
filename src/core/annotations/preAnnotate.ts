/**
 * Pre-annotation: the analyzer's findings as an annotation set, the starting point a person corrects.
 * Labels come from the schema's table (labels.ts); medication attributes on an item line are related
 * to the nearest drug on that line, as n2c2 2018 relates them.
 */

import type { Entity, Letter, Range } from '../model';
import { fragmentText, normalizeFragments } from './fragments';
import { type AnnotationSchema, DEFAULT_SCHEMA, labelOfKind, labelOfPart, OUTCOME_ATTRIBUTE } from './labels';
import { highestIdsOf } from './standoff';
import type { AnnotationSet, AttributeAnnotation, RelationAnnotation, TextBoundAnnotation } from './types';

interface Candidate {
  readonly label: string;
  readonly fragments: Range[];
  /** The entity it came from, for relations. */
  readonly entity?: Entity;
  /** The item whose Request span it is, for the Outcome attribute. */
  readonly outcome?: 'Upheld' | 'Overturned';
}

const fragmentsKey = (fragments: readonly Range[]): string => fragments.map((f) => `${f.start}-${f.end}`).join(';');

/** Distance between two ranges of the text; 0 when they touch or overlap. */
const gap = (a: Range, b: Range): number => Math.max(0, a.start - b.end, b.start - a.end);

/**
 * The analyzer's annotations of a letter: its entities, items (Request, with an Outcome attribute),
 * decision words, section headings, rationales and case number, and the relations from each strength,
 * dosage, route, form, frequency and duration on an item line to the nearest drug before it on that
 * line (or, when none is before it, the nearest after). Ids
 * run in text order.
 */
export function preAnnotate(analysis: { readonly letter: Letter }, schema: AnnotationSchema = DEFAULT_SCHEMA): AnnotationSet {
  const { letter } = analysis;
  const text = letter.text;
  const candidates: Candidate[] = [];
  const add = (label: string | undefined, range: Range, extra: Partial<Candidate> = {}): void => {
    if (!label || range.end <= range.start) return;
    const fragments = normalizeFragments(text, [range]);
    if (fragments.length > 0) candidates.push({ label, fragments, ...extra });
  };
  for (const field of letter.header) if (field.name === 'caseNumber') add(labelOfPart('caseNumber', schema), field.value);
  for (const section of letter.sections) add(labelOfPart('section', schema), section.heading);
  for (const item of letter.items) {
    add(labelOfPart('item', schema), item.name, item.outcome ? { outcome: item.outcome === 'upheld' ? 'Upheld' : 'Overturned' } : {});
    if (item.outcomeRange) add(labelOfPart('outcome', schema), item.outcomeRange);
    if (item.rationale && item.rationale.body.text !== '') add(labelOfPart('rationale', schema), item.rationale.body);
  }
  for (const entity of letter.entities) add(labelOfKind(entity.kind, schema), entity, { entity });

  // One annotation per label and span, in text order (longer first, then table order).
  const order = new Map(schema.labels.map((l, i) => [l.name, i]));
  const seen = new Map<string, Candidate>();
  for (const c of candidates) {
    const key = `${c.label} ${fragmentsKey(c.fragments)}`;
    if (!seen.has(key)) seen.set(key, c);
  }
  const unique = [...seen.values()].sort((a, b) => {
    const aStart = a.fragments[0]!.start;
    const bStart = b.fragments[0]!.start;
    return aStart - bStart || b.fragments[b.fragments.length - 1]!.end - a.fragments[a.fragments.length - 1]!.end || (order.get(a.label) ?? 0) - (order.get(b.label) ?? 0);
  });
  const textBound: TextBoundAnnotation[] = [];
  const idOfEntity = new Map<Entity, string>();
  const attributes: AttributeAnnotation[] = [];
  unique.forEach((c, i) => {
    const id = `T${i + 1}`;
    textBound.push({ id, label: c.label, fragments: c.fragments, text: fragmentText(text, c.fragments) });
    if (c.entity) idOfEntity.set(c.entity, id);
    if (c.outcome && schema.attributes.some((a) => a.name === OUTCOME_ATTRIBUTE)) {
      attributes.push({ id: `A${attributes.length + 1}`, name: OUTCOME_ATTRIBUTE, target: id, value: c.outcome });
    }
  });
  // Entities of the same span and kind share one annotation: map each to it.
  for (const c of candidates) if (c.entity && !idOfEntity.has(c.entity)) {
    const twin = textBound.find((t) => t.label === c.label && fragmentsKey(t.fragments) === fragmentsKey(c.fragments));
    if (twin) idOfEntity.set(c.entity, twin.id);
  }

  const relations: RelationAnnotation[] = [];
  const drugLabel = labelOfKind('drug', schema);
  for (const item of letter.items) {
    const onLine = letter.entities.filter((e) => e.start >= item.heading.start && e.end <= item.heading.end && idOfEntity.has(e));
    const drugs = onLine.filter((e) => e.kind === 'drug');
    if (drugs.length === 0) continue;
    for (const entity of onLine) {
      const label = labelOfKind(entity.kind, schema);
      const relation = schema.relations.find((r) => r.arg1 === label && r.arg2 === drugLabel);
      if (!relation) continue;
      // An item line names the drug, then its strength, form and the rest ("Norco 10/325 mg tablet,
      // Valium 5 mg"): the nearest drug before the attribute, or the nearest after when none is before.
      const before = drugs.filter((d) => d.end <= entity.start);
      const candidates = before.length > 0 ? before : drugs;
      let nearest = candidates[0]!;
      for (const drug of candidates) if (gap(entity, drug) < gap(entity, nearest)) nearest = drug;
      relations.push({ id: `R${relations.length + 1}`, type: relation.type, arg1: idOfEntity.get(entity)!, arg2: idOfEntity.get(nearest)! });
    }
  }
  return {
    textBound,
    attributes,
    relations,
    notes: [],
    dismissals: [],
    other: [],
    problems: [],
    highestIds: highestIdsOf([...textBound, ...attributes, ...relations].map((a) => a.id)),
  };
}
