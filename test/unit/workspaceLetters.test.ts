// The workspace's letters (src/extension/workspaceLetters.ts) over a workspace of 1,000 letters held in
// memory by a stand-in `vscode`: the view's scan, the check and the export read every letter, and
// each is analysed once; a file written again is analysed once more, the others not.
import { CancellationTokenSource, EventEmitter, testWorkspace, type Uri, type OpenDocument } from './helpers/vscodeStandIn'; // first: it answers `require('vscode')`
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { analyzeText, DEFAULT_SETTINGS, LetterAnalyzer, type Settings } from '../../src/core';
import { type LetterSource, type WorkspaceLetter, WorkspaceLetters, type WorkspaceLettersChange } from '../../src/extension/workspaceLetters';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'corpus');
const LETTERS = readdirSync(CORPUS).sort().map((name) => readFileSync(path.join(CORPUS, name), 'utf8'));
const COUNT = 1000;

/** What the service is handed instead of the extension's Letters: the same analyses, settings that a test changes. */
function letterSource(): LetterSource & { setSettings(change: Partial<Settings>): void; openAnalyses: number } {
  let settings: Settings = DEFAULT_SETTINGS;
  const settingsChanged = new EventEmitter<void>();
  const analyzer = new LetterAnalyzer();
  const source = {
    openAnalyses: 0,
    get settings(): Settings {
      return settings;
    },
    setSettings(change: Partial<Settings>): void {
      settings = { ...settings, ...change };
      analyzer.configure({});
      settingsChanged.fire();
    },
    isLetter: (document: vscode.TextDocument) => document.languageId === 'imr',
    analysis: (document: vscode.TextDocument) => {
      if (document.getText().length > settings.maxFileSize) return undefined;
      source.openAnalyses++;
      return analyzer.analyze(document);
    },
    analyzeText: (text: string) => analyzeText(text),
    onDidChangeSettings: settingsChanged.event as unknown as vscode.Event<void>,
    // The PDFs of this workspace hold the text of the letter they are named after.
    pdfs: {
      read: async (pdf: vscode.Uri) => ({ text: LETTERS[Number(/(\d+)\.pdf$/.exec(pdf.path)![1]) % LETTERS.length]! }),
      fileChanged: () => undefined,
    },
  };
  return source;
}

/** The workspace: letters 0-999 (.txt and .imr), a binary file, notes that are no letter, and a PDF beside its saved text. */
function writeWorkspace(): void {
  for (let i = 0; i < COUNT - 2; i++) testWorkspace.write(`letters/${String(i).padStart(4, '0')}.${i % 3 === 0 ? 'imr' : 'txt'}`, LETTERS[i % LETTERS.length]!);
  testWorkspace.write('pdfs/0998.pdf', '%PDF-');
  testWorkspace.write('pdfs/0999.pdf', '%PDF-');
  testWorkspace.write('pdfs/0999.imr', LETTERS[999 % LETTERS.length]!);
  testWorkspace.write('notes/binary.txt', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]));
  testWorkspace.write('notes/shopping.txt', 'Milk, bread and tramadol for the cat.');
  testWorkspace.write('node_modules/pkg/readme.txt', LETTERS[0]!);
}

/** Every listed letter read, as the view's scan, the check and the export each do. */
async function readAll(workspace: WorkspaceLetters, fresh = false): Promise<WorkspaceLetter[]> {
  const token = new CancellationTokenSource().token as unknown as vscode.CancellationToken;
  const uris = await workspace.letterFiles(token, { fresh });
  const results: WorkspaceLetter[] = [];
  assert.equal(await workspace.readEach(uris, token, (result) => results.push(result)), true);
  return results;
}

function nextChange(workspace: WorkspaceLetters): Promise<WorkspaceLettersChange> {
  return new Promise((resolve) => {
    const listener = workspace.onDidChange((change) => {
      listener.dispose();
      resolve(change);
    });
  });
}

