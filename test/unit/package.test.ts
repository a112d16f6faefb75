// What goes into the .vsix: `vsce ls --no-dependencies` (the files `npm run package` packs, chosen by
// .vscodeignore) must list only what runs or is shown, and everything the manifest needs. Runs the
// installed vsce; needs the bundles (npm run build, or `prepare` on install).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

interface Manifest {
  main: string;
  browser: string;
  icon: string;
  contributes: {
    grammars: Array<{ path: string }>;
    languages: Array<{ configuration?: string }>;
    views: Record<string, Array<{ icon?: string }>>;
    walkthroughs: Array<{ steps: Array<{ media: { markdown?: string; image?: string } }> }>;
  };
}

/** Files allowed in the package, by pattern. Anything else is a mistake in .vscodeignore. */
const ALLOWED: ReadonlyArray<readonly [RegExp, string]> = [
  [/^package\.json$/, 'the manifest'],
  [/^package\.nls(\.[\w-]+)?\.json$/, 'manifest translations'],
  [/^(README|CHANGELOG)\.md$/, 'docs shown in the Marketplace'],
  [/^LICENSE$/, 'the licence'],
  [/^language-configuration\.json$/, 'the language configuration'],
  [/^syntaxes\/[\w.-]+\.tmLanguage\.json$/, 'the grammar'],
  [/^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/, 'code translations'],
  // Extension bundles (and any chunk they load), but not the CLI or the test suites.
  [/^dist\/(?!cli\.js$)(?!test\/)[\w./-]+\.m?js$/, 'extension bundles'],
  [/^dist\/ocr\/[\w.-]+\.(wasm|traineddata\.gz)$/, 'the OCR engine and its model'],
  [/^media\/icon\.png$/, 'the extension icon'],
  [/^media\/[\w-]+\.svg$/, 'view and tree icons'],
  [/^media\/walkthrough\/[\w-]+\.(md|imr|png|svg)$/, 'the walkthrough'],
];

/** Never, whatever the patterns above say. */
const FORBIDDEN: readonly RegExp[] = [/\.map$/, /^dist\/cli\.js$/, /^dist\/test\//, /^media\/screenshots\//, /^media\/icon\.svg$/, /^(src|test|scripts|docs|node_modules)\//, /\.vsix$/];

function packagedFiles(): string[] {
  const output = execFileSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .sort();
}

describe('package (.vsix contents)', function () {
  this.timeout(60_000);
  let files: string[];

  before(() => {
    files = packagedFiles();
  });

  it('lists only files that run or are shown', () => {
    const unexpected = files.filter((file) => FORBIDDEN.some((pattern) => pattern.test(file)) || !ALLOWED.some(([pattern]) => pattern.test(file)));
    assert.deepEqual(unexpected, [], `unexpected in the .vsix (fix .vscodeignore): ${unexpected.join(', ')}\nall files:\n${files.join('\n')}`);
  });

  it('contains everything the manifest refers to', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
    const strip = (file: string): string => path.posix.normalize(file.replace(/^\.\//, ''));
    const needed = new Set(['package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'l10n/bundle.l10n.json', 'media/walkthrough/sample-letter.imr']);
    needed.add(strip(manifest.main));
    needed.add(strip(manifest.browser));
    needed.add(strip(manifest.icon));
    for (const grammar of manifest.contributes.grammars) needed.add(strip(grammar.path));
    for (const language of manifest.contributes.languages) if (language.configuration) needed.add(strip(language.configuration));
    for (const views of Object.values(manifest.contributes.views)) for (const view of views) if (view.icon) needed.add(strip(view.icon));
    for (const walkthrough of manifest.contributes.walkthroughs) {
      for (const step of walkthrough.steps) for (const media of [step.media.markdown, step.media.image]) if (media) needed.add(strip(media));
    }
    // The OCR engine's files, read when a scanned page is met (src/core/ocrAssets.json).
    for (const name of Object.keys(JSON.parse(readFileSync(path.join(ROOT, 'src', 'core', 'ocrAssets.json'), 'utf8')) as object)) needed.add(`dist/ocr/${name}`);
    const missing = [...needed].filter((file) => !files.includes(file));
    assert.deepEqual(missing, [], `missing from the .vsix: ${missing.join(', ')}`);
  });

  it('has the outcome icons the Disputed Items view loads from media/ (itemsTree.ts)', () => {
    for (const outcome of ['upheld', 'overturned', 'missing']) {
      for (const theme of ['light', 'dark']) assert.ok(files.includes(`media/${outcome}-${theme}.svg`), `media/${outcome}-${theme}.svg`);
    }
  });
});
