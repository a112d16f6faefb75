// A minimal, permissive stand-in for the `vscode` module, enough to load the extension bundle and run `activate`
// outside VS Code. The few APIs an activation typically touches are real (EventEmitter, Disposable, Uri, Range, ...);
// everything else is a Proxy that accepts any property access, call or `new` and returns another such Proxy,
// so new API use in the extension does not crash the benchmark. `touched` records what was used.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const touched = new Set();

/**
 * Every top-level name of the real API (from @types/vscode when installed). Bundles read the module through
 * esbuild's `__toESM`, which copies only the module's own keys, so the root proxy must list them all.
 */
const API_NAMES = (() => {
  const fallback = ['authentication', 'chat', 'commands', 'comments', 'debug', 'env', 'extensions', 'l10n', 'languages', 'lm', 'notebooks', 'scm', 'tasks', 'tests', 'window', 'workspace'];
  try {
    const dts = readFileSync(createRequire(import.meta.url).resolve('@types/vscode/index.d.ts'), 'utf8');
    return [...new Set([...fallback, ...[...dts.matchAll(/^\texport (?:abstract )?(?:class|enum|namespace|const|let|function) (\w+)/gm)].map((m) => m[1])])];
  } catch {
    return fallback;
  }
})();

function permissive(name, base = Object.create(null), keys = []) {
  const children = new Map();
  // A plain function target so the proxy is callable and constructible (and can be extended by classes).
  const target = function () {};
  const lookup = (prop, record) => {
    if (prop === 'then' && !(prop in base)) return undefined; // not a thenable: `await stub` must not hang
    if (prop === '__esModule') return undefined; // a CommonJS module, like the real one
    if (record && typeof prop === 'string') touched.add(`${name}.${prop}`);
    if (prop in base) return base[prop];
    if (prop === Symbol.iterator) return function* () {};
    if (prop === Symbol.toPrimitive) return (hint) => (hint === 'number' ? 0 : '');
    if (typeof prop === 'symbol') return undefined;
    if (prop === 'length') return 0;
    if (prop === 'toString' || prop === 'toJSON') return () => name;
    const path = `${name}.${prop}`;
    if (!children.has(prop)) children.set(prop, permissive(path));
    return children.get(prop);
  };
  return new Proxy(target, {
    get(_t, prop) {
      return lookup(prop, true);
    },
    set(_t, prop, value) {
      base[prop] = value;
      return true;
    },
    has() {
      return true;
    },
    ownKeys(t) {
      return [...new Set([...Reflect.ownKeys(t), ...Object.keys(base), ...keys])];
    },
    getOwnPropertyDescriptor(t, prop) {
      const own = Reflect.getOwnPropertyDescriptor(t, prop);
      if (own) return own;
      // Listing a key (esbuild's __toESM copies them all) is not using it: not recorded in `touched`.
      if (prop in base || keys.includes(prop)) return { value: lookup(prop, false), writable: true, enumerable: true, configurable: true };
      return undefined;
    },
    apply(_t, _this, args) {
      touched.add(`${name}()`);
      // `get(key, defaultValue)` (configuration, memento) answers the default.
      if (name.endsWith('.get')) return args[1];
      return permissive(`${name}()`);
    },
    construct(_t, _args, newTarget) {
      touched.add(`new ${name}`);
      return Object.create(newTarget.prototype ?? null);
    },
  });
}

