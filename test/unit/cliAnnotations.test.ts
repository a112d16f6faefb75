// `imr-annotate export` and `imr-annotate agree`: brat collections that round-trip and that an
// independent brat reader reads, JSONL and CoNLL, kept annotations beside a letter, name clashes,
// byte order marks, and agreement figures.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeText, fromJsonl, preAnnotate, readStandoff, requirePdfModule, type AnnotationSet } from '../../src/core';
import { parseArgs } from '../../src/cli/args';
import { readBrat, readConf } from './annotations/bratReader';
import { cli } from './helpers/cli';
import { PLAIN } from './helpers/letters';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const SAMPLES = path.join(FIXTURES, 'samples');

const tempDir = (): string => mkdtempSync(path.join(tmpdir(), 'imr-ann-'));
const content = (set: AnnotationSet) => ({ textBound: set.textBound, attributes: set.attributes, relations: set.relations, notes: set.notes });
/** A file's text as brat reads it: UTF-8, a byte order mark included. */
const bratText = (file: string): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(readFileSync(file));

describe('CLI: imr-annotate export', () => {
  it('writes a brat collection: the letters byte for byte, .ann files brat reads, annotation.conf', async () => {
    const out = path.join(tempDir(), 'brat');
    const { status, stdout, stderr } = await cli('export', '--format', 'brat', '--out', out, SAMPLES);
    assert.equal(stderr, '');
    assert.equal(status, 0);
    assert.equal(stdout, `Exported 5 letters (0 with kept annotations, 5 with the analyzer's) as brat to ${out}\n`);
    const conf = readConf(readFileSync(path.join(out, 'annotation.conf'), 'utf8'));
    for (const file of readdirSync(SAMPLES)) {
      const name = file.replace(/\.txt$/, '');
      assert.deepEqual(readFileSync(path.join(out, `${name}.txt`)), readFileSync(path.join(SAMPLES, file)), name);
      const ann = readFileSync(path.join(out, `${name}.ann`), 'utf8');
      const brat = readBrat(ann, bratText(path.join(out, `${name}.txt`)));
      assert.deepEqual(brat.errors, [], name);
      for (const span of brat.spans) assert.ok(conf.entities.includes(span.type), span.type);
      // Imported back: the analyzer's annotations of the letter.
      const text = readFileSync(path.join(SAMPLES, file), 'utf8');
      const back = readStandoff(ann, text);
      assert.deepEqual(back.problems, [], name);
      assert.deepEqual(content(back), content(preAnnotate(analyzeText(text))), name);
    }
  });

  it('exports the kept annotations where a .ann is beside the letter, keeping what it cannot read', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'kept.txt'), PLAIN);
    const start = PLAIN.indexOf('Valium');
    writeFileSync(path.join(dir, 'kept.ann'), `T1\tDenialReason ${start} ${start + 6}\tValium\nA1\tReason T1 NoEvidence\n#1\tAnnotatorNotes T1\tmy note\nT2\tbroken line\n`);
    writeFileSync(path.join(dir, 'fresh.txt'), PLAIN);
    const out = path.join(dir, 'out');
    const { status, stdout, stderr } = await cli('export', '--format', 'brat', '--out', out, path.join(dir, 'kept.txt'), path.join(dir, 'fresh.txt'));
    assert.equal(status, 0);
    assert.equal(stderr, `imr-annotate: ${path.join(dir, 'kept.ann')}:4: T2: offsets "line" are not two whole numbers\n`);
    assert.match(stdout, /^Exported 2 letters \(1 with kept annotations, 1 with the analyzer's\)/);
    assert.equal(
      readFileSync(path.join(out, 'kept.ann'), 'utf8'),
      `T1\tDenialReason ${start} ${start + 6}\tValium\nA1\tReason T1 NoEvidence\n#1\tAnnotatorNotes T1\tmy note\nT2\tbroken line\n`,
    );
    assert.ok(readFileSync(path.join(out, 'fresh.ann'), 'utf8').includes('\tDrug '));
    // The conf declares the user's own label and attribute, so brat shows them as declared.
    const conf = readConf(readFileSync(path.join(out, 'annotation.conf'), 'utf8'));
    assert.ok(conf.entities.includes('DenialReason'));
    assert.deepEqual(conf.attributes.get('Reason'), { targets: ['DenialReason'], values: ['NoEvidence'] });
    // --source analyzer ignores the kept file; --source kept exports nothing for a letter without one.
    await cli('export', '--format', 'brat', '--source', 'analyzer', '--out', out, path.join(dir, 'kept.txt'));
    assert.ok(!readFileSync(path.join(out, 'kept.ann'), 'utf8').includes('DenialReason'));
    const none = await cli('export', '--format', 'brat', '--source', 'kept', '--out', out, path.join(dir, 'fresh.txt'));
    assert.equal(none.status, 0);
    assert.match(none.stderr, /no kept annotations/);
    assert.equal(readFileSync(path.join(out, 'fresh.ann'), 'utf8'), '');
  });

  it('gives two letters of the same name different names, and says so', async () => {
    const dir = tempDir();
    for (const sub of ['a', 'b']) {
      mkdirSync(path.join(dir, sub));
      copyFileSync(path.join(SAMPLES, '001_86575cf29f22e52d.txt'), path.join(dir, sub, 'letter.txt'));
    }
    writeFileSync(path.join(dir, 'b', 'letter.txt'), PLAIN);
    const out = path.join(dir, 'out');
    const { status, stderr } = await cli('export', '--format', 'brat', '--out', out, dir);
    assert.equal(status, 0);
    assert.equal(stderr, `imr-annotate: ${path.join(dir, 'b', 'letter.txt')}: another letter is named letter: exported as letter-2\n`);
    assert.deepEqual(readdirSync(out).sort(), ['annotation.conf', 'letter-2.ann', 'letter-2.txt', 'letter.ann', 'letter.txt']);
    assert.equal(readFileSync(path.join(out, 'letter-2.txt'), 'utf8'), PLAIN);
  });

  it('counts a byte order mark as brat does, and writes a Windows-1252 letter as UTF-8', async () => {
    const dir = tempDir();
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PLAIN, 'utf8')]);
    writeFileSync(path.join(dir, 'bom.txt'), bom);
    writeFileSync(path.join(dir, 'cp1252.txt'), Buffer.from(PLAIN.replace('48 year old', '48 year old caf\u00e9'), 'latin1'));
    const out = path.join(dir, 'out');
    const { status, stderr } = await cli('export', '--format', 'brat', '--out', out, dir);
    assert.equal(status, 0);
    assert.equal(stderr, `imr-annotate: ${path.join(dir, 'cp1252.txt')}: written as UTF-8 (the file is windows-1252)\n`);
    assert.deepEqual(readFileSync(path.join(out, 'bom.txt')), bom);
    for (const name of ['bom', 'cp1252']) {
      const brat = readBrat(readFileSync(path.join(out, `${name}.ann`), 'utf8'), bratText(path.join(out, `${name}.txt`)));
      assert.deepEqual(brat.errors, [], name);
      assert.ok(brat.spans.some((s) => s.text === 'Valium'), name);
    }
    // JSONL has the text without the mark, offsets counted from it.
    const jsonl = path.join(dir, 'out.jsonl');
    await cli('export', '--format', 'jsonl', '--out', jsonl, path.join(dir, 'bom.txt'));
    const record = JSON.parse(readFileSync(jsonl, 'utf8')) as { text: string; spans: { start: number; end: number; label: string }[] };
    assert.equal(record.text, PLAIN);
    for (const span of record.spans) assert.equal(span.end <= Array.from(PLAIN).length, true);
  });

  it('writes JSONL that imports back to the same annotations, one record per letter', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'letters.jsonl');
    const { status, stdout } = await cli('export', '--format', 'jsonl', '--out', file, SAMPLES);
    assert.equal(status, 0);
    assert.match(stdout, /^Exported 5 letters .* as jsonl to /);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 5);
    lines.forEach((line, i) => {
      const record = JSON.parse(line) as { text: string; spans: { start: number; end: number; label: string }[]; meta: { name: string; source: string } };
      assert.equal(record.meta.source, 'analyzer');
      const codePoints = Array.from(record.text);
      for (const span of record.spans) assert.ok(codePoints.slice(span.start, span.end).join('').trim() !== '', JSON.stringify(span));
      const back = fromJsonl(record, i + 1);
      assert.ok('set' in back);
      assert.deepEqual(content(back.set), content(preAnnotate(analyzeText(record.text))), record.meta.name);
    });
    // To standard output with --out -, the summary on stderr.
    const piped = await cli('export', '--format', 'jsonl', '--out', '-', path.join(SAMPLES, '000_d9e3e55ce9e981e8.txt'));
    assert.equal(piped.stdout.split('\n').length, 2);
    assert.match(piped.stderr, /^Exported 1 letter /);
  });

  it('writes CoNLL with only the labels asked for', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), PLAIN);
    const { status, stdout } = await cli('export', '--format', 'conll', '--labels', 'Drug,Strength', '--out', '-', path.join(dir, 'a.txt'));
    assert.equal(status, 0);
    assert.ok(stdout.startsWith('-DOCSTART- O\n\n'));
    assert.deepEqual(stdout.split('\n').filter((l) => !l.endsWith(' O') && l !== '' && !l.startsWith('-DOCSTART-')), ['Valium B-Drug', '5 B-Strength', 'mg I-Strength']);
  });

  it('exports a PDF letter with its extracted text', async () => {
    const pdf = path.join(FIXTURES, 'corpus-pdf', 'CM16-0213037.pdf');
    const out = path.join(tempDir(), 'out');
    const { status } = await cli('export', '--format', 'brat', '--out', out, pdf);
    assert.equal(status, 0);
    const extracted = await requirePdfModule().extractPdfText(readFileSync(pdf));
    assert.ok('text' in extracted);
    assert.equal(readFileSync(path.join(out, 'CM16-0213037.txt'), 'utf8'), extracted.text);
    const brat = readBrat(readFileSync(path.join(out, 'CM16-0213037.ann'), 'utf8'), extracted.text);
    assert.deepEqual(brat.errors, []);
    assert.ok(brat.spans.length > 10);
  });

  it('reports usage errors with the export usage', async () => {
    const parsed = parseArgs(['export', '--out', 'x', 'a.txt']);
    assert.deepEqual(parsed.command === 'error' && [parsed.message, parsed.usage?.split('\n')[0]], ['--format is required: brat, jsonl or conll', 'Usage: imr-annotate export --format brat|jsonl|conll --out DIR|FILE [options] PATH...']);
    const brat = await cli('export', '--format', 'brat', '--out', '-', 'a.txt');
    assert.equal(brat.status, 2);
    assert.match(brat.stderr, /^imr-annotate: --format brat writes a directory: --out cannot be -\n\nUsage: imr-annotate export/);
    const help = await cli('export', '--help');
    assert.match(help.stdout, /^Usage: imr-annotate export --format brat\|jsonl\|conll/);
    assert.match((await cli('--help')).stdout, /imr-annotate export --help, imr-annotate agree --help\n/);
    const missing = await cli('export', '--format', 'jsonl', '--out', path.join(tempDir(), 'x.jsonl'), path.join(tempDir(), 'nothing.txt'));
    assert.equal(missing.status, 2);
  });
});

