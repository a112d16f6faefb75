import assert from 'node:assert/strict';
import { analyzeText, type Letter, TOKEN_TYPES, tokenSpans } from '../../../src/core';
import { PLAIN } from '../helpers/letters';

function spansOf(letter: Letter): Array<[string, string]> {
  return tokenSpans(letter).map((s) => [letter.text.slice(s.start, s.end), s.type]);
}

describe('views/tokens', () => {
  it('maps entity kinds to token types', () => {
    const spans = spansOf(analyzeText(PLAIN).letter);
    assert.ok(spans.some(([text, type]) => text === 'Valium' && type === 'drug'));
    assert.ok(spans.some(([text, type]) => text === '5 mg' && type === 'dose'));
    assert.ok(spans.some(([text, type]) => text === '#24' && type === 'dose'));
    assert.ok(spans.some(([, type]) => type === 'guideline'));
    assert.ok(spans.some(([text, type]) => text === '11/09/2016' && type === 'date'));
    for (const [, type] of spans) assert.ok((TOKEN_TYPES as readonly string[]).includes(type));
  });

  it('never overlaps and never crosses a line', () => {
    const text = PLAIN.replace('Decision based on MTUS Chronic Pain Treatment Guidelines.', 'Decision based on MTUS Chronic Pain\nTreatment Guidelines.');
    const letter = analyzeText(text).letter;
    const spans = tokenSpans(letter);
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i]!;
      assert.ok(span.end > span.start);
      assert.ok(!/[\r\n]/.test(text.slice(span.start, span.end)), 'a span crosses a line break');
      assert.ok(!/^\s|\s$/.test(text.slice(span.start, span.end)), 'a span starts or ends with a blank');
      if (i > 0) assert.ok(spans[i - 1]!.end <= span.start, 'spans overlap');
    }
    const wrapped = spansOf(letter).filter(([, type]) => type === 'guideline').map(([t]) => t);
    assert.ok(wrapped.includes('MTUS Chronic Pain'));
    assert.ok(wrapped.includes('Treatment Guidelines'));
  });

  it('skips an entity that starts inside the previous one and marks shape drugs', () => {
    const letter: Letter = {
      text: 'Nalfon 400mg (Retro 08/07/14)',
      format: 'plain',
      isDetermination: true,
      header: [],
      sections: [],
      items: [],
      reviewer: { states: [], specialties: [] },
      claimant: {},
      entities: [
        { kind: 'drug', start: 0, end: 6, text: 'Nalfon', generic: 'fenoprofen', class: 'NSAID', brands: [], ingredients: [], source: 'shape' },
        { kind: 'strength', start: 7, end: 12, text: '400mg' },
        { kind: 'timeQualifier', start: 14, end: 28, text: 'Retro 08/07/14' },
        { kind: 'date', start: 20, end: 28, text: '08/07/14' },
      ],
    };
    const spans = tokenSpans(letter);
    assert.deepEqual(spans.map((s) => [s.type, s.modifiers]), [['drug', ['shape']], ['dose', []], ['sig', []]]);
  });
});
