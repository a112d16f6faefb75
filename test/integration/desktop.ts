// Integration suite entry for desktop VS Code's (Node) extension host: the same suite files as
// the web entry, run with mocha's Node API. Bundled by esbuild.mjs to
// dist/test/integration/desktop.js (mocha left external: it is loaded from node_modules) and run
// by scripts/run-desktop-tests.mjs through @vscode/test-electron.
import Mocha from 'mocha';
import { loadSuites, TEST_TIMEOUT_MS } from './suites';

export async function run(): Promise<void> {
  const runner = new Mocha({ ui: 'tdd', color: true, timeout: TEST_TIMEOUT_MS });
  // Define suite()/test() globally before the suite files load, as mocha.setup() does in a browser.
  runner.suite.emit('pre-require', globalThis, 'imr-annotate integration suite', runner);
  await loadSuites();
  await new Promise<void>((resolve, reject) => {
    runner.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
