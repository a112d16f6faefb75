/**
 * The text of a published IMR letter PDF, for the parser: pdf.js reads the text runs of each page,
 * `layout.ts` puts them back in reading order, pages are separated by form feeds and page furniture
 * is kept (the parser tolerates it, as it does in the other extractions).
 *
 * pdf.js runs in-process: its "worker" is loaded as a module and handed to pdf.js as the main-thread
 * worker (`globalThis.pdfjsWorker`), so no worker file is served or spawned — which neither a VS Code
 * web extension host (itself a worker that may not create workers from extension code) nor a
 * bundled CLI could provide. The legacy build is used everywhere: it runs on Node 20 and in any
 * browser VS Code for the Web supports, and it is the same code in every host.
 *
 * No Node API is used here: this file is bundled into the web extension's lazily loaded PDF bundle.
 * Never throws: every failure is a result with a message for the user.
 */

import type * as PdfJsLib from 'pdfjs-dist/legacy/build/pdf.mjs';
import { documentText, type TextRun } from './layout';
import type { OcrAssetLoader } from '../ocrAssets';
import { createOcrEngine, grayImageOf, type GrayImage, type OcrEngine, type PdfJsImage } from './ocr';

/** pdf.js: its API module and its worker module, run in-process. */
export interface PdfJs {
  readonly lib: typeof PdfJsLib;
  readonly worker: { readonly WorkerMessageHandler: unknown };
}

export type PdfErrorKind = 'encrypted' | 'noText' | 'corrupt' | 'notPdf' | 'cancelled';

/** A page whose text was read by OCR: its number (1-based) and Tesseract's mean word confidence (0-100). */
export interface OcrPage {
  readonly page: number;
  readonly confidence: number;
}

export type PdfTextResult =
  | {
      readonly text: string;
      readonly pages: number;
      /** The pages read by OCR (pages without a text layer), when any were: the rest came from the text layer. */
      readonly ocr?: readonly OcrPage[];
    }
  | { readonly error: string; readonly kind: PdfErrorKind };

/** Reading the pages that have no text layer by OCR (without these options, such a PDF has no text). */
export interface PdfOcrOptions {
  /** Reads the engine's files from the host's own copy: see `OcrAssetLoader`. */
  readonly loadAsset: OcrAssetLoader;
  /**
   * Called before a page is read by OCR, with its number and the document's page count. Awaited: a
   * host whose UI must update or whose cancellation must arrive lets its event loop turn here.
   */
  readonly onPage?: (page: number, pages: number) => void | Promise<void>;
  /** Asked before each page read by OCR: true stops the reading with a `cancelled` result. */
  readonly isCancelled?: () => boolean;
}

export interface PdfReadOptions {
  readonly ocr?: PdfOcrOptions;
}

/** The messages of the failures, in the user's words (the caller may prefix the file name). */
export const PDF_ERROR_MESSAGES: Readonly<Record<PdfErrorKind, string>> = {
  notPdf: 'not a PDF file (it does not start with %PDF-)',
  encrypted: 'this PDF is protected by a password: open it in a PDF reader and save an unprotected copy or its text',
  noText: 'this PDF has no text: it is a scanned image and needs OCR before it can be read',
  corrupt: 'this PDF is damaged or truncated and cannot be read',
  cancelled: 'reading the scanned pages by OCR was cancelled',
};

let loading: Promise<PdfJs> | undefined;

function restoreWorkerGlobal(previous: unknown): void {
  const global = globalThis as { pdfjsWorker?: unknown };
  if (previous === undefined) delete global.pdfjsWorker;
  else global.pdfjsWorker = previous;
}

/**
 * New globals that stay after pdf.js has loaded: the ES2025 `Iterator` (polyfilled where missing) and
 * core-js's store, which its polyfills use at run time. Any other new global goes: pdf.js's own
 * (`pdfjsLib`, `pdfjsWorker`, ...) and the browser globals it adds on Node (`navigator`, `self`),
 * which would make other code in the host think it runs in a browser.
 */
const KEPT_GLOBALS: ReadonlySet<PropertyKey> = new Set(['Iterator', '__core-js_shared__']);

type Snapshot = Map<object, Map<PropertyKey, PropertyDescriptor>>;

