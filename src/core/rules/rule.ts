/** What a rule is: a code, a name, a default severity and a check that yields diagnostics with fixes. */

import type { Diagnostic, Letter, Severity } from '../model';

export interface Rule {
  /** Stable code, e.g. `IMR002`; never reused for another check. */
  readonly code: string;
  /** Kebab-case name, e.g. `missing-rationale`. */
  readonly name: string;
  /** One line: what the rule checks. */
  readonly description: string;
  readonly defaultSeverity: Severity;
  /** Finds the rule's problems in a parsed determination letter; severity is filled in by the caller's settings. */
  check(letter: Letter): Diagnostic[];
}

/** Where a rule is documented (`docs/rules.md`, one section per rule). */
export function ruleDocsUrl(rule: Pick<Rule, 'code' | 'name'>): string {
  return `https://github.com/imr-annotate/imr-annotate/blob/main/docs/rules.md#${rule.code.toLowerCase()}-${rule.name}`;
}
