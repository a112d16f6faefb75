/**
 * The model of an IMR determination letter. Everything the editor shows is a view of these types.
 *
 * All offsets are UTF-16 code unit offsets into the letter's original text (what
 * `TextDocument.getText()` returns), `end` exclusive, so a view can map them with `positionAt`.
 */

/** A span of the original text. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** A span plus its text, normalised: wrapped lines joined with one space, `long- \nterm` → `long-term`. */
export interface TextBlock extends Range {
  readonly text: string;
}

/** How the letter's text is laid out on the surface. */
export type SurfaceFormat =
  /** `### HEADING`, `**Item:** Upheld`, `<b>Case Number:</b>`: the markdown-ish export. */
  | 'markdown'
  /** Text extracted from the published PDFs, in any of its layouts. */
  | 'plain';

export type Outcome = 'upheld' | 'overturned';

export type HeaderFieldName =
  | 'caseNumber'
  | 'dateAssigned'
  | 'dateOfInjury'
  | 'decisionDate'
  | 'urDenialDate'
  | 'priority'
  | 'applicationReceived';

export interface HeaderField {
  readonly name: HeaderFieldName;
  /** The label as written, e.g. `Date of Injury:` (its range may span a line break). */
  readonly label: Range;
  /** The value as written; `text` is trimmed. */
  readonly value: TextBlock;
  /** For date fields: the value as `YYYY-MM-DD` when it parses as a real calendar date. */
  readonly iso?: string;
}

export type SectionKind = 'howMade' | 'credentials' | 'clinicalSummary' | 'issues';

export interface Section {
  readonly kind: SectionKind;
  /** The heading as written, trimmed (without markdown `###`). */
  readonly title: string;
  /** The heading line's text range (trimmed). */
  readonly heading: Range;
  /** From the heading's start to the start of the next section (or the end of the text). */
  readonly range: Range;
}

/** A labelled block inside an item: `Claims Administrator guideline:`, `MAXIMUS guideline:`, `Decision rationale:`. */
export interface LabeledBlock {
  /** The label, e.g. `Decision rationale:` (markdown bold markers excluded). */
  readonly label: Range;
  /** The text after the label up to the next block; may be empty (`text === ''`). */
  readonly body: TextBlock;
  /** Label start to body end. */
  readonly range: Range;
}

/** "X #60 was the original request. X #25 was authorized ... The remaining ... portion ..., X #35 is: Upheld" */
export interface PartialApproval {
  readonly original?: TextBlock;
  readonly authorized?: TextBlock;
  readonly remaining?: TextBlock;
}

/** One disputed item/service and what was decided about it. */
export interface Item {
  /** 0-based position among the letter's items. */
  readonly index: number;
  /** The item as requested, e.g. `Valium 5 mg #24` (for partial approvals: the remaining request). */
  readonly name: TextBlock;
  readonly outcome: Outcome | null;
  /** The outcome word as written (`Upheld`, `OVERTURNED.`), when present. */
  readonly outcomeRange?: Range;
  /** The item line(s): from the name's first character to the end of the outcome (or of the name). */
  readonly heading: Range;
  /** The whole block: heading start to the start of the next item or the end of the section. */
  readonly range: Range;
  readonly claimsGuideline?: LabeledBlock;
  readonly maximusGuideline?: LabeledBlock;
  readonly rationale?: LabeledBlock;
  readonly partial?: PartialApproval;
  /** Structured fields of the item line, from the entities found inside `name`. */
  readonly fields: ItemFields;
  /** What kind of request this is, from its name and drugs (`src/core/categories.ts`, docs/facts.md). */
  readonly category: RequestCategory;
  /** For a drug request: its drugs' class, `compound` when they differ or the request says `compound`. */
  readonly drugClass?: DrugClass;
  /** The word or drug in the name that decided the category; absent when none did (an `other` request none of the words name). */
  readonly categoryRange?: Range;
  /**
   * The guidelines the decision relied on: the citations of the `MAXIMUS guideline:` block (the IMR
   * decision's `Decision based on ...`), or, for an item without that block, of its rationale.
   * "Did not cite any medical evidence" gives none.
   */
  readonly guidelines: readonly ItemGuideline[];
}

