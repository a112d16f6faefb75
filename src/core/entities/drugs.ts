/**
 * Drug names in a text: lexicon names (generic, brand, alias, several words long or not), slash
 * combinations (`Hydrocodone/APAP`), and unknown capitalised words followed by a strength
 * (`Nalfon 400mg`).
 *
 * Linear in the text: one pass reads its word tokens (runs of letters or of digits) from character
 * codes, without allocating. A hash of each word's lower-cased characters, computed during that
 * pass, is looked up in a table of the names' first words; only the words it lets through (first
 * words of names and their plurals, and collisions: a few in a hundred words of a letter) get a
 * lower-case string and a lookup in the map from first words to names (longest first). A capitalised word is checked for a drug's shape only when
 * a digit follows it. Every look-around (the rest of a name, a form, the word before) is bounded.
 * No regex is built from the lexicon's names.
 */

import { isWordChar } from '../chars';
import type { DrugClass, DrugEntity, DrugIngredient, Range } from '../model';
import type { LexiconEntry } from './lexicon';
import { StartList, type Starts } from './starts';

/** A drug as an entity reports it, resolved once when the matcher is built. */
interface Drug {
  readonly generic: string;
  readonly class: DrugClass;
  readonly brands: readonly string[];
  readonly ingredients: readonly DrugIngredient[];
  readonly source: 'lexicon' | 'user';
}

/** One name of a drug, split into tokens like the text is. */
interface Name {
  /** Lower-case tokens. */
  readonly tokens: readonly string[];
  /** Punctuation between consecutive tokens, normalised by {@link normaliseGap}. */
  readonly gaps: readonly string[];
  readonly drug: Drug;
  /** Matches only when written with a capital first letter (`Sonata`, `Plan B`). */
  readonly capitalised: boolean;
  /** Tokens as written, when the name matches only in that case and before a strength or release modifier (`MS`). */
  readonly exact?: readonly string[];
}

/**
 * A lexicon compiled for matching: build it once with {@link createDrugMatcher} and reuse it for
 * every text. Its fields are internal to this module.
 */
export interface DrugMatcher {
  /** First token → the names starting with it, longest first. */
  readonly names: ReadonlyMap<string, readonly Name[]>;
  /** First word → the one-word name its plural names (`norco` for `Norcos`). */
  readonly plurals: ReadonlyMap<string, Name>;
  /** Hashes of first words and plural stems: {@link FIRST_WORD} and {@link PLURAL_STEM} bits, by `hash & FILTER_MASK`. */
  readonly filter: Uint8Array;
  /** Sorted ingredient generics joined by `+` → the combination drug. */
  readonly combinations: ReadonlyMap<string, Drug>;
  /** Generic → the class its product has when written with a topical form (`Lidocaine 5% patch`). */
  readonly formClasses: ReadonlyMap<string, DrugClass>;
}

/** Tokens longer apart than this are not one multi-word name (PDF text may pad with spaces and line breaks). */
const MAX_GAP = 40;

/** Release modifiers and strengths are what make `MS` a drug (`MS SR`, `MS 15 mg`). */
const RELEASE = new Set(['sr', 'er', 'ir', 'cr', 'xr', 'xl', 'la', 'dr', 'ec', 'contin']);

/** Dosage-form words that make an oral drug's name a topical product (`Voltaren gel`, `Lidocaine 5% patch`). */
const TOPICAL_FORMS = new Set([
  'gel', 'gels', 'cream', 'creams', 'patch', 'patches', 'ointment', 'ointments', 'lotion', 'lotions', 'topical',
  'topically', 'transdermal', 'spray', 'foam', 'liniment', 'balm', 'salve',
]);
/** Words that may stand between a drug's name and its form (`Ketoprofen 20% in cream base`). */
const FORM_SKIP = new Set(['mg', 'mcg', 'g', 'gm', 'gms', 'gram', 'grams', 'ml', 'percent', 'in', 'a', 'sodium', 'hcl']);

