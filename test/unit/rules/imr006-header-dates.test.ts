import assert from 'node:assert/strict';
import { headerDates } from '../../../src/core';
import { applyFix, bend, check, MARKDOWN, PLAIN } from '../helpers/letters';

describe('IMR006 header-dates', () => {
  it('does not fire on valid dates in a possible order', () => {
    assert.deepEqual(check(headerDates, PLAIN).diagnostics, []);
    assert.deepEqual(check(headerDates, MARKDOWN).diagnostics, []);
  });

  it('fires on a date that is not a calendar date, on the value', () => {
    const text = bend(PLAIN, 'Date Assigned: 11/09/2016', 'Date Assigned: 02/30/2016');
    const [d] = check(headerDates, text).diagnostics;
    assert.equal(text.slice(d!.range.start, d!.range.end), '02/30/2016');
    assert.match(d!.message, /"Date Assigned: 02\/30\/2016" is not a valid date/);
    assert.deepEqual(d!.fixes, []);
  });

  it('rewrites an ISO date in the letters\' MM/DD/YYYY style', () => {
    const text = bend(PLAIN, 'Decision Date: 12/09/2016', 'Decision Date: 2016-12-09');
    const [d] = check(headerDates, text).diagnostics;
    assert.equal(d!.fixes[0]!.title, 'Write the date as 12/09/2016');
    const fixed = applyFix(text, d!.fixes[0]!);
    assert.equal(fixed, PLAIN);
    assert.deepEqual(check(headerDates, fixed).diagnostics, []);
  });

  it('fires on a decision before the assignment and before the injury', () => {
    const text = bend(PLAIN, 'Decision Date: 12/09/2016', 'Decision Date: 10/01/2016');
    const messages = check(headerDates, text).diagnostics.map((d) => d.message);
    assert.deepEqual(messages, [
      'Decision Date 10/01/2016 is before Date of Injury 10/13/2016.',
      'Decision Date 10/01/2016 is before Date Assigned 11/09/2016.',
    ]);
  });

  it('fires on a date label with no date', () => {
    const text = bend(PLAIN, 'UR Denial Date:  11/03/2016', 'UR Denial Date:');
    const [d] = check(headerDates, text).diagnostics;
    assert.equal(d!.message, '"UR Denial Date:" has no date.');
  });
});
