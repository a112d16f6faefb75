// The project's metadata agrees with itself: name and version across package.json, package-lock.json,
// CHANGELOG.md and README.md; every command, setting, keybinding and rule documented in the README
// (and every rule in docs/rules.md); every file in media/ used; every %key% of the manifest
// translated in package.nls.json.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { rules } from '../../src/core';

const ROOT = path.join(__dirname, '..', '..');

function read(file: string): string {
  return readFileSync(path.join(ROOT, file), 'utf8');
}

interface Manifest {
  name: string;
  version: string;
  contributes: {
    commands: Array<{ command: string; title: string }>;
    keybindings: Array<{ command: string; key: string; mac?: string }>;
    configuration: { properties: Record<string, { default?: unknown }> };
    walkthroughs: Array<{ steps: Array<{ media: { markdown?: string } }> }>;
  };
}

const manifestText = read('package.json');
const manifest = JSON.parse(manifestText) as Manifest;
const readme = read('README.md');

/** Every file under `dir` (relative to the repository, with `/`). */
function filesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...filesUnder(relative));
    else files.push(relative);
  }
  return files.sort();
}

/** How the README writes a key: `alt+]` → `Alt+]`, `shift+alt+]` → `Shift+Alt+]`. */
function keyLabel(key: string): string {
  return key
    .split('+')
    .map((part) => (part.length > 1 ? part.charAt(0).toUpperCase() + part.slice(1) : part.toUpperCase()))
    .join('+');
}

describe('metadata', () => {
  describe('name and version', () => {
    it('package-lock.json has the name and version of package.json', () => {
      const lock = JSON.parse(read('package-lock.json')) as { name: string; version: string; packages: Record<string, { name?: string; version?: string }> };
      assert.equal(lock.name, manifest.name);
      assert.equal(lock.version, manifest.version);
      assert.equal(lock.packages['']?.version, manifest.version);
    });

    it('the top released version of CHANGELOG.md is the version of package.json', () => {
      const released = [...read('CHANGELOG.md').matchAll(/^## \[(\d+\.\d+\.\d+[^\]]*)\]/gm)].map((match) => match[1]);
      assert.ok(released.length > 0, 'CHANGELOG.md has a released version');
      assert.equal(released[0], manifest.version);
    });

    it('the README names the package and every .vsix it mentions has the current version', () => {
      assert.ok(readme.includes(manifest.name), `README.md mentions ${manifest.name}`);
      const vsix = [...readme.matchAll(new RegExp(`${manifest.name}-(\\d+\\.\\d+\\.\\d+)\\.vsix`, 'g'))].map((match) => match[1]);
      assert.ok(vsix.length > 0, 'README.md says which .vsix `npm run package` makes');
      for (const version of vsix) assert.equal(version, manifest.version, `README.md mentions ${manifest.name}-${version}.vsix`);
    });
  });

  describe('README', () => {
    it('documents every command', () => {
      const missing = manifest.contributes.commands.map((command) => command.command).filter((id) => !readme.includes(`\`${id}\``));
      assert.deepEqual(missing, []);
    });

    it('documents every keybinding, as Alt+] etc. on the line of its command', () => {
      for (const { command, key } of manifest.contributes.keybindings) {
        const line = readme.split('\n').find((text) => text.includes(`\`${command}\``) && text.includes(keyLabel(key)));
        assert.ok(line, `README.md shows ${keyLabel(key)} for ${command}`);
      }
    });

    it('documents every setting with its default', () => {
      for (const [name, setting] of Object.entries(manifest.contributes.configuration.properties)) {
        const line = readme.split('\n').find((text) => text.includes(`\`${name}\``) && text.trimStart().startsWith('|'));
        assert.ok(line, `README.md has a table row for ${name}`);
        assert.ok(line.includes(`\`${JSON.stringify(setting.default)}\``), `README.md gives the default of ${name}: ${JSON.stringify(setting.default)}`);
      }
    });

    it('documents every rule with its default severity', () => {
      for (const rule of rules) {
        const line = readme.split('\n').find((text) => text.includes(rule.code) && text.includes(rule.name) && text.trimStart().startsWith('|'));
        assert.ok(line, `README.md has a table row for ${rule.code} ${rule.name}`);
        assert.ok(line.includes(rule.defaultSeverity), `README.md gives ${rule.code}'s default severity, ${rule.defaultSeverity}`);
      }
    });
  });

  it('docs/rules.md has a section for every rule', () => {
    const docs = read('docs/rules.md');
    for (const rule of rules) assert.match(docs, new RegExp(`^## ${rule.code} ${rule.name}$`, 'm'), `docs/rules.md: ## ${rule.code} ${rule.name}`);
  });

  it('every file in media/ is used by the manifest, the README, the walkthrough or the code', () => {
    const walkthrough = manifest.contributes.walkthroughs.flatMap((w) => w.steps.map((step) => step.media.markdown).filter((file): file is string => file !== undefined));
    const source = filesUnder('src')
      .filter((file) => file.endsWith('.ts'))
      .map(read)
      .join('\n');
    const references = [manifestText, readme, ...walkthrough.map(read)].join('\n');
    const unused = filesUnder('media').filter((file) => {
      const name = path.posix.basename(file);
      if (references.includes(file) || source.includes(name)) return false;
      // Themed icons picked by name in code: `${icon}-light.svg` with icon = 'upheld' etc.
      const themed = /^(.+)-(light|dark)\.svg$/.exec(name);
      return !(themed && source.includes(`-${themed[2]}.svg`) && source.includes(`'${themed[1]}'`));
    });
    assert.deepEqual(unused, []);
  });

  it('every %key% of package.json is in package.nls.json, and every key there is used', () => {
    const english = JSON.parse(read('package.nls.json')) as Record<string, string>;
    const used = [...manifestText.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]!);
    assert.deepEqual(
      used.filter((key) => !(key in english)),
      [],
      'keys missing from package.nls.json',
    );
    assert.deepEqual(
      Object.keys(english).filter((key) => !used.includes(key)),
      [],
      'keys of package.nls.json no longer used',
    );
  });

  it('no user-facing manifest string is left untranslatable', () => {
    const c = manifest.contributes as unknown as {
      commands: Array<{ title: string; category?: string }>;
      views: Record<string, Array<{ name: string }>>;
      configuration: { title: string; properties: Record<string, { description?: string; markdownDescription?: string }> };
      walkthroughs: Array<{ title: string; description: string; steps: Array<{ title: string; description: string }> }>;
    };
    const strings = [
      (manifest as unknown as { displayName: string }).displayName,
      (manifest as unknown as { description: string }).description,
      c.configuration.title,
      ...c.commands.flatMap((command) => [command.title, command.category ?? '%%']),
      ...Object.values(c.views).flatMap((views) => views.map((view) => view.name)),
      ...Object.values(c.configuration.properties).map((setting) => setting.description ?? setting.markdownDescription ?? '%%'),
      ...c.walkthroughs.flatMap((w) => [w.title, w.description, ...w.steps.flatMap((step) => [step.title, step.description])]),
    ];
    assert.deepEqual(
      strings.filter((text) => !/^%[^%]*%$/.test(text)),
      [],
    );
  });
});
