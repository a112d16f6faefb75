/**
 * The words the views share for the core's names, and the translator they are given. The core has
 * no VS Code: the extension passes `vscode.l10n`, the CLI and the tests the English default. The
 * parameter is named `l10n` so that scripts/l10n-export.mjs finds every message (`l10n.t('...')`).
 */

import type { Outcome, RequestCategory } from '../model';

/** Translates a message whose `{0}`, `{1}`... are replaced by the arguments: what `vscode.l10n` does. */
export interface Translator {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

/** The messages as written (English), with their `{n}` filled in. */
export const english: Translator = {
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (placeholder, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : placeholder)),
};

/** `Upheld`, `Overturned`, or `no decision` for an item without one. */
export function outcomeLabel(outcome: Outcome | null, l10n: Translator = english): string {
  if (outcome === 'upheld') return l10n.t('Upheld');
  if (outcome === 'overturned') return l10n.t('Overturned');
  return l10n.t('no decision');
}

/** An item's name as a list shows it: `(unnamed item)` when the letter gives none. */
export function itemLabel(name: string, l10n: Translator = english): string {
  return name.trim() === '' ? l10n.t('(unnamed item)') : name;
}

/**
 * `text` from a letter, safe inside Markdown: its Markdown characters escaped and its whitespace
 * collapsed. (VS Code's MarkdownString.appendText also turns spaces into `&nbsp;`, which stops long
 * item names from wrapping in a hover.)
 */
export function markdownText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]()#+\-.!|<>~$&]/g, (character) => `\\${character}`);
}

/** A request category in the reader's words. */
export function categoryLabel(category: RequestCategory, l10n: Translator = english): string {
  switch (category) {
    case 'drug':
      return l10n.t('drug');
    case 'imaging':
      return l10n.t('imaging');
    case 'therapy':
      return l10n.t('therapy');
    case 'injection':
      return l10n.t('injection');
    case 'surgery':
      return l10n.t('surgery');
    case 'equipment':
      return l10n.t('equipment');
    case 'office visit':
      return l10n.t('office visit');
    case 'lab':
      return l10n.t('lab or other test');
    case 'other':
      return l10n.t('other');
  }
}
