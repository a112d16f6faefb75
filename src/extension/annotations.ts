/**
 * The kept annotations of open letters: `x.ann` beside the letter, read when the letter opens, moved
 * with the text as the user types (the core's moveAnnotations), written atomically when the letter
 * is saved. Only an unsaved letter's annotations live in memory: a letter whose text is as on disk has
 * its `.ann` written at once, so closing without saving leaves the `.ann` matching the file on disk.
 * Every annotation feature (decorations, suggestions, hovers, the view, the commands) reads this.
 */

import * as vscode from 'vscode';
import {
  annotationSchemaFrom,
  type AnnotationSchema,
  type AnnotationSet,
  type AnnotationSettings,
  decodeText,
  labelColor,
  offeredLabels,
  recentFirst,
  usedLabel,
  emptyAnnotationSet,
  moveAnnotations,
  preAnnotate,
  readAnnotationSettings,
  readStandoff,
  replacementBetween,
  type TextChange,
  writeStandoff,
} from '../core';
import { annotationFileOf, readTextIfExists, recoverInterruptedWrite, writeTextAtomically } from './annotationFiles';
import type { Letters } from './letters';

/** An open letter that is being annotated. */
export interface AnnotatedLetter {
  readonly document: vscode.TextDocument;
  /** Its `.ann` file. */
  readonly file: vscode.Uri;
  /** The kept annotations, in the offsets of the document's current text. */
  readonly set: AnnotationSet;
  /** True while the annotations differ from the `.ann` on disk because the letter has unsaved edits. */
  readonly unsaved: boolean;
}

interface State {
  readonly document: vscode.TextDocument;
  readonly file: vscode.Uri;
  set: AnnotationSet;
  /** The `.ann` text as last read or written by us (to tell our own writes from others'). */
  onDisk: string | undefined;
  unsaved: boolean;
  /** Between onWillSave and onDidSave: the letter turning "not dirty" then is its save, not a revert. */
  saving: boolean;
  /** The last edit was an undo or redo (so returning to the saved text is not a revert). */
  lastEditUndone: boolean;
  /** Writes of this letter's `.ann`, one after another. */
  writing: Promise<void>;
}

/** What a change of the annotations was: the set itself, or only where it sits (typing). */
export interface AnnotationsChange {
  readonly document: vscode.TextDocument;
}

const ANN_GLOB = '**/*.ann';
/** Where the labels used last are remembered (most recent first), across windows. */
const RECENT_LABELS_KEY = 'imr.annotations.recentLabels';

export class LetterAnnotations implements vscode.Disposable {
  private readonly states = new Map<string, State>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly changeEmitter = new vscode.EventEmitter<AnnotationsChange>();
  private readonly settingsEmitter = new vscode.EventEmitter<void>();
  private readonly reportedProblems = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  /** The `.ann` files' own problems (lines that could not be read), on the `.ann` files. */
  readonly fileProblems = vscode.languages.createDiagnosticCollection('imr-annotations-file');
  private current: AnnotationSettings;
  private currentSchema: AnnotationSchema;

  /** The annotations of a letter changed (edited, moved, read again, started or stopped). */
  readonly onDidChange = this.changeEmitter.event;
  /** The `imr.annotations.*` settings changed. */
  readonly onDidChangeSettings = this.settingsEmitter.event;

  constructor(
    readonly letters: Letters,
    private readonly memory: vscode.Memento,
  ) {
    this.current = this.readSettings();
    this.currentSchema = annotationSchemaFrom(this.current);
    const watcher = vscode.workspace.createFileSystemWatcher(ANN_GLOB);
    this.disposables.push(
      this.changeEmitter,
      this.settingsEmitter,
      this.fileProblems,
      watcher,
      watcher.onDidCreate((uri) => void this.fileChanged(uri)),
      watcher.onDidChange((uri) => void this.fileChanged(uri)),
      watcher.onDidDelete((uri) => void this.fileDeleted(uri)),
      vscode.workspace.onDidOpenTextDocument((document) => void this.opened(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.closed(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.edited(event)),
      vscode.workspace.onWillSaveTextDocument((event) => this.willSave(event.document)),
      vscode.workspace.onDidSaveTextDocument((document) => void this.saved(document)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('imr.annotations')) return;
        this.current = this.readSettings();
        this.currentSchema = annotationSchemaFrom(this.current);
        this.settingsEmitter.fire();
      }),
    );
    for (const document of vscode.workspace.textDocuments) void this.opened(document);
  }

