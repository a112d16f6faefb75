// Reading scanned letters by OCR (src/core/pdf/ocr.ts through the PDF bundle, and the CLI): mixed
// PDFs, no network, cancellation, and the items and outcomes of the 26 scans of
// test/fixtures/corpus-scan against their text versions.
//
// OCR takes about 4 s a page here (one thread). `npx mocha` reads SUBSET of the scans; `npm run
// test:ocr` (IMR_OCR_ALL=1) reads all 26 (about 65 pages).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeText, OCR_ASSETS, type OcrAssetName, type PdfTextResult, requirePdfModule } from '../../src/core';
import { readOcrAsset } from '../../src/cli/files';
import { cli } from './helpers/cli';
import { mixedPdf, SCANS, scanBytes, TEXTS } from './helpers/scans';

const { extractPdfText, releaseOcrEngine } = requirePdfModule();
const ROOT = path.join(__dirname, '..', '..');

/** The scans `npx mocha` reads (7 pages, 8 items, both outcomes); IMR_OCR_ALL=1 reads every one. */
const SUBSET = ['CM16-0242419', 'CM17-0006797', 'CM17-0008551'];

function textOf(result: PdfTextResult): string {
  assert.ok('text' in result, `expected text, got ${JSON.stringify(result)}`);
  return result.text;
}

/**
 * Makes every network request fail while `body` runs, but those for the project's own files (dist/,
 * node_modules/ as file: URLs): global fetch, XMLHttpRequest, and Node's http/https request and get.
 * Returns the URLs that were refused.
 */