/**
 * A few names are also part of ordinary phrases; the word before tells them apart
 * (a `Nissan Sentra` is a car, not the medical food).
 */
const NOT_AFTER: ReadonlyMap<string, ReadonlySet<string>> = new Map([['sentra', new Set(['nissan'])]]);

/**
 * Capitalised words that are followed by a number and a unit in letters without being drugs:
 * section words, measures, salts, forms, time words. Shape detection skips them.
 */
const SHAPE_STOPWORDS = new Set(
  (
    'january february march april may june july august september october november december jan feb mar apr jun jul ' +
    'aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday ' +
    'page pages section sections chapter table figure item items appendix volume edition part rule code title article ' +
    'line lines paragraph exhibit note notes level levels grade stage phase step steps class type total tier schedule ' +
    'day days week weeks month months year years hour hours minute minutes visit visits session sessions ' +
    'dose doses dosage dosing daily max maximum minimum over under above below about around approximately approx nearly ' +
    'almost only just upto plus less more than greater exceeds exceeding exceed reduce reduction increase decrease ' +
    'take takes took give given use uses start continue weight weighs height age score scale rate pain relief ' +
    'improvement function strength power grip flexion extension abduction adduction rotation motion range degrees ' +
    'tablet tablets tab tabs capsule capsules cap caps cream creams gel gels patch patches ointment lotion solution ' +
    'suspension powder injection injections spray liquid syrup drops compound oral topical transdermal base bottle ' +
    'box tube jar kit pack supply quantity qty refill refills number count amount concentration retro retrospective ' +
    'prospective request requests dispensed prescription medication medications drug drugs equivalent equivalents ' +
    'calcium sodium potassium magnesium chloride citrate sulfate sulphate hydrochloride phosphate acetate tartrate ' +
    'succinate bitartrate besylate maleate mesylate fumarate hydrobromide extended release delayed immediate ' +
    'sustained vitamin protein fiber water saline glucose sugar cholesterol hemoglobin creatinine per each every ' +
    'with without and the this that these those then from into was were has had have also both either first second ' +
    'third last next previous prior patient worker claimant applicant employee lab labs test tests case claim room ' +
    'suite unit units floor street avenue road highway route gauge needle size lot batch model version series term ' +
    'report reports milligrams grams trial other another some most'
  ).split(' '),
);
/** Endings of ordinary English words (adverbs, participles, abstract nouns), rare in drug names. */
const ENGLISH_ENDING = /(?:ly|ed|ing|tion|sion|ment|ness|ity|ance|ence|ous|ful|able|ible|ive|ward|wise|ship)$/;

/** A strength right after a word: `400mg`, `35 mg`, `4%`, `10/325 mg`, `1.3%`; not lab values (`12 g/dL`). */
const STRENGTH_AFTER =
  /\s{0,3}\d+(?:\.\d+)?(?: ?[-/] ?\d+(?:\.\d+)?)* ?(?:%|(?:mg|mcg|µg|ug|gm|gms|g|grams?|ml|iu|units?|meq)(?![\p{L}\d])(?! ?\/ ?d?l\b))/iuy;

// ---------------------------------------------------------------------------------------------
// Tokens

const LETTER = 1;
const DIGIT = 2;

/** The kind of each ASCII character, so the scan of plain text needs one table read per character. */
const ASCII_KIND = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_KIND[c] = DIGIT;
for (let c = 65; c <= 90; c++) ASCII_KIND[c] = ASCII_KIND[c + 32] = LETTER;

/** LETTER, DIGIT or 0 for the character at `i` (which must be inside the text). */
function charKind(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 128) return ASCII_KIND[code]!;
  const ch = text[i]!;
  return ch.toLowerCase() !== ch.toUpperCase() ? LETTER : 0;
}

/*
 * A token is a run of letters or of digits (`Norco10` is `Norco` + `10`) inside the searched range;
 * the text is never split into a list of them. The functions below find the neighbours of a token
 * from its offsets, within a bound, which keeps every look-around short.
 */

