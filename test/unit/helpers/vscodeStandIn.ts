/**
 * A stand-in for the `vscode` module, enough to run src/extension/workspaceLetters.ts in Node: URIs,
 * events, cancellation, and a workspace of files held in memory that announces its writes and
 * deletions to file watchers as VS Code does. Importing this file makes `require('vscode')` answer
 * it, so import it before the extension module under test.
 */

import Module from 'node:module';

type Listener<T> = (value: T) => void;

export class Disposable {
  constructor(private readonly callOnDispose: () => void = () => undefined) {}
  dispose(): void {
    this.callOnDispose();
  }
}

export class EventEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class CancellationTokenSource {
  private readonly cancelled = new EventEmitter<void>();
  readonly token = { isCancellationRequested: false, onCancellationRequested: this.cancelled.event };
  cancel(): void {
    if (this.token.isCancellationRequested) return;
    this.token.isCancellationRequested = true;
    this.cancelled.fire();
  }
  dispose(): void {
    this.cancelled.dispose();
  }
}

/** A URI whose string form parses back to it (VS Code's also percent-encodes; nothing here needs that). */
export class Uri {
  static parse(value: string): Uri {
    const m = /^([a-z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(value);
    if (!m) throw new Error(`not a URI: ${value}`);
    return new Uri(m[1]!, m[2] ?? '', m[3] ?? '', m[4] ?? '', m[5] ?? '');
  }
  static file(path: string): Uri {
    return new Uri('file', '', path, '', '');
  }
  static from(c: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(c.scheme, c.authority ?? '', c.path ?? '', c.query ?? '', c.fragment ?? '');
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return base.with({ path: [base.path.replace(/\/$/, ''), ...segments].join('/') });
  }
  constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}
  with(change: { scheme?: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
}

/** `**` / `*` / `{a,b}` globs, as the workspace letters use them. */
function globRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '{') source += '(?:';
    else if (c === '}') source += ')';
    else if (c === ',') source += '|';
    else source += c.replace(/[.+?^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

interface StoredFile {
  bytes: Uint8Array;
  mtime: number;
}

/** A text document as the stand-in workspace holds it open. */
export interface OpenDocument {
  readonly uri: Uri;
  languageId: string;
  version: number;
  isClosed: boolean;
  isUntitled: boolean;
  getText(): string;
}

const ROOT = '/workspace';
const files = new Map<string, StoredFile>();
const watchers = new Set<{ glob: RegExp; created: EventEmitter<Uri>; changed: EventEmitter<Uri>; deleted: EventEmitter<Uri> }>();
const documentChanges = new EventEmitter<{ document: OpenDocument; contentChanges: readonly unknown[] }>();
const documentCloses = new EventEmitter<OpenDocument>();
let clock = 1_700_000_000_000;

function relative(uri: Uri): string {
  return uri.path.startsWith(`${ROOT}/`) ? uri.path.slice(ROOT.length + 1) : uri.path;
}

function announce(uri: Uri, kind: 'created' | 'changed' | 'deleted'): void {
  for (const watcher of watchers) if (watcher.glob.test(relative(uri))) watcher[kind].fire(uri);
}

function notFound(uri: Uri): Error {
  return Object.assign(new Error(`${uri.toString()} not found`), { code: 'FileNotFound' });
}

export const workspace = {
  textDocuments: [] as OpenDocument[],
  fs: {
    async stat(uri: Uri): Promise<{ type: number; ctime: number; mtime: number; size: number }> {
      const file = files.get(uri.path);
      if (!file) throw notFound(uri);
      return { type: 1, ctime: file.mtime, mtime: file.mtime, size: file.bytes.length };
    },
    async readFile(uri: Uri): Promise<Uint8Array> {
      const file = files.get(uri.path);
      if (!file) throw notFound(uri);
      return file.bytes;
    },
  },
  async findFiles(include: string, exclude: string): Promise<Uri[]> {
    const wanted = globRegExp(include);
    const unwanted = globRegExp(exclude);
    return [...files.keys()].map((path) => Uri.file(path)).filter((uri) => wanted.test(relative(uri)) && !unwanted.test(relative(uri)));
  },
  createFileSystemWatcher(glob: string) {
    const watcher = { glob: globRegExp(glob), created: new EventEmitter<Uri>(), changed: new EventEmitter<Uri>(), deleted: new EventEmitter<Uri>() };
    watchers.add(watcher);
    return {
      onDidCreate: watcher.created.event,
      onDidChange: watcher.changed.event,
      onDidDelete: watcher.deleted.event,
      dispose: () => watchers.delete(watcher),
    };
  },
  onDidCreateFiles: new EventEmitter<{ files: readonly Uri[] }>().event,
  onDidDeleteFiles: new EventEmitter<{ files: readonly Uri[] }>().event,
  onDidRenameFiles: new EventEmitter<{ files: ReadonlyArray<{ oldUri: Uri; newUri: Uri }> }>().event,
  onDidChangeTextDocument: documentChanges.event,
  onDidCloseTextDocument: documentCloses.event,
};

/** What a test does to the stand-in workspace: write and delete files, open, edit and close documents. */
export const testWorkspace = {
  /** The URI of a workspace file. */
  uri(path: string): Uri {
    return Uri.file(`${ROOT}/${path}`);
  },
  /** Writes a file (a later write has a later modification time) and tells the watchers. */
  write(path: string, content: string | Uint8Array): Uri {
    const uri = this.uri(path);
    const existed = files.has(uri.path);
    files.set(uri.path, { bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content, mtime: ++clock });
    announce(uri, existed ? 'changed' : 'created');
    return uri;
  },
  /** Deletes a file, or every file under a folder, and tells the watchers about each file. */
  delete(path: string): void {
    const target = this.uri(path).path;
    for (const stored of [...files.keys()]) {
      if (stored !== target && !stored.startsWith(`${target}/`)) continue;
      files.delete(stored);
      announce(Uri.file(stored), 'deleted');
    }
  },
  /** Opens a file as a document with `languageId`, its text as on disk. */
  open(uri: Uri, languageId: string): OpenDocument {
    let text = new TextDecoder().decode(files.get(uri.path)?.bytes ?? new Uint8Array());
    const document: OpenDocument = { uri, languageId, version: 1, isClosed: false, isUntitled: false, getText: () => text };
    workspace.textDocuments.push(document);
    Object.assign(document, {
      edit(to: string): void {
        text = to;
        document.version++;
        documentChanges.fire({ document, contentChanges: [{ text: to }] });
      },
    });
    return document;
  },
  /** Replaces an open document's text (unsaved), as typing would. */
  edit(document: OpenDocument, text: string): void {
    (document as OpenDocument & { edit(to: string): void }).edit(text);
  },
  close(document: OpenDocument): void {
    workspace.textDocuments.splice(workspace.textDocuments.indexOf(document), 1);
    document.isClosed = true;
    documentCloses.fire(document);
  },
  /** Forgets every file and document (between tests). */
  clear(): void {
    files.clear();
    workspace.textDocuments.length = 0;
  },
};

export const standIn = {
  Disposable,
  EventEmitter,
  CancellationTokenSource,
  Uri,
  workspace,
  l10n: { t: (message: string, ...args: unknown[]): string => message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])) },
};

// `require('vscode')` from here on answers the stand-in (the extension's modules import it).
type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Load };
const originalLoad = moduleWithLoad._load;
moduleWithLoad._load = function load(this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
  return request === 'vscode' ? standIn : originalLoad.call(this, request, parent, isMain);
};
