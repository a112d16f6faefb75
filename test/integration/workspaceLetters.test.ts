// The workspace's letters, shared: the Disputed Items view's workspace scope, IMR: Check All Letters
// in Workspace and IMR: Export Items read the same letters, and a letter nobody has opened is
// analysed once for all three; a letter written again is analysed once more, the others not.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExportResult } from '../../src/extension/exportItems';
import type { LetterNode } from '../../src/extension/itemsTree';
import type { CheckSummary } from '../../src/extension/workspaceCheck';
import { extensionApi, sleep, waitFor, workspaceUri } from './gapsKit';

const FOLDER = 'tmp-workspace-letters';
/** Letters written for the test: corpus letters under new names, half `.imr`, half `.txt`. */
const COUNT = 40;

suite('workspace letters', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('imr.items.showActiveLetter');
    await vscode.workspace.fs.delete(workspaceUri(FOLDER), { recursive: true }).then(undefined, () => undefined);
  });

  test('the view, the check and the export analyse each unopened letter once; a letter written again once more', async function () {
    this.timeout(180_000);
    const { itemsTree: tree, workspaceLetters } = await extensionApi();
    const corpus = (await vscode.workspace.fs.readDirectory(workspaceUri('corpus'))).map(([name]) => name).sort().slice(0, COUNT);
    const texts = await Promise.all(corpus.map(async (name) => vscode.workspace.fs.readFile(workspaceUri(`corpus/${name}`))));
    const uris = texts.map((_, i) => workspaceUri(`${FOLDER}/letter-${String(i).padStart(2, '0')}.${i % 2 === 0 ? 'imr' : 'txt'}`));
    const ours = (uri: vscode.Uri): boolean => uri.path.includes(`/${FOLDER}/`);

    const analysed = new Map<string, number>();
    const created = new Set<string>();
    const listeners = [
      workspaceLetters.onDidAnalyze((uri) => {
        if (ours(uri)) analysed.set(uri.toString(), (analysed.get(uri.toString()) ?? 0) + 1);
      }),
      workspaceLetters.onDidChange((change) => change.created.filter(ours).forEach((uri) => created.add(uri.toString()))),
    ];
    try {
      for (const [i, uri] of uris.entries()) await vscode.workspace.fs.writeFile(uri, texts[i]!);
      await waitFor('the watcher to report the new letters', () => created.size === COUNT);

      // The view's workspace scope, then the check, then the export.
      await vscode.commands.executeCommand('imr.items.showWorkspace');
      const listed = ((await tree.getChildren()) as LetterNode[]).filter((node) => ours(node.uri));
      assert.strictEqual(listed.length, COUNT);
      const summary = await vscode.commands.executeCommand<CheckSummary>('imr.checkWorkspace');
      assert.ok(summary && !summary.cancelled && summary.letters >= COUNT, JSON.stringify(summary && { letters: summary.letters }));
      const exported = await vscode.commands.executeCommand<ExportResult>('imr.exportItems', { scope: 'workspace', format: 'json', target: workspaceUri(`${FOLDER}/items.json`) });
      assert.ok(exported && exported.letters >= COUNT);
      assert.deepStrictEqual([...analysed.keys()].sort(), uris.map(String).sort());
      assert.deepStrictEqual([...new Set(analysed.values())], [1], 'a letter was analysed more than once');

      // The first letter takes the second's text: the view shows the second's items for it.
      const items = (node: LetterNode | undefined): string[] => node?.items.map((item) => item.name) ?? [];
      const nodeOf = async (uri: vscode.Uri): Promise<LetterNode | undefined> => ((await tree.getChildren()) as LetterNode[]).find((node) => node.uri.toString() === uri.toString());
      const [first, second] = uris as [vscode.Uri, vscode.Uri];
      assert.notDeepStrictEqual(items(await nodeOf(first)), items(await nodeOf(second)));
      await vscode.workspace.fs.writeFile(first, texts[1]!);
      const deadline = Date.now() + 15_000;
      while (JSON.stringify(items(await nodeOf(first))) !== JSON.stringify(items(await nodeOf(second)))) {
        assert.ok(Date.now() < deadline, 'the view did not show the letter written again');
        await sleep(100);
      }
      await vscode.commands.executeCommand<CheckSummary>('imr.checkWorkspace');
      await vscode.commands.executeCommand<ExportResult>('imr.exportItems', { scope: 'workspace', format: 'json', target: workspaceUri(`${FOLDER}/items.json`) });
      assert.strictEqual([...analysed.values()].reduce((sum, count) => sum + count, 0), COUNT + 1);
      assert.strictEqual(analysed.get(first.toString()), 2);
    } finally {
      listeners.forEach((listener) => listener.dispose());
    }
  });
});
