// Child process: loads one extension bundle with a fake `vscode` module and runs `activate` once.
// Usage: node activate-host.mjs BUNDLE EXTENSION_ROOT   → prints {"loadMs","activateMs","subscriptions","touched"} as JSON.
import Module, { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

import { extensionContext, touched, vscode } from './vscode-stub.mjs';

const [bundle, root] = process.argv.slice(2);
const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return originalLoad.call(this, request, parent, isMain);
};
const require = createRequire(import.meta.url);

try {
  const context = extensionContext(root);
  const t0 = performance.now();
  const extension = require(bundle);
  const t1 = performance.now();
  if (typeof extension.activate !== 'function') throw new Error('the bundle exports no activate function');
  await extension.activate(context);
  const t2 = performance.now();
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, subscriptions: context.subscriptions.length, touched: [...touched].sort() }));
  // Timers or watchers started by activate must not keep the benchmark waiting.
  process.exit(0);
} catch (error) {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
}
