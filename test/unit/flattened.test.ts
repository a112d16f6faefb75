import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type Letter, lostLineBreaksNote, parse } from '../../src/core';
import { cli } from './helpers/cli';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** The letter as some copy-and-paste and data exports give it: every run of line breaks one space. */
function flattened(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/** An item as the comparison reads it: its name without whitespace (a lost break leaves `long- term`), its outcome. */
function items(letter: Letter): string[] {
  return letter.items.map((item) => `${item.name.text.replace(/\s+/g, '')} → ${item.outcome}`);
}

/**
 * The one difference, and the flattened reading is the right one: the lined letter's item line wraps
 * after `DOS:`, and a line ending in a colon ends the text above an item line, so its name there is
 * `11/11/2016`; on one line the whole item line is read.
 */
const KNOWN: Readonly<Record<string, { lined: string; flat: string }>> = {
  'CM16-0243394.txt': {
    lined: '11/11/2016 → upheld',
    flat: 'Lidodermpatch,12hourson12hoursofftoaffectedarea,#1boxwith1refill,DOS:11/11/2016 → upheld',
  },
};

describe('letters whose line breaks were lost', () => {
  for (const folder of ['corpus', 'corpus-layout', 'samples']) {
    const dir = path.join(FIXTURES, folder);
    const names = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

    it(`${folder}: each of ${names.length} letters on one line gives its header, sections, items with outcomes and blocks`, () => {
      const failures: string[] = [];
      let compared = 0;
      for (const name of names) {
        const text = readFileSync(path.join(dir, name), 'utf8');
        const lined = parse(text);
        const flat = parse(flattened(text));
        const expected = items(lined).map((item) => (KNOWN[name]?.lined === item ? KNOWN[name].flat : item));
        compared += expected.length;
        if (items(flat).join('\n') !== expected.join('\n')) failures.push(`${name}: items\n  ${items(flat).join('\n  ')}\nvs\n  ${expected.join('\n  ')}`);
        if (flat.sections.map((s) => s.kind).join() !== lined.sections.map((s) => s.kind).join()) failures.push(`${name}: sections`);
        const header = (letter: Letter): string => letter.header.map((f) => `${f.name}=${f.value.text}`).join();
        if (header(flat) !== header(lined)) failures.push(`${name}: header ${header(flat)} vs ${header(lined)}`);
        const blocks = (letter: Letter): string => letter.items.map((i) => [i.claimsGuideline, i.maximusGuideline, i.rationale, i.partial].map((b) => (b ? 1 : 0)).join('')).join();
        if (blocks(flat) !== blocks(lined)) failures.push(`${name}: blocks ${blocks(flat)} vs ${blocks(lined)}`);
        // Ranges are offsets into the unchanged text: each names what the model says it does.
        const flatText = flattened(text);
        for (const item of flat.items) {
          if (flatText.slice(item.name.start, item.name.end).replace(/\s+/g, ' ') !== item.name.text) failures.push(`${name}: name range of ${item.name.text}`);
          const outcome = item.outcomeRange ? flatText.slice(item.outcomeRange.start, item.outcomeRange.end).toLowerCase() : '';
          if (!outcome.startsWith(item.outcome ?? '-')) failures.push(`${name}: outcome range of ${item.name.text}: ${outcome}`);
          const rationale = item.rationale;
          if (rationale && !/^decision rationale/i.test(flatText.slice(rationale.label.start, rationale.label.end))) failures.push(`${name}: rationale label range`);
        }
        for (const section of flat.sections) {
          if (flatText.slice(section.heading.start, section.heading.end) !== section.title) failures.push(`${name}: heading range of ${section.title}`);
        }
      }
      assert.deepEqual(failures, []);
      assert.ok(compared >= names.length);
    });
  }

  it('the CLI reports a flattened letter\'s items, exit status by its findings', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-flat-'));
    const file = path.join(dir, 'one-line.txt');
    writeFileSync(file, flattened(readFileSync(path.join(FIXTURES, 'corpus', 'CM16-0213037.txt'), 'utf8')));
    const { status, stdout } = await cli('check', '--format', 'json', file);
    const report = (JSON.parse(stdout) as { files: Array<{ isDetermination: boolean; items: Array<{ name: string; outcome: string; line: number }> }> }).files[0]!;
    assert.equal(status, 0);
    assert.equal(report.isDetermination, true);
    assert.deepEqual(report.items.map((i) => [i.name, i.outcome, i.line]), [
      ['MRI of the right shoulder without contrast', 'upheld', 1],
      ['MRI of the cervical spine without contrast', 'upheld', 1],
    ]);

    // Without its decision rationales, the letter's items are flagged as in the lined letter: exit 1.
    writeFileSync(file, flattened(readFileSync(path.join(FIXTURES, 'corpus', 'CM16-0213037.txt'), 'utf8')).replace(/Decision rationale:/g, 'Rationale follows.'));
    const flagged = await cli('check', file);
    assert.equal(flagged.status, 1);
    assert.match(flagged.stdout, /Items \(2\):/);
    assert.match(flagged.stdout, /IMR002/);
  });

  it('a one-line text in which nothing of a letter is found says why', async () => {
    const letter = readFileSync(path.join(FIXTURES, 'corpus', 'CM16-0213037.txt'), 'utf8');
    // The letter's prose without its headings and header: nothing to read it by.
    const prose = flattened(letter.slice(letter.indexOf('MAXIMUS Federal'), letter.indexOf('The Expert Reviewer has')));
    const note = lostLineBreaksNote(parse(prose));
    assert.equal(note, `no line breaks: the text is one line of ${prose.length} characters, and no heading, header label, block label or item line with its outcome was found in it (were its line breaks lost?)`);
    // A letter read whole, and a short text that is not a letter, need no note.
    assert.equal(lostLineBreaksNote(parse(flattened(letter))), undefined);
    assert.equal(lostLineBreaksNote(parse('Dear Sir,\nnothing here.\n')), undefined);

    const dir = mkdtempSync(path.join(tmpdir(), 'imr-flat-'));
    const file = path.join(dir, 'prose.txt');
    writeFileSync(file, prose);
    const { status, stdout } = await cli('check', file);
    assert.equal(status, 0);
    assert.match(stdout, /notice {2}no line breaks: the text is one line of \d+ characters/);
  });
});
