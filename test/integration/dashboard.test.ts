// IMR: Show Outcomes Dashboard: the webview draws the core's dashboard of a folder of letters, a bar
// lists its items, and an item opens its letter with the item selected. The webview's frame is out
// of the extension host's reach, so the test presses the bar and the item through the page's own
// message path (the command returns the panel's handle): the page then dispatches a click on the bar's
// SVG element and on the listed item's button, and the same handlers run as for a user's click.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { addFile, analyzeText, createAggregate, type DashboardPageMessage, finishAggregate } from '../../src/core';
import type { DashboardHandle } from '../../src/extension/dashboard';
import { extensionApi, workspaceUri } from './gapsKit';

/** The next message of `type` the page sends, or a failure after `ms`. */
function nextMessage<T extends DashboardPageMessage['type']>(handle: DashboardHandle, type: T, ms = 15_000): Promise<Extract<DashboardPageMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`the dashboard page sent no "${type}" message in ${ms} ms`));
    }, ms);
    const subscription = handle.onDidReceiveMessage((message) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(message as Extract<DashboardPageMessage, { type: T }>);
    });
  });
}

function within<T>(promise: Thenable<T>, what: string, ms = 15_000): Promise<T> {
  return Promise.race([Promise.resolve(promise), new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms))]);
}

suite('outcomes dashboard', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('shows the numbers of the folder, a bar lists its items, an item opens its letter at the item', async function () {
    this.timeout(90_000);
    await extensionApi();
    const folder = workspaceUri('corpus');
    const handle = await vscode.commands.executeCommand<DashboardHandle | undefined>('imr.showOutcomesDashboard', { scope: 'folder', folder });
    assert.ok(handle, 'the command returned no dashboard');
    const bars = await within(handle.ready, 'the page to draw its charts');
    const data = handle.data();

    // The same numbers as the core's aggregate of the same files (what `imr-annotate report --format json` writes).
    const names = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name).sort();
    const expected = createAggregate({ maxRefs: 1000 });
    for (const name of names) addFile(expected, `corpus/${name}`, [analyzeText(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name)))).letter]);
    assert.deepStrictEqual(data, finishAggregate(expected));
    assert.strictEqual(data.totals.letters, names.length);
    // Every row of every chart is a bar of the page.
    assert.strictEqual(bars, data.charts.reduce((sum, chart) => sum + chart.rows.length, 0));

    // Press the first bar of the drug classes: the page lists its items.
    const chart = data.charts.find((c) => c.id === 'drugClass')!;
    const row = chart.rows[0]!;
    const selected = nextMessage(handle, 'selected');
    assert.ok(await handle.post({ type: 'pressBar', chart: 'drugClass', key: row.key }));
    assert.deepStrictEqual(await selected, { type: 'selected', chart: 'drugClass', key: row.key, listed: row.refs.length });

    // Press its first item: the letter opens with the item's name selected.
    const ref = row.refs[0]!;
    const opened = new Promise<vscode.TextEditor>((resolve) => {
      const subscription = handle.opened((editor) => {
        subscription.dispose();
        resolve(editor);
      });
    });
    const open = nextMessage(handle, 'open');
    assert.ok(await handle.post({ type: 'pressItem', index: 0 }));
    assert.deepStrictEqual((await open).ref, ref);
    const editor = await within(opened, 'the letter to open');
    assert.strictEqual(editor.document.uri.toString(), workspaceUri(ref.file).toString());
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
    assert.strictEqual(editor.document.offsetAt(editor.selection.start), ref.offset);
    const item = analyzeText(editor.document.getText()).letter.items[ref.item]!;
    assert.strictEqual(editor.document.offsetAt(editor.selection.end), item.name.end);
    assert.ok(item.fields.drugs.some((drug) => drug.class === row.key));
  });
});
