// The @vscode/test-cli configuration: the integration suite in desktop VS Code, which test-cli
// downloads through @vscode/test-electron (into .vscode-test/) unless VSCODE_EXECUTABLE_PATH names an
// installed one. `npm run test:desktop` builds, checks that a VS Code can be had, then runs
// `vscode-test` with this file; the same suite runs in VS Code's web build with `npm run test:integration`.
import { defineConfig } from '@vscode/test-cli';

const installed = process.env.VSCODE_EXECUTABLE_PATH;

export default defineConfig({
  label: 'integration (desktop)',
  files: 'dist/test/integration/desktop.js',
  version: process.env.VSCODE_TEST_VERSION || 'stable',
  ...(installed ? { useInstallation: { fromPath: installed } } : {}),
  workspaceFolder: 'test/fixtures/samples',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  // delay: the suite files load asynchronously (test/integration/desktop.ts calls mocha's run()).
  mocha: { ui: 'tdd', timeout: 20_000, delay: true, color: true },
  download: { timeout: 15_000 },
});
