import assert from 'node:assert/strict';
import { analyzeText, excerpt, foldRegions, outline, type OutlineNode, type Range, trimEnd } from '../../../src/core';
import { MARKDOWN, PLAIN } from '../helpers/letters';

function slice(text: string, range: Range): string {
  return text.slice(range.start, range.end);
}

function walk(nodes: readonly OutlineNode[], visit: (node: OutlineNode, parent?: OutlineNode) => void, parent?: OutlineNode): void {
  for (const node of nodes) {
    visit(node, parent);
    walk(node.children, visit, node);
  }
}

describe('views/outline', () => {
  it('gives the header with its fields, the sections, and the items under the issues section', () => {
    const { letter } = analyzeText(PLAIN);
    const nodes = outline(letter);
    assert.deepEqual(nodes.map((n) => n.kind), ['header', 'section', 'section', 'section', 'section']);
    const header = nodes[0]!;
    assert.equal(header.children[0]!.kind, 'headerField');
    const caseNumber = header.children.find((c) => c.kind === 'headerField' && c.field === 'caseNumber');
    assert.ok(caseNumber && caseNumber.kind === 'headerField');
    assert.equal(caseNumber.value, 'CM16-0213037');

    const issues = nodes[4]!;
    assert.ok(issues.kind === 'section');
    assert.equal(issues.title, 'IMR ISSUES, DECISIONS AND RATIONALES');
    assert.deepEqual(issues.children.map((c) => (c.kind === 'item' ? [c.name, c.outcome] : c.kind)), [
      ['Valium 5 mg #24', 'upheld'],
      ['MRI of the right shoulder without contrast', 'overturned'],
    ]);
    const valium = issues.children[0]!;
    assert.deepEqual(valium.children.map((c) => (c.kind === 'block' ? c.block : c.kind)), ['claimsGuideline', 'maximusGuideline', 'rationale']);
    const rationale = valium.children[2]!;
    assert.ok(rationale.kind === 'block');
    assert.equal(rationale.excerpt, 'Benzodiazepines are not recommended for long-term use. The…');
    assert.equal(slice(PLAIN, rationale.selection), 'Decision rationale:');
    assert.equal(slice(PLAIN, valium.selection), 'Valium 5 mg #24');
  });

  it('keeps every selection inside its range and every child inside its parent', () => {
    for (const text of [PLAIN, MARKDOWN]) {
      walk(outline(analyzeText(text).letter), (node, parent) => {
        assert.ok(node.range.start <= node.selection.start && node.selection.end <= node.range.end, `selection outside range in ${node.kind}`);
        if (parent) assert.ok(parent.range.start <= node.range.start && node.range.end <= parent.range.end, `${node.kind} outside its ${parent.kind}`);
        assert.ok(!/\s$/.test(slice(text, node.range)), `${node.kind} range ends with whitespace`);
      });
    }
  });

  it('puts items found outside any issues section at the top level', () => {
    const text = 'CLINICAL CASE SUMMARY\nThe injured worker.\n\nValium 5 mg #24: Upheld\n\nDecision rationale: Not recommended.\n';
    const nodes = outline(analyzeText(text).letter);
    assert.deepEqual(nodes.map((n) => n.kind), ['section', 'item']);
    const item = nodes[1]!;
    assert.ok(item.kind === 'item');
    assert.equal(item.name, 'Valium 5 mg #24');
    assert.equal(nodes[0]!.children.length, 0);
  });

  it('folds the header, sections, items and blocks', () => {
    const { letter } = analyzeText(PLAIN);
    const regions = foldRegions(letter);
    const kinds = regions.map((r) => r.kind);
    assert.equal(kinds.filter((k) => k === 'header').length, 1);
    assert.equal(kinds.filter((k) => k === 'section').length, 4);
    assert.equal(kinds.filter((k) => k === 'item').length, 2);
    assert.equal(kinds.filter((k) => k === 'block').length, 6);
  });

  it('cuts excerpts at a word and trims ranges', () => {
    assert.equal(excerpt('short text'), 'short text');
    assert.equal(excerpt('one two three four five', 12), 'one two…');
    assert.deepEqual(trimEnd('abc  \n\n', { start: 0, end: 7 }), { start: 0, end: 3 });
  });
});
