import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeText, documentText, pageText, parse, type PdfTextResult, requirePdfModule, type TextRun } from '../../src/core';
import { cli } from './helpers/cli';
import { buildPdf, bytesOf, onePageObjects, rectanglePdf, stream, textContent, textPdf } from './helpers/pdfs';

// The PDF bundle's module, loaded the way the CLI and desktop VS Code load it.
const { extractPdfText, isPdfHeader, loadPdfJs } = requirePdfModule();

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const PDFS = path.join(FIXTURES, 'corpus-pdf');
const ONE_PDF = path.join(PDFS, 'CM16-0213037.pdf');

function readPdf(file: string): Uint8Array {
  return new Uint8Array(readFileSync(file));
}

function textOf(result: PdfTextResult): string {
  assert.ok('text' in result, `expected text, got ${JSON.stringify(result)}`);
  return result.text;
}

const normal = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** What the comparison looks at: items with outcomes, header fields, section kinds, diagnostics. */
function findings(text: string): { items: string[]; header: string[]; sections: string[]; diagnostics: string[] } {
  const letter = parse(text);
  return {
    items: letter.items.map((item) => `${normal(item.name.text)} → ${item.outcome}`),
    header: letter.header.map((field) => `${field.name}=${normal(field.value.text)}`),
    sections: letter.sections.map((section) => section.kind),
    diagnostics: analyzeText(text).diagnostics.map((d) => `${d.code} ${d.message}`),
  };
}

function run1(runs: Array<Partial<TextRun> & { text: string; x: number; y: number }>): TextRun[] {
  return runs.map((r) => ({ width: r.text.length * 6, size: 12, eol: false, ...r }));
}

// ---- a password-protected PDF, written by hand: the standard security handler, revision 2 (40-bit RC4) ----

const PASSWORD_PAD = bytesOf('\x28\xbf\x4e\x5e\x4e\x75\x8a\x41\x64\x00\x4e\x56\xff\xfa\x01\x08\x2e\x2e\x00\xb6\xd0\x68\x3e\x80\x2f\x0c\xa9\xfe\x64\x53\x69\x7a');

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

const md5 = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(createHash('md5').update(Buffer.concat(parts)).digest());
const padded = (password: string): Uint8Array => new Uint8Array([...bytesOf(password), ...PASSWORD_PAD].slice(0, 32));
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const latin1 = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

/** A one-page PDF with a line of text, readable only with `userPassword` (PDF 1.4, algorithms 3.2–3.5). */
function encryptedPdf(userPassword: string, ownerPassword: string, line: string): Uint8Array {
  const id = bytesOf('imr-annotate-pdf');
  const permissions = -44;
  const p = new Uint8Array(new Int32Array([permissions]).buffer); // little-endian
  const owner = rc4(md5(padded(ownerPassword)).slice(0, 5), padded(userPassword));
  const key = md5(padded(userPassword), owner, p, id).slice(0, 5);
  const user = rc4(key, PASSWORD_PAD);
  const objects = onePageObjects(textContent([line]));
  // Object 4, generation 0: the page's content stream, encrypted with its object key.
  const objectKey = md5(key, new Uint8Array([4, 0, 0, 0, 0])).slice(0, 10);
  objects[3] = stream(latin1(rc4(objectKey, bytesOf(textContent([line])))));
  objects.push(`<< /Filter /Standard /V 1 /R 2 /O <${hex(owner)}> /U <${hex(user)}> /P ${permissions} >>`);
  return buildPdf(objects, `/Encrypt ${objects.length} 0 R /ID [<${hex(id)}> <${hex(id)}>] `);
}

