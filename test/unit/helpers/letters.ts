/** Small hand-made letters that tests bend one thing at a time. */

import { parse } from '../../../src/core/parse';
import { applyEdits } from '../../../src/core/fixes';
import type { Diagnostic, Fix, Letter } from '../../../src/core/model';
import type { Rule } from '../../../src/core/rules';

/** A small complete letter in the PDF-extracted style; each test bends one thing about it. */
export const PLAIN = `Case Number: CM16-0213037
Date Assigned: 11/09/2016 Date of Injury:  10/13/2016
Decision Date: 12/09/2016 UR Denial Date:  11/03/2016
Priority:  Standard Application
Received:
11/03/2016

HOW THE IMR FINAL DETERMINATION WAS MADE
MAXIMUS Federal Services sent the complete case file to an expert reviewer.

The Expert Reviewer has the following credentials:
State(s) of Licensure: California

CLINICAL CASE SUMMARY
The injured worker is a 48 year old male.

IMR ISSUES, DECISIONS AND RATIONALES
The Final Determination was based on decisions for the disputed items/services set forth below:

Valium 5 mg #24: Upheld

Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines.

MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 24.

Decision rationale: Benzodiazepines are not recommended for long-term use. The request is not medically necessary.

MRI of the right shoulder without contrast: Overturned

Claims Administrator guideline: Decision based on MTUS Shoulder Complaints 2004.

MAXIMUS guideline: Decision based on MTUS Shoulder Complaints 2004, Section(s): Special Studies.

Decision rationale: Red flags are documented. The request is medically necessary.
`;


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
