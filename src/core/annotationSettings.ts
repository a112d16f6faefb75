/**
 * The annotation settings (`imr.annotations.*`), validated with zod like `settings.ts`: an invalid
 * entry is dropped and reported once, everything else keeps its value. Also the small choices the
 * editor makes from them: which colour a label gets, and the order labels are offered in.
 */

import * as z from './zod';
import type { SettingProblem } from './settings';
import { type AnnotationSchema, type AttributeDefinition, DEFAULT_SCHEMA, extendSchema } from './annotations/labels';

/** What the annotation settings hold, valid. */
export interface AnnotationSettings {
  /** "Start Annotating" fills the new `.ann` with the analyzer's annotations (else it starts empty). */
  readonly preAnnotate: boolean;
  /** Labels offered when annotating; empty means the built-in labels (the entity kinds'). */
  readonly labels: readonly string[];
  /** Colour per label as `#rrggbb` (the setting may also say `#rgb`), overriding the label's own. */
  readonly colors: Readonly<Record<string, string>>;
  /** The user's own attributes, each with the values it may take. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
}

export const DEFAULT_ANNOTATION_SETTINGS: AnnotationSettings = { preAnnotate: true, labels: [], colors: {}, attributes: {} };

/** A brat type or attribute name: brat's configuration reads it as one token. */
const bratName = z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a brat name starts with a letter and holds only letters, digits, _ and -'));
const hexColor = z.string().check(z.regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'a colour is #rgb or #rrggbb'));

/** `#rgb` or `#rrggbb` as `#rrggbb`, lower case: the editor appends an alpha to it for the tint. */
function sixDigits(color: string): string {
  const hex = color.slice(1).toLowerCase();
  return hex.length === 3 ? `#${[...hex].map((digit) => digit + digit).join('')}` : `#${hex}`;
}
/** An attribute value is written after the annotation's id on an `A` line: one token, no whitespace. */
const attributeValue = z.string().check(z.regex(/^[^\s]+$/, 'a value is one word, without spaces'));

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads raw annotation settings (what `getConfiguration('imr.annotations')` holds; `undefined` for
 * unset keys) into valid ones: each invalid entry is left out with a problem that says so. Never throws.
 */
export function readAnnotationSettings(raw: Readonly<Record<string, unknown>>): { settings: AnnotationSettings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const problem = (setting: string, message: string): void => {
    problems.push({ setting: `imr.annotations.${setting}`, message });
  };

  let preAnnotate = DEFAULT_ANNOTATION_SETTINGS.preAnnotate;
  if (raw.preAnnotate !== undefined && raw.preAnnotate !== null) {
    if (typeof raw.preAnnotate === 'boolean') preAnnotate = raw.preAnnotate;
    else problem('preAnnotate', `${show(raw.preAnnotate)} is not true or false; using the default true.`);
  }

  const labels: string[] = [];
  if (raw.labels !== undefined && raw.labels !== null) {
    if (!Array.isArray(raw.labels)) problem('labels', `${show(raw.labels)} is not a list of labels; using the built-in labels.`);
    else {
      for (const label of raw.labels as unknown[]) {
        const parsed = bratName.safeParse(label);
        if (!parsed.success) problem('labels', `${show(label)} is not a label (${parsed.error.issues[0]?.message}); left out.`);
        else if (!labels.includes(parsed.data)) labels.push(parsed.data);
      }
    }
  }

  const colors: Record<string, string> = {};
  if (raw.colors !== undefined && raw.colors !== null) {
    if (!isRecord(raw.colors)) problem('colors', `${show(raw.colors)} is not an object of labels to colours; using the default colours.`);
    else {
      for (const [label, color] of Object.entries(raw.colors)) {
        const parsed = hexColor.safeParse(color);
        if (parsed.success) colors[label] = sixDigits(parsed.data);
        else problem(`colors.${label}`, `${show(color)} is not a colour (#rgb or #rrggbb); using the label's default colour.`);
      }
    }
  }

  const attributes: Record<string, readonly string[]> = {};
  if (raw.attributes !== undefined && raw.attributes !== null) {
    if (!isRecord(raw.attributes)) problem('attributes', `${show(raw.attributes)} is not an object of attribute names to lists of values; no attributes of your own.`);
    else {
      for (const [name, values] of Object.entries(raw.attributes)) {
        if (!bratName.safeParse(name).success) {
          problem(`attributes.${name}`, `"${name}" is not an attribute name (a letter, then letters, digits, _ or -); left out.`);
          continue;
        }
        const parsed = z.array(attributeValue).check(z.minLength(1, 'at least one value')).safeParse(values);
        if (parsed.success) attributes[name] = [...new Set(parsed.data)];
        else problem(`attributes.${name}`, `${show(values)} is not a list of one-word values (${parsed.error.issues[0]?.message}); left out.`);
      }
    }
  }

  return { settings: { preAnnotate, labels, colors, attributes }, problems };
}

