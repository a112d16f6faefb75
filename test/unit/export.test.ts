import assert from 'node:assert/strict';
import { ITEM_COLUMNS, itemRows, parse, toCsv, toJson } from '../../src/core';
import { PLAIN } from './helpers/letters';

describe('export', () => {
  const rows = itemRows('letters/a.txt', parse(PLAIN));

  it('makes one row per item with the header fields as ISO dates', () => {
    assert.equal(rows.length, 2);
    assert.deepEqual(
      [rows[0]!.file, rows[0]!.caseNumber, rows[0]!.decisionDate, rows[0]!.item, rows[0]!.outcome, rows[1]!.outcome],
      ['letters/a.txt', 'CM16-0213037', '2016-12-09', 'Valium 5 mg #24', 'upheld', 'overturned'],
    );
    assert.equal(rows[0]!.rationaleLength, 'Benzodiazepines are not recommended for long-term use. The request is not medically necessary.'.length);
  });

  it('writes CSV with a header row, quoting fields with commas or quotes', () => {
    const csv = toCsv(rows);
    const lines = csv.split('\r\n');
    assert.equal(lines[0], ITEM_COLUMNS.join(','));
    assert.ok(lines[2]!.includes('"Decision based on MTUS Shoulder Complaints 2004, Section(s): Special Studies."'));
    assert.equal(toCsv([{ ...rows[0]!, item: 'He said "no"' }]).split('\r\n')[1]!.split(',')[7], '"He said ""no"""');
  });

  it('writes JSON with the same rows', () => {
    assert.deepEqual(JSON.parse(toJson(rows)), { items: rows });
  });
});
