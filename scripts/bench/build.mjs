// Builds what ships, into temporary directories (the repository's dist/ is left alone).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Bundles the core (src/core/analyze.ts) with esbuild's JS API like the production builds (platform node,
 * CommonJS, minified) and loads it. Returns the module's exports; throws with esbuild's first error.
 */
export async function bundleCore(root, outDir, { minify = true } = {}) {
  const require = createRequire(join(root, 'package.json'));
  const esbuild = require('esbuild');
  const outfile = join(outDir, minify ? 'core.min.cjs' : 'core.cjs');
  const entry = ['src/core/analyze.ts', 'src/core/index.ts'].map((p) => join(root, p)).find((p) => existsSync(p));
  if (!entry) throw new Error('no src/core/analyze.ts or src/core/index.ts');
  try {
    await esbuild.build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify,
      sourcemap: false,
      logLevel: 'silent',
      absWorkingDir: root,
    });
  } catch (error) {
    const first = error.errors?.[0];
    throw new Error(first ? `esbuild: ${first.text}${first.location ? ` (${first.location.file}:${first.location.line})` : ''}` : String(error));
  }
  const core = createRequire(outfile)(outfile);
  if (typeof core.analyzeText !== 'function') throw new Error(`${entry} exports no analyzeText`);
  return { core, outfile, entry };
}

/**
 * Runs the project's own `node esbuild.mjs --production` in a scratch directory whose entries link back to the
 * repository, so the bundles land in SCRATCH/dist instead of the repository's dist/. Returns the dist path and
 * the build's exit status and stderr (a failing bundle does not stop the others: esbuild.mjs builds them all).
 */
export function buildProduction(root, scratch) {
  mkdirSync(scratch, { recursive: true });
  for (const entry of readdirSync(root)) {
    if (entry === 'dist' || entry === '.git' || entry.endsWith('.cpuprofile')) continue;
    symlinkSync(join(root, entry), join(scratch, entry));
  }
  const result = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: scratch, encoding: 'utf8', timeout: 180_000 });
  return { dist: join(scratch, 'dist'), status: result.status, stderr: `${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/**
 * What a minified bundle of `entry` is made of (esbuild metafile, same options as the desktop extension build):
 * bytes per npm package or per source folder, largest first.
 */
export async function bundleComposition(root, entry) {
  const require = createRequire(join(root, 'package.json'));
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    entryPoints: [join(root, entry)],
    outfile: join(root, 'composition.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    external: ['vscode'],
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: root,
  });
  const output = Object.values(result.metafile.outputs)[0];
  const parts = new Map();
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
    const key = pkg ?? (file.split('/').length > 3 ? file.split('/').slice(0, 3).join('/') : file);
    parts.set(key, (parts.get(key) ?? 0) + bytesInOutput);
  }
  return { bytes: output.bytes, parts: [...parts].sort((a, b) => b[1] - a[1]).map(([part, bytes]) => ({ part, bytes })) };
}
