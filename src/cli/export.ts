/**
 * `imr-annotate export`: letters and their annotations as a brat collection, JSONL or CoNLL. A
 * letter's annotations are the kept ones (the `.ann` beside it) or the analyzer's (`--source`).
 */

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  analyzeText,
  annotationConf,
  type AnnotationSchema,
  type AnnotationSet,
  DEFAULT_SCHEMA,
  decodeText,
  extendSchema,
  moveAnnotations,
  preAnnotate,
  readStandoff,
  toConll,
  toJsonl,
  writeStandoff,
} from '../core';
import type { ExportArgs } from './args';
import { collectLetters, describeError, isPdfPath, readLetter } from './files';
import { visible } from './report';

/** Where the CLI writes: main.ts's output streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A letter ready to export: its text, the bytes to write for it, its annotations. */
interface ExportedLetter {
  readonly path: string;
  readonly name: string;
  /** The letter's text as the analyzer reads it (no byte order mark). */
  readonly text: string;
  /** The `.txt` to write: the file's own bytes for a UTF-8 letter, else its text as UTF-8. */
  readonly bytes: Uint8Array;
  /** A UTF-8 byte order mark starts `bytes`: brat counts it as a character, so the `.ann` does too. */
  readonly bom: boolean;
  /** Annotations, offsets into `text`. */
  readonly set: AnnotationSet;
  readonly source: 'kept' | 'analyzer';
}

const BOM_CHANGE = { start: 0, end: 0, text: '\ufeff' };
const UNBOM_CHANGE = { start: 0, end: 1, text: '' };

/** The `.ann` beside a letter: `x.txt`, `x.imr`, `x.pdf` → `x.ann`. */
export function keptAnnPath(letterPath: string): string {
  return path.join(path.dirname(letterPath), path.basename(letterPath, path.extname(letterPath)) + '.ann');
}