async function offline<T>(body: () => Promise<T>): Promise<{ result: T; refused: string[] }> {
  const refused: string[] = [];
  const own = ['dist', 'node_modules'].map((dir) => pathToFileURL(path.join(ROOT, dir)).href + '/');
  const refuse = (url: string): Error => {
    refused.push(url);
    return new Error(`network request refused in the test: ${url}`);
  };
  const realFetch = globalThis.fetch;
  const realXhr = (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest;
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    return own.some((prefix) => url.startsWith(prefix)) ? realFetch(input, init) : Promise.reject(refuse(url));
  };
  (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = class {
    open(_method: string, url: string): void {
      throw refuse(url);
    }
  };
  // The modules themselves (not an import's copy), so that any caller sees the replacement.
  const nodeRequire = createRequire(__filename);
  const modules = [nodeRequire('node:http') as Record<string, unknown>, nodeRequire('node:https') as Record<string, unknown>];
  const saved = modules.map((module) => ({ request: module.request, get: module.get }));
  for (const module of modules) {
    module.request = (target: unknown) => {
      throw refuse(String((target as { href?: string })?.href ?? target));
    };
    module.get = module.request;
  }
  try {
    return { result: await body(), refused };
  } finally {
    globalThis.fetch = realFetch;
    (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = realXhr;
    modules.forEach((module, i) => Object.assign(module, saved[i]));
  }
}

describe('OCR of scanned PDFs', function () {
  this.timeout(30 * 60_000);
  let mixed: Uint8Array;

  before(async () => {
    mixed = await mixedPdf('CM16-0213037', ['A page with a text layer', 'Second line of it']);
  });

  it('reads a mixed PDF: the page with a text layer by its text, the image-only page by OCR', async () => {
    const result = await extractPdfText(mixed, undefined, { ocr: { loadAsset: readOcrAsset } });
    const text = textOf(result);
    assert.ok('ocr' in result && result.ocr, 'the OCR pages are reported');
    assert.deepEqual(
      result.ocr.map((page) => page.page),
      [2],
    );
    assert.ok(result.ocr[0]!.confidence >= 80 && result.ocr[0]!.confidence <= 100, `confidence ${result.ocr[0]!.confidence}`);
    const [first, second] = text.split('\f');
    assert.equal(first, 'A page with a text layer\nSecond line of it\n');
    assert.match(second!, /Case Number:\s*CM16-0213037/);
    assert.equal(analyzeText(text).letter.header.find((field) => field.name === 'caseNumber')?.value.text, 'CM16-0213037');
  });

  it('without OCR, keeps the text layer and leaves the image-only page empty (a scan alone has no text)', async () => {
    const result = await extractPdfText(mixed);
    assert.equal(textOf(result), 'A page with a text layer\nSecond line of it\n\f\n');
    assert.ok(!('ocr' in result));
    assert.deepEqual(await extractPdfText(scanBytes('CM16-0213037')), {
      kind: 'noText',
      error: 'this PDF has no text: it is a scanned image and needs OCR before it can be read',
    });
  });

  it('loads the engine and reads a page with no network: only the bundled files, by name', async () => {
    releaseOcrEngine();
    const asked: OcrAssetName[] = [];
    const { result, refused } = await offline(() =>
      extractPdfText(mixed, undefined, {
        ocr: {
          loadAsset: (name) => {
            asked.push(name);
            return readOcrAsset(name);
          },
        },
      }),
    );
    assert.deepEqual(refused, []);
    assert.deepEqual(asked.sort(), [OCR_ASSETS.model, OCR_ASSETS.wasm].sort());
    assert.match(textOf(result), /CM16-0213037/);
    // The test's guard does refuse what it should.
    const { result: outside, refused: seen } = await offline(() => fetch('https://cdn.jsdelivr.net/npm/@tesseract.js-data/eng').then(() => 'fetched', (error: Error) => error.message));
    assert.match(outside, /refused/);
    assert.deepEqual(seen, ['https://cdn.jsdelivr.net/npm/@tesseract.js-data/eng']);
  });

  it('reports each page before reading it and stops when cancelled', async () => {
    const seen: Array<[number, number]> = [];
    const result = await extractPdfText(scanBytes('CM16-0213037'), undefined, {
      ocr: { loadAsset: readOcrAsset, onPage: (page, pages) => void seen.push([page, pages]), isCancelled: () => seen.length === 1 },
    });
    assert.deepEqual(seen, [[1, 2]]);
    assert.deepEqual(result, { kind: 'cancelled', error: 'reading the scanned pages by OCR was cancelled' });
  });

  it('CLI: check reads a scan by OCR with a note on stderr and an "ocr" field; --no-ocr says it needs OCR', async () => {
    const file = path.join(SCANS, 'CM16-0213037.pdf');
    const read = await cli('check', '--format', 'json', file);
    assert.equal(read.status, 0, read.stderr);
    assert.match(read.stderr, /^imr-annotate: .*CM16-0213037\.pdf: no text layer on 2 pages: read by OCR \(confidence: page 1 \d+%, page 2 \d+%\)\n$/);
    const [entry] = (JSON.parse(read.stdout) as { files: Array<{ source: string; ocr: { pages: Array<{ page: number; confidence: number }> }; items: unknown[] }> }).files;
    assert.equal(entry!.source, 'pdf');
    assert.deepEqual(
      entry!.ocr.pages.map((page) => page.page),
      [1, 2],
    );
    assert.ok(entry!.items.length > 0);
    // The text format says where the text came from; a mixed PDF's note counts only its scanned page.
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-ocr-'));
    try {
      const mixedFile = path.join(dir, 'mixed.pdf');
      writeFileSync(mixedFile, mixed);
      const text = await cli('check', mixedFile);
      assert.match(text.stdout, /^.*mixed\.pdf \(text read by OCR from the scanned PDF\)\n/);
      assert.match(text.stderr, /mixed\.pdf: no text layer on 1 page: read by OCR \(confidence: page 2 \d+%\)\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const skipped = await cli('check', '--no-ocr', file);
    assert.equal(skipped.status, 2);
    assert.equal(skipped.stderr, `imr-annotate: ${file}: this PDF has no text: it is a scanned image and needs OCR before it can be read\n`);
    assert.equal((await cli('check', '--no-ocr=1', file)).stderr.split('\n')[0], 'imr-annotate: --no-ocr takes no value');
  });

  it('reads the items and outcomes of the scans as their text versions have them (at least 98%, every miss listed)', async () => {
    const all = readdirSync(SCANS)
      .filter((name) => name.endsWith('.pdf'))
      .map((name) => name.slice(0, -'.pdf'.length))
      .sort();
    assert.equal(all.length, 26);
    const letters = process.env.IMR_OCR_ALL === '1' ? all : SUBSET;
    let items = 0;
    const misses: string[] = [];
    let pages = 0;
    const started = performance.now();
    for (const caseNumber of letters) {
      const truth = analyzeText(readFileSync(path.join(TEXTS, `${caseNumber}.txt`), 'utf8')).letter.items;
      const result = await extractPdfText(scanBytes(caseNumber), undefined, { ocr: { loadAsset: readOcrAsset } });
      pages += 'pages' in result ? result.pages : 0;
      const read = analyzeText(textOf(result)).letter.items;
      truth.forEach((item, i) => {
        items++;
        const got = read[i];
        if (!got || got.outcome !== item.outcome || !sameName(got.name.text, item.name.text)) {
          misses.push(`${caseNumber} item ${i + 1}: "${item.name.text}" ${item.outcome ?? 'no decision'} read as ${got ? `"${got.name.text}" ${got.outcome ?? 'no decision'}` : 'nothing'}`);
        }
      });
      if (read.length > truth.length) misses.push(`${caseNumber}: ${read.length - truth.length} item(s) more than the text version`);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`      OCR: ${letters.length} letters, ${pages} pages, ${items} items, ${items - misses.length} right; ${(seconds / pages).toFixed(1)} s a page`);
    for (const miss of misses) console.log(`      miss: ${miss}`);
    assert.ok(items - misses.length >= 0.98 * items, `${misses.length} of ${items} items missed:\n${misses.join('\n')}`);
  });
});

/** Item names that OCR read the same up to a slip or two (letters and digits compared, at most 1 in 10 edited). */
function sameName(a: string, b: string): boolean {
  const x = a.toLowerCase().replace(/[^a-z0-9]/g, '');
  const y = b.toLowerCase().replace(/[^a-z0-9]/g, '');
  return editDistance(x, y) <= Math.max(1, Math.floor(Math.max(x.length, y.length) / 10));
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length]!;
}
