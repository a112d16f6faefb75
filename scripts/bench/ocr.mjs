// OCR speed for `npm run bench`: seconds per page of our OCR (the production dist/pdf.js: tesseract.js-core,
// wasm, one thread) against native Tesseract (the `tesseract` command, e.g. Debian's tesseract-ocr) on the same
// page images and the same English model, one thread each (OMP_THREAD_LIMIT=1 for native), in alternating
// rounds. Each side reads all the pages in one process and loads the model once: time per page = the whole
// run (model load included) / pages. Our side is timed inside its process (after Node and the bundle
// loaded), native's as the command's. Both in CPU seconds (user + system) when /usr/bin/time can tell
// native's, which a machine shared with other work inflates far less than wall time; wall time beside.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';

/** The page images of `scans` (PDF files), at most `pages` of them, written as PGM files into `dir`. */
async function pageImages(pdfBundle, scans, pages, dir) {
  const { extractPageImages, pgmFile } = createRequire(import.meta.url)(pdfBundle);
  const files = [];
  for (const scan of scans) {
    const images = await extractPageImages(new Uint8Array(readFileSync(scan)));
    for (const image of images.flat()) {
      if (files.length >= pages) return files;
      const file = join(dir, `page-${files.length + 1}.pgm`);
      writeFileSync(file, pgmFile(image));
      files.push(file);
    }
  }
  return files;
}

const OURS = `
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const [bundle, assets, ...pages] = process.argv.slice(1);
const { createOcrEngine } = require(bundle);
function gray(file) {
  const bytes = readFileSync(file);
  const header = bytes.subarray(0, 64).toString('latin1').match(/^P5\\s+(\\d+)\\s+(\\d+)\\s+255\\s/);
  return { width: Number(header[1]), height: Number(header[2]), pixels: new Uint8Array(bytes.subarray(header[0].length)) };
}
const images = pages.map(gray);
(async () => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const engine = await createOcrEngine(async (name) => new Uint8Array(readFileSync(join(assets, name))));
  const loaded = performance.now();
  let words = 0;
  for (const image of images) words += engine.recognize(image).text.split(/\\s+/).filter(Boolean).length;
  const t1 = performance.now();
  const cpu = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({ ms: t1 - t0, cpuMs: (cpu.user + cpu.system) / 1000, loadMs: loaded - t0, words }));
})().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
`;

/**
 * Runs the comparison. `dist` is the production build's dist/ (with pdf.js and ocr/), `scans` the PDFs to
 * take pages from; `rounds` alternating rounds. Never throws: a side that cannot run says why.
 */
export async function ocrSpeed({ dist, scans, pages, rounds, scratch }) {
  const bundle = join(dist, 'pdf.js');
  const assets = join(dist, 'ocr');
  if (!existsSync(bundle) || !existsSync(join(assets, 'eng.traineddata.gz'))) return { error: 'n/a (dist/pdf.js or dist/ocr/ was not built)' };
  const dir = join(scratch, 'ocr');
  mkdirSync(dir, { recursive: true });
  let files;
  try {
    files = await pageImages(bundle, scans, pages, dir);
  } catch (error) {
    return { error: `n/a (the page images could not be read: ${String(error?.message ?? error).split('\n')[0]})` };
  }
  // Native Tesseract gets the same model: our eng.traineddata, unpacked into a tessdata folder of its own.
  const tessdata = join(dir, 'tessdata');
  mkdirSync(tessdata, { recursive: true });
  writeFileSync(join(tessdata, 'eng.traineddata'), gunzipSync(readFileSync(join(assets, 'eng.traineddata.gz'))));
  const list = join(dir, 'pages.txt');
  writeFileSync(list, files.join('\n') + '\n');
  const probe = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  const nativeVersion = probe.status === 0 ? (probe.stdout || probe.stderr).split('\n')[0].trim() : undefined;

  const ours = [];
  const theirs = [];
  const oursCpu = [];
  const theirsCpu = [];
  const time = existsSync('/usr/bin/time');
  let nativeError = nativeVersion ? undefined : 'n/a (no `tesseract` command: install tesseract-ocr to compare)';
  let oursError;
  let words;
  for (let round = 0; round < rounds; round++) {
    const child = spawnSync(process.execPath, ['-e', OURS, bundle, assets, ...files], { encoding: 'utf8', timeout: 30 * 60_000 });
    if (child.status !== 0) {
      oursError = `n/a (our OCR failed: ${(child.stderr || String(child.error)).trim().split('\n')[0].slice(0, 160)})`;
      break;
    }
    const result = JSON.parse(child.stdout);
    ours.push(result.ms);
    oursCpu.push(result.cpuMs);
    words = result.words;
    if (nativeError) continue;
    const cpuFile = join(dir, 'native-cpu.txt');
    const command = ['tesseract', '--tessdata-dir', tessdata, list, '-', '-l', 'eng', '--oem', '1', '--psm', '3'];
    const start = performance.now();
    const run = spawnSync(time ? '/usr/bin/time' : command[0], time ? ['-f', '%U %S', '-o', cpuFile, ...command] : command.slice(1), {
      encoding: 'utf8',
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      timeout: 30 * 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = performance.now() - start;
    if (run.status !== 0) nativeError = `n/a (tesseract failed: ${(run.stderr || String(run.error)).trim().split('\n')[0].slice(0, 160)})`;
    else {
      theirs.push(ms);
      if (time) theirsCpu.push(readFileSync(cpuFile, 'utf8').trim().split(/\s+/).reduce((sum, seconds) => sum + Number(seconds) * 1000, 0));
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const out = { pages: files.length, rounds, words, nativeVersion };
  if (oursError) return { ...out, error: oursError };
  // CPU seconds when both are known, else wall seconds; the other kind beside.
  const cpu = !nativeError && theirsCpu.length === theirs.length && theirs.length > 0;
  out.measure = cpu || nativeError ? 'CPU' : 'wall';
  const [mine, native] = out.measure === 'CPU' ? [oursCpu, theirsCpu] : [ours, theirs];
  out.secondsPerPage = median(mine) / 1000 / files.length;
  out.wallSecondsPerPage = median(ours) / 1000 / files.length;
  if (nativeError) out.nativeError = nativeError;
  else {
    out.nativeSecondsPerPage = median(native) / 1000 / files.length;
    out.nativeWallSecondsPerPage = median(theirs) / 1000 / files.length;
    // The ratio of the round medians would mix rounds run under different loads: take each round's own.
    out.ratio = median(mine.map((ms, k) => ms / native[k]));
    out.wallRatio = median(ours.map((ms, k) => ms / theirs[k]));
  }
  return out;
}
