/** Items of many letters as rows, CSV or JSON: for analysts who study outcomes across letters. */

import type { HeaderFieldName, Letter } from './model';

export interface ItemRow {
  readonly file: string;
  readonly caseNumber: string;
  readonly dateAssigned: string;
  readonly dateOfInjury: string;
  readonly decisionDate: string;
  readonly urDenialDate: string;
  readonly applicationReceived: string;
  readonly item: string;
  readonly outcome: string;
  readonly drugs: string;
  readonly generics: string;
  readonly drugClasses: string;
  readonly strength: string;
  readonly quantity: string;
  readonly frequency: string;
  readonly duration: string;
  readonly refills: string;
  readonly sessions: string;
  readonly timeQualifier: string;
  readonly bodyParts: string;
  readonly originalRequest: string;
  readonly authorizedRequest: string;
  readonly claimsGuideline: string;
  readonly maximusGuideline: string;
  readonly rationaleLength: number;
  /** The request category (`drug`, `imaging`, `therapy`, ...; see docs/facts.md). */
  readonly category: string;
  /** For a drug request: the class of its drugs. */
  readonly drugClass: string;
  /** The guidelines the decision relied on: their sources (`MTUS; ODG`), cited parts and topics, each list without repeats. */
  readonly guidelineSources: string;
  readonly guidelineChapters: string;
  readonly guidelineTopics: string;
  /** The letter's reviewer and claimant, as stated. */
  readonly reviewerStates: string;
  readonly reviewerSpecialties: string;
  readonly claimantAge: string;
  readonly claimantSex: string;
}

export const ITEM_COLUMNS: ReadonlyArray<keyof ItemRow> = [
  'file', 'caseNumber', 'dateAssigned', 'dateOfInjury', 'decisionDate', 'urDenialDate', 'applicationReceived',
  'item', 'outcome', 'drugs', 'generics', 'drugClasses', 'strength', 'quantity', 'frequency', 'duration', 'refills',
  'sessions', 'timeQualifier', 'bodyParts', 'originalRequest', 'authorizedRequest', 'claimsGuideline', 'maximusGuideline',
  'rationaleLength',
  'category', 'drugClass', 'guidelineSources', 'guidelineChapters', 'guidelineTopics', 'reviewerStates', 'reviewerSpecialties', 'claimantAge',
  'claimantSex',
];

/** One row per disputed item; header dates as ISO when they parse, else as written. A packet's items each take their own letter's header. */
export function itemRows(file: string, letter: Letter): ItemRow[] {
  return letter.letters ? letter.letters.flatMap((one) => letterRows(file, one)) : letterRows(file, letter);
}

function letterRows(file: string, letter: Letter): ItemRow[] {
  const header = (name: HeaderFieldName): string => {
    const field = letter.header.find((f) => f.name === name);
    return field ? field.iso ?? field.value.text : '';
  };
  const unique = (values: readonly string[]): string => [...new Set(values)].join('; ');
  return letter.items.map((item) => ({
    file,
    caseNumber: header('caseNumber'),
    dateAssigned: header('dateAssigned'),
    dateOfInjury: header('dateOfInjury'),
    decisionDate: header('decisionDate'),
    urDenialDate: header('urDenialDate'),
    applicationReceived: header('applicationReceived'),
    item: item.name.text,
    outcome: item.outcome ?? '',
    drugs: unique(item.fields.drugs.map((d) => d.text)),
    generics: unique(item.fields.drugs.map((d) => d.generic)),
    drugClasses: unique(item.fields.drugs.map((d) => d.class)),
    strength: item.fields.strength ?? '',
    quantity: item.fields.quantity ?? '',
    frequency: item.fields.frequency ?? '',
    duration: item.fields.duration ?? '',
    refills: item.fields.refills ?? '',
    sessions: item.fields.sessions ?? '',
    timeQualifier: item.fields.timeQualifier ?? '',
    bodyParts: unique(item.fields.bodyParts),
    originalRequest: item.partial?.original?.text ?? '',
    authorizedRequest: item.partial?.authorized?.text ?? '',
    claimsGuideline: item.claimsGuideline?.body.text ?? '',
    maximusGuideline: item.maximusGuideline?.body.text ?? '',
    rationaleLength: item.rationale?.body.text.length ?? 0,
    category: item.category,
    drugClass: item.drugClass ?? '',
    guidelineSources: unique(item.guidelines.map((g) => g.source)),
    guidelineChapters: unique(item.guidelines.flatMap((g) => (g.chapter !== undefined ? [g.chapter] : []))),
    guidelineTopics: unique(item.guidelines.flatMap((g) => (g.topic !== undefined ? [g.topic] : []))),
    reviewerStates: unique(letter.reviewer.states.map((s) => s.text)),
    reviewerSpecialties: unique(letter.reviewer.specialties.map((s) => s.text)),
    claimantAge: letter.claimant.age ? String(letter.claimant.age.years) : '',
    claimantSex: letter.claimant.sex?.sex ?? '',
  }));
}

/** RFC 4180 CSV with a header row; fields quoted when they hold a comma, quote or line break. */
export function toCsv(rows: readonly ItemRow[]): string {
  const cell = (value: string | number): string => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [ITEM_COLUMNS.join(',')];
  for (const row of rows) lines.push(ITEM_COLUMNS.map((column) => cell(row[column])).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function toJson(rows: readonly ItemRow[]): string {
  return JSON.stringify({ items: rows }, null, 2) + '\n';
}
