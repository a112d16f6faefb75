/**
 * The drug lexicon: the shipped list (`drug-lexicon.json`) and the drugs a user adds in the
 * `imr.drugs` setting, with the zod schemas both are checked against.
 *
 * The shipped JSON is validated by a unit test, not at start-up: parsing ~600 entries with zod on
 * every activation would cost time for a file that cannot change after the build.
 */

import * as z from '../zod';
import type { DrugClass } from '../model';
import lexiconJson from './drug-lexicon.json';

/** Every {@link DrugClass}, in the order of its declaration. */
export const DRUG_CLASSES = [
  'opioid',
  'muscle relaxant',
  'benzodiazepine',
  'NSAID',
  'analgesic',
  'anticonvulsant',
  'antidepressant',
  'antipsychotic',
  'stimulant',
  'PPI/GI',
  'topical',
  'compound',
  'hypnotic',
  'steroid',
  'antihistamine',
  'antiemetic',
  'cardiovascular',
  'diabetes',
  'antibiotic',
  'anticoagulant',
  'migraine',
  'urologic',
  'hormone',
  'supplement',
  'medical food',
  'local anesthetic',
  'injectable',
  'other',
] as const satisfies readonly DrugClass[];

// Fails to compile when model.ts gains a class this list lacks.
type MissingClass = Exclude<DrugClass, (typeof DRUG_CLASSES)[number]>;
const _allClassesListed: [MissingClass] extends [never] ? true : MissingClass = true;

/** A name as the matcher can use it: non-empty, at most 100 characters, with at least one letter or digit. */
const nameSchema = z.string({ error: (issue) => (issue.input === undefined ? 'is required' : `must be a string, not ${show(issue.input)}`) }).check(
  z.trim(),
  z.minLength(1, { error: 'must not be empty', abort: true }),
  z.maxLength(100, { error: 'must be at most 100 characters' }),
  z.regex(/[\p{L}\p{N}]/u, { error: 'must contain a letter or a digit' }),
);

/** A list of names; a single string is the most likely slip, hence the hint. */
const namesSchema = z.array(nameSchema, { error: (issue) => `must be a list of names (["…"]), not ${show(issue.input)}` });

const genericSchema = nameSchema.check(z.refine((s) => s === s.toLowerCase(), { error: 'must be lower case' }));

/** One of the {@link DrugClass} strings. */
export const drugClassSchema = z.enum(DRUG_CLASSES, {
  error: (issue) => `${show(issue.input)} is not a drug class (one of: ${DRUG_CLASSES.join(', ')})`,
});

/**
 * One drug of the lexicon.
 *
 * - `generic`: lower case; a combination joins its ingredients with `/` (`hydrocodone/acetaminophen`).
 *   Several entries may share a generic when its products differ in class (oral diclofenac is an
 *   NSAID, Flector a topical; Ketophene a compound of ketoprofen): the first entry with a generic
 *   owns the generic's name, the others are reached through their brands or by the dosage form
 *   written after the generic (`Lidocaine 5% patch`).
 * - `brands`: US brand names as usually written (`Norco`, `MS Contin`).
 * - `aliases`: other spellings seen in letters: abbreviations (`APAP`) and misspellings (`Tramdol`).
 * - `ingredients`: for combinations and compounded products, each a generic that has an entry of its own.
 * - `capitalised`: names among the above that are ordinary words too (`Sonata`, `Plan B`): they match
 *   only when written with a capital first letter.
 * - `contextual`: short abbreviations (`MS`, `ASA`): they match only as written (same case) and when a
 *   strength or a release modifier follows (`MS SR`, `ASA 81 mg`).
 */
export const lexiconEntrySchema = z.strictObject({
  generic: genericSchema,
  brands: z.optional(namesSchema),
  class: drugClassSchema,
  aliases: z.optional(namesSchema),
  ingredients: z.optional(z.array(genericSchema).check(z.minLength(1))),
  capitalised: z.optional(namesSchema),
  contextual: z.optional(namesSchema),
});

/** One drug of the lexicon, shipped or added by the user; see {@link lexiconEntrySchema}. */
export type LexiconEntry = z.infer<typeof lexiconEntrySchema>;

