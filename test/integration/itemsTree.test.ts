// The Disputed Items view, through its data provider: the active letter's items (outcome icon,
// outcome and line), a click revealing an item, the outcome filter, following edits and the active
// editor, and the workspace scope grouping every letter by file with its counts. Above a letter's
// items, one line gives its dates that matter (days to decision, last day to appeal: an estimate).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DatesNode, ItemNode, ItemsNode, ItemsTree, LetterNode } from '../../src/extension/itemsTree';
import { api, bend, discard, lineStartingWith, openDocument, showSample, showUntitled, sleep, SMALL_LETTER, waitFor } from './lettersKit';

function label(treeItem: vscode.TreeItem): string {
  const value = treeItem.label;
  return typeof value === 'string' ? value : value?.label ?? '';
}

/** The item nodes among a level's children (the dates line above them left out). */
async function itemNodes(tree: ItemsTree, parent?: ItemsNode): Promise<ItemNode[]> {
  return (await tree.getChildren(parent)).filter((node): node is ItemNode => node.kind === 'item');
}

async function itemRows(tree: ItemsTree, parent?: ItemsNode): Promise<Array<[string, string]>> {
  const children = await itemNodes(tree, parent);
  return children.map((node) => {
    const treeItem = tree.getTreeItem(node);
    return [label(treeItem), String(treeItem.description)];
  });
}

/** Resolves at the view's next change. */
function nextChange(tree: ItemsTree): Promise<void> {
  return new Promise((resolve) => {
    const listener = tree.onDidChangeTreeData(() => {
      listener.dispose();
      resolve();
    });
  });
}