  get settings(): AnnotationSettings {
    return this.current;
  }

  /** The labels and attributes in use: the core's table with the user's additions. */
  get schema(): AnnotationSchema {
    return this.currentSchema;
  }

  /** The colour a label is shown in (the legend's and the highlight's). */
  colorOf(label: string): string {
    return labelColor(label, this.current, this.currentSchema);
  }

  /** The labels to offer, those used most recently first. */
  labelsToOffer(): string[] {
    return recentFirst(offeredLabels(this.current, this.currentSchema), this.memory.get<string[]>(RECENT_LABELS_KEY, []));
  }

  /** Remembers that `label` was just used (it is offered first next time). */
  async labelUsed(label: string): Promise<void> {
    await this.memory.update(RECENT_LABELS_KEY, usedLabel(this.memory.get<string[]>(RECENT_LABELS_KEY, []), label));
  }

  /** The letter's annotations, if it is being annotated (its `.ann` exists or was started). */
  of(document: vscode.TextDocument): AnnotatedLetter | undefined {
    return this.states.get(document.uri.toString());
  }

  /** Every open letter being annotated. */
  all(): AnnotatedLetter[] {
    return [...this.states.values()];
  }

  /** Waits until the letter's `.ann` (if any) has been read; then `of` answers for it. */
  async ready(document: vscode.TextDocument): Promise<AnnotatedLetter | undefined> {
    const key = document.uri.toString();
    if (!this.states.has(key) && !this.loading.has(key)) await this.opened(document);
    await this.loading.get(key);
    return this.of(document);
  }

  /**
   * Starts annotating a letter: creates its `.ann` from the analyzer's annotations (or empty, per
   * `imr.annotations.preAnnotate`). A letter already annotated keeps what it has: `false`.
   */
  async start(document: vscode.TextDocument): Promise<boolean> {
    const file = annotationFileOf(document.uri);
    if (!file) throw new Error(vscode.l10n.t('This letter is not a file, so it has no place for an .ann file: save it first.'));
    if (await this.ready(document)) return false;
    let set = emptyAnnotationSet();
    if (this.current.preAnnotate) {
      const analysis = this.letters.analysis(document);
      if (analysis) set = preAnnotate(analysis);
    }
    // Read before a file appeared meanwhile (another window): keep that one.
    if (this.states.has(document.uri.toString())) return false;
    const state: State = { document, file, set, onDisk: undefined, unsaved: false, saving: false, lastEditUndone: false, writing: Promise.resolve() };
    this.states.set(document.uri.toString(), state);
    await this.commit(state);
    return true;
  }

  /**
   * Changes a letter's annotations: `edit` gets the set and the letter's text and returns the new
   * set (or undefined: no change). Written at once unless the letter has unsaved edits.
   */
  async update(document: vscode.TextDocument, edit: (set: AnnotationSet, text: string) => AnnotationSet | undefined): Promise<boolean> {
    const state = this.states.get(document.uri.toString());
    if (!state) return false;
    const next = edit(state.set, document.getText());
    if (!next || next === state.set) return false;
    state.set = next;
    await this.commit(state);
    return true;
  }

  /** Forgets every open letter's annotations and reads them from disk again, as after a window reload. */
  async reloadAll(): Promise<void> {
    const documents = [...this.states.values()].map((state) => state.document);
    for (const state of this.states.values()) await state.writing;
    this.states.clear();
    await Promise.all(documents.map((document) => this.opened(document)));
  }

  // ---- events ----