/** The whole shipped lexicon. Cross-entry checks (ingredients resolve, no name maps to two generics) are in the unit test. */
export const lexiconSchema = z.strictObject({ drugs: z.array(lexiconEntrySchema) });

/** The lexicon as a whole. */
export type Lexicon = z.infer<typeof lexiconSchema>;

/** The shipped lexicon, typed but not validated at run time (the unit test validates it). */
export const shippedLexicon: Lexicon = lexiconJson as Lexicon;

/** The object form of a user drug; see {@link userDrugSchema}. */
const userDrugObjectSchema = z.strictObject({
  name: nameSchema,
  generic: z.optional(nameSchema),
  class: z.optional(drugClassSchema),
  brands: z.optional(namesSchema),
  aliases: z.optional(namesSchema),
});

/**
 * One drug the user adds in the `imr.drugs` setting: a plain name (`"Zyxoprin"`) or an object.
 *
 * - `name`: the name as it is written in letters (brand or generic).
 * - `generic`: the generic it stands for; defaults to `name` in lower case. A combination is written
 *   with `/` (`flurbiprofen/baclofen`) and gets its parts as ingredients.
 * - `class`: defaults to the class of the shipped drug with that generic, else `other`.
 * - `brands`, `aliases`: more names that mean the same drug.
 */
export const userDrugSchema = z.union([nameSchema, userDrugObjectSchema], {
  error: (issue) => `must be a name or an object with a "name" (got ${show(issue.input)})`,
});

/** A user drug as written in the setting. */
export type UserDrug = z.infer<typeof userDrugSchema>;

/** What {@link parseUserDrugs} found: the usable entries and one message per entry it had to drop. */
export interface ParsedUserDrugs {
  readonly entries: LexiconEntry[];
  readonly problems: string[];
}

/**
 * Reads the `imr.drugs` setting. Never throws: each invalid entry is dropped with a message naming
 * its index and what is wrong (`drug [2]: class: "opiate" is not a drug class (…)`); valid entries
 * are kept. `undefined` and `null` mean "no drugs" and are not problems.
 */
export function parseUserDrugs(value: unknown): ParsedUserDrugs {
  const entries: LexiconEntry[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { entries, problems };
  if (!Array.isArray(value)) {
    problems.push(`must be a list of drug names or objects with a "name", not ${show(value)}`);
    return { entries, problems };
  }
  value.forEach((item: unknown, index) => {
    // Each shape is checked on its own so that the message says what is wrong inside it.
    const schema = typeof item === 'string' ? nameSchema : isRecord(item) ? userDrugObjectSchema : userDrugSchema;
    const parsed = schema.safeParse(item);
    if (parsed.success) entries.push(toEntry(parsed.data));
    else problems.push(`drug [${index}]${describe(item)}: ${formatIssues(parsed.error)}`);
  });
  return { entries, problems };
}

let shippedClasses: Map<string, LexiconEntry['class']> | undefined;

/** The class of a shipped generic (the first entry's, as for matching), built on first use. */
function shippedClassOf(generic: string): LexiconEntry['class'] | undefined {
  if (!shippedClasses) {
    shippedClasses = new Map();
    for (const e of shippedLexicon.drugs) if (!shippedClasses.has(e.generic)) shippedClasses.set(e.generic, e.class);
  }
  return shippedClasses.get(generic);
}

function toEntry(drug: UserDrug): LexiconEntry {
  const d = typeof drug === 'string' ? { name: drug } : drug;
  const generic = (d.generic ?? d.name).toLowerCase();
  const parts = generic.split('/').map((p) => p.trim()).filter(Boolean);
  const brands = [...(d.name.toLowerCase() === generic ? [] : [d.name]), ...(d.brands ?? [])];
  const entry: LexiconEntry = { generic: parts.join('/'), class: d.class ?? shippedClassOf(generic) ?? 'other' };
  if (brands.length) entry.brands = brands;
  if (d.aliases?.length) entry.aliases = d.aliases;
  if (parts.length > 1) entry.ingredients = parts;
  return entry;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The entry's name for the message, when it has one. */
function describe(item: unknown): string {
  if (typeof item === 'string') return ` (${show(item)})`;
  if (isRecord(item) && typeof item.name === 'string') return ` (${show(item.name)})`;
  return '';
}

function formatIssues(error: z.core.$ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
      const message = issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}

/** A short rendering of any value for a message. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
