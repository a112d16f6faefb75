// Integration suite entry for desktop VS Code's (Node) extension host, run by `@vscode/test-cli`
// (.vscode-test.mjs; `npm run test:desktop`). Bundled by esbuild.mjs to dist/test/integration/desktop.js.
// test-cli's runner creates mocha with the configuration's options (`delay: true` among them),
// defines suite()/test() and then requires this file: the suite files, the same as the web entry's,
// load here and mocha's global run() starts them once they all have.
import { loadSuites } from './suites';

/** Defined by mocha when it runs with `delay: true`. */
declare const run: () => void;

void loadSuites().then(
  () => run(),
  (error: unknown) => {
    // Say it as a failing test rather than run nothing and pass.
    suite('loading the integration suites', () => {
      test('every suite file loads', () => {
        throw error;
      });
    });
    run();
  },
);
