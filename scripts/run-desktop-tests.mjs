#!/usr/bin/env node
// `npm run test:desktop`: the integration suite (dist/test/integration/desktop.js, the same suite files
// as the web run) in desktop VS Code, through @vscode/test-cli with .vscode-test.mjs, which runs it
// with @vscode/test-electron and test/fixtures/samples as the workspace. test-electron downloads VS
// Code from update.code.visualstudio.com into .vscode-test/ unless a copy is cached there or given
// with --vscode. Where that server cannot be reached (as on machines limited to the npm registry),
// this says so within seconds instead of hanging; use `npm run test:integration` (VS Code's web
// build, no download) there.
//
//   node scripts/run-desktop-tests.mjs [--vscode path/to/code] [--version 1.90.0]
//
// Linux without a display: run it under `xvfb-run -a`. Exit status: 0 passed, 1 a test failed or
// none ran, 2 VS Code could not be downloaded or started.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { die, requireFiles, root } from './vscode-web.mjs';

const SUITE = 'dist/test/integration/desktop.js';
const CONFIG = '.vscode-test.mjs';
const UPDATE_SERVER = 'https://update.code.visualstudio.com/api/releases/stable';
const PROBE_TIMEOUT_MS = 5000;
const CACHE = path.join(root, '.vscode-test');

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      vscode: { type: 'string', default: process.env.VSCODE_EXECUTABLE_PATH },
      version: { type: 'string', default: 'stable' },
    },
  }));
} catch (error) {
  die(`${error.message}\nusage: node scripts/run-desktop-tests.mjs [--vscode path] [--version x.y.z]`);
}

requireFiles([SUITE, 'dist/extension.js'], 'run `npm run build` first (`npm run test:desktop` does).');
requireFiles([CONFIG, path.join('node_modules', '@vscode', 'test-cli')], 'run `npm install` first.');

/** Resolves true if the update server answers at all within PROBE_TIMEOUT_MS. */
function updateServerReachable() {
  return new Promise((resolve) => {
    const request = https.get(UPDATE_SERVER, { timeout: PROBE_TIMEOUT_MS }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve(false));
  });
}

const cached = fs.existsSync(CACHE) && fs.readdirSync(CACHE).some((entry) => entry.startsWith('vscode-'));
if (options.vscode) {
  if (!fs.existsSync(options.vscode)) die(`--vscode ${options.vscode}: no such file.`);
} else if (!cached && !(await updateServerReachable())) {
  die(
    `cannot reach ${new URL(UPDATE_SERVER).host} within ${PROBE_TIMEOUT_MS / 1000} s, so desktop VS Code cannot be ` +
      'downloaded on this machine and there is no copy in .vscode-test/.\n' +
      'Run the same suite in VS Code\'s web build instead: `npm run test:integration`. Or pass an installed ' +
      'VS Code with `--vscode /path/to/code` (or VSCODE_EXECUTABLE_PATH).',
  );
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('warning: no DISPLAY; desktop VS Code needs one on Linux: run this under `xvfb-run -a`.');
}

// Run test-cli, watching its output (the host's, copied through) for mocha's summary lines.
const counts = { passing: 0, failing: 0, pending: 0 };
let summarySeen = false;
const bin = path.join(root, 'node_modules', '@vscode', 'test-cli', 'out', 'bin.mjs');
const child = spawn(process.execPath, [bin, '--config', CONFIG], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    ...process.env,
    ...(options.vscode ? { VSCODE_EXECUTABLE_PATH: path.resolve(options.vscode) } : {}),
    VSCODE_TEST_VERSION: options.version,
  },
});
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  for (const line of String(chunk).replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    const summary = /^\s*(\d+) (passing|failing|pending)\b/.exec(line);
    if (summary) {
      counts[summary[2]] = Number(summary[1]);
      summarySeen = true;
    }
  }
});
const status = await new Promise((resolve) => {
  child.on('error', (error) => die(`could not start @vscode/test-cli: ${error.message}`));
  child.on('close', (code) => resolve(code ?? 1));
});
if (!summarySeen) die(`desktop VS Code did not run the tests (vscode-test exited with ${status}).`);

const ok = status === 0 && counts.failing === 0 && counts.passing > 0;
if (counts.pending > 0) console.log(`${counts.pending} skipped`);
console.log(`${counts.passing} passed, ${counts.failing} failed`);
process.exit(ok ? 0 : 1);