  private opened(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    if (!this.letters.isLetter(document) || this.states.has(key)) return Promise.resolve();
    const file = annotationFileOf(document.uri);
    if (!file) return Promise.resolve();
    const under = this.loading.get(key);
    if (under) return under;
    const load = this.load(document, file).finally(() => {
      if (this.loading.get(key) === load) this.loading.delete(key);
    });
    this.loading.set(key, load);
    return load;
  }

  /**
   * Reads the `.ann` of an open letter. Its offsets are those of the letter file on disk: an unsaved
   * letter (restored after a reload) gets them carried over to its text by the one change between them.
   */
  private async load(document: vscode.TextDocument, file: vscode.Uri): Promise<void> {
    let text: string | undefined;
    try {
      text = await readTextIfExists(file);
    } catch (error) {
      this.letters.output.appendLine(vscode.l10n.t('IMR Annotate: could not read {0}: {1}', vscode.workspace.asRelativePath(file), String(error)));
      return;
    }
    // No file, but a complete one written just before it (a write interrupted between VS Code's
    // delete of the old file and the rename): take that one.
    text ??= await recoverInterruptedWrite(file);
    if (text === undefined) return;
    const base = document.isDirty ? await this.savedText(document) : document.getText();
    if (document.isClosed || this.states.has(document.uri.toString()) || !this.letters.isLetter(document)) return;
    const read = readStandoff(text, base ?? document.getText());
    this.showFileProblems(file, text, read);
    const state: State = { document, file, set: read, onDisk: text, unsaved: false, saving: false, lastEditUndone: false, writing: Promise.resolve() };
    const change = base === undefined ? undefined : replacementBetween(base, document.getText());
    if (change) {
      state.set = moveAnnotations(state.set, [change]).set;
      state.unsaved = document.isDirty;
    }
    this.states.set(document.uri.toString(), state);
    this.changeEmitter.fire({ document });
  }

  /** The letter's text as saved on disk (for an unsaved document), or undefined when unreadable. */
  private async savedText(document: vscode.TextDocument): Promise<string | undefined> {
    try {
      const decoded = decodeText(await vscode.workspace.fs.readFile(document.uri), { invalidUtf8: 'replace' });
      return 'text' in decoded ? decoded.text : undefined;
    } catch {
      return undefined;
    }
  }

  private closed(document: vscode.TextDocument): void {
    // Unsaved annotations go with the unsaved text: the `.ann` on disk matches the letter on disk.
    if (this.states.delete(document.uri.toString())) this.changeEmitter.fire({ document });
  }

  private edited(event: vscode.TextDocumentChangeEvent): void {
    const state = this.states.get(event.document.uri.toString());
    if (!state) return;
    const { document } = event;
    if (event.contentChanges.length === 0) {
      // Only the dirty state changed. (It changes after the text does, so an edit's own event may
      // still say "not dirty": dirtiness is judged here, once it has settled.)
      if (!document.isDirty && state.unsaved && !state.saving) this.backToSaved(state);
      return;
    }
    const changes: TextChange[] = event.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    state.set = moveAnnotations(state.set, changes).set;
    state.unsaved = true;
    state.lastEditUndone = event.reason !== undefined;
    this.changeEmitter.fire({ document });
  }

  /**
   * The letter is as on disk again without a save: undone back to it, and what is kept (moved back
   * with the text) is written; or reverted, and the unsaved annotations go with the unsaved text.
   */
  private backToSaved(state: State): void {
    const { document } = state;
    if (state.lastEditUndone) {
      void this.commit(state);
      return;
    }
    if (state.onDisk === undefined) this.states.delete(document.uri.toString());
    else {
      state.set = readStandoff(state.onDisk, document.getText());
      state.unsaved = false;
    }
    this.changeEmitter.fire({ document });
  }

  private willSave(document: vscode.TextDocument): void {
    const state = this.states.get(document.uri.toString());
    if (state) state.saving = true;
  }