/**
 * The properties of the global object and of the built-ins reachable from it (constructors, their
 * prototypes, namespaces such as JSON and Math, the iterator and typed array prototypes). Getters
 * are not called.
 */
function snapshotBuiltins(): Snapshot {
  const targets = new Set<object>([globalThis, Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object]);
  const typedArray = Object.getPrototypeOf(Uint8Array) as { prototype?: object };
  targets.add(typedArray);
  if (typedArray.prototype) targets.add(typedArray.prototype);
  for (const key of Reflect.ownKeys(globalThis)) {
    const value: unknown = Object.getOwnPropertyDescriptor(globalThis, key)?.value;
    if (typeof value !== 'function' && (typeof value !== 'object' || value === null)) continue;
    targets.add(value);
    const prototype: unknown = typeof value === 'function' ? Object.getOwnPropertyDescriptor(value, 'prototype')?.value : undefined;
    if (typeof prototype === 'object' && prototype !== null) targets.add(prototype);
  }
  const snapshot: Snapshot = new Map();
  for (const target of targets) {
    const properties = new Map<PropertyKey, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(target)) {
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (descriptor) properties.set(key, descriptor);
    }
    snapshot.set(target, properties);
  }
  return snapshot;
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor | undefined): boolean {
  return b !== undefined && Object.is(a.value, b.value) && a.get === b.get && a.set === b.set;
}

/**
 * Undoes what loading pdf.js did to the built-ins of a host it shares with others: its legacy build
 * carries core-js polyfills that replace working built-ins whose edge cases they distrust
 * (`Array.prototype.push`, `JSON.parse`, `JSON.stringify`, ...) with slower JavaScript versions,
 * and pdf.js publishes globals of its own. Replaced properties get their original back; new globals
 * go (but KEPT_GLOBALS). What the built-ins lacked (e.g. `Promise.withResolvers` on Node 20) stays:
 * pdf.js needs it, and it is what the standard says they have.
 */
function restoreBuiltins(snapshot: Snapshot): void {
  for (const [target, before] of snapshot) {
    for (const key of Reflect.ownKeys(target)) {
      const was = before.get(key);
      try {
        if (was === undefined) {
          if (target === globalThis && !KEPT_GLOBALS.has(key)) Reflect.deleteProperty(target, key);
        } else if (!sameDescriptor(was, Object.getOwnPropertyDescriptor(target, key))) {
          Object.defineProperty(target, key, was);
        }
      } catch {
        // A property that cannot be redefined stays as it is.
      }
    }
  }
}

/**
 * pdf.js, loaded once on first use. In a bundle these dynamic imports become lazily initialised
 * modules of the same bundle, so nothing of pdf.js runs until a PDF is opened. The built-ins are
 * restored after it loads (see restoreBuiltins). On Node, pdf.js looks for optional native helpers
 * as it loads and warns on the console when they are missing (they are only for drawing pages):
 * those warnings are dropped while it loads.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const snapshot = snapshotBuiltins();
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('Warning: ')) return;
      warn(...args);
    };
    try {
      const [lib, worker] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs')]);
      return { lib, worker };
    } finally {
      console.warn = warn;
      // The worker module also publishes itself as a global; it is handed to pdf.js per document instead.
      restoreBuiltins(snapshot);
    }
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

/** Does the file look like a PDF at all? (`%PDF-` within the first KB, as readers accept it.) */
export function isPdfHeader(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + 5 <= head.length; i++) {
    if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return true;
  }
  return false;
}

/** Did the file end properly? A PDF cut short has no `%%EOF` in its last KB. */
function hasEndMarker(bytes: Uint8Array): boolean {
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  return tail.includes('%%EOF');
}

function failure(kind: PdfErrorKind, detail?: string): PdfTextResult {
  return { kind, error: detail ? `${PDF_ERROR_MESSAGES[kind]} (${detail})` : PDF_ERROR_MESSAGES[kind] };
}

interface PdfJsTextItem {
  readonly str: string;
  readonly transform: readonly number[];
  readonly width: number;
  readonly hasEOL: boolean;
}

function isTextItem(item: unknown): item is PdfJsTextItem {
  return typeof (item as { str?: unknown }).str === 'string' && Array.isArray((item as { transform?: unknown }).transform);
}

