/**
 * The annotation labels, in one table: what each means, its n2c2 2018 medication-extraction
 * counterpart, and which of the analyzer's entity kinds or letter parts it is given to. The
 * pre-annotation, the brat `annotation.conf`, the editor's label list and docs/annotations.md all read
 * this table.
 */

import type { EntityKind } from '../model';

/** The parts of the analyzer's model of a letter (besides its entities) that get a label. */
export type LetterPart = 'item' | 'outcome' | 'section' | 'rationale' | 'caseNumber';

export interface LabelDefinition {
  /** The brat type, one word: `Drug`. */
  readonly name: string;
  /** One line for the legend and the docs. */
  readonly description: string;
  /** The n2c2 2018 (track 2) label of the same meaning, when there is one. */
  readonly n2c2?: string;
  /** The analyzer's entity kinds this label is given to. */
  readonly kinds?: readonly EntityKind[];
  /** The letter part this label is given to. */
  readonly part?: LetterPart;
  /** A colour for the editor's highlight and legend, `#rrggbb`. */
  readonly color?: string;
}

/** A relation between two labels, brat's `Arg1` → `Arg2`; n2c2 2018 points from the attribute to the drug. */
export interface RelationDefinition {
  readonly type: string;
  readonly arg1: string;
  readonly arg2: string;
  readonly n2c2?: boolean;
  readonly description: string;
}

export interface AttributeDefinition {
  readonly name: string;
  /** The labels it may be set on. */
  readonly targets: readonly string[];
  /** Its values; absent for a flag. */
  readonly values?: readonly string[];
  readonly description: string;
}

/** Labels, relations and attributes together: what annotationConf writes and the editor offers. */
export interface AnnotationSchema {
  readonly labels: readonly LabelDefinition[];
  readonly relations: readonly RelationDefinition[];
  readonly attributes: readonly AttributeDefinition[];
}

/** The labels imr-annotate gives and offers, medication labels first (n2c2 2018's names). */
export const LABELS: readonly LabelDefinition[] = [
  { name: 'Drug', n2c2: 'Drug', kinds: ['drug'], color: '#e6194b', description: 'A medication, by brand or generic name: Norco, hydrocodone/acetaminophen.' },
  { name: 'Strength', n2c2: 'Strength', kinds: ['strength'], color: '#f58231', description: 'The amount of drug in one unit: 10/325 mg, 5%.' },
  { name: 'Dosage', n2c2: 'Dosage', color: '#ffe119', description: 'How many units are taken at once: 2 tablets. (Not given by the analyzer.)' },
  { name: 'Frequency', n2c2: 'Frequency', kinds: ['frequency'], color: '#bfef45', description: 'How often: BID, every 6 hours, as needed.' },
  { name: 'Route', n2c2: 'Route', kinds: ['route'], color: '#3cb44b', description: 'How it is given: oral, topical, injection.' },
  { name: 'Form', n2c2: 'Form', kinds: ['form'], color: '#42d4f4', description: 'The dosage form: tablet, capsule, patch, cream.' },
  { name: 'Duration', n2c2: 'Duration', kinds: ['duration'], color: '#4363d8', description: 'For how long: 30 days, 6 weeks.' },
  { name: 'Reason', n2c2: 'Reason', color: '#911eb4', description: 'Why the drug is given: for neuropathic pain. (Not given by the analyzer.)' },
  { name: 'ADE', n2c2: 'ADE', color: '#f032e6', description: 'An adverse drug event. (Not given by the analyzer.)' },
  { name: 'Quantity', kinds: ['quantity'], color: '#a9a9a9', description: 'The number dispensed: #60, QTY: 90.' },
  { name: 'Refills', kinds: ['refills'], color: '#808000', description: 'The refills requested: 2 refills.' },
  { name: 'Sessions', kinds: ['sessions'], color: '#9a6324', description: 'A count of visits or sessions: 12 sessions, 2 times a week for 6 weeks.' },
  { name: 'TimeQualifier', kinds: ['timeQualifier'], color: '#800000', description: 'When the service was or will be given: retrospective DOS 10/1/2016, post-operative.' },
  { name: 'Request', part: 'item', color: '#000075', description: 'A disputed item or service as the letter names it; its Outcome attribute holds the decision.' },
  { name: 'Decision', part: 'outcome', color: '#469990', description: 'The decision word after an item: Upheld, Overturned.' },
  { name: 'Guideline', kinds: ['guideline'], color: '#dcbeff', description: 'A guideline cited: MTUS Chronic Pain Medical Treatment Guidelines, ODG Pain.' },
  { name: 'Citation', kinds: ['literature'], color: '#fabed4', description: 'A published study cited by author and year: Smith 2010.' },
  { name: 'BodyPart', kinds: ['bodyPart'], color: '#ffd8b1', description: 'A body part or region: right shoulder, lumbar spine.' },
  { name: 'SpineLevel', kinds: ['spineLevel'], color: '#fffac8', description: 'A spinal level or range: L4-5, C5-C6.' },
  { name: 'Date', kinds: ['date'], color: '#aaffc3', description: 'A date: 11/09/2016, October 13, 2016.' },
  { name: 'Redacted', kinds: ['redacted'], color: '#808080', description: 'Text the publisher blacked out.' },
  { name: 'CaseNumber', part: 'caseNumber', color: '#e6beff', description: "The letter's case number: CM16-0213037." },
  { name: 'Section', part: 'section', color: '#c0c0c0', description: 'A section heading: CLINICAL CASE SUMMARY.' },
  { name: 'Rationale', part: 'rationale', color: '#b0c4de', description: "An item's decision rationale (the text after Decision rationale:)." },
];