/**
 * The kind of request an item is (what analysts count outcomes by): a drug (see `Item.drugClass`),
 * imaging, therapy (PT, chiropractic, acupuncture, modalities), an injection, surgery, equipment
 * (DME and supplies), an office visit (evaluations, consultations), a lab or other diagnostic test,
 * or other (home health, transportation, ...).
 */
export type RequestCategory = 'drug' | 'imaging' | 'therapy' | 'injection' | 'surgery' | 'equipment' | 'office visit' | 'lab' | 'other';

/** Where a cited guideline comes from: the MTUS, ACOEM, ODG, or another source (`Non-MTUS Citation: ...`). */
export type GuidelineSource = 'MTUS' | 'ACOEM' | 'ODG' | 'other';

/** A guideline an item's decision relied on: one citation, named as its hover names it. */
export interface ItemGuideline extends TextBlock {
  /** The block that cites it. */
  readonly block: 'maximusGuideline' | 'rationale';
  readonly source: GuidelineSource;
  /** The cited part by full name: an MTUS guideline (`Chronic Pain Medical Treatment Guidelines`), an ODG chapter (`Pain (Chronic)`), an ACOEM chapter. */
  readonly chapter?: string;
  /** The edition year cited. */
  readonly year?: number;
  /** The topic cited (`Urine Drug Testing (UDT)`; for the MTUS the first section). */
  readonly topic?: string;
  /** MTUS `Section(s):` cited. */
  readonly sections?: readonly string[];
  readonly pages?: readonly string[];
}

/** The expert reviewer as the letter describes them (`State(s) of Licensure:`, or `Board Certified in ... licensed to practice in ...`). */
export interface Reviewer {
  /** The licensure as written: the value of `State(s) of Licensure:` or of `licensed to practice in`. */
  readonly licensure?: TextBlock;
  /** Each state of licensure in it (`California`, `North Carolina`); empty when the letter states none. */
  readonly states: readonly TextBlock[];
  /** The certifications as written: the value of `Certification(s)/Specialty:` or of `Board Certified in`. */
  readonly specialty?: TextBlock;
  /** Each board certification or specialty in it (`Physical Medicine & Rehabilitation`, `Pain Management`). */
  readonly specialties: readonly TextBlock[];
}

export type Sex = 'male' | 'female';

/** The claimant's age as the clinical case summary states it: `48 year old`, `58-year-old`. */
export interface StatedAge extends TextBlock {
  readonly years: number;
}

/** The claimant's sex as the clinical case summary states it, right after the age (`a 48 year old male`). */
export interface StatedSex extends TextBlock {
  readonly sex: Sex;
}

/** What the clinical case summary states about the injured worker; each absent when it is not stated. */
export interface Claimant {
  readonly age?: StatedAge;
  readonly sex?: StatedSex;
}

// ---------------------------------------------------------------------------------------------
// Entities

export type DrugClass =
  | 'opioid'
  | 'muscle relaxant'
  | 'benzodiazepine'
  | 'NSAID'
  | 'analgesic'
  | 'anticonvulsant'
  | 'antidepressant'
  | 'antipsychotic'
  | 'stimulant'
  | 'PPI/GI'
  | 'topical'
  | 'compound'
  | 'hypnotic'
  | 'steroid'
  | 'antihistamine'
  | 'antiemetic'
  | 'cardiovascular'
  | 'diabetes'
  | 'antibiotic'
  | 'anticoagulant'
  | 'migraine'
  | 'urologic'
  | 'hormone'
  | 'supplement'
  | 'medical food'
  | 'local anesthetic'
  | 'injectable'
  | 'other';

export type EntityKind =
  | 'drug'
  | 'strength'
  | 'quantity'
  | 'form'
  | 'route'
  | 'frequency'
  | 'duration'
  | 'refills'
  | 'sessions'
  | 'timeQualifier'
  | 'guideline'
  | 'literature'
  | 'date'
  | 'redacted'
  | 'bodyPart'
  | 'spineLevel';

interface EntityBase extends Range {
  readonly kind: EntityKind;
  /** The entity's text exactly as written in the letter (`text.slice(start, end)`). */
  readonly text: string;
}

export interface DrugIngredient {
  readonly generic: string;
  readonly class: DrugClass;
}

