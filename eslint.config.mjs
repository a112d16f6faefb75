// Lint config: typescript-eslint's recommended rules over sources, tests and scripts, and the one door
// into the core (docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A relative path into src/core other than its index: `../core/analyze`, `../../src/core/views/items`. */
const DEEP_CORE_PATH = String.raw`^\.{1,2}/(?:.*/)?core/(?!index(?:\.ts)?$).+`;
/** The same in an esquery selector, where `/` ends the regex. */
const DEEP_CORE_SELECTOR = DEEP_CORE_PATH.replaceAll('/', '\\/');
const DEEP_CORE_MESSAGE = 'Import the core through its index (src/core/index.ts): only src/core may reach its modules.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', '.vscode-test-web/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // The extension, the CLI, the tests and the scripts see the core as src/core/index.ts exports it:
    // imports and type imports, `require(...)`, `import(...)` and `typeof import(...)` alike.
    ignores: ['src/core/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: DEEP_CORE_PATH, message: DEEP_CORE_MESSAGE }] }],
      'no-restricted-syntax': [
        'error',
        { selector: `CallExpression[callee.name='require'] > Literal.arguments[value=/${DEEP_CORE_SELECTOR}/]`, message: DEEP_CORE_MESSAGE },
        { selector: `ImportExpression > Literal.source[value=/${DEEP_CORE_SELECTOR}/]`, message: DEEP_CORE_MESSAGE },
        { selector: `TSImportType Literal[value=/${DEEP_CORE_SELECTOR}/]`, message: DEEP_CORE_MESSAGE },
      ],
    },
  },
);
