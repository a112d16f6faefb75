// Bad input (issue #7): an empty file, a binary file, a letter with NUL bytes, a letter above
// imr.maxFileSize, a 1 MB single line. Each gets the notice that is due and no other, raises no
// error (the extension's output, its notifications and unhandled rejections are watched), and the
// editor stays usable: the bad document takes typing, and a sample letter still gets its outline,
// status and problems. The bad files are written into test/fixtures/misc at run time and deleted.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ImrExtensionApi } from '../../src/extension/extension';
import { outline, tokenSpans } from '../../src/core';
import { discard, extensionApi, openUntitledLetter, problemsOf, readFixture, waitFor, workspaceUri } from './gapsKit';
import { hoverText, showSample, SMALL_LETTER } from './lettersKit';

/** About 1 MB of letter text on one line: the small letter's lines joined with spaces, repeated. */
function oneMegabyteLine(): string {
  const line = SMALL_LETTER.replace(/\s*\n\s*/g, ' ');
  return line.repeat(Math.ceil(1_048_576 / line.length)).slice(0, 1_048_576);
}

/** A PNG's first bytes: VS Code tells a binary file by a NUL byte in its first 512 bytes. */
const PNG_START = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe, 0x00, 0x01]);

interface Notice {
  readonly kind: 'information' | 'warning' | 'error';
  readonly message: string;
}

/**
 * What the extension says while a test runs: its output channel's lines and its notifications, and
 * any promise rejection nobody handled (an `async` listener that threw).
 */
class Watcher {
  readonly lines: string[] = [];
  readonly notices: Notice[] = [];
  readonly rejections: string[] = [];
  private readonly restores: Array<() => void> = [];

  constructor(api: ImrExtensionApi) {
    const output = api.letters.output as { appendLine(value: string): void };
    const appendLine = output.appendLine;
    output.appendLine = (value: string) => {
      this.lines.push(value);
      appendLine.call(output, value);
    };
    this.restores.push(() => (output.appendLine = appendLine));

    // The extension and this suite share one `vscode` API object (the suite is bundled inside the
    // extension's folder), so wrapping `window`'s functions here sees the extension's calls.
    const window = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
    const kinds = { showInformationMessage: 'information', showWarningMessage: 'warning', showErrorMessage: 'error' } as const;
    for (const [name, kind] of Object.entries(kinds)) {
      const original = window[name]!;
      window[name] = (...args: unknown[]) => {
        this.notices.push({ kind, message: String(args[0]) });
        return original.apply(vscode.window, args);
      };
      this.restores.push(() => (window[name] = original));
    }

    // VS Code's worker host blocks addEventListener; the handler property still works.
    const scope = globalThis as { onunhandledrejection?: ((event: PromiseRejectionEvent) => unknown) | null };
    const previous = scope.onunhandledrejection ?? null;
    scope.onunhandledrejection = (event: PromiseRejectionEvent) => {
      const reason: unknown = event.reason;
      this.rejections.push(reason instanceof Error ? (reason.stack ?? reason.message) : String(reason));
      return previous?.call(globalThis, event);
    };
    this.restores.push(() => (scope.onunhandledrejection = previous));
  }

  /** No error anywhere; the output and the notifications hold exactly `expected` (each once). */
  assertQuiet(expected: readonly string[] = []): void {
    assert.deepStrictEqual(this.rejections, [], 'unhandled rejections');
    assert.deepStrictEqual(this.notices.filter((n) => n.kind === 'error'), [], 'error notifications');
    assert.deepStrictEqual(this.lines, expected, 'the extension\u2019s output');
    assert.deepStrictEqual(this.notices.map((n) => n.message), expected, 'notifications');
  }

  dispose(): void {
    for (const restore of this.restores.splice(0).reverse()) restore();
  }
}

