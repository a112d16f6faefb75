// IMR: Export Items...: the rows of the active letter or of every letter in the workspace, as CSV
// or JSON, written where asked (the command takes its choices as arguments, so no dialog opens).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { analyzeText, ITEM_COLUMNS, type ItemRow, itemRows, toJson } from '../../src/core';
import type { ExportResult } from '../../src/extension/exportItems';
import { bend, discard, extensionApi, openUntitledLetter, readFixture, workspaceUri } from './gapsKit';

/** CSV records (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return records;
}

suite('export items', () => {
  const temporary: vscode.Uri[] = [];

  suiteSetup(async () => {
    await extensionApi();
  });

  teardown(async () => {
    for (const uri of temporary.splice(0)) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  function target(name: string): vscode.Uri {
    const uri = workspaceUri(name);
    temporary.push(uri);
    return uri;
  }

  test('exports the items of every letter in the workspace as CSV', async () => {
    const uri = target('tmp-items.csv');
    const result = await vscode.commands.executeCommand<ExportResult>('imr.exportItems', { scope: 'workspace', format: 'csv', target: uri });
    assert.ok(result);
    assert.strictEqual(result.target.toString(), uri.toString());

    const [header, ...records] = parseCsv(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    assert.deepStrictEqual(header, [...ITEM_COLUMNS]);
    assert.strictEqual(records.length, result.items);
    const column = (name: keyof ItemRow): number => ITEM_COLUMNS.indexOf(name);

    // The reviewed snapshot of the samples' and the corpus' items, row for row.
    const expected = JSON.parse(await readFixture('expected-items.json')) as Record<string, string[]>;
    for (const [file, items] of Object.entries(expected)) {
      const rows = records.filter((r) => r[column('file')] === file).map((r) => `${r[column('item')]} → ${r[column('outcome')]}`);
      assert.deepStrictEqual(rows, items, file);
    }
    const gaps = records.filter((r) => r[column('file')] === 'gaps/three-gaps.imr');
    assert.deepStrictEqual(
      gaps.map((r) => [r[column('caseNumber')], r[column('item')], r[column('outcome')], r[column('decisionDate')]]),
      [
        ['CM16-0231706', 'MRI of the right shoulder without contrast', '', '2016-12-29'],
        ['CM16-0231706', 'MRI of the cervical spine without contrast', 'upheld', '2016-12-29'],
        ['CM16-0231706', 'Physical therapy 2 times a week for 4 weeks for the right shoulder', 'upheld', '2016-12-29'],
      ],
    );
    assert.ok(result.letters >= Object.keys(expected).length + 3, `letters: ${result.letters}`);
  });

  test('exports the items of the active letter as JSON, unsaved edits included', async () => {
    const sample = await readFixture('samples/000_d9e3e55ce9e981e8.txt');
    const editor = await openUntitledLetter(bend(sample, '**Valium 5 mg #24:** Upheld', '**Valium 5 mg #12:** Upheld'));
    const { document } = editor;
    try {
      const uri = target('tmp-items.json');
      const result = await vscode.commands.executeCommand<ExportResult>('imr.exportItems', { scope: 'active', format: 'json', target: uri.toString() });
      assert.deepStrictEqual(result && { letters: result.letters, items: result.items }, { letters: 1, items: 1 });
      const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.strictEqual(written, toJson(itemRows(vscode.workspace.asRelativePath(document.uri, false), analyzeText(document.getText()).letter)));
      const { items } = JSON.parse(written) as { items: ItemRow[] };
      assert.deepStrictEqual([items[0]!.item, items[0]!.outcome, items[0]!.generics, items[0]!.caseNumber], ['Valium 5 mg #12', 'upheld', 'diazepam', 'CM14-0060515']);
    } finally {
      await discard(document);
    }
  });

  test('with no letter active, the active-letter export writes nothing', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' });
    await vscode.window.showTextDocument(document);
    try {
      const uri = target('tmp-nothing.csv');
      const result = await vscode.commands.executeCommand<ExportResult | undefined>('imr.exportItems', { scope: 'active', format: 'csv', target: uri });
      assert.strictEqual(result, undefined);
      await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(uri)));
    } finally {
      await discard(document);
    }
  });
});
