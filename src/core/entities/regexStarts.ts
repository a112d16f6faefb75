/**
 * What a pattern's own regex source says about where and how a match can begin, so the prefilters
 * of the entity finders are derived from their pattern tables instead of written beside them by hand.
 *
 * A source is parsed into a small tree (characters, sequences, alternatives, repeats; assertions and
 * lookarounds count as nothing, which only ever lets more places through). From it:
 * {@link startKeysOf} reads the keys (see `starts.ts`) a match can begin with, {@link leadingPaths}
 * the ways a match can begin (to tell a match that begins with a count from one that does not) and
 * {@link wordsAfter} the words that can follow a count. {@link sampleOf} writes random strings of a
 * source, for the tests that check the derived prefilters find what a plain scan finds.
 */

import { classOf } from './starts';

/** One node of a parsed source; `source` is its text in the pattern, quantifier included. */
export type RegexNode =
  | { readonly type: 'char'; readonly source: string; readonly classes: number; readonly chars: string }
  | { readonly type: 'seq'; readonly source: string; readonly items: readonly RegexNode[] }
  | { readonly type: 'alt'; readonly source: string; readonly branches: readonly RegexNode[] }
  | { readonly type: 'repeat'; readonly source: string; readonly node: RegexNode; readonly min: number; readonly max: number }
  | { readonly type: 'empty'; readonly source: string };

/** The rest of a match to read: a node, then what follows it. */
export interface Continuation {
  readonly node: RegexNode;
  readonly next: Continuation | undefined;
}

/** Every character class (0 to 29) as a bit. */
const ALL_CLASSES = (1 << 30) - 1;

/** Characters tried against each character of a source: all of ASCII and a few others letters hold (spaces, dashes, quotes, `µ`, letters `toUpperCase` folds into ASCII). */
const POOL = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)).join('') + '\u00a0\u2013\u2014\u2019\u00b5\u00e9\u2028\u2003\ufeff\u212a\u017f\u0130';

const charCache = new Map<string, { classes: number; chars: string }>();

/**
 * The classes (bits) and the characters of {@link POOL} one character of a source matches. A plain
 * or escaped ASCII character that is not a letter is read directly, and a plain letter too (with
 * `i`, its two cases: without `u`, no other character folds into ASCII); anything else (a class,
 * `\s`, `.`) is tried against the pool once per source and flags.
 */
function charOf(source: string, flags: string): { classes: number; chars: string } {
  const ignoreCase = flags.includes('i');
  const cacheKey = `${ignoreCase ? 'i' : ''}/${source}`;
  let found = charCache.get(cacheKey);
  if (found) return found;
  const literal = source.length === 1 && source !== '.' ? source : source.length === 2 && source.charAt(0) === '\\' && /[^0-9A-Za-z]/.test(source.charAt(1)) ? source.charAt(1) : undefined;
  if (literal !== undefined && literal.charCodeAt(0) < 128) {
    const chars = /[A-Za-z]/.test(literal) && ignoreCase ? literal.toLowerCase() + literal.toUpperCase() : literal;
    found = { classes: 1 << classOf(literal.charCodeAt(0)), chars };
  } else {
    const re = new RegExp(`^(?:${source})$`, ignoreCase ? 'i' : '');
    let classes = 0;
    let chars = '';
    for (const ch of POOL) {
      if (!re.test(ch)) continue;
      chars += ch;
      classes |= 1 << classOf(ch.charCodeAt(0));
    }
    // A character written by code, negated, `.` or an upper-case escape may match something outside the pool,
    // which is never a letter, a digit, `#` or `[`: class 0.
    if (classes === 0 || /[^\x00-\x7f]|\\[uxpPcSWDB]|\[\^|^\.$/.test(source)) classes |= 1;
    found = { classes, chars };
  }
  charCache.set(cacheKey, found);
  return found;
}

/** Parsed groups and characters, by flags and source: shared by every pattern they occur in. */
const nodeCache = new Map<string, RegexNode>();

/** Where the group whose `(` is at `from` ends (past its `)`); a class's and an escape's brackets do not count. */
function groupEnd(source: string, from: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = from; i < source.length; i++) {
    const ch = source.charAt(i);
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i + 1;
  }
  throw new Error(`unbalanced group at ${from} in ${source}`);
}

