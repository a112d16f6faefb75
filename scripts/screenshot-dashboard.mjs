#!/usr/bin/env node
// The README's picture of the outcomes dashboard (media/screenshots/dashboard.png, 1280x800): the CLI's
// `report` of the fixture corpus, opened in Debian's headless Chromium through playwright-core, with the
// first bar of the drug classes selected so that its items are listed. The page is the same as the
// extension's webview (one renderer), in its standalone light palette. Run `npm run build` first.
//
//   node scripts/screenshot-dashboard.mjs [--dark] [--out file.png]
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({ options: { dark: { type: 'boolean', default: false }, out: { type: 'string', default: path.join(root, 'media', 'screenshots', 'dashboard.png') } } });
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(CHROMIUM)) {
  process.stderr.write(`no Chromium at ${CHROMIUM}: install Debian's chromium or set CHROMIUM_PATH\n`);
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-dashboard-shot-'));
const page = path.join(dir, 'report.html');
let browser;
try {
  // Run from test/fixtures so that the page names the letters as corpus/....
  execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'report', '--out', page, 'corpus'], { cwd: path.join(root, 'test', 'fixtures'), stdio: 'inherit' });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const tab = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: options.dark ? 'dark' : 'light' });
  const problems = [];
  tab.on('pageerror', (error) => problems.push(error.message));
  tab.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  await tab.goto(`file://${page}`);
  await tab.waitForSelector('#chart-drugClass .hit-bar');
  // The keyboard path: focus the bar and press Enter, as a user without a mouse would.
  await tab.focus('#chart-drugClass .hit-bar');
  await tab.keyboard.press('Enter');
  await tab.waitForSelector('#detail .ref');
  if (problems.length > 0) throw new Error(`the page reported: ${problems.join('; ')}`);
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  await tab.screenshot({ path: options.out });
  process.stdout.write(`${path.relative(process.cwd(), options.out)}\n`);
} finally {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
