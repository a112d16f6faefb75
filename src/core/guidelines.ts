/**
 * What a guideline citation refers to, by full name: the guideline family (MTUS, ACOEM, ODG) and
 * the cited part of it — an MTUS guideline (with the ACOEM chapter it was adopted from), an ODG
 * chapter. Pure data and one lookup, shared by the hovers and the items' guidelines
 * (`Item.guidelines`), so that both name a citation the same way.
 */

import type { GuidelineEntity, GuidelineFamily, GuidelineSource, ItemGuideline } from './model';
import { normalizedText } from './parse/lines';

/** A chapter of ACOEM's practice guidelines that the MTUS adopted. */
export interface AcoemSource {
  /** The book, e.g. `ACOEM Occupational Medicine Practice Guidelines, 2nd Edition`. */
  readonly book: string;
  readonly year?: number;
  /** Chapter number(s), e.g. `12`, `1–7`; absent when the chapter is known only by its name. */
  readonly chapters?: string;
  /** The chapter's own name when it differs from the MTUS title, e.g. `Elbow Disorders (Revised 2007)`. */
  readonly chapterName?: string;
}

/** The cited part of a guideline. */
export interface GuidelinePart {
  /** Full name, e.g. `Chronic Pain Medical Treatment Guidelines`, `Low Back – Lumbar & Thoracic (Acute & Chronic)`. */
  readonly name: string;
  /** The editions the letters cite, e.g. `2009, updated 2016`. */
  readonly editions?: string;
  /** For MTUS guidelines taken from ACOEM: where they come from. */
  readonly acoem?: AcoemSource;
}

export interface GuidelineInfo {
  /** The family's full name, e.g. `California Medical Treatment Utilization Schedule`. */
  readonly name: string;
  readonly abbreviation: string;
  /** Whether the guideline is part of the MTUS (the standard an IMR reviewer must apply first). */
  readonly inMtus: boolean;
  /** The cited part, when the citation names one. */
  readonly part?: GuidelinePart;
}

const MTUS = { name: 'California Medical Treatment Utilization Schedule', abbreviation: 'MTUS', inMtus: true } as const;
const ACOEM = { name: 'American College of Occupational and Environmental Medicine Practice Guidelines', abbreviation: 'ACOEM', inMtus: false } as const;
const ODG = { name: 'Official Disability Guidelines', abbreviation: 'ODG', inMtus: false } as const;

const ACOEM_2004 = 'ACOEM Occupational Medicine Practice Guidelines, 2nd Edition';

function acoem2004(chapters: string): AcoemSource {
  return { book: ACOEM_2004, year: 2004, chapters };
}

/** The MTUS guidelines, by the title the parser gives them (its canonical spelling). */
const MTUS_PARTS: Readonly<Record<string, GuidelinePart>> = {
  'Chronic Pain Medical Treatment': { name: 'Chronic Pain Medical Treatment Guidelines', editions: '2009, updated 2016' },
  'Acupuncture Treatment': { name: 'Acupuncture Medical Treatment Guidelines', editions: '2007' },
  'Postsurgical Treatment': { name: 'Postsurgical Treatment Guidelines', editions: '2009' },
  'Opioid Treatment': { name: 'Opioids Treatment Guidelines', editions: '2016' },
  'General Approaches': { name: 'General Approaches', editions: '2004', acoem: acoem2004('1–7') },
  'Neck and Upper Back Complaints': { name: 'Neck and Upper Back Complaints', editions: '2004', acoem: acoem2004('8') },
  'Shoulder Complaints': { name: 'Shoulder Complaints', editions: '2004', acoem: acoem2004('9') },
  'Elbow Complaints': { name: 'Elbow Complaints', editions: '2004', acoem: acoem2004('10') },
  'Elbow Disorders': {
    name: 'Elbow Disorders',
    editions: '2007',
    acoem: { book: ACOEM_2004, year: 2007, chapters: '10', chapterName: 'Elbow Disorders (Revised 2007)' },
  },
  'Forearm, Wrist, and Hand Complaints': { name: 'Forearm, Wrist, and Hand Complaints', editions: '2004', acoem: acoem2004('11') },
  'Low Back Complaints': { name: 'Low Back Complaints', editions: '2004', acoem: acoem2004('12') },
  'Knee Complaints': { name: 'Knee Complaints', editions: '2004', acoem: acoem2004('13') },
  'Ankle and Foot Complaints': { name: 'Ankle and Foot Complaints', editions: '2004', acoem: acoem2004('14') },
  'Stress-Related Conditions': { name: 'Stress Related Conditions', editions: '2004', acoem: acoem2004('15') },
  'Eye': { name: 'Eye', editions: '2004', acoem: acoem2004('16') },
  'Hip and Groin': { name: 'Hip and Groin Disorders', acoem: { book: 'ACOEM Practice Guidelines', chapterName: 'Hip and Groin Disorders' } },
};

