// The translation files: l10n/bundle.l10n.json must list exactly the messages the extension passes
// to vscode.l10n.t (scripts/l10n-export.mjs finds them), and a translation may only translate keys
// that exist. See docs/translating.md.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

function readJson(file: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, string>;
}

/** `{0}`, `{1}`... in a message, sorted, so a translation keeps every argument. */
function placeholders(message: string): string[] {
  return [...new Set(message.match(/\{\d+\}/g) ?? [])].sort();
}

describe('localisation', () => {
  it('l10n/bundle.l10n.json is up to date with the l10n.t calls in src (npm run l10n:export)', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'l10n-export.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr || result.stdout);
  });

  it('package.json points VS Code at the bundle', () => {
    const manifest = readJson('package.json') as unknown as { l10n?: string };
    assert.equal(manifest.l10n, './l10n');
    assert.ok(existsSync(path.join(ROOT, 'l10n', 'bundle.l10n.json')));
  });

  it('every translation translates only known keys and keeps their {n} placeholders', () => {
    const pairs: Array<[string, string]> = [];
    for (const name of readdirSync(ROOT)) {
      if (/^package\.nls\.[\w-]+\.json$/.test(name)) pairs.push(['package.nls.json', name]);
    }
    for (const name of readdirSync(path.join(ROOT, 'l10n'))) {
      if (/^bundle\.l10n\.[\w-]+\.json$/.test(name)) pairs.push(['l10n/bundle.l10n.json', `l10n/${name}`]);
    }
    for (const [source, translation] of pairs) {
      const english = readJson(source);
      for (const [key, value] of Object.entries(readJson(translation))) {
        assert.ok(key in english, `${translation}: ${JSON.stringify(key)} is not a key of ${source}`);
        assert.deepEqual(placeholders(value), placeholders(english[key]!), `${translation}: ${JSON.stringify(key)} changes the placeholders`);
      }
    }
  });
});
