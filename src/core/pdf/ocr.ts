/**
 * Reading a scanned page by OCR: Tesseract compiled to WebAssembly (tesseract.js-core, the engine
 * tesseract.js runs) with the English LSTM model of @tesseract.js-data/eng, both bundled.
 *
 * The engine runs in-process, not through tesseract.js's createWorker: that API always starts a
 * worker (worker_threads on Node, a Worker in a browser) whose script loads the core by `require` or
 * `importScripts` and, unless told otherwise, fetches core and model from a CDN. The VS Code web
 * extension host is itself a web worker that blocks `importScripts`, and a bundled CLI has no worker
 * script beside it; calling the core's TessBaseAPI directly is the one path that works in every host,
 * and it fetches nothing: the host hands over the wasm and the model bytes (`OcrAssetLoader`), which
 * it reads from the extension's or the CLI's own files. The cost: a page's recognition (a few
 * seconds) holds the thread it runs on; callers report progress and check for cancellation between pages.
 *
 * No Node API is used here: this file is part of the lazily loaded PDF bundle.
 */

// The Emscripten factory of the SIMD, LSTM-only build. Plain SIMD runs on Node 20 and every browser
// VS Code for the Web supports (the relaxed-SIMD build does not load on Node 20).
import TesseractCore from 'tesseract.js-core/tesseract-core-simd-lstm.js';
import { OCR_ASSETS, type OcrAssetLoader } from '../ocrAssets';

/** A page image as 8-bit gray levels, row by row from the top (0 black, 255 white). */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** What OCR read on one image: its text (lines, blank lines between paragraphs) and Tesseract's mean word confidence (0-100). */
export interface OcrText {
  readonly text: string;
  readonly confidence: number;
}

/** A loaded engine: recognition is synchronous and reuses the loaded model. */
export interface OcrEngine {
  recognize(image: GrayImage): OcrText;
}

/** pdf.js's decoded image kinds (ImageKind in pdf.js). */
const GRAYSCALE_1BPP = 1;
const RGB_24BPP = 2;
const RGBA_32BPP = 3;

/** An image as pdf.js decodes it (an image XObject's `objs` entry, or an image mask's argument). */
export interface PdfJsImage {
  readonly width: number;
  readonly height: number;
  readonly kind?: number;
  readonly data?: Uint8Array | Uint8ClampedArray;
}

/**
 * The gray levels of an image pdf.js decoded: 1 bit per pixel (1 white, rows padded to a byte), RGB or
 * RGBA. An image mask (no kind: 1 bit, 1 where the page is painted black) comes out black on white.
 * `undefined` for data in a form pdf.js only makes for drawing (an ImageBitmap).
 */
export function grayImageOf(image: PdfJsImage, mask = false): GrayImage | undefined {
  const { width, height, data } = image;
  if (!data || width <= 0 || height <= 0) return undefined;
  const pixels = new Uint8Array(width * height);
  const kind = mask ? GRAYSCALE_1BPP : image.kind;
  if (kind === GRAYSCALE_1BPP) {
    const rowBytes = (width + 7) >> 3;
    if (data.length < rowBytes * height) return undefined;
    const on = mask ? 0 : 255;
    for (let y = 0; y < height; y++) {
      const row = y * rowBytes;
      const out = y * width;
      for (let x = 0; x < width; x++) pixels[out + x] = (data[row + (x >> 3)]! >> (7 - (x & 7))) & 1 ? on : 255 - on;
    }
  } else if (kind === RGB_24BPP || kind === RGBA_32BPP) {
    const step = kind === RGB_24BPP ? 3 : 4;
    if (data.length < step * width * height) return undefined;
    // Rec. 601 luma in integers, as Leptonica converts colour to gray.
    for (let i = 0, j = 0; i < pixels.length; i++, j += step) pixels[i] = (data[j]! * 77 + data[j + 1]! * 150 + data[j + 2]! * 29) >> 8;
  } else {
    return undefined;
  }
  return { width, height, pixels };
}

/** The image as a binary PGM file (P5), which Leptonica reads without any image library. */
export function pgmFile(image: GrayImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const file = new Uint8Array(header.length + image.pixels.length);
  file.set(header);
  file.set(image.pixels, header.length);
  return file;
}

/** Gzip-compressed bytes, decompressed with the platform's DecompressionStream (Node 18+, every browser). */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The part of the Emscripten module and of TessBaseAPI's bindings used here. */
interface TessModule {
  readonly FS: { writeFile(path: string, data: Uint8Array): void; unlink(path: string): void };
  readonly TessBaseAPI: new () => TessBaseApi;
}

interface TessBaseApi {
  Init(dataPath: null, language: string, engineMode: number): number;
  SetVariable(name: string, value: string): boolean;
  SetImageFile(exifOrientation: number, angle: number): number;
  Recognize(monitor: null): number;
  GetUTF8Text(): string;
  MeanTextConf(): number;
  Clear(): void;
}

/** Tesseract's engine mode: the LSTM recognizer only (the model has no legacy part). */
const OEM_LSTM_ONLY = 1;
/** Page segmentation: fully automatic, without orientation detection (Tesseract's own default). */
const PSM_AUTO = '3';

const INPUT_FILE = '/input';

/**
 * Loads the engine: instantiates the wasm (given as bytes, so the Emscripten loader fetches and
 * reads nothing) and the model. Rejects when a file cannot be read or the model does not load.
 */
export async function createOcrEngine(load: OcrAssetLoader): Promise<OcrEngine> {
  const [wasm, model] = await Promise.all([load(OCR_ASSETS.wasm), load(OCR_ASSETS.model).then(gunzip)]);
  const factory = TesseractCore as unknown as (options: object) => Promise<TessModule>;
  const module = await factory({
    wasmBinary: wasm,
    // The engine's own console output (warnings about resolution and the like) is not for the user.
    print: () => undefined,
    printErr: () => undefined,
  });
  module.FS.writeFile('/eng.traineddata', model);
  const api = new module.TessBaseAPI();
  if (api.Init(null, 'eng', OEM_LSTM_ONLY) !== 0) throw new Error('the OCR model could not be loaded');
  api.SetVariable('tessedit_pageseg_mode', PSM_AUTO);
  return {
    recognize(image: GrayImage): OcrText {
      module.FS.writeFile(INPUT_FILE, pgmFile(image));
      try {
        // Orientation 1 (as stored), no rotation: a scan's pages are upright in the PDF.
        if (api.SetImageFile(1, 0) !== 0) throw new Error('the page image could not be read by the OCR engine');
        api.Recognize(null);
        return { text: api.GetUTF8Text(), confidence: api.MeanTextConf() };
      } finally {
        api.Clear();
        module.FS.unlink(INPUT_FILE);
      }
    },
  };
}