  private async saved(document: vscode.TextDocument): Promise<void> {
    const state = this.states.get(document.uri.toString());
    if (!state) return;
    state.saving = false;
    if (state.unsaved) await this.commit(state);
  }

  private async fileChanged(uri: vscode.Uri): Promise<void> {
    for (const state of [...this.states.values()]) {
      if (state.file.toString() !== uri.toString()) continue;
      await state.writing;
      let text: string | undefined;
      try {
        text = await readTextIfExists(uri);
      } catch {
        continue;
      }
      // Our own write, or a change we cannot place while the letter has unsaved edits.
      if (text === undefined || text === state.onDisk || state.unsaved || state.document.isDirty) continue;
      state.set = readStandoff(text, state.document.getText());
      state.onDisk = text;
      this.showFileProblems(state.file, text, state.set);
      this.changeEmitter.fire({ document: state.document });
    }
    // A `.ann` that appeared beside an open letter (another window, a copy): start showing it.
    for (const document of vscode.workspace.textDocuments) {
      if (!this.states.has(document.uri.toString()) && annotationFileOf(document.uri)?.toString() === uri.toString()) await this.opened(document);
    }
  }

  private async fileDeleted(uri: vscode.Uri): Promise<void> {
    for (const [key, state] of [...this.states.entries()]) {
      if (state.file.toString() !== uri.toString()) continue;
      await state.writing;
      // Renamed over by our own write: the file is there.
      if ((await readTextIfExists(uri).catch(() => undefined)) !== undefined) continue;
      this.states.delete(key);
      this.fileProblems.delete(uri);
      this.changeEmitter.fire({ document: state.document });
    }
  }

  // ---- writing ----

  /** Writes the annotations now if the letter is as on disk; otherwise keeps them until it is saved. */
  private async commit(state: State): Promise<void> {
    const { document } = state;
    if (document.isDirty) {
      state.unsaved = true;
      this.changeEmitter.fire({ document });
      return;
    }
    const text = document.getText();
    const content = writeStandoff(state.set, text);
    state.unsaved = false;
    this.changeEmitter.fire({ document });
    const write = state.writing.then(async () => {
      if (content === state.onDisk) return;
      try {
        await writeTextAtomically(state.file, content);
        state.onDisk = content;
        this.showFileProblems(state.file, content, readStandoff(content, text));
      } catch (error) {
        state.unsaved = true;
        const message = vscode.l10n.t('IMR Annotate: could not write {0}: {1}', vscode.workspace.asRelativePath(state.file), String(error));
        this.letters.output.appendLine(message);
        void vscode.window.showErrorMessage(message);
      }
    });
    state.writing = write;
    await write;
  }

  /** The `.ann` file's unreadable lines as diagnostics on it, each on its line. */
  private showFileProblems(file: vscode.Uri, text: string, set: AnnotationSet): void {
    const lines = text.split(/\r\n|\r|\n/);
    this.fileProblems.set(
      file,
      set.problems.map((problem) => {
        const line = Math.max(0, Math.min(problem.line - 1, lines.length - 1));
        const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, lines[line]?.length ?? 0), problem.message, vscode.DiagnosticSeverity.Warning);
        diagnostic.source = 'imr-annotate';
        diagnostic.code = 'imr-annotate.unreadable-line';
        return diagnostic;
      }),
    );
  }

  private readSettings(): AnnotationSettings {
    const configuration = vscode.workspace.getConfiguration('imr.annotations');
    const raw: Record<string, unknown> = {};
    for (const key of ['preAnnotate', 'labels', 'colors', 'attributes']) raw[key] = configuration.get(key);
    const { settings, problems } = readAnnotationSettings(raw);
    for (const problem of problems) {
      const message = vscode.l10n.t('IMR Annotate: the setting {0} is invalid: {1}', problem.setting, problem.message);
      if (this.reportedProblems.has(message)) continue;
      this.reportedProblems.add(message);
      this.letters.output.appendLine(message);
      void vscode.window.showWarningMessage(message);
    }
    return settings;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
