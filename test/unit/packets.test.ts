// Packets: a text that holds several letters one after another is read as its letters, each with the
// header, items, outcomes and diagnostics it has alone (its ranges moved by where it begins), and no
// rule reads across from one letter into the next. Packets are made from the fixture letters, joined
// as packets and text dumps join them. Seed and runs of the property: IMR_FC_SEED, IMR_FC_RUNS.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  type Analysis,
  analyzeText,
  type Diagnostic,
  findLetterStarts,
  itemRows,
  type Letter,
  lettersOf,
  letterRanges,
  outline,
  plainLetterStarts,
  type Range,
  requirePdfModule,
} from '../../src/core';
import { fileReport } from '../../src/cli/report';
import { MARKDOWN, PLAIN } from './helpers/letters';
import { buildPdf, stream, textContent } from './helpers/pdfs';
import { FC_RUNS, FC_SEED, fcTimeout, fixtureLetters, type NamedText } from './reliability/mutate';

/** How letters are joined: form feeds, blank lines (with the spaces PDF text leaves on them), one line break, or nothing. */
const JOINS: ReadonlyArray<{ name: string; join: string }> = [
  { name: 'form feed', join: '\f' },
  { name: 'line break and form feed', join: '\n\f' },
  { name: 'blank lines', join: '\n\n\n' },
  { name: 'blank lines with spaces', join: '\n \n \n' },
  { name: 'one line break', join: '\n' },
  { name: 'nothing', join: '' },
];

/** Line endings a letter may have in a packet. */
const ENDINGS = ['\n', '\r\n'] as const;

/** A letter as a part of a packet: its text without the whitespace around it, with its line endings. */
function part(text: string, eol: string): string {
  const trimmed = text.trim();
  return eol === '\n' ? trimmed : trimmed.replace(/\r?\n/g, eol);
}

interface Packet {
  readonly text: string;
  readonly parts: readonly string[];
  /** Where each part begins in the text. */
  readonly offsets: readonly number[];
}

function packetOf(parts: readonly string[], joins: readonly string[]): Packet {
  let text = '';
  const offsets: number[] = [];
  parts.forEach((p, i) => {
    if (i > 0) text += joins[(i - 1) % joins.length]!.replace(/\n/g, p.includes('\r\n') ? '\r\n' : '\n');
    offsets.push(text.length);
    text += p;
  });
  return { text, parts, offsets };
}

/** `value` with `by` taken from every `start` and `end` in it: a model of the whole text as the model of a slice. */
function relative(value: unknown, by: number): unknown {
  if (Array.isArray(value)) return value.map((v) => relative(v, by));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = (key === 'start' || key === 'end') && typeof v === 'number' ? v - by : relative(v, by);
  }
  return out;
}

/** What a letter's model says, without its text (a packet's letters carry the whole text). */
function modelOf(letter: Letter): unknown {
  const { text: _text, ...rest } = letter;
  return rest;
}

const alone = new Map<string, Analysis>();
function analysisAlone(text: string): Analysis {
  let analysis = alone.get(text);
  if (!analysis) {
    analysis = analyzeText(text);
    alone.set(text, analysis);
  }
  return analysis;
}

function within(inner: Range, outer: Range): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** Every range a diagnostic names: its own and its fixes' edits. */
function rangesOf(diagnostic: Diagnostic): Range[] {
  return [diagnostic.range, ...diagnostic.fixes.flatMap((fix) => fix.edits.map((edit) => edit.range))];
}

