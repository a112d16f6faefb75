// Language detection: a `.txt` letter opens as an IMR letter, other text stays plain text, the
// user's own choice of language is kept, imr.autoDetect turns it off, and IMR: Treat File as an
// IMR Letter switches a file by hand.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, discard, findOne, openDocument, SMALL_LETTER, sleep, waitFor } from './lettersKit';

/** Long enough for detection to have happened, had it been going to. */
const SETTLE_MS = 600;

suite('language detection', () => {
  suiteSetup(async () => {
    await api();
  });

  test('a sample .txt letter opens as an imr document', async () => {
    const uri = await findOne('**/samples/001_*.txt');
    const opened = await vscode.workspace.openTextDocument(uri);
    assert.ok(['plaintext', 'imr'].includes(opened.languageId));
    const document = await waitFor('001 to switch to imr', () => openDocument(uri)?.languageId === 'imr' && openDocument(uri));
    assert.strictEqual(document.languageId, 'imr');
  });

  test('a .txt file that is not a letter stays plain text', async () => {
    const uri = await findOne('**/misc/not-a-letter.txt');
    await vscode.workspace.openTextDocument(uri);
    await sleep(SETTLE_MS);
    assert.strictEqual(openDocument(uri)?.languageId, 'plaintext');
  });

  test('switching a detected letter back to plain text is respected', async () => {
    const uri = await findOne('**/samples/003_*.txt');
    await vscode.workspace.openTextDocument(uri);
    const letter = await waitFor('003 to switch to imr', () => openDocument(uri)?.languageId === 'imr' && openDocument(uri));
    await vscode.languages.setTextDocumentLanguage(letter, 'plaintext');
    await sleep(SETTLE_MS);
    assert.strictEqual(openDocument(uri)?.languageId, 'plaintext', 'detection switched it back to imr');
    await vscode.languages.setTextDocumentLanguage(openDocument(uri)!, 'imr');
  });

  test('with imr.autoDetect off letters stay plain text; turning it on switches the open ones', async () => {
    const configuration = vscode.workspace.getConfiguration('imr');
    const { letters } = await api();
    await configuration.update('autoDetect', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('the setting to apply', () => letters.settings.autoDetect === false);
      const uri = await findOne('**/corpus-layout/CM16-0219557.txt');
      await vscode.workspace.openTextDocument(uri);
      await sleep(SETTLE_MS);
      assert.strictEqual(openDocument(uri)?.languageId, 'plaintext');
      await configuration.update('autoDetect', undefined, vscode.ConfigurationTarget.Global);
      await waitFor('the open letter to switch to imr', () => openDocument(uri)?.languageId === 'imr');
    } finally {
      await configuration.update('autoDetect', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('IMR: Treat File as an IMR Letter switches the active editor', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: SMALL_LETTER });
    await vscode.window.showTextDocument(document);
    await sleep(SETTLE_MS);
    assert.strictEqual(document.languageId, 'plaintext', 'an untitled document is not a .txt file: no detection');
    await vscode.commands.executeCommand('imr.setLanguage');
    const switched = vscode.window.activeTextEditor?.document;
    assert.strictEqual(switched?.languageId, 'imr');
    await discard(switched);
  });
});
