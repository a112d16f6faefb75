// The words the views use for the core's names (outcomes, header fields, block labels), translated;
// those the core's views share too (outcomes, item names, Markdown escaping) are the core's.
// Shared by the outline, hovers, the items view, the status bar and navigation.
import * as vscode from 'vscode';
import { type BlockKind, type HeaderFieldName, itemLabel as coreItemLabel, type LetterCounts, type Outcome, outcomeLabel as coreOutcomeLabel } from '../core';

export { markdownText } from '../core';

/** `Upheld`, `Overturned` or `no decision`, translated. */
export function outcomeLabel(outcome: Outcome | null): string {
  return coreOutcomeLabel(outcome, vscode.l10n);
}

/** An item's name, or `(unnamed item)` translated. */
export function itemLabel(name: string): string {
  return coreItemLabel(name, vscode.l10n);
}

export function blockLabel(block: BlockKind): string {
  switch (block) {
    case 'claimsGuideline':
      return vscode.l10n.t('Claims Administrator guideline');
    case 'maximusGuideline':
      return vscode.l10n.t('MAXIMUS guideline');
    case 'rationale':
      return vscode.l10n.t('Decision rationale');
  }
}

export function headerFieldLabel(field: HeaderFieldName): string {
  switch (field) {
    case 'caseNumber':
      return vscode.l10n.t('Case Number');
    case 'dateAssigned':
      return vscode.l10n.t('Date Assigned');
    case 'dateOfInjury':
      return vscode.l10n.t('Date of Injury');
    case 'decisionDate':
      return vscode.l10n.t('Decision Date');
    case 'urDenialDate':
      return vscode.l10n.t('UR Denial Date');
    case 'priority':
      return vscode.l10n.t('Priority');
    case 'applicationReceived':
      return vscode.l10n.t('Application Received');
  }
}

/** `3 items` / `1 item`. */
export function itemCount(count: number): string {
  return count === 1 ? vscode.l10n.t('1 item') : vscode.l10n.t('{0} items', count);
}

/**
 * `3 items · 2 upheld · 1 overturned`, and `· 1 with no decision` when an item has none: a letter's
 * items at a glance. (Not "0 missing": beside a flagged missing rationale that reads as "no gaps".)
 */
export function countsSummary(counts: LetterCounts): string {
  const outcomes = vscode.l10n.t('{0} · {1} upheld · {2} overturned', itemCount(counts.items), counts.upheld, counts.overturned);
  return counts.missing > 0 ? vscode.l10n.t('{0} · {1} with no decision', outcomes, counts.missing) : outcomes;
}

/** `3 letters` / `1 letter`: the letters of a packet. */
export function letterCount(count: number): string {
  return count === 1 ? vscode.l10n.t('1 letter') : vscode.l10n.t('{0} letters', count);
}

/** A packet's letter: its case number, or `Letter 2` when it has none. */
export function packetLetterLabel(caseNumber: string, index: number): string {
  return caseNumber || vscode.l10n.t('Letter {0}', index + 1);
}

/** `1 gap` / `2 gaps`. */
export function gapCount(count: number): string {
  return count === 1 ? vscode.l10n.t('1 gap') : vscode.l10n.t('{0} gaps', count);
}

/** 0-based line as the editor shows it: `line 12`. */
export function lineLabel(line: number): string {
  return vscode.l10n.t('line {0}', line + 1);
}