/** Start of the first token in [pos, limit), or -1. `pos` must not be inside a token. */
function nextTokenStart(text: string, pos: number, limit: number): number {
  for (let i = pos; i < limit; i++) if (charKind(text, i) !== 0) return i;
  return -1;
}

/** End of the token starting at `start`; tokens never run past `to`, the end of the searched range. */
function tokenEnd(text: string, start: number, to: number): number {
  const kind = charKind(text, start);
  let i = start + 1;
  while (i < to && charKind(text, i) === kind) i++;
  return i;
}

/** Start of the token ending at `end`; tokens never start before `from`, the start of the searched range. */
function tokenStartBefore(text: string, end: number, from: number): number {
  const kind = charKind(text, end - 1);
  let i = end - 1;
  while (i > from && charKind(text, i - 1) === kind) i--;
  return i;
}

function lowerOf(text: string, start: number, end: number): string {
  return text.slice(start, end).toLowerCase();
}

/** Names' tokens, split like the text is: as parallel arrays of offsets and lower-case strings. */
function tokenize(name: string): { starts: number[]; ends: number[]; lowers: string[] } {
  const t = { starts: [] as number[], ends: [] as number[], lowers: [] as string[] };
  for (let i = nextTokenStart(name, 0, name.length); i >= 0; ) {
    const end = tokenEnd(name, i, name.length);
    t.starts.push(i);
    t.ends.push(end);
    t.lowers.push(lowerOf(name, i, end));
    i = nextTokenStart(name, end, name.length);
  }
  return t;
}

/**
 * What separates two tokens of a name, ignoring spaces, line breaks and hyphens (`Depo-Medrol` =
 * `Depo Medrol`). Periods count: a name must not run across the end of a sentence.
 */
function normaliseGap(gap: string): string {
  return gap.replace(/[\s\-\u2010-\u2013]+/g, '');
}

// ---------------------------------------------------------------------------------------------
// The first-word filter

/*
 * Most words of a letter are not the first word of any name. To reject them without building their
 * lower-case string, the scan hashes each word's lower-cased characters as it reads them and looks
 * the hash up in a table with a bit for the names' first words and one for plural stems. A set bit
 * may be a collision; the map lookup that follows decides. With ~1,500 first words in 65,536 slots,
 * under 2% of a letter's words get through by collision.
 */
const FILTER_BITS = 16;
const FILTER_MASK = (1 << FILTER_BITS) - 1;
const FIRST_WORD = 1;
const PLURAL_STEM = 2;

/** Folds one character into a word's hash; `| 32` lower-cases ASCII letters and keeps digits as they are. */
function hashStep(hash: number, code: number): number {
  return (Math.imul(hash, 31) + (code | 32)) | 0;
}

function hashOf(word: string): number {
  let hash = 0;
  for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i));
  return hash;
}

// ---------------------------------------------------------------------------------------------
// Building the matcher

/**
 * Compiles the shipped lexicon and the user's drugs for {@link findDrugs}. A user entry wins over a
 * shipped one with the same name, and adds names the lexicon lacks.
 */