/** The n2c2 2018 relations, from each medication attribute to its drug. */
export const RELATIONS: readonly RelationDefinition[] = ['Strength', 'Dosage', 'Route', 'Form', 'Frequency', 'Duration', 'Reason', 'ADE'].map((label) => ({
  type: `${label}-Drug`,
  arg1: label,
  arg2: 'Drug',
  n2c2: true,
  description: `The drug this ${label === 'ADE' ? 'adverse event' : label.toLowerCase()} belongs to.`,
}));

/** The outcome of an item, on its Request span. */
export const OUTCOME_ATTRIBUTE = 'Outcome';

export const ATTRIBUTES: readonly AttributeDefinition[] = [
  { name: OUTCOME_ATTRIBUTE, targets: ['Request'], values: ['Upheld', 'Overturned'], description: 'The decision on the item: the denial upheld, or overturned.' },
];

/** imr-annotate's own schema. */
export const DEFAULT_SCHEMA: AnnotationSchema = { labels: LABELS, relations: RELATIONS, attributes: ATTRIBUTES };

/** The label an entity kind is given, or undefined for a kind with none. */
export function labelOfKind(kind: EntityKind, schema: AnnotationSchema = DEFAULT_SCHEMA): string | undefined {
  return schema.labels.find((l) => l.kinds?.includes(kind))?.name;
}

/** The label a letter part is given. */
export function labelOfPart(part: LetterPart, schema: AnnotationSchema = DEFAULT_SCHEMA): string | undefined {
  return schema.labels.find((l) => l.part === part)?.name;
}

/**
 * The schema with a user's own labels and attributes added (those already defined are left as they
 * are), e.g. a `DenialReason` label with a `Reason` attribute.
 */
export function extendSchema(
  schema: AnnotationSchema,
  extra: { readonly labels?: readonly LabelDefinition[]; readonly relations?: readonly RelationDefinition[]; readonly attributes?: readonly AttributeDefinition[] },
): AnnotationSchema {
  const labels = [...schema.labels];
  for (const label of extra.labels ?? []) if (!labels.some((l) => l.name === label.name)) labels.push(label);
  const relations = [...schema.relations];
  for (const relation of extra.relations ?? []) if (!relations.some((r) => r.type === relation.type)) relations.push(relation);
  const attributes = [...schema.attributes];
  for (const attribute of extra.attributes ?? []) if (!attributes.some((a) => a.name === attribute.name)) attributes.push(attribute);
  return { labels, relations, attributes };
}

/**
 * brat's `annotation.conf` for a schema. Spans may overlap (a Drug inside a Request inside a
 * Rationale), which brat forbids unless the `<OVERLAP>` line allows it.
 */
export function annotationConf(schema: AnnotationSchema = DEFAULT_SCHEMA): string {
  const lines = ['# brat annotation configuration written by imr-annotate: see docs/annotations.md', '', '[entities]'];
  for (const label of schema.labels) lines.push(label.name);
  lines.push('', '[relations]');
  for (const relation of schema.relations) lines.push(`${relation.type}\tArg1:${relation.arg1}, Arg2:${relation.arg2}`);
  lines.push('<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>', '', '[events]', '', '[attributes]');
  for (const attribute of schema.attributes) {
    lines.push(`${attribute.name}\tArg:${attribute.targets.join('|')}${attribute.values ? `, Value:${attribute.values.join('|')}` : ''}`);
  }
  return lines.join('\n') + '\n';
}