/** The page's text runs in page coordinates (y downwards, the page's rotation applied). */
function runsOf(items: readonly unknown[], viewport: readonly number[], lib: typeof PdfJsLib): TextRun[] {
  const runs: TextRun[] = [];
  for (const item of items) {
    if (!isTextItem(item)) continue;
    const m = lib.Util.transform(viewport as number[], item.transform as number[]);
    // The run's direction and size in page space: its width is in text space along the baseline.
    const scaleX = Math.hypot(m[0]!, m[1]!);
    const textScaleX = Math.hypot(item.transform[0]!, item.transform[1]!) || 1;
    runs.push({
      text: item.str,
      x: m[4]!,
      y: m[5]!,
      width: (item.width * scaleX) / textScaleX,
      size: Math.hypot(m[2]!, m[3]!),
      eol: item.hasEOL,
    });
  }
  return runs;
}

type PdfJsTask = ReturnType<typeof PdfJsLib.getDocument>;

/** Starts loading a document with pdf.js running in-process. Throws what getDocument throws. */
function openDocument({ lib, worker }: PdfJs, bytes: Uint8Array): PdfJsTask {
  const global = globalThis as { pdfjsWorker?: unknown };
  const previousWorker = global.pdfjsWorker;
  // pdf.js takes the in-process worker from this global when it sets up its (fake) worker, which
  // it does synchronously in getDocument; the global is restored at once.
  global.pdfjsWorker = worker;
  try {
    return lib.getDocument({
      // A copy: pdf.js transfers (detaches) the buffer it is given.
      data: new Uint8Array(bytes),
      verbosity: lib.VerbosityLevel.ERRORS,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      useWorkerFetch: false,
      useWasm: false,
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
      stopAtErrors: false,
    });
  } finally {
    restoreWorkerGlobal(previousWorker);
  }
}

let ocrEngine: Promise<OcrEngine> | undefined;

/**
 * The OCR engine, loaded on the first scanned page and then kept: loading it (the wasm and a 15 MB
 * model) takes longer than reading a page. A failed load is tried again next time.
 */
function ocrEngineFor(load: OcrAssetLoader): Promise<OcrEngine> {
  ocrEngine ??= createOcrEngine(load);
  ocrEngine.catch(() => (ocrEngine = undefined));
  return ocrEngine;
}

/** An image smaller than this fraction of the page's largest image (a logo, a stamp) is not read apart. */
const MIN_IMAGE_SHARE = 0.1;

/**
 * The images a page paints, decoded by pdf.js at their own resolution, in painting order: image
 * XObjects, inline images and image masks (a black-and-white scan is often one). A scan is one image
 * per page; a page cut into bands gives several, each read in turn.
 */
async function pageImages(page: PdfJsLib.PDFPageProxy, lib: typeof PdfJsLib): Promise<GrayImage[]> {
  const { fnArray, argsArray } = await page.getOperatorList();
  const images: GrayImage[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    const op = fnArray[i];
    const arg: unknown = (argsArray[i] as unknown[] | null)?.[0];
    let image: GrayImage | undefined;
    if (op === lib.OPS.paintImageXObject && typeof arg === 'string') {
      const objects = arg.startsWith('g_') ? page.commonObjs : page.objs;
      const decoded = await new Promise<unknown>((resolve) => objects.get(arg, resolve));
      if (decoded && typeof decoded === 'object') image = grayImageOf(decoded as PdfJsImage);
    } else if (op === lib.OPS.paintInlineImageXObject && arg && typeof arg === 'object') {
      image = grayImageOf(arg as PdfJsImage);
    } else if (op === lib.OPS.paintImageMaskXObject && arg && typeof arg === 'object') {
      image = grayImageOf(arg as PdfJsImage, true);
    }
    if (image) images.push(image);
  }
  const largest = Math.max(0, ...images.map((image) => image.width * image.height));
  return images.filter((image) => image.width * image.height >= MIN_IMAGE_SHARE * largest);
}

