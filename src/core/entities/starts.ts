/**
 * The places in a text where an entity pattern may begin, found in one pass over its character
 * codes, for the extractors that would otherwise each scan the whole text with regexes of their own.
 *
 * Every pattern of the quantities and markers begins at the start of a word (by a regex's `\b`: a
 * letter or digit with no ASCII word character before it), or on a `#` or `[`. Each of those places
 * has a key made of the classes of its first three characters. An extractor reads the keys its
 * patterns can begin with from their sources ({@link keysOf}) and registers them ({@link startTables})
 * when its module loads; the pass lists, in order, the places with a wanted key, and the extractor
 * tries its sticky regexes only at those of its own keys. Most words of a letter are passed over
 * after one array read.
 */

import { isWordChar } from '../chars';

/** Character classes: letters folded to 1-26 (`a` is 1), digits, `#`, `[`; anything else is 0. */
const DIGIT = 27;
/** The class of the digits. */
export const DIGIT_CLASS = DIGIT;
const HASH = 28;
const BRACKET = 29;
const CLASS = new Uint8Array(128);
for (let c = 0x41; c <= 0x5a; c++) CLASS[c] = CLASS[c + 0x20] = c - 0x40;
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = DIGIT;
CLASS[0x23] = HASH;
CLASS[0x5b] = BRACKET;

/** Classes take five bits; a key is three of them, the first character's highest. */
export const CLASS_BITS = 5;
/** The number of keys, for tables indexed by key. */
export const KEY_COUNT = (BRACKET + 1) << (2 * CLASS_BITS);

/** The class of a character code: not ASCII, or none of the above, it is 0. */
export function classOf(code: number): number {
  return code < 128 ? CLASS[code]! : 0;
}

/** The class of the character at `i`: past the end of the text, or not ASCII, it is 0. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 128 ? CLASS[c]! : 0;
}

/** The key of the place at `i` of `text`: the classes of its first three characters. */
export function keyAt(text: string, i: number): number {
  return (((classAt(text, i) << CLASS_BITS) | classAt(text, i + 1)) << CLASS_BITS) | classAt(text, i + 2);
}

/** The class of the fourth character of the place at `i` of `text`, as a bit (`1 << class`). */
export function fourthAt(text: string, i: number): number {
  return 1 << classAt(text, i + 3);
}

/**
 * The extractors' wanted keys, as functions: reading the keys from the pattern sources takes tens of
 * milliseconds of cold code, which loading the extension (for every plain-text file VS Code opens)
 * should not pay; the first pass over a text reads them, once.
 */
const wanters: (() => Iterable<number>)[] = [];
let wantedKeys: Uint8Array | undefined;

/** Has {@link findStarts} list the places with one of the keys `keys()` returns (called once, on the first pass). */
function want(keys: () => Iterable<number>): void {
  wanters.push(keys);
  wantedKeys = undefined;
}

/**
 * The getter of an extractor's tables, read from its pattern sources by `build` on first use (see
 * {@link want}), whose `keys` are the keys it wants.
 */
export function startTables<T extends { readonly keys: Iterable<number> }>(build: () => T): () => T {
  let tables: T | undefined;
  const get = (): T => (tables ??= build());
  want(() => get().keys);
  return get;
}

/** By key, 1 when some extractor wants the places with it. */
function wanted(): Uint8Array {
  if (!wantedKeys) {
    wantedKeys = new Uint8Array(KEY_COUNT);
    for (const keys of wanters) for (const key of keys()) wantedKeys[key] = 1;
  }
  return wantedKeys;
}

/**
 * The places where a pattern may begin, in order. An extractor reads the key of each ({@link keyAt})
 * and the class of its fourth character ({@link fourthAt}) from the text: two array reads fewer would
 * cost two more lists as long as this one.
 */
export interface Starts {
  readonly at: Int32Array;
}

/**
 * Every word start of `text` (letter or digit; a word of `_` is no pattern's) and every `#` and `[`
 * whose key is wanted (by the extractors, or `wantedKeys` when given). Offsets are into `text`, which
 * is searched on its own: its first character starts a word whatever came before it in a larger
 * text, as a regex's `\b` sees it.
 */
export function findStarts(text: string, wantedKeys?: Uint8Array): Starts {
  const starts = new StartList(text, wantedKeys);
  starts.addAll(0, text.length);
  return starts;
}

/**
 * Starts of one text being listed, in order. `findDrugsAndStarts` lists them in the drugs' own pass
 * over the text, adding each word start and `#` and `[` it reads ({@link add}) and the stretches it
 * jumps over ({@link addAll}).
 *
 * The list is a typed array grown by doubling: a large text has about one start in 30 characters, and
 * a plain array grown by `push` (8 bytes an entry, each growth a copy) took several times that in garbage.
 */
export class StartList implements Starts {
  private places: Int32Array;
  private count = 0;

  private readonly wanted: Uint8Array;

