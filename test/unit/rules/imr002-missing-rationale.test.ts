import assert from 'node:assert/strict';
import { missingRationale } from '../../../src/core';
import { applyFix, bend, check, MARKDOWN, PLAIN } from '../helpers/letters';

describe('IMR002 missing-rationale', () => {
  it('does not fire on a complete letter', () => {
    assert.deepEqual(check(missingRationale, PLAIN).diagnostics, []);
    assert.deepEqual(check(missingRationale, MARKDOWN).diagnostics, []);
  });

  it('fires on an item with no "Decision rationale:" block, on its item line', () => {
    const text = bend(PLAIN, /\nDecision rationale: Red flags[^\n]*\n/, '\n');
    const diagnostics = check(missingRationale, text).diagnostics;
    assert.equal(diagnostics.length, 1);
    assert.equal(text.slice(diagnostics[0]!.range.start, diagnostics[0]!.range.end), 'MRI of the right shoulder without contrast: Overturned');
    assert.match(diagnostics[0]!.message, /"MRI of the right shoulder without contrast" has no "Decision rationale:" block/);
  });

  it('inserts the block after the guidelines, in the letter\'s own spacing, with a tab stop', () => {
    const text = bend(PLAIN, /\n\nDecision rationale: Red flags[^\n]*/, '');
    const [d] = check(missingRationale, text).diagnostics;
    const fix = d!.fixes[0]!;
    assert.equal(fix.edits[0]!.snippet, '\n\nDecision rationale: ${1:rationale}');
    const fixed = applyFix(text, fix);
    assert.equal(fixed, text.replace('Section(s): Special Studies.\n', 'Section(s): Special Studies.\n\nDecision rationale: [rationale]\n'));
    assert.deepEqual(check(missingRationale, fixed).diagnostics, []);
  });

  it('writes the label in bold in the markdown format', () => {
    const text = bend(MARKDOWN, /\n\n\*\*Decision rationale:\*\*[^\n]*/, '');
    const [d] = check(missingRationale, text).diagnostics;
    const fixed = applyFix(text, d!.fixes[0]!);
    assert.ok(fixed.endsWith('Page(s): 54.\n\n**Decision rationale:** [rationale]'));
    assert.deepEqual(check(missingRationale, fixed).diagnostics, []);
  });

  it('fires on an empty rationale and fills it in place', () => {
    const text = bend(PLAIN, 'Decision rationale: Red flags are documented. The request is medically necessary.', 'Decision rationale:');
    const [d] = check(missingRationale, text).diagnostics;
    assert.match(d!.message, /is empty/);
    assert.equal(text.slice(d!.range.start, d!.range.end), 'Decision rationale:');
    const fixed = applyFix(text, d!.fixes[0]!);
    assert.ok(fixed.includes('Decision rationale: [rationale]\n'));
    assert.deepEqual(check(missingRationale, fixed).diagnostics, []);
  });
});