describe('CLI: imr-annotate agree', () => {
  /** Two annotators' collections of one letter. */
  function collections(): { a: string; b: string } {
    const dir = tempDir();
    const letter = 'Norco 10 mg #60: Upheld\nMRI of the knee: Overturned\n';
    for (const sub of ['a', 'b']) {
      mkdirSync(path.join(dir, sub));
      writeFileSync(path.join(dir, sub, 'x.txt'), letter);
    }
    writeFileSync(path.join(dir, 'a', 'x.ann'), 'T1\tDrug 0 5\tNorco\nT2\tStrength 6 11\t10 mg\nT3\tRequest 0 15\tNorco 10 mg #60\nT4\tRequest 24 39\tMRI of the knee\nA1\tOutcome T3 Upheld\nA2\tOutcome T4 Overturned\n');
    writeFileSync(path.join(dir, 'b', 'x.ann'), 'T1\tDrug 0 5\tNorco\nT2\tStrength 6 8\t10\nT3\tRequest 0 11\tNorco 10 mg\nT4\tRequest 24 39\tMRI of the knee\nT5\tBodyPart 35 39\tknee\nA1\tOutcome T3 Upheld\nA2\tOutcome T4 Upheld\n');
    return { a: path.join(dir, 'a'), b: path.join(dir, 'b') };
  }

  it('prints the JSON contract: per label and overall, exact and lenient, and the outcomes', async () => {
    const { a, b } = collections();
    const { status, stdout, stderr } = await cli('agree', a, b, '--format', 'json');
    assert.equal(stderr, '');
    assert.equal(status, 0);
    const result = JSON.parse(stdout) as {
      labels: Record<string, { tp: number; fp: number; fn: number; f1: number; lenient: { tp: number } }>;
      overall: { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number; lenient: object };
      outcomes: { pairs: number; agreed: number; kappa: number | null };
      documents: { compared: number; onlyA: string[]; onlyB: string[] };
    };
    assert.deepEqual(Object.keys(result.labels), ['BodyPart', 'Drug', 'Request', 'Strength']);
    assert.deepEqual([result.labels.Drug!.tp, result.labels.Drug!.fp, result.labels.Drug!.fn], [1, 0, 0]);
    assert.deepEqual([result.labels.Strength!.tp, result.labels.Strength!.lenient.tp], [0, 1]);
    assert.deepEqual([result.labels.Request!.tp, result.labels.Request!.fp, result.labels.Request!.fn, result.labels.Request!.lenient.tp], [1, 1, 1, 2]);
    // Overall exact: tp 2 (Norco, MRI), fp 3 (10, Norco 10 mg, knee), fn 2 → P 0.4, R 0.5.
    const { lenient: _lenient, ...exact } = result.overall;
    assert.deepEqual(exact, { tp: 2, fp: 3, fn: 2, precision: 0.4, recall: 0.5, f1: (2 * 0.4 * 0.5) / 0.9 });
    // Outcomes: 2 pairs, 1 agreed; A U/O, B U/U → pe = 0.5·1 + 0.5·0 = 0.5, κ = 0.
    assert.deepEqual([result.outcomes.pairs, result.outcomes.agreed, result.outcomes.kappa], [2, 1, 0]);
    assert.deepEqual(result.documents, { compared: 1, onlyA: [], onlyB: [] });
  });

  it('prints a table by default, counts a letter only one side annotated, and needs the letter text', async () => {
    const { a, b } = collections();
    writeFileSync(path.join(a, 'y.txt'), 'Soma');
    writeFileSync(path.join(a, 'y.ann'), 'T1\tDrug 0 4\tSoma\n');
    writeFileSync(path.join(b, 'z.ann'), 'T1\tDrug 0 4\tSoma\n');
    const { status, stdout, stderr } = await cli('agree', a, b);
    assert.equal(status, 2);
    assert.equal(stderr, 'imr-annotate: z: no z.txt in either directory: the .ann offsets need the letter\n');
    assert.match(stdout, /^Annotations of B \(.+\) against A \(.+\), 2 letters; exact spans, then overlapping spans \(lenient\)\n/);
    assert.match(stdout, /\nDrug +1 +0 +1 +1\.000 +0\.500 +0\.667 +1 +0 +1 +1\.000 +0\.500 +0\.667\n/);
    assert.match(stdout, /\nOutcomes: 2 items marked by both, 1 agreed \(0\.500\), by chance 0\.500, Cohen's kappa 0\.000; 0 only in A, 0 only in B\n/);
    assert.match(stdout, /\nOnly in A \(B counted as marking nothing\): y\nOnly in B \(A counted as marking nothing\): z\n$/);
  });

  it('agrees fully with its own export, and reports usage errors', async () => {
    const out = path.join(tempDir(), 'brat');
    await cli('export', '--format', 'brat', '--out', out, SAMPLES);
    const result = JSON.parse((await cli('agree', out, out, '--format=json')).stdout) as { overall: { f1: number; fp: number }; outcomes: { kappa: number } };
    assert.deepEqual([result.overall.f1, result.overall.fp, result.outcomes.kappa], [1, 0, 1]);
    const one = await cli('agree', out);
    assert.equal(one.status, 2);
    assert.match(one.stderr, /^imr-annotate: expected two directories, DIR_A and DIR_B, not 1\n\nUsage: imr-annotate agree/);
  });
});
