// Quick fixes and fix-all, applied in a real editor to in-memory copies of the gap letters (nothing
// on disk changes): each fix writes the expected text and its diagnostic clears; fix-all applies
// the safe fixes only and is idempotent; undo restores the original byte for byte.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { bend, discard, extensionApi, MARKDOWN_GAPS, openUntitledLetter, readFixture, sleep, THREE_GAPS, waitForProblems } from './gapsKit';

const FIX_ALL = 'source.fixAll.imr';

async function codeActions(document: vscode.TextDocument, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', document.uri, range, kind);
  return (actions ?? []).filter((a): a is vscode.CodeAction => a instanceof vscode.CodeAction);
}

/**
 * The quick fixes offered on the diagnostic with `code` (exactly one such diagnostic expected, and
 * no other diagnostic on its range). The API returns actions without their diagnostics.
 */
async function quickFixesFor(document: vscode.TextDocument, code: string): Promise<vscode.CodeAction[]> {
  const diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => typeof d.code === 'object' && d.code.value === code);
  assert.strictEqual(diagnostics.length, 1, `one ${code} diagnostic`);
  return codeActions(document, diagnostics[0]!.range, vscode.CodeActionKind.QuickFix.value);
}

async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `"${action.title}" has an edit`);
  assert.strictEqual(await vscode.workspace.applyEdit(action.edit), true, `"${action.title}" applied`);
}

async function undoUntil(document: vscode.TextDocument, times: number): Promise<void> {
  await vscode.window.showTextDocument(document);
  for (let i = 0; i < times; i++) await vscode.commands.executeCommand('undo');
}

