// The Problems panel: a letter's gaps as diagnostics, exact to the character, kept current while
// typing (after a pause, never from an older version), and cleared when the letter closes or stops
// being an IMR letter.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { bend, discard, extensionApi, openUntitledLetter, problemsOf, readFixture, sleep, THREE_GAPS, waitForProblems, workspaceUri } from './gapsKit';

suite('diagnostics', () => {
  const opened: vscode.TextDocument[] = [];
  let threeGaps = '';

  suiteSetup(async () => {
    await extensionApi();
    threeGaps = await readFixture('gaps/three-gaps.imr');
  });

  teardown(async () => {
    for (const document of opened.splice(0)) if (document.isUntitled) await discard(document);
  });

  test('a letter with a missing decision, a missing rationale and a conflict shows exactly those', async () => {
    const uri = workspaceUri('gaps/three-gaps.imr');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(document.languageId, 'imr');
    await waitForProblems(uri, THREE_GAPS);

    const [missingDecision, missingRationale, conflict] = vscode.languages.getDiagnostics(uri).sort((a, b) => a.range.start.line - b.range.start.line);
    assert.strictEqual(document.getText(missingDecision!.range), 'MRI of the right shoulder without contrast');
    assert.strictEqual(document.getText(missingRationale!.range), 'MRI of the cervical spine without contrast: Upheld');
    assert.strictEqual(document.getText(conflict!.range), 'Upheld');
    assert.match(missingDecision!.message, /has no decision/);
    assert.match(conflict!.message, /rationale concludes the request is medically necessary/);
    for (const diagnostic of [missingDecision!, missingRationale!, conflict!]) assert.strictEqual(diagnostic.source, 'imr');
    // The code links to the rule's section of docs/rules.md.
    const code = missingRationale!.code as { value: string; target: vscode.Uri };
    assert.strictEqual(code.value, 'IMR002');
    assert.strictEqual(code.target.toString(true), 'https://github.com/imr-annotate/imr-annotate/blob/main/docs/rules.md#imr002-missing-rationale');
  });

  test('typing updates the diagnostics once typing pauses, for the latest text only', async () => {
    const editor = await openUntitledLetter(threeGaps);
    const { document } = editor;
    opened.push(document);
    await waitForProblems(document.uri, THREE_GAPS);

    // Add the decision, then at once change the conflicting outcome: only the final text counts.
    const line = document.lineAt(29);
    await editor.edit((edit) => edit.insert(line.range.start.translate(0, 'MRI of the right shoulder without contrast:'.length), ' Upheld'));
    assert.deepStrictEqual(problemsOf(document.uri).sort(), [...THREE_GAPS].sort(), 'diagnostics change only after a pause');
    await sleep(100);
    await editor.edit((edit) => edit.replace(new vscode.Range(49, 68, 49, 74), 'Overturned'));
    await waitForProblems(document.uri, ['IMR002 error 41:0-41:50']);
    assert.strictEqual(document.getText(), bend(bend(threeGaps, 'without contrast: \n \nClaims', 'without contrast: Upheld \n \nClaims'), 'right shoulder: Upheld', 'right shoulder: Overturned'));
  });

  test('closing a letter clears its diagnostics', async () => {
    const { document } = await openUntitledLetter(threeGaps);
    await waitForProblems(document.uri, THREE_GAPS);
    await discard(document);
    await waitForProblems(document.uri, []);
  });

  test('a document that stops being an IMR letter loses its diagnostics, and gets them back', async () => {
    const { document } = await openUntitledLetter(threeGaps);
    opened.push(document);
    await waitForProblems(document.uri, THREE_GAPS);
    const plain = await vscode.languages.setTextDocumentLanguage(document, 'plaintext');
    await waitForProblems(plain.uri, []);
    const letter = await vscode.languages.setTextDocumentLanguage(plain, 'imr');
    opened.push(letter);
    await waitForProblems(letter.uri, THREE_GAPS);
  });

  test('a complete letter has no diagnostics', async () => {
    const { document } = await openUntitledLetter(await readFixture('samples/000_d9e3e55ce9e981e8.txt'));
    opened.push(document);
    const api = await extensionApi();
    assert.ok(api.letters.analysis(document)?.letter.isDetermination);
    await sleep(400);
    assert.deepStrictEqual(problemsOf(document.uri), []);
  });
});
