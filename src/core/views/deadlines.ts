/**
 * The dates that matter on a letter: how many days the review took against its deadline, and an
 * estimate of the last day to appeal the determination. Pure calendar arithmetic on the header's
 * dates, worded for the decision date's hover and the Disputed Items view. It states an estimate and
 * its basis; it is not legal advice.
 *
 * The rules it applies (docs/facts.md, "Dates that matter"):
 * - The review: Labor Code §4610.6(d) — the determination within 30 days of the receipt of the
 *   request for review and its supporting documents; 3 days for an expedited review. Counted here from
 *   the letter's `Application Received` date (documents may arrive later), in calendar days.
 * - The appeal: Labor Code §4610.6(h) — a verified appeal filed within 30 days of the mailing of the
 *   determination; served by mail, 5 days more (Code of Civil Procedure §1013(a), as the Appeals Board
 *   held en banc in Matute v. Los Angeles Unified School District, 2015). Service is assumed on the
 *   decision date. Calendar days, the day of service not counted; a last day on a Saturday or Sunday
 *   moves to the next Monday (Code of Civil Procedure §§12, 12a). Holidays are not known to this estimate.
 */

import { isoIfValid } from '../dates';
import type { HeaderField, HeaderFieldName, Letter, Range } from '../model';
import { english, markdownText, type Translator } from './labels';

// ---- calendar arithmetic: days since 1970-01-01, by integers (no Date, no time zone) ----

