// The dates that matter (src/core/views/deadlines.ts): calendar arithmetic at month, year and leap-year
// edges, a weekend moving a last day, missing and impossible dates, and the words of the hover.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addDays,
  analyzeText,
  daysBetween,
  decisionDates,
  decisionDatesHover,
  decisionDatesLine,
  hoverAt,
  nextWeekday,
  parse,
  weekdayOf,
} from '../../../src/core';
import { bend, PLAIN } from '../helpers/letters';

/** PLAIN with its Application Received and Decision Date replaced. */
function letterWith(received: string, decided: string, priority = 'Standard'): string {
  return bend(bend(bend(PLAIN, 'Received:\n11/03/2016', `Received:\n${received}`), 'Decision Date: 12/09/2016', `Decision Date: ${decided}`), 'Priority:  Standard', `Priority:  ${priority}`);
}

describe('views/deadlines', () => {
  describe('calendar arithmetic', () => {
    it('adds days across months, years and leap days', () => {
      assert.equal(addDays('2016-02-28', 1), '2016-02-29');
      assert.equal(addDays('2015-02-28', 1), '2015-03-01');
      assert.equal(addDays('2000-02-28', 1), '2000-02-29'); // divisible by 400: a leap year
      assert.equal(addDays('1900-02-28', 1), '1900-03-01'); // divisible by 100 only: not one
      assert.equal(addDays('2016-12-31', 1), '2017-01-01');
      assert.equal(addDays('2016-01-31', 30), '2016-03-01');
      assert.equal(addDays('2017-01-31', 30), '2017-03-02');
      assert.equal(addDays('2016-12-09', 35), '2017-01-13');
      assert.equal(addDays('2017-03-01', -1), '2017-02-28');
      assert.equal(addDays('1969-12-31', 1), '1970-01-01');
    });

    it('counts calendar days between two dates', () => {
      assert.equal(daysBetween('2016-02-01', '2016-03-01'), 29);
      assert.equal(daysBetween('2017-02-01', '2017-03-01'), 28);
      assert.equal(daysBetween('2016-11-03', '2016-12-09'), 36);
      assert.equal(daysBetween('2016-12-15', '2017-01-14'), 30);
      assert.equal(daysBetween('2016-12-09', '2016-11-03'), -36);
      assert.equal(daysBetween('2016-12-09', '2016-12-09'), 0);
    });

    it('gives nothing for a date that is not a real calendar date', () => {
      for (const bad of ['2016-02-30', '2015-02-29', '1900-02-29', '2016-13-01', '2016-00-10', '2016-04-31', '12/09/2016', '', 'soon']) {
        assert.equal(addDays(bad, 1), undefined, bad);
        assert.equal(daysBetween(bad, '2016-12-09'), undefined, bad);
        assert.equal(weekdayOf(bad), undefined, bad);
        assert.equal(nextWeekday(bad), undefined, bad);
      }
    });

    it('knows the day of the week, and moves a Saturday or a Sunday to the Monday', () => {
      assert.equal(weekdayOf('1970-01-01'), 4);
      assert.equal(weekdayOf('1969-12-31'), 3);
      assert.equal(weekdayOf('2000-02-29'), 2);
      assert.equal(weekdayOf('2016-12-09'), 5);
      assert.equal(nextWeekday('2017-01-07'), '2017-01-09'); // Saturday
      assert.equal(nextWeekday('2017-01-08'), '2017-01-09'); // Sunday
      assert.equal(nextWeekday('2017-01-13'), '2017-01-13'); // Friday stays
      assert.equal(nextWeekday('2016-12-31'), '2017-01-02'); // a Saturday at the year's end
    });

    it('agrees with Date.UTC on any date and offset', () => {
      fc.assert(
        fc.property(fc.integer({ min: daysSinceEpoch(1600, 1, 1), max: daysSinceEpoch(2400, 12, 31) }), fc.integer({ min: -2000, max: 2000 }), (day, offset) => {
          const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
          const expected = new Date((day + offset) * 86_400_000).toISOString().slice(0, 10);
          assert.equal(addDays(iso, offset), expected);
          assert.equal(daysBetween(iso, expected), offset);
          assert.equal(weekdayOf(iso), new Date(day * 86_400_000).getUTCDay());
        }),
      );
    });
  });

  describe("a letter's dates", () => {
    it('the review against its 30 days, and the last day to appeal by mail and otherwise', () => {
      const dates = decisionDates(parse(PLAIN));
      assert.deepEqual(
        { ...dates, decisionDateRange: undefined },
        {
          applicationReceived: '2016-11-03',
          decisionDate: '2016-12-09',
          decisionDateRange: undefined,
          priority: 'standard',
          priorityStated: true,
          reviewDays: 30,
          reviewDue: '2016-12-03',
          daysToDecision: 36,
          // 35 days after Friday 12/09/2016 is Friday 01/13/2017; 30 days is Sunday 01/08/2017, moved to the Monday.
          appealByMail: { date: '2017-01-13', days: 35 },
          appealOtherwise: { date: '2017-01-09', days: 30, movedFrom: '2017-01-08' },
          problems: [],
        },
      );
      assert.equal(PLAIN.slice(dates.decisionDateRange!.start, dates.decisionDateRange!.end), '12/09/2016');
    });

    it('an expedited review has 3 days; a letter without a priority is taken as standard and says so', () => {
      const expedited = decisionDates(parse(letterWith('12/01/2016', '12/05/2016', 'Expedited')));
      assert.deepEqual([expedited.priority, expedited.reviewDays, expedited.daysToDecision, expedited.reviewDue], ['expedited', 3, 4, '2016-12-04']);
      const unstated = decisionDates(parse(bend(PLAIN, 'Priority:  Standard', 'Priority:')));
      assert.deepEqual([unstated.priority, unstated.priorityStated, unstated.reviewDays], ['standard', false, 30]);
      assert.match(decisionDatesHover(unstated), /the letter states no priority: standard assumed/);
    });

    it('counts across a leap day and moves a last day off a weekend', () => {
      // Decided Saturday 01/30/2016: 30 days later is Monday 02/29/2016; 35 is Saturday 03/05/2016, moved to Monday 03/07.
      const dates = decisionDates(parse(letterWith('01/02/2016', '01/30/2016')));
      assert.equal(dates.daysToDecision, 28);
      assert.deepEqual(dates.appealOtherwise, { date: '2016-02-29', days: 30 });
      assert.deepEqual(dates.appealByMail, { date: '2016-03-07', days: 35, movedFrom: '2016-03-05' });
      // Across a year's end: decided 12/15/2016, by mail 01/19/2017 (a Thursday).
      assert.deepEqual(decisionDates(parse(letterWith('11/20/2016', '12/15/2016'))).appealByMail, { date: '2017-01-19', days: 35 });
    });

    it('missing, impossible or out-of-order dates: what can be given is, and each problem is named', () => {
      const missing = decisionDates(parse(bend(PLAIN, 'Received:\n11/03/2016', 'Received:\n')));
      assert.deepEqual(missing.problems, [{ field: 'applicationReceived', problem: 'missing' }]);
      assert.equal(missing.daysToDecision, undefined);
      assert.equal(missing.appealByMail?.date, '2017-01-13');
      assert.match(decisionDatesHover(missing), /The letter gives no Application Received\./);
      assert.equal(decisionDatesLine(missing), 'Days to decision unknown (deadline 30) · appeal by 01/13/2017 (estimate, by mail)');

      const impossible = decisionDates(parse(letterWith('11/03/2016', '02/30/2017')));
      assert.deepEqual(impossible.problems, [{ field: 'decisionDate', problem: 'invalid', written: '02/30/2017' }]);
      assert.deepEqual([impossible.daysToDecision, impossible.appealByMail, impossible.decisionDateRange], [undefined, undefined, undefined]);
      assert.match(decisionDatesHover(impossible), /Decision Date "02\/30\/2017" is not a real calendar date\./);
      assert.match(decisionDatesHover(impossible), /Last day to appeal \(estimate\):\*\* unknown without a valid Decision Date/);

      const reversed = decisionDates(parse(letterWith('12/20/2016', '12/09/2016')));
      assert.deepEqual(reversed.problems, [{ field: 'decisionDate', problem: 'beforeApplication' }]);
      assert.equal(reversed.daysToDecision, undefined);

      assert.deepEqual(decisionDates(parse('not a letter')).problems, [
        { field: 'applicationReceived', problem: 'missing' },
        { field: 'decisionDate', problem: 'missing' },
      ]);
    });

    it('the hover on the Decision Date: days to decision, deadline, last day to appeal, and the basis', () => {
      const { letter } = analyzeText(PLAIN);
      const view = hoverAt(letter, PLAIN.indexOf('12/09/2016') + 3);
      assert.ok(view);
      assert.equal(PLAIN.slice(view.range.start, view.range.end), 'Decision Date: 12/09/2016');
      assert.equal(
        view.contents[0],
        "**Review and appeal dates** — an estimate from the letter's dates, not legal advice\n\n" +
          '- **Days to decision:** 36 (11/03/2016 application received → 12/09/2016 decision), 6 more than the 30-day deadline\n' +
          '- **Deadline:** 30 days for a standard review (Labor Code §4610.6(d)): 12/03/2016\n' +
          '- **Last day to appeal (estimate):** 01/13/2017 (Friday) if served by mail\n' +
          '- **If served otherwise:** 01/09/2017 (Monday); day 30 is a Sunday\n\n' +
          'Basis: an appeal is filed within 30 days of the service of the determination, 5 more when it is served by mail (Labor Code §4610.6(h); ' +
          'Code of Civil Procedure §1013(a)). Service is assumed on the Decision Date; calendar days are counted, the day of service not included; ' +
          'a last day on a Saturday or Sunday moves to the next Monday; holidays are not taken into account. The review\'s days run from the receipt ' +
          'of the application and its supporting documents, which may come after the application. Check the proof of service.\n',
      );
      // The same on its label and on the Application Received; nothing of it on another header date.
      assert.equal(hoverAt(letter, PLAIN.indexOf('Decision Date:'))?.contents[0], view.contents[0]);
      assert.equal(hoverAt(letter, PLAIN.indexOf('Received:\n11/03/2016') + 'Received:\n'.length)?.contents[0], view.contents[0]);
      assert.equal(hoverAt(letter, PLAIN.indexOf('11/09/2016')), undefined);
      assert.equal(decisionDatesLine(decisionDates(letter)), 'Decided in 36 days (deadline 30) · appeal by 01/13/2017 (estimate, by mail)');
    });

    it('within the deadline says so', () => {
      assert.match(decisionDatesHover(decisionDates(parse(letterWith('11/20/2016', '12/09/2016')))), /19 \(11\/20\/2016 application received → 12\/09\/2016 decision\), within the 30-day deadline/);
    });
  });
});

function daysSinceEpoch(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}
