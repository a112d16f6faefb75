/** Every rule, in code order. Adding a rule: one file here, one entry below, one test, one section in docs/rules.md. */

import { missingDecision } from './imr001-missing-decision';
import { missingRationale } from './imr002-missing-rationale';
import { missingGuideline } from './imr003-missing-guideline';
import { decisionConflict } from './imr004-decision-conflict';
import { missingSection } from './imr005-missing-section';
import { headerDates } from './imr006-header-dates';
import { misreadWord } from './imr007-misread-word';
import type { Rule } from './rule';

export type { Rule } from './rule';
export { ruleDocsUrl } from './rule';

export const rules: readonly Rule[] = [missingDecision, missingRationale, missingGuideline, decisionConflict, missingSection, headerDates, misreadWord];

/** A rule by its code (`IMR002`) or name (`missing-rationale`), case-insensitive. */
export function findRule(codeOrName: string): Rule | undefined {
  const key = codeOrName.trim().toLowerCase();
  return rules.find((rule) => rule.code.toLowerCase() === key || rule.name === key);
}
