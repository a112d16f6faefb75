// Hovers, as the editor requests them: on a drug (generic, class, brands, ingredients, where it was
// found), on a guideline citation (the guideline's full name, its ACOEM chapter or ODG chapter, what
// the section and pages refer to), on an item line (its fields, outcome, request category and the
// guidelines its decision relied on) and on the Decision Date (days to decision, last day to appeal).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { bend, discard, hoverText, positionOf, showSample, showUntitled, SMALL_LETTER } from './lettersKit';

async function hoverAt(document: vscode.TextDocument, position: vscode.Position): Promise<{ text: string; hovers: vscode.Hover[] }> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return { text: hoverText(hovers), hovers };
}

suite('hover', () => {
  test('on a drug of an item line: the drug, then the item', async () => {
    const { document } = await showSample('000');
    const at = positionOf(document, 'Valium 5 mg #24').translate(0, 2);
    const { text, hovers } = await hoverAt(document, at);
    assert.match(text, /Valium/);
    assert.match(text, /Generic:\s*diazepam/);
    assert.match(text, /Class:\s*benzodiazepine/);
    assert.match(text, /Brands:\s*Valium, Diastat, Valtoco/);
    assert.match(text, /Found by:\s*the IMR Annotate drug lexicon/);
    // The item line's own hover follows.
    assert.match(text, /Strength:\s*5 mg/);
    assert.match(text, /Quantity:\s*#24/);
    assert.match(text, /Outcome:\s*Upheld/);
    // The hover's range is the drug's.
    assert.strictEqual(document.getText(hovers[0]!.range), 'Valium');
  });

  test('on a combination drug: its ingredients', async () => {
    const { document } = await showSample('003');
    const { text } = await hoverAt(document, positionOf(document, 'Norco 10.325mg'));
    assert.match(text, /Generic:\s*hydrocodone\/acetaminophen/);
    assert.match(text, /Ingredients:\s*hydrocodone \(opioid\) \+ acetaminophen \(analgesic\)/);
  });

  test('on an item line away from any drug: the fields and the outcome', async () => {
    const { document } = await showSample('001');
    const { text, hovers } = await hoverAt(document, positionOf(document, 'Upheld', document.getText().indexOf('Diazepam 5 mg 1 tablet')));
    assert.match(text, /Diazepam 5 mg 1 tablet by mouth 3 times a day as needed #60 with 2 refills/);
    assert.match(text, /Drug:\s*Diazepam \(benzodiazepine\)/);
    assert.match(text, /Route:\s*by mouth/);
    assert.match(text, /Frequency:\s*3 times a day as needed/);
    assert.match(text, /Refills:\s*with 2 refills/);
    assert.match(text, /Outcome:\s*Upheld/);
    assert.match(document.getText(hovers[0]!.range), /^Diazepam 5 mg .*Upheld$/s);
  });

  test('on an MTUS citation: the MTUS, the guideline, the section relied on', async () => {
    const { document } = await showSample('003');
    const { text } = await hoverAt(document, positionOf(document, 'MTUS Chronic Pain Medical Treatment 2009, \n\nSection(s): Benzodiazepines'));
    assert.match(text, /California Medical Treatment Utilization Schedule \(MTUS\)/);
    assert.match(text, /Guideline:\s*Chronic Pain Medical Treatment Guidelines \(2009, updated 2016\)/);
    assert.match(text, /Edition cited:\s*2009/);
    assert.match(text, /Section\(s\):\s*Benzodiazepines — the part of Chronic Pain Medical Treatment Guidelines the decision relies on/);
  });

  test('on a 2004 MTUS title: its ACOEM chapter; on pages: what they are pages of', async () => {
    const editor = await showUntitled(SMALL_LETTER);
    try {
      const { document } = editor;
      const shoulder = await hoverAt(document, positionOf(document, 'MTUS Shoulder Complaints 2004, Section(s)'));
      assert.match(shoulder.text, /Guideline:\s*Shoulder Complaints \(2004\)/);
      assert.match(shoulder.text, /Adopted from:\s*ACOEM Occupational Medicine Practice Guidelines, 2nd Edition \(2004\), chapter 9/);
      assert.match(shoulder.text, /Section\(s\):\s*Special Studies/);
      const pages = await hoverAt(document, positionOf(document, 'MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 24'));
      assert.match(pages.text, /Topic:\s*Benzodiazepines/);
      assert.match(pages.text, /Page\(s\):\s*24 — in Chronic Pain Medical Treatment Guidelines/);
    } finally {
      await discard(editor.document);
    }
  });

  test('on an ODG citation: the ODG and its chapter', async () => {
    const { document } = await showSample('002');
    const { text } = await hoverAt(document, positionOf(document, 'Official Disability \n\nGuidelines (ODG), Back'));
    assert.match(text, /Official Disability Guidelines \(ODG\)/);
    assert.match(text, /Not part of the MTUS/);
    assert.match(text, /Chapter:\s*Low Back – Lumbar & Thoracic \(Acute & Chronic\)/);
    assert.match(text, /Topic:\s*Benzodiazepines/);
  });

  test('on a drug found by its shape: says so', async () => {
    const editor = await showUntitled(bend(SMALL_LETTER, 'Valium 5 mg #24: Upheld', 'Zorvexant 400mg #60: Upheld'));
    try {
      const { text } = await hoverAt(editor.document, positionOf(editor.document, 'Zorvexant'));
      assert.match(text, /Class:\s*unknown/);
      assert.match(text, /Found by:\s*its shape/);
      assert.doesNotMatch(text, /Generic:/);
    } finally {
      await discard(editor.document);
    }
  });

  test('on an item line: its request category and the guidelines its decision relied on', async () => {
    const { document } = await showSample('002');
    const { text } = await hoverAt(document, positionOf(document, 'Urine Drug Screen'));
    assert.match(text, /Request:\s*lab or other test/);
    assert.match(text, /Decision based on:\s*MTUS: Chronic Pain Medical Treatment Guidelines — Drug Testing, page\(s\) 43/);
    assert.match(text, /Decision based on:\s*ODG: Pain \(Chronic\) — Urine Drug Testing \(UDT\)/);
    const drug = await hoverAt(document, positionOf(document, 'Upheld', document.getText().indexOf('Valium 5gm #90')));
    assert.match(drug.text, /Request:\s*drug \(benzodiazepine\)/);
  });

  test('on the Decision Date: days to decision against the deadline, the estimated last day to appeal and its basis', async () => {
    const { document } = await showSample('000');
    const { text, hovers } = await hoverAt(document, positionOf(document, '08/01/2014').translate(0, 2));
    assert.match(text, /Review and appeal dates/);
    assert.match(text, /not legal advice/);
    // 04/14/2014 to 08/01/2014.
    assert.match(text, /Days to decision:\s*109 \(04\/14\/2014 application received → 08\/01\/2014 decision\), 79 more than the 30-day deadline/);
    assert.match(text, /Deadline:\s*30 days for a standard review \(Labor Code §4610\.6\(d\)\): 05\/14\/2014/);
    // Friday 08/01/2014 + 35 days is Friday 09/05/2014; + 30 is Sunday 08/31/2014, moved to Monday 09/01/2014.
    assert.match(text, /Last day to appeal \(estimate\):\s*09\/05\/2014 \(Friday\) if served by mail/);
    assert.match(text, /If served otherwise:\s*09\/01\/2014 \(Monday\); day 30 is a Sunday/);
    assert.match(text, /Service is assumed on the Decision Date; calendar days are counted/);
    assert.match(text, /holidays are not taken into account/);
    assert.strictEqual(document.getText(hovers[0]!.range).replace(/<\/?b>/g, ''), 'Decision Date:\t08/01/2014');
  });

  test('nothing on ordinary text', async () => {
    const { document } = await showSample('002');
    const { hovers } = await hoverAt(document, positionOf(document, 'HOW THE IMR FINAL DETERMINATION WAS MADE').translate(0, 4));
    assert.strictEqual(hovers.length, 0);
  });
});