suite('bad input', () => {
  let api: ImrExtensionApi;
  let watcher: Watcher | undefined;
  const temporary: vscode.Uri[] = [];
  let autoSave: unknown;

  suiteSetup(async () => {
    api = await extensionApi();
    // Typed-into files are reverted, not saved, before they are deleted (the web build autosaves).
    const files = vscode.workspace.getConfiguration('files');
    autoSave = files.inspect('autoSave')?.globalValue;
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
  });

  setup(() => {
    watcher = new Watcher(api);
  });

  teardown(async () => {
    watcher?.dispose();
    watcher = undefined;
    for (const uri of temporary.splice(0)) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) await discard(open);
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });

  async function writeTemporary(name: string, content: string | Uint8Array): Promise<vscode.Uri> {
    const uri = workspaceUri(`misc/${name}`);
    temporary.push(uri);
    await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    return uri;
  }

  async function symbolsOf(document: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri);
    return symbols ?? [];
  }

  /**
   * The outline the workbench gets is the core's outline of the analysis: the symbol provider ran to
   * the end (the workbench turns a provider's exception into an empty outline, so compare).
   */
  async function assertOutlineAnswered(document: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
    const analysis = api.letters.analysis(document);
    const expected = analysis ? outline(analysis.letter).map((node) => node.kind) : [];
    const symbols = await symbolsOf(document);
    assert.strictEqual(symbols.length, expected.length, `outline of ${document.uri.toString()}: ${JSON.stringify(symbols.map((s) => s.name))}`);
    return symbols;
  }

  /** The semantic tokens the workbench gets are one per span of the core's: the provider ran to the end. */
  async function assertTokensAnswered(document: vscode.TextDocument): Promise<void> {
    const analysis = api.letters.analysis(document);
    assert.ok(analysis, 'analysed');
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', document.uri);
    assert.ok(tokens, 'semantic tokens');
    assert.strictEqual(tokens.data.length / 5, tokenSpans(analysis.letter).length);
  }

  /** The editor still works for a good letter: outline, status bar, problems, commands. */
  async function assertSampleStillWorks(): Promise<void> {
    const editor = await showSample('002');
    const symbols = await symbolsOf(editor.document);
    assert.ok(symbols.some((s) => s.name === 'IMR ISSUES, DECISIONS AND RATIONALES'), JSON.stringify(symbols.map((s) => s.name)));
    await waitFor('the status bar of sample 002', () => api.statusBar.text === '$(law) 3 items · 2 upheld · 1 overturned · 0 gaps');
    await waitFor('sample 002 to be checked', () => api.diagnostics.isLive(editor.document.uri));
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('imr.nextItem');
    assert.strictEqual(editor.document.getText(editor.selection), 'Valium 5gm #90');
  }

  /** Types at the end of the document; the edit lands and the analysis follows the new version. */
  async function typeAtEnd(editor: vscode.TextEditor, text: string): Promise<void> {
    const { document } = editor;
    const before = document.getText();
    const version = document.version;
    assert.strictEqual(await editor.edit((edit) => edit.insert(document.positionAt(before.length), text)), true, 'the edit was applied');
    assert.ok(document.version > version);
    assert.strictEqual(document.getText(), before + text);
  }

  /** Types at the end of a letter that is analysed; the analysis and the outline follow the new text. */
  async function typeAndFollow(editor: vscode.TextEditor, text: string): Promise<void> {
    const { document } = editor;
    await typeAtEnd(editor, text);
    await waitFor('the analysis to follow the typing', () => api.letters.analysis(document)?.letter.text.endsWith(text));
    await assertOutlineAnswered(document);
  }

  /** The letter is checked, and its problems are the analysis's diagnostics. */
  async function assertProblemsAreDiagnostics(uri: vscode.Uri, analysis: { readonly diagnostics: readonly unknown[] }): Promise<void> {
    await waitFor('the letter to be checked', () => api.diagnostics.isLive(uri));
    assert.strictEqual(problemsOf(uri).length, analysis.diagnostics.length);
  }

  test('an empty file opens as a letter with nothing in it, without a notice; a letter typed into it is analysed', async () => {
    const uri = await writeTemporary('tmp-bad-empty.imr', new Uint8Array());
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const { document } = editor;
    assert.strictEqual(document.languageId, 'imr');
    assert.strictEqual(document.getText(), '');
    await waitFor('the status bar of the empty letter', () => api.statusBar.text === '$(law) 0 items · 0 upheld · 0 overturned · 0 gaps');
    assert.deepStrictEqual(await assertOutlineAnswered(document), []);
    await waitFor('the empty letter to be checked', () => api.diagnostics.isLive(uri));
    assert.deepStrictEqual(problemsOf(uri), []);
    assert.deepStrictEqual(api.goToItemPicks(document), []);
    await vscode.commands.executeCommand('imr.nextItem');
    await vscode.commands.executeCommand('imr.nextGap');

    await typeAtEnd(editor, SMALL_LETTER);
    await waitFor('the status bar to follow the typing', () => api.statusBar.text === '$(law) 2 items · 1 upheld · 1 overturned · 0 gaps');
    const symbols = await assertOutlineAnswered(document);
    assert.strictEqual(symbols[0]?.name, 'Header');
    await assertSampleStillWorks();
    watcher!.assertQuiet();
  });

  test('a binary file is refused as text by VS Code, so the extension never analyses it, and says nothing', async () => {
    const uri = await writeTemporary('tmp-bad-binary.imr', PNG_START);
    await assert.rejects(Promise.resolve(vscode.workspace.openTextDocument(uri)), /binary/);
    // Opened from the explorer, it shows VS Code's "binary file" placeholder, not a text editor.
    await vscode.commands.executeCommand('vscode.open', uri);
    try {
      await waitFor('the binary placeholder to be active', () => vscode.window.tabGroups.activeTabGroup.activeTab?.label === 'tmp-bad-binary.imr');
      assert.strictEqual(vscode.window.activeTextEditor, undefined);
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'no text document for the binary file');
      await waitFor('the status bar to hide', () => !api.statusBar.visible);
      assert.deepStrictEqual(api.diagnostics.collection.get(uri) ?? [], []);
      // Asked to treat it as a letter, the extension says there is no text file to switch.
      await vscode.commands.executeCommand('imr.setLanguage');
      assert.deepStrictEqual(watcher!.notices.splice(0).map((n) => n.message), ['Open a file to treat it as an IMR letter.']);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    await assertSampleStillWorks();
    watcher!.assertQuiet();
  });

  test('a letter with NUL bytes that VS Code opens as text is analysed like any letter and takes typing', async () => {
    // NUL bytes past the first 512 bytes (VS Code reads those as text), as a bad extraction leaves them.
    const text = `${SMALL_LETTER.replace('long-term use.', 'long-term\0\0 use.')}\0\0\u0001\u0002`;
    assert.ok(text.indexOf('\0') > 512);
    const uri = await writeTemporary('tmp-bad-nul.txt', text);
    await vscode.workspace.openTextDocument(uri);
    const document = await waitFor('the letter with NUL bytes to switch to imr', () => {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      return open?.languageId === 'imr' ? open : undefined;
    });
    const editor = await vscode.window.showTextDocument(document);
    assert.strictEqual(document.getText(), text);
    await waitFor('the status bar', () => api.statusBar.text === '$(law) 2 items · 1 upheld · 1 overturned · 0 gaps');
    const analysis = api.letters.analysis(document);
    assert.ok(analysis, 'analysed');
    await assertOutlineAnswered(document);
    await assertTokensAnswered(document);
    await assertProblemsAreDiagnostics(uri, analysis);

    await typeAndFollow(editor, '\0 typed');
    await assertSampleStillWorks();
    watcher!.assertQuiet();
  });

  test('binary bytes shown as text in an imr editor (VS Code\u2019s Open Anyway) are analysed without error', async () => {
    const garbage = new TextDecoder().decode(PNG_START);
    assert.ok(garbage.includes('\0'));
    const editor = await openUntitledLetter(`${garbage}\n${SMALL_LETTER}`);
    try {
      assert.ok(api.letters.analysis(editor.document), 'analysed');
      await assertOutlineAnswered(editor.document);
      await assertTokensAnswered(editor.document);
      await typeAtEnd(editor, '\0');
      await assertOutlineAnswered(editor.document);
    } finally {
      await discard(editor.document);
    }
    await assertSampleStillWorks();
    watcher!.assertQuiet();
  });

  test('a letter above imr.maxFileSize is not analysed: one notice, the status bar says so; typing into it works', async () => {
    const letter = await readFixture('gaps/three-gaps.imr');
    const limit = api.letters.settings.maxFileSize;
    const text = letter.repeat(Math.ceil((limit + 1) / letter.length));
    assert.ok(text.length > limit);
    const uri = await writeTemporary('tmp-bad-large.imr', text);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const { document } = editor;
    assert.strictEqual(document.languageId, 'imr');
    const notice = `IMR Annotate: misc/tmp-bad-large.imr has ${text.length} characters, more than imr.maxFileSize (${limit}); it is not analysed.`;
    await waitFor('the notice', () => watcher!.notices.length > 0);
    await waitFor('the status bar to say so', () => api.statusBar.text === '$(law) not analysed');
    assert.strictEqual(api.statusBar.tooltip, 'This letter is larger than imr.maxFileSize and is not analysed.');
    assert.strictEqual(api.letters.analysis(document), undefined);
    assert.deepStrictEqual(await symbolsOf(document), []);
    assert.strictEqual(await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokens', uri), undefined);
    await waitFor('the letter to be checked', () => api.diagnostics.isLive(uri));
    assert.deepStrictEqual(problemsOf(uri), []);
    assert.deepStrictEqual(api.goToItemPicks(document), []);
    await vscode.commands.executeCommand('imr.nextItem');
    await vscode.commands.executeCommand('imr.nextGap');

    await typeAtEnd(editor, 'typed');
    await waitFor('the status bar after typing', () => api.statusBar.text === '$(law) not analysed');
    assert.strictEqual(api.letters.analysis(document), undefined);
    await assertSampleStillWorks();
    watcher!.assertQuiet([notice]);
  });

  test('lowering imr.maxFileSize notifies only about letters shown in an editor; a hidden one says so when shown', async () => {
    // Longer than every sample, so the limit below catches only this letter (sample 002 is shown meanwhile).
    const gaps = await readFixture('gaps/three-gaps.imr');
    const letter = gaps.repeat(Math.ceil(20_000 / gaps.length));
    const uri = await writeTemporary('tmp-bad-hidden.imr', letter);
    const hidden = await vscode.workspace.openTextDocument(uri);
    await showSample('002');
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document === hidden), 'the letter is open but not shown');
    const imr = vscode.workspace.getConfiguration('imr');
    const before = imr.inspect('maxFileSize')?.globalValue;
    const limit = letter.length - 1;
    try {
      await imr.update('maxFileSize', limit, vscode.ConfigurationTarget.Global);
      await waitFor('the new limit', () => api.letters.settings.maxFileSize === limit);
      assert.strictEqual(api.letters.analysis(hidden), undefined, 'not analysed');
      await waitFor('the letter to be checked', () => api.diagnostics.isLive(uri));
      assert.deepStrictEqual(watcher!.notices, [], 'no notice for a letter nobody is looking at');
      await vscode.window.showTextDocument(hidden);
      await waitFor('the notice once it is shown', () => watcher!.notices.length > 0);
      await waitFor('the status bar to say so', () => api.statusBar.text === '$(law) not analysed');
      const notice = `IMR Annotate: misc/tmp-bad-hidden.imr has ${letter.length} characters, more than imr.maxFileSize (${limit}); it is not analysed.`;
      watcher!.assertQuiet([notice]);
    } finally {
      await imr.update('maxFileSize', before, vscode.ConfigurationTarget.Global);
      await waitFor('the limit restored', () => api.letters.settings.maxFileSize !== limit);
    }
  });

  test('a 1 MB single-line file opens as a letter, is analysed, and takes typing', async () => {
    const line = oneMegabyteLine();
    const uri = await writeTemporary('tmp-bad-one-line.txt', line);
    await vscode.workspace.openTextDocument(uri);
    const document = await waitFor('the one-line letter to switch to imr', () => {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      return open?.languageId === 'imr' ? open : undefined;
    });
    const editor = await vscode.window.showTextDocument(document);
    assert.strictEqual(document.lineCount, 1);
    await waitFor('the status bar', () => api.statusBar.text.startsWith('$(law) '));
    const analysis = api.letters.analysis(document);
    assert.ok(analysis, 'analysed');
    // The letter repeated on one line is a packet: the outline's first root is the first letter.
    assert.strictEqual((await assertOutlineAnswered(document))[0]?.name, 'CM16-0213037');
    await assertProblemsAreDiagnostics(uri, analysis);

    await typeAndFollow(editor, ' typed');
    await assertSampleStillWorks();
    watcher!.assertQuiet();
  });

  test('an untitled imr document with a 1 MB single line answers outline, folding, tokens and hover requests', async () => {
    const editor = await openUntitledLetter(oneMegabyteLine());
    const { document } = editor;
    try {
      assert.ok(api.letters.analysis(document), 'analysed');
      assert.strictEqual((await assertOutlineAnswered(document))[0]?.name, 'CM16-0213037');
      await assertTokensAnswered(document);
      const folds = await vscode.commands.executeCommand<vscode.FoldingRange[] | undefined>('vscode.executeFoldingRangeProvider', document.uri);
      assert.deepStrictEqual(folds ?? [], [], 'one line folds nothing');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(document.getText().indexOf('Valium')));
      assert.match(hoverText(hovers), /Brands:\s*Valium/);
      await typeAndFollow(editor, ' typed');
    } finally {
      await discard(document);
    }
    await assertSampleStillWorks();
    watcher!.assertQuiet();
  });
});