export function createDrugMatcher(entries: readonly LexiconEntry[], userEntries: readonly LexiconEntry[] = []): DrugMatcher {
  // Each ingredient of a combination gets the class of the entry owning its generic.
  const classes = new Map<string, DrugClass>();
  for (const e of entries) if (!classes.has(e.generic)) classes.set(e.generic, e.class);
  for (const e of userEntries) if (!e.generic.includes('/')) classes.set(e.generic, e.class);

  const byKey = new Map<string, Name>();
  const combinations = new Map<string, Drug>();
  const formClasses = new Map<string, DrugClass>();
  const owners = new Set<string>();

  const add = (entry: LexiconEntry, source: 'lexicon' | 'user'): void => {
    const drug = toDrug(entry, source, classes);
    const owner = !owners.has(entry.generic);
    owners.add(entry.generic);
    if (!owner && source === 'lexicon' && (entry.class === 'topical' || (entry.class === 'compound' && !formClasses.has(entry.generic)))) {
      // A second entry for the same generic: its class applies when the generic is written with a topical form.
      formClasses.set(entry.generic, entry.class);
    }
    if (drug.ingredients.length > 1) {
      const key = ingredientKey(drug.ingredients.map((i) => i.generic));
      if (source === 'user' || !combinations.has(key)) combinations.set(key, drug);
    }
    const capitalised = new Set((entry.capitalised ?? []).map(nameKey));
    const contextual = new Set(entry.contextual ?? []);
    // The generic's own name belongs to its first shipped entry; a user entry always claims it.
    const ownsName = (owner || source === 'user') && !entry.generic.includes('/');
    const written = [...(ownsName ? [entry.generic] : []), ...(entry.brands ?? []), ...(entry.aliases ?? [])];
    for (const raw of written) {
      const name = compileName(raw, drug, capitalised.has(nameKey(raw)), contextual.has(raw));
      if (!name) continue;
      const key = name.tokens.join(' ') + (name.exact ? ` ${name.exact.join(' ')}` : '');
      if (source === 'user' || !byKey.has(key)) byKey.set(key, name);
    }
  };
  for (const e of entries) add(e, 'lexicon');
  for (const e of userEntries) add(e, 'user');

  const names = new Map<string, Name[]>();
  for (const name of byKey.values()) {
    const list = names.get(name.tokens[0]!);
    if (list) list.push(name);
    else names.set(name.tokens[0]!, [name]);
  }
  for (const list of names.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);

  const plurals = new Map<string, Name>();
  const filter = new Uint8Array(FILTER_MASK + 1);
  for (const [first, list] of names) {
    filter[hashOf(first) & FILTER_MASK]! |= FIRST_WORD;
    const single = list.find((n) => n.tokens.length === 1 && !n.capitalised && !n.exact);
    if (single) {
      plurals.set(first, single);
      filter[hashOf(first) & FILTER_MASK]! |= PLURAL_STEM;
    }
  }
  return { names, plurals, filter, combinations, formClasses };
}

function toDrug(entry: LexiconEntry, source: 'lexicon' | 'user', classes: ReadonlyMap<string, DrugClass>): Drug {
  const ingredients: DrugIngredient[] = (entry.ingredients ?? [entry.generic]).map((generic) => ({
    generic,
    // A single-ingredient entry is itself; a compound of one drug (Fanatrex) lists the drug's own class.
    class: entry.ingredients && (entry.ingredients.length > 1 || entry.class === 'compound') ? (classes.get(generic) ?? 'other') : entry.class,
  }));
  return { generic: entry.generic, class: entry.class, brands: entry.brands ?? [], ingredients, source };
}

function nameKey(name: string): string {
  return tokenize(name).lowers.join(' ');
}

function compileName(raw: string, drug: Drug, capitalised: boolean, contextual: boolean): Name | undefined {
  const t = tokenize(raw);
  if (t.lowers.length === 0) return undefined;
  const gaps: string[] = [];
  for (let k = 1; k < t.starts.length; k++) gaps.push(normaliseGap(raw.slice(t.ends[k - 1], t.starts[k])));
  const name: Name = { tokens: t.lowers, gaps, drug, capitalised };
  return contextual ? { ...name, exact: t.starts.map((s, k) => raw.slice(s, t.ends[k])) } : name;
}

function ingredientKey(generics: readonly string[]): string {
  return [...new Set(generics)].sort().join('+');
}

// ---------------------------------------------------------------------------------------------
// Finding drugs

/** A name found in the text, and where its last token ends. */
interface Match {
  readonly name: Name;
  readonly end: number;
}

/** The searched text and range, passed to the helpers that look around a token. */
interface Scan {
  readonly text: string;
  readonly from: number;
  readonly to: number;
  readonly matcher: DrugMatcher;
}

/**
 * Every drug mention in `text` (only within `range` when given), in order, none overlapping.
 * Offsets are always into the whole `text`.
 */
export function findDrugs(text: string, matcher: DrugMatcher, range?: Range): DrugEntity[] {
  const from = Math.max(0, range?.start ?? 0);
  const to = Math.min(text.length, range?.end ?? text.length);
  if (from >= to) return [];
  return scanDrugs({ text, from, to, matcher });
}