/**
 * Distinct hues that read as a background tint and an underline in light and dark themes, for labels
 * the table gives no colour: in the order they are offered, or else by their name.
 */
export const LABEL_PALETTE: readonly string[] = [
  '#e5534b',
  '#3f8fd2',
  '#57ab5a',
  '#c69026',
  '#a371f7',
  '#2aa198',
  '#db61a2',
  '#8d96a0',
  '#e0823d',
  '#6cb6ff',
  '#b083f0',
  '#96d0a8',
];

function nameHash(name: string): number {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) >>> 0;
  return hash;
}

/**
 * The schema the editor works with: the built-in labels and attributes, plus the labels named in the
 * settings that it lacks and the user's own attributes (which any label may carry).
 */
export function annotationSchemaFrom(settings: AnnotationSettings, schema: AnnotationSchema = DEFAULT_SCHEMA): AnnotationSchema {
  const labels = settings.labels.filter((name) => !schema.labels.some((l) => l.name === name)).map((name) => ({ name, description: '' }));
  const targets = [...schema.labels.map((l) => l.name), ...labels.map((l) => l.name)];
  const attributes: AttributeDefinition[] = Object.entries(settings.attributes).map(([name, values]) => ({ name, targets, values, description: '' }));
  return extendSchema(schema, { labels, attributes });
}

/** The labels offered when annotating, in order: the settings' list, or else every label of the schema. */
export function offeredLabels(settings: AnnotationSettings, schema: AnnotationSchema = DEFAULT_SCHEMA): string[] {
  return settings.labels.length > 0 ? [...settings.labels] : schema.labels.map((l) => l.name);
}

/** The attributes a span of `label` may carry, the schema's first. */
export function attributesFor(label: string, schema: AnnotationSchema): AttributeDefinition[] {
  return schema.attributes.filter((a) => a.targets.includes(label));
}

/**
 * The colour of `label`: the user's (`settings.colors`), else the label table's, else the palette's
 * colour at its place among the offered labels, else one picked by its name (stable across runs).
 */
export function labelColor(label: string, settings: AnnotationSettings, schema: AnnotationSchema = DEFAULT_SCHEMA): string {
  const own = settings.colors[label] ?? schema.labels.find((l) => l.name === label)?.color;
  if (own !== undefined) return own;
  const index = offeredLabels(settings, schema).indexOf(label);
  return LABEL_PALETTE[(index >= 0 ? index : nameHash(label)) % LABEL_PALETTE.length]!;
}

/** `labels` with the recently used ones first (most recent first), the rest in their own order. */
export function recentFirst(labels: readonly string[], recent: readonly string[]): string[] {
  const first = recent.filter((label, i) => labels.includes(label) && recent.indexOf(label) === i);
  return [...first, ...labels.filter((label) => !first.includes(label))];
}

/** `recent` after `label` was used: it moves to the front; at most `limit` are kept. */
export function usedLabel(recent: readonly string[], label: string, limit = 20): string[] {
  return [label, ...recent.filter((other) => other !== label)].slice(0, limit);
}
