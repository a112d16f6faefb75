// Shared by the diagnostics, code action, settings, workspace check and export suites: the
// extension's API, the hand-made letters with known gaps (test/fixtures/gaps), and waiting for the
// Problems panel to settle. Host-agnostic.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ImrExtensionApi } from '../../src/extension/extension';

const EXTENSION_ID = 'imr-annotate.imr-annotate';

export async function extensionApi(): Promise<ImrExtensionApi> {
  const extension = vscode.extensions.getExtension<ImrExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

export function workspaceUri(path: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder');
  return vscode.Uri.joinPath(folder.uri, path);
}

export async function readFixture(path: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(path)));
}

/** Polls `probe` until it returns something other than undefined/false; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => {
      // Wake on a diagnostics change or after a short while, whichever comes first.
      const timer = setTimeout(done, 50);
      const subscription = vscode.languages.onDidChangeDiagnostics(done);
      function done(): void {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      }
    });
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const SEVERITY_NAMES = ['error', 'warning', 'info', 'hint'];

/** The extension's diagnostics of a file as `IMR001 error 29:0-29:42`, in order. */
export function problemsOf(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'imr')
    .map((d) => {
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      const { start, end } = d.range;
      return `${code} ${SEVERITY_NAMES[d.severity]} ${start.line}:${start.character}-${end.line}:${end.character}`;
    });
}

/** Waits until the file's diagnostics are exactly `expected` (any order). */
export async function waitForProblems(uri: vscode.Uri, expected: readonly string[], timeoutMs?: number): Promise<void> {
  const want = [...expected].sort();
  try {
    await waitFor(`problems ${JSON.stringify(want)}`, () => JSON.stringify([...problemsOf(uri)].sort()) === JSON.stringify(want), timeoutMs);
  } catch {
    assert.deepStrictEqual([...problemsOf(uri)].sort(), want);
  }
}

/** The three hand-made gap letters' diagnostics as the rules report them. */
export const THREE_GAPS = ['IMR001 error 29:0-29:42', 'IMR002 error 41:0-41:50', 'IMR004 warning 49:68-49:74'];
export const MARKDOWN_GAPS = ['IMR006 warning 3:56-3:66', 'IMR001 error 21:2-21:17', 'IMR001 error 29:2-29:21', 'IMR003 warning 37:0-37:33'];
export const UNOPENED = ['IMR006 warning 3:15-3:25', 'IMR006 warning 3:15-3:25', 'IMR002 error 31:0-31:19'];

/** An untitled `imr` document with `content`, shown in an editor: edits change nothing on disk. */
export async function openUntitledLetter(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'imr', content });
  return vscode.window.showTextDocument(document);
}

/** Closes an untitled editor without asking to save it. */
export async function discard(document: vscode.TextDocument): Promise<void> {
  if (document.isClosed) return;
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** Replaces exactly one occurrence of `from` (fails loudly otherwise, so a test never bends nothing). */
export function bend(text: string, from: string, to: string): string {
  const count = text.split(from).length - 1;
  assert.strictEqual(count, 1, `expected exactly one ${JSON.stringify(from)}, found ${count}`);
  return text.replace(from, () => to);
}

/** Sets an `imr.*` user setting (undefined removes it) and waits until the extension has read it. */
export async function setSetting(key: string, value: unknown, applied: () => boolean): Promise<void> {
  await vscode.workspace.getConfiguration('imr').update(key, value, vscode.ConfigurationTarget.Global);
  await waitFor(`imr.${key} = ${JSON.stringify(value)} to take effect`, applied);
}

/**
 * Runs `run` with auto save off (VS Code for the Web saves after a delay by default), so that a
 * file edited by a test stays unsaved until the test says otherwise.
 */
export async function withAutoSaveOff<T>(run: () => Promise<T>): Promise<T> {
  const files = vscode.workspace.getConfiguration('files');
  const before = files.inspect('autoSave')?.globalValue;
  await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  try {
    return await run();
  } finally {
    await files.update('autoSave', before, vscode.ConfigurationTarget.Global);
  }
}
