// The Outline, breadcrumbs and Go to Symbol: the core's outline of the letter (header and fields,
// sections, disputed items with their guideline and rationale blocks) as DocumentSymbols; a packet
// of several letters has one root per letter.
import * as vscode from 'vscode';
import { outline, type OutlineNode } from '../core';
import { blockLabel, headerFieldLabel, itemLabel, outcomeLabel, packetLetterLabel } from './labels';
import { LANGUAGE_ID, type Letters } from './letters';
import { rangeIn } from './ranges';

function nameAndDetail(node: OutlineNode): { name: string; detail: string; kind: vscode.SymbolKind } {
  switch (node.kind) {
    case 'letter':
      // A packet's letter, by its case number.
      return { name: packetLetterLabel(node.caseNumber, node.index), detail: node.caseNumber ? vscode.l10n.t('Letter {0}', node.index + 1) : '', kind: vscode.SymbolKind.Module };
    case 'header':
      return { name: vscode.l10n.t('Header'), detail: '', kind: vscode.SymbolKind.Struct };
    case 'headerField':
      return { name: headerFieldLabel(node.field), detail: node.value, kind: vscode.SymbolKind.Field };
    case 'section':
      return { name: node.title, detail: '', kind: vscode.SymbolKind.Namespace };
    case 'item':
      return { name: itemLabel(node.name), detail: outcomeLabel(node.outcome), kind: vscode.SymbolKind.Object };
    case 'block':
      return { name: blockLabel(node.block), detail: node.excerpt, kind: vscode.SymbolKind.String };
  }
}

function toSymbol(document: vscode.TextDocument, node: OutlineNode): vscode.DocumentSymbol {
  const { name, detail, kind } = nameAndDetail(node);
  // A symbol's name must not be empty (VS Code rejects it).
  const symbol = new vscode.DocumentSymbol(name.trim() === '' ? '—' : name, detail, kind, rangeIn(document, node.range), rangeIn(document, node.selection));
  symbol.children = node.children.map((child) => toSymbol(document, child));
  return symbol;
}

export function register(letters: Letters): vscode.Disposable {
  const provider: vscode.DocumentSymbolProvider = {
    provideDocumentSymbols(document, token) {
      const analysis = letters.analysis(document, token);
      if (!analysis) return [];
      return outline(analysis.letter).map((node) => toSymbol(document, node));
    },
  };
  return vscode.languages.registerDocumentSymbolProvider({ language: LANGUAGE_ID }, provider, { label: vscode.l10n.t('IMR letter') });
}