/** The packet is read as exactly its parts, each as it is alone; the merged model is theirs one after the other. */
function assertReadAsItsLetters(packet: Packet, what: string): void {
  const analysis = analyzeText(packet.text);
  const letters = lettersOf(analysis);
  assert.deepEqual(
    letters.map((l) => l.range.start),
    packet.offsets,
    `${what}: letters begin at ${letters.map((l) => l.range.start).join(', ')}, expected ${packet.offsets.join(', ')}`,
  );
  assert.deepEqual(findLetterStarts(packet.text), plainLetterStarts(packet.text), `${what}: the regex and the plain scan find the same starts`);
  const firstItems: number[] = [];
  let items = 0;
  letters.forEach((letter, k) => {
    const own = analysisAlone(packet.parts[k]!);
    const offset = packet.offsets[k]!;
    assert.deepEqual(letter.range, { start: offset, end: offset + packet.parts[k]!.length }, `${what}: letter ${k + 1}'s range`);
    assert.equal(letter.letter.text, packet.text, `${what}: letter ${k + 1} carries the whole text`);
    assert.deepEqual(relative(modelOf(letter.letter), offset), modelOf(own.letter), `${what}: letter ${k + 1} is parsed as it is alone`);
    assert.deepEqual(relative(letter.diagnostics, offset), own.diagnostics, `${what}: letter ${k + 1} has the diagnostics it has alone`);
    firstItems.push(items);
    items += own.letter.items.length;
  });
  // The one model every view reads: the letters' items (indexed through the text) and diagnostics in order.
  assert.equal(analysis.letter.text, packet.text);
  assert.deepEqual(
    analysis.letter.items.map((item) => [item.index, item.name.start, item.outcome]),
    letters.flatMap((l) => l.letter.items.map((item) => [firstItems[letters.indexOf(l)]! + item.index, item.name.start, item.outcome])),
    `${what}: merged items`,
  );
  assert.equal(analysis.diagnostics.length, letters.reduce((n, l) => n + l.diagnostics.length, 0), `${what}: merged diagnostics`);
  for (const diagnostic of analysis.diagnostics) {
    const holders = letters.filter((l) => rangesOf(diagnostic).every((r) => within(r, l.range)));
    assert.equal(holders.length, 1, `${what}: ${diagnostic.code} at ${diagnostic.range.start}-${diagnostic.range.end} is inside exactly one letter`);
    if (diagnostic.itemIndex !== undefined) assert.ok(within(analysis.letter.items[diagnostic.itemIndex]!.range, holders[0]!.range), `${what}: ${diagnostic.code}'s item is in its letter`);
  }
}

