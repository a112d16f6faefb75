import assert from 'node:assert/strict';
import { describeGuideline, odgChapter } from '../../../src/core';

describe('views/guidelines', () => {
  it('names the MTUS and its guidelines', () => {
    const chronic = describeGuideline({ family: 'MTUS', title: 'Chronic Pain Medical Treatment', year: 2009 });
    assert.equal(chronic?.name, 'California Medical Treatment Utilization Schedule');
    assert.equal(chronic?.abbreviation, 'MTUS');
    assert.equal(chronic?.inMtus, true);
    assert.equal(chronic?.part?.name, 'Chronic Pain Medical Treatment Guidelines');
    assert.equal(describeGuideline({ family: 'MTUS', title: 'Acupuncture Treatment' })?.part?.name, 'Acupuncture Medical Treatment Guidelines');
    assert.equal(describeGuideline({ family: 'MTUS' })?.part, undefined);
  });

  it('gives the ACOEM chapter of the 2004 MTUS titles', () => {
    const chapters: Array<[string, string]> = [
      ['Neck and Upper Back Complaints', '8'],
      ['Shoulder Complaints', '9'],
      ['Elbow Complaints', '10'],
      ['Forearm, Wrist, and Hand Complaints', '11'],
      ['Low Back Complaints', '12'],
      ['Knee Complaints', '13'],
      ['Ankle and Foot Complaints', '14'],
      ['Stress-Related Conditions', '15'],
    ];
    for (const [title, chapter] of chapters) {
      const info = describeGuideline({ family: 'MTUS', title, year: 2004 });
      assert.equal(info?.part?.acoem?.chapters, chapter, title);
      assert.equal(info?.part?.acoem?.year, 2004, title);
    }
    assert.equal(describeGuideline({ family: 'MTUS', title: 'Elbow Complaints', year: 2007 })?.part?.acoem?.chapterName, 'Elbow Disorders (Revised 2007)');
  });

  it('names ODG chapters however the letters spell them', () => {
    assert.equal(odgChapter('Low Back'), 'Low Back – Lumbar & Thoracic (Acute & Chronic)');
    assert.equal(odgChapter('Low back'), 'Low Back – Lumbar & Thoracic (Acute & Chronic)');
    assert.equal(odgChapter('Knee & Leg'), 'Knee & Leg (Acute & Chronic)');
    assert.equal(odgChapter('2016 Shoulder'), 'Shoulder (Acute & Chronic)');
    assert.equal(odgChapter('Shoulder/MR Arthrogram'), 'Shoulder (Acute & Chronic)');
    assert.equal(odgChapter('Pain (Chronic) Acupuncture'), 'Pain (Chronic)');
    assert.equal(odgChapter('Forearm, Wrist & Hand'), 'Forearm, Wrist, & Hand (Acute & Chronic)');
    assert.equal(odgChapter('Physical Therapy Guidelines'), undefined);
    assert.equal(odgChapter('Backpack'), undefined);
    const odg = describeGuideline({ family: 'ODG', title: 'Pain' });
    assert.equal(odg?.name, 'Official Disability Guidelines');
    assert.equal(odg?.inMtus, false);
    assert.equal(odg?.part?.name, 'Pain (Chronic)');
    assert.equal(describeGuideline({ family: 'ODG', title: 'Physical Therapy Guidelines' })?.part?.name, 'Physical Therapy Guidelines');
  });

  it('names ACOEM and leaves Non-MTUS and no-evidence citations to the caller', () => {
    assert.equal(describeGuideline({ family: 'ACOEM', title: '7' })?.part?.name, 'Chapter 7');
    assert.equal(describeGuideline({ family: 'ACOEM' })?.abbreviation, 'ACOEM');
    assert.equal(describeGuideline({ family: 'Non-MTUS' }), undefined);
    assert.equal(describeGuideline({ family: 'none' }), undefined);
  });
});
