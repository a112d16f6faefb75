// Bundles everything from the same sources (src/core is shared by the CLI and the extension):
//   dist/cli.js                       the CLI (Node)
//   dist/extension.js                 the extension for desktop VS Code     (package.json "main")
//   dist/web/extension.js             the extension for VS Code for the Web (package.json "browser")
//   dist/test/integration/index.js    the integration suite, web-worker host (scripts/run-web-tests.mjs)
//   dist/test/integration/desktop.js  the same suite, desktop host      (scripts/run-desktop-tests.mjs)
// Flags: --watch (rebuild on change), --production (minified CLI and extension, no source maps).
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

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

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...node,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    minify: production,
  },
  {
    ...node,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external,
    minify: production,
  },
  {
    ...web,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/web/extension.js',
    external,
    minify: production,
  },
  {
    // mocha's browser build and the `assert` polyfill are bundled; the polyfill needs `process`.
    ...web,
    entryPoints: ['test/integration/index.ts'],
    outfile: 'dist/test/integration/index.js',
    external,
    inject: ['test/integration/process-shim.ts'],
  },
  {
    // mocha stays external: the desktop host is Node and loads it from node_modules.
    ...node,
    entryPoints: ['test/integration/desktop.ts'],
    outfile: 'dist/test/integration/desktop.js',
    external: [...external, 'mocha'],
  },
];

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  // Build every bundle even if one fails (esbuild has already printed the error), then fail.
  const results = await Promise.allSettled(builds.map((options) => esbuild.build(options)));
  if (results.some((result) => result.status === 'rejected')) process.exitCode = 1;
}