/**
 * The drugs of `text` and, from the same pass over it, what `findStarts(text)` returns: the places
 * where the quantities' and markers' patterns may begin. Reading the text once for both is cheaper
 * than twice.
 */
export function findDrugsAndStarts(text: string, matcher: DrugMatcher): { drugs: DrugEntity[]; starts: Starts } {
  const starts = new StartList(text);
  return { drugs: scanDrugs({ text, from: 0, to: text.length, matcher }, starts), starts };
}

/**
 * The pass of {@link findDrugs} over `scan`'s range. When `starts` is given (the range must then
 * be the whole text), it also adds there the places `findStarts` lists: the word starts by a
 * regex's `\b` (an ASCII letter or digit after no ASCII word character), `#` and `[`.
 */
function scanDrugs(scan: Scan, starts?: StartList): DrugEntity[] {
  const { text, from, to, matcher } = scan;
  const filter = matcher.filter;
  const out: DrugEntity[] = [];
  let lastDrugEnd = -1;

  let i = from;
  while (i < to) {
    let code = text.charCodeAt(i);
    const kind = code < 128 ? ASCII_KIND[code]! : charKind(text, i);
    if (kind === 0) {
      if (starts && (code === 0x23 || code === 0x5b)) starts.add(i);
      i++;
      continue;
    }
    // Read the token, hashing its lower-cased characters; `stem` is the hash without the last one.
    const start = i;
    let ascii = code < 128;
    let hash = hashStep(0, code);
    let stem = 0;
    for (i++; i < to; i++) {
      code = text.charCodeAt(i);
      if (code < 128) {
        if (ASCII_KIND[code] !== kind) break;
      } else if (charKind(text, i) === kind) {
        ascii = false;
      } else {
        break;
      }
      stem = hash;
      hash = hashStep(hash, code);
    }
    const end = i;
    if (starts) addStartsOfToken(starts, text, start, end, ascii);

    // Lower-casing can turn a non-ASCII word into an ASCII name (the Kelvin sign is a `k`): no filter for those.
    const candidate =
      !ascii ||
      (filter[hash & FILTER_MASK]! & FIRST_WORD) !== 0 ||
      (kind === LETTER && end - start >= 5 && (text.charCodeAt(end - 1) | 32) === 115 && (filter[stem & FILTER_MASK]! & PLURAL_STEM) !== 0);
    const first = candidate ? matchAt(scan, start, end, kind) : undefined;
    if (first) {
      const drug = drugAt(scan, start, first);
      out.push(drug);
      if (starts) starts.addAll(end, drug.end);
      lastDrugEnd = i = drug.end;
      continue;
    }
    if (kind === LETTER && end - start >= 4 && isUpperCase(text, start) && digitFollows(text, end)) {
      const shape = shapeAt(scan, start, end, lastDrugEnd);
      if (shape) {
        out.push(shape);
        lastDrugEnd = shape.end;
      }
    }
  }
  return out;
}

/**
 * Adds to `starts` the token [start, end) if it starts a word by a regex's `\b` (an ASCII letter or
 * digit after no ASCII word character), and, in a token that is not all ASCII, each ASCII letter
 * after one that is not.
 */
function addStartsOfToken(starts: StartList, text: string, start: number, end: number, ascii: boolean): void {
  if (text.charCodeAt(start) < 128 && !isWordChar(text.charCodeAt(start - 1))) starts.add(start);
  if (!ascii) starts.addAll(start + 1, end);
}

