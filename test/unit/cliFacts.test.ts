// The facts of a letter in the CLI's JSON and in the extension's export: added fields, the existing
// ones as they were.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeText, ITEM_COLUMNS, itemRows, toCsv } from '../../src/core';
import { cli } from './helpers/cli';
import { PLAIN } from './helpers/letters';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'corpus');

interface FactsOutput {
  files: Array<{
    header: Record<string, { value: string; iso?: string; states?: string[]; specialties?: string[]; years?: number; sex?: string }>;
    items: Array<{ name: string; rationaleLength: number; category: string; drugClass?: string; guidelines: Array<Record<string, unknown>> }>;
  }>;
}

describe('CLI and export: the facts of a letter', () => {
  it('JSON: the header gains the reviewer and the claimant, each item its category and guidelines', async () => {
    const { status, stdout } = await cli('check', '--format', 'json', path.join(CORPUS, 'CM16-0213037.txt'), path.join(CORPUS, 'CM17-0015333.txt'));
    assert.equal(status, 0);
    const [first, second] = (JSON.parse(stdout) as FactsOutput).files;
    // The header fields as before, then the facts.
    assert.deepEqual(Object.keys(first!.header), [
      'caseNumber', 'dateAssigned', 'dateOfInjury', 'decisionDate', 'urDenialDate', 'priority', 'applicationReceived',
      'reviewerLicensure', 'reviewerSpecialty', 'claimantAge', 'claimantSex',
    ]);
    assert.deepEqual(first!.header.decisionDate, { value: '12/09/2016', iso: '2016-12-09' });
    assert.deepEqual(first!.header.reviewerLicensure, { value: 'California,North Carolina', states: ['California', 'North Carolina'] });
    assert.deepEqual(first!.header.reviewerSpecialty, { value: 'Family Practice', specialties: ['Family Practice'] });
    assert.deepEqual(first!.header.claimantAge, { value: '48 year old', years: 48 });
    assert.deepEqual(first!.header.claimantSex, { value: 'male', sex: 'male' });
    const mri = first!.items[0]!;
    assert.equal(mri.category, 'imaging');
    assert.equal(mri.drugClass, undefined);
    assert.deepEqual(mri.guidelines, [
      {
        source: 'MTUS',
        chapter: 'Shoulder Complaints',
        year: 2004,
        topic: 'Special Studies',
        sections: ['Special Studies'],
        text: 'MTUS Shoulder Complaints 2004, Section(s): Special Studies',
        block: 'maximusGuideline',
      },
    ]);
    // The added fields come after the ones the contract had.
    assert.deepEqual(Object.keys(mri).slice(-4), ['maximusGuideline', 'rationaleLength', 'category', 'guidelines']);
    const drug = second!.items.find((item) => item.category === 'drug');
    assert.deepEqual([drug?.name, drug?.drugClass], ['Prevacid 15mg #30', 'PPI/GI']);
  });

  it('JSON: a letter that states none of the facts has no such header entries', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-facts-'));
    const file = path.join(dir, 'bare.txt');
    writeFileSync(file, PLAIN.replace('State(s) of Licensure: California\n', '').replace('a 48 year old male', 'a claimant'));
    const { stdout } = await cli('check', '--format', 'json', file);
    const header = (JSON.parse(stdout) as FactsOutput).files[0]!.header;
    assert.deepEqual(Object.keys(header).filter((key) => /^(?:reviewer|claimant)/.test(key)), []);
  });

  it('export: the new columns after the old ones, with the facts of each item and its letter', () => {
    assert.deepEqual(ITEM_COLUMNS.slice(ITEM_COLUMNS.indexOf('rationaleLength')), [
      'rationaleLength', 'category', 'drugClass', 'guidelineSources', 'guidelineChapters', 'guidelineTopics',
      'reviewerStates', 'reviewerSpecialties', 'claimantAge', 'claimantSex',
    ]);
    const rows = itemRows('a.txt', analyzeText(PLAIN).letter);
    assert.deepEqual(
      rows.map((r) => [r.category, r.drugClass, r.guidelineSources, r.guidelineChapters, r.guidelineTopics, r.reviewerStates, r.reviewerSpecialties, r.claimantAge, r.claimantSex]),
      [
        ['drug', 'benzodiazepine', 'MTUS', 'Chronic Pain Medical Treatment Guidelines', 'Benzodiazepines', 'California', '', '48', 'male'],
        ['imaging', '', 'MTUS', 'Shoulder Complaints', 'Special Studies', 'California', '', '48', 'male'],
      ],
    );
    assert.ok(toCsv(rows).split('\r\n')[1]!.endsWith(',drug,benzodiazepine,MTUS,Chronic Pain Medical Treatment Guidelines,Benzodiazepines,California,,48,male'));
  });
});
