// Kept annotations in a real editor, on a copy of a sample letter in a folder the suite creates and
// deletes: start annotating (an empty `.ann` beside the letter), annotate a selection, relabel,
// accept and dismiss the analyzer's suggestions, edit text before a span and inside one, save, close
// without saving, reload, and find everything in place; a malformed `.ann` keeps its bad lines; the
// hover, the quick fixes, the Annotations view and next/previous annotation work on what is kept.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { changedSpans, inTextOrder, readStandoff } from '../../src/core';
import type { ImrExtensionApi } from '../../src/extension/extension';
import type { LabelNode } from '../../src/extension/annotationsTree';
import { extensionApi, setSetting, waitFor, withAutoSaveOff, workspaceUri } from './gapsKit';
import { findOne, hoverText, openDocument } from './lettersKit';

const FOLDER = 'tmp-annotations';
const SUGGESTION = 'imr-annotate.suggestion';
const CHANGED_SPAN = 'imr-annotate.changed-span';

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The `T` lines of an `.ann` as `Label start end<TAB>text`, ids left out, sorted. */
function spans(ann: string | undefined): string[] {
  return (ann ?? '')
    .split('\n')
    .filter((line) => line.startsWith('T'))
    .map((line) => line.split('\t').slice(1).join('\t'))
    .sort();
}

function diagnosticsWithCode(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'imr-annotate' && (typeof d.code === 'object' ? d.code.value : d.code) === code);
}

async function quickFixes(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', document.uri, range, vscode.CodeActionKind.QuickFix.value);
  return (actions ?? []).filter((a): a is vscode.CodeAction => a instanceof vscode.CodeAction);
}

