#!/usr/bin/env node
// Writes l10n/bundle.l10n.json: every message the extension passes to `vscode.l10n.t(...)`, found
// with the TypeScript compiler API in src/extension (and anything else under src that calls it).
// A translator copies it to l10n/bundle.l10n.<lang>.json and translates the values; VS Code looks
// messages up by key. See docs/translating.md.
//
//   node scripts/l10n-export.mjs           write the bundle
//   node scripts/l10n-export.mjs --check   exit 1 (and say what differs) if the bundle is out of date
//
// Keys follow @vscode/l10n: `t('message', ...args)` has the key `message`;
// `t({ message, args, comment })` has the key `message/comment` (comments joined with no separator)
// when there is a comment. A message that is not a string literal is an error: it cannot be
// translated ahead of time.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = path.join(root, 'src');
const BUNDLE = path.join(root, 'l10n', 'bundle.l10n.json');

function sourceFiles(dir) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(full);
  }
  return files.sort();
}

/** Is `node` a call of `l10n.t` (as `vscode.l10n.t`, or `l10n.t` after `import { l10n }`)? */
function isL10nCall(node) {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 't') return false;
  const target = callee.expression;
  if (ts.isIdentifier(target)) return target.text === 'l10n';
  return ts.isPropertyAccessExpression(target) && target.name.text === 'l10n';
}

function literal(node) {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

/** The message and comment of a call, or an error string. */
function messageOf(call, file) {
  const [first] = call.arguments;
  const where = () => {
    const { line, character } = file.getLineAndCharacterOfPosition(call.getStart(file));
    return `${path.relative(root, file.fileName)}:${line + 1}:${character + 1}`;
  };
  const text = literal(first);
  if (text !== undefined) return { key: text, message: text };
  if (first && ts.isObjectLiteralExpression(first)) {
    let message;
    let comment = [];
    for (const property of first.properties) {
      if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) continue;
      if (property.name.text === 'message') message = literal(property.initializer);
      if (property.name.text === 'comment') {
        const value = property.initializer;
        if (literal(value) !== undefined) comment = [literal(value)];
        else if (ts.isArrayLiteralExpression(value)) comment = value.elements.map(literal);
        if (comment.some((part) => part === undefined)) return { error: `${where()}: l10n.t comment must be string literals` };
      }
    }
    if (message === undefined) return { error: `${where()}: l10n.t({ message }) must be a string literal` };
    return { key: comment.length > 0 ? `${message}/${comment.join('')}` : message, message };
  }
  return { error: `${where()}: the first argument of l10n.t must be a string literal` };
}

/** Every message in `files`, in order of first appearance, and the calls that could not be read. */
export function collectMessages(files = sourceFiles(SOURCES)) {
  const messages = new Map();
  const errors = [];
  for (const fileName of files) {
    const file = ts.createSourceFile(fileName, fs.readFileSync(fileName, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const visit = (node) => {
      if (isL10nCall(node)) {
        const found = messageOf(node, file);
        if (found.error) errors.push(found.error);
        else if (!messages.has(found.key)) messages.set(found.key, found.message);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { messages, errors };
}

/** The bundle's text: keys sorted, so that moving code around does not reorder it. */
export function bundleText(messages) {
  const sorted = Object.fromEntries([...messages.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

function main() {
  const check = process.argv.includes('--check');
  const { messages, errors } = collectMessages();
  if (errors.length > 0) {
    for (const error of errors) console.error(error);
    process.exit(1);
  }
  const text = bundleText(messages);
  const relative = path.relative(root, BUNDLE);
  if (check) {
    const current = fs.existsSync(BUNDLE) ? fs.readFileSync(BUNDLE, 'utf8') : '';
    if (current === text) {
      console.log(`${relative} is up to date (${messages.size} messages).`);
      return;
    }
    const old = current ? Object.keys(JSON.parse(current)) : [];
    const missing = [...messages.keys()].filter((key) => !old.includes(key));
    const stale = old.filter((key) => !messages.has(key));
    console.error(`${relative} is out of date; run \`npm run l10n:export\`.`);
    for (const key of missing) console.error(`  missing: ${JSON.stringify(key)}`);
    for (const key of stale) console.error(`  no longer used: ${JSON.stringify(key)}`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
  fs.writeFileSync(BUNDLE, text);
  console.log(`Wrote ${relative} (${messages.size} messages).`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
