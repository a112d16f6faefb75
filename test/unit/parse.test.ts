import assert from 'node:assert/strict';
import { type Letter, parse } from '../../src/core';
import { PLAIN } from './helpers/letters';

function itemsOf(letter: Letter): Array<[string, string | null]> {
  return letter.items.map((item) => [item.name.text, item.outcome]);
}

function slice(letter: Letter, range: { start: number; end: number }): string {
  return letter.text.slice(range.start, range.end);
}

const EXPECTED: Array<[string, string | null]> = [
  ['Valium 5 mg #24', 'upheld'],
  ['MRI of the right shoulder without contrast', 'overturned'],
];

describe('parse', () => {
  it('reads a plain letter: format, header, sections, items and blocks with exact ranges', () => {
    const letter = parse(PLAIN);
    assert.equal(letter.isDetermination, true);
    assert.equal(letter.format, 'plain');
    assert.deepEqual(itemsOf(letter), EXPECTED);
    assert.deepEqual(letter.sections.map((s) => s.kind), ['howMade', 'credentials', 'clinicalSummary', 'issues']);
    assert.equal(slice(letter, letter.sections[3]!.heading), 'IMR ISSUES, DECISIONS AND RATIONALES');
    const [valium] = letter.items;
    assert.equal(slice(letter, valium!.name), 'Valium 5 mg #24');
    assert.equal(slice(letter, valium!.outcomeRange!), 'Upheld');
    assert.equal(slice(letter, valium!.heading), 'Valium 5 mg #24: Upheld');
    assert.equal(slice(letter, valium!.claimsGuideline!.label), 'Claims Administrator guideline:');
    assert.equal(valium!.claimsGuideline!.body.text, 'Decision based on MTUS Chronic Pain Treatment Guidelines.');
    assert.equal(slice(letter, valium!.rationale!.label), 'Decision rationale:');
    assert.match(valium!.rationale!.body.text, /^Benzodiazepines are not recommended.*not medically necessary\.$/);
    assert.ok(valium!.range.end <= letter.items[1]!.range.start, 'items do not overlap');
  });

  it('reads the header fields with ISO dates, including "Application Received:" split over lines', () => {
    const letter = parse(PLAIN);
    const header = Object.fromEntries(letter.header.map((f) => [f.name, f.iso ?? f.value.text]));
    assert.deepEqual(header, {
      caseNumber: 'CM16-0213037',
      dateAssigned: '2016-11-09',
      dateOfInjury: '2016-10-13',
      decisionDate: '2016-12-09',
      urDenialDate: '2016-11-03',
      priority: 'Standard',
      applicationReceived: '2016-11-03',
    });
    const injury = letter.header.find((f) => f.name === 'dateOfInjury')!;
    assert.equal(slice(letter, injury.label), 'Date of Injury:');
    assert.equal(slice(letter, injury.value), '10/13/2016');
  });

  it('reads the header as pdftotext -layout lays it out: columns, value between "Application" and "Received:"', () => {
    const text = `Case Number:          CM16-0213037
Date Assigned:        11/09/2016                      Date of Injury:      10/13/2016
Decision Date:        12/09/2016                      UR Denial Date:      11/03/2016
Priority:             Standard                        Application          11/21/2016
                                                      Received:

                 HOW THE IMR FINAL DETERMINATION WAS MADE
`;
    const letter = parse(text);
    const header = Object.fromEntries(letter.header.map((f) => [f.name, f.iso ?? f.value.text]));
    assert.equal(header.applicationReceived, '2016-11-21');
    assert.equal(header.priority, 'Standard');
    assert.equal(header.urDenialDate, '2016-11-03');
    assert.equal(letter.sections[0]!.title, 'HOW THE IMR FINAL DETERMINATION WAS MADE');
  });

  it('reads the markdown export: <b> header labels, ### headings, **bold** item lines and labels', () => {
    const text = `<b>Case Number:</b>\tCM14-0060515\t\t
<b>Date Assigned:</b>\t07/02/2014\t<b>Date of Injury:</b>\t03/24/2000

### IMR ISSUES, DECISIONS AND RATIONALES

**Valium 5 mg #24:** Upheld

**Claims Administrator guideline:** Decision based on MTUS.

**MAXIMUS guideline:** Decision based on MTUS Page(s): 54.

**Decision rationale:** The request is not medically necessary.`;
    const letter = parse(text);
    assert.equal(letter.format, 'markdown');
    assert.deepEqual(itemsOf(letter), [['Valium 5 mg #24', 'upheld']]);
    assert.equal(letter.header.find((f) => f.name === 'caseNumber')!.value.text, 'CM14-0060515');
    assert.equal(letter.header.find((f) => f.name === 'dateOfInjury')!.iso, '2000-03-24');
    assert.equal(letter.sections[0]!.title, 'IMR ISSUES, DECISIONS AND RATIONALES');
    const item = letter.items[0]!;
    assert.equal(slice(letter, item.rationale!.label), 'Decision rationale:');
    assert.equal(item.rationale!.body.text, 'The request is not medically necessary.');
    assert.equal(item.maximusGuideline!.body.text, 'Decision based on MTUS Page(s): 54.');
  });

  it('tolerates a blank line after every line and trailing spaces', () => {
    const text = PLAIN.split('\n').map((line) => `${line} \n`).join('\n');
    const letter = parse(text);
    assert.deepEqual(itemsOf(letter), EXPECTED);
    assert.match(letter.items[1]!.rationale!.body.text, /^Red flags are documented\. The request is medically necessary\.$/);
  });

  it('tolerates leading and trailing spaces on centred headings', () => {
    const text = PLAIN.replace('IMR ISSUES, DECISIONS AND RATIONALES', '                 IMR ISSUES, DECISIONS AND RATIONALES   ');
    const letter = parse(text);
    assert.equal(slice(letter, letter.sections[3]!.heading), 'IMR ISSUES, DECISIONS AND RATIONALES');
    assert.deepEqual(itemsOf(letter), EXPECTED);
  });

  it('tolerates \\r\\n line endings', () => {
    const letter = parse(PLAIN.replace(/\n/g, '\r\n'));
    assert.deepEqual(itemsOf(letter), EXPECTED);
    assert.ok(!letter.items[0]!.rationale!.body.text.includes('\r'));
    assert.equal(letter.header.find((f) => f.name === 'applicationReceived')!.iso, '2016-11-03');
  });

  it('tolerates a page break (form feed) in the middle of a sentence and in an item line', () => {
    const text = PLAIN.replace('not recommended for long-term use.', 'not recommended for\n\n\f long-term use.')
      .replace('MRI of the right shoulder without contrast: Overturned', 'MRI of the right shoulder\n\fwithout contrast: Overturned');
    const letter = parse(text);
    assert.deepEqual(itemsOf(letter), EXPECTED);
    assert.match(letter.items[0]!.rationale!.body.text, /not recommended for long-term use\./);
  });

  it('skips page furniture such as "Page 2 of 3" inside a rationale', () => {
    const text = PLAIN.replace('not recommended for long-term use.', 'not recommended for\nPage 2 of 3\nlong-term use.');
    const letter = parse(text);
    assert.match(letter.items[0]!.rationale!.body.text, /not recommended for long-term use\./);
  });

  it('rejoins words hyphenated across lines: "long- \\nterm" is "long-term"', () => {
    const text = PLAIN.replace('long-term use.', 'long- \nterm use.');
    const letter = parse(text);
    assert.match(letter.items[0]!.rationale!.body.text, /for long-term use\./);
  });

  it('reads a header date glued to the next word (03/24/2014Urine)', () => {
    const letter = parse(PLAIN.replace('Date of Injury:  10/13/2016', 'Date of Injury:  10/13/2016Urine'));
    const injury = letter.header.find((f) => f.name === 'dateOfInjury')!;
    assert.equal(injury.value.text, '10/13/2016');
    assert.equal(injury.iso, '2016-10-13');
  });

  it('tolerates runs of spaces around the colon: "Valium 5gm #90:  Upheld", "head :  Overturned"', () => {
    const text = PLAIN.replace('Valium 5 mg #24: Upheld', 'Valium 5gm #90:  Upheld').replace('without contrast: Overturned', 'without contrast of the head :  Overturned');
    assert.deepEqual(itemsOf(parse(text)), [
      ['Valium 5gm #90', 'upheld'],
      ['MRI of the right shoulder without contrast of the head', 'overturned'],
    ]);
  });

  it('reads an item line wrapped over two lines, and an outcome alone on the next line', () => {
    const text = PLAIN.replace('Valium 5 mg #24: Upheld', 'Valium 5 mg 1 tablet by mouth 3 times a day as needed\n#24 with 2 refills: Upheld')
      .replace('MRI of the right shoulder without contrast: Overturned', 'MRI of the right shoulder without contrast:\nOverturned');
    const letter = parse(text);
    assert.deepEqual(itemsOf(letter), [
      ['Valium 5 mg 1 tablet by mouth 3 times a day as needed #24 with 2 refills', 'upheld'],
      ['MRI of the right shoulder without contrast', 'overturned'],
    ]);
    assert.equal(slice(letter, letter.items[1]!.heading), 'MRI of the right shoulder without contrast:\nOverturned');
  });

  it('takes the last ": Upheld|Overturned" when the item name has colons', () => {
    const text = PLAIN.replace('Valium 5 mg #24: Upheld', 'Oxycodone HCL ER 20mg #60 day supply: 30: Overturned');
    assert.deepEqual(itemsOf(parse(text))[0], ['Oxycodone HCL ER 20mg #60 day supply: 30', 'overturned']);
  });

  it('accepts the outcome in any case and with trailing punctuation', () => {
    const text = PLAIN.replace('#24: Upheld', '#24: UPHELD').replace('contrast: Overturned', 'contrast: overturned.');
    const letter = parse(text);
    assert.deepEqual(itemsOf(letter), EXPECTED);
    assert.equal(slice(letter, letter.items[1]!.outcomeRange!), 'overturned.');
  });

  it('keeps non-ASCII characters (°, ®, –, ’) in names and ranges', () => {
    const text = PLAIN.replace('Valium 5 mg #24: Upheld', 'Lidoderm® 5% patch – 30° ’s #30: Upheld');
    const letter = parse(text);
    assert.equal(letter.items[0]!.name.text, 'Lidoderm® 5% patch – 30° ’s #30');
    assert.equal(slice(letter, letter.items[0]!.name), 'Lidoderm® 5% patch – 30° ’s #30');
  });

  it('reads a partial approval: the original, authorized and remaining requests', () => {
    const text = PLAIN.replace('Valium 5 mg #24: Upheld', `Norco 10/325mg #60 was the original request. Norco 10/325mg #25 was authorized by the
Claims Administrator. The remaining IMR eligible portion of the original request, Norco
10/325mg #35 is: Upheld`);
    const letter = parse(text);
    const item = letter.items[0]!;
    assert.equal(item.name.text, 'Norco 10/325mg #35');
    assert.equal(slice(letter, item.name), 'Norco\n10/325mg #35');
    assert.equal(item.partial?.original?.text, 'Norco 10/325mg #60');
    assert.equal(item.partial?.authorized?.text, 'Norco 10/325mg #25');
    assert.equal(item.partial?.remaining?.text, 'Norco 10/325mg #35');
    assert.ok(slice(letter, item.heading).startsWith('Norco 10/325mg #60 was the original request.'));
  });

  it('reads the "authorized ..., leaving the original request IMR eligible" form of a partial approval', () => {
    const text = PLAIN.replace('Valium 5 mg #24: Upheld', `Acupuncture treatments (unspecified quantity) was the original request. The Claims
Administrator authorized Acupuncture treatments, 6 sessions, leaving the original request
IMR eligible. The original request, Acupuncture treatments (unspecified quantity) is:
Upheld`);
    const item = parse(text).items[0]!;
    assert.equal(item.name.text, 'Acupuncture treatments (unspecified quantity)');
    assert.equal(item.outcome, 'upheld');
    assert.equal(item.partial?.authorized?.text, 'Acupuncture treatments, 6 sessions');
  });

  it('finds an item with no outcome by its labels, and an item with no rationale', () => {
    const text = PLAIN.replace('Valium 5 mg #24: Upheld', 'Valium 5 mg #24:').replace(/\nDecision rationale: Red flags[^\n]*\n/, '\n');
    const letter = parse(text);
    assert.deepEqual(itemsOf(letter), [['Valium 5 mg #24', null], ['MRI of the right shoulder without contrast', 'overturned']]);
    assert.equal(letter.items[1]!.rationale, undefined);
    assert.ok(letter.items[1]!.maximusGuideline);
  });

  it('yields an empty model, not an error, for a text that is not a letter', () => {
    for (const text of ['', 'Hello world.\nThis is a shopping list: eggs, milk.', '\u0000\u0001binary', ' \n\n \f ']) {
      const letter = parse(text);
      assert.equal(letter.isDetermination, false);
      assert.deepEqual([letter.items.length, letter.sections.length, letter.header.length], [0, 0, 0]);
    }
  });
});