/** Parses a regex source (the subset JavaScript patterns are written in; no `u` or `v` syntax). */
export function parseSource(source: string, flags = 'i'): RegexNode {
  let i = 0;
  const parseAlt = (): RegexNode => {
    const from = i;
    const branches = [parseSeq()];
    while (source.charAt(i) === '|') {
      i++;
      branches.push(parseSeq());
    }
    return branches.length === 1 ? branches[0]! : { type: 'alt', source: source.slice(from, i), branches };
  };
  const parseSeq = (): RegexNode => {
    const from = i;
    const items: RegexNode[] = [];
    while (i < source.length && source.charAt(i) !== '|' && source.charAt(i) !== ')') {
      const atomFrom = i;
      const atom = parseAtom();
      items.push(quantified(atom, atomFrom));
    }
    return items.length === 1 ? items[0]! : { type: 'seq', source: source.slice(from, i), items };
  };
  const quantified = (atom: RegexNode, from: number): RegexNode => {
    const ch = source.charAt(i);
    let min: number;
    let max: number;
    if (ch === '?' || ch === '*' || ch === '+') {
      i++;
      [min, max] = ch === '?' ? [0, 1] : ch === '*' ? [0, Infinity] : [1, Infinity];
    } else {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!braces) return atom;
      i += braces[0].length;
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] ? Number(braces[3]) : Infinity;
    }
    if (source.charAt(i) === '?') i++; // lazy: the same strings
    return { type: 'repeat', source: source.slice(from, i), node: atom, min, max };
  };
  const ignoreCase = flags.includes('i') ? 'i' : '';
  const char = (text: string): RegexNode => {
    const key = `${ignoreCase}/${text}`;
    let node = nodeCache.get(key);
    if (!node) nodeCache.set(key, (node = { type: 'char', source: text, ...charOf(text, flags) }));
    return node;
  };
  /** A group, from its `(` at `i` past its `)`. */
  const parseGroup = (): RegexNode => {
    const from = i;
    let lookaround = false;
    if (source.startsWith('(?:', i)) i += 3;
    else if (/^\(\?<?[=!]/.test(source.slice(i, i + 4))) {
      lookaround = true;
      i += source.charAt(i + 2) === '<' ? 4 : 3;
    } else if (source.startsWith('(?<', i)) i = source.indexOf('>', i) + 1;
    else i++;
    const inner = parseAlt();
    if (source.charAt(i) !== ')') throw new Error(`unbalanced group at ${i} in ${source}`);
    i++;
    if (lookaround) return { type: 'empty', source: source.slice(from, i) };
    return { ...inner, source: source.slice(from, i) } as RegexNode;
  };
  const parseAtom = (): RegexNode => {
    const from = i;
    const ch = source.charAt(i);
    if (ch === '(') {
      // The same group in many patterns (a count, a unit) is parsed once, and read once (see `headsOf`).
      const end = groupEnd(source, from);
      const key = `${ignoreCase}/${source.slice(from, end)}`;
      const known = nodeCache.get(key);
      if (known) {
        i = end;
        return known;
      }
      const node = parseGroup();
      nodeCache.set(key, node);
      return node;
    }
    if (ch === '[') {
      let j = i + 1;
      if (source.charAt(j) === '^') j++;
      if (source.charAt(j) === ']') j++;
      while (j < source.length && source.charAt(j) !== ']') j += source.charAt(j) === '\\' ? 2 : 1;
      i = j + 1;
      return char(source.slice(from, i));
    }
    if (ch === '\\') {
      const next = source.charAt(i + 1);
      if (next === 'b' || next === 'B') {
        i += 2;
        return { type: 'empty', source: source.slice(from, i) };
      }
      if (/[1-9]/.test(next)) {
        // A back-reference: anything, any length.
        i += 2;
        return { type: 'repeat', source: source.slice(from, i), node: char('[^]'), min: 0, max: Infinity };
      }
      i += next === 'u' ? 6 : next === 'x' ? 4 : next === 'c' ? 3 : 2;
      return char(source.slice(from, i));
    }
    if (ch === '^' || ch === '$') {
      i++;
      return { type: 'empty', source: ch };
    }
    i++;
    return char(ch);
  };
  const tree = parseAlt();
  if (i !== source.length) throw new Error(`unbalanced ) at ${i} in ${source}`);
  return tree;
}

/**
 * The keys (first three characters' classes, as `keyAt` makes them) of the places where a match of
 * `from` can begin, each with the classes its fourth character can have (bits `1 << class`, as
 * `fourthAt` makes them). Never too few: what the tree cannot tell (a match that ends before four
 * characters, a lookahead) allows every class.
 */
