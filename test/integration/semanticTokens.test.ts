// Semantic highlighting, decoded as the editor decodes it: the legend package.json declares, a drug
// and its dose on an item line, shape-found drugs marked, tokens never overlapping and each on one
// line.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { discard, lineStartingWith, positionOf, showSample, showUntitled, SMALL_LETTER, bend } from './lettersKit';

interface Token {
  line: number;
  character: number;
  length: number;
  type: string;
  modifiers: string[];
  text: string;
}

async function tokensOf(document: vscode.TextDocument): Promise<Token[]> {
  const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', document.uri);
  const encoded = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', document.uri);
  assert.ok(legend && encoded, 'no semantic tokens');
  const tokens: Token[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < encoded.data.length; i += 5) {
    const [deltaLine, deltaStart, length, typeIndex, modifierBits] = Array.from(encoded.data.slice(i, i + 5)) as [number, number, number, number, number];
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const modifiers = legend.tokenModifiers.filter((_, bit) => (modifierBits & (1 << bit)) !== 0);
    const text = document.getText(new vscode.Range(line, character, line, character + length));
    tokens.push({ line, character, length, type: legend.tokenTypes[typeIndex]!, modifiers, text });
  }
  return tokens;
}

function tokenAt(tokens: readonly Token[], position: vscode.Position): Token | undefined {
  return tokens.find((t) => t.line === position.line && t.character === position.character);
}

suite('semantic tokens', () => {
  test('the legend is the one package.json declares', async () => {
    const { document } = await showSample('001');
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', document.uri);
    assert.deepStrictEqual(legend.tokenTypes, ['drug', 'dose', 'sig', 'guideline', 'citation', 'date', 'redacted', 'anatomy']);
    assert.deepStrictEqual(legend.tokenModifiers, ['shape']);
  });

  test('the drug, dose and sig of an item line', async () => {
    const { document } = await showSample('001');
    const tokens = await tokensOf(document);
    const line = lineStartingWith(document, 'Diazepam 5 mg 1 tablet');
    const onLine = tokens.filter((t) => t.line === line).map((t) => [t.text, t.type]);
    assert.deepStrictEqual(onLine.slice(0, 2), [['Diazepam', 'drug'], ['5 mg', 'dose']]);
    assert.ok(onLine.some(([text, type]) => text === '#60' && type === 'dose'), '#60 is a dose');
    assert.ok(onLine.some(([text, type]) => text === 'by mouth' && type === 'sig'), 'by mouth is sig');
    assert.ok(onLine.some(([text, type]) => text === 'with 2 refills' && type === 'sig'), 'refills are sig');
    const drug = tokenAt(tokens, new vscode.Position(line, 0));
    assert.deepStrictEqual(drug?.modifiers, [], 'a lexicon drug has no shape modifier');
  });

  test('guidelines, citations, dates and anatomy', async () => {
    const { document } = await showSample('003');
    const tokens = await tokensOf(document);
    const types = new Set(tokens.map((t) => t.type));
    for (const type of ['drug', 'dose', 'guideline', 'citation', 'date', 'anatomy']) assert.ok(types.has(type), `no ${type} token`);
    // A guideline wrapped over lines is one token per line.
    const wrapped = tokens.filter((t) => t.type === 'guideline' && (t.text === 'MTUS Chronic Pain Medical Treatment' || t.text === '2009'));
    assert.ok(wrapped.length >= 2, 'the wrapped citation is highlighted on each of its lines');
  });

  test('tokens never overlap, never cross a line, and hold no blanks at their ends', async () => {
    for (const sample of ['000', '001', '002', '003', '004']) {
      const { document } = await showSample(sample);
      const tokens = await tokensOf(document);
      assert.ok(tokens.length > 10, `${sample} has few tokens`);
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i]!;
        assert.ok(token.length > 0 && token.character + token.length <= document.lineAt(token.line).text.length, `${sample}: token past its line`);
        assert.strictEqual(token.text.trim(), token.text, `${sample}: ${JSON.stringify(token.text)}`);
        const previous = tokens[i - 1];
        if (previous && previous.line === token.line) assert.ok(previous.character + previous.length <= token.character, `${sample}: overlapping tokens at ${token.line}:${token.character}`);
      }
    }
  });

  test('a drug the lexicon lacks, found by its shape, has the shape modifier', async () => {
    const editor = await showUntitled(bend(SMALL_LETTER, 'Valium 5 mg #24: Upheld', 'Zorvexant 400mg #60: Upheld'));
    try {
      const tokens = await tokensOf(editor.document);
      const drug = tokenAt(tokens, positionOf(editor.document, 'Zorvexant'));
      assert.deepStrictEqual([drug?.text, drug?.type, drug?.modifiers], ['Zorvexant', 'drug', ['shape']]);
      const dose = tokenAt(tokens, positionOf(editor.document, '400mg'));
      assert.deepStrictEqual([dose?.text, dose?.type], ['400mg', 'dose']);
    } finally {
      await discard(editor.document);
    }
  });
});
