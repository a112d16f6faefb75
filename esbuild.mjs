// Bundles everything from the same sources (src/core is shared by the CLI and the extension):
//   dist/cli.js                       the CLI (Node)
//   dist/extension.js                 the extension for desktop VS Code     (package.json "main")
//   dist/web/extension.js             the extension for VS Code for the Web (package.json "browser")
//   dist/test/integration/index.js    the integration suite, web-worker host (scripts/run-web-tests.mjs)
//   dist/test/integration/desktop.js  the same suite, desktop host      (@vscode/test-cli: .vscode-test.mjs)
//   dist/test/integration/screenshots.js  the README screenshots' UI states (scripts/screenshots.mjs)
//   dist/dashboard.js                 the outcomes dashboard's page script (with Observable Plot), inlined in its pages
//   dist/pdf.js, dist/web/pdf.js      pdf.js and the PDF text extraction (src/core/pdf/extract.ts),
//                                     loaded only when a PDF is read: see pdfBundle below
//   dist/ocr/                         the OCR engine's wasm and English model, copied from their npm
//                                     packages, read only when a scanned page is met: see ocrAssets below
// Flags: --watch (rebuild on change), --production (minified CLI and extension, no source maps),
// --metafile=DIR (also write each bundle's esbuild metafile to DIR/<outfile with / as _>.json: what
// a bundle is made of, for scripts/bench.mjs; DIR is best kept outside dist/).
import * as esbuild from 'esbuild';
import { realpathSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const metafileDir = process.argv.find((arg) => arg.startsWith('--metafile='))?.slice('--metafile='.length);

/** @type {import('esbuild').BuildOptions} */
const common = { bundle: true, sourcemap: !production, logLevel: 'warning' };

/** @type {import('esbuild').BuildOptions} */
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

/** VS Code's extension host loads web extensions as CommonJS inside a web worker. */
/** @type {import('esbuild').BuildOptions} */
const web = {
  ...common,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

/** `vscode` is provided by the extension host at run time. */
const external = ['vscode'];

// ---- the PDF bundle ----
// pdf.js is 1.7 MB minified, several times the rest of the extension, and most sessions never
// open a PDF. So src/core/pdf/extract.ts (with pdf.js) is a bundle of its own, and every other bundle
// reaches it as the external module `./pdf.js`, loaded on first use:
//   - the CLI and desktop VS Code: `import()` becomes `require('./pdf.js')`, i.e. dist/pdf.js beside
//     dist/cli.js and dist/extension.js;
//   - VS Code for the Web: the extension host (a web worker) has no `require` and blocks
//     `importScripts`, so src/extension/pdfLetters.ts fetches dist/web/pdf.js and evaluates it the
//     way VS Code evaluates the extension itself; the `require` esbuild writes there never runs.
const PDF_ENTRY = path.resolve('src/core/pdf/extract.ts');

/**
 * The real path of `file`, or `file` itself when it does not exist. Paths are compared by their real
 * paths: esbuild gives `resolveDir` as a real path, and the working directory may reach the sources
 * through symbolic links (scripts/bench/build.mjs builds in a directory of links to the repository).
 */
function realPath(file) {
  try {
    return realpathSync.native(file);
  } catch {
    return file;
  }
}
const PDF_ENTRY_REAL = realPath(PDF_ENTRY);

/** @type {import('esbuild').Plugin} */
const pdfExternal = {
  name: 'pdf-external',
  setup(build) {
    build.onResolve({ filter: /[\\/]pdf[\\/]extract$/ }, (args) =>
      realPath(path.resolve(args.resolveDir, args.path) + '.ts') === PDF_ENTRY_REAL ? { path: './pdf.js', external: true } : undefined,
    );
  },
};

/**
 * pdf.js runs in-process, its "worker" module loaded beside it. That module starts listening on the
 * global scope when it finds itself in a web worker, which the web extension host is: it must not
 * (VS Code blocks postMessage and addEventListener there). Checked against the pinned pdfjs-dist.
 */
/** @type {import('esbuild').Plugin} */
const pdfWorkerInProcess = {
  name: 'pdf-worker-in-process',
  setup(build) {
    build.onLoad({ filter: /pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf\.worker\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const check = 'typeof window === "undefined" && !isNodeJS && typeof self !== "undefined"';
      const found = source.split(check).length - 1;
      if (found !== 1) return { errors: [{ text: `pdf.worker.mjs: expected the worker self-start check once, found it ${found} times (pdfjs-dist changed?)` }] };
      return { contents: source.replace(check, `false && ${check}`), loader: 'js' };
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const pdf = {
  entryPoints: [PDF_ENTRY],
  minify: production,
  plugins: [pdfWorkerInProcess],
  // pdf.js only reads import.meta.url to find optional native packages on Node; a CommonJS bundle has none.
  define: { 'import.meta.url': 'undefined' },
  // The OCR engine's Emscripten loader (src/core/pdf/ocr.ts) names these in its Node branch only, which
  // never runs in a browser; it is given the wasm's bytes and reads no file.
  external: ['fs', 'crypto'],
};

// ---- the OCR engine's files ----
// Tesseract's wasm (2.8 MB) and the English model (2.9 MB gzipped) are files, not code: copied into
// dist/ocr/ as src/core/ocrAssets.json names them, and read by the host only when a page needs OCR
// (the CLI from disk, the extension from its own URI), so nothing is fetched from a CDN.
const requireFromHere = createRequire(import.meta.url);
async function copyOcrAssets() {
  const sources = JSON.parse(await readFile('src/core/ocrAssets.json', 'utf8'));
  await mkdir('dist/ocr', { recursive: true });
  await Promise.all(Object.entries(sources).map(([name, source]) => copyFile(requireFromHere.resolve(source), path.join('dist/ocr', name))));
}

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...node,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    minify: production,
    plugins: [pdfExternal],
  },
  {
    ...node,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external,
    minify: production,
    plugins: [pdfExternal],
  },
  {
    ...web,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/web/extension.js',
    external,
    minify: production,
    plugins: [pdfExternal],
  },
  {
    ...node,
    ...pdf,
    outfile: 'dist/pdf.js',
    // Node has no DOMMatrix, which pdf.js constructs as it loads (it is only for drawing).
    inject: ['src/core/pdf/domMatrixShim.ts'],
  },
  {
    ...web,
    ...pdf,
    outfile: 'dist/web/pdf.js',
    define: { ...web.define, ...pdf.define },
  },
  {
    // mocha's browser build and the `assert` polyfill are bundled; the polyfill needs `process`.
    ...web,
    entryPoints: ['test/integration/index.ts'],
    outfile: 'dist/test/integration/index.js',
    external,
    inject: ['test/integration/process-shim.ts'],
    plugins: [pdfExternal],
  },
  {
    // Loaded by @vscode/test-cli's runner, which brings mocha (.vscode-test.mjs).
    ...node,
    entryPoints: ['test/integration/desktop.ts'],
    outfile: 'dist/test/integration/desktop.js',
    external,
    plugins: [pdfExternal],
  },
  {
    // Not a test suite: drives VS Code into the states the README's screenshots show (scripts/screenshots.mjs).
    ...web,
    entryPoints: ['test/integration/screenshots.ts'],
    outfile: 'dist/test/integration/screenshots.js',
    external,
  },
  {
    // The outcomes dashboard's page script with Observable Plot, inlined into the page by the core's
    // dashboardHtml (the webview and the CLI's report.html): read from here by both, never fetched by a page.
    // Always minified and without a source map: it travels inside every page.
    ...web,
    format: 'iife',
    entryPoints: ['src/dashboard/page.ts'],
    outfile: 'dist/dashboard.js',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
  },
];

if (metafileDir) for (const options of builds) options.metafile = true;

/** Writes a finished build's metafile, when --metafile=DIR asks for it. */
async function writeMetafile(options, result) {
  if (!metafileDir || !result.metafile || !options.outfile) return;
  await mkdir(metafileDir, { recursive: true });
  await writeFile(path.join(metafileDir, `${options.outfile.replace(/[\\/]/g, '_')}.json`), JSON.stringify(result.metafile));
}

if (watch) {
  await copyOcrAssets();
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  // Build every bundle even if one fails (esbuild has already printed the error), then fail.
  const results = await Promise.allSettled([...builds.map(async (options) => writeMetafile(options, await esbuild.build(options))), copyOcrAssets()]);
  for (const result of results) if (result.status === 'rejected' && !(result.reason?.errors)) console.error(result.reason);
  if (results.some((result) => result.status === 'rejected')) process.exitCode = 1;
}
