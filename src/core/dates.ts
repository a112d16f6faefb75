/** Dates as the letters write them: `03/24/2014`, `1/2/16`, `10-13-16`, `September 25, 1998`. */

import { isDigit } from './chars';

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

const WRITTEN_DATE = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/;

/** Two-digit years: 00–69 are 20xx, 70–99 are 19xx (letters cover injuries from the 1970s on). */
export function fullYear(year: number, digits: number): number {
  if (digits === 4) return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Days in `month` (1–12) of `year`. Years 0–99 count as 1900–1999, as `Date.UTC` reads them: this
 * was once computed with `Date`, and `02/29/0000` must stay invalid.
 */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  const y = year < 100 ? year + 1900 : year;
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * `YYYY-MM-DD` for a year (0–9999), month and day, or `undefined` when they are not a real
 * calendar date. Pure arithmetic, so callers that have the numbers already need no string to parse.
 */
export function isoIfValid(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${twoDigits(month)}-${twoDigits(day)}`;
}

/**
 * The ISO form (`YYYY-MM-DD`) of a US-style date, or `undefined` when the text is not a real
 * calendar date (`02/30/2016`, `13/01/2016`, `soon`).
 */
export function parseUsDate(text: string): string | undefined {
  const trimmed = text.trim();
  // A written date starts with a letter: a text that starts with a digit can only be numeric.
  if (isDigit(trimmed.charCodeAt(0))) return numericDate(trimmed);
  const written = WRITTEN_DATE.exec(trimmed);
  if (written) {
    const month = MONTHS[written[1]!.toLowerCase()];
    if (month === undefined) return undefined;
    return isoIfValid(Number(written[3]), month, Number(written[2]));
  }
  return undefined;
}

/**
 * The ISO form of `M/D/YY`, `MM-DD-YYYY` and the like (`^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$`),
 * read by character codes: the header and the markers read many dates, and a regex match makes strings.
 */
function numericDate(text: string): string | undefined {
  const numbers = [0, 0, 0];
  let i = 0;
  let digits = 0;
  for (let part = 0; part < 3; part++) {
    const from = i;
    let value = 0;
    for (let code = text.charCodeAt(i); isDigit(code); code = text.charCodeAt(++i)) value = value * 10 + code - 48;
    digits = i - from;
    numbers[part] = value;
    if (part < 2) {
      const separator = text.charCodeAt(i);
      if (digits < 1 || digits > 2 || (separator !== 47 /* / */ && separator !== 45 /* - */)) return undefined;
      i++;
    }
  }
  if (i !== text.length || (digits !== 2 && digits !== 4)) return undefined;
  return isoIfValid(fullYear(numbers[2]!, digits), numbers[0]!, numbers[1]!);
}
