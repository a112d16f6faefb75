// IMR: Check All Letters in Workspace: the problems of letters nobody opened appear in the
// Problems panel; binary files and non-letters are skipped; a deleted file's problems go, a
// changed one's are read again; an open letter keeps its live result.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CheckSummary } from '../../src/extension/workspaceCheck';
import { bend, extensionApi, problemsOf, readFixture, setSetting, THREE_GAPS, UNOPENED, waitForProblems, withAutoSaveOff, workspaceUri } from './gapsKit';

async function checkWorkspace(): Promise<CheckSummary> {
  const summary = await vscode.commands.executeCommand<CheckSummary>('imr.checkWorkspace');
  assert.ok(summary, 'the command returns its summary');
  assert.strictEqual(summary.cancelled, false);
  return summary;
}

suite('workspace check', () => {
  const temporary: vscode.Uri[] = [];
  let threeGaps = '';

  suiteSetup(async () => {
    await extensionApi();
    threeGaps = await readFixture('gaps/three-gaps.imr');
  });

  teardown(async () => {
    for (const uri of temporary.splice(0)) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  async function writeTemporary(path: string, content: string | Uint8Array): Promise<vscode.Uri> {
    const uri = workspaceUri(path);
    temporary.push(uri);
    await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    return uri;
  }

  test('reports the problems of letters that are not open', async () => {
    const unopened = workspaceUri('gaps/unopened.imr');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()), 'gaps/unopened.imr is not open');
    assert.deepStrictEqual(problemsOf(unopened), []);

    const summary = await checkWorkspace();
    await waitForProblems(unopened, UNOPENED);
    const messages = vscode.languages.getDiagnostics(unopened).map((d) => d.message);
    assert.ok(messages.includes('Decision Date 01/19/2015 is before Date of Injury 08/27/2015.'), messages.join('\n'));

    // Every sample and corpus letter is a letter (5 + 154 + 154) and so are the three gap letters.
    assert.ok(summary.letters >= 316, `letters: ${summary.letters}`);
    assert.ok(summary.errors >= 5 && summary.warnings >= 4, `errors ${summary.errors}, warnings ${summary.warnings}`);
    assert.ok(summary.skipped.some((s) => s.file === 'drug-mentions.txt' && s.reason === 'notLetter'), JSON.stringify(summary.skipped));
    await waitForProblems(workspaceUri('gaps/markdown-gaps.imr'), ['IMR006 warning 3:56-3:66', 'IMR001 error 21:2-21:17', 'IMR001 error 29:2-29:21', 'IMR003 warning 37:0-37:33']);
  });

  test('a checked file that is deleted loses its problems; one that changes is read again', async () => {
    const uri = await writeTemporary('gaps/tmp-check.imr', threeGaps);
    await checkWorkspace();
    await waitForProblems(uri, THREE_GAPS);

    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(bend(threeGaps, 'right shoulder: Upheld', 'right shoulder: Overturned')));
    await waitForProblems(uri, THREE_GAPS.filter((p) => !p.startsWith('IMR004')));

    await vscode.workspace.fs.delete(uri);
    await waitForProblems(uri, []);
  });

  test('skips binary files, and letters above imr.maxFileSize', async () => {
    await writeTemporary('gaps/tmp-scan.txt', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0x01, 0x02]));
    let summary = await checkWorkspace();
    assert.deepStrictEqual(summary.skipped.filter((s) => s.file.startsWith('gaps/')), [{ file: 'gaps/tmp-scan.txt', reason: 'binary' }]);

    const api = await extensionApi();
    await setSetting('maxFileSize', 1000, () => api.letters.settings.maxFileSize === 1000);
    try {
      summary = await checkWorkspace();
      assert.deepStrictEqual(
        summary.skipped.filter((s) => s.file.startsWith('gaps/')),
        [
          { file: 'gaps/markdown-gaps.imr', reason: 'tooLarge' },
          { file: 'gaps/three-gaps.imr', reason: 'tooLarge' },
          { file: 'gaps/tmp-scan.txt', reason: 'binary' },
          { file: 'gaps/unopened.imr', reason: 'tooLarge' },
        ],
      );
      await waitForProblems(workspaceUri('gaps/unopened.imr'), []);
    } finally {
      await setSetting('maxFileSize', undefined, () => api.letters.settings.maxFileSize === 5_000_000);
    }
  });

  test('tells text from binary over the whole file, by the rule the CLI uses (decodeText)', async () => {
    // 9 KB of a letter, then one byte in three a control character: 7% of the file (was: analysed).
    const letter = new TextEncoder().encode(threeGaps.repeat(4).slice(0, 9_000));
    const noise = Uint8Array.from({ length: 2_400 }, (_, i) => (i % 3 === 0 ? 1 : 0x41));
    await writeTemporary('gaps/tmp-late-controls.imr', new Uint8Array([...letter, ...noise]));
    // A letter saved as UTF-16 with a byte order mark, which VS Code opens as text (was: skipped as binary).
    const utf16 = new Uint8Array(2 + threeGaps.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < threeGaps.length; i++) new DataView(utf16.buffer).setUint16(2 + i * 2, threeGaps.charCodeAt(i), true);
    const uri = await writeTemporary('gaps/tmp-utf16.imr', utf16);
    const summary = await checkWorkspace();
    assert.deepStrictEqual(summary.skipped.filter((s) => s.file.startsWith('gaps/')), [{ file: 'gaps/tmp-late-controls.imr', reason: 'binary' }]);
    await waitForProblems(uri, THREE_GAPS);
  });

  test('an open letter keeps its live result, unsaved edits included', async () => {
    const uri = await writeTemporary('gaps/tmp-open.imr', threeGaps);
    await withAutoSaveOff(async () => {
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document);
      try {
        await waitForProblems(uri, THREE_GAPS);
        await editor.edit((edit) => edit.insert(new vscode.Position(29, 43), ' Upheld'));
        const live = THREE_GAPS.filter((p) => !p.startsWith('IMR001'));
        await waitForProblems(uri, live);
        await checkWorkspace();
        await waitForProblems(uri, live);
        assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), threeGaps, 'the file itself is unchanged');

        // Closed without saving, it shows the problems of the file again.
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        await waitForProblems(uri, THREE_GAPS);
      } finally {
        if (!document.isClosed) {
          await vscode.window.showTextDocument(document);
          await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        }
      }
    });
  });
});
