// Not a test: the extension-host half of scripts/screenshots.mjs, which takes the README's
// screenshots (media/screenshots/*.png) from the real VS Code web build. Bundled by esbuild.mjs to
// dist/test/integration/screenshots.js and run as the "tests" of a VS Code whose workspace is a
// temporary folder holding the walkthrough's sample letter and the sample letters of test/fixtures.
//
// For each screenshot it sets up the UI state, then logs `@@screenshot <name>`; the script sees
// the line (the host's console reaches it through codeAutomationLog), takes the picture and writes
// dist/test/integration/.screenshots/<name>.done, which this side fetches from the extension's own
// location (the server serves the repository there) before moving on. (The workspace folder would
// not do: VS Code's view of it does not see files added after start-up.)
import * as vscode from 'vscode';
import type { ImrExtensionApi } from '../../src/extension/extension';

const EXTENSION_ID = 'imr-annotate.imr-annotate';
const SETTLE_MS = 700;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function folder(): vscode.Uri {
  const first = vscode.workspace.workspaceFolders?.[0];
  if (!first) throw new Error('no workspace folder');
  return first.uri;
}

let extensionUri: vscode.Uri;

async function served(uri: vscode.Uri): Promise<boolean> {
  try {
    const response = await fetch(`${uri.toString(true)}?${Date.now()}`, { cache: 'no-store' });
    return response.ok;
  } catch {
    return false;
  }
}

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Asks the script to do something in the page, and waits until it is done. */
async function ask(request: string, name: string): Promise<void> {
  console.log(`@@${request}`);
  const done = vscode.Uri.joinPath(extensionUri, 'dist', 'test', 'integration', '.screenshots', `${name}.done`);
  await until(`${name} done`, () => served(done), 30_000);
}

/** A screenshot of the current state, once it has settled; only the letter's editor open. */
async function shoot(name: string): Promise<void> {
  await sleep(SETTLE_MS);
  await ask(`screenshot ${name}`, name);
}

let clicks = 0;

async function click(selector: string): Promise<void> {
  clicks += 1;
  await ask(`click click-${clicks} ${selector}`, `click-${clicks}`);
  await sleep(300);
}

async function command(id: string, ...args: unknown[]): Promise<void> {
  await vscode.commands.executeCommand(id, ...args);
}

function positionOf(document: vscode.TextDocument, text: string): vscode.Position {
  const offset = document.getText().indexOf(text);
  if (offset < 0) throw new Error(`"${text}" not in ${document.uri.toString()}`);
  return document.positionAt(offset);
}

async function place(editor: vscode.TextEditor, at: vscode.Position, line: number): Promise<void> {
  editor.selection = new vscode.Selection(at, at);
  // Scroll so that `line` is the first one shown.
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
  await sleep(200);
}

async function clean(): Promise<void> {
  // Only the letter open: VS Code opens its Welcome page (with the walkthrough) on its own schedule.
  await command('workbench.action.closeOtherEditors');
  await command('workbench.action.closeAuxiliaryBar');
  await command('workbench.action.closePanel');
  await command('notifications.clearAll');
}

async function openLetter(): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'sample-letter.imr'));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  await until('the gap flagged', () => vscode.languages.getDiagnostics(document.uri).length > 0);
  return editor;
}

/**
 * Shows `show` as the Explorer's one open view: the others hidden, the folders pane (which cannot
 * be hidden) collapsed by a click on its header, so that `show` gets the whole height.
 */
async function onlyView(show: string): Promise<void> {
  await command('workbench.view.explorer');
  for (const view of ['outline', 'timeline', 'imr.items', 'imr.annotations']) {
    if (view !== show) await vscode.commands.executeCommand(`${view}.removeView`).then(undefined, () => undefined);
  }
  await command(`${show}.focus`);
  if (!foldersCollapsed) {
    await click('.explorer-viewlet .pane-header[aria-label^="Explorer Section"]');
    // Wider than the default, so that item names and outcomes fit.
    for (let i = 0; i < 3; i++) await command('workbench.action.increaseViewSize');
    foldersCollapsed = true;
  }
}

let foldersCollapsed = false;

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<ImrExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  extensionUri = extension.extensionUri;
  const settings = vscode.workspace.getConfiguration();
  for (const [key, value] of Object.entries({
    'outline.collapseItems': 'alwaysExpand',
    'workbench.tips.enabled': false,
    'editor.minimap.enabled': false,
    'editor.stickyScroll.enabled': false,
    'editor.hover.delay': 100,
  })) {
    await settings.update(key, value, vscode.ConfigurationTarget.Global);
  }
  await command('workbench.action.closeAllEditors');
  await clean();

  // 1. The outline: header, sections and items with their outcomes, beside the highlighted letter.
  const editor = await openLetter();
  const { document } = editor;
  await onlyView('outline');
  await place(editor, positionOf(document, 'Naproxen 550 mg #60:'), positionOf(document, 'IMR ISSUES').line - 8);
  await command('workbench.action.focusActiveEditorGroup');
  await clean();
  await shoot('outline');

  // 2. A hover on a drug.
  await command('workbench.action.closeSidebar');
  const drug = positionOf(document, 'Cyclobenzaprine 7.5 mg at bedtime').translate(0, 3);
  await place(editor, drug, Math.max(0, drug.line - 6));
  await command('editor.action.showHover');
  await sleep(1000);
  await shoot('hover');
  await command('editor.action.hideHover');

  // 3. A flagged gap and its quick fixes.
  const gapLine = positionOf(document, 'Cyclobenzaprine 7.5 mg #90').line;
  await place(editor, new vscode.Position(0, 0), gapLine - 8);
  await command('imr.nextGap');
  await command('editor.action.quickFix');
  await sleep(1000);
  await shoot('quick-fix');
  await command('hideCodeActionWidget');

  // 4. The Disputed Items view: every letter of the workspace, the first ones expanded.
  await api.itemsTree.setScope('workspace');
  await onlyView('imr.items');
  await until('the workspace letters listed', async () => (await api.itemsTree.getChildren()).length >= 3);
  const letters = await api.itemsTree.getChildren();
  // Expand every letter by clicking its row, the last first so that the rows above stay in place.
  for (let index = letters.length - 1; index >= 0; index--) {
    await click(`.pane:has(.pane-header[aria-label*="Disputed Items"]) .monaco-list-row[aria-level="1"] >> nth=${index}`);
  }
  await command('workbench.action.focusActiveEditorGroup');
  await place(editor, positionOf(document, 'Naproxen 550 mg #60:'), positionOf(document, 'IMR ISSUES').line - 2);
  await clean();
  await shoot('disputed-items');

  // 5. Annotating: the letter pre-annotated (one colour per label), the Annotations view by label.
  await command('imr.startAnnotating');
  const ann = vscode.Uri.joinPath(folder(), 'sample-letter.ann');
  await until('the .ann written', async () => vscode.workspace.fs.stat(ann).then(() => true, () => false));
  await onlyView('imr.annotations');
  await command('workbench.action.focusActiveEditorGroup');
  await place(editor, positionOf(document, 'Naproxen 550 mg #60:'), positionOf(document, 'IMR ISSUES').line - 2);
  await clean();
  await sleep(1000);
  await shoot('annotations');
}
