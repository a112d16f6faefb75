// The Get Started walkthrough's path through the sample letter: Open Sample Letter gives an
// untitled IMR letter with three items and one gap (IMR002). Opened from the walkthrough, the letter
// goes beside it and the walkthrough keeps the focus (no active text editor); the step buttons (Show
// Outline, Next Flagged Gap) still act on the letter, and the quick fix closes the gap.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { discard, extensionApi, problemsOf, waitFor, waitForProblems } from './gapsKit';

const WALKTHROUGH = 'imr-annotate.imr-annotate#getStarted';
const GAP = 'IMR002 error 45:0-45:49';

/** The editor groups and their tabs, for failure messages. */
function layout(): string {
  return vscode.window.tabGroups.all
    .map((group) => `${group.viewColumn}${group.isActive ? '*' : ''}: ${group.tabs.map((tab) => `${tab.label}${tab.isActive ? '*' : ''}`).join(', ')}`)
    .join(' | ');
}

/**
 * Opens the walkthrough, then the sample letter from it: beside it, with the walkthrough keeping
 * the focus, so that there is no active text editor, as when a step's button is clicked.
 */
async function letterBesideWalkthrough(): Promise<vscode.TextEditor> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
  await waitFor('the walkthrough open', () => vscode.window.tabGroups.activeTabGroup.activeTab !== undefined);
  const editor = await vscode.commands.executeCommand<vscode.TextEditor>('imr.openSampleLetter');
  assert.notStrictEqual(editor.viewColumn, vscode.ViewColumn.One, 'opened beside the walkthrough');
  await waitForProblems(editor.document.uri, [GAP]);
  try {
    await waitFor('no active text editor', () => vscode.window.activeTextEditor === undefined);
  } catch {
    assert.fail(`the active text editor is ${vscode.window.activeTextEditor?.document.uri.toString()} (${layout()})`);
  }
  return editor;
}

suite('walkthrough', () => {
  let letter: vscode.TextDocument | undefined;

  suiteSetup(async () => {
    await extensionApi();
  });

  // One editor group to start from, whatever the suites before left open.
  setup(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.joinAllGroups');
  });

  teardown(async () => {
    if (letter) await discard(letter);
    letter = undefined;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the manifest contributes the walkthrough with a page for every step', () => {
    const extension = vscode.extensions.getExtension('imr-annotate.imr-annotate');
    assert.ok(extension, 'the extension is installed under its publisher.name id');
    const walkthroughs = (extension.packageJSON as { contributes: { walkthroughs: Array<{ id: string; steps: Array<{ id: string; media: { markdown: string } }> }> } }).contributes.walkthroughs;
    assert.deepStrictEqual(
      walkthroughs.map((walkthrough) => [walkthrough.id, walkthrough.steps.map((step) => step.id)]),
      [['getStarted', ['openSample', 'outline', 'goToItem', 'fixGap']]],
    );
  });

  test('Open Sample Letter opens an untitled IMR letter with three items and one gap', async () => {
    const api = await extensionApi();
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('imr.openSampleLetter');
    letter = editor.document;
    assert.strictEqual(letter.uri.scheme, 'untitled');
    assert.strictEqual(letter.languageId, 'imr');
    assert.deepStrictEqual(
      api.goToItemPicks(letter).map((pick) => [pick.label, pick.description?.split(' · ')[0]]),
      [
        ['Naproxen 550 mg #60', 'Overturned'],
        ['Cyclobenzaprine 7.5 mg #90 with 2 refills', 'Upheld'],
        ['Physical therapy 2 times a week for 6 weeks, lumbar spine', 'Upheld'],
      ],
    );
    await waitForProblems(letter.uri, [GAP]);
  });

  test('from the walkthrough, Show Outline makes the letter beside it the active editor', async () => {
    letter = (await letterBesideWalkthrough()).document;
    await vscode.commands.executeCommand('imr.showOutline');
    assert.strictEqual((await waitFor('the letter active', () => vscode.window.activeTextEditor)).document, letter);
  });

  test('from the walkthrough, Next Flagged Gap goes to the gap in the letter beside it, and its quick fix closes it', async () => {
    letter = (await letterBesideWalkthrough()).document;
    await vscode.commands.executeCommand('imr.nextGap');
    const active = await waitFor('the letter focused', () => vscode.window.activeTextEditor);
    assert.strictEqual(active.document, letter);
    assert.strictEqual(active.selection.start.line, 45);

    const diagnostic = vscode.languages.getDiagnostics(letter.uri)[0]!;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', letter.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const fix = actions.find((action) => action.title === 'Insert a "Decision rationale:" block');
    assert.ok(fix?.edit, `the quick fix is offered: ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor('the gap closed', () => problemsOf(letter!.uri).length === 0 || undefined);
    assert.match(letter.getText(), /Page\(s\) 41-42\.\n\nDecision rationale: rationale\n\nPhysical therapy/);
  });
});