async function run(action: vscode.CodeAction | undefined): Promise<void> {
  assert.ok(action?.command, 'the quick fix runs a command');
  await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

suite('annotations', () => {
  let api: ImrExtensionApi;
  let sample = '';

  suiteSetup(async () => {
    api = await extensionApi();
    sample = new TextDecoder().decode(await vscode.workspace.fs.readFile(await findOne('**/samples/001_*.txt')));
  });

  teardown(async () => {
    for (const document of vscode.workspace.textDocuments.filter((d) => d.uri.path.includes(`/${FOLDER}/`) && !d.isClosed)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    const configuration = vscode.workspace.getConfiguration('imr.annotations');
    if (configuration.inspect('preAnnotate')?.globalValue !== undefined) await configuration.update('preAnnotate', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.delete(workspaceUri(FOLDER), { recursive: true }).then(undefined, () => undefined);
  });

  /** Writes `text` as FOLDER/name (and `ann` beside it), opens it as an imr letter and shows it. */
  async function openCopy(name: string, text = sample, ann?: string): Promise<vscode.TextEditor> {
    const uri = workspaceUri(`${FOLDER}/${name}`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    if (ann !== undefined) await vscode.workspace.fs.writeFile(annOf(uri), new TextEncoder().encode(ann));
    await vscode.workspace.openTextDocument(uri);
    let document = await waitFor(`${name} to be an imr document`, () => {
      const open = openDocument(uri);
      return open?.languageId === 'imr' ? open : undefined;
    }, 3000).catch(() => undefined);
    document ??= await vscode.languages.setTextDocumentLanguage(openDocument(uri)!, 'imr');
    const editor = await vscode.window.showTextDocument(document);
    await api.annotations.ready(document);
    return editor;
  }

  function annOf(uri: vscode.Uri): vscode.Uri {
    return uri.with({ path: uri.path.replace(/\.[^./]+$/, '.ann') });
  }

  function select(editor: vscode.TextEditor, text: string, occurrence = 0): vscode.Selection {
    const whole = editor.document.getText();
    let offset = -1;
    for (let i = 0; i <= occurrence; i++) offset = whole.indexOf(text, offset + 1);
    assert.ok(offset >= 0, `${text} is in the letter`);
    editor.selection = new vscode.Selection(editor.document.positionAt(offset), editor.document.positionAt(offset + text.length));
    return editor.selection;
  }

  /** Waits until the `.ann` on disk says `expected` of its spans. */
  async function waitForAnn(uri: vscode.Uri, what: string, probe: (ann: string) => boolean): Promise<string> {
    let last: string | undefined;
    try {
      return await waitFor(what, () => {
        void readText(uri).then((text) => (last = text));
        return last !== undefined && probe(last) ? last : undefined;
      });
    } catch (error) {
      assert.fail(`${(error as Error).message}\n.ann:\n${last}`);
    }
  }

  test('annotate, relabel, accept and dismiss suggestions, edit, save, reload: everything in place', async function () {
    // Many round trips to the workbench (each edit, write and wait); slow on a loaded machine.
    this.timeout(120_000);
    await withAutoSaveOff(async () => {
      await setSetting('annotations.preAnnotate', false, () => !api.annotations.settings.preAnnotate);
      const editor = await openCopy('letter.txt');
      const { document } = editor;
      const ann = annOf(document.uri);
      assert.strictEqual(await readText(ann), undefined, 'no .ann before starting');

      // Start: an empty .ann, and the analyzer's findings as hints to accept.
      assert.strictEqual(await vscode.commands.executeCommand('imr.startAnnotating'), true);
      assert.strictEqual(await readText(ann), '');
      await waitFor('suggestions', () => diagnosticsWithCode(document.uri, SUGGESTION).length >= 40);
      assert.strictEqual(await vscode.commands.executeCommand('imr.startAnnotating'), false, 'a second start keeps what there is');

      // Annotate the selection: the .ann is written at once (the letter is unmodified), highlighted.
      const valium = select(editor, 'Valium');
      const start = document.offsetAt(valium.start);
      assert.deepStrictEqual(await vscode.commands.executeCommand('imr.annotateSelection', { label: 'Form' }), ['T1']);
      await waitForAnn(ann, 'T1 as Form', (text) => text.includes(`T1\tForm ${start} ${start + 6}\tValium`));
      assert.deepStrictEqual(api.annotationDecorations.labelRanges(editor).get('Form')?.map((r) => r.isEqual(valium)), [true]);
      // Form was used last, so it is offered first.
      assert.strictEqual(api.annotations.labelsToOffer()[0], 'Form');

      // The analyzer would call it a Drug: a suggestion whose quick fix relabels it.
      const relabelHint = await waitFor('the relabel suggestion', () => diagnosticsWithCode(document.uri, SUGGESTION).find((d) => d.range.isEqual(valium) && d.message.includes('from Form to Drug')));
      const fixes = await quickFixes(document, relabelHint.range);
      const titles = fixes.map((f) => f.title);
      assert.ok(titles.includes("Change 'Valium' from Form to Drug"), titles.join('\n'));
      assert.ok(titles.includes("Dismiss the suggestion 'Valium'"), titles.join('\n'));
      // The span's own actions are in the same menu.
      assert.ok(titles.includes("Change the label of 'Valium' (Form, T1)..."), titles.join('\n'));
      await run(fixes.find((f) => f.title === "Change 'Valium' from Form to Drug"));
      await waitForAnn(ann, 'T1 relabelled to Drug', (text) => text.includes(`T1\tDrug ${start} ${start + 6}\tValium`));

      // Relabel by command (as the hover's link does), and back.
      assert.strictEqual(await vscode.commands.executeCommand('imr.relabelAnnotation', { uri: document.uri.toString(), id: 'T1', label: 'BodyPart' }), true);
      await waitForAnn(ann, 'T1 as BodyPart', (text) => text.includes('T1\tBodyPart '));
      assert.strictEqual(await vscode.commands.executeCommand('imr.relabelAnnotation', { id: 'T1', label: 'Drug' }), true);
      await waitForAnn(ann, 'T1 as Drug', (text) => text.includes('T1\tDrug '));

      // Accept an "add" suggestion from its quick fix; dismiss another, which stays dismissed.
      const diazepam = select(editor, 'Diazepam', 1);
      const addHint = await waitFor('the Diazepam suggestion', () => diagnosticsWithCode(document.uri, SUGGESTION).find((d) => d.range.isEqual(diazepam) && d.message.includes("Add 'Diazepam' as Drug")));
      await run((await quickFixes(document, addHint.range)).find((f) => f.title === "Add 'Diazepam' as Drug"));
      const dStart = document.offsetAt(diazepam.start);
      await waitForAnn(ann, 'Diazepam added', (text) => text.includes(`T2\tDrug ${dStart} ${dStart + 8}\tDiazepam`));
      const kadian = select(editor, 'Kadian');
      const kadianHint = await waitFor('the Kadian suggestion', () => diagnosticsWithCode(document.uri, SUGGESTION).find((d) => d.range.isEqual(kadian)));
      await run((await quickFixes(document, kadianHint.range)).find((f) => f.title.startsWith('Dismiss')));
      await waitForAnn(ann, 'the dismissal kept', (text) => /^#\d+\tIMRDismissed #\d+\tDrug \d+ \d+\tKadian$/m.test(text));
      await waitFor('the Kadian hint to go', () => !diagnosticsWithCode(document.uri, SUGGESTION).some((d) => d.range.isEqual(kadian)));

      // Accept all in the item: its Request comes with its Outcome.
      const item = select(editor, 'Diazepam 5 mg 1 tablet');
      const accepted = await vscode.commands.executeCommand<number>('imr.acceptSuggestionsInItem', { offset: document.offsetAt(item.start) + 2 });
      assert.ok(accepted >= 8, `accepted ${accepted}`);
      const afterItem = await waitForAnn(ann, 'the item accepted', (text) => /^A\d+\tOutcome T\d+ Upheld$/m.test(text));
      assert.ok(spans(afterItem).some((line) => line.startsWith('Request ')), afterItem);

      // A note and an attribute, as the hover's links set them.
      assert.strictEqual(await vscode.commands.executeCommand('imr.noteAnnotation', { id: 'T1', note: 'brand of diazepam' }), true);
      await waitForAnn(ann, 'the note', (text) => /^#\d+\tAnnotatorNotes T1\tbrand of diazepam$/m.test(text));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, valium.start.translate(0, 2));
      const hover = hoverText(hovers);
      assert.ok(hover.includes('Drug T1') && hover.includes('Note: brand of diazepam'), hover);
      assert.ok(hovers.some((h) => h.contents.some((c) => typeof c !== 'string' && c.value.includes('command:imr.relabelAnnotation'))), 'the hover links to the commands');

      // Edit before the spans: they move in memory; the .ann on disk waits for the save.
      const beforeEdit = await readText(ann);
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Re: 🩺 review\n'));
      assert.ok(document.isDirty);
      const moved = api.annotations.of(document)!.set.textBound.find((t) => t.id === 'T1')!;
      assert.deepStrictEqual(moved.fragments, [{ start: start + 14, end: start + 20 }]);
      assert.strictEqual(await readText(ann), beforeEdit, 'unsaved: the .ann still matches the file on disk');
      assert.deepStrictEqual(api.annotationDecorations.labelRanges(editor).get('Drug')?.[0]?.start, document.positionAt(start + 14));

      // Typing inside a span flags it (and the accepted rationale around it), with a fix that keeps it on the new text.
      const typo = select(editor, 'Valium');
      await editor.edit((edit) => edit.replace(new vscode.Range(typo.end.translate(0, -1), typo.end), 'n'));
      const changedT1 = await waitFor('the changed span', () => diagnosticsWithCode(document.uri, CHANGED_SPAN).find((d) => d.message.includes('T1 (Drug)')));
      assert.match(changedT1.message, /T1 \(Drug\).*'Valium'.*'Valiun'/);
      for (const diagnostic of diagnosticsWithCode(document.uri, CHANGED_SPAN)) {
        const id = /The text of (T\d+)/.exec(diagnostic.message)?.[1];
        const keep = (await quickFixes(document, diagnostic.range)).find((f) => f.title.startsWith(`Keep ${id} (`) && f.title.endsWith(' on the new text'));
        await run(keep);
      }
      await waitFor('the changed spans to clear', () => diagnosticsWithCode(document.uri, CHANGED_SPAN).length === 0);

      // Save: the .ann follows, every span's text at its (code point) offsets.
      assert.strictEqual(await document.save(), true);
      const saved = await waitForAnn(ann, 'the .ann saved', (text) => text !== beforeEdit && text.includes('\tValiun'));
      const savedText = document.getText();
      const reread = readStandoff(saved, savedText);
      assert.deepStrictEqual(reread.problems, []);
      assert.deepStrictEqual(changedSpans(reread, savedText), []);
      // The emoji before the spans counts one code point in the file, two UTF-16 units in the editor.
      assert.ok(saved.includes(`T1\tDrug ${start + 13} ${start + 19}\tValiun`), saved);

      // Reload: closed and opened again, and every annotation forgotten and read from disk again.
      const before = api.annotations.of(document)!.set;
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await api.annotations.reloadAll();
      const reopened = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(document.uri));
      const after = await api.annotations.ready(reopened.document);
      assert.ok(after, 'annotated after the reload');
      assert.deepStrictEqual(after.set.textBound, before.textBound);
      assert.deepStrictEqual(after.set.attributes, before.attributes);
      assert.deepStrictEqual(after.set.notes, before.notes);
      assert.deepStrictEqual(after.set.dismissals, before.dismissals);
      await waitFor('the highlights after the reload', () => api.annotationDecorations.labelRanges(reopened).get('Drug')?.some((r) => reopened.document.getText(r) === 'Valiun'));
      const kadianAt = savedText.indexOf('Kadian');
      const kadianRange = new vscode.Range(reopened.document.positionAt(kadianAt), reopened.document.positionAt(kadianAt + 6));
      await waitFor('the suggestions after the reload', () => diagnosticsWithCode(reopened.document.uri, SUGGESTION).length > 0);
      assert.ok(!diagnosticsWithCode(reopened.document.uri, SUGGESTION).some((d) => d.range.isEqual(kadianRange)), 'the dismissed suggestion stays dismissed');
      // The Annotations view lists them by label with counts; a click goes to the span.
      let labels: LabelNode[] = [];
      for (let tries = 0; tries < 50 && labels.length === 0; tries++) {
        labels = (await api.annotationsTree.getChildren()) as LabelNode[];
        if (labels.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const drug = labels.find((node) => node.label === 'Drug');
      assert.ok(drug && drug.annotations.length >= 3, labels.map((l) => `${l.label} ${l.annotations.length}`).join(', '));
      assert.strictEqual(api.annotationsTree.getTreeItem(drug).description, String(drug.annotations.length));
      const [firstDrug] = await api.annotationsTree.getChildren(drug);
      const click = api.annotationsTree.getTreeItem(firstDrug!).command!;
      await vscode.commands.executeCommand(click.command, ...(click.arguments ?? []));
      const active = vscode.window.activeTextEditor!;
      assert.strictEqual(active.document.getText(active.selection), drug.annotations[0]!.text);
    });
  });

  test('pre-annotated start; next/previous annotation; closing without saving leaves the .ann matching the file', async function () {
    // Many round trips to the workbench (each edit, write and wait); slow on a loaded machine.
    this.timeout(120_000);
    await withAutoSaveOff(async () => {
      const editor = await openCopy('unsaved.txt');
      const { document } = editor;
      const ann = annOf(document.uri);
      await waitFor('pre-annotation on (the default)', () => api.annotations.settings.preAnnotate);
      // Pre-annotated (the default): the analyzer's annotations are the starting point.
      assert.strictEqual(await vscode.commands.executeCommand('imr.startAnnotating'), true);
      const initial = await waitForAnn(ann, 'the pre-annotation', (text) => text.includes('\tOutcome T'));
      assert.ok(spans(initial).length >= 40, initial);

      // Next/previous: from the top, the first span; then the one after it; back again.
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      const ordered = inTextOrder(api.annotations.of(document)!.set.textBound);
      const at = (): [number, number] => [document.offsetAt(editor.selection.start), document.offsetAt(editor.selection.end)];
      await vscode.commands.executeCommand('imr.nextAnnotation');
      assert.deepStrictEqual(at(), [ordered[0]!.fragments[0]!.start, ordered[0]!.fragments[0]!.end]);
      await vscode.commands.executeCommand('imr.nextAnnotation');
      assert.deepStrictEqual(at(), [ordered[1]!.fragments[0]!.start, ordered[1]!.fragments[0]!.end]);
      await vscode.commands.executeCommand('imr.previousAnnotation');
      assert.deepStrictEqual(at(), [ordered[0]!.fragments[0]!.start, ordered[0]!.fragments[0]!.end]);

      // Typed and annotated, then closed without saving: the .ann is as it was.
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'draft\n'));
      select(editor, 'review');
      assert.deepStrictEqual(await vscode.commands.executeCommand('imr.annotateSelection', { label: 'Rationale' }), [`T${Math.max(...ordered.map((t) => Number(t.id.slice(1)))) + 1}`]);
      assert.strictEqual(await vscode.commands.executeCommand('imr.removeAnnotation', { id: ordered[0]!.id }), true);
      assert.strictEqual(await readText(ann), initial);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      assert.strictEqual(await readText(ann), initial);
      const reopened = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(document.uri));
      const again = await api.annotations.ready(reopened.document);
      assert.deepStrictEqual(again?.set.textBound.map((t) => t.id), readStandoff(initial, sample).textBound.map((t) => t.id));

      // Typed, annotated, and the typing undone: the letter is as on disk again, so the span is written.
      await reopened.edit((edit) => edit.insert(new vscode.Position(0, 0), 'x'));
      select(reopened, 'review');
      await vscode.commands.executeCommand('imr.annotateSelection', { label: 'Rationale' });
      assert.strictEqual(await readText(ann), initial);
      await vscode.commands.executeCommand('undo');
      const reviewStart = sample.indexOf('review');
      await waitForAnn(ann, 'the span written after the undo', (text) => text.includes(`\tRationale ${reviewStart} ${reviewStart + 6}\treview`));
      assert.strictEqual(reopened.document.isDirty, false);
    });
  });

  test('a malformed .ann: its bad lines are diagnostics on their lines, and kept on the next save', async function () {
    // Many round trips to the workbench (each edit, write and wait); slow on a loaded machine.
    this.timeout(120_000);
    await withAutoSaveOff(async () => {
      const valium = sample.indexOf('Valium');
      const ann = [`T1\tDrug ${valium} ${valium + 6}\tValium`, 'T2\tDrug 12 nonsense', 'X9 not brat at all', ''].join('\n');
      const editor = await openCopy('malformed.txt', sample, ann);
      const { document } = editor;
      const annUri = annOf(document.uri);
      const letter = api.annotations.of(document);
      assert.deepStrictEqual(letter?.set.textBound.map((t) => t.id), ['T1']);
      const problems = await waitFor('the .ann problems', () => {
        const found = vscode.languages.getDiagnostics(annUri);
        return found.length === 2 ? found : undefined;
      });
      assert.deepStrictEqual(problems.map((p) => p.range.start.line).sort(), [1, 2]);

      select(editor, 'Diazepam');
      await vscode.commands.executeCommand('imr.annotateSelection', { label: 'Drug' });
      const written = await waitForAnn(annUri, 'the new span', (text) => text.includes('\tDiazepam'));
      assert.ok(written.includes('T2\tDrug 12 nonsense') && written.includes('X9 not brat at all'), written);
      assert.ok(!/^T2\tDrug \d+ \d+\tDiazepam/m.test(written), 'the new span does not reuse the id of the unreadable line');
      await waitFor('the problems on their new lines', () => vscode.languages.getDiagnostics(annUri).length === 2);
    });
  });

  test('a write cut off before its rename is recovered from its temporary file', async function () {
    // Many round trips to the workbench (each edit, write and wait); slow on a loaded machine.
    this.timeout(120_000);
    const diazepam = sample.indexOf('Diazepam');
    const kept = `T1\tDrug ${diazepam} ${diazepam + 8}\tDiazepam\n`;
    const temporary = workspaceUri(`${FOLDER}/.recovered.ann.${Date.now().toString(36)}-0.tmp`);
    await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(kept));
    const { document } = await openCopy('recovered.txt');
    assert.deepStrictEqual(api.annotations.of(document)?.set.textBound.map((t) => `${t.id} ${t.label} ${t.text}`), ['T1 Drug Diazepam']);
    assert.strictEqual(await readText(annOf(document.uri)), kept);
    assert.strictEqual(await readText(temporary), undefined);
  });

  test('Compare Annotations With... a folder: the differences as diagnostics that follow the annotator', async function () {
    // Many round trips to the workbench (each edit, write and wait); slow on a loaded machine.
    this.timeout(120_000);
    await withAutoSaveOff(async () => {
      const at = (text: string, occurrence = 0): [number, number] => {
        let offset = -1;
        for (let i = 0; i <= occurrence; i++) offset = sample.indexOf(text, offset + 1);
        return [offset, offset + text.length];
      };
      const line = (id: string, label: string, text: string, occurrence = 0): string => {
        const [start, end] = at(text, occurrence);
        return `${id}\t${label} ${start} ${end}\t${text}`;
      };
      const ours = [line('T1', 'Drug', 'Valium'), line('T2', 'Drug', 'Diazepam', 1), line('T3', 'Strength', '5 mg'), ''].join('\n');
      // A colleague's: Valium the same, Diazepam as a Form, "5" only, and Kadian too.
      const theirs = [line('T1', 'Drug', 'Valium'), line('T2', 'Form', 'Diazepam', 1), line('T3', 'Strength', '5 mg').replace(/ (\d+)\t5 mg$/, (_, end: string) => ` ${Number(end) - 3}\t5`), line('T4', 'Drug', 'Kadian'), ''].join('\n');
      await vscode.workspace.fs.writeFile(workspaceUri(`${FOLDER}/colleague/compared.ann`), new TextEncoder().encode(theirs));
      const { document } = await openCopy('compared.txt', sample, ours);
      const result = await vscode.commands.executeCommand<{ differences: number; agreement: { overall: { tp: number; fp: number; fn: number } } }>('imr.compareAnnotations', { other: workspaceUri(`${FOLDER}/colleague`).toString() });
      assert.ok(result, 'the comparison ran');
      assert.deepStrictEqual([result.agreement.overall.tp, result.agreement.overall.fp, result.agreement.overall.fn], [1, 3, 2]);
      const differences = (): string[] => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'imr-annotate' && typeof d.code === 'string' && d.code === 'imr-annotate.difference').map((d) => `${document.getText(d.range)}: ${d.message}`);
      assert.deepStrictEqual(differences().sort(), [
        "5 mg: Strength here covers '5 mg', in compared.ann '5'.",
        "Diazepam: 'Diazepam' is Drug here, Form in compared.ann.",
        "Kadian: Only in compared.ann: 'Kadian' as Drug.",
      ]);
      // The annotator takes the colleague's Kadian: that difference goes.
      select(await vscode.window.showTextDocument(document), 'Kadian');
      await vscode.commands.executeCommand('imr.annotateSelection', { label: 'Drug' });
      await waitFor('the Kadian difference to go', () => differences().length === 2);
    });
  });

  test('a PDF letter: its .ann sits beside the PDF, written at once (its text cannot be edited)', async function () {
    this.timeout(120_000);
    const pdf = workspaceUri(`${FOLDER}/pdf-letter.pdf`);
    await vscode.workspace.fs.writeFile(pdf, await vscode.workspace.fs.readFile(workspaceUri('corpus-pdf/CM16-0213037.pdf')));
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('imr.openPdfLetter', pdf);
    assert.ok(editor, 'the PDF letter is open');
    await api.annotations.ready(editor.document);
    assert.strictEqual(await vscode.commands.executeCommand('imr.startAnnotating'), true);
    const ann = workspaceUri(`${FOLDER}/pdf-letter.ann`);
    const written = await waitForAnn(ann, 'the pre-annotation beside the PDF', (text) => spans(text).length > 10);
    const text = editor.document.getText();
    assert.deepStrictEqual(changedSpans(readStandoff(written, text), text), []);
    const [start, end] = [text.indexOf('Upheld'), text.indexOf('Upheld') + 6];
    editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(end));
    const [id] = await vscode.commands.executeCommand<string[]>('imr.annotateSelection', { label: 'Rationale' });
    assert.ok(id, 'annotated');
    await waitForAnn(ann, 'the new span', (current) => readStandoff(current, text).textBound.some((t) => t.id === id && t.label === 'Rationale' && t.text === 'Upheld'));
  });
});
