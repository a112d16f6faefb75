/** Dates as the letters write them: `03/24/2014`, `1/2/16`, `10-13-16`, `September 25, 1998`. */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

const NUMERIC_DATE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$/;
const WRITTEN_DATE = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/;

/** Two-digit years: 00–69 are 20xx, 70–99 are 19xx (letters cover injuries from the 1970s on). */
function fullYear(year: string): number {
  const n = Number(year);
  if (year.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

function isoIfValid(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The ISO form (`YYYY-MM-DD`) of a US-style date, or `undefined` when the text is not a real
 * calendar date (`02/30/2016`, `13/01/2016`, `soon`).
 */
export function parseUsDate(text: string): string | undefined {
  const trimmed = text.trim();
  const numeric = NUMERIC_DATE.exec(trimmed);
  if (numeric) {
    return isoIfValid(fullYear(numeric[3]!), Number(numeric[1]), Number(numeric[2]));
  }
  const written = WRITTEN_DATE.exec(trimmed);
  if (written) {
    const month = MONTHS[written[1]!.toLowerCase()];
    if (month === undefined) return undefined;
    return isoIfValid(Number(written[3]), month, Number(written[2]));
  }
  return undefined;
}