/** A page's text as OCR read it: its images' text (trailing blanks off) and their mean confidence, by area. */
function ocrPageText(engine: OcrEngine, images: readonly GrayImage[]): { text: string; confidence: number } {
  const texts: string[] = [];
  let weighted = 0;
  let area = 0;
  for (const image of images) {
    const read = engine.recognize(image);
    // Trailing blanks off each line and the end (trimEnd: no regular expression that could backtrack).
    const text = read.text
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trimEnd();
    if (text === '') continue;
    texts.push(text);
    weighted += read.confidence * image.width * image.height;
    area += image.width * image.height;
  }
  return { text: texts.join('\n\n'), confidence: area > 0 ? Math.round(weighted / area) : 0 };
}

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string' ? (error as { name: string }).name : '';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Forgets the loaded OCR engine (its memory goes with it); the next scanned page loads it again. */
export function releaseOcrEngine(): void {
  ocrEngine = undefined;
}

/**
 * The images each page of a PDF paints, as OCR would read them (see pageImages): for the bench, which
 * gives the same images to native Tesseract, and for the tests. Throws when the PDF cannot be read.
 */
export async function extractPageImages(bytes: Uint8Array, pdfjs?: PdfJs | Promise<PdfJs>): Promise<GrayImage[][]> {
  const library = await (pdfjs ?? loadPdfJs());
  const { lib } = library;
  const task = openDocument(library, bytes);
  try {
    const document = await task.promise;
    const pages: GrayImage[][] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      pages.push(await pageImages(page, lib));
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

export { createOcrEngine, pgmFile, type GrayImage, type OcrEngine, type OcrText } from './ocr';

/**
 * The letter's text from the bytes of a PDF, or why there is none. `pdfjs` is for tests and hosts
 * that load pdf.js themselves; by default it is loaded on first use. With `options.ocr`, a page
 * without a text layer is read by OCR from its images (a scan); the pages with one keep their text.
 */
export async function extractPdfText(bytes: Uint8Array, pdfjs?: PdfJs | Promise<PdfJs>, options: PdfReadOptions = {}): Promise<PdfTextResult> {
  if (!isPdfHeader(bytes)) return failure('notPdf');
  let library: PdfJs;
  try {
    library = await (pdfjs ?? loadPdfJs());
  } catch (error) {
    return { kind: 'corrupt', error: `the PDF reader could not be loaded: ${errorMessage(error)}` };
  }
  const { lib } = library;
  let task: PdfJsTask | undefined;
  try {
    task = openDocument(library, bytes);
    // Without an onPassword handler, a password-protected file rejects with a PasswordException (an
    // empty user password, as the published letters have, opens without asking).
    const document = await task.promise;
    const pages: (TextRun[] | string)[] = [];
    const ocrPages: OcrPage[] = [];
    const complete = hasEndMarker(bytes);
    // A file cut short is reported as such below: no time is spent reading its pages by OCR.
    const ocr = complete ? options.ocr : undefined;
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs = runsOf(content.items, viewport.transform, lib);
      const images = ocr && !runs.some((run) => run.text.trim() !== '') ? await pageImages(page, lib) : [];
      if (ocr && images.length > 0) {
        await ocr.onPage?.(number, document.numPages);
        if (ocr.isCancelled?.()) return failure('cancelled');
        const engine = await ocrEngineFor(ocr.loadAsset);
        const read = ocrPageText(engine, images);
        pages.push(read.text);
        ocrPages.push({ page: number, confidence: read.confidence });
      } else {
        pages.push(runs);
      }
      page.cleanup();
    }
    // pdf.js reconstructs what it can of a file cut short; a letter with pages missing is not the letter.
    if (!complete) return failure('corrupt', 'the file ends before its end-of-file marker');
    const hasText = (page: TextRun[] | string): boolean => (typeof page === 'string' ? page.trim() !== '' : page.some((run) => run.text.trim() !== ''));
    if (!pages.some(hasText)) return failure('noText');
    return { text: documentText(pages), pages: pages.length, ...(ocrPages.length > 0 ? { ocr: ocrPages } : {}) };
  } catch (error) {
    const name = errorName(error);
    if (name === 'PasswordException') return failure('encrypted');
    if (name === 'InvalidPDFException') return failure('corrupt', errorMessage(error));
    return failure('corrupt', errorMessage(error));
  } finally {
    await task?.destroy().catch(() => undefined);
  }
}
