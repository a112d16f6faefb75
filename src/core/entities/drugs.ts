/**
 * Drug names in a text: lexicon names (generic, brand, alias, several words long or not), slash
 * combinations (`Hydrocodone/APAP`), and unknown capitalised words followed by a strength
 * (`Nalfon 400mg`).
 *
 * Linear in the text: one pass splits the text into word tokens, then each token is looked up in a
 * map from first words to the names that start with them (longest first). No regex is built from
 * the lexicon's names.
 */

import type { DrugClass, DrugEntity, DrugIngredient, Range } from '../model';
import type { LexiconEntry } from './lexicon';

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

function charKind(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 48 && code <= 57) return DIGIT;
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return LETTER;
  if (code < 128) return 0;
  const ch = text[i]!;
  return ch.toLowerCase() !== ch.toUpperCase() ? LETTER : 0;
}

/** Word tokens: runs of letters or of digits (`Norco10` is `Norco` + `10`), as parallel arrays. */
interface Tokens {
  readonly starts: number[];
  readonly ends: number[];
  readonly lowers: string[];
  readonly kinds: number[];
}

function tokenize(text: string, from: number, to: number): Tokens {
  const t: Tokens = { starts: [], ends: [], lowers: [], kinds: [] };
  let i = from;
  while (i < to) {
    const kind = charKind(text, i);
    if (kind === 0) {
      i++;
      continue;
    }
    const start = i;
    while (i < to && charKind(text, i) === kind) i++;
    t.starts.push(start);
    t.ends.push(i);
    t.lowers.push(text.slice(start, i).toLowerCase());
    t.kinds.push(kind);
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
  return { names, combinations, formClasses };
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
  return tokenize(name, 0, name.length).lowers.join(' ');
}

function compileName(raw: string, drug: Drug, capitalised: boolean, contextual: boolean): Name | undefined {
  const t = tokenize(raw, 0, raw.length);
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

/**
 * Every drug mention in `text` (only within `range` when given), in order, none overlapping.
 * Offsets are always into the whole `text`.
 */
export function findDrugs(text: string, matcher: DrugMatcher, range?: Range): DrugEntity[] {
  const from = Math.max(0, range?.start ?? 0);
  const to = Math.min(text.length, range?.end ?? text.length);
  if (from >= to) return [];
  const t = tokenize(text, from, to);
  const count = t.lowers.length;
  const out: DrugEntity[] = [];
  let lastDrugEnd = -1;

  const gapText = (k: number): string => text.slice(t.ends[k]!, t.starts[k + 1]!);

  /** The longest lexicon name starting at token `i`, and its last token. */
  const matchAt = (i: number): { name: Name; last: number } | undefined => {
    const candidates = matcher.names.get(t.lowers[i]!);
    if (candidates) {
      for (const name of candidates) {
        const n = name.tokens.length;
        if (i + n > count || !fits(name, i)) continue;
        return { name, last: i + n - 1 };
      }
    }
    // A plural (`Norcos`, `Lidoderms`) names the drug too.
    const lower = t.lowers[i]!;
    if (t.kinds[i] === LETTER && lower.length >= 5 && lower.endsWith('s')) {
      const single = matcher.names.get(lower.slice(0, -1))?.find((n) => n.tokens.length === 1 && !n.capitalised && !n.exact);
      if (single) return { name: single, last: i };
    }
    return undefined;
  };

  const fits = (name: Name, i: number): boolean => {
    const n = name.tokens.length;
    for (let k = 1; k < n; k++) {
      if (t.lowers[i + k] !== name.tokens[k]) return false;
      if (t.starts[i + k]! - t.ends[i + k - 1]! > MAX_GAP || normaliseGap(gapText(i + k - 1)) !== name.gaps[k - 1]) return false;
    }
    if (name.capitalised) {
      const first = text[t.starts[i]!]!;
      if (first === first.toLowerCase()) return false;
    }
    if (name.exact) {
      for (let k = 0; k < n; k++) if (text.slice(t.starts[i + k]!, t.ends[i + k]!) !== name.exact[k]) return false;
      const next = i + n;
      if (next >= count || t.starts[next]! - t.ends[next - 1]! > 3 || !/^\s*$/.test(gapText(next - 1))) return false;
      if (t.kinds[next] !== DIGIT && !RELEASE.has(t.lowers[next]!)) return false;
    }
    const notAfter = NOT_AFTER.get(name.tokens[0]!);
    if (notAfter && i > 0 && notAfter.has(t.lowers[i - 1]!) && t.starts[i]! - t.ends[i - 1]! <= 3 && /^\s+$/.test(gapText(i - 1))) return false;
    return true;
  };

  for (let i = 0; i < count; i++) {
    const first = matchAt(i);
    if (first) {
      const parts = [first.name];
      let last = first.last;
      // `Hydrocodone/APAP`, `Carbidopa-Levodopa`, `Flurbiprofen/Baclofen`: one span, one drug.
      while (last + 1 < count && isCombinationGap(gapText(last))) {
        const next = matchAt(last + 1);
        if (!next) break;
        parts.push(next.name);
        last = next.last;
      }
      const start = t.starts[i]!;
      const end = t.ends[last]!;
      const drug = parts.length === 1 ? withForm(first.name.drug, t, last, text, matcher) : combine(parts.map((p) => p.drug), matcher);
      out.push({
        kind: 'drug',
        start,
        end,
        text: text.slice(start, end),
        generic: drug.generic,
        class: drug.class,
        brands: drug.brands,
        ingredients: drug.ingredients,
        source: drug.source,
      });
      lastDrugEnd = end;
      i = last;
      continue;
    }
    const shape = shapeAt(text, t, i, to, lastDrugEnd);
    if (shape) {
      out.push(shape);
      lastDrugEnd = shape.end;
    }
  }
  return out;
}

/** A slash, plus or hyphen joining two drug names (`A/B`, `A / B`, `A+B`, `A-B`; a spaced hyphen is a dash, not a join). */
function isCombinationGap(gap: string): boolean {
  if (gap.length > 7) return false;
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
function withForm(drug: Drug, t: Tokens, last: number, text: string, matcher: DrugMatcher): Drug {
  const formClass = matcher.formClasses.get(drug.generic);
  if (!formClass || drug.class === formClass || drug.ingredients.length !== 1) return drug;
  for (let k = last + 1; k < t.lowers.length && k <= last + 4; k++) {
    if (t.starts[k]! - t.ends[k - 1]! > MAX_GAP || /[,;:()#]/.test(text.slice(t.ends[k - 1]!, t.starts[k]!))) return drug;
    const lower = t.lowers[k]!;
    if (TOPICAL_FORMS.has(lower)) {
      return { ...drug, class: formClass, ingredients: [{ generic: drug.generic, class: formClass }] };
    }
    if (t.kinds[k] !== DIGIT && !FORM_SKIP.has(lower)) return drug;
  }
  return drug;
}

/** An unknown capitalised word directly followed by a strength: a drug the lexicon lacks (`Nalfon 400mg`). */
function shapeAt(text: string, t: Tokens, i: number, to: number, lastDrugEnd: number): DrugEntity | undefined {
  const start = t.starts[i]!;
  const end = t.ends[i]!;
  if (t.kinds[i] !== LETTER || end - start < 4) return undefined;
  const word = text.slice(start, end);
  const first = word[0]!;
  if (first === first.toLowerCase() || word === word.toUpperCase()) return undefined;
  const lower = t.lowers[i]!;
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
