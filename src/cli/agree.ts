/**
 * `imr-annotate agree DIR_A DIR_B`: two annotators' brat collections compared, B scored against A
 * (the core's agree()), as a table or as JSON.
 */

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { agree, type Agreement, type AgreementDocument, type AnnotationSet, emptyAnnotationSet, type LabelScores, readStandoff } from '../core';
import type { AgreeArgs } from './args';
import type { CliIo } from './export';
import { describeError } from './files';
import { visible } from './report';

/** The `.ann` files under `dir`, by their path relative to it without `.ann` (`sub/x`), sorted. */
async function annFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (at: string): Promise<void> => {
    const entries = await fs.readdir(path.join(dir, at), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const relative = at === '' ? entry.name : `${at}/${entry.name}`;
      if (entry.isDirectory()) await walk(relative);
      else if (entry.isFile() && entry.name.endsWith('.ann')) found.push(relative.slice(0, -'.ann'.length));
    }
  };
  await walk('');
  return found;
}

/** The letter's text as brat reads it: UTF-8, a byte order mark counted as a character. */
async function readText(file: string): Promise<string | undefined> {
  try {
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await fs.readFile(file));
  } catch {
    return undefined;
  }
}

const fixed = (n: number): string => n.toFixed(3);

/** The agreement as a table: per label, exact and lenient scores, then the outcomes. */
export function formatAgreement(result: Agreement, args: { a: string; b: string }, onlyA: readonly string[], onlyB: readonly string[]): string {
  const rows: string[][] = [['label', 'tp', 'fp', 'fn', 'precision', 'recall', 'f1', '', 'lenient tp', 'fp', 'fn', 'precision', 'recall', 'f1']];
  const row = (label: string, s: LabelScores): string[] => [
    label,
    String(s.tp),
    String(s.fp),
    String(s.fn),
    fixed(s.precision),
    fixed(s.recall),
    fixed(s.f1),
    '',
    String(s.lenient.tp),
    String(s.lenient.fp),
    String(s.lenient.fn),
    fixed(s.lenient.precision),
    fixed(s.lenient.recall),
    fixed(s.lenient.f1),
  ];
  for (const [label, s] of Object.entries(result.labels)) rows.push(row(label, s));
  rows.push(row('overall', result.overall));
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const table = rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd());
  const o = result.outcomes;
  const lines = [
    `Annotations of B (${visible(args.b)}) against A (${visible(args.a)}), ${result.documents.compared} letter${result.documents.compared === 1 ? '' : 's'}; exact spans, then overlapping spans (lenient)`,
    '',
    ...table,
    '',
    `Outcomes: ${o.pairs} item${o.pairs === 1 ? '' : 's'} marked by both, ${o.agreed} agreed (${fixed(o.observed)}), by chance ${fixed(o.expected)}, Cohen's kappa ${o.kappa === null ? 'undefined' : fixed(o.kappa)}; ${o.onlyA} only in A, ${o.onlyB} only in B`,
  ];
  if (onlyA.length > 0) lines.push(`Only in A (B counted as marking nothing): ${onlyA.map(visible).join(', ')}`);
  if (onlyB.length > 0) lines.push(`Only in B (A counted as marking nothing): ${onlyB.map(visible).join(', ')}`);
  return lines.join('\n') + '\n';
}

/** Runs `imr-annotate agree`; the exit status. */
export async function agreeDirs(args: AgreeArgs, io: CliIo): Promise<number> {
  let namesA: string[];
  let namesB: string[];
  try {
    [namesA, namesB] = await Promise.all([annFiles(args.a), annFiles(args.b)]);
  } catch (error) {
    io.stderr(`imr-annotate: cannot read directory: ${visible(describeError(error))}\n`);
    return 2;
  }
  let status = 0;
  const documents: AgreementDocument[] = [];
  const names = [...new Set([...namesA, ...namesB])].sort();
  for (const name of names) {
    const text = (await readText(path.join(args.a, `${name}.txt`))) ?? (await readText(path.join(args.b, `${name}.txt`)));
    if (text === undefined) {
      io.stderr(`imr-annotate: ${visible(name)}: no ${visible(name)}.txt in either directory: the .ann offsets need the letter\n`);
      status = 2;
      continue;
    }
    const read = async (dir: string, has: boolean): Promise<AnnotationSet> => {
      if (!has) return emptyAnnotationSet();
      const file = path.join(dir, `${name}.ann`);
      const set = readStandoff(await fs.readFile(file, 'utf8'), text);
      for (const problem of set.problems) io.stderr(`imr-annotate: ${visible(file)}:${problem.line}: ${visible(problem.message)}\n`);
      return set;
    };
    try {
      documents.push({ name, a: await read(args.a, namesA.includes(name)), b: await read(args.b, namesB.includes(name)) });
    } catch (error) {
      io.stderr(`imr-annotate: ${visible(name)}: ${visible(describeError(error))}\n`);
      status = 2;
    }
  }
  const result = agree(documents);
  const onlyA = namesA.filter((n) => !namesB.includes(n));
  const onlyB = namesB.filter((n) => !namesA.includes(n));
  if (args.format === 'json') io.stdout(JSON.stringify({ ...result, documents: { compared: documents.length, onlyA, onlyB } }, null, 2) + '\n');
  else io.stdout(formatAgreement(result, args, onlyA, onlyB));
  return status;
}
