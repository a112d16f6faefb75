// The Outline (document symbols) and folding of a letter, as the workbench asks for them: header
// fields, sections, disputed items with their outcome and blocks; folds for sections, items and
// long blocks.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { bend, discard, lineStartingWith, showSample, showUntitled, SMALL_LETTER } from './lettersKit';

async function symbolsOf(document: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri);
  assert.ok(symbols, 'no document symbols');
  return symbols;
}

function eachSymbol(symbols: readonly vscode.DocumentSymbol[], visit: (symbol: vscode.DocumentSymbol, parent?: vscode.DocumentSymbol) => void, parent?: vscode.DocumentSymbol): void {
  for (const symbol of symbols) {
    visit(symbol, parent);
    eachSymbol(symbol.children, visit, symbol);
  }
}

suite('outline', () => {
  test('a markdown letter: the header with its fields, then the sections', async () => {
    const { document } = await showSample('000');
    const symbols = await symbolsOf(document);
    assert.deepStrictEqual(symbols.map((s) => s.name), ['Header', 'HOW THE IMR FINAL DETERMINATION WAS MADE', 'CLINICAL CASE SUMMARY', 'IMR ISSUES, DECISIONS AND RATIONALES']);
    const header = symbols[0]!;
    assert.deepStrictEqual(header.children.map((c) => [c.name, c.detail]).slice(0, 3), [
      ['Case Number', 'CM14-0060515'],
      ['Date Assigned', '07/02/2014'],
      ['Date of Injury', '03/24/2000'],
    ]);
    assert.strictEqual(header.children.length, 7);
    const issues = symbols[3]!;
    assert.deepStrictEqual(issues.children.map((c) => [c.name, c.detail]), [['Valium 5 mg #24', 'Upheld']]);
    assert.strictEqual(document.getText(issues.children[0]!.selectionRange), 'Valium 5 mg #24');
  });

  test('a plain letter: each disputed item with its outcome and its three blocks', async () => {
    const { document } = await showSample('002');
    const symbols = await symbolsOf(document);
    const issues = symbols.find((s) => s.name === 'IMR ISSUES, DECISIONS AND RATIONALES');
    assert.ok(issues);
    assert.deepStrictEqual(issues.children.map((c) => [c.name, c.detail]), [
      ['Valium 5gm #90', 'Upheld'],
      ['Urine Drug Screen', 'Overturned'],
      ['Acupuncture trial 2 x 4', 'Upheld'],
    ]);
    assert.strictEqual(issues.children[1]!.selectionRange.start.line, lineStartingWith(document, 'Urine Drug Screen:'));
    for (const item of issues.children) {
      assert.deepStrictEqual(item.children.map((c) => c.name), ['Claims Administrator guideline', 'MAXIMUS guideline', 'Decision rationale']);
      for (const block of item.children) assert.ok(block.detail.length > 0, `${item.name} › ${block.name} has no excerpt`);
    }
    assert.match(issues.children[0]!.children[0]!.detail, /^Decision based on MTUS/);
  });

  test('every selection range lies inside its range, every child inside its parent', async () => {
    for (const sample of ['000', '001', '002', '003', '004']) {
      const { document } = await showSample(sample);
      eachSymbol(await symbolsOf(document), (symbol, parent) => {
        assert.ok(symbol.range.contains(symbol.selectionRange), `${sample}: ${symbol.name}`);
        if (parent) assert.ok(parent.range.contains(symbol.range), `${sample}: ${symbol.name} outside ${parent.name}`);
      });
    }
  });

  test('an item without a decision says so, and an unnamed item still appears', async () => {
    const editor = await showUntitled(bend(SMALL_LETTER, 'Valium 5 mg #24: Upheld', 'Valium 5 mg #24:'));
    try {
      const symbols = await symbolsOf(editor.document);
      const issues = symbols.find((s) => s.name === 'IMR ISSUES, DECISIONS AND RATIONALES');
      assert.deepStrictEqual(issues?.children.map((c) => [c.name, c.detail]), [
        ['Valium 5 mg #24', 'no decision'],
        ['MRI of the right shoulder without contrast', 'Overturned'],
      ]);
    } finally {
      await discard(editor.document);
    }
  });

  test('items outside an issues section are listed at the top level', async () => {
    const editor = await showUntitled('CLINICAL CASE SUMMARY\nThe injured worker.\n\nValium 5 mg #24: Upheld\n\nDecision rationale: Not recommended.\n');
    try {
      const symbols = await symbolsOf(editor.document);
      assert.deepStrictEqual(symbols.map((s) => [s.name, s.detail]), [['CLINICAL CASE SUMMARY', ''], ['Valium 5 mg #24', 'Upheld']]);
      assert.deepStrictEqual(symbols[1]!.children.map((c) => c.name), ['Decision rationale']);
    } finally {
      await discard(editor.document);
    }
  });

  test('folding: sections, items and rationales of three lines or more', async () => {
    const { document } = await showSample('002');
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    const starts = new Map(ranges.map((r) => [r.start, r.end]));
    const issues = lineStartingWith(document, 'IMR ISSUES, DECISIONS AND RATIONALES');
    assert.ok(starts.has(issues), 'the issues section folds');
    assert.strictEqual(starts.get(issues), document.lineCount - 1 - trailingBlankLines(document));
    for (const item of ['Valium 5gm #90:', 'Urine Drug Screen:', 'Acupuncture trial 2 x 4:']) {
      const line = lineStartingWith(document, item);
      assert.ok(starts.has(line), `${item} folds`);
    }
    const rationale = lineStartingWith(document, 'Decision rationale:');
    assert.ok(starts.has(rationale), 'the first rationale folds');
    assert.ok(starts.get(rationale)! - rationale >= 2, 'a folded block spans at least three lines');
    for (const range of ranges) assert.ok(range.end > range.start, `an empty fold at line ${range.start}`);
  });
});

function trailingBlankLines(document: vscode.TextDocument): number {
  let count = 0;
  for (let line = document.lineCount - 1; line >= 0 && document.lineAt(line).isEmptyOrWhitespace; line--) count++;
  return count;
}
