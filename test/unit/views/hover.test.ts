import assert from 'node:assert/strict';
import { analyzeText, english, hoverAt, type Translator } from '../../../src/core';
import { PLAIN } from '../helpers/letters';

const { letter } = analyzeText(PLAIN);

function hoverOn(needle: string, into = 0): ReturnType<typeof hoverAt> {
  const at = PLAIN.indexOf(needle);
  assert.ok(at >= 0, needle);
  return hoverAt(letter, at + into);
}

describe('views/hover', () => {
  it('on a drug of an item line: the drug, then the item, over the drug', () => {
    const view = hoverOn('Valium 5 mg #24', 2);
    assert.ok(view);
    assert.equal(PLAIN.slice(view.range.start, view.range.end), 'Valium');
    assert.equal(
      view.contents[0],
      '**Valium** — drug\n\n- **Generic:** diazepam\n- **Class:** benzodiazepine\n- **Brands:** Valium, Diastat, Valtoco\n- **Found by:** the IMR Annotate drug lexicon\n',
    );
    assert.equal(
      view.contents[1],
      '**Valium 5 mg \\#24** — Upheld\n\n- **Drug:** Valium \\(diazepam, benzodiazepine\\)\n- **Strength:** 5 mg\n- **Quantity:** \\#24\n' +
        '- **Request:** drug \\(benzodiazepine\\)\n- **Outcome:** Upheld\n' +
        '- **Decision based on:** MTUS: Chronic Pain Medical Treatment Guidelines — Benzodiazepines, page\\(s\\) 24\n',
    );
  });

  it('on an item line away from any entity: the item, over its line', () => {
    const view = hoverOn('without contrast: Overturned', 'without contrast: '.length);
    assert.ok(view);
    assert.equal(view.contents.length, 1);
    assert.equal(PLAIN.slice(view.range.start, view.range.end), 'MRI of the right shoulder without contrast: Overturned');
    assert.match(view.contents[0]!, /^\*\*MRI of the right shoulder without contrast\*\* — Overturned\n\n/);
    assert.match(view.contents[0]!, /- \*\*Body parts:\*\* right shoulder\n/);
    // Its request category, and the guideline its decision relied on: the MAXIMUS block's, by the name the citation's hover gives.
    assert.match(view.contents[0]!, /- \*\*Request:\*\* imaging\n/);
    assert.match(view.contents[0]!, /- \*\*Decision based on:\*\* MTUS: Shoulder Complaints \\\(2004\\\) — Special Studies\n/);
  });

  it('on a guideline citation: the guideline by its full name, the section relied on', () => {
    const view = hoverOn('MTUS Shoulder Complaints 2004, Section(s)');
    assert.ok(view);
    assert.equal(view.contents.length, 1);
    assert.match(view.contents[0]!, /^\*\*California Medical Treatment Utilization Schedule \\\(MTUS\\\)\*\*\n\n/);
    assert.match(view.contents[0]!, /- \*\*Guideline:\*\* Shoulder Complaints \\\(2004\\\)\n/);
    assert.match(view.contents[0]!, /- \*\*Section\\\(s\\\):\*\* Special Studies — the part of Shoulder Complaints the decision relies on\n$/);
  });

  it('nowhere in particular: nothing', () => {
    assert.equal(hoverOn('The injured worker'), undefined);
  });

  it('words every message through the translator it is given, with its arguments', () => {
    const seen: string[] = [];
    const upper: Translator = { t: (message, ...args) => (seen.push(message), english.t(message, ...args).toUpperCase()) };
    const view = hoverAt(letter, PLAIN.indexOf('Valium 5 mg #24') + 2, upper);
    assert.ok(view);
    assert.match(view.contents[0]!, /- \*\*GENERIC:\*\* diazepam\n/);
    assert.match(view.contents[1]!, /— UPHELD\n/);
    assert.ok(seen.includes('Found by'));
    assert.equal(english.t('{0} — in {1}', '24', 'MTUS'), '24 — in MTUS');
    assert.equal(english.t('{0} and {1}', 'one'), 'one and {1}');
  });
});
