// Moving through a letter with the commands a user has on keys: next/previous item (wrapping
// around), Go to Disputed Item (its quick pick), next/previous gap.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, bend, discard, lineStartingWith, showSample, showUntitled, sleep, SMALL_LETTER } from './lettersKit';

function selected(editor: vscode.TextEditor): string {
  return editor.document.getText(editor.selection);
}

function moveTo(editor: vscode.TextEditor, line: number, character = 0): void {
  const position = new vscode.Position(line, character);
  editor.selection = new vscode.Selection(position, position);
}

suite('navigation', () => {
  test('next and previous item select the item names in order and wrap around', async () => {
    const editor = await showSample('002');
    moveTo(editor, 0);
    const names = ['Valium 5gm #90', 'Urine Drug Screen', 'Acupuncture trial 2 x 4'];
    for (const name of names) {
      await vscode.commands.executeCommand('imr.nextItem');
      assert.strictEqual(selected(editor), name);
      assert.strictEqual(editor.selection.start.line, lineStartingWith(editor.document, `${name}:`));
    }
    await vscode.commands.executeCommand('imr.nextItem');
    assert.strictEqual(selected(editor), names[0], 'wraps around to the first item');
    await vscode.commands.executeCommand('imr.previousItem');
    assert.strictEqual(selected(editor), names[2], 'wraps around to the last item');
    await vscode.commands.executeCommand('imr.previousItem');
    assert.strictEqual(selected(editor), names[1]);

    // From inside an item's rationale, previous goes to that item, next to the one after it.
    moveTo(editor, lineStartingWith(editor.document, 'Decision rationale:') + 1);
    await vscode.commands.executeCommand('imr.previousItem');
    assert.strictEqual(selected(editor), names[0]);
    moveTo(editor, lineStartingWith(editor.document, 'Decision rationale:') + 1);
    await vscode.commands.executeCommand('imr.nextItem');
    assert.strictEqual(selected(editor), names[1]);
  });

  test('Go to Disputed Item lists every item with its outcome and line', async () => {
    const editor = await showSample('002');
    const picks = (await api()).goToItemPicks(editor.document);
    const line = (name: string): number => lineStartingWith(editor.document, `${name}:`) + 1;
    assert.deepStrictEqual(
      picks.map((pick) => [pick.label, pick.description]),
      [
        ['Valium 5gm #90', `Upheld · line ${line('Valium 5gm #90')}`],
        ['Urine Drug Screen', `Overturned · line ${line('Urine Drug Screen')}`],
        ['Acupuncture trial 2 x 4', `Upheld · line ${line('Acupuncture trial 2 x 4')}`],
      ],
    );
  });

  test('Go to Disputed Item starts at the current item; accepting the next one selects it', async () => {
    const editor = await showSample('002');
    moveTo(editor, lineStartingWith(editor.document, 'Urine Drug Screen:') + 3);
    const going = vscode.commands.executeCommand('imr.goToItem');
    await sleep(400);
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await going;
    assert.strictEqual(vscode.window.activeTextEditor?.document, editor.document);
    assert.strictEqual(selected(editor), 'Acupuncture trial 2 x 4');
  });

  test('Go to Disputed Item, cancelled, leaves the cursor where it was', async () => {
    const editor = await showSample('002');
    moveTo(editor, 5, 3);
    const going = vscode.commands.executeCommand('imr.goToItem');
    await sleep(400);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await going;
    assert.deepStrictEqual([editor.selection.active.line, editor.selection.active.character], [5, 3]);
  });

  test('next and previous gap visit the flagged gaps in order and wrap around', async () => {
    // Item 1 without a decision (IMR001), item 2 without a rationale (IMR002).
    let text = bend(SMALL_LETTER, 'Valium 5 mg #24: Upheld', 'Valium 5 mg #24:');
    text = bend(text, '\nDecision rationale: Red flags are documented. The request is medically necessary.\n', '\n');
    const editor = await showUntitled(text);
    try {
      const analysis = (await api()).letters.analysis(editor.document);
      const gaps = (analysis?.diagnostics ?? []).map((d) => editor.document.positionAt(d.range.start).line);
      assert.ok(gaps.length >= 2, 'expected at least two gaps');
      assert.strictEqual(gaps[0], lineStartingWith(editor.document, 'Valium 5 mg #24:'));
      moveTo(editor, 0);
      for (const line of gaps) {
        await vscode.commands.executeCommand('imr.nextGap');
        assert.strictEqual(editor.selection.start.line, line);
      }
      await vscode.commands.executeCommand('imr.nextGap');
      assert.strictEqual(editor.selection.start.line, gaps[0], 'wraps around to the first gap');
      await vscode.commands.executeCommand('imr.previousGap');
      assert.strictEqual(editor.selection.start.line, gaps[gaps.length - 1], 'wraps around to the last gap');
    } finally {
      await discard(editor.document);
    }
  });

  test('a letter without gaps: the cursor stays', async () => {
    const editor = await showSample('002');
    moveTo(editor, 3, 1);
    await vscode.commands.executeCommand('imr.nextGap');
    assert.deepStrictEqual([editor.selection.active.line, editor.selection.active.character], [3, 1]);
  });
});
