/**
 * The way to the PDF bundle. pdf.js and src/core/pdf/extract.ts are a bundle of their own (esbuild.mjs),
 * loaded on the first PDF so that a session without one never pays for them:
 *   - on Node (the CLI, desktop VS Code, the unit tests) `require('./pdf/extract')`, which esbuild
 *     turns into `require('./pdf.js')`, the bundle beside the one running;
 *   - in a web worker (VS Code for the Web) there is no `require` and `importScripts` is blocked: the
 *     caller fetches dist/web/pdf.js and this module evaluates it as a CommonJS module, the way VS Code
 *     evaluates a web extension's own code.
 * This is the only module that names the PDF bundle; everything else reaches it through here, and
 * its types through the index (type imports are erased, so they never load it).
 */

import type { PdfReadOptions, PdfTextResult } from './pdf/extract';

/**
 * The PDF bundle's entry point: a PDF's bytes to its text, or why there is none; with `options.ocr`,
 * pages without a text layer are read by OCR (the engine is in the same bundle).
 */
export type PdfExtractor = (bytes: Uint8Array, options?: PdfReadOptions) => Promise<PdfTextResult>;

/** The PDF bundle's module: the extraction and what the tests call directly. */
export type PdfModule = typeof import('./pdf/extract');

/** The source of the web PDF bundle, fetched by the caller, and the URL it came from (for stack traces). */
export interface PdfBundleSource {
  readonly url: string;
  readonly source: string;
}

function isNodeHost(): boolean {
  return typeof process === 'object' && typeof process?.versions?.node === 'string';
}

/**
 * The PDF bundle, loaded now on Node: `require`, not `import()`, because the CLI and the desktop
 * extension host load CommonJS (and tsx compiles the TypeScript it requires in the tests). Throws
 * when the bundle cannot be loaded.
 */
export function requirePdfModule(): PdfModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./pdf/extract') as PdfModule;
}

/**
 * The PDF extraction, loaded now: on Node by `require`; elsewhere from the bundle that
 * `fetchWebBundle` fetches (required there). Rejects when the bundle cannot be loaded.
 */
export async function loadPdfExtractor(fetchWebBundle?: () => Promise<PdfBundleSource>): Promise<PdfExtractor> {
  if (isNodeHost() || !fetchWebBundle) {
    const { extractPdfText } = requirePdfModule();
    return (bytes, options) => extractPdfText(bytes, undefined, options);
  }
  const { url, source } = await fetchWebBundle();
  const module: { exports: { extractPdfText?: unknown } } = { exports: {} };
  new Function('module', 'exports', `${source}\n//# sourceURL=${url}`)(module, module.exports);
  const extract = module.exports.extractPdfText;
  if (typeof extract !== 'function') throw new Error(`${url} has no extractPdfText`);
  return (bytes, options) => (extract as PdfModule['extractPdfText'])(bytes, undefined, options);
}
