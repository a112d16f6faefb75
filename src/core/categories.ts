/**
 * What kind of request a disputed item is: a drug (with its class), imaging, therapy, an injection,
 * surgery, equipment, an office visit, a lab or other test, or other. Read from the item's name and
 * the drugs found in it, by one table of words (`CATEGORY_WORDS`, documented in docs/facts.md).
 *
 * Item names put the kind of request in their head noun, which comes last in its phrase and before
 * any `with`, `of`, `to`, `for` ... (`Cold therapy unit`, `Spine surgery evaluation for the lumbar`,
 * `Right knee arthroscopy with evaluation of ACL`). So the name is cut into phrases at those words
 * and at punctuation; the first phrase that names a drug or a word of the table decides: a drug
 * there makes a drug request, else the last word of the table in it gives the category. After a
 * colon comes what is requested (`Associated surgical service: Cold therapy unit`, `Labs to include:
 * Chest X-ray`): the text after the last colon is read first.
 */

import type { DrugClass, DrugEntity, Range, RequestCategory } from './model';

/** The words of item names that make each category (regular expression sources, matched in any case, words separated by any whitespace). */
export const CATEGORY_WORDS: ReadonlyArray<{ readonly category: Exclude<RequestCategory, 'drug'>; readonly words: readonly string[] }> = [
  {
    category: 'imaging',
    words: ['MRI', 'MRA', 'MR arthrogram', 'arthrogram', 'magnetic resonance', 'imaging', 'CT', 'CT scan', 'x-?rays?', 'radiographs?', 'bone scan', 'myelogram', 'discogram', 'sonogram'],
  },
  {
    category: 'therapy',
    words: [
      'therapy', 'therapies', 'physiotherapy', 'PT', 'OT', 'chiro', 'chiropractic', 'chiropractor', 'chirophysio', 'acupuncture',
      'manipulation', 'mobilization', 'massage', 'myofascial release', 'traction', 'electrical (?:muscle )?stimulation', 'e-?stim',
      'ultrasound', 'infrared', 'biofeedback', 'exercises?', 'rehabilitation', 'rehab', 'shockwave', 'ESWT', 'work hardening',
      'work conditioning', 'functional restoration', 'psychotherapy', 'cognitive behavioral', 'CBT', 'modalities',
    ],
  },
  {
    category: 'injection',
    words: ['injections?', 'epidural', 'ESI', 'nerve blocks?', 'blocks?', 'platelet[- ]rich plasma', 'PRP', 'viscosupplementation'],
  },
  {
    category: 'surgery',
    words: [
      'surgery', 'arthroscopy', 'arthroscopic', 'arthroplasty', '[a-z]+ectomy', '[a-z]+otomy', '[a-z]+oplasty', 'repair', 'release',
      'fusion', 'decompression', 'tenodesis', 'debridement', 'replacement', 'reconstruction', 'fixation', 'Mumford', 'assist', 'assistant',
    ],
  },
  {
    category: 'equipment',
    words: [
      'TENS', 'H-wave', 'interferential', 'cold therapy', 'cold compression', 'cryotherapy', 'braces?', 'slings?', 'supports?', 'wraps?',
      'pads?', 'pillow', 'bed', 'scooter', 'walker', 'cane', 'wheelchair', 'crutch(?:es)?', 'orthotics?', 'insoles?', 'splint',
      'collar', 'hearing aids?', 'gloves', 'wipes', 'workstation', 'chair', 'mattress', 'rental', 'purchase', 'DME',
      'durable medical equipment', 'supplies',
    ],
  },
  {
    category: 'office visit',
    words: ['evaluation', 'consult', 'consults', 'consultation', 'referral', 'clearance', 're-?exam', 're-?examination', 'exam', 'examination', 'follow[- ]up', 'office visits?'],
  },
  {
    category: 'lab',
    words: [
      'labs?', 'laboratory', 'blood', 'urine', 'drug screen', 'toxicology', 'tests?', 'testing', 'screening', 'CBC', 'BMP', 'CMP',
      'PT/PTT', 'EKG', 'ECG', 'electrocardiogram', 'EEG', 'electroencephalogram', 'EMG', 'NCV', 'NCS', 'nerve conduction',
      'electromyography', 'electrodiagnostic', 'SSEP', 'grip',
    ],
  },
  {
    category: 'other',
    words: ['home health', 'aide', 'nurse', 'nursing', 'RN', 'LVN', 'transportation', 'hospitalization', 'wound care', 'gym membership'],
  },
];

