// Letters whose line breaks were lost (issue 18): a corpus letter on one line shows its outline, items,
// outcomes and status like the letter it was, and a one-line text in which nothing of a letter is found
// says why, in the core's words (the CLI's notice), in the Problems panel and the status bar's tooltip.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { lostLineBreaksNote } from '../../src/core';
import { discard, extensionApi, openUntitledLetter, problemsOf, readFixture, waitFor } from './gapsKit';

/** The note's code: stable, for filters and scripts that read the Problems panel. */
const NOTE_CODE = 'lost-line-breaks';

/** The letter as some copy-and-paste and data exports give it: every run of line breaks one space. */
function flattened(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

async function symbolsOf(document: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri);
  assert.ok(symbols, 'no document symbols');
  return symbols;
}

/** The status bar tooltip as plain text: Markdown escapes removed. */
function plain(markdown: string): string {
  return markdown.replace(/\\([\\`*_{}[\]()#+\-.!|<>~$&?])/g, '$1');
}

suite('one-line letters', () => {
  test('a corpus letter with its line breaks lost has its sections, items and outcomes, and no note', async () => {
    const api = await extensionApi();
    const editor = await openUntitledLetter(flattened(await readFixture('corpus/CM16-0213037.txt')));
    const { document } = editor;
    try {
      assert.strictEqual(document.lineCount, 1);
      const symbols = await symbolsOf(document);
      assert.deepStrictEqual(symbols.map((s) => s.name), [
        'Header',
        'HOW THE IMR FINAL DETERMINATION WAS MADE',
        'The Expert Reviewer has the following credentials:',
        'CLINICAL CASE SUMMARY',
        'IMR ISSUES, DECISIONS AND RATIONALES',
      ]);
      assert.deepStrictEqual(symbols[0]!.children.slice(0, 2).map((c) => [c.name, c.detail]), [
        ['Case Number', 'CM16-0213037'],
        ['Date Assigned', '11/09/2016'],
      ]);
      const issues = symbols[4]!;
      assert.deepStrictEqual(issues.children.map((c) => [c.name, c.detail]), [
        ['MRI of the right shoulder without contrast', 'Upheld'],
        ['MRI of the cervical spine without contrast', 'Upheld'],
      ]);
      for (const item of issues.children) {
        // The ranges point into the one line: the item's name is where the outline says.
        assert.strictEqual(document.getText(item.selectionRange), item.name);
        assert.deepStrictEqual(item.children.map((c) => c.name), ['Claims Administrator guideline', 'MAXIMUS guideline', 'Decision rationale']);
      }

      await waitFor('the status bar', () => api.statusBar.text === '$(law) 2 items · 2 upheld · 0 overturned · 0 gaps');
      assert.doesNotMatch(api.statusBar.tooltip, /no line breaks/);
      await waitFor('the letter to be checked', () => api.diagnostics.isLive(document.uri));
      assert.deepStrictEqual(problemsOf(document.uri), []);

      editor.selection = new vscode.Selection(0, 0, 0, 0);
      await vscode.commands.executeCommand('imr.nextItem');
      assert.strictEqual(document.getText(editor.selection), 'MRI of the right shoulder without contrast');
    } finally {
      await discard(document);
    }
  });

  test('a one-line text in which nothing of a letter is found says why: the core\u2019s note, in Problems and the status bar', async () => {
    const api = await extensionApi();
    const letter = await readFixture('corpus/CM16-0213037.txt');
    // The letter's prose without its headings and header: nothing to read it by.
    const prose = flattened(letter.slice(letter.indexOf('MAXIMUS Federal'), letter.indexOf('The Expert Reviewer has')));
    const editor = await openUntitledLetter(prose);
    const { document } = editor;
    try {
      const analysis = api.letters.analysis(document);
      assert.ok(analysis, 'analysed');
      assert.strictEqual(analysis.letter.isDetermination, false);
      const note = `no line breaks: the text is one line of ${prose.length} characters, and no heading, header label, block label or item line with its outcome was found in it (were its line breaks lost?)`;
      assert.strictEqual(lostLineBreaksNote(analysis.letter), note);

      await waitFor('the note in the Problems panel', () => problemsOf(document.uri).length > 0);
      assert.deepStrictEqual(problemsOf(document.uri), [`${NOTE_CODE} info 0:0-0:0`]);
      const shown = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'imr');
      assert.strictEqual(shown[0]!.message, note);
      // A note, not a rule's problem: no fix is offered for it.
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>('vscode.executeCodeActionProvider', document.uri, shown[0]!.range);
      assert.deepStrictEqual((actions ?? []).map((a) => a.title), []);

      await waitFor('the status bar', () => api.statusBar.text === '$(law) 0 items · 0 upheld · 0 overturned · 0 gaps');
      assert.ok(plain(api.statusBar.tooltip).includes(note), api.statusBar.tooltip);

      // Once the text is a letter (a heading and an item line above the prose), the rules' problems replace the note.
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Case Number: CM16-0213037\nIMR ISSUES, DECISIONS AND RATIONALES\nMRI of the right shoulder without contrast: Upheld\n'));
      await waitFor('the note to go', () => {
        const problems = problemsOf(document.uri);
        return problems.some((p) => p.startsWith('IMR002')) && problems.every((p) => !p.startsWith(NOTE_CODE));
      });
      await waitFor('the status bar to follow', () => api.statusBar.text.startsWith('$(law) 1 item · 1 upheld · 0 overturned · '));
      assert.doesNotMatch(plain(api.statusBar.tooltip), /no line breaks/);
    } finally {
      await discard(document);
    }
  });
});
