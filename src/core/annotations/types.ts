/**
 * A letter's kept annotations, as brat's standoff format (`x.ann` beside `x.txt`) holds them.
 *
 * Offsets here are UTF-16 code unit offsets into the letter (what JavaScript and VS Code count),
 * `end` exclusive; the `.ann` file counts Unicode code points, as brat (Python) does. readStandoff and
 * writeStandoff convert between the two (see offsets.ts).
 */

import type { Range } from '../model';

/** `T1\tDrug 10 15;16 20\tNorco 10`: a labelled span, possibly in several fragments. */
export interface TextBoundAnnotation {
  /** `T` and a number: `T1`. */
  readonly id: string;
  /** The brat type: `Drug`, `Request`, or a user's own label. */
  readonly label: string;
  /** One or more non-empty ranges of the letter, UTF-16 offsets, in the order the `.ann` lists them. */
  readonly fragments: readonly Range[];
  /**
   * The text the annotation was made on: the fragments' texts joined by one space, as brat writes it.
   * When the letter changed under the span it keeps the old text, so the change stays visible (and is
   * reported again on every read) until someone confirms the span.
   */
  readonly text: string;
}

/** `A1\tOutcome T3 Upheld` or, for a flag, `A2\tNegated T3`. */
export interface AttributeAnnotation {
  /** `A` (or brat's older `M`) and a number. */
  readonly id: string;
  readonly name: string;
  /** The annotated id: a `T`, `R` or `E` id. */
  readonly target: string;
  /** Absent for a binary (flag) attribute. */
  readonly value?: string;
}

/** `R1\tStrength-Drug Arg1:T2 Arg2:T1`. */
export interface RelationAnnotation {
  /** `R` and a number. */
  readonly id: string;
  readonly type: string;
  readonly arg1: string;
  readonly arg2: string;
}

/** `#1\tAnnotatorNotes T1\tchecked against the UR letter`. */
export interface NoteAnnotation {
  /** `#` and a number. */
  readonly id: string;
  /** `AnnotatorNotes` for the notes a person writes; other types are kept as read. */
  readonly type: string;
  readonly target: string;
  readonly text: string;
}

/**
 * A machine suggestion a person dismissed: the analyzer's label on these fragments should not be
 * offered again. Kept in the `.ann` as `#5\tIMRDismissed #5\tDrug 120 125\tNorco`: a note that targets
 * itself, which brat reads without an error (the id it refers to exists) and shows nowhere.
 */
export interface Dismissal {
  /** `#` and a number. */
  readonly id: string;
  readonly label: string;
  readonly fragments: readonly Range[];
  readonly text: string;
}

/** A line of the `.ann` that could not be read, with its 1-based line number and why. */
export interface AnnotationProblem {
  readonly line: number;
  readonly message: string;
}

/**
 * Everything a `.ann` holds. Each list is ordered by id number. Lines this module does not model
 * (`E` events, `N` normalisations, `*` equivalences) and lines it could not read are kept verbatim in
 * `other`, so saving never drops what a person or another tool wrote.
 */
export interface AnnotationSet {
  readonly textBound: readonly TextBoundAnnotation[];
  readonly attributes: readonly AttributeAnnotation[];
  readonly relations: readonly RelationAnnotation[];
  readonly notes: readonly NoteAnnotation[];
  readonly dismissals: readonly Dismissal[];
  /** Lines kept verbatim (without their line break), in the order they were read. */
  readonly other: readonly string[];
  /** What reading found wrong; empty for a set made in memory. Not written back. */
  readonly problems: readonly AnnotationProblem[];
  /**
   * The highest number used so far per id prefix (`T`, `A`, `R`, `#`), so an id freed by a removal is
   * not given to a new annotation in the same session. Not written: reading derives it from the ids.
   */
  readonly highestIds: Readonly<Record<string, number>>;
}

/** The set with nothing in it. */
export function emptyAnnotationSet(): AnnotationSet {
  return { textBound: [], attributes: [], relations: [], notes: [], dismissals: [], other: [], problems: [], highestIds: {} };
}

/** The AnnotatorNotes type brat gives the notes a person writes. */
export const ANNOTATOR_NOTES = 'AnnotatorNotes';

/** The note type that records a dismissed suggestion. */
export const DISMISSED_NOTE = 'IMRDismissed';