/** Days from 1970-01-01 to a civil date (proleptic Gregorian). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The civil date `days` after 1970-01-01, as `YYYY-MM-DD`. */
function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`, a real calendar date), else `undefined`. */
function dayNumber(iso: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (isoIfValid(year, month, day) === undefined) return undefined;
  return daysFromCivil(year, month, day);
}

/** The ISO date `days` calendar days after `iso` (before, when negative); `undefined` for an invalid date. */
export function addDays(iso: string, days: number): string | undefined {
  const from = dayNumber(iso);
  return from === undefined ? undefined : civilFromDays(from + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier); `undefined` when either is not a real date. */
export function daysBetween(from: string, to: string): number | undefined {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === undefined || b === undefined ? undefined : b - a;
}

/** The day of the week of an ISO date, 0 for Sunday to 6 for Saturday; `undefined` for an invalid date. */
export function weekdayOf(iso: string): number | undefined {
  const days = dayNumber(iso);
  // 1970-01-01 was a Thursday.
  return days === undefined ? undefined : (((days + 4) % 7) + 7) % 7;
}

/** A last day moved off a weekend: a Saturday or Sunday becomes the next Monday; other days stay. */
export function nextWeekday(iso: string): string | undefined {
  const weekday = weekdayOf(iso);
  if (weekday === undefined) return undefined;
  return weekday === 6 ? addDays(iso, 2) : weekday === 0 ? addDays(iso, 1) : iso;
}

// ---- the letter's dates ----

/** The review's deadline in days (Labor Code §4610.6(d)). */
export const REVIEW_DAYS = { standard: 30, expedited: 3 } as const;
/** Days to appeal after service (Labor Code §4610.6(h)), and the days service by mail adds (Code of Civil Procedure §1013(a)). */
export const APPEAL_DAYS = 30;
export const MAIL_DAYS = 5;

export type ReviewPriority = keyof typeof REVIEW_DAYS;

/** The last day of a period: the day the count ends on, moved off a weekend. */
export interface LastDay {
  /** The last day, `YYYY-MM-DD`. */
  readonly date: string;
  /** The days counted from service. */
  readonly days: number;
  /** The day the count ended on, when it was a Saturday or a Sunday and the last day moved to the Monday. */
  readonly movedFrom?: string;
}

/** Why a figure cannot be given: a header date missing or not a real date, or the decision dated before the application. */
export interface DateProblem {
  readonly field: 'applicationReceived' | 'decisionDate';
  readonly problem: 'missing' | 'invalid' | 'beforeApplication';
  /** The date as written, for `invalid`. */
  readonly written?: string;
}

/** The dates that matter on a letter, as numbers; `decisionDatesHover` and `decisionDatesLine` word them. */
export interface DecisionDates {
  readonly applicationReceived?: string;
  readonly decisionDate?: string;
  /** Where the decision date is written, for the hover's range and the view's link. */
  readonly decisionDateRange?: Range;
  readonly priority: ReviewPriority;
  /** False when the letter gives no priority (or one neither standard nor expedited): a standard review is assumed. */
  readonly priorityStated: boolean;
  /** The review's deadline: 30 or 3 days. */
  readonly reviewDays: number;
  /** The day the deadline falls on, counted from the application received. */
  readonly reviewDue?: string;
  /** Calendar days from the application received to the decision. */
  readonly daysToDecision?: number;
  /** The estimated last day to appeal, service assumed on the decision date: served by mail (35 days) and otherwise (30). */
  readonly appealByMail?: LastDay;
  readonly appealOtherwise?: LastDay;
  readonly problems: readonly DateProblem[];
}

function lastDay(served: string, days: number): LastDay | undefined {
  const end = addDays(served, days);
  const moved = end === undefined ? undefined : nextWeekday(end);
  if (end === undefined || moved === undefined) return undefined;
  return moved === end ? { date: end, days } : { date: moved, days, movedFrom: end };
}

/** A header date: its ISO form when it is a real date, or the problem with it. */
function headerDate(fields: readonly HeaderField[], name: HeaderFieldName & DateProblem['field'], problems: DateProblem[]): HeaderField | undefined {
  const field = fields.find((f) => f.name === name);
  if (!field || field.value.text === '') problems.push({ field: name, problem: 'missing' });
  else if (!field.iso) problems.push({ field: name, problem: 'invalid', written: field.value.text });
  return field?.iso ? field : undefined;
}

/** The dates that matter on `letter`, from its header (see the module comment for the rules). */
export function decisionDates(letter: Pick<Letter, 'header'>): DecisionDates {
  const problems: DateProblem[] = [];
  const received = headerDate(letter.header, 'applicationReceived', problems);
  const decided = headerDate(letter.header, 'decisionDate', problems);
  const written = letter.header.find((f) => f.name === 'priority')?.value.text.toLowerCase() ?? '';
  const priority: ReviewPriority = written.startsWith('exped') ? 'expedited' : 'standard';
  const priorityStated = written.startsWith('exped') || written.startsWith('standard');
  const reviewDays = REVIEW_DAYS[priority];
  const applicationReceived = received?.iso;
  const decisionDate = decided?.iso;
  let daysToDecision = applicationReceived && decisionDate ? daysBetween(applicationReceived, decisionDate) : undefined;
  if (daysToDecision !== undefined && daysToDecision < 0) {
    problems.push({ field: 'decisionDate', problem: 'beforeApplication' });
    daysToDecision = undefined;
  }
  const reviewDue = applicationReceived ? addDays(applicationReceived, reviewDays) : undefined;
  const appealByMail = decisionDate ? lastDay(decisionDate, APPEAL_DAYS + MAIL_DAYS) : undefined;
  const appealOtherwise = decisionDate ? lastDay(decisionDate, APPEAL_DAYS) : undefined;
  return {
    ...(applicationReceived ? { applicationReceived } : {}),
    ...(decisionDate ? { decisionDate } : {}),
    ...(decided ? { decisionDateRange: { start: decided.value.start, end: decided.value.end } } : {}),
    priority,
    priorityStated,
    reviewDays,
    ...(reviewDue ? { reviewDue } : {}),
    ...(daysToDecision !== undefined ? { daysToDecision } : {}),
    ...(appealByMail ? { appealByMail } : {}),
    ...(appealOtherwise ? { appealOtherwise } : {}),
    problems,
  };
}

// ---- wording ----

function weekdayName(iso: string, l10n: Translator): string {
  switch (weekdayOf(iso)) {
    case 0:
      return l10n.t('Sunday');
    case 1:
      return l10n.t('Monday');
    case 2:
      return l10n.t('Tuesday');
    case 3:
      return l10n.t('Wednesday');
    case 4:
      return l10n.t('Thursday');
    case 5:
      return l10n.t('Friday');
    default:
      return l10n.t('Saturday');
  }
}

/** `12/09/2016`, as the letters write dates. */
export function usDate(iso: string): string {
  return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
}

/** `01/13/2017 (Friday)`. */
function dayWithWeekday(iso: string, l10n: Translator): string {
  return l10n.t('{0} ({1})', usDate(iso), weekdayName(iso, l10n));
}

function fieldName(field: DateProblem['field'], l10n: Translator): string {
  return field === 'applicationReceived' ? l10n.t('Application Received') : l10n.t('Decision Date');
}

function problemText(problem: DateProblem, l10n: Translator): string {
  switch (problem.problem) {
    case 'missing':
      return l10n.t('The letter gives no {0}.', fieldName(problem.field, l10n));
    case 'invalid':
      return l10n.t('{0} "{1}" is not a real calendar date.', fieldName(problem.field, l10n), markdownText(problem.written ?? ''));
    case 'beforeApplication':
      return l10n.t('The Decision Date is before the Application Received.');
  }
}

/** How long the review took against its deadline; `undefined` when a date is missing. */
function reviewText(dates: DecisionDates, l10n: Translator): string | undefined {
  const { daysToDecision, reviewDays, applicationReceived, decisionDate } = dates;
  if (daysToDecision === undefined || !applicationReceived || !decisionDate) return undefined;
  const over = daysToDecision - reviewDays;
  const against = over > 0 ? l10n.t('{0} more than the {1}-day deadline', over, reviewDays) : l10n.t('within the {0}-day deadline', reviewDays);
  return l10n.t('{0} ({1} application received → {2} decision), {3}', daysToDecision, usDate(applicationReceived), usDate(decisionDate), against);
}

function lastDayText(day: LastDay, l10n: Translator): string {
  const text = dayWithWeekday(day.date, l10n);
  return day.movedFrom ? l10n.t('{0}; day {1} is a {2}', text, day.days, weekdayName(day.movedFrom, l10n)) : text;
}

/**
 * The decision date's hover: the days to decision against the review's deadline, the estimated last
 * day to appeal, and the basis of both (Markdown, the letter's values escaped by the caller's rules).
 */
export function decisionDatesHover(dates: DecisionDates, l10n: Translator = english): string {
  const lines: string[] = [];
  lines.push(`**${l10n.t('Review and appeal dates')}** — ${l10n.t('an estimate from the letter\'s dates, not legal advice')}\n`);
  const review = reviewText(dates, l10n);
  const priority = dates.priority === 'expedited' ? l10n.t('expedited review') : l10n.t('standard review');
  lines.push(`- **${l10n.t('Days to decision')}:** ${review ?? l10n.t('unknown')}`);
  lines.push(
    `- **${l10n.t('Deadline')}:** ${l10n.t('{0} days for a {1} (Labor Code §4610.6(d))', dates.reviewDays, priority)}` +
      (dates.reviewDue ? `: ${usDate(dates.reviewDue)}` : '') +
      (dates.priorityStated ? '' : ` — ${l10n.t('the letter states no priority: standard assumed')}`),
  );
  if (dates.appealByMail && dates.appealOtherwise) {
    lines.push(`- **${l10n.t('Last day to appeal (estimate)')}:** ${l10n.t('{0} if served by mail', lastDayText(dates.appealByMail, l10n))}`);
    lines.push(`- **${l10n.t('If served otherwise')}:** ${lastDayText(dates.appealOtherwise, l10n)}`);
  } else {
    lines.push(`- **${l10n.t('Last day to appeal (estimate)')}:** ${l10n.t('unknown without a valid Decision Date')}`);
  }
  for (const problem of dates.problems) lines.push(`- ${problemText(problem, l10n)}`);
  lines.push('');
  lines.push(
    l10n.t(
      'Basis: an appeal is filed within {0} days of the service of the determination, {1} more when it is served by mail (Labor Code §4610.6(h); Code of Civil Procedure §1013(a)). Service is assumed on the Decision Date; calendar days are counted, the day of service not included; a last day on a Saturday or Sunday moves to the next Monday; holidays are not taken into account. The review\'s days run from the receipt of the application and its supporting documents, which may come after the application. Check the proof of service.',
      APPEAL_DAYS,
      MAIL_DAYS,
    ),
  );
  return lines.join('\n') + '\n';
}

/** One line for the Disputed Items view: `Decided in 33 days (deadline 30) · appeal by 01/13/2017 (estimate, by mail)`. */
export function decisionDatesLine(dates: DecisionDates, l10n: Translator = english): string {
  const parts: string[] = [];
  parts.push(
    dates.daysToDecision !== undefined
      ? l10n.t('Decided in {0} days (deadline {1})', dates.daysToDecision, dates.reviewDays)
      : l10n.t('Days to decision unknown (deadline {0})', dates.reviewDays),
  );
  if (dates.appealByMail) parts.push(l10n.t('appeal by {0} (estimate, by mail)', usDate(dates.appealByMail.date)));
  return parts.join(' · ');
}