/** The drug named from `start`, joined with the names after it when written as one combination. */
function drugAt(scan: Scan, start: number, first: Match): DrugEntity {
  const { text, to } = scan;
  const parts = [first.name];
  let end = first.end;
  // `Hydrocodone/APAP`, `Carbidopa-Levodopa`, `Flurbiprofen/Baclofen`: one span, one drug.
  for (;;) {
    const next = nextTokenStart(text, end, Math.min(to, end + MAX_COMBINATION_GAP + 1));
    if (next < 0 || !isCombinationGap(text.slice(end, next))) break;
    const match = matchAt(scan, next, tokenEnd(text, next, to), charKind(text, next));
    if (!match) break;
    parts.push(match.name);
    end = match.end;
  }
  const drug = parts.length === 1 ? withForm(scan, first.name.drug, end) : combine(parts.map((p) => p.drug), scan.matcher);
  return {
    kind: 'drug',
    start,
    end,
    text: text.slice(start, end),
    generic: drug.generic,
    class: drug.class,
    brands: drug.brands,
    ingredients: drug.ingredients,
    source: drug.source,
  };
}

/** The longest lexicon name starting with the token [start, end). */
function matchAt(scan: Scan, start: number, end: number, kind: number): Match | undefined {
  const lower = lowerOf(scan.text, start, end);
  const candidates = scan.matcher.names.get(lower);
  if (candidates) {
    for (const name of candidates) {
      const nameEnd = fits(scan, name, start, end);
      if (nameEnd >= 0) return { name, end: nameEnd };
    }
  }
  // A plural (`Norcos`, `Lidoderms`) names the drug too.
  if (kind === LETTER && lower.length >= 5 && lower.endsWith('s')) {
    const single = scan.matcher.plurals.get(lower.slice(0, -1));
    if (single) return { name: single, end };
  }
  return undefined;
}

/** Where `name` ends when written from the token [start, end), or -1 when it is not. */
function fits(scan: Scan, name: Name, start: number, end: number): number {
  const { text, from, to } = scan;
  if (name.capitalised && !isUpperCase(text, start)) return -1;
  if (name.exact && text.slice(start, end) !== name.exact[0]) return -1;
  let last = end;
  for (let k = 1; k < name.tokens.length; k++) {
    const next = nextTokenStart(text, last, Math.min(to, last + MAX_GAP + 1));
    if (next < 0) return -1;
    const nextEnd = tokenEnd(text, next, to);
    if (lowerOf(text, next, nextEnd) !== name.tokens[k] || normaliseGap(text.slice(last, next)) !== name.gaps[k - 1]) return -1;
    if (name.exact && text.slice(next, nextEnd) !== name.exact[k]) return -1;
    last = nextEnd;
  }
  if (name.exact) {
    // Only before a strength or a release modifier, a few spaces on.
    const next = nextTokenStart(text, last, Math.min(to, last + 4));
    if (next < 0 || !/^\s*$/.test(text.slice(last, next))) return -1;
    if (charKind(text, next) !== DIGIT && !RELEASE.has(lowerOf(text, next, tokenEnd(text, next, to)))) return -1;
  }
  const notAfter = NOT_AFTER.get(name.tokens[0]!);
  if (notAfter) {
    const before = lastTokenEnd(text, start, Math.max(from, start - 4));
    if (before >= 0 && /^\s+$/.test(text.slice(before, start)) && notAfter.has(lowerOf(text, tokenStartBefore(text, before, from), before))) return -1;
  }
  return last;
}

/** End of the last token ending in [limit, pos), or -1. */
function lastTokenEnd(text: string, pos: number, limit: number): number {
  for (let i = pos; i > limit; i--) if (charKind(text, i - 1) !== 0) return i;
  return -1;
}

/** Longest gap that can join two drug names (`A / B` padded with a few spaces). */
const MAX_COMBINATION_GAP = 7;

/** A slash, plus or hyphen joining two drug names (`A/B`, `A / B`, `A+B`, `A-B`; a spaced hyphen is a dash, not a join). */
function isCombinationGap(gap: string): boolean {
  if (gap.length > MAX_COMBINATION_GAP) return false;
  const core = gap.trim();
  if (core.length !== 1) return false;
  if (core === '/' || core === '+') return true;
  return core === '-' && gap.length === 1;
}