  /** `wantedKeys` (by key, 1 when wanted) replaces the extractors' own, for a finder built on other tables. */
  constructor(
    private readonly text: string,
    wantedKeys?: Uint8Array,
  ) {
    this.wanted = wantedKeys ?? wanted();
    // About one start in 30 characters in letters: room for most texts without growing.
    this.places = new Int32Array(Math.max(256, text.length >> 4));
  }

  get at(): Int32Array {
    return this.places.subarray(0, this.count);
  }

  /** Adds the place at `i` when its key is wanted: a `#` or `[`, or an ASCII letter or digit after no word character. */
  add(i: number): void {
    if (this.wanted[keyAt(this.text, i)] === 0) return;
    if (this.count === this.places.length) {
      const places = new Int32Array(this.places.length * 2);
      places.set(this.places);
      this.places = places;
    }
    this.places[this.count++] = i;
  }

  /** Adds the places from `from` to `to`; a word starts there when the character before it (even before `from`) is no word character. */
  addAll(from: number, to: number): void {
    const text = this.text;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      const k = c < 128 ? CLASS[c]! : 0;
      if (k === 0) continue;
      if (k >= HASH) {
        this.add(i);
        continue;
      }
      if (!isWordChar(text.charCodeAt(i - 1))) this.add(i);
      // The rest of the word starts nothing.
      while (i + 1 < to && isWordChar(text.charCodeAt(i + 1))) i++;
    }
  }
}

/**
 * The keys of the places where a match of `source` can begin, each with the classes its fourth
 * character can have (bits `1 << class`, as in {@link Starts}), read from the start of
 * `source`: ASCII letters (in either case), `\d`, `\s`, `\W`, `\.`, `-`, `#`, `\[` and classes of
 * these, each optionally followed by `?` (or by `+`, `*` or `{`, past which nothing more is read).
 * Past any other construct every class is allowed, so the keys are never too few. A top-level `|`
 * is refused: the characters before it would not bind the other alternatives.
 */
export function keysOf(source: string): Map<number, number> {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charAt(i);
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) throw new Error(`a start must be one alternative: ${source}`);
  }
  const keys = new Map<number, number>();
  const any = Array.from({ length: BRACKET + 1 }, (_, k) => k);
  const emit = (classes: readonly (readonly number[])[]): void => {
    const [first = any, second = any, third = any, fourth = any] = classes;
    const fourths = fourth.reduce((bits, k) => bits | (1 << k), 0);
    for (const a of first) {
      for (const b of second) {
        for (const c of third) {
          const key = (((a << CLASS_BITS) | b) << CLASS_BITS) | c;
          keys.set(key, (keys.get(key) ?? 0) | fourths);
        }
      }
    }
  };
  const walk = (i: number, classes: readonly (readonly number[])[]): void => {
    if (classes.length === 4) return emit(classes);
    const atom = atomAt(source, i);
    if (!atom) return emit(classes);
    const taken = [...classes, atom.classes];
    const quantifier = source.charAt(atom.end);
    if (quantifier === '?') {
      walk(atom.end + 1, classes);
      walk(atom.end + 1, taken);
    } else if (quantifier === '+') {
      emit(taken);
    } else if (quantifier === '*' || quantifier === '{') {
      emit(classes);
    } else {
      walk(atom.end, taken);
    }
  };
  walk(0, []);
  return keys;
}

/** The classes one character of `source` at `i` can have, and where that character's syntax ends. */
function atomAt(source: string, i: number): { classes: number[]; end: number } | undefined {
  if (source.charAt(i) !== '[') {
    const classes = classesOf(source, i);
    return classes && { classes, end: i + (source.charAt(i) === '\\' ? 2 : 1) };
  }
  const classes = new Set<number>();
  let j = i + 1;
  while (j < source.length && source.charAt(j) !== ']') {
    // A range (`a-z`) is not read: only a `-` first or last in the class stands for itself.
    if (source.charAt(j) === '-' && j > i + 1 && source.charAt(j + 1) !== ']') return undefined;
    const member = classesOf(source, j);
    if (!member) return undefined;
    for (const k of member) classes.add(k);
    j += source.charAt(j) === '\\' ? 2 : 1;
  }
  return j < source.length ? { classes: [...classes], end: j + 1 } : undefined;
}

/** The classes of a plain or escaped character of `source` at `i`, when it is one {@link keysOf} reads. */
function classesOf(source: string, i: number): number[] | undefined {
  const ch = source.charAt(i);
  if (/^[A-Za-z]$/.test(ch)) return [CLASS[ch.charCodeAt(0)]!];
  if (ch === '-') return [0];
  if (ch === '#') return [HASH];
  if (ch !== '\\') return undefined;
  switch (source.charAt(i + 1)) {
    case 'd':
      return [DIGIT];
    case 's':
    case '.':
    case '-':
      return [0];
    case 'W':
      return [0, HASH, BRACKET];
    case '[':
      return [BRACKET];
    default:
      return undefined;
  }
}
