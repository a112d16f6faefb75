// PDF letters in the real workbench: a published PDF opened with IMR: Open PDF Letter or from the
// explorer (the custom editor) shows its text as a read-only `imr` document with every feature
// (outline, diagnostics); IMR: Save as Text Letter writes an editable `.imr` beside it; PDFs that are
// no letters say why; the workspace commands read PDF letters too. In the web host this loads
// dist/web/pdf.js into the extension host worker, so it also tests that lazy loading.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { analyzeText, ITEM_COLUMNS, type ItemRow, parse } from '../../src/core';
import type { ExportResult } from '../../src/extension/exportItems';
import type { ItemNode, LetterNode } from '../../src/extension/itemsTree';
import type { CheckSummary } from '../../src/extension/workspaceCheck';
import { PDF_EDITOR_ID, PDF_SCHEME, pdfSourceOf, pdfTextUri } from '../../src/extension/pdfLetters';
import { bytesOf, rectanglePdf, textPdf } from '../unit/helpers/pdfs';
import { bend, extensionApi, problemsOf, readFixture, sleep, waitFor, workspaceUri } from './gapsKit';
import { SMALL_LETTER } from './lettersKit';

const LETTER = 'CM16-0213037';
const normal = (text: string): string => text.replace(/\s+/g, ' ').trim();

async function symbolsOf(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
  assert.ok(symbols, 'no document symbols');
  return symbols;
}

/** Closes the editors these tests opened (PDF letters' texts, the temporary files), not the others' (which may hold unsaved text). */
async function closeOurEditors(): Promise<void> {
  const ours = (uri: vscode.Uri): boolean => uri.scheme === PDF_SCHEME || uri.path.includes('/tmp-pdf/');
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => {
    const input = tab.input;
    return (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) && ours(input.uri);
  });
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}