/** Several drugs written as one: the lexicon's combination when it has one, else a drug made of the parts. */
function combine(parts: readonly Drug[], matcher: DrugMatcher): Drug {
  const ingredients: DrugIngredient[] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    for (const ingredient of part.ingredients) {
      if (seen.has(ingredient.generic)) continue;
      seen.add(ingredient.generic);
      ingredients.push(ingredient);
    }
  }
  const source = parts.some((p) => p.source === 'user') ? 'user' : 'lexicon';
  const known = matcher.combinations.get(ingredientKey([...seen]));
  if (known) return { ...known, source: known.source === 'user' ? 'user' : source };
  const classes = new Set(ingredients.map((i) => i.class));
  return {
    generic: ingredients.map((i) => i.generic).join('/'),
    // Ingredients of different classes mixed in one product are a compounded product.
    class: classes.size === 1 ? ingredients[0]!.class : 'compound',
    brands: [],
    ingredients,
    source,
  };
}

/** A drug whose generic has a topical (or compounded) product, written with a topical form a few words on. */
function withForm(scan: Scan, drug: Drug, end: number): Drug {
  const { text, to, matcher } = scan;
  const formClass = matcher.formClasses.get(drug.generic);
  if (!formClass || drug.class === formClass || drug.ingredients.length !== 1) return drug;
  let last = end;
  for (let k = 0; k < 4; k++) {
    const next = nextTokenStart(text, last, Math.min(to, last + MAX_GAP + 1));
    if (next < 0 || /[,;:()#]/.test(text.slice(last, next))) return drug;
    last = tokenEnd(text, next, to);
    const lower = lowerOf(text, next, last);
    if (TOPICAL_FORMS.has(lower)) {
      return { ...drug, class: formClass, ingredients: [{ generic: drug.generic, class: formClass }] };
    }
    if (charKind(text, next) !== DIGIT && !FORM_SKIP.has(lower)) return drug;
  }
  return drug;
}

/** Whether the character at `i` is a capital letter. */
function isUpperCase(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return code >= 65 && code <= 90;
  const ch = text[i]!;
  return ch !== ch.toLowerCase();
}

/**
 * Whether a digit follows `end` after at most three spaces, as every strength does: a cheap test
 * that spares {@link shapeAt} nearly every capitalised word.
 */
function digitFollows(text: string, end: number): boolean {
  const limit = Math.min(text.length, end + 4);
  for (let i = end; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) return true;
    if (code !== 32 && !(code >= 9 && code <= 13) && (code < 128 || !/\s/.test(text[i]!))) return false;
  }
  return false;
}

/**
 * An unknown capitalised word directly followed by a strength: a drug the lexicon lacks (`Nalfon 400mg`).
 * The caller has checked that the word has four letters or more, starts with a capital and is followed by a digit.
 */
function shapeAt(scan: Scan, start: number, end: number, lastDrugEnd: number): DrugEntity | undefined {
  const { text, to } = scan;
  const word = text.slice(start, end);
  if (word === word.toUpperCase()) return undefined;
  const lower = word.toLowerCase();
  if (SHAPE_STOPWORDS.has(lower) || ENGLISH_ENDING.test(lower)) return undefined;
  // Part of a hyphenated or slashed phrase, or a path or web address.
  const before = start > 0 ? text[start - 1]! : ' ';
  if (/[-/.'\u2019]/.test(before) || (end < text.length && /[-/.@]/.test(text[end]!) && !/\d/.test(text[end + 1] ?? ''))) return undefined;
  // A salt or modifier written after a drug (`Docusate Sodium 100mg`, `Norco Forte 10mg`).
  if (lastDrugEnd >= 0 && start - lastDrugEnd <= 3 && /^\s+$/.test(text.slice(lastDrugEnd, start))) return undefined;
  STRENGTH_AFTER.lastIndex = end;
  const m = STRENGTH_AFTER.exec(text);
  if (!m || end + m[0].length > to) return undefined;
  const generic = lower;
  return {
    kind: 'drug',
    start,
    end,
    text: word,
    generic,
    class: 'other',
    brands: [],
    ingredients: [{ generic, class: 'other' }],
    source: 'shape',
  };
}
