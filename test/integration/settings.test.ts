// The imr.* settings take effect live: rule severities, when letters are checked, user drugs and
// the size limit; an invalid value is reported once (setting, fault, default used) and the default
// applies. Settings are changed in the user scope and restored after each test.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionApi, openUntitledLetter, discard, problemsOf, readFixture, setSetting, sleep, THREE_GAPS, waitFor, waitForProblems, withAutoSaveOff, workspaceUri, bend } from './gapsKit';
import type { ImrExtensionApi } from '../../src/extension/extension';

suite('settings', () => {
  let api: ImrExtensionApi;
  let threeGaps = '';
  const opened: vscode.TextDocument[] = [];
  const temporary: vscode.Uri[] = [];

  suiteSetup(async () => {
    api = await extensionApi();
    threeGaps = await readFixture('gaps/three-gaps.imr');
  });

  teardown(async () => {
    const configuration = vscode.workspace.getConfiguration('imr');
    for (const key of ['rules', 'run', 'drugs', 'maxFileSize']) {
      if (configuration.inspect(key)?.globalValue !== undefined) await configuration.update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('the default settings', () => {
      const settings = api.letters.settings;
      return settings.run === 'onType' && settings.maxFileSize === 5_000_000 && Object.keys(settings.rules).length === 0 && settings.drugs.length === 0;
    });
    for (const document of opened.splice(0)) {
      if (document.isUntitled) await discard(document);
      else if (!document.isClosed) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
    for (const uri of temporary.splice(0)) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  async function openGaps(): Promise<vscode.TextEditor> {
    const editor = await openUntitledLetter(threeGaps);
    opened.push(editor.document);
    await waitForProblems(editor.document.uri, THREE_GAPS);
    return editor;
  }

  test('a rule turned off disappears, a severity changed shows at once', async () => {
    const { document } = await openGaps();
    await setSetting('rules', { IMR004: 'off' }, () => api.letters.settings.rules.IMR004 === 'off');
    await waitForProblems(document.uri, THREE_GAPS.filter((p) => !p.startsWith('IMR004')));
    await setSetting('rules', { IMR004: 'error', IMR001: 'info' }, () => api.letters.settings.rules.IMR004 === 'error');
    await waitForProblems(document.uri, ['IMR001 info 29:0-29:42', 'IMR002 error 41:0-41:50', 'IMR004 error 49:68-49:74']);
    await setSetting('rules', undefined, () => api.letters.settings.rules.IMR004 === undefined);
    await waitForProblems(document.uri, THREE_GAPS);
  });

  test('an invalid severity is reported once with the setting, the fault and the default, which applies', async () => {
    const { document } = await openGaps();
    await setSetting('rules', { IMR004: 'loud', IMR002: 'off' }, () => api.letters.settings.rules.IMR002 === 'off');
    assert.deepStrictEqual(api.letters.settingProblems.map((p) => p.setting), ['imr.rules.IMR004']);
    assert.match(api.letters.settingProblems[0]!.message, /"loud" is not a severity .*using the rule's default/);
    const shown = api.letters.reportedSettingMessages.filter((m) => m.includes('imr.rules.IMR004'));
    assert.deepStrictEqual(shown, ['IMR Annotate: the setting imr.rules.IMR004 is invalid: "loud" is not a severity (off, info, warning, error); using the rule\'s default.']);
    // IMR004 keeps its default severity; the valid part of the setting applies.
    await waitForProblems(document.uri, ['IMR001 error 29:0-29:42', 'IMR004 warning 49:68-49:74']);

    // Reading the settings again (another change) does not report the same problem twice.
    await setSetting('drugs', ['Zorvolex'], () => api.letters.settings.drugs.length === 1);
    assert.strictEqual(api.letters.reportedSettingMessages.filter((m) => m.includes('imr.rules.IMR004')).length, 1);
  });

  test('an invalid imr.run is reported and checking as you type goes on', async () => {
    const editor = await openGaps();
    await setSetting('run', 'sometimes', () => api.letters.settingProblems.some((p) => p.setting === 'imr.run'));
    assert.match(api.letters.settingProblems.find((p) => p.setting === 'imr.run')!.message, /"sometimes" is not valid .*using the default "onType"/);
    assert.strictEqual(api.letters.settings.run, 'onType');
    await editor.edit((edit) => edit.insert(new vscode.Position(29, 43), ' Upheld'));
    await waitForProblems(editor.document.uri, ['IMR002 error 41:0-41:50', 'IMR004 warning 49:68-49:74']);
  });

  test('with imr.run onSave, a letter is checked when saved, not while typing', async () => {
    await setSetting('run', 'onSave', () => api.letters.settings.run === 'onSave');
    const uri = workspaceUri('gaps/tmp-on-save.imr');
    temporary.push(uri);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(threeGaps));
    const document = await vscode.workspace.openTextDocument(uri);
    opened.push(document);
    const editor = await vscode.window.showTextDocument(document);
    await waitForProblems(uri, THREE_GAPS);

    await withAutoSaveOff(async () => {
      await editor.edit((edit) => edit.insert(new vscode.Position(29, 43), ' Upheld'));
      await sleep(700);
      assert.deepStrictEqual(problemsOf(uri).sort(), [...THREE_GAPS].sort(), 'unchanged while typing');
      assert.strictEqual(await document.save(), true);
      await waitForProblems(uri, ['IMR002 error 41:0-41:50', 'IMR004 warning 49:68-49:74']);
    });
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), bend(threeGaps, 'contrast: \n \nClaims', 'contrast: Upheld \n \nClaims'));
  });

  test('imr.maxFileSize: a letter above it is not analysed, and is again when the limit rises', async () => {
    const { document } = await openGaps();
    await setSetting('maxFileSize', 1000, () => api.letters.settings.maxFileSize === 1000);
    await waitForProblems(document.uri, []);
    assert.strictEqual(api.letters.analysis(document), undefined);
    await setSetting('maxFileSize', undefined, () => api.letters.settings.maxFileSize === 5_000_000);
    await waitForProblems(document.uri, THREE_GAPS);
  });

  test('imr.drugs: a drug added in the settings is found at once', async () => {
    const text = bend(threeGaps, 'home exercise and physical therapy.', 'home exercise, physical therapy and Qlorvane.');
    const editor = await openUntitledLetter(text);
    opened.push(editor.document);
    const drugNamed = (name: string): boolean =>
      api.letters.analysis(editor.document)?.letter.entities.some((e) => e.kind === 'drug' && e.text === name && e.source === 'user') === true;
    assert.strictEqual(drugNamed('Qlorvane'), false);
    await setSetting('drugs', [{ name: 'Qlorvane', generic: 'qlorvanib', class: 'NSAID' }], () => api.letters.settings.drugs.length === 1);
    assert.strictEqual(drugNamed('Qlorvane'), true);
  });
});