class Disposable {
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d && typeof d.dispose === 'function' && d.dispose()));
  }
  constructor(callOnDispose) {
    this.callOnDispose = callOnDispose;
  }
  dispose() {
    if (typeof this.callOnDispose === 'function') this.callOnDispose();
  }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg, disposables) => {
      const bound = thisArg ? listener.bind(thisArg) : listener;
      this.listeners.add(bound);
      const d = new Disposable(() => this.listeners.delete(bound));
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    };
  }
  fire(value) {
    for (const l of [...this.listeners]) l(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

class Uri {
  static parse(value) {
    const m = /^([a-z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(value) ?? [];
    return new Uri(m[1] ?? 'file', m[2] ?? '', m[3] ?? value, m[4] ?? '', m[5] ?? '');
  }
  static file(path) {
    return new Uri('file', '', path, '', '');
  }
  static joinPath(base, ...segments) {
    return base.with({ path: [base.path.replace(/\/$/, ''), ...segments].join('/') });
  }
  static from(c) {
    return new Uri(c.scheme, c.authority ?? '', c.path ?? '', c.query ?? '', c.fragment ?? '');
  }
  constructor(scheme, authority, path, query, fragment) {
    Object.assign(this, { scheme, authority, path, query, fragment });
  }
  get fsPath() {
    return this.path;
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString() {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
  toJSON() {
    return this.toString();
  }
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}

class Range {
  constructor(a, b, c, d) {
    [this.start, this.end] = typeof a === 'number' ? [new Position(a, b), new Position(c, d)] : [a, b];
  }
}

class Selection extends Range {}

class Diagnostic {
  constructor(range, message, severity = 0) {
    Object.assign(this, { range, message, severity });
  }
}

function enumOf(...names) {
  return Object.fromEntries(names.map((n, i) => [n, i]));
}

function configuration() {
  return permissive('workspace.getConfiguration()', {
    get: (_key, defaultValue) => defaultValue,
    has: () => false,
    inspect: () => undefined,
    update: async () => undefined,
  });
}

function event() {
  return (_listener, _thisArg, disposables) => {
    const d = new Disposable();
    if (Array.isArray(disposables)) disposables.push(d);
    return d;
  };
}

export const vscode = permissive('vscode', {
  version: '1.90.0',
  Disposable,
  EventEmitter,
  Uri,
  Position,
  Range,
  Selection,
  Diagnostic,
  DiagnosticSeverity: enumOf('Error', 'Warning', 'Information', 'Hint'),
  TreeItemCollapsibleState: enumOf('None', 'Collapsed', 'Expanded'),
  StatusBarAlignment: { Left: 1, Right: 2 },
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2, Three: 3 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  UIKind: { Desktop: 1, Web: 2 },
  l10n: { t: (message, ...args) => (typeof message === 'string' ? message : message.message).replace(/\{(\d+)\}/g, (_m, i) => String(args[i])) },
  workspace: permissive('vscode.workspace', {
    getConfiguration: configuration,
    textDocuments: [],
    fs: permissive('vscode.workspace.fs', {
      readFile: async () => new Uint8Array(),
      readDirectory: async () => [],
      stat: async () => ({ type: 1, ctime: 0, mtime: 0, size: 0 }),
    }),
    findFiles: async () => [],
    workspaceFolders: undefined,
    isTrusted: true,
    onDidOpenTextDocument: event(),
    onDidChangeTextDocument: event(),
    onDidCloseTextDocument: event(),
    onDidSaveTextDocument: event(),
    onDidChangeConfiguration: event(),
  }),
  window: permissive('vscode.window', {
    activeTextEditor: undefined,
    visibleTextEditors: [],
    onDidChangeActiveTextEditor: event(),
    onDidChangeVisibleTextEditors: event(),
  }),
  env: permissive('vscode.env', { language: 'en', uiKind: 1, appName: 'Visual Studio Code', appHost: 'desktop' }),
}, API_NAMES);

/** An ExtensionContext for `activate`: real arrays and mementos, permissive for the rest. */
export function extensionContext(extensionPath) {
  const memento = () => {
    const store = new Map();
    return { get: (k, d) => (store.has(k) ? store.get(k) : d), update: async (k, v) => void store.set(k, v), keys: () => [...store.keys()], setKeysForSync: () => undefined };
  };
  const extensionUri = Uri.file(extensionPath);
  return permissive('context', {
    subscriptions: [],
    extensionPath,
    extensionUri,
    globalState: memento(),
    workspaceState: memento(),
    storageUri: Uri.joinPath(extensionUri, '.bench-storage'),
    globalStorageUri: Uri.joinPath(extensionUri, '.bench-global-storage'),
    logUri: Uri.joinPath(extensionUri, '.bench-log'),
    extensionMode: 1,
    asAbsolutePath: (relative) => `${extensionPath.replace(/\/$/, '')}/${relative}`,
  });
}
