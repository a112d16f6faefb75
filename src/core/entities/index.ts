/** All entities of a text in one list, sorted by start: drugs, quantities and sigs, citations, markers. */

import type { Entity } from '../model';
import { findCitations } from './citations';
import { createDrugMatcher, type DrugMatcher, findDrugsAndStarts } from './drugs';
import { shippedLexicon } from './lexicon';
import { findMarkers } from './markers';
import { merged } from './order';
import { findQuantities } from './quantities';

export type { DrugMatcher } from './drugs';

let shippedMatcher: DrugMatcher | undefined;

/** The matcher over the shipped lexicon, built once on first use. */
export function defaultDrugMatcher(): DrugMatcher {
  shippedMatcher ??= createDrugMatcher(shippedLexicon.drugs);
  return shippedMatcher;
}

export interface EntityOptions {
  /** A matcher with the user's drugs added; the shipped lexicon's when absent. */
  readonly drugs?: DrugMatcher;
}

/** Every entity in `text`, ordered by start (longer first when two start together). */
export function findEntities(text: string, options: EntityOptions = {}): Entity[] {
  // The markers leave out body parts inside citations: they reuse these rather than find them again.
  const citations = findCitations(text);
  // The drugs' pass over the text also finds where the quantities' and markers' patterns may begin.
  const { drugs, starts } = findDrugsAndStarts(text, options.drugs ?? defaultDrugMatcher());
  const quantities = findQuantities(text, undefined, starts);
  const markers = findMarkers(text, undefined, citations, starts);
  // Each finder returns its entities in this order already: merging the lists costs less than sorting them all.
  return merged<Entity>(merged<Entity>(drugs, quantities), merged<Entity>(citations, markers));
}
