/**
 * Injected by esbuild.mjs into the Node build of the PDF bundle (dist/pdf.js) in place of the
 * global `DOMMatrix`, which Node lacks: pdf.js constructs one when it loads but uses it only to
 * draw pages, never to read text. Injecting it keeps pdf.js from needing a native canvas package and
 * from setting globals in a shared extension host.
 */
class DOMMatrixShim {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
}

export { DOMMatrixShim as DOMMatrix };
