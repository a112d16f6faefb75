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

/** The classes (bits) and the characters of {@link POOL} one character of a source matches. */
function charOf(source: string, flags: string): { classes: number; chars: string } {
  const cacheKey = `${flags}/${source}`;
  let found = charCache.get(cacheKey);
  if (found) return found;
  const re = new RegExp(`^(?:${source})$`, flags.replace(/[gy]/g, ''));
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
  charCache.set(cacheKey, found);
  return found;
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
  const char = (text: string): RegexNode => ({ type: 'char', source: text, ...charOf(text, flags) });
  const parseAtom = (): RegexNode => {
    const from = i;
    const ch = source.charAt(i);
    if (ch === '(') {
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
 * characters, a lookahead, a loop that reads nothing) allows every class.
 */
export function startKeysOf(from: Continuation | undefined): Map<number, number> {
  const keys = new Map<number, number>();
  for (const [a, b, c, d] of new Suffixes().of(from, 4)) {
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

/**
 * The classes of the next characters of a match, as lists of masks, read once per place in the
 * tree: continuations and repeats are interned, so a place reached by many ways is read once.
 */
class Suffixes {
  private readonly conts = new Map<RegexNode, Map<Continuation | undefined, Continuation>>();
  private readonly fewer = new Map<RegexNode, RegexNode>();
  private readonly memo = new Map<Continuation | undefined, (Map<string, number[]> | 'busy')[]>();

  private cont(node: RegexNode, next: Continuation | undefined): Continuation {
    let byNext = this.conts.get(node);
    if (!byNext) this.conts.set(node, (byNext = new Map()));
    let c = byNext.get(next);
    if (!c) byNext.set(next, (c = { node, next }));
    return c;
  }

  /** The repeat with one repetition taken. */
  private less(node: Extract<RegexNode, { type: 'repeat' }>): Extract<RegexNode, { type: 'repeat' }> {
    let r = this.fewer.get(node) as Extract<RegexNode, { type: 'repeat' }> | undefined;
    if (!r) {
      r = node.max === Infinity && node.min === 0 ? node : { ...node, min: Math.max(0, node.min - 1), max: node.max - 1 };
      this.fewer.set(node, r);
    }
    return r;
  }

  of(rest: Continuation | undefined, need: number): number[][] {
    if (need === 0) return [[]];
    if (!rest) return [new Array<number>(need).fill(ALL_CLASSES)];
    let byNeed = this.memo.get(rest);
    if (!byNeed) this.memo.set(rest, (byNeed = []));
    const known = byNeed[need];
    // A loop that reads nothing: anything may follow.
    if (known === 'busy') return [new Array<number>(need).fill(ALL_CLASSES)];
    if (known) return [...known.values()];
    byNeed[need] = 'busy';
    const out = new Map<string, number[]>();
    const add = (list: number[][]): void => {
      for (const t of list) out.set(t.join(','), t);
    };
    const { node, next } = rest;
    switch (node.type) {
      case 'char':
        add(this.of(next, need - 1).map((t) => [node.classes, ...t]));
        break;
      case 'empty':
        add(this.of(next, need));
        break;
      case 'seq': {
        let c = next;
        for (let k = node.items.length - 1; k >= 0; k--) c = this.cont(node.items[k]!, c);
        add(this.of(c, need));
        break;
      }
      case 'alt':
        for (const branch of node.branches) add(this.of(this.cont(branch, next), need));
        break;
      case 'repeat': {
        if (node.min === 0) add(this.of(next, need));
        if (node.max > 0) {
          const again = this.less(node);
          add(this.of(this.cont(node.node, again.max > 0 ? this.cont(again, next) : next), need));
        }
        break;
      }
    }
    byNeed[need] = out;
    if (out.size > 20_000) throw new Error('a pattern too intricate to read its starts from');
    return [...out.values()];
  }
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
