import type { Diagnostic, HeaderField, HeaderFieldName, Letter } from '../model';
import type { Rule } from './rule';

const LABELS: Readonly<Record<HeaderFieldName, string>> = {
  caseNumber: 'Case Number',
  dateAssigned: 'Date Assigned',
  dateOfInjury: 'Date of Injury',
  decisionDate: 'Decision Date',
  urDenialDate: 'UR Denial Date',
  priority: 'Priority',
  applicationReceived: 'Application Received',
};

const DATE_FIELDS: ReadonlySet<HeaderFieldName> = new Set(['dateAssigned', 'dateOfInjury', 'decisionDate', 'urDenialDate', 'applicationReceived']);

/** Orders that must hold: [earlier, later]. A decision cannot precede the assignment or the injury. */
const ORDER: ReadonlyArray<readonly [HeaderFieldName, HeaderFieldName]> = [
  ['dateOfInjury', 'decisionDate'],
  ['dateAssigned', 'decisionDate'],
  ['dateOfInjury', 'dateAssigned'],
  ['dateOfInjury', 'urDenialDate'],
  ['dateOfInjury', 'applicationReceived'],
];

/** `2016-11-09` or `11.09.2016` → `11/09/2016`, when the date is real; the letters' own style is MM/DD/YYYY. */
function usStyle(value: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const parts = iso ? [iso[2]!, iso[3]!, iso[1]!] : dotted ? [dotted[1]!, dotted[2]!, dotted[3]!] : undefined;
  if (!parts) return undefined;
  const [m, d, y] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/${y}`;
}

export const headerDates: Rule = {
  code: 'IMR006',
  name: 'header-dates',
  description: 'Header dates are real dates, and in possible order (no decision before the assignment or the injury).',
  defaultSeverity: 'warning',
  check(letter: Letter): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    const base = { code: this.code, rule: this.name, severity: this.defaultSeverity };
    const byName = new Map<HeaderFieldName, HeaderField>();
    for (const field of letter.header) {
      byName.set(field.name, field);
      if (!DATE_FIELDS.has(field.name) || field.iso) continue;
      if (!field.value.text) {
        diagnostics.push({ ...base, message: `"${LABELS[field.name]}:" has no date.`, range: field.label, fixes: [] });
        continue;
      }
      const rewritten = usStyle(field.value.text);
      diagnostics.push({
        ...base,
        message: `"${LABELS[field.name]}: ${field.value.text}" is not a valid date (MM/DD/YYYY).`,
        range: field.value,
        fixes: rewritten ? [{ title: `Write the date as ${rewritten}`, edits: [{ range: field.value, newText: rewritten }], isPreferred: true, safe: true }] : [],
      });
    }
    for (const [earlierName, laterName] of ORDER) {
      const earlier = byName.get(earlierName);
      const later = byName.get(laterName);
      if (!earlier?.iso || !later?.iso || later.iso >= earlier.iso) continue;
      diagnostics.push({
        ...base,
        message: `${LABELS[laterName]} ${later.value.text} is before ${LABELS[earlierName]} ${earlier.value.text}.`,
        range: later.value,
        fixes: [],
      });
    }
    return diagnostics;
  },
};