/** Each category's words as one regular expression (global, any case). */
const CATEGORY_PATTERNS = CATEGORY_WORDS.map(({ category, words }) => ({
  category,
  pattern: new RegExp(String.raw`(?<![\w-])(?:${words.map((w) => w.replace(/ /g, String.raw`\s+`)).join('|')})(?![\w-])`, 'gi'),
}));

/** Where a name is cut into phrases: punctuation, and the words that begin a phrase after the head noun. */
const PHRASE_BREAK = /[:;,()[\]]|\s(?:with|of|to|for|under|in|at|on|per|times|x|vs\.?)(?=\s)/gi;

/** The kind of request an item is, and what decided it. */
export interface RequestKind {
  readonly category: RequestCategory;
  /** For a drug request: the class of its drugs, `compound` when they differ or the name says `compound`. */
  readonly drugClass?: DrugClass;
  /** The word of the table, or the drug, that decided; absent for `other` decided by no word. */
  readonly range?: Range;
}

interface WordMatch extends Range {
  readonly category: Exclude<RequestCategory, 'drug'>;
}

/** The table's words in `text[start, end)`, left to right, the longest where two start at one place and none overlapping. */
function wordsIn(text: string, start: number, end: number): WordMatch[] {
  const slice = text.slice(start, end);
  const found: WordMatch[] = [];
  for (const { category, pattern } of CATEGORY_PATTERNS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(slice); match; match = pattern.exec(slice)) {
      found.push({ category, start: start + match.index, end: start + match.index + match[0].length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: WordMatch[] = [];
  for (const word of found) if (kept.length === 0 || word.start >= kept[kept.length - 1]!.end) kept.push(word);
  return kept;
}

/** The phrases of `text[start, end)`, as ranges, in order. */
function phrasesOf(text: string, start: number, end: number): Range[] {
  const slice = text.slice(start, end);
  const phrases: Range[] = [];
  let from = 0;
  PHRASE_BREAK.lastIndex = 0;
  for (let match = PHRASE_BREAK.exec(slice); match; match = PHRASE_BREAK.exec(slice)) {
    if (match.index > from) phrases.push({ start: start + from, end: start + match.index });
    from = match.index + match[0].length;
  }
  if (from < slice.length) phrases.push({ start: start + from, end });
  return phrases;
}

/** The first phrase of `[start, end)` that names a drug or a word of the table decides (see the module comment). */
function decide(text: string, start: number, end: number, drugs: readonly DrugEntity[]): Omit<RequestKind, 'drugClass'> | undefined {
  for (const phrase of phrasesOf(text, start, end)) {
    const drug = drugs.find((d) => d.start >= phrase.start && d.start < phrase.end);
    if (drug) return { category: 'drug', range: { start: drug.start, end: drug.end } };
    const words = wordsIn(text, phrase.start, phrase.end);
    const last = words[words.length - 1];
    if (last) return { category: last.category, range: { start: last.start, end: last.end } };
  }
  return undefined;
}

/** The class of a drug request: its drugs' one class, or `compound` when they have several or the name says `compound`. */
function drugClassOf(text: string, name: Range, drugs: readonly DrugEntity[]): DrugClass | undefined {
  const classes = [...new Set(drugs.map((d) => d.class))];
  if (classes.length === 0) return undefined;
  if (classes.length > 1 || /\bcompound(?:ed)?\b/i.test(text.slice(name.start, name.end))) return 'compound';
  return classes[0];
}

/**
 * The kind of request an item is, from its name (`name`, a range of `text`) and the drugs found in
 * it (`drugs`, ranges of `text`).
 */
export function requestKind(text: string, name: Range, drugs: readonly DrugEntity[]): RequestKind {
  const slice = text.slice(name.start, name.end);
  const colon = slice.lastIndexOf(':');
  const decided = (colon >= 0 ? decide(text, name.start + colon + 1, name.end, drugs) : undefined) ?? decide(text, name.start, name.end, drugs);
  if (!decided) return { category: 'other' };
  if (decided.category !== 'drug') return decided;
  const drugClass = drugClassOf(text, name, drugs);
  return drugClass ? { ...decided, drugClass } : decided;
}
