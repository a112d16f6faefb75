// tesseract.js-core ships no types: its Emscripten factory is typed where it is used (ocr.ts).
declare module 'tesseract.js-core/tesseract-core-simd-lstm.js' {
  const factory: unknown;
  export default factory;
}