describe('parse: a header whose labels OCR lost', () => {
  const body = PLAIN.slice(PLAIN.indexOf('HOW THE IMR'));
  const fields = (letter: Letter) => letter.header.map((f) => `${f.name}=${f.value.text}${f.label.start === f.label.end ? ' (no label)' : ''}`);

  it('reads a case number alone in the top lines, and the date standing where the only missing label goes', () => {
    const text = `MAXIMUS |.\nFederal Services |! 1141!\n\nCM16-0242419 PO\n\nDate Assigned: 01/04/2017 Date of Injury: 10/12/2016\n01/27/2017 UR Denial Date: | 11/30/2016\n\nPriority: Standard Application 12/17/2016\n\nReceived:\n${body}`;
    const letter = parse(text);
    assert.deepEqual(fields(letter), [
      'caseNumber=CM16-0242419 (no label)',
      'dateAssigned=01/04/2017',
      'dateOfInjury=10/12/2016',
      'decisionDate=01/27/2017 (no label)',
      'urDenialDate=11/30/2016',
      'priority=Standard',
      'applicationReceived=12/17/2016',
    ]);
    assert.equal(letter.header.find((f) => f.name === 'decisionDate')!.iso, '2017-01-27');
  });

  it('reads a label whose words OCR glued, past the table rules and a trailing comma', () => {
    assert.deepEqual(fields(parse(`MAXIMUS | _\n|CaseNumber: | CM16-0213037, |\nReceived:\n${body}`)), ['caseNumber=CM16-0213037']);
  });

  it('leaves a date unread when it is not the only one that could be it', () => {
    // Two dates without a label and two labels missing: which is which cannot be known.
    const text = `CM16-0242419\nDate Assigned: 01/04/2017\n01/27/2017 11/30/2016\nPriority: Standard\n${body}`;
    assert.deepEqual(fields(parse(text)), ['caseNumber=CM16-0242419 (no label)', 'dateAssigned=01/04/2017', 'priority=Standard']);
    // One date missing, but the lone date stands where another label goes (before Date Assigned): not read.
    const misplaced = `Case Number: CM16-0242419\n01/27/2017\nDate Assigned: 01/04/2017 Date of Injury: 10/12/2016\nUR Denial Date: 11/30/2016\nPriority: Standard Application Received: 12/17/2016\n${body}`;
    assert.ok(!parse(misplaced).header.some((f) => f.name === 'decisionDate'));
    // Two case numbers and no label: neither is read as the letter's.
    assert.ok(!parse(`CM16-0242419 CM16-0242420\n${body}`).header.some((f) => f.name === 'caseNumber'));
  });
});

describe('parse: a case number without its label', () => {
  it('does not make a note that cites one a letter', () => {
    const letter = parse('Call the adjuster about CM16-0242419 on Monday.\nThanks.');
    assert.equal(letter.isDetermination, false);
    assert.deepEqual(letter.header, []);
  });
});
