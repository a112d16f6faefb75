#!/usr/bin/env node
// Renders media/icon.svg to media/icon.png (128x128, transparent background), the extension's
// icon in the Marketplace and the Extensions view: the SVG is the source, the PNG is committed
// because VS Code wants a PNG. Uses Debian's headless Chromium through playwright-core; nothing
// is downloaded.
//
//   node scripts/render-icon.mjs        (npm run render-icon)
// Environment: CHROMIUM_PATH (default /usr/bin/chromium).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { die, root } from './vscode-web.mjs';

const SOURCE = path.join(root, 'media', 'icon.svg');
const TARGET = path.join(root, 'media', 'icon.png');
const SIZE = 128;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!fs.existsSync(CHROMIUM)) die(`no Chromium at ${CHROMIUM}: install it or set CHROMIUM_PATH.`);
const svg = fs.readFileSync(SOURCE, 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  const html = `<!doctype html><html><head><style>html,body{margin:0;padding:0;background:transparent}svg{display:block;width:${SIZE}px;height:${SIZE}px}</style></head><body>${svg}</body></html>`;
  await page.setContent(html);
  await page.screenshot({ path: TARGET, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
} finally {
  await browser.close();
}
console.log(`Wrote ${path.relative(root, TARGET)} (${SIZE}x${SIZE}).`);
