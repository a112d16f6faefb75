// Integration suite entry for VS Code's web-worker extension host. Bundled by esbuild.mjs to
// dist/test/integration/index.js (mocha's browser build, the `assert` polyfill and a `process`
// shim included) and run by scripts/run-web-tests.mjs, which reads mocha's spec reporter output
// from the host's console.
import 'mocha/mocha'; // defines the global `mocha`
import { loadSuites, TEST_TIMEOUT_MS } from './suites';

export async function run(): Promise<void> {
  // reporter undefined => the spec reporter, writing to the console that the runner forwards
  mocha.setup({ ui: 'tdd', reporter: undefined, timeout: TEST_TIMEOUT_MS });
  await loadSuites();
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
