// A packet (one file holding several letters) in the real workbench: the Outline has one root per
// letter, the status bar counts the letters, the Disputed Items view lists each letter's items.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ItemNode, PacketLetterNode } from '../../src/extension/itemsTree';
import { api, discard, showUntitled, SMALL_LETTER, waitFor } from './lettersKit';

/** SMALL_LETTER, then a second letter (another case number, its Valium overturned) after a form feed. */
const SECOND = SMALL_LETTER.replace('CM16-0213037', 'CM16-0213099').replace('Valium 5 mg #24: Upheld', 'Valium 5 mg #24: Overturned').replace(
  'Benzodiazepines are not recommended for long-term use. The request is not medically necessary.',
  'A short taper is supported. The request is medically necessary.',
);
const PACKET = `${SMALL_LETTER}\n\f${SECOND}`;

/** `probe`'s first value that is not undefined, asked again every 50 ms (a provider or a view answers asynchronously). */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

suite('packets', () => {
  test('a packet: one outline root per letter, the letters counted in the status bar, each letter’s items in the view', async () => {
    const { statusBar, itemsTree } = await api();
    const editor = await showUntitled(PACKET);
    try {
      const { document } = editor;
      const symbols = await eventually('the outline of the packet', async () => {
        const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri);
        return found && found.length > 0 ? found : undefined;
      });
      assert.deepStrictEqual(symbols.map((s) => [s.name, s.detail]), [['CM16-0213037', 'Letter 1'], ['CM16-0213099', 'Letter 2']]);
      for (const root of symbols) {
        assert.deepStrictEqual(root.children.map((c) => c.name), ['Header', 'HOW THE IMR FINAL DETERMINATION WAS MADE', 'The Expert Reviewer has the following credentials:', 'CLINICAL CASE SUMMARY', 'IMR ISSUES, DECISIONS AND RATIONALES']);
      }
      // The second root begins where the second letter does, after the form feed.
      assert.strictEqual(symbols[1]!.range.start.line, document.positionAt(PACKET.indexOf('Case Number: CM16-0213099')).line);
      assert.ok(symbols[0]!.range.end.isBefore(symbols[1]!.range.start));

      await waitFor('the status bar to count the letters', () => statusBar.text === '$(law) 2 letters · 4 items · 1 upheld · 3 overturned · 0 gaps');
      assert.match(statusBar.tooltip, /CM16\\?-0213099: 2 items/);

      const letters = await eventually('the items view to list the letters', async () => {
        const roots = await itemsTree.getChildren();
        return roots.length === 2 && roots.every((node) => node.kind === 'packetLetter') ? (roots as PacketLetterNode[]) : undefined;
      });
      assert.deepStrictEqual(letters.map((letter) => itemsTree.getTreeItem(letter).label), ['CM16-0213037', 'CM16-0213099']);
      // Each letter's children: its dates line (days to decision, last day to appeal), then its items.
      const children = await Promise.all(letters.map((letter) => itemsTree.getChildren(letter)));
      assert.deepStrictEqual(children.map((nodes) => nodes[0]?.kind), ['dates', 'dates']);
      const items = children.map((nodes) => (nodes.filter((node) => node.kind === 'item') as ItemNode[]).map((node) => [node.item.name, node.item.outcome]));
      assert.deepStrictEqual(items, [
        [['Valium 5 mg #24', 'upheld'], ['MRI of the right shoulder without contrast', 'overturned']],
        [['Valium 5 mg #24', 'overturned'], ['MRI of the right shoulder without contrast', 'overturned']],
      ]);
    } finally {
      await discard(editor.document);
    }
  });
});