suite('items view', () => {
  let tree: ItemsTree;

  suiteSetup(async () => {
    tree = (await api()).itemsTree;
  });

  teardown(async () => {
    tree.setFilter('all');
    if (tree.scope !== 'active') await vscode.commands.executeCommand('imr.items.showActiveLetter');
  });

  test('lists the items of the active letter with outcome, line and icon', async () => {
    const { document } = await showSample('002');
    await waitFor('the view to follow the editor', () => tree.activeLetter === document);
    const rows = await itemRows(tree);
    const line = (prefix: string): number => lineStartingWith(document, prefix) + 1;
    assert.deepStrictEqual(rows, [
      ['Valium 5gm #90', `Upheld · line ${line('Valium 5gm #90:')}`],
      ['Urine Drug Screen', `Overturned · line ${line('Urine Drug Screen:')}`],
      ['Acupuncture trial 2 x 4', `Upheld · line ${line('Acupuncture trial 2 x 4:')}`],
    ]);
    const [first, second] = (await itemNodes(tree)).map((node) => tree.getTreeItem(node));
    const icon = (treeItem: vscode.TreeItem | undefined): { light: vscode.Uri; dark: vscode.Uri } => treeItem?.iconPath as { light: vscode.Uri; dark: vscode.Uri };
    assert.match(icon(first).light.path, /\/media\/upheld-light\.svg$/);
    assert.match(icon(first).dark.path, /\/media\/upheld-dark\.svg$/);
    assert.match(icon(second).light.path, /\/media\/overturned-light\.svg$/);
    const bytes = await vscode.workspace.fs.readFile(icon(second).dark);
    assert.match(new TextDecoder().decode(bytes), /<svg/);
    assert.strictEqual(first?.command?.command, 'imr.revealItem');
  });

  test("above the items, the letter's dates: days to decision and the estimated last day to appeal", async () => {
    const editor = await showUntitled(SMALL_LETTER);
    try {
      await waitFor('the view to follow the editor', () => tree.activeLetter === editor.document);
      const [dates, firstItem] = await tree.getChildren();
      assert.strictEqual(dates?.kind, 'dates');
      assert.strictEqual(firstItem?.kind, 'item');
      const treeItem = tree.getTreeItem(dates);
      assert.strictEqual(label(treeItem), 'Decided in 36 days (deadline 30) · appeal by 01/13/2017 (estimate, by mail)');
      const tooltip = (treeItem.tooltip as vscode.MarkdownString).value;
      assert.match(tooltip, /not legal advice/);
      assert.match(tooltip, /If served otherwise:\*\* 01\/09\/2017 \(Monday\); day 30 is a Sunday/);
      assert.match(tooltip, /Labor Code §4610\.6\(h\)/);
      // A click shows the Decision Date.
      const command = treeItem.command!;
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      const active = vscode.window.activeTextEditor!;
      assert.strictEqual(active.document, editor.document);
      assert.strictEqual(active.document.offsetAt(active.selection.active), SMALL_LETTER.indexOf('12/09/2016'));
    } finally {
      await discard(editor.document);
    }
    // A letter whose header gives no dates has no such line.
    const { document } = await showSample('002');
    await waitFor('the view to follow the editor', () => tree.activeLetter === document);
    assert.deepStrictEqual((await tree.getChildren()).map((node) => node.kind), ['item', 'item', 'item']);
  });

  test('clicking an item opens its letter and selects its name', async () => {
    const { document } = await showSample('002');
    await waitFor('the view to follow the editor', () => tree.activeLetter === document);
    const nodes = await itemNodes(tree);
    const command = tree.getTreeItem(nodes[2]!).command!;
    await showSample('001'); // another letter is active when the item is clicked
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor?.document.uri.toString(), document.uri.toString());
    assert.strictEqual(editor.document.getText(editor.selection), 'Acupuncture trial 2 x 4');
  });

  test('the filter shows only the items with the chosen outcome', async () => {
    const { document } = await showSample('002');
    await waitFor('the view to follow the editor', () => tree.activeLetter === document);
    tree.setFilter('overturned');
    assert.deepStrictEqual((await itemRows(tree)).map(([name]) => name), ['Urine Drug Screen']);
    tree.setFilter('missing');
    assert.deepStrictEqual(await itemRows(tree), []);
    tree.setFilter('all');
    assert.strictEqual((await itemRows(tree)).length, 3);

    // Through the command's quick pick: All items, Upheld, Overturned, No decision.
    const picking = vscode.commands.executeCommand('imr.items.filter');
    await sleep(400);
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await picking;
    assert.strictEqual(tree.filter, 'upheld');
    assert.deepStrictEqual((await itemRows(tree)).map(([name]) => name), ['Valium 5gm #90', 'Acupuncture trial 2 x 4']);
  });

  test('follows edits to the letter, after a pause', async () => {
    const editor = await showUntitled(SMALL_LETTER);
    try {
      await waitFor('the view to follow the editor', () => tree.activeLetter === editor.document);
      assert.deepStrictEqual((await itemRows(tree)).map(([, description]) => description.split(' · ')[0]), ['Upheld', 'Overturned']);
      const changed = nextChange(tree);
      const text = editor.document.getText();
      const at = text.indexOf('Valium 5 mg #24: Upheld') + 'Valium 5 mg #24: '.length;
      await editor.edit((edit) => edit.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'Upheld'.length)), 'Overturned'));
      await changed;
      assert.deepStrictEqual((await itemRows(tree)).map(([, description]) => description.split(' · ')[0]), ['Overturned', 'Overturned']);
    } finally {
      await discard(editor.document);
    }
  });

  test('follows the active editor: another letter, then a file that is not a letter', async () => {
    const { document } = await showSample('004');
    await waitFor('the view to follow the editor', () => tree.activeLetter === document);
    assert.deepStrictEqual((await itemRows(tree)).map(([name]) => name), [
      'Valium 10mg (Retro Dispensed 08/07/14)',
      'Soma 350mg (Retro Dispensed 08/07/14)',
      'Oxycodone 30mg',
      'Zanaflex 4mg',
    ]);
    const notes = await showUntitled('Just some notes.', 'plaintext');
    try {
      await waitFor('the view to clear', () => tree.activeLetter === undefined);
      assert.deepStrictEqual(await itemRows(tree), []);
    } finally {
      await discard(notes.document);
    }
  });

  test('the workspace scope: every letter by file with its counts, its items below', async function () {
    // The first scan reads every letter of test/fixtures, the 154 PDFs' text included.
    this.timeout(60_000);
    await vscode.commands.executeCommand('imr.items.showWorkspace');
    assert.strictEqual(tree.scope, 'workspace');
    const letters = (await tree.getChildren()) as LetterNode[];
    assert.ok(letters.length >= 300, `only ${letters.length} letters found`);
    const paths = letters.map((node) => vscode.workspace.asRelativePath(node.uri));
    assert.ok(!paths.some((path) => path.endsWith('not-a-letter.txt')), 'a .txt file that is no letter is listed');
    assert.ok(!paths.some((path) => path.endsWith('drug-mentions.txt')), 'a list of drug names is listed');
    const sample = letters.find((node) => node.uri.path.endsWith('/samples/002_5087c49ac33a7905.txt'));
    assert.ok(sample, 'samples/002 is not listed');
    const treeItem = tree.getTreeItem(sample);
    assert.strictEqual(treeItem.description, '3 items · 2 upheld · 1 overturned');
    assert.strictEqual(treeItem.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const undecided = letters.find((node) => node.uri.path.endsWith('/gaps/markdown-gaps.imr'));
    assert.ok(undecided, 'gaps/markdown-gaps.imr is not listed');
    assert.strictEqual(tree.getTreeItem(undecided).description, '3 items · 1 upheld · 0 overturned · 2 with no decision');
    assert.deepStrictEqual((await itemRows(tree, sample)).map(([name]) => name), ['Valium 5gm #90', 'Urine Drug Screen', 'Acupuncture trial 2 x 4']);
    const child = (await itemNodes(tree, sample))[1]!;
    assert.strictEqual(tree.getParent(child), sample);
    // A corpus letter: its dates line first, then its items.
    const corpusLetter = letters.find((node) => node.uri.path.endsWith('/corpus/CM16-0213037.txt'));
    assert.ok(corpusLetter, 'corpus/CM16-0213037.txt is not listed');
    const [dates] = (await tree.getChildren(corpusLetter)) as DatesNode[];
    assert.strictEqual(dates?.kind, 'dates');
    assert.strictEqual(label(tree.getTreeItem(dates)), 'Decided in 36 days (deadline 30) · appeal by 01/13/2017 (estimate, by mail)');
    assert.strictEqual(tree.getParent(dates), corpusLetter);

    // Filtered: only letters with an overturned item, and only those items.
    tree.setFilter('overturned');
    const filtered = (await tree.getChildren()) as LetterNode[];
    assert.ok(filtered.length > 0 && filtered.length < letters.length);
    for (const letter of filtered.slice(0, 20)) {
      const children = await itemNodes(tree, letter);
      assert.ok(children.length > 0 && children.every((node) => node.item.outcome === 'overturned'), vscode.workspace.asRelativePath(letter.uri));
    }
  });

  test('the workspace scope shows an open letter as edited, before it is saved', async () => {
    const { document } = await showSample('004');
    await vscode.commands.executeCommand('imr.items.showWorkspace');
    const find = async (): Promise<LetterNode | undefined> => ((await tree.getChildren()) as LetterNode[]).find((node) => node.uri.toString() === document.uri.toString());
    assert.strictEqual(tree.getTreeItem((await find())!).description, '4 items · 4 upheld · 0 overturned');
    const editor = vscode.window.activeTextEditor!;
    try {
      const changed = nextChange(tree);
      const line = lineStartingWith(document, 'Oxycodone 30mg:');
      const text = document.lineAt(line).text;
      const at = text.indexOf('Upheld');
      await editor.edit((edit) => edit.replace(new vscode.Range(line, at, line, at + 'Upheld'.length), 'Overturned'));
      await changed;
      assert.strictEqual(tree.getTreeItem((await find())!).description, '4 items · 3 upheld · 1 overturned');
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.strictEqual(openDocument(document.uri)?.isDirty, false);
  });

  test('an item of a letter nobody has opened reveals it', async () => {
    await vscode.commands.executeCommand('imr.items.showWorkspace');
    const letters = (await tree.getChildren()) as LetterNode[];
    const unopened = letters.find((node) => node.uri.path.includes('/corpus/') && !openDocument(node.uri) && node.items.length >= 2);
    assert.ok(unopened, 'no unopened corpus letter with two items');
    const item = (await itemNodes(tree, unopened))[1]!;
    const command = tree.getTreeItem(item).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor?.document.uri.toString(), unopened.uri.toString());
    assert.strictEqual(editor.document.getText(editor.selection).replace(/\s+/g, ' '), item.item.name);
  });

  test('the view switches back to the active letter', async () => {
    await vscode.commands.executeCommand('imr.items.showWorkspace');
    await vscode.commands.executeCommand('imr.items.showActiveLetter');
    assert.strictEqual(tree.scope, 'active');
    const { document } = await showSample('002');
    await waitFor('the view to follow the editor', () => tree.activeLetter === document);
    assert.strictEqual((await itemNodes(tree)).length, 3);
  });

  test('a letter with an undecided item shows it as such', async () => {
    const editor = await showUntitled(bend(SMALL_LETTER, 'Valium 5 mg #24: Upheld', 'Valium 5 mg #24:'));
    try {
      await waitFor('the view to follow the editor', () => tree.activeLetter === editor.document);
      const [first] = await itemNodes(tree);
      const treeItem = tree.getTreeItem(first!);
      assert.match(String(treeItem.description), /^no decision · line \d+$/);
      assert.match((treeItem.iconPath as { light: vscode.Uri }).light.path, /missing-light\.svg$/);
    } finally {
      await discard(editor.document);
    }
  });
});
