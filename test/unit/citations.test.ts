import assert from 'node:assert/strict';
import { checked } from './helpers/entities';
import { findCitations, type GuidelineEntity, type LiteratureEntity } from '../../src/core';

type Citation = GuidelineEntity | LiteratureEntity;

/** The extractor's result, its invariants checked. */
function find(text: string, range?: { start: number; end: number }): Citation[] {
  return checked(text, findCitations(text, range));
}

function guidelines(text: string, range?: { start: number; end: number }): GuidelineEntity[] {
  return find(text, range).filter((e): e is GuidelineEntity => e.kind === 'guideline');
}

function literature(text: string): LiteratureEntity[] {
  return find(text).filter((e): e is LiteratureEntity => e.kind === 'literature');
}

/** A guideline without its offsets and text, for comparing the parts read from it. */
function parts(g: GuidelineEntity): Omit<GuidelineEntity, 'kind' | 'start' | 'end' | 'text'> {
  const { kind: _kind, start: _start, end: _end, text: _text, ...rest } = g;
  return rest;
}

describe('findCitations', () => {
  describe('MTUS citations', () => {
    it('spans from MTUS to the last part, without Decision based on or the final period', () => {
      const text = 'MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Cyclobenzaprine (Flexeril).';
      const [g, ...rest] = guidelines(text);
      assert.equal(rest.length, 0);
      assert.equal(g!.text, 'MTUS Chronic Pain Medical Treatment 2016, Section(s): Cyclobenzaprine (Flexeril)');
      assert.deepEqual(parts(g!), {
        family: 'MTUS',
        title: 'Chronic Pain Medical Treatment',
        year: 2016,
        topic: 'Cyclobenzaprine (Flexeril)',
        sections: ['Cyclobenzaprine (Flexeril)'],
      });
    });

    it('reads a citation with a title and year only', () => {
      const [g] = guidelines('Claims Administrator guideline: Decision based on MTUS Low Back Complaints 2004.  \n');
      assert.equal(g!.text, 'MTUS Low Back Complaints 2004');
      assert.deepEqual(parts(g!), { family: 'MTUS', title: 'Low Back Complaints', year: 2004 });
    });

    it('reads the older shape with a topic and pages', () => {
      const text = '**MAXIMUS guideline:** Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 54.\n\n**Decision rationale:** The';
      const [g] = guidelines(text);
      assert.equal(g!.text, 'MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 54');
      assert.deepEqual(parts(g!), { family: 'MTUS', title: 'Chronic Pain Medical Treatment', topic: 'Benzodiazepines', pages: ['54'] });

      const [h] = guidelines(
        'Decision based on MTUS Chronic Pain Treatment Guidelines : Opioids for Chronic Pain, page 110; Medications for Chronic Pain, Page(s): 94, 110.',
      );
      assert.deepEqual(h!.pages, ['110', '94']);
      assert.equal(h!.topic, 'Opioids for Chronic Pain');
    });

    it('splits several MTUS citations in one sentence, and reads the Non-MTUS one after it', () => {
      const text =
        'MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004,  Section(s): \n' +
        'Summary, and Chronic Pain Medical Treatment 2016, Section(s): Facet blocks.   Decision based \n' +
        'on Non-MTUS Citation ACOEM Occupational Medicine Practice Guidelines, 3rd ed., Low Back \n' +
        'Disorders, pg. 607. \n';
      const found = guidelines(text);
      assert.deepEqual(
        found.map((g) => g.text),
        [
          'MTUS Low Back Complaints 2004,  Section(s): \nSummary',
          'Chronic Pain Medical Treatment 2016, Section(s): Facet blocks',
          'ACOEM Occupational Medicine Practice Guidelines, 3rd ed., Low Back \nDisorders, pg. 607',
        ],
      );
      assert.deepEqual(parts(found[0]!), { family: 'MTUS', title: 'Low Back Complaints', year: 2004, topic: 'Summary', sections: ['Summary'] });
      assert.equal(found[1]!.title, 'Chronic Pain Medical Treatment');
      assert.deepEqual(parts(found[2]!), { family: 'ACOEM', title: 'Low Back Disorders', pages: ['607'] });
    });

    it('keeps commas inside section names and splits the list between them', () => {
      const [g] = guidelines(
        'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): TENS, chronic pain (transcutaneous electrical nerve stimulation), NSAIDs, GI symptoms & cardiovascular risk, Proton Pump Inhibitors (PPIs).',
      );
      assert.deepEqual(g!.sections, [
        'TENS, chronic pain (transcutaneous electrical nerve stimulation)',
        'NSAIDs, GI symptoms & cardiovascular risk',
        'Proton Pump Inhibitors (PPIs)',
      ]);
      const [h] = guidelines('Decision based on MTUS Postsurgical Treatment 2009, Section(s): Knee, Forearm, Wrist, & Hand.');
      assert.deepEqual(h!.sections, ['Knee', 'Forearm, Wrist, & Hand']);
    });

    it('splits numbered Opioid Treatment sections only at their numbers', () => {
      const text =
        'Decision based on MTUS Opioid Treatment 2016, Section(s): 3. Opioids for Chronic Pain and Chronic Opioid Treatment: Overview of Recommendations, 3.3.4 Opioids for Chronic Pain and Chronic Opioid Treatment: Use of CURES, Prior to Treatment.';
      const [g] = guidelines(text);
      assert.ok(g!.text.endsWith('Prior to Treatment'));
      assert.deepEqual(g!.sections, [
        '3. Opioids for Chronic Pain and Chronic Opioid Treatment: Overview of Recommendations',
        '3.3.4 Opioids for Chronic Pain and Chronic Opioid Treatment: Use of CURES, Prior to Treatment',
      ]);
    });

    it('reads the Forearm, Wrist, and Hand title with its commas', () => {
      const [g] = guidelines('Decision based on MTUS Forearm, Wrist, and Hand \nComplaints 2004, Section(s): Special Studies.');
      assert.equal(g!.title, 'Forearm, Wrist, and Hand Complaints');
      assert.equal(g!.year, 2004);
    });
  });

  describe('Non-MTUS citations', () => {
    it('reads ODG with its body part and topic', () => {
      const text = 'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Pain, Urine Drug Testing (UDT)\n\n**Decision rationale:**';
      const [g] = guidelines(text);
      assert.equal(g!.text, 'Official Disability Guidelines (ODG), Pain, Urine Drug Testing (UDT)');
      assert.deepEqual(parts(g!), { family: 'ODG', title: 'Pain', topic: 'Urine Drug Testing (UDT)' });
    });

    it('reads ODG body parts written several ways', () => {
      const titles = [
        'Official Disability Guidelines (ODG) Low Back Chapter, Preoperative lab testing.',
        'Official Disability Guidelines: Low Back - Trigger Point Impedance Imaging (TPII).',
        'Official Disability Guidelines (ODG) Low Back (Shock wave therapy).',
        'Official Disability Guidelines (ODG) Low Back (Thoracic and Lumbar, Acute and Chronic) Chapter, Epidural Steroid Injection (ESI).',
        'Official Disability Guidelines, Forearm, Wrist & Hand (Acute & Chronic), Electrodiagnostic Studies (EDS).',
      ].map((c) => guidelines(`Decision based on Non-MTUS Citation ${c}`)[0]!.title);
      assert.deepEqual(titles, ['Low Back', 'Low Back', 'Low Back', 'Low Back', 'Forearm, Wrist & Hand']);
    });

    it('starts after Non-MTUS Citation even when the name wraps to the next line', () => {
      const text =
        'Claims Administrator guideline: The Claims Administrator based their decision on \n' +
        'recommendation(s) outside of the MTUS Guidelines. Decision based on Non-MTUS Citation \n' +
        'Official Disability Guidelines, 2016, Web Version, Criteria for skilled nursing facility. \n';
      const found = guidelines(text);
      assert.equal(found.length, 1, 'the "outside of the MTUS Guidelines" boilerplate cites nothing');
      assert.equal(found[0]!.text, 'Official Disability Guidelines, 2016, Web Version, Criteria for skilled nursing facility');
      assert.equal(found[0]!.family, 'ODG');
      assert.equal(found[0]!.year, 2016);
    });

    it('splits citations joined by "and Other Medical Treatment Guidelines" or by a second ODG', () => {
      const text =
        'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Low Back Chapter, Epidural Steroid Injection (ESI) and Other Medical Treatment Guidelines www.mdguidelines.com.';
      assert.deepEqual(
        guidelines(text).map((g) => [g.family, g.text]),
        [
          ['ODG', 'Official Disability Guidelines (ODG) Low Back Chapter, Epidural Steroid Injection (ESI)'],
          ['Non-MTUS', 'www.mdguidelines.com'],
        ],
      );
      const two = 'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Neck and Upper Back, Manipulation and ODG Chiropractic Guidelines.';
      assert.deepEqual(
        guidelines(two).map((g) => g.text),
        ['Official Disability Guidelines (ODG) Neck and Upper Back, Manipulation', 'ODG Chiropractic Guidelines'],
      );
    });

    it('reads an ACOEM chapter citation with its page', () => {
      const [g] = guidelines(
        'Decision based on Non-MTUS Citation ACOEM Guidelines, Chapter 7, Independent Medical Examinations and Consultations, page 137.',
      );
      assert.equal(g!.family, 'ACOEM');
      assert.equal(g!.title, 'Independent Medical Examinations and Consultations');
      assert.deepEqual(g!.pages, ['137']);
    });

    it('keeps an initial inside the citation', () => {
      const [g] = guidelines(
        'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Low back - Manipulation Harris J. Occupational medicine practice guidelines, 2nd edition (2004) p 301.',
      );
      assert.ok(g!.text.endsWith('p 301'));
    });
  });

  describe('no citation', () => {
    it('finds "did not cite any medical evidence", family none', () => {
      const text = 'Claims Administrator guideline: The Claims Administrator did not cite any medical evidence \nfor its decision.';
      const [g, ...rest] = guidelines(text);
      assert.equal(rest.length, 0);
      assert.equal(g!.text, 'did not cite any medical evidence');
      assert.equal(g!.family, 'none');
      assert.deepEqual(guidelines('The Expert Reviewer did not cite any \nmedical evidence for its decision.').map((x) => x.text), [
        'did not cite any \nmedical evidence',
      ]);
    });
  });

  describe('guidelines named in a rationale', () => {
    it('finds MTUS, ACOEM and ODG mentions with what follows them', () => {
      const text =
        'Decision rationale: CA MTUS/ACOEM Guidelines state that findings are needed. The California MTUS 2016 ' +
        'Chronic Pain Guidelines recommend it. The ODG states that it is not. According to the ACOEM Guidelines, surgery.';
      assert.deepEqual(
        guidelines(text).map((g) => [g.family, g.text]),
        [
          ['MTUS', 'CA MTUS/ACOEM Guidelines'],
          ['MTUS', 'California MTUS 2016 Chronic Pain Guidelines'],
          ['ODG', 'ODG'],
          ['ACOEM', 'ACOEM Guidelines'],
        ],
      );
      const second = guidelines(text)[1]!;
      assert.equal(second.year, 2016);
      assert.equal(second.title, 'Chronic Pain Medical Treatment');
    });

    it('does not take Non-MTUS for a mention', () => {
      assert.deepEqual(guidelines('Non MTUS guidelines were also used since they have specifics.'), []);
    });
  });

  describe('literature', () => {
    it('finds author-year citations in parentheses', () => {
      const text = 'should be recorded. (Mens 2005)" Additionally (Reeves, 1999) and (van Tulder, 2003), (VA/DoD, 2003).';
      assert.deepEqual(
        literature(text).map((l) => [l.text, l.author, l.year]),
        [
          ['(Mens 2005)', 'Mens', 2005],
          ['(Reeves, 1999)', 'Reeves', 1999],
          ['(van Tulder, 2003)', 'van Tulder', 2003],
          ['(VA/DoD, 2003)', 'VA/DoD', 2003],
        ],
      );
    });

    it('leaves a trailing (d) out and reads et al.', () => {
      assert.deepEqual(literature('screening tools (Passik, 2000)(d) are').map((l) => l.text), ['(Passik, 2000)']);
      assert.deepEqual(
        literature('as shown (Smith et al., 2010).').map((l) => [l.text, l.author]),
        [['(Smith et al., 2010)', 'Smith']],
      );
    });

    it('finds a citation broken across lines', () => {
      assert.deepEqual(literature('strategy (Gross-Cochrane, \n2004) and').map((l) => l.text), ['(Gross-Cochrane, \n2004)']);
    });

    it('does not take dates or other parentheses for citations', () => {
      const text = 'Guidelines (July 28, 2016), since (November 2016), (2004), (DOS 12-13-2016), (since February of 2015).';
      assert.deepEqual(literature(text), []);
    });
  });

  it('finds nothing in plain prose', () => {
    const text =
      'The injured worker is a 48 year old male who sustained an industrial injury. The treatment plan included ' +
      'MRI of the cervical spine. Based on the decision of the provider, he returned (to work) in 2016.';
    assert.deepEqual(find(text), []);
  });

  it('looks only inside the range, with offsets into the whole text', () => {
    const text =
      'Claims Administrator guideline: Decision based on MTUS Acupuncture Treatment 2007.\n' +
      'MAXIMUS guideline: Decision based on MTUS Knee Complaints 2004, Section(s): Special Studies.\n' +
      'Decision rationale: The MTUS states this (Reeves, 1999).';
    const start = text.indexOf('MAXIMUS');
    const end = text.indexOf('Decision rationale');
    const found = find(text, { start, end });
    assert.deepEqual(
      found.map((e) => e.text),
      ['MTUS Knee Complaints 2004, Section(s): Special Studies'],
    );
    assert.equal(found[0]!.start, text.indexOf('MTUS Knee'));
  });

  it('runs in time linear in the text, on adversarial input', function () {
    this.timeout(10_000);
    const inputs = [
      'Decision based on MTUS '.repeat(30_000),
      'Decision based on Non-MTUS Citation ODG, '.repeat(20_000),
      'Decision based on MTUS Low Back Complaints 2004, Section(s): A, '.repeat(10_000),
      `Decision based on MTUS${' x'.repeat(300_000)}`,
      'CA MTUS/'.repeat(100_000),
      '(Aa Bb '.repeat(100_000),
      '(Smith, '.repeat(100_000),
      ' '.repeat(1_000_000),
    ];
    for (const input of inputs) {
      const t0 = performance.now();
      findCitations(input);
      const ms = performance.now() - t0;
      assert.ok(ms < 2000, `${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 20))}…`);
    }
  });
});
