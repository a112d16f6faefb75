// Builds what ships, into temporary directories (the repository's dist/ is left alone).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

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
 * Runs the project's own `node esbuild.mjs --production --metafile=SCRATCH/meta` in a scratch directory whose
 * entries link back to the repository, so the bundles land in SCRATCH/dist instead of the repository's dist/, and
 * each bundle's esbuild metafile in SCRATCH/meta (see metafilePath). Returns the dist and metafile paths and the
 * build's exit status and stderr (a failing bundle does not stop the others: esbuild.mjs builds them all).
 */
export function buildProduction(root, scratch) {
  mkdirSync(scratch, { recursive: true });
  for (const entry of readdirSync(root)) {
    if (entry === 'dist' || entry === '.git' || entry.endsWith('.cpuprofile')) continue;
    symlinkSync(join(root, entry), join(scratch, entry));
  }
  const meta = join(scratch, 'meta');
  const result = spawnSync(process.execPath, ['esbuild.mjs', '--production', `--metafile=${meta}`], { cwd: scratch, encoding: 'utf8', timeout: 180_000 });
  return { cwd: scratch, dist: join(scratch, 'dist'), meta, status: result.status, stderr: `${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/** Where esbuild.mjs --metafile=META wrote the metafile of the bundle `dist/BUNDLE` (`extension.js`, `web/extension.js`). */
export function metafilePath(meta, bundle) {
  return join(meta, `${join('dist', bundle).replace(/[\\/]/g, '_')}.json`);
}

/**
 * What the bundle `dist/BUNDLE` of a buildProduction run is made of, from the metafile its build wrote (so it
 * describes exactly what ships: a chunk loaded lazily, such as dist/pdf.js, is not part of it): bytes per npm
 * package or per source folder of `root`, largest first. Throws when the build wrote no metafile.
 */
export function bundleComposition(root, build, bundle) {
  const file = metafilePath(build.meta, bundle);
  if (!existsSync(file)) throw new Error(`no metafile for dist/${bundle} (esbuild.mjs --metafile)`);
  const metafile = JSON.parse(readFileSync(file, 'utf8'));
  const output = Object.entries(metafile.outputs).find(([name]) => name.endsWith('.js'))?.[1];
  if (!output) throw new Error(`the metafile for dist/${bundle} lists no .js output`);
  // esbuild names inputs by their real paths relative to the build's directory, which reaches the repository
  // through symbolic links: name them relative to the repository instead.
  const realRoot = realpathSync(root);
  const fromRoot = (input) => {
    if (input.includes(':')) return input; // a namespaced input (`<runtime>`, `file:` ...), not a path
    const inRoot = relative(realRoot, resolve(build.cwd, input));
    return inRoot && !inRoot.startsWith(`..${sep}`) && inRoot !== '..' && !isAbsolute(inRoot) ? inRoot.split(sep).join('/') : input;
  };
  const parts = new Map();
  for (const [name, { bytesInOutput }] of Object.entries(output.inputs)) {
    const input = fromRoot(name);
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
    const key = pkg ?? (input.split('/').length > 3 ? input.split('/').slice(0, 3).join('/') : input);
    parts.set(key, (parts.get(key) ?? 0) + bytesInOutput);
  }
  return { bytes: output.bytes, parts: [...parts].sort((a, b) => b[1] - a[1]).map(([part, bytes]) => ({ part, bytes })) };
}
