// `npm run test:desktop` cannot run here (desktop VS Code cannot be downloaded), so this checks the part
// of it that can: @vscode/test-cli's own runner, given .vscode-test.mjs's options, loads the desktop
// entry and registers every integration test (mocha's dry run, with a stand-in `vscode` module).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** What the config resolves to, as `vscode-test --list-configuration` prints it. */
function listConfiguration(): Array<{ config: { files: string; mocha: Record<string, unknown> }; extensionTestsPath: string; env: { VSCODE_TEST_OPTIONS: string } }> {
  const bin = path.join(ROOT, 'node_modules', '@vscode', 'test-cli', 'out', 'bin.mjs');
  const child = spawnSync(process.execPath, [bin, '--config', '.vscode-test.mjs', '--list-configuration'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout);
}

/** The `test(...)` calls written in the suite files. */
function writtenTests(): number {
  const dir = path.join(ROOT, 'test', 'integration');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .reduce((n, f) => n + (fs.readFileSync(path.join(dir, f), 'utf8').match(/^\s*test\(/gm)?.length ?? 0), 0);
}

describe('the desktop integration run (@vscode/test-cli)', function () {
  this.timeout(180_000);

  it('.vscode-test.mjs names the desktop bundle, mocha in tdd and delay mode, the samples as the workspace', () => {
    const [only, ...more] = listConfiguration();
    assert.equal(more.length, 0);
    assert.equal(only!.config.files, 'dist/test/integration/desktop.js');
    assert.equal(only!.config.mocha.ui, 'tdd');
    assert.equal(only!.config.mocha.delay, true);
    assert.match(only!.extensionTestsPath, /@vscode[\\/]test-cli[\\/]out[\\/]runner\.cjs$/);
  });

  it("test-cli's runner loads the desktop entry and registers every integration test", async () => {
    const esbuild = (await import('esbuild')) as typeof import('esbuild');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-desktop-suite-'));
    try {
      const bundle = path.join(dir, 'desktop.js');
      await esbuild.build({
        entryPoints: [path.join(ROOT, 'test', 'integration', 'desktop.ts')],
        outfile: bundle,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external: ['vscode'],
        define: { 'import.meta.url': 'undefined' },
        logLevel: 'silent',
      });
      // The extension host's side: test-cli's runner with the configuration's options, `vscode` stood in for.
      const stub = path.join(dir, 'vscode.cjs');
      fs.writeFileSync(
        stub,
        'const proxy = new Proxy(function () {}, { get: (t, k) => (k === "__esModule" ? false : proxy), apply: () => proxy, construct: () => proxy });\nmodule.exports = proxy;\n',
      );
      const [config] = listConfiguration();
      const options = JSON.parse(config!.env.VSCODE_TEST_OPTIONS);
      options.files = [bundle];
      options.mochaOpts = { ...options.mochaOpts, dryRun: true, reporter: 'json', color: false };
      const host = [
        "const Module = require('module');",
        'const resolve = Module._resolveFilename;',
        `Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? ${JSON.stringify(stub)} : resolve.call(this, request, ...rest); };`,
        `require(${JSON.stringify(config!.extensionTestsPath)}).run().catch((e) => { console.error(e); process.exitCode = 1; });`,
      ].join('\n');
      const child = spawnSync(process.execPath, ['-e', host], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, VSCODE_TEST_OPTIONS: JSON.stringify(options) },
      });
      assert.equal(child.status, 0, child.stderr);
      const report = JSON.parse(child.stdout.slice(child.stdout.indexOf('{'))) as { stats: { tests: number; failures: number } };
      assert.equal(report.stats.failures, 0);
      assert.equal(report.stats.tests, writtenTests());
      assert.ok(report.stats.tests >= 90, `${report.stats.tests} tests`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