export function startKeysOf(from: Continuation | undefined): Map<number, number> {
  let heads: Heads = [EMPTY_HEAD];
  for (let rest = from; rest && heads.some((h) => h >>> LENGTH_SHIFT < HEAD); rest = rest.next) heads = concat(heads, headsOf(rest.node));
  const keys = new Map<number, number>();
  for (const head of heads) {
    const length = head >>> LENGTH_SHIFT;
    const [a, b, c, d] = [0, 1, 2, 3].map((k) => (k < length ? MASKS[(head >>> (k * ID_BITS)) & ID_MASK]! : ALL_CLASSES));
    const bs = bitsOf(b!);
    const cs = bitsOf(c!);
    for (const x of bitsOf(a!)) {
      for (const y of bs) {
        const xy = ((x << 5) | y) << 5;
        for (const z of cs) keys.set(xy | z, (keys.get(xy | z) ?? 0) | d!);
      }
    }
  }
  return keys;
}

/** How many characters of a match {@link startKeysOf} reads. */
const HEAD = 4;

/**
 * The ways a match of a node can begin, each the classes (masks) of its first characters, at most
 * {@link HEAD} (a shorter one is a whole match), packed in a number: its length, then each mask's
 * index in {@link MASKS}. Without duplicates.
 */
type Heads = readonly number[];
const ID_BITS = 7;
const ID_MASK = (1 << ID_BITS) - 1;
const LENGTH_SHIFT = HEAD * ID_BITS;
const EMPTY_HEAD = 0;

/** The masks heads hold, by index; {@link maskId} gives each its index. */
const MASKS: number[] = [];
const maskIds = new Map<number, number>();

function maskId(mask: number): number {
  let id = maskIds.get(mask);
  if (id === undefined) {
    id = MASKS.length;
    if (id > ID_MASK) throw new Error('too many kinds of characters to read starts from');
    MASKS.push(mask);
    maskIds.set(mask, id);
  }
  return id;
}

/** The heads of each node, read once however many patterns or ways of beginning reach it. */
const headsMemo = new WeakMap<RegexNode, Heads>();

function headsOf(node: RegexNode): Heads {
  let heads = headsMemo.get(node);
  if (heads) return heads;
  switch (node.type) {
    case 'char':
      heads = [(1 << LENGTH_SHIFT) | maskId(node.classes)];
      break;
    case 'empty':
      heads = [EMPTY_HEAD];
      break;
    case 'seq': {
      let acc: Heads = [EMPTY_HEAD];
      for (const item of node.items) {
        if (!acc.some((h) => h >>> LENGTH_SHIFT < HEAD)) break;
        acc = concat(acc, headsOf(item));
      }
      heads = acc;
      break;
    }
    case 'alt':
      heads = union(node.branches.map(headsOf));
      break;
    case 'repeat': {
      // Past HEAD repetitions nothing new begins: each one that reads anything reads a character.
      const inner = headsOf(node.node);
      const min = Math.min(node.min, HEAD);
      const max = Math.min(node.max, HEAD);
      let run: Heads = [EMPTY_HEAD];
      for (let k = 0; k < min; k++) run = concat(run, inner);
      const all = [run];
      for (let k = min; k < max; k++) all.push((run = concat(run, inner)));
      heads = union(all);
      break;
    }
  }
  if (heads.length > 20_000) throw new Error('a pattern too intricate to read its starts from');
  headsMemo.set(node, heads);
  return heads;
}

/** Each head of `a` followed by each of `b`, cut to {@link HEAD}. */
function concat(a: Heads, b: Heads): Heads {
  const out = new Set<number>();
  for (const x of a) {
    const length = x >>> LENGTH_SHIFT;
    if (length >= HEAD) {
      out.add(x);
      continue;
    }
    const shift = length * ID_BITS;
    const ids = x & ((1 << shift) - 1);
    // Only the first HEAD - length characters of `b` are read: far fewer ways than all of `b`'s.
    for (const y of cut(b, HEAD - length)) {
      const n = Math.min(HEAD, length + (y >>> LENGTH_SHIFT));
      out.add(((n << LENGTH_SHIFT) | ids | ((y << shift) & ((1 << (n * ID_BITS)) - 1))) >>> 0);
    }
  }
  return [...out];
}

/** `heads` each cut to `length` characters, without duplicates; by heads, by length. */
const cuts = new WeakMap<Heads, Heads[]>();

function cut(heads: Heads, length: number): Heads {
  if (length >= HEAD) return heads;
  let byLength = cuts.get(heads);
  if (!byLength) cuts.set(heads, (byLength = []));
  let found = byLength[length];
  if (!found) {
    const out = new Set<number>();
    for (const h of heads) {
      const n = Math.min(length, h >>> LENGTH_SHIFT);
      out.add(((n << LENGTH_SHIFT) | (h & ((1 << (n * ID_BITS)) - 1))) >>> 0);
    }
    byLength[length] = found = [...out];
  }
  return found;
}

function union(lists: readonly Heads[]): Heads {
  if (lists.length === 1) return lists[0]!;
  return [...new Set(lists.flat())];
}

