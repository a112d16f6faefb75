/** Small hand-made letters that tests bend one thing at a time. */

import { applyEdits, type Diagnostic, type Fix, type Letter, parse, type Rule } from '../../../src/core';

/** A small complete letter in the PDF-extracted style; each test bends one thing about it. */
export { PLAIN } from '../../shared/letters';


/** The same letter as the markdown export writes it. */
export const MARKDOWN = `<b>Case Number:</b>\tCM14-0060515\t\t
<b>Date Assigned:</b>\t07/02/2014\t<b>Date of Injury:</b>\t03/24/2000
<b>Decision Date:</b>\t08/01/2014\t<b>UR Denial Date:</b>\t03/28/2014

### HOW THE IMR FINAL DETERMINATION WAS MADE

MAXIMUS Federal Services sent the complete case file to an expert reviewer.

### CLINICAL CASE SUMMARY

The claimant was injured on 03/24/2000.

### IMR ISSUES, DECISIONS AND RATIONALES

The Final Determination was based on decisions for the disputed items/services set forth below:

**Valium 5 mg #24:** Upheld

**Claims Administrator guideline:** Decision based on MTUS Chronic Pain Treatment Guidelines.

**MAXIMUS guideline:** Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 54.

**Decision rationale:** The medical necessity of this request has not been clearly demonstrated, therefore is not medically necessary.`;

/** Replaces exactly one occurrence of `from` (fails loudly otherwise, so a test never bends nothing). */
export function bend(text: string, from: string | RegExp, to: string): string {
  const count = typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from.source, from.flags.includes('g') ? from.flags : from.flags + 'g')) ?? []).length;
  if (count !== 1) throw new Error(`expected exactly one ${String(from)} in the letter, found ${count}`);
  return text.replace(from, to);
}

export function check(rule: Rule, text: string): { letter: Letter; diagnostics: Diagnostic[] } {
  const letter = parse(text);
  return { letter, diagnostics: rule.check(letter) };
}

/** The text after applying one fix. */
export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}