describe('packets: several letters in one text', function () {
  this.timeout(fcTimeout(600_000));
  const forms: Record<string, NamedText[]> = { text: fixtureLetters('corpus'), layout: fixtureLetters('corpus-layout'), markdown: fixtureLetters('samples') };
  const every = Object.values(forms).flat();

  it('a letter alone is one letter, and its analysis is what it always was (no `letters`)', () => {
    for (const { name, text } of every) {
      assert.deepEqual(findLetterStarts(text), [0], name);
      assert.equal(analyzeText(text).letters, undefined, name);
    }
    assert.deepEqual(lettersOf(analyzeText(PLAIN)), [{ range: { start: 0, end: PLAIN.length }, ...analyzeText(PLAIN) }]);
  });

  for (const [form, letters] of Object.entries(forms)) {
    for (const eol of ENDINGS) {
      it(`${form} letters (${eol === '\n' ? 'LF' : 'CRLF'}), two by two, each join`, () => {
        letters.forEach((first, i) => {
          const second = letters[(i * 7 + 3) % letters.length]!;
          const { name, join } = JOINS[i % JOINS.length]!;
          assertReadAsItsLetters(packetOf([part(first.text, eol), part(second.text, eol)], [join]), `${first.name} + ${second.name}, ${name}`);
        });
      });
    }
  }

  it('every join, 2 to 5 letters, the forms mixed', () => {
    for (const { name, join } of JOINS) {
      for (let count = 2; count <= 5; count++) {
        const parts = Array.from({ length: count }, (_, k) => part(every[(count * 31 + k * 97) % every.length]!.text, '\n'));
        assertReadAsItsLetters(packetOf(parts, [join]), `${count} letters, ${name}`);
      }
    }
  });

  it('files as they are, one after the other (`cat a b c`): each letter with its header and items', () => {
    for (let i = 0; i < every.length; i += 5) {
      const files = [every[i]!, every[(i + 50) % every.length]!, every[(i + 101) % every.length]!];
      const analysis = analyzeText(files.map((f) => f.text).join(''));
      const letters = lettersOf(analysis);
      assert.equal(letters.length, files.length, files.map((f) => f.name).join(' + '));
      letters.forEach((letter, k) => {
        const own = analysisAlone(files[k]!.text).letter;
        assert.deepEqual(letter.letter.header.map((f) => [f.name, f.value.text]), own.header.map((f) => [f.name, f.value.text]), files[k]!.name);
        assert.deepEqual(letter.letter.items.map((item) => [item.name.text, item.outcome, item.rationale?.body.text]), own.items.map((item) => [item.name.text, item.outcome, item.rationale?.body.text]), files[k]!.name);
      });
    }
  });

  it('random packets: any letters in any order, any joins and line endings (property)', () => {
    const partArb = fc.record({ index: fc.nat({ max: every.length - 1 }), join: fc.constantFrom(...JOINS.map((j) => j.join)) });
    fc.assert(
      fc.property(fc.array(partArb, { minLength: 2, maxLength: 5 }), fc.constantFrom(...ENDINGS), (picked, eol) => {
        const packet = packetOf(
          picked.map((p) => part(every[p.index]!.text, eol)),
          picked.slice(1).map((p) => p.join),
        );
        assertReadAsItsLetters(packet, picked.map((p) => every[p.index]!.name).join(' + '));
      }),
      { seed: FC_SEED + 17, numRuns: Math.max(20, Math.ceil(FC_RUNS / 15)) },
    );
  });

  it('the regex finds the starts a plain scan of every mark finds, on every fixture and its upper- and lower-cased text', () => {
    for (const { name, text } of every) {
      for (const variant of [text, text.toUpperCase(), text.toLowerCase(), text.replace(/\s+/g, ' ')]) {
        assert.deepEqual(findLetterStarts(variant), plainLetterStarts(variant), name);
      }
    }
  });

  it('a rationale ends where the next letter begins: the last item of the first letter has no rationale, and says so', () => {
    const first = PLAIN.replace('Decision rationale: Red flags are documented. The request is medically necessary.\n', 'Decision rationale:\n');
    const packet = packetOf([part(first, '\n'), part(MARKDOWN, '\n')], ['\n\n']);
    assertReadAsItsLetters(packet, 'PLAIN without its last rationale + MARKDOWN');
    const analysis = analyzeText(packet.text);
    const empty = analysis.diagnostics.filter((d) => d.code === 'IMR002');
    assert.deepEqual(empty.map((d) => [d.itemIndex, d.message]), [[1, 'The decision rationale of "MRI of the right shoulder without contrast" is empty: write why the request was or was not medically necessary.']]);
    assert.deepEqual(analysis.letter.items.map((item) => item.name.text), ['Valium 5 mg #24', 'MRI of the right shoulder without contrast', 'Valium 5 mg #24']);
  });

  it('a letter without a header begins at its first heading, taking the header lines above it that lack only the case number', () => {
    const headless = PLAIN.replace('Case Number: CM16-0213037\n', '');
    const packet = packetOf([part(PLAIN, '\n'), part(headless, '\n')], ['\n\n']);
    assertReadAsItsLetters(packet, 'PLAIN + PLAIN without its case number');
    assert.deepEqual(lettersOf(analyzeText(packet.text))[1]!.letter.header.map((f) => f.name), ['dateAssigned', 'dateOfInjury', 'decisionDate', 'urDenialDate', 'priority', 'applicationReceived']);
  });

  it('is one letter: a heading repeated at the top of a page, a case number named in prose, a case number line moved among the items', () => {
    const repeated = PLAIN.replace('CLINICAL CASE SUMMARY\n', 'CLINICAL CASE SUMMARY\n\fHOW THE IMR FINAL DETERMINATION WAS MADE\n').replace(
      'MRI of the right shoulder',
      '\fIMR ISSUES, DECISIONS AND RATIONALES\nMRI of the right shoulder',
    );
    const prose = PLAIN.replace('The injured worker is a 48 year old male.', 'The injured worker is a 48 year old male. The Case Number: above is CM16-0213037.');
    const moved = PLAIN.replace('Case Number: CM16-0213037\n', '').replace('MRI of the right shoulder', 'Case Number: CM16-0213037\nMRI of the right shoulder');
    assert.deepEqual(findLetterStarts(repeated), [0]);
    assert.deepEqual(findLetterStarts(prose), [0]);
    assert.deepEqual(findLetterStarts(moved), [0]);
    // A header (its labels, not a case number alone) after a complete letter begins a letter, even one with nothing else in it.
    const header = 'Case Number: CM16-0213038\nDate Assigned: 11/09/2016\n';
    const headerAfter = `${PLAIN}\n\n${header}`;
    assert.deepEqual(letterRanges(headerAfter), [{ start: 0, end: PLAIN.length - 1 }, { start: PLAIN.length + 2, end: headerAfter.length }]);
    assert.deepEqual(findLetterStarts(`${PLAIN}\n\nCase Number: CM16-0213038\n`), [0]);
  });

  it('a letter preceded by a title line begins at the title', () => {
    const titled = `INDEPENDENT MEDICAL REVIEW FINAL DETERMINATION\n\n${part(PLAIN, '\n')}`;
    const packet = packetOf([part(PLAIN, '\n'), titled], ['\n\f']);
    assertReadAsItsLetters(packet, 'PLAIN + titled PLAIN');
  });

  it('letters whose line breaks were lost, glued one after another on one line', () => {
    const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();
    const packet = packetOf([flat(PLAIN), flat(MARKDOWN), flat(PLAIN)], [' ']);
    assertReadAsItsLetters(packet, 'three flattened letters');
    assert.equal(analyzeText(packet.text).letter.items.length, 5);
  });

  it('the outline has one root per letter, named by its case number, the letter’s own outline under it', () => {
    const packet = packetOf([part(PLAIN, '\n'), part(MARKDOWN, '\n')], ['\f']);
    const analysis = analyzeText(packet.text);
    const roots = outline(analysis.letter);
    assert.deepEqual(
      roots.map((root) => (root.kind === 'letter' ? [root.kind, root.index, root.caseNumber, root.selection] : [root.kind])),
      [
        ['letter', 0, 'CM16-0213037', { start: 13, end: 25 }],
        ['letter', 1, 'CM14-0060515', { start: packet.text.indexOf('CM14-0060515'), end: packet.text.indexOf('CM14-0060515') + 12 }],
      ],
    );
    // Each root spans its letter, from its header (`<b>` markup aside) to its last item.
    lettersOf(analysis).forEach((letter, k) => {
      assert.ok(roots[k]!.range.start - letter.range.start <= 3 && roots[k]!.range.end === letter.range.end, `root ${k}`);
    });
    lettersOf(analysis).forEach((letter, k) => assert.deepEqual(roots[k]!.children, outline(letter.letter)));
    // One letter: the outline it always had.
    assert.ok(outline(analyzeText(PLAIN).letter).every((node) => node.kind !== 'letter'));
  });

  it('the export gives each item its own letter’s header', () => {
    const packet = packetOf([part(PLAIN, '\n'), part(MARKDOWN, '\n')], ['\f']);
    const rows = itemRows('packet.txt', analyzeText(packet.text).letter);
    assert.deepEqual(rows.map((row) => [row.caseNumber, row.item, row.outcome]), [
      ['CM16-0213037', 'Valium 5 mg #24', 'upheld'],
      ['CM16-0213037', 'MRI of the right shoulder without contrast', 'overturned'],
      ['CM14-0060515', 'Valium 5 mg #24', 'upheld'],
    ]);
  });

  it('the CLI’s JSON: files[].letters[] per letter, files[].items and diagnostics the flat lists', () => {
    const second = PLAIN.replace('CM16-0213037', 'CM16-0213099').replace('Decision rationale: Red flags are documented. The request is medically necessary.\n', '');
    const packet = packetOf([part(PLAIN, '\n'), part(second, '\n')], ['\n\f']);
    const report = JSON.parse(JSON.stringify(fileReport('packet.txt', analyzeText(packet.text)))) as {
      items: unknown[];
      diagnostics: Array<{ code: string; line: number }>;
      letters: Array<{ caseNumber: string; line: number; endLine: number; header: Record<string, { value: string }>; items: Array<{ name: string; line: number }>; diagnostics: Array<{ code: string; line: number }> }>;
    };
    // PLAIN is 34 lines; the second letter begins on the line of the form feed, after a line break.
    const lines = (text: string): number => part(text, '\n').split('\n').length;
    assert.deepEqual(lines(PLAIN), 34);
    assert.deepEqual(report.letters.map((l) => [l.caseNumber, l.line, l.endLine, l.header.caseNumber?.value, l.items.length, l.diagnostics.map((d) => d.code)]), [
      ['CM16-0213037', 1, 34, 'CM16-0213037', 2, []],
      ['CM16-0213099', 35, 34 + lines(second), 'CM16-0213099', 2, ['IMR002']],
    ]);
    assert.deepEqual(report.items, [...report.letters[0]!.items, ...report.letters[1]!.items]);
    assert.deepEqual(report.diagnostics, [...report.letters[0]!.diagnostics, ...report.letters[1]!.diagnostics]);
    assert.equal(report.letters[1]!.items[0]!.line, 34 + report.letters[0]!.items[0]!.line);
    // One letter: one entry, the file's own items.
    const one = JSON.parse(JSON.stringify(fileReport('one.txt', analyzeText(PLAIN)))) as { items: unknown[]; letters: Array<{ caseNumber: string; line: number; endLine: number; items: unknown[] }> };
    assert.deepEqual(one.letters.map((l) => [l.caseNumber, l.line, l.endLine]), [['CM16-0213037', 1, 34]]);
    assert.deepEqual(one.letters[0]!.items, one.items);
  });

  describe('PDF packets: pages of two letters in one PDF', function () {
    const { extractPdfText } = requirePdfModule();

    /** A PDF of Helvetica pages, each the given lines. */
    function pagesPdf(pages: readonly (readonly string[])[]): Uint8Array {
      const font = 3 + pages.length * 2;
      const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${pages.map((_, i) => `${3 + i * 2} 0 R`).join(' ')}] /Count ${pages.length} >>`];
      pages.forEach((lines, i) => {
        objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${4 + i * 2} 0 R /Resources << /Font << /F1 ${font} 0 R >> >> >>`);
        objects.push(stream(textContent(lines)));
      });
      objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
      return buildPdf(objects);
    }

    async function textOf(pages: readonly (readonly string[])[]): Promise<string> {
      const result = await extractPdfText(pagesPdf(pages));
      assert.ok('text' in result, JSON.stringify(result));
      return result.text;
    }

    it('each letter of a two-letter PDF is the letter its own PDF holds', async () => {
      // Each letter on two pages: the page break inside a letter is no letter boundary.
      const lines = (text: string): string[][] => {
        const all = text.trimEnd().split('\n');
        const cut = all.indexOf('IMR ISSUES, DECISIONS AND RATIONALES');
        return [all.slice(0, cut), all.slice(cut)];
      };
      const second = PLAIN.replace('CM16-0213037', 'CM16-0213099').replace('Valium 5 mg #24: Upheld', 'Norco 10/325 mg #60: Overturned');
      const [a, b] = [lines(PLAIN), lines(second)];
      const packet = await textOf([...a, ...b]);
      const letters = lettersOf(analyzeText(packet));
      assert.equal(letters.length, 2);
      for (const [k, pages] of [a, b].entries()) {
        const own = analyzeText(await textOf(pages));
        const letter = letters[k]!;
        assert.deepEqual(letter.letter.header.map((f) => [f.name, f.value.text]), own.letter.header.map((f) => [f.name, f.value.text]));
        assert.deepEqual(letter.letter.items.map((item) => [item.name.text, item.outcome, item.rationale?.body.text]), own.letter.items.map((item) => [item.name.text, item.outcome, item.rationale?.body.text]));
        assert.deepEqual(letter.diagnostics.map((d) => d.message), own.diagnostics.map((d) => d.message));
      }
    });
  });
});