describe('PDF letters', () => {
  describe('the published letters (test/fixtures/corpus-pdf)', () => {
    const names = readdirSync(PDFS).filter((f) => f.endsWith('.pdf')).sort();

    it(`${names.length} PDFs give the same items, outcomes, header, sections and problems as their text versions`, async function () {
      this.timeout(120_000);
      assert.equal(names.length, 154);
      const differences: string[] = [];
      for (const name of names) {
        const result = await extractPdfText(readPdf(path.join(PDFS, name)));
        if (!('text' in result)) {
          differences.push(`${name}: ${result.error}`);
          continue;
        }
        const fromPdf = findings(result.text);
        const fromText = findings(readFileSync(path.join(FIXTURES, 'corpus', name.replace(/\.pdf$/, '.txt')), 'utf8'));
        if (fromPdf.items.length === 0) differences.push(`${name}: no items found in the PDF's text`);
        for (const key of ['items', 'header', 'sections', 'diagnostics'] as const) {
          if (fromPdf[key].join('\n') !== fromText[key].join('\n')) differences.push(`${name} ${key}:\n  PDF:  ${fromPdf[key].join('\n        ')}\n  text: ${fromText[key].join('\n        ')}`);
        }
      }
      assert.deepEqual(differences, []);
    });

    it('rebuilds lines in reading order, keeps page breaks as form feeds and paragraph breaks as blank lines', async () => {
      const text = textOf(await extractPdfText(readPdf(ONE_PDF)));
      const lines = text.split('\n');
      assert.deepEqual(lines.slice(0, 6), [
        'Case Number: CM16-0213037',
        'Date Assigned: 11/09/2016 Date of Injury: 10/13/2016',
        'Decision Date: 12/09/2016 UR Denial Date: 11/03/2016',
        // A two-column table row whose right cell has two lines: the rows are read across.
        'Priority: Standard Application 11/03/2016',
        'Received:',
        '',
      ]);
      assert.ok(lines.includes('HOW THE IMR FINAL DETERMINATION WAS MADE'));
      assert.equal(text.split('\f').length, 2, 'two pages, one form feed');
      assert.match(text, /\n\fThe Final Determination was based on decisions/);
      assert.match(text, /set forth below:\n\nMRI of the right shoulder without contrast: Upheld\n\nClaims Administrator guideline/);
      assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'));
    });

    it('does not detach or change the bytes it is given, and gives the same text twice', async () => {
      const bytes = readPdf(ONE_PDF);
      const copy = bytes.slice();
      const first = textOf(await extractPdfText(bytes));
      assert.equal(bytes.byteLength, copy.byteLength);
      assert.deepEqual(bytes, copy);
      assert.equal(textOf(await extractPdfText(bytes)), first);
    });

    it('leaves the built-ins of the host as they were: no replaced methods, no pdf.js or browser globals', async () => {
      await extractPdfText(readPdf(ONE_PDF));
      const native = (f: unknown): boolean => typeof f === 'function' && Function.prototype.toString.call(f).includes('[native code]');
      // core-js, in pdf.js's legacy build, replaces these with slower JavaScript versions as it loads.
      assert.ok(native(Array.prototype.push), 'Array.prototype.push was replaced');
      assert.ok(native(JSON.parse) && native(JSON.stringify), 'JSON was replaced');
      for (const name of ['pdfjsLib', 'pdfjsWorker', '_pdfjsTestingUtils', 'self']) assert.ok(!(name in globalThis), `globalThis.${name} was left behind`);
    });
  });

  describe('PDFs that are no letters, with a clear reason and never an exception', () => {
    it('a file cut short', async () => {
      const bytes = readPdf(ONE_PDF);
      for (const length of [Math.floor(bytes.length / 2), bytes.length - 200, 2000]) {
        const result = await extractPdfText(bytes.slice(0, length));
        assert.ok('kind' in result && result.kind === 'corrupt', `${length} bytes: ${JSON.stringify(result)}`);
        assert.match(result.error, /damaged or truncated/);
      }
    });

    it('random bytes named .pdf, an empty file, a text file', async () => {
      let seed = 7;
      const random = Uint8Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff);
      for (const bytes of [random, new Uint8Array(), bytesOf('Case Number: CM16-0213037\n')]) {
        const result = await extractPdfText(bytes);
        assert.deepEqual(result, { kind: 'notPdf', error: 'not a PDF file (it does not start with %PDF-)' });
      }
    });

    it('random bytes after a PDF header', async () => {
      let seed = 11;
      const body = Uint8Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff);
      const result = await extractPdfText(new Uint8Array([...bytesOf('%PDF-1.4\n'), ...body, ...bytesOf('\n%%EOF\n')]));
      assert.ok('kind' in result && result.kind === 'corrupt', JSON.stringify(result));
    });

    it('a page with a rectangle and no text: it needs OCR', async () => {
      const result = await extractPdfText(rectanglePdf());
      assert.deepEqual(result, { kind: 'noText', error: 'this PDF has no text: it is a scanned image and needs OCR before it can be read' });
    });

    it('a password-protected PDF', async () => {
      const bytes = encryptedPdf('secret', 'owner', 'Case Number: CM16-0213037');
      // It is a real encrypted PDF: pdf.js reads it with the password ...
      const { lib, worker } = await loadPdfJs();
      const global = globalThis as { pdfjsWorker?: unknown };
      global.pdfjsWorker = worker;
      const task = lib.getDocument({ data: bytes.slice(), password: 'secret', verbosity: 0 });
      delete global.pdfjsWorker;
      const page = await (await task.promise).getPage(1);
      const content = await page.getTextContent();
      assert.deepEqual(content.items.map((item) => ('str' in item ? item.str : '')), ['Case Number: CM16-0213037']);
      await task.destroy();
      // ... and without it, the reader says what is wrong.
      const result = await extractPdfText(bytes);
      assert.ok('kind' in result && result.kind === 'encrypted', JSON.stringify(result));
      assert.match(result.error, /protected by a password/);
    });

    it('a reader that fails to load is a result too', async () => {
      const result = await extractPdfText(textPdf(['x']), Promise.reject(new Error('no pdf.js here')));
      assert.deepEqual(result, { kind: 'corrupt', error: 'the PDF reader could not be loaded: no pdf.js here' });
    });

    it('isPdfHeader: %PDF- within the first KB', () => {
      assert.ok(isPdfHeader(bytesOf('%PDF-1.7')));
      assert.ok(isPdfHeader(bytesOf(' '.repeat(1000) + '%PDF-1.7')));
      assert.ok(!isPdfHeader(bytesOf(' '.repeat(1020) + '%PDF-1.7')));
      assert.ok(!isPdfHeader(bytesOf('%PDF')));
    });
  });

  describe('a PDF written by hand', () => {
    it('its lines, in order, with a blank line where the text leaves a gap', async () => {
      const text = textOf(await extractPdfText(textPdf(['Case Number: CM16-0213037', 'Date Assigned: 11/09/2016', '', 'CLINICAL CASE SUMMARY', 'The injured worker (a 48 year old male).'])));
      assert.equal(text, 'Case Number: CM16-0213037\nDate Assigned: 11/09/2016\n\nCLINICAL CASE SUMMARY\nThe injured worker (a 48 year old male).\n');
    });

    it('text drawn out of order is read top to bottom, left to right', async () => {
      const content = ['BT /F1 12 Tf 300 700 Td (right) Tj ET', 'BT /F1 12 Tf 72 686 Td (second line) Tj ET', 'BT /F1 12 Tf 72 700 Td (left) Tj ET'].join('\n');
      const text = textOf(await extractPdfText(buildPdf(onePageObjects(content))));
      assert.equal(text, 'left right\nsecond line\n');
    });
  });

  describe('layout: text runs to lines', () => {
    it('groups runs by baseline within half the font size, sorts them by x, spaces the gaps', () => {
      const runs = run1([
        { text: 'World', x: 140, y: 100.4 },
        { text: 'Hello', x: 100, y: 100 },
        { text: 'Next', x: 100, y: 114 },
        { text: 'line', x: 124.5, y: 114 }, // 0.5 pt after "Next" (24 wide): no word gap
      ]);
      assert.equal(pageText(runs), 'Hello World\nNextline');
    });

    it('a space drawn as its own run, a line break pdf.js saw, and a run printed twice', () => {
      const runs = run1([
        { text: 'Case', x: 100, y: 100 },
        { text: ' ', x: 124, y: 100, width: 3 },
        { text: 'Number:', x: 127, y: 100, eol: true },
        { text: 'CM16', x: 169, y: 100 },
        { text: 'CM16', x: 169.3, y: 100 },
      ]);
      assert.equal(pageText(runs), 'Case Number: CM16');
    });

    it('a paragraph break (a gap well above the usual line spacing) becomes a blank line', () => {
      const page = run1([
        { text: 'one', x: 72, y: 100 },
        { text: 'two', x: 72, y: 113.8 },
        { text: 'three', x: 72, y: 127.6 },
        { text: 'heading', x: 72, y: 148 }, // 20.4: a heading's spacing, not a paragraph
        { text: 'four', x: 72, y: 175.6 }, // 27.6: a paragraph
      ]);
      assert.equal(documentText([page]), 'one\ntwo\nthree\nheading\n\nfour\n');
    });

    it('pages are separated by a form feed; blank and empty runs make no lines', () => {
      const pages = [run1([{ text: 'page one', x: 72, y: 100 }, { text: '   ', x: 72, y: 200 }]), run1([{ text: '', x: 72, y: 80 }, { text: 'page two', x: 72, y: 100 }])];
      assert.equal(documentText(pages), 'page one\n\fpage two\n');
      assert.equal(documentText([[], []]), '\n\f\n');
    });
  });

  describe('the CLI', () => {

    function tempDir(): string {
      return mkdtempSync(path.join(tmpdir(), 'imr-pdf-'));
    }

    it('checks a PDF named on the command line: the JSON report says "source": "pdf"', async () => {
      const { status, stdout, stderr } = await cli('check', '--format', 'json', ONE_PDF);
      assert.equal(stderr, '');
      assert.equal(status, 0);
      const [file] = (JSON.parse(stdout) as { files: Array<{ path: string; source?: string; items: Array<{ name: string; outcome: string }> }> }).files;
      assert.equal(file?.source, 'pdf');
      assert.deepEqual(file?.items.map((i) => `${i.name} → ${i.outcome}`), ['MRI of the right shoulder without contrast → upheld', 'MRI of the cervical spine without contrast → upheld']);
      const text = await cli('check', ONE_PDF);
      assert.match(text.stdout, /^.*CM16-0213037\.pdf \(text extracted from the PDF\)\n {2}Items \(2\):/);
    });

    it('a bad PDF is reported like an unreadable file (exit 2), the others are still checked', async () => {
      const dir = tempDir();
      writeFileSync(path.join(dir, 'scan.pdf'), rectanglePdf());
      writeFileSync(path.join(dir, 'cut.pdf'), readPdf(ONE_PDF).slice(0, 5000));
      const { status, stdout, stderr } = await cli('check', '--format', 'json', path.join(dir, 'scan.pdf'), path.join(dir, 'cut.pdf'), ONE_PDF);
      assert.equal(status, 2);
      assert.match(stderr, /scan\.pdf: this PDF has no text: it is a scanned image and needs OCR/);
      assert.match(stderr, /cut\.pdf: this PDF is damaged or truncated/);
      const files = (JSON.parse(stdout) as { files: Array<{ source?: string; error?: string; items: unknown[] }> }).files;
      assert.deepEqual(files.map((f) => [f.source, Boolean(f.error), f.items.length]), [['pdf', true, 0], ['pdf', true, 0], ['pdf', false, 2]]);
    });

    it('directories: PDFs are read with --include-pdf, otherwise counted in a hint', async () => {
      const dir = tempDir();
      copyFileSync(ONE_PDF, path.join(dir, 'letter.pdf'));
      copyFileSync(path.join(FIXTURES, 'corpus', 'CM16-0219557.txt'), path.join(dir, 'other.txt'));
      const without = await cli('check', '--format', 'json', dir);
      assert.equal(without.status, 0);
      assert.equal(without.stderr, 'imr-annotate: 1 PDF file in the directories not read: add --include-pdf to check them too\n');
      assert.deepEqual((JSON.parse(without.stdout) as { files: Array<{ path: string }> }).files.map((f) => path.basename(f.path)), ['other.txt']);
      const withPdf = await cli('check', '--format', 'json', '--include-pdf', dir);
      assert.equal(withPdf.stderr, '');
      assert.deepEqual((JSON.parse(withPdf.stdout) as { files: Array<{ path: string; source?: string }> }).files.map((f) => [path.basename(f.path), f.source]), [['letter.pdf', 'pdf'], ['other.txt', undefined]]);
    });

    it('the bundled CLI loads pdf.js from dist/pdf.js only for PDFs', function () {
      const bin = path.join(__dirname, '..', '..', 'dist', 'cli.js');
      if (!existsSync(bin) || !existsSync(path.join(path.dirname(bin), 'pdf.js'))) this.skip();
      assert.doesNotMatch(readFileSync(bin, 'utf8'), /WorkerMessageHandler/, 'pdf.js is inlined in dist/cli.js');
      const result = spawnSync(process.execPath, [bin, 'check', '--format', 'json', ONE_PDF], { encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr, '');
      const [file] = (JSON.parse(result.stdout) as { files: Array<{ source?: string; items: unknown[] }> }).files;
      assert.deepEqual([file?.source, file?.items.length], ['pdf', 2]);
    });
  });
});