describe('workspace letters (1,000 letters, a stand-in vscode)', function () {
  this.timeout(120_000);
  let source: ReturnType<typeof letterSource>;
  let workspace: WorkspaceLetters;
  let analysed: Map<string, number>;

  beforeEach(() => {
    testWorkspace.clear();
    writeWorkspace();
    source = letterSource();
    workspace = new WorkspaceLetters(source);
    analysed = new Map();
    workspace.onDidAnalyze((uri) => analysed.set(uri.toString(), (analysed.get(uri.toString()) ?? 0) + 1));
  });

  afterEach(() => workspace.dispose());

  it('the view, the check and the export read every letter, and each is analysed once', async () => {
    // The view's scan and the check at the same time, then the export.
    const [view, check] = await Promise.all([readAll(workspace), readAll(workspace, true)]);
    const exported = await readAll(workspace, true);
    for (const results of [view, check, exported]) {
      assert.equal(results.filter((result) => 'analysis' in result).length, COUNT);
      assert.deepEqual(
        results.filter((result) => 'skipped' in result).map((result) => `${result.uri.path} ${'skipped' in result ? result.skipped : ''}`),
        ['/workspace/notes/binary.txt binary', '/workspace/notes/shopping.txt notLetter'],
      );
    }
    assert.ok(!view.some((result) => /node_modules|0999\.pdf/.test(result.uri.toString())), 'an excluded file or a PDF with its text saved beside it was read');
    assert.ok(view.some((result) => result.uri.scheme === 'imr-pdf' && 'analysis' in result), 'the PDF letter is read as its text document');
    assert.equal(workspace.analyses, COUNT);
    assert.equal(analysed.size, COUNT);
    assert.ok([...analysed.values()].every((count) => count === 1));
  });

  it('a file written again is analysed once more, the others not', async () => {
    await readAll(workspace);
    const changing = nextChange(workspace);
    const uri = testWorkspace.write('letters/0007.txt', LETTERS[8]!);
    assert.deepEqual((await changing).changed.map(String), [uri.toString()]);
    await readAll(workspace);
    await readAll(workspace, true);
    assert.equal(workspace.analyses, COUNT + 1);
    assert.equal(analysed.get(uri.toString()), 2);
  });

  it('a letter created or deleted: the list follows, nothing else is analysed again', async () => {
    await readAll(workspace);
    const creating = nextChange(workspace);
    const created = testWorkspace.write('letters/new.imr', LETTERS[3]!);
    assert.deepEqual((await creating).created.map(String), [created.toString()]);
    assert.equal((await readAll(workspace)).length, COUNT + 3);
    const deleting = nextChange(workspace);
    testWorkspace.delete('letters');
    assert.equal((await deleting).deleted.length, COUNT - 1);
    assert.equal((await readAll(workspace)).length, 2 + 2);
    assert.equal(workspace.analyses, COUNT + 1);
  });

  it('a settings change reads every letter again, with the new size limit', async () => {
    await readAll(workspace);
    const changing = nextChange(workspace);
    source.setSettings({ maxFileSize: 1000 });
    assert.equal((await changing).all, true);
    const small = await readAll(workspace);
    assert.ok(small.every((result) => 'skipped' in result && ['tooLarge', 'binary', 'notLetter'].includes(result.skipped)));
    assert.equal(workspace.analyses, COUNT, 'a file above the limit is not analysed');
    source.setSettings({ maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    await readAll(workspace);
    await readAll(workspace);
    assert.equal(workspace.analyses, 2 * COUNT);
  });

  it('an open letter is read as its live text, per version; closed, as its file again', async () => {
    await readAll(workspace);
    const uri = testWorkspace.uri('letters/0004.txt');
    const document = testWorkspace.open(uri as Uri, 'imr');
    const open = await workspace.read(uri as unknown as vscode.Uri);
    assert.ok('analysis' in open && open.open);
    await workspace.read(uri as unknown as vscode.Uri);
    assert.equal(source.openAnalyses, 1);

    const changing = nextChange(workspace);
    const edited = `${LETTERS[4]!}\nAddendum: the reviewer's signature follows.`;
    testWorkspace.edit(document, edited);
    assert.deepEqual((await changing).changed.map(String), [uri.toString()]);
    const live = await workspace.read(uri as unknown as vscode.Uri);
    assert.ok('analysis' in live && live.text === edited);

    const closing = nextChange(workspace);
    testWorkspace.close(document as OpenDocument);
    assert.deepEqual((await closing).changed.map(String), [uri.toString()]);
    const saved = await workspace.read(uri as unknown as vscode.Uri);
    assert.ok('analysis' in saved && !saved.open && saved.text === LETTERS[4]);
    // The file's own analysis was kept while it was open: none of the service's analyses is repeated.
    assert.equal(workspace.analyses, COUNT);
  });

  it('a cancelled scan stops before the end', async () => {
    const source = new CancellationTokenSource();
    const token = source.token as unknown as vscode.CancellationToken;
    const uris = await workspace.letterFiles(token);
    let read = 0;
    const completed = await workspace.readEach(uris, token, () => {
      if (++read === 100) source.cancel();
    });
    assert.equal(completed, false);
    assert.ok(read < uris.length);
    assert.ok(workspace.analyses < COUNT, `${workspace.analyses} analysed`);
  });
});
