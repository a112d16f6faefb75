/**
 * The OCR engine's files (src/core/pdf/ocr.ts): the wasm of Tesseract and its English model. esbuild.mjs
 * copies each from its npm package into `dist/ocr/`; a host reads them from there (or, running from
 * the sources, from the packages) and hands them to the engine, which fetches nothing. Kept apart from
 * the engine so that naming the files never loads it.
 */

import sources from './ocrAssets.json';

/** The folder of dist/ that holds the engine's files. */
export const OCR_ASSET_DIR = 'ocr';

/** The engine's files by name, each with the npm package path it is copied from. */
export const OCR_ASSET_SOURCES: Readonly<Record<OcrAssetName, string>> = sources;

/** The names of the engine's files. */
export type OcrAssetName = keyof typeof sources;

/** The engine's files by role. */
export const OCR_ASSETS = {
  wasm: 'tesseract-core-simd-lstm.wasm',
  model: 'eng.traineddata.gz',
} as const satisfies Record<string, OcrAssetName>;

/** Reads one of the engine's files from the host's own copy (never from the network). */
export type OcrAssetLoader = (name: OcrAssetName) => Promise<Uint8Array>;