export interface DrugEntity extends EntityBase {
  readonly kind: 'drug';
  /** Generic name, lower case; for combinations `hydrocodone/acetaminophen`. */
  readonly generic: string;
  readonly class: DrugClass;
  /** Brand names known for it (for hovers). */
  readonly brands: readonly string[];
  /** One entry per active ingredient; a single-ingredient drug lists itself. */
  readonly ingredients: readonly DrugIngredient[];
  /** Where the match came from: the shipped lexicon, the user's setting, or the text's shape (`Nalfon 400mg`). */
  readonly source: 'lexicon' | 'user' | 'shape';
}

export type GuidelineFamily = 'MTUS' | 'ACOEM' | 'ODG' | 'Non-MTUS' | 'none';

export interface GuidelineEntity extends EntityBase {
  readonly kind: 'guideline';
  readonly family: GuidelineFamily;
  /** e.g. `Chronic Pain Medical Treatment`, `Low Back Complaints`, `Pain` (ODG body part). */
  readonly title?: string;
  readonly year?: number;
  /** ODG/ACOEM topic, e.g. `Urine Drug Testing (UDT)`; MTUS `Section(s):` value. */
  readonly topic?: string;
  readonly sections?: readonly string[];
  readonly pages?: readonly string[];
}

export interface LiteratureEntity extends EntityBase {
  readonly kind: 'literature';
  readonly author: string;
  readonly year: number;
}

export interface DateEntity extends EntityBase {
  readonly kind: 'date';
  /** `YYYY-MM-DD` when it is a real calendar date (two-digit years: 00–69 → 20xx). */
  readonly iso?: string;
}

export interface ValueEntity extends EntityBase {
  readonly kind:
    | 'strength'
    | 'quantity'
    | 'form'
    | 'route'
    | 'frequency'
    | 'duration'
    | 'refills'
    | 'sessions'
    | 'timeQualifier'
    | 'redacted'
    | 'bodyPart'
    | 'spineLevel';
  /** A normalised value where one is useful: `5 mg`, `60`, `2` (refills), `BID`. */
  readonly value?: string;
}

export type Entity = DrugEntity | GuidelineEntity | LiteratureEntity | DateEntity | ValueEntity;

/** What an item line asked for, as structured fields (each the entity's text as written). */
export interface ItemFields {
  readonly drugs: readonly DrugEntity[];
  readonly strength?: string;
  readonly quantity?: string;
  readonly form?: string;
  readonly route?: string;
  readonly frequency?: string;
  readonly duration?: string;
  readonly refills?: string;
  readonly sessions?: string;
  readonly timeQualifier?: string;
  readonly bodyParts: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Diagnostics and fixes

export type Severity = 'error' | 'warning' | 'info';

/** Replace `range` of the original text by `newText`. Insertions have `start === end`. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
  /**
   * The same insertion as a VS Code snippet (`$1`, `${1:placeholder}`), for editors that can place
   * tab stops; `newText` is what a plain fix writes.
   */
  readonly snippet?: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix an editor offers first. */
  readonly isPreferred?: boolean;
  /** Safe to apply unattended by fix-all (it cannot choose a wrong answer for the user). */
  readonly safe: boolean;
}

export interface Diagnostic {
  /** Stable code, e.g. `IMR002`. */
  readonly code: string;
  /** The rule's name, e.g. `missing-rationale`. */
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  /** The item the problem belongs to, when it belongs to one. */
  readonly itemIndex?: number;
  readonly fixes: readonly Fix[];
}

/** The whole letter, as parsed. */
export interface Letter {
  readonly text: string;
  readonly format: SurfaceFormat;
  /** False when the text has none of an IMR letter's headings, header fields or items. */
  readonly isDetermination: boolean;
  readonly header: readonly HeaderField[];
  readonly sections: readonly Section[];
  readonly items: readonly Item[];
  /** The expert reviewer's licensure and specialties, from the credentials block. */
  readonly reviewer: Reviewer;
  /** The claimant's age and sex, from the clinical case summary. */
  readonly claimant: Claimant;
  /** Every entity found in the text, ordered by `start`. */
  readonly entities: readonly Entity[];
  /**
   * Only when the text holds several letters (a packet): each letter as parsed alone, with the whole
   * text's offsets. The fields above are then theirs one after the other (items indexed through the
   * whole text), so a view of one letter shows them all; a view of each letter (the outline, the
   * export) reads them here.
   */
  readonly letters?: readonly Letter[];
}
