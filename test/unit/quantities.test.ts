import assert from 'node:assert/strict';
import { checked } from './helpers/entities';
import { findQuantities, type ValueEntity } from '../../src/core';

type Kind = ValueEntity['kind'];

/** The extractor's result, its invariants checked. */
function find(text: string, range?: { start: number; end: number }): ValueEntity[] {
  return checked(text, findQuantities(text, range), /[^.]\.$/);
}

function texts(text: string, kind: Kind, range?: { start: number; end: number }): string[] {
  return find(text, range)
    .filter((e) => e.kind === kind)
    .map((e) => e.text);
}

function values(text: string, kind: Kind): (string | undefined)[] {
  return find(text)
    .filter((e) => e.kind === kind)
    .map((e) => e.value);
}

describe('findQuantities', () => {
  describe('strength', () => {
    it('finds amounts per unit with or without a space', () => {
      assert.deepEqual(texts('Valium 5 mg #24', 'strength'), ['5 mg']);
      assert.deepEqual(texts('Flexeril 10mg #60', 'strength'), ['10mg']);
      assert.deepEqual(texts('Valium 5gm #90', 'strength'), ['5gm']);
    });

    it('keeps slash and dash combinations as one span', () => {
      assert.deepEqual(texts('Norco 10/325mg #35 is: Upheld', 'strength'), ['10/325mg']);
      assert.deepEqual(texts('Norco 10.325mg #90', 'strength'), ['10.325mg']);
      assert.deepEqual(texts('Percocet 7.5-325mg', 'strength'), ['7.5-325mg']);
      assert.deepEqual(texts('Trezix capsule 320.5/30/16mg #5', 'strength'), ['320.5/30/16mg']);
      assert.deepEqual(texts('Synapryn (10mg/1ml oral suspension) 500ml', 'strength'), ['10mg/1ml', '500ml']);
      assert.deepEqual(texts('a solution of 1mg/ml', 'strength'), ['1mg/ml']);
      assert.deepEqual(texts('Diclofenac sodium 3% 300mg/g #1', 'strength'), ['3%', '300mg/g']);
    });

    it('reads a bare combination after a combination drug', () => {
      assert.deepEqual(texts('Norco 10/325 #90', 'strength'), ['10/325']);
    });

    it('finds percentages of topical products, chains included', () => {
      assert.deepEqual(texts('Retrospective Lidopro 4%-27.5%-0.0325% 121gm #1', 'strength'), ['4%-27.5%-0.0325%', '121gm']);
      assert.deepEqual(texts('Anecream cream 4% #30', 'strength'), ['4%']);
      assert.deepEqual(texts('Clobetasol 0.05% ointment', 'strength'), ['0.05%']);
      assert.deepEqual(texts('Gabapentin 10%, Cyclobenzaprine 6%, Bupivacaine 5% in cream base', 'strength'), ['10%', '6%', '5%']);
      assert.deepEqual(texts('Flurbiprofen 10%- Cyclobenzaprine 3%-Gabapentin 6%', 'strength'), ['10%', '3%', '6%']);
    });

    it('leaves statistics in prose alone', () => {
      assert.deepEqual(texts('there is no evidence of at least 30% pain relief', 'strength'), []);
      assert.deepEqual(texts('overall success rates were 64.7% among those adherent', 'strength'), []);
      assert.deepEqual(texts('range of motion is decreased by 25%. The exam', 'strength'), []);
      assert.deepEqual(texts('moderate and frequent (50-74% of the time)', 'strength'), []);
      assert.deepEqual(texts('The pain was rated 6-8 on a 10-point scale.', 'strength'), []);
    });

    it('does not count the unit of a quantity as a strength', () => {
      assert.deepEqual(texts('Voltaren gel, #60 grams with 1 refill', 'strength'), []);
    });

    it('finds a strength broken across lines', () => {
      const text = 'Trezix 320.5-30- \n16mg (1 tablet twice a day)';
      assert.deepEqual(texts(text, 'strength'), ['320.5-30- \n16mg']);
      assert.deepEqual(texts('Lidocaine \n5%/Dextromethorphan', 'strength'), ['5%']);
    });

    it('normalises the value', () => {
      assert.deepEqual(values('Flexeril 10mg and Norco 10/325mg and Lidopro 121gm and lidocaine 1percent', 'strength'), [
        '10 mg',
        '10/325 mg',
        '121 g',
        '1%',
      ]);
    });
  });

  describe('quantity', () => {
    it('finds # counts with a unit word when one follows', () => {
      assert.deepEqual(texts('Valium 5 mg #24: Upheld', 'quantity'), ['#24']);
      assert.deepEqual(texts('Ultram 50mg # 90 and more', 'quantity'), ['# 90']);
      assert.deepEqual(texts('Voltaren gel 4 times a day, #60 grams with 1 refill', 'quantity'), ['#60 grams']);
      assert.deepEqual(texts('Lidoderm patch, #1 box with 1 refill', 'quantity'), ['#1 box']);
    });

    it('finds Qty and quantity counts', () => {
      assert.deepEqual(texts('NCV bilateral lower extremities QTY: 2: Upheld', 'quantity'), ['QTY: 2']);
      assert.deepEqual(texts('The request for quantity 120 exceeds', 'quantity'), ['quantity 120']);
      assert.deepEqual(texts('Norco Qty: 60', 'quantity'), ['Qty: 60']);
    });

    it('gives the count as value and keeps a sentence-final count', () => {
      assert.deepEqual(values('Ultram 50mg #60. Qty: 30', 'quantity'), ['60', '30']);
    });

    it('ignores a quantity with no number', () => {
      assert.deepEqual(texts('Deprizine (unknown quantity): Upheld', 'quantity'), []);
    });
  });

  describe('form', () => {
    it('finds dosage form words', () => {
      const text =
        'tablet, tablets, tab, capsule, caps, patch, patches, cream, gel, ointment, lotion, solution, spray, ' +
        'injection, powder, suppository, liquid, syrup, film, lozenge';
      assert.deepEqual(texts(text, 'form'), text.split(', '));
    });

    it('normalises to the singular', () => {
      assert.deepEqual(values('Orphenadrine ER 100mg tabs #30, Lidoderm patches', 'form'), ['tablet', 'patch']);
    });

    it('does not read plain films or heat pads as a dosage form', () => {
      assert.deepEqual(texts('plain-film radiographs and plain films of the hand', 'form'), []);
      assert.deepEqual(texts('Ice/Heat pads therapy times 6, Salonpas pad #60', 'form'), ['pad']);
    });
  });

  describe('route', () => {
    it('finds routes written out and abbreviated', () => {
      const text =
        'by mouth, orally, PO, topical, topically, transdermal, sublingual, intramuscular, IM, IV, subcutaneous, intra-articular';
      assert.deepEqual(texts(text, 'route'), text.split(', '));
    });

    it('joins a route broken across lines', () => {
      assert.deepEqual(texts('Diazepam 5 mg 1 tablet by \nmouth', 'route'), ['by \nmouth']);
    });

    it('normalises the value', () => {
      assert.deepEqual(values('take 1 tab orally, 1 tab PO, 1 tab by mouth', 'route'), ['oral', 'oral', 'oral']);
    });

    it('leaves roman numerals and other capitals alone', () => {
      assert.deepEqual(texts('for type II or type IV SLAP lesions, a schedule IV drug, the IMR', 'route'), []);
    });
  });

  describe('frequency', () => {
    it('includes an adjacent as needed', () => {
      assert.deepEqual(texts('Diazepam 5 mg 1 tablet by mouth 3 times a day as needed #60', 'frequency'), ['3 times a day as needed']);
      assert.deepEqual(texts('take 1 tab orally every 4-6 hours as needed for pain', 'frequency'), ['every 4-6 hours as needed']);
    });

    it('finds the usual shapes', () => {
      const text = 'PRN, as needed, BID, TID, QID, q8h, once daily, twice a day, daily, at bedtime, nightly';
      assert.deepEqual(texts(text, 'frequency'), text.split(', '));
      assert.deepEqual(texts('1 tab at bedtime, PRN', 'frequency'), ['at bedtime, PRN']);
    });

    it('finds frequencies broken across lines', () => {
      assert.deepEqual(texts('one tablet three times a \nday #45', 'frequency'), ['three times a \nday']);
      assert.deepEqual(texts('one tablet three times a \n \nday #45', 'frequency'), ['three times a \n \nday']);
    });

    it('normalises the value', () => {
      assert.deepEqual(values('twice daily; 3 times a day as needed; every 4-6 hours; q8h; at bedtime; once a day', 'frequency'), [
        'BID',
        'TID PRN',
        'q4-6h',
        'q8h',
        'QHS',
        'QD',
      ]);
    });

    it('is not the daily of activities of daily living', () => {
      assert.deepEqual(texts('difficulty with activities of daily living', 'frequency'), []);
    });

    it('leaves a frequency inside a session count to the session count', () => {
      assert.deepEqual(texts('Physical therapy 2 times a week for 6 weeks', 'frequency'), []);
      assert.deepEqual(texts('physical therapy sessions, three times weekly, for the right elbow', 'frequency'), ['three times weekly']);
    });
  });

  describe('duration', () => {
    it('finds lengths and supplies', () => {
      assert.deepEqual(texts('Norco 5/325mg oral tablet, one tablet twice daily 14 days #40', 'duration'), ['14 days']);
      assert.deepEqual(texts('Norco day supply: 30', 'duration'), ['day supply: 30']);
      assert.deepEqual(texts('Norco 10/325mg, 30 day supply', 'duration'), ['30 day supply']);
      assert.deepEqual(texts('The original request, one month supply of Trezix capsule', 'duration'), ['one month supply of']);
      assert.deepEqual(texts('Twelve elect acupuncture visits (15 mins), 2 times weekly for 6 weeks', 'duration'), ['15 mins']);
      assert.deepEqual(texts('Three months coverage of Lidoderm', 'duration'), ['Three months coverage of']);
      assert.deepEqual(texts('Cold compression therapy 30 day rental: Upheld', 'duration'), ['30 day rental']);
      assert.deepEqual(texts('Daily RN for 4 weeks for wound care', 'duration'), ['for 4 weeks']);
      assert.deepEqual(texts('Cold therapy for one week', 'duration'), ['for one week']);
      assert.deepEqual(texts('Cryotherapy unit, seven day use', 'duration'), ['seven day use']);
    });

    it('does not take a point in time or a session count', () => {
      assert.deepEqual(texts('He was seen 3 weeks ago and 2 days later.', 'duration'), []);
      assert.deepEqual(texts('Chiropractic care two times a week for four weeks', 'duration'), []);
      assert.deepEqual(texts('He has been in active clinical practice for more than five years', 'duration'), []);
    });

    it('finds a duration broken across lines and normalises it', () => {
      assert.deepEqual(texts('acupuncture for 2 \nweeks', 'duration'), ['for 2 \nweeks']);
      assert.deepEqual(values('for 2 weeks; day supply: 30; one month supply', 'duration'), ['2 weeks', '30 days', '1 month']);
    });
  });

  describe('refills', () => {
    it('finds the refill phrases', () => {
      assert.deepEqual(texts('#60 with 2 refills', 'refills'), ['with 2 refills']);
      assert.deepEqual(texts('#60, 2 refills', 'refills'), ['2 refills']);
      assert.deepEqual(texts('#60 x 3 refills', 'refills'), ['x 3 refills']);
      assert.deepEqual(texts('#60, no refills', 'refills'), ['no refills']);
      assert.deepEqual(texts('#1 box with one refill', 'refills'), ['with one refill']);
    });

    it('gives the number of refills as value', () => {
      assert.deepEqual(values('with 2 refills; no refills; with one refill; Refills: 3', 'refills'), ['2', '0', '1', '3']);
    });
  });

  describe('sessions', () => {
    it('finds the session shapes as whole phrases', () => {
      assert.deepEqual(texts('Acupuncture trial 2 x 4: Upheld', 'sessions'), ['2 x 4']);
      assert.deepEqual(texts('Physical therapy 2x6', 'sessions'), ['2x6']);
      assert.deepEqual(texts('Physical therapy 2 times a week for 6 weeks low back', 'sessions'), ['2 times a week for 6 weeks']);
      assert.deepEqual(texts('Chirophysio therapy two times a week for four weeks for the right elbow', 'sessions'), [
        'two times a week for four weeks',
      ]);
      assert.deepEqual(texts('Electrical stimulation 1 times 8', 'sessions'), ['1 times 8']);
      assert.deepEqual(texts('Electrical stimulation times 6 is: Upheld', 'sessions'), ['times 6']);
      assert.deepEqual(texts('Physical therapy, 8 sessions', 'sessions'), ['8 sessions']);
      assert.deepEqual(texts('Chiropractic for the left hip and left knee, 12 visits', 'sessions'), ['12 visits']);
    });

    it('takes a number word only next to the visits', () => {
      assert.deepEqual(texts('Twelve visits of acupuncture', 'sessions'), ['Twelve visits']);
      assert.deepEqual(texts('Twelve acupuncture visits with Capsaicin patch', 'sessions'), []);
    });

    it('leaves parentheses out', () => {
      assert.deepEqual(texts('two times a week for four weeks (8 sessions)', 'sessions'), ['two times a week for four weeks', '8 sessions']);
    });

    it('reads the guideline shapes', () => {
      assert.deepEqual(texts('physical therapy is indicated for up to 8-10 sessions over 4-8 weeks.', 'sessions'), [
        '8-10 sessions over 4-8 weeks',
      ]);
      assert.deepEqual(texts('Acupuncture for the spine two times a week times three weeks', 'sessions'), [
        'two times a week times three weeks',
      ]);
    });

    it('finds a session count broken across lines', () => {
      assert.deepEqual(texts('Physical therapy 2 times a \nweek for 6 \n \nweeks', 'sessions'), ['2 times a \nweek for 6 \n \nweeks']);
    });

    it('gives the number of sessions as value', () => {
      assert.deepEqual(values('2 times a week for 6 weeks; 2 x 4; times 6; 8 sessions; 1 to 2 times per week for 3 weeks', 'sessions'), [
        '12',
        '8',
        '6',
        '8',
        '3-6',
      ]);
    });

    it('does not read sizes or refills as sessions', () => {
      assert.deepEqual(texts('a 2 x 3 cm mass, #60 x 3 refills', 'sessions'), []);
    });
  });

  describe('timeQualifier', () => {
    it('finds the qualifiers with their dates', () => {
      assert.deepEqual(texts('Soma 350mg (Retro Dispensed 08/07/14): Upheld', 'timeQualifier'), ['Retro Dispensed 08/07/14']);
      assert.deepEqual(texts('Cyclobenzaprine 5mg tab #30 DOS: 11/14/16', 'timeQualifier'), ['DOS: 11/14/16']);
      assert.deepEqual(texts('Retrospective E-stim (DOS 11/14/16)', 'timeQualifier'), ['Retrospective', 'DOS 11/14/16']);
      assert.deepEqual(texts('Famotidine 20mg #60, per 12/07/2016 order', 'timeQualifier'), ['per 12/07/2016 order']);
    });

    it('finds the qualifier words', () => {
      const text = 'Retrospective, Retro, Post-op, Post operative, Postoperative, Pre-op';
      assert.deepEqual(texts(text, 'timeQualifier'), text.split(', '));
    });

    it('joins a date of service broken across lines', () => {
      const text = '#1 box with 1 refill, DOS: \n11/11/2016 is not';
      assert.deepEqual(texts(text, 'timeQualifier'), ['DOS: \n11/11/2016']);
      assert.deepEqual(values(text, 'timeQualifier'), ['date of service 2016-11-11']);
    });

    it('is not a retrospective study', () => {
      assert.deepEqual(texts('a retrospective study of 200 patients', 'timeQualifier'), []);
    });
  });

  describe('a whole item line', () => {
    it('finds every part with exact offsets', () => {
      const text = 'Diazepam 5 mg 1 tablet by mouth 3 times a day as needed #60 with 2 refills: Upheld';
      assert.deepEqual(
        find(text).map((e) => [e.kind, e.text]),
        [
          ['strength', '5 mg'],
          ['form', 'tablet'],
          ['route', 'by mouth'],
          ['frequency', '3 times a day as needed'],
          ['quantity', '#60'],
          ['refills', 'with 2 refills'],
        ],
      );
    });

    it('finds nothing in plain prose', () => {
      const text =
        'MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no affiliation ' +
        'with the employer, employee, providers or the claims administrator. The expert reviewer was selected ' +
        'based on his/her clinical experience, education, background, and expertise.';
      assert.deepEqual(find(text), []);
    });

    it('looks only inside the range, with offsets into the whole text', () => {
      const text = 'Valium 5 mg #24: Upheld. Norco 10/325mg #90 with 1 refill: Upheld';
      const start = text.indexOf('Norco');
      const found = find(text, { start, end: text.length });
      assert.deepEqual(
        found.map((e) => e.text),
        ['10/325mg', '#90', 'with 1 refill'],
      );
      assert.equal(found[0]!.start, text.indexOf('10/325mg'));
      assert.deepEqual(find(text, { start: 0, end: text.indexOf('#24') + 2 }).map((e) => e.text), ['5 mg']);
    });
  });

  it('runs in time linear in the text, on adversarial input', function () {
    this.timeout(10_000);
    const inputs = [
      '0.0 to 0.0 '.repeat(50_000),
      'SIX\u2013\t'.repeat(100_000),
      '\t/0'.repeat(150_000),
      '1'.repeat(500_000),
      `5${' '.repeat(500_000)}mg`,
      '1 x '.repeat(100_000),
      '2 times a week for '.repeat(30_000),
      '1%-'.repeat(150_000),
      '10/'.repeat(150_000),
      'DOS '.repeat(100_000),
      'a'.repeat(1_000_000),
      '\n \n'.repeat(250_000),
    ];
    for (const input of inputs) {
      const t0 = performance.now();
      findQuantities(input);
      const ms = performance.now() - t0;
      assert.ok(ms < 2000, `${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 20))}…`);
    }
  });
});