suite('code actions', () => {
  const opened: vscode.TextDocument[] = [];
  let threeGaps = '';
  let markdownGaps = '';

  suiteSetup(async () => {
    await extensionApi();
    threeGaps = await readFixture('gaps/three-gaps.imr');
    markdownGaps = await readFixture('gaps/markdown-gaps.imr');
  });

  teardown(async () => {
    for (const document of opened.splice(0)) await discard(document);
  });

  async function open(content: string, expected: readonly string[]): Promise<vscode.TextEditor> {
    const editor = await openUntitledLetter(content);
    opened.push(editor.document);
    await waitForProblems(editor.document.uri, expected);
    return editor;
  }

  test('a missing decision offers both outcomes, the one the rationale concludes first', async () => {
    const { document } = await open(threeGaps, THREE_GAPS);
    const fixes = await quickFixesFor(document, 'IMR001');
    assert.deepStrictEqual(
      fixes.map((f) => [f.title, f.isPreferred === true, f.kind?.value]),
      [
        ['Add the decision: Upheld (as the rationale concludes)', true, 'quickfix'],
        ['Add the decision: Overturned', false, 'quickfix'],
      ],
    );
  });

  test('each quick fix writes the expected text and clears its diagnostic; undo restores the original', async () => {
    const { document } = await open(threeGaps, THREE_GAPS);

    const [addDecision] = await quickFixesFor(document, 'IMR001');
    await apply(addDecision!);
    let expected = bend(threeGaps, 'MRI of the right shoulder without contrast: \n', 'MRI of the right shoulder without contrast: Upheld \n');
    assert.strictEqual(document.getText(), expected);
    await waitForProblems(document.uri, ['IMR002 error 41:0-41:50', 'IMR004 warning 49:68-49:74']);

    // The rationale goes in as a snippet: its placeholder is a tab stop, filled with "rationale".
    const [insertRationale, ...others] = await quickFixesFor(document, 'IMR002');
    assert.deepStrictEqual(others, []);
    assert.strictEqual(insertRationale!.title, 'Insert a "Decision rationale:" block');
    await apply(insertRationale!);
    expected = bend(expected, 'Section(s): Special Studies.  \n \nPhysical', 'Section(s): Special Studies. \n \nDecision rationale: rationale  \n \nPhysical');
    assert.strictEqual(document.getText(), expected);
    await waitForProblems(document.uri, ['IMR004 warning 51:68-51:74']);

    const [changeDecision] = await quickFixesFor(document, 'IMR004');
    assert.strictEqual(changeDecision!.title, 'Change the decision to Overturned, as the rationale concludes');
    await apply(changeDecision!);
    expected = bend(expected, 'for the right shoulder: Upheld', 'for the right shoulder: Overturned');
    assert.strictEqual(document.getText(), expected);
    await waitForProblems(document.uri, []);

    await undoUntil(document, 3);
    assert.strictEqual(document.getText(), threeGaps, 'three undos give back the original, byte for byte');
    await waitForProblems(document.uri, THREE_GAPS);
  });

  test('"Fix all IMR001 problems in this file" adds every decision the rationales conclude', async () => {
    const { document } = await open(markdownGaps, MARKDOWN_GAPS);
    const fixes = await quickFixesFor(document, 'IMR006');
    assert.deepStrictEqual(fixes.map((f) => f.title), ['Write the date as 02/11/2009'], 'no fix-all for a kind with one problem');
    assert.deepStrictEqual((await quickFixesFor(document, 'IMR003')).map((f) => f.title), ['Insert the "Claims Administrator guideline:" and "MAXIMUS guideline:" lines']);

    const soma = vscode.languages.getDiagnostics(document.uri).find((d) => typeof d.code === 'object' && d.code.value === 'IMR001')!;
    const actions = await codeActions(document, soma.range, vscode.CodeActionKind.QuickFix.value);
    const fixAll = actions.find((a) => a.title === 'Fix all IMR001 problems in this file');
    assert.ok(fixAll, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    await apply(fixAll);
    const expected = bend(bend(markdownGaps, '**Soma 350 mg #60:**\n', '**Soma 350 mg #60:** Upheld\n'), '**Norco 10/325 mg #90:**\n', '**Norco 10/325 mg #90:** Overturned\n');
    assert.strictEqual(document.getText(), expected);
    await waitForProblems(document.uri, ['IMR006 warning 3:56-3:66', 'IMR003 warning 37:0-37:33']);

    await undoUntil(document, 1);
    assert.strictEqual(document.getText(), markdownGaps);
  });

  test('source.fixAll.imr applies every safe fix, and only those; a second run changes nothing', async () => {
    const { document } = await open(markdownGaps, MARKDOWN_GAPS);
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const quickOnly = await codeActions(document, whole, vscode.CodeActionKind.QuickFix.value);
    assert.ok(!quickOnly.some((a) => a.kind?.value === FIX_ALL), 'fix-all is a source action, offered only when asked for');

    const [fixAll, ...rest] = await codeActions(document, whole, FIX_ALL);
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(fixAll!.kind?.value, FIX_ALL);
    await apply(fixAll!);
    const expected = bend(
      bend(bend(markdownGaps, '**Soma 350 mg #60:**\n', '**Soma 350 mg #60:** Upheld\n'), '**Norco 10/325 mg #90:**\n', '**Norco 10/325 mg #90:** Overturned\n'),
      '<b>Date of Injury:</b>\t2009-02-11',
      '<b>Date of Injury:</b>\t02/11/2009',
    );
    assert.strictEqual(document.getText(), expected);
    // The missing guidelines need the user's words: not a safe fix.
    await waitForProblems(document.uri, ['IMR003 warning 37:0-37:33']);

    assert.deepStrictEqual(await codeActions(document, whole, FIX_ALL), [], 'nothing left to fix safely');
    assert.strictEqual(document.getText(), expected);

    await undoUntil(document, 1);
    assert.strictEqual(document.getText(), markdownGaps, 'one undo gives back the original, byte for byte');
  });

  test('the editor\'s own Fix All command runs source.fixAll.imr', async () => {
    const { document } = await open(markdownGaps, MARKDOWN_GAPS);
    // Editor commands act on the focused editor; let the light bulb's own request, which the new
    // diagnostics start and which would replace this one, go first.
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await sleep(500);
    await vscode.commands.executeCommand('editor.action.sourceAction', { kind: FIX_ALL, apply: 'first' });
    await waitForProblems(document.uri, ['IMR003 warning 37:0-37:33']);
    assert.ok(document.getText().includes('<b>Date of Injury:</b>\t02/11/2009'));
    await vscode.commands.executeCommand('editor.action.sourceAction', { kind: FIX_ALL, apply: 'first' });
    assert.ok(document.getText().includes('**Norco 10/325 mg #90:** Overturned\n'));
    assert.strictEqual(document.getText().split(' Overturned').length, 2, 'applied once');
  });

  test('the missing guidelines go in as a snippet with two tab stops', async () => {
    const { document } = await open(markdownGaps, MARKDOWN_GAPS);
    const [insert] = await quickFixesFor(document, 'IMR003');
    await apply(insert!);
    assert.ok(document.getText().includes('**Lidoderm 5% patch #30:** Upheld\n\n**Claims Administrator guideline:** guideline\n\n**MAXIMUS guideline:** guideline\n\n**Decision rationale:**'));
    await waitForProblems(document.uri, MARKDOWN_GAPS.filter((p) => !p.startsWith('IMR003')));
  });
});
