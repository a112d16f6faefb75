import assert from 'node:assert/strict';
import { checked } from './helpers/entities';
import { type DateEntity, findMarkers, type ValueEntity } from '../../src/core';

type Marker = DateEntity | ValueEntity;

/** The extractor's result, its invariants checked. */
function find(text: string, range?: { start: number; end: number }): Marker[] {
  return checked(text, findMarkers(text, range));
}

function texts(text: string, kind: Marker['kind'], range?: { start: number; end: number }): string[] {
  return find(text, range)
    .filter((e) => e.kind === kind)
    .map((e) => e.text);
}

function dates(text: string): [string, string | undefined][] {
  return find(text)
    .filter((e): e is DateEntity => e.kind === 'date')
    .map((e) => [e.text, e.iso]);
}

function values(text: string, kind: ValueEntity['kind']): (string | undefined)[] {
  return find(text)
    .filter((e): e is ValueEntity => e.kind === kind)
    .map((e) => e.value);
}

describe('findMarkers', () => {
  describe('date', () => {
    it('finds dates in the shapes the letters use, with their ISO dates', () => {
      const text = 'Injured on 03/24/2014, seen 1/2/16 and 10-13-16; born September 25, 1998; RFA April 2, 2015; since 5/2013.';
      assert.deepEqual(dates(text), [
        ['03/24/2014', '2014-03-24'],
        ['1/2/16', '2016-01-02'],
        ['10-13-16', '2016-10-13'],
        ['September 25, 1998', '1998-09-25'],
        ['April 2, 2015', '2015-04-02'],
        ['5/2013', undefined],
      ]);
    });

    it('still finds a date glued to the next word', () => {
      assert.deepEqual(dates('drug screen on 03/24/2014Urine drug screen'), [['03/24/2014', '2014-03-24']]);
    });

    it('finds a date broken across lines after a separator', () => {
      assert.deepEqual(dates('an occupational claim from 10/10/ \n2016. The mechanism'), [['10/10/ \n2016', '2016-10-10']]);
      assert.deepEqual(dates('injury on 10- \n \n17-2016. His diagnoses'), [['10- \n \n17-2016', '2016-10-17']]);
      assert.deepEqual(dates('seen on September \n25, 1998'), [['September \n25, 1998', '1998-09-25']]);
    });

    it('gives no ISO date for an impossible date', () => {
      assert.deepEqual(dates('dated 02/30/2016'), [['02/30/2016', undefined]]);
    });

    it('takes a month and a year, without an ISO date', () => {
      assert.deepEqual(dates('An MRI in December 2012 showed, and (since at least January of 2015)'), [
        ['December 2012', undefined],
        ['January of 2015', undefined],
      ]);
    });

    it('does not take strengths, ratios, scores or levels for dates', () => {
      assert.deepEqual(dates('Trezix 320.5-30-16mg, Norco 10/325mg, pain 6/10, motor 4+/5, at L4-5, rated 6-8 on a 10-point scale'), []);
    });
  });

  describe('redacted', () => {
    it('finds the redaction marker', () => {
      assert.deepEqual(texts('On 01/22/14, he saw [REDACTED] for his complaints.', 'redacted'), ['[REDACTED]']);
    });
  });

  describe('bodyPart', () => {
    it('finds sites with their side', () => {
      const text = 'MRI of the lumbar spine, cervical spine, right shoulder and left knee for low back and neck pain; wrist.';
      assert.deepEqual(texts(text, 'bodyPart'), ['lumbar spine', 'cervical spine', 'right shoulder', 'left knee', 'low back', 'neck', 'wrist']);
    });

    it('finds sites broken across lines', () => {
      assert.deepEqual(texts('MRI of the right \nshoulder without contrast', 'bodyPart'), ['right \nshoulder']);
      assert.deepEqual(texts('EMG of the bilateral lower \n \nextremities', 'bodyPart'), ['bilateral lower \n \nextremities']);
    });

    it('normalises the value', () => {
      assert.deepEqual(values('Lumbar Spine, RIGHT SHOULDER, lower back, both feet', 'bodyPart'), [
        'lumbar spine',
        'right shoulder',
        'low back',
        'both foot',
      ]);
    });

    it('takes a bare region only when it names the site', () => {
      assert.deepEqual(texts('Physical therapy two times a week for three weeks for lumbar: Upheld', 'bodyPart'), ['lumbar']);
      assert.deepEqual(texts('a lumbar epidural steroid injection for lumbar radiculopathy', 'bodyPart'), []);
    });

    it('takes back as a site, not as an adverb', () => {
      assert.deepEqual(texts('Chiro with modalities 2 times a week for 6 weeks for neck, back: Upheld', 'bodyPart'), ['neck', 'back']);
      assert.deepEqual(texts('He came back to the clinic and went back to work.', 'bodyPart'), []);
    });

    it('does not take the other hand or a heel-to-toe walk', () => {
      assert.deepEqual(texts('On the other hand, he could perform a heel to toe walk.', 'bodyPart'), []);
    });

    it('leaves out the body parts that name a guideline', () => {
      const text =
        'MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004, Section(s): Special Studies. ' +
        'Decision rationale: An MRI of the low back is not indicated.';
      const found = find(text).filter((e) => e.kind === 'bodyPart');
      assert.deepEqual(
        found.map((e) => [e.text, e.start]),
        [['low back', text.lastIndexOf('low back')]],
      );
    });
  });

  describe('spineLevel', () => {
    it('finds single levels and ranges', () => {
      const text = 'Facet joint injections L4-5, L4-L5, L5-S1 and C5-6; decreased C5 sensation; fracture of T12; C3-T1 dermatomes.';
      assert.deepEqual(texts(text, 'spineLevel'), ['L4-5', 'L4-L5', 'L5-S1', 'C5-6', 'C5', 'T12', 'C3-T1']);
      assert.deepEqual(values('L4-5, L5/S1, T12', 'spineLevel'), ['L4-L5', 'L5-S1', 'T12']);
    });

    it('does not take MRI sequences, case numbers or words for levels', () => {
      assert.deepEqual(texts('T2-weighted images and T1 signal; Case Number: CM16-0213037; L15 form; TL5', 'spineLevel'), []);
    });
  });

  it('finds nothing in plain prose', () => {
    const text =
      'MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no affiliation ' +
      'with the employer, employee, providers or the claims administrator.';
    assert.deepEqual(find(text), []);
  });

  it('looks only inside the range, with offsets into the whole text', () => {
    const text = 'Seen 03/24/2014 for the right knee. Seen 04/01/2014 for the left hip at L4-5.';
    const start = text.indexOf('Seen 04');
    const found = find(text, { start, end: text.length });
    assert.deepEqual(
      found.map((e) => [e.kind, e.text, e.start]),
      [
        ['date', '04/01/2014', text.indexOf('04/01/2014')],
        ['bodyPart', 'left hip', text.indexOf('left hip')],
        ['spineLevel', 'L4-5', text.indexOf('L4-5')],
      ],
    );
    // A range that cuts a date does not yield a piece of it.
    assert.deepEqual(texts(text, 'date', { start: 0, end: text.indexOf('2014') + 2 }), []);
  });

  it('runs in time linear in the text, on adversarial input', function () {
    this.timeout(10_000);
    const inputs = [
      '10/10/'.repeat(100_000),
      '1-'.repeat(200_000),
      'September '.repeat(80_000),
      'left '.repeat(150_000),
      'lumbar, '.repeat(100_000),
      'back '.repeat(150_000),
      'L4-'.repeat(200_000),
      'Decision based on MTUS Low Back Complaints 2004, '.repeat(10_000),
      ' '.repeat(1_000_000),
    ];
    for (const input of inputs) {
      const t0 = performance.now();
      findMarkers(input);
      const ms = performance.now() - t0;
      assert.ok(ms < 2000, `${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 20))}…`);
    }
  });
});
