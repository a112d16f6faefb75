// The integration suite files, shared by the web entry (index.ts) and the desktop entry
// (desktop.ts). Each file is imported explicitly: there is no file system to glob in the web
// worker, and esbuild bundles every file listed here. Add new `*.test.ts` files to the list.
//
// The imports are dynamic so that they run after the entry has set up mocha's `suite`/`test`
// globals; esbuild inlines them into the single bundle.

/** Per-test timeout: the first call into the workbench (activation, file search) can be slow. */
export const TEST_TIMEOUT_MS = 20_000;

export async function loadSuites(): Promise<void> {
  await import('./smoke.test');
  await import('./language.test');
  await import('./outline.test');
  await import('./semanticTokens.test');
  await import('./hover.test');
  await import('./itemsTree.test');
  await import('./navigation.test');
  await import('./statusBar.test');
  await import('./diagnostics.test');
  await import('./codeActions.test');
  await import('./settings.test');
  await import('./workspaceCheck.test');
  await import('./exportItems.test');
  await import('./workspaceLetters.test');
  await import('./pdf.test');
  await import('./walkthrough.test');
  await import('./badInput.test');
  await import('./oneLine.test');
  await import('./annotations.test');
  await import('./dashboard.test');
  await import('./packets.test');
  await import('./ocr.test');
}