/** The classes set in `mask`. */
function bitsOf(mask: number): number[] {
  const bits: number[] = [];
  for (let k = 0; k < 30; k++) if ((mask & (1 << k)) !== 0) bits.push(k);
  return bits;
}

/** `items`, then `next`. */
export function pushAll(items: readonly RegexNode[], next: Continuation | undefined): Continuation | undefined {
  let rest = next;
  for (let k = items.length - 1; k >= 0; k--) rest = { node: items[k]!, next: rest };
  return rest;
}

/**
 * The ways a match can begin: each alternative and each optional part at the start taken or not, down
 * to the first node that is neither (a character, a required repeat) or that `isLead` names. `lead`
 * is that node and `rest` the match from it on.
 */
export function leadingPaths(tree: RegexNode, isLead: (node: RegexNode) => boolean = () => false): { lead: RegexNode; rest: Continuation }[] {
  const paths: { lead: RegexNode; rest: Continuation }[] = [];
  const walk = (rest: Continuation | undefined): void => {
    if (!rest) throw new Error('a pattern that can match nothing has no start');
    const { node, next } = rest;
    if (isLead(node)) {
      paths.push({ lead: node, rest });
      return;
    }
    if (node.type === 'empty') return walk(next);
    if (node.type === 'seq') return walk(pushAll(node.items, next));
    if (node.type === 'alt') {
      for (const branch of node.branches) walk({ node: branch, next });
      return;
    }
    if (node.type === 'repeat' && node.min === 0) {
      walk(next);
      if (node.max > 0) walk({ node: node.node, next: node.max > 1 ? { node: { ...node, max: node.max - 1 }, next } : next });
      return;
    }
    paths.push({ lead: node, rest });
  };
  walk({ node: tree, next: undefined });
  return paths;
}

/**
 * The words (lower-case ASCII letters, at most `maxLength`) a match can go on with from `from`,
 * after the nodes `skip` accepts; an optional part before the first letter is read both taken and
 * not. A word ends at the first node that is not one letter. `undefined` when some way on begins
 * with something else: nothing can be required there.
 */
export function wordsAfter(from: Continuation | undefined, skip: (node: RegexNode, skipped: readonly RegexNode[]) => boolean, maxLength = 8): string[] | undefined {
  const words = new Set<string>();
  let open = false;
  const walk = (rest: Continuation | undefined, word: string, skipped: readonly RegexNode[]): void => {
    if (open) return;
    if (!rest || word.length === maxLength) {
      if (word === '') open = true;
      else words.add(word);
      return;
    }
    const { node, next } = rest;
    if (word === '' && skip(node, skipped)) return walk(next, word, [...skipped, node]);
    const letter = node.type === 'char' ? singleLetter(node.classes) : undefined;
    if (letter !== undefined) return walk(next, word + letter, skipped);
    if (node.type === 'empty') return walk(next, word, skipped);
    if (node.type === 'seq') return walk(pushAll(node.items, next), word, skipped);
    if (node.type === 'alt') {
      for (const branch of node.branches) walk({ node: branch, next }, word, skipped);
      return;
    }
    if (node.type === 'repeat' && node.min > 0) {
      return walk({ node: node.node, next: node.max > 1 ? { node: { ...node, min: node.min - 1, max: node.max - 1 }, next } : next }, word, skipped);
    }
    if (node.type === 'repeat' && word === '') {
      walk(next, word, skipped);
      if (node.max > 0) walk({ node: node.node, next: node.max > 1 ? { node: { ...node, max: node.max - 1 }, next } : next }, word, skipped);
      return;
    }
    if (word === '') open = true;
    else words.add(word);
  };
  walk(from, '', []);
  return open ? undefined : [...words].sort();
}

/** The letter when `classes` is one letter's class alone. */
function singleLetter(classes: number): string | undefined {
  for (let k = 1; k <= 26; k++) if (classes === 1 << k) return String.fromCharCode(0x60 + k);
  return undefined;
}

/** A random string of `tree` (assertions ignored: not every one matches); `random` returns [0, 1). */
export function sampleOf(tree: RegexNode, random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const write = (node: RegexNode): string => {
    switch (node.type) {
      case 'char':
        return node.chars === '' ? '' : pick([...node.chars]);
      case 'empty':
        return '';
      case 'seq':
        return node.items.map(write).join('');
      case 'alt':
        return write(pick(node.branches));
      case 'repeat': {
        const count = node.min + Math.floor(random() * (Math.min(node.max, node.min + 3) - node.min + 1));
        let out = '';
        for (let k = 0; k < count; k++) out += write(node.node);
        return out;
      }
    }
  };
  return write(tree);
}