/** Writes a file whole or not at all: to a temporary file beside it, then renamed over it. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    await fs.writeFile(temporary, data);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/** Unique export names: the file's name without its extension, `-2`, `-3` added on a clash. */
function exportNames(paths: readonly string[]): string[] {
  const used = new Set<string>();
  return paths.map((p) => {
    const base = path.basename(p, path.extname(p));
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Reads one letter and its annotations; undefined (reported) when it cannot be read. */
async function loadLetter(file: string, name: string, args: ExportArgs, io: CliIo): Promise<ExportedLetter | undefined> {
  const fail = (message: string): undefined => {
    io.stderr(`imr-annotate: ${visible(file)}: ${visible(message)}\n`);
    return undefined;
  };
  let text: string;
  let bytes: Uint8Array;
  let bom = false;
  if (isPdfPath(file)) {
    const read = await readLetter(file, args.maxBytes);
    if (read.kind !== 'text') return fail(read.message);
    text = read.text;
    bytes = new TextEncoder().encode(text);
  } else {
    let raw: Buffer;
    try {
      const stat = await fs.stat(file);
      if (stat.size > args.maxBytes) return fail(`skipped: ${stat.size} bytes is above the limit of ${args.maxBytes} (--max-bytes)`);
      raw = await fs.readFile(file);
    } catch (error) {
      return fail(describeError(error));
    }
    const decoded = decodeText(raw);
    if ('notText' in decoded) return fail(decoded.notText === 'nul' ? 'not a text file (it contains NUL bytes)' : 'not a text file (mostly control characters)');
    text = decoded.text;
    if (decoded.encoding === 'utf-8') {
      bytes = raw;
      bom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
    } else {
      // brat reads UTF-8 only: the text is written as UTF-8, offsets unchanged (they count characters).
      bytes = new TextEncoder().encode(text);
      io.stderr(`imr-annotate: ${visible(file)}: written as UTF-8 (the file is ${decoded.encoding})\n`);
    }
  }
  const annPath = keptAnnPath(file);
  const useKept = args.source === 'kept' || (args.source === 'auto' && (await exists(annPath)));
  let set: AnnotationSet;
  if (useKept) {
    let ann = '';
    try {
      ann = await fs.readFile(annPath, 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') return fail(`${annPath}: ${describeError(error)}`);
      io.stderr(`imr-annotate: ${visible(file)}: no kept annotations (${visible(annPath)}): exported without annotations\n`);
    }
    // The .ann counts characters of the file as brat reads it, a byte order mark included.
    const kept = readStandoff(ann, bom ? '\ufeff' + text : text);
    for (const problem of kept.problems) io.stderr(`imr-annotate: ${visible(annPath)}:${problem.line}: ${visible(problem.message)}\n`);
    set = bom ? moveAnnotations(kept, [UNBOM_CHANGE]).set : kept;
  } else {
    set = preAnnotate(analyzeText(text));
  }
  if (args.labels) {
    const keep = new Set(set.textBound.filter((t) => args.labels!.includes(t.label)).map((t) => t.id));
    set = {
      ...set,
      textBound: set.textBound.filter((t) => keep.has(t.id)),
      attributes: set.attributes.filter((a) => keep.has(a.target)),
      relations: set.relations.filter((r) => keep.has(r.arg1) && keep.has(r.arg2)),
      notes: set.notes.filter((n) => keep.has(n.target)),
    };
  }
  return { path: file, name, text, bytes, bom, set, source: useKept ? 'kept' : 'analyzer' };
}

/** The schema with the labels, relation types and attribute values the exported sets use that it lacks. */
function schemaFor(sets: readonly AnnotationSet[]): AnnotationSchema {
  const labels = new Set<string>();
  const relations = new Set<string>();
  const attributes = new Map<string, { targets: Set<string>; values: Set<string> }>();
  for (const set of sets) {
    const labelOf = new Map(set.textBound.map((t) => [t.id, t.label]));
    for (const t of set.textBound) labels.add(t.label);
    for (const r of set.relations) relations.add(r.type);
    for (const a of set.attributes) {
      const entry = attributes.get(a.name) ?? { targets: new Set<string>(), values: new Set<string>() };
      entry.targets.add(labelOf.get(a.target) ?? '<ENTITY>');
      if (a.value !== undefined) entry.values.add(a.value);
      attributes.set(a.name, entry);
    }
  }
  const known = DEFAULT_SCHEMA.attributes.map((a) => a.name);
  return extendSchema(DEFAULT_SCHEMA, {
    labels: [...labels].sort().map((name) => ({ name, description: 'A label of the exported annotations.' })),
    relations: [...relations].sort().map((type) => ({ type, arg1: '<ENTITY>', arg2: '<ENTITY>', description: 'A relation of the exported annotations.' })),
    attributes: [...attributes]
      .filter(([name]) => !known.includes(name))
      .map(([name, { targets, values }]) => ({ name, targets: [...targets].sort(), ...(values.size > 0 ? { values: [...values].sort() } : {}), description: '' })),
  });
}

/** Runs `imr-annotate export`; the exit status. */
export async function exportLetters(args: ExportArgs, io: CliIo): Promise<number> {
  const { files, problems, skippedPdfs } = await collectLetters(args.paths, { includePdf: args.includePdf });
  let status = 0;
  for (const problem of problems) {
    io.stderr(`imr-annotate: ${visible(problem.path)}: ${visible(problem.message)}\n`);
    status = 2;
  }
  if (skippedPdfs > 0) io.stderr(`imr-annotate: ${skippedPdfs} PDF file${skippedPdfs === 1 ? '' : 's'} in the directories not read: add --include-pdf to export them too\n`);
  const paths = files.map((f) => f.path);
  const names = exportNames(paths);
  const letters: ExportedLetter[] = [];
  for (let i = 0; i < paths.length; i++) {
    const base = path.basename(paths[i]!, path.extname(paths[i]!));
    if (names[i] !== base) io.stderr(`imr-annotate: ${visible(paths[i]!)}: another letter is named ${visible(base)}: exported as ${visible(names[i]!)}\n`);
    const letter = await loadLetter(paths[i]!, names[i]!, args, io);
    if (letter) letters.push(letter);
    else status = 2;
  }
  try {
    if (args.format === 'brat') {
      await fs.mkdir(args.out, { recursive: true });
      for (const letter of letters) {
        const set = letter.bom ? moveAnnotations(letter.set, [BOM_CHANGE]).set : letter.set;
        await writeFileAtomic(path.join(args.out, `${letter.name}.txt`), letter.bytes);
        await writeFileAtomic(path.join(args.out, `${letter.name}.ann`), writeStandoff(set, letter.bom ? '\ufeff' + letter.text : letter.text));
      }
      await writeFileAtomic(path.join(args.out, 'annotation.conf'), annotationConf(schemaFor(letters.map((l) => l.set))));
    } else {
      const parts = letters.map((letter) =>
        args.format === 'jsonl'
          ? JSON.stringify(toJsonl(letter.text, letter.set, { name: letter.name, path: letter.path, source: letter.source })) + '\n'
          : toConll(letter.text, letter.set),
      );
      if (args.out === '-') for (const part of parts) io.stdout(part);
      else await writeFileAtomic(args.out, parts.join(''));
    }
  } catch (error) {
    io.stderr(`imr-annotate: cannot write ${visible(args.out)}: ${visible(describeError(error))}\n`);
    return 2;
  }
  const kept = letters.filter((l) => l.source === 'kept').length;
  const summary = `Exported ${letters.length} letter${letters.length === 1 ? '' : 's'} (${kept} with kept annotations, ${letters.length - kept} with the analyzer's) as ${args.format} to ${visible(args.out)}\n`;
  if (args.out === '-') io.stderr(summary);
  else io.stdout(summary);
  return status;
}