suite('PDF letters', () => {
  const temporary: vscode.Uri[] = [];

  suiteSetup(async () => {
    await extensionApi();
  });

  teardown(async () => {
    await closeOurEditors();
    for (const uri of temporary.splice(0)) await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
  });

  /** A file in a temporary folder of the workspace, deleted after the test. */
  async function writeTemporary(name: string, bytes: Uint8Array): Promise<vscode.Uri> {
    const folder = workspaceUri('tmp-pdf');
    if (!temporary.some((uri) => uri.toString() === folder.toString())) temporary.push(folder);
    const uri = vscode.Uri.joinPath(folder, name);
    await vscode.workspace.fs.writeFile(uri, bytes);
    return uri;
  }

  test('IMR: Open PDF Letter shows the text as a read-only imr document, with its outline and problems', async function () {
    this.timeout(60_000);
    const pdf = workspaceUri(`corpus-pdf/${LETTER}.pdf`);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('imr.openPdfLetter', pdf);
    assert.ok(editor, 'no editor');
    const { document } = editor;
    assert.strictEqual(document.uri.scheme, PDF_SCHEME);
    assert.strictEqual(pdfSourceOf(document.uri)?.toString(), pdf.toString());
    assert.strictEqual(document.languageId, 'imr');
    assert.strictEqual(vscode.window.activeTextEditor?.document, document);

    // The same letter as the text version: sections, header fields, items with outcomes.
    const text = await readFixture(`corpus/${LETTER}.txt`);
    const expected = parse(text);
    const symbols = await symbolsOf(document.uri);
    assert.deepStrictEqual(symbols.map((s) => s.name), ['Header', ...expected.sections.map((section) => section.title)]);
    assert.strictEqual(symbols[0]!.children.length, expected.header.length);
    const issues = symbols.find((s) => s.name === 'IMR ISSUES, DECISIONS AND RATIONALES');
    assert.ok(issues, 'no issues section');
    assert.deepStrictEqual(
      issues.children.map((c) => [normal(c.name), c.detail]),
      expected.items.map((item) => [normal(item.name.text), item.outcome === 'upheld' ? 'Upheld' : 'Overturned']),
    );
    for (const item of issues.children) assert.deepStrictEqual(item.children.map((c) => c.name), ['Claims Administrator guideline', 'MAXIMUS guideline', 'Decision rationale']);
    assert.strictEqual(document.getText(issues.children[0]!.selectionRange), 'MRI of the right shoulder without contrast');

    // Its problems are the text version's (codes and messages).
    const problems = analyzeText(text).diagnostics.map((d) => `${d.code} ${d.message}`).sort();
    await waitFor('the problems of the PDF letter', () =>
      JSON.stringify(vscode.languages.getDiagnostics(document.uri).map((d) => `${typeof d.code === 'object' ? d.code.value : d.code} ${d.message}`).sort()) === JSON.stringify(problems),
    );

    // pdf.js is loaded now, into this shared extension host: the host's built-ins are untouched.
    const native = (f: unknown): boolean => typeof f === 'function' && Function.prototype.toString.call(f).includes('[native code]');
    assert.ok(native(Array.prototype.push) && native(JSON.parse) && native(JSON.stringify), 'pdf.js replaced built-ins');
    for (const name of ['pdfjsLib', 'pdfjsWorker', '_pdfjsTestingUtils']) assert.ok(!(name in globalThis), `globalThis.${name} was left behind`);

    // Read-only: typing in the editor changes nothing.
    const before = document.getText();
    await vscode.commands.executeCommand('type', { text: 'x' });
    assert.strictEqual(document.getText(), before);
    assert.ok(!document.isDirty);
  });

  test('a PDF opened from the explorer (its custom editor) hands over to its text at once', async function () {
    this.timeout(30_000);
    const pdf = workspaceUri(`corpus-pdf/${LETTER}.pdf`);
    await vscode.commands.executeCommand('vscode.openWith', pdf, PDF_EDITOR_ID);
    const editor = await waitFor('the text of the PDF letter', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.toString() === pdfTextUri(pdf).toString() ? active : undefined;
    });
    assert.strictEqual(editor.document.languageId, 'imr');
    // The custom editor's own tab is gone.
    await waitFor('the custom editor to close', () => !vscode.window.tabGroups.all.flatMap((group) => group.tabs).some((tab) => tab.input instanceof vscode.TabInputCustom));
  });

  test('IMR: Save as Text Letter writes an editable .imr beside the PDF and opens it', async function () {
    this.timeout(30_000);
    const pdf = await writeTemporary('letter.pdf', await vscode.workspace.fs.readFile(workspaceUri(`corpus-pdf/${LETTER}.pdf`)));
    const shown = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('imr.openPdfLetter', pdf);
    assert.ok(shown);
    const pdfText = shown.document.getText();

    const target = await vscode.commands.executeCommand<vscode.Uri | undefined>('imr.saveAsTextLetter');
    assert.strictEqual(target?.toString(), vscode.Uri.joinPath(workspaceUri('tmp-pdf'), 'letter.imr').toString());
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), pdfText);
    const saved = await waitFor('the saved letter to be shown', () => (vscode.window.activeTextEditor?.document.uri.toString() === target.toString() ? vscode.window.activeTextEditor : undefined));
    assert.strictEqual(saved.document.languageId, 'imr');
    assert.ok(await saved.edit((builder) => builder.insert(new vscode.Position(0, 0), ' ')), 'the saved letter is editable');
    await vscode.commands.executeCommand('workbench.action.files.revert');

    // The workspace commands now take the text file for the letter, not the PDF too.
    const { workspaceLetters } = await extensionApi();
    const files = (await workspaceLetters.letterFiles(undefined, { fresh: true })).map((uri) => vscode.workspace.asRelativePath(uri, false));
    assert.ok(files.includes('tmp-pdf/letter.imr') && !files.includes('tmp-pdf/letter.pdf'), files.filter((f) => f.startsWith('tmp-pdf/')).join(', '));

    // Given the PDF and told to overwrite, it writes again without asking.
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode('old'));
    const again = await vscode.commands.executeCommand<vscode.Uri | undefined>('imr.saveAsTextLetter', { source: pdf.toString(), overwrite: true });
    assert.strictEqual(again?.toString(), target.toString());
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), pdfText);
  });

  test('a problem in a PDF letter: the quick fix is to save it as a text letter, where the fixes are', async function () {
    this.timeout(30_000);
    const pdf = await writeTemporary('gap.pdf', textPdf(bend(SMALL_LETTER, 'Valium 5 mg #24: Upheld', 'Valium 5 mg #24:').split('\n')));
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('imr.openPdfLetter', pdf);
    assert.ok(editor);
    const uri = editor.document.uri;
    await waitFor('IMR001 on the PDF letter', () => problemsOf(uri).some((p) => p.startsWith('IMR001 error')));
    const problem = vscode.languages.getDiagnostics(uri).find((d) => typeof d.code === 'object' && d.code.value === 'IMR001');
    assert.ok(problem);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, problem.range, vscode.CodeActionKind.QuickFix.value);
    const ours = actions.filter((action) => action.command?.command === 'imr.saveAsTextLetter' || action.edit);
    assert.deepStrictEqual(ours.map((action) => [action.title, action.command?.command, Boolean(action.edit)]), [['Save as Text Letter to fix it (a PDF cannot be edited)', 'imr.saveAsTextLetter', false]]);

    const action = ours[0]!;
    const target = await vscode.commands.executeCommand<vscode.Uri | undefined>(action.command!.command, ...(action.command!.arguments ?? []));
    assert.strictEqual(target?.toString(), vscode.Uri.joinPath(workspaceUri('tmp-pdf'), 'gap.imr').toString());
    await waitFor('IMR001 on the text letter', () => problemsOf(target).some((p) => p.startsWith('IMR001 error')));
    const fixed = vscode.languages.getDiagnostics(target).find((d) => typeof d.code === 'object' && d.code.value === 'IMR001');
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', target, fixed!.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(fixes.some((fix) => fix.edit), 'the text letter has quick fixes with edits');
  });

  test('PDFs that are no letters: no document, and the reason', async function () {
    this.timeout(30_000);
    const { letters } = await extensionApi();
    const random = await writeTemporary('random.pdf', bytesOf('not a pdf at all, only named like one'));
    const scan = await writeTemporary('scan.pdf', rectanglePdf());
    const letter = await vscode.workspace.fs.readFile(workspaceUri(`corpus-pdf/${LETTER}.pdf`));
    const cut = await writeTemporary('cut.pdf', letter.slice(0, Math.floor(letter.length / 2)));

    assert.deepStrictEqual(await letters.pdfs.read(random), { kind: 'notPdf', error: 'it is not a PDF file.' });
    assert.deepStrictEqual(await letters.pdfs.read(scan), { kind: 'noText', error: 'this PDF has no text: it is a scanned image and needs OCR first.' });
    assert.deepStrictEqual(await letters.pdfs.read(cut), { kind: 'corrupt', error: 'the PDF is damaged or truncated.' });
    assert.strictEqual(await vscode.commands.executeCommand('imr.openPdfLetter', scan), undefined);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === pdfTextUri(scan).toString()), 'a document was opened');

    // From the explorer: the custom editor stays, showing why (and the ways on).
    await vscode.commands.executeCommand('vscode.openWith', scan, PDF_EDITOR_ID);
    await waitFor('the custom editor of the scan', () =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).some((tab) => tab.input instanceof vscode.TabInputCustom && tab.input.uri.toString() === scan.toString()),
    );
    await sleep(500);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === pdfTextUri(scan).toString()), 'a document was opened');
  });

  test('the workspace check reads PDF letters; their problems belong to their text documents', async function () {
    this.timeout(120_000);
    const { diagnostics } = await extensionApi();
    const summary = await vscode.commands.executeCommand<CheckSummary>('imr.checkWorkspace');
    assert.ok(summary.letters >= 316 + 154, `letters: ${summary.letters}`);
    // The scans (no text layer) are read by OCR when opened, not by the check: it names them.
    const skippedPdfs = summary.skipped.filter((s) => s.file.endsWith('.pdf'));
    assert.deepStrictEqual(
      skippedPdfs.filter((s) => !(s.file.startsWith('corpus-scan/') && s.reason === 'needsOcr')),
      [],
    );
    const pdf = workspaceUri(`corpus-pdf/${LETTER}.pdf`);
    assert.ok(diagnostics.isChecked(pdfTextUri(pdf)), 'the PDF letter was not checked');
    assert.ok(!diagnostics.isChecked(pdf), 'the PDF file itself was checked');
  });

  test('the Disputed Items view lists PDF letters by their PDF; an item opens the text at the item', async function () {
    this.timeout(120_000);
    const { itemsTree: tree } = await extensionApi();
    await vscode.commands.executeCommand('imr.items.showWorkspace');
    try {
      const pdf = workspaceUri(`corpus-pdf/${LETTER}.pdf`);
      const letters = (await tree.getChildren()) as LetterNode[];
      const node = letters.find((letter) => letter.uri.toString() === pdfTextUri(pdf).toString());
      assert.ok(node, 'the PDF letter is not listed');
      const treeItem = tree.getTreeItem(node);
      assert.strictEqual(treeItem.resourceUri?.toString(), pdf.toString());
      assert.strictEqual(treeItem.description, '2 items · 2 upheld · 0 overturned');
      // Its dates line first, then its items.
      const [, second] = (await tree.getChildren(node)).filter((child): child is ItemNode => child.kind === 'item');
      assert.ok(second);
      const command = tree.getTreeItem(second).command;
      assert.ok(command);
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      const editor = await waitFor('the PDF letter at its item', () => {
        const active = vscode.window.activeTextEditor;
        return active?.document.uri.toString() === pdfTextUri(pdf).toString() ? active : undefined;
      });
      assert.strictEqual(editor.document.getText(editor.selection), 'MRI of the cervical spine without contrast');
    } finally {
      await vscode.commands.executeCommand('imr.items.showActiveLetter');
    }
  });

  test('the workspace export reads every PDF letter: the same rows as its text version', async function () {
    this.timeout(120_000);
    const target = workspaceUri('tmp-pdf-items.json');
    temporary.push(target);
    const result = await vscode.commands.executeCommand<ExportResult>('imr.exportItems', { scope: 'workspace', format: 'json', target });
    assert.ok(result);
    const { items } = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target))) as { items: ItemRow[] };
    // Every column, whitespace normalised (a field spanning a line break keeps it as written), but
    // the rationale's length: the other extraction splits a few words ("ove r"), pdf.js does not.
    const columns = ITEM_COLUMNS.filter((column) => column !== 'file' && column !== 'rationaleLength');
    const rowsOf = (file: string): string[] => items.filter((row) => row.file === file).map((row) => columns.map((column) => normal(String(row[column]))).join(' | '));
    const pdfs = [...new Set(items.map((row) => row.file).filter((file) => file.startsWith('corpus-pdf/')))];
    assert.strictEqual(pdfs.length, 154, `${pdfs.length} PDF letters exported`);
    const differences = pdfs.filter((file) => rowsOf(file).join('\n') !== rowsOf(file.replace(/^corpus-pdf\//, 'corpus/').replace(/\.pdf$/, '.txt')).join('\n'));
    assert.deepStrictEqual(differences, []);
  });
});
