// Imported first by extension.ts, so this runs before the rest of the bundle is evaluated: the time
// from here to the end of activate() is what loading and activating cost in the real extension host
// (the integration run reports it; `npm run bench` shows the last one).
export const bundleEvaluationStart = performance.now();