/** ODG's chapters, by a normalised form of the names the letters give them (see {@link normalizeOdgTitle}). */
const ODG_CHAPTERS: ReadonlyArray<readonly [string, string]> = [
  ['low back lumbar and thoracic acute and chronic', 'Low Back – Lumbar & Thoracic (Acute & Chronic)'],
  ['low back lumbar and thoracic', 'Low Back – Lumbar & Thoracic (Acute & Chronic)'],
  ['low back', 'Low Back – Lumbar & Thoracic (Acute & Chronic)'],
  ['lower back', 'Low Back – Lumbar & Thoracic (Acute & Chronic)'],
  ['lumbar', 'Low Back – Lumbar & Thoracic (Acute & Chronic)'],
  ['back', 'Low Back – Lumbar & Thoracic (Acute & Chronic)'],
  ['pain chronic', 'Pain (Chronic)'],
  ['chronic pain', 'Pain (Chronic)'],
  ['pain', 'Pain (Chronic)'],
  ['neck and upper back acute and chronic', 'Neck and Upper Back (Acute & Chronic)'],
  ['neck and upper back', 'Neck and Upper Back (Acute & Chronic)'],
  ['neck', 'Neck and Upper Back (Acute & Chronic)'],
  ['shoulder acute and chronic', 'Shoulder (Acute & Chronic)'],
  ['shoulder', 'Shoulder (Acute & Chronic)'],
  ['knee and leg acute and chronic', 'Knee & Leg (Acute & Chronic)'],
  ['knee and leg', 'Knee & Leg (Acute & Chronic)'],
  ['knee', 'Knee & Leg (Acute & Chronic)'],
  ['hip and pelvis', 'Hip & Pelvis (Acute & Chronic)'],
  ['hips and pelvis', 'Hip & Pelvis (Acute & Chronic)'],
  ['forearm wrist and hand', 'Forearm, Wrist, & Hand (Acute & Chronic)'],
  ['ankle and foot', 'Ankle & Foot (Acute & Chronic)'],
  ['elbow', 'Elbow (Acute & Chronic)'],
  ['head', 'Head (trauma, headaches, etc., not including stress & mental disorders)'],
  ['mental illness and stress', 'Mental Illness & Stress'],
  ['carpal tunnel syndrome', 'Carpal Tunnel Syndrome (Acute & Chronic)'],
  ['fitness for duty', 'Fitness For Duty'],
  ['hernia', 'Hernia'],
  ['preface', 'Preface'],
];

/** Lower case, `&` as `and`, punctuation as spaces, a leading year dropped: `2016 Knee & Leg` → `knee and leg`. */
export function normalizeOdgTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^(?:19|20)\d\d\s+/, '');
}

/** The ODG chapter a title names, matching whole words from its start (`Shoulder/MR Arthrogram` → Shoulder). */
export function odgChapter(title: string): string | undefined {
  const normalized = normalizeOdgTitle(title);
  let best: readonly [string, string] | undefined;
  for (const entry of ODG_CHAPTERS) {
    const key = entry[0];
    if (normalized !== key && !normalized.startsWith(`${key} `)) continue;
    if (!best || key.length > best[0].length) best = entry;
  }
  return best?.[1];
}

/** The MTUS guideline a parsed title names (the parser's canonical titles). */
export function mtusPart(title: string, year?: number): GuidelinePart | undefined {
  const part = MTUS_PARTS[title];
  // `Elbow Complaints 2007` is the revised chapter.
  if (title === 'Elbow Complaints' && year === 2007) return MTUS_PARTS['Elbow Disorders'];
  return part;
}

/**
 * What a guideline citation refers to, by full name; `undefined` for a Non-MTUS citation of
 * something else and for "did not cite any medical evidence".
 */
export function describeGuideline(entity: Pick<GuidelineEntity, 'family' | 'title' | 'year'>): GuidelineInfo | undefined {
  const { family, title, year } = entity;
  switch (family) {
    case 'MTUS': {
      const part = title ? mtusPart(title, year) ?? { name: title } : undefined;
      return part ? { ...MTUS, part } : { ...MTUS };
    }
    case 'ACOEM':
      // `ACOEM Chapter 7` leaves only the number as the title.
      return title ? { ...ACOEM, part: { name: /^\d{1,2}$/.test(title) ? `Chapter ${title}` : title } } : { ...ACOEM };
    case 'ODG': {
      if (!title) return { ...ODG };
      return { ...ODG, part: { name: odgChapter(title) ?? title } };
    }
    default:
      return undefined;
  }
}

/** The source a citation counts under; `undefined` for "did not cite any medical evidence". */
export function guidelineSource(family: GuidelineFamily): GuidelineSource | undefined {
  switch (family) {
    case 'MTUS':
    case 'ACOEM':
    case 'ODG':
      return family;
    case 'Non-MTUS':
      return 'other';
    default:
      return undefined;
  }
}

/**
 * A citation as an item's guideline: its source, the cited part by the name the hover gives it
 * ({@link describeGuideline}; the title as written for a part it does not know), and the topic,
 * sections and pages cited. `undefined` for "did not cite any medical evidence".
 */
export function citedGuideline(entity: GuidelineEntity, block: ItemGuideline['block']): ItemGuideline | undefined {
  const source = guidelineSource(entity.family);
  if (!source) return undefined;
  const chapter = describeGuideline(entity)?.part?.name ?? entity.title;
  return {
    start: entity.start,
    end: entity.end,
    text: normalizedText(entity.text, 0, entity.text.length),
    block,
    source,
    ...(chapter !== undefined ? { chapter } : {}),
    ...(entity.year !== undefined ? { year: entity.year } : {}),
    ...(entity.topic !== undefined ? { topic: entity.topic } : {}),
    ...(entity.sections && entity.sections.length > 0 ? { sections: entity.sections } : {}),
    ...(entity.pages && entity.pages.length > 0 ? { pages: entity.pages } : {}),
  };
}

