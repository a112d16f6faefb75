/** The order every entity list is in: by start, the longer first when two start together. */

import type { Range } from '../model';

/**
 * `a` and `b`, each in that order, as one list in that order; of two with the same span, `a`'s
 * comes first, as a stable sort of `[...a, ...b]` would have it. Cheaper than that sort.
 */
export function merged<T extends Range>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (y.start < x.start || (y.start === x.start && y.end > x.end)) {
      out.push(y);
      j++;
    } else {
      out.push(x);
      i++;
    }
  }
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** `lists`, each in that order, as one list in that order, merged pair by pair; ties keep the order of `lists`. */
export function mergedAll<T extends Range>(lists: readonly (readonly T[])[]): T[] {
  let round = lists;
  while (round.length > 1) {
    const next: (readonly T[])[] = [];
    for (let k = 0; k < round.length; k += 2) next.push(k + 1 < round.length ? merged(round[k]!, round[k + 1]!) : round[k]!);
    round = next;
  }
  return round.length === 1 ? [...round[0]!] : [];
}
