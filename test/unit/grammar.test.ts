// Tests for syntaxes/imr.tmLanguage.json run through the real TextMate engine (vscode-textmate +
// Oniguruma WASM), the same engine VS Code uses, so the scopes asserted are the ones themes see.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type IToken, type StateStack } from 'vscode-textmate';
import { OnigScanner, OnigString, loadWASM } from 'vscode-oniguruma';

const ROOT = path.resolve(__dirname, '..', '..');
const GRAMMAR_PATH = path.join(ROOT, 'syntaxes', 'imr.tmLanguage.json');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
// Generous per-line budget for ordinary letter lines; the engine stops a line early when it runs out.
const LINE_LIMIT_MS = 1000;

const UPHELD = 'markup.deleted.upheld.imr';
const OVERTURNED = 'markup.inserted.overturned.imr';
const HEADING = 'markup.heading.imr';
const HEADING_PUNCT = 'punctuation.definition.heading.imr';
const FIELD = 'keyword.other.label.field.imr';
const LABEL = 'storage.type.label.imr';
const CASE_NUMBER = 'constant.numeric.case-number.imr';
const PRIORITY = 'constant.language.priority.imr';
const DATE = 'constant.numeric.date.imr';
const ITEM = 'markup.bold.item.imr';
const GUIDELINE = 'entity.name.tag.guideline.imr';
const CITATION = 'string.other.citation.imr';
const QUANTITY = 'constant.numeric.quantity.imr';
const STRENGTH = 'constant.numeric.strength.imr';
const REDACTED = 'comment.other.redacted.imr';
const BOLD_PUNCT = 'punctuation.definition.bold.imr';
const BOLD = 'markup.bold.imr';

let grammar: IGrammar;

interface TokenizedLine {
  readonly text: string;
  readonly tokens: IToken[];
}

function readLetter(dir: string, name: string): string {
  return fs.readFileSync(path.join(FIXTURES, dir, name), 'utf8');
}

function letterFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(FIXTURES, dir, f));
}

function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

// Tokenising a whole letter is cheap but asserted many times; cache by text.
const cache = new Map<string, TokenizedLine[]>();

/** Tokenise line by line, carrying the rule stack as VS Code does. */
function tokenize(text: string): TokenizedLine[] {
  const hit = cache.get(text);
  if (hit) return hit;
  let stack: StateStack = INITIAL;
  const out: TokenizedLine[] = [];
  for (const line of splitLines(text)) {
    const r = grammar.tokenizeLine(line, stack, LINE_LIMIT_MS);
    assert.equal(r.stoppedEarly, false, `stopped early on ${JSON.stringify(line.slice(0, 60))}`);
    out.push({ text: line, tokens: r.tokens });
    stack = r.ruleStack;
  }
  cache.set(text, out);
  return out;
}

/** Index of the line: a 1-based number, the first line containing a string, or the first line containing the needle. */
function findLine(lines: readonly TokenizedLine[], needle: string, line?: number | string): number {
  if (typeof line === 'number') {
    assert.ok(line >= 1 && line <= lines.length, `line ${line} out of range`);
    return line - 1;
  }
  const probe = line ?? needle;
  const i = lines.findIndex((l) => l.text.includes(probe) && l.text.includes(needle));
  assert.ok(i >= 0, `no line contains ${JSON.stringify(probe)} and ${JSON.stringify(needle)}`);
  return i;
}

/**
 * Scopes shared by every token under `needle` (first occurrence on the chosen line), so a scope is
 * only reported when it covers the whole substring, not just its first character.
 */
function scopesAt(text: string, needle: string, line?: number | string): string[] {
  const lines = tokenize(text);
  const l = lines[findLine(lines, needle, line)];
  assert.ok(l);
  const start = l.text.indexOf(needle);
  assert.ok(start >= 0, `${JSON.stringify(needle)} not on line ${JSON.stringify(l.text)}`);
  const end = start + needle.length;
  let common: string[] | undefined;
  for (const t of l.tokens) {
    if (t.endIndex <= start || t.startIndex >= end) continue;
    common = common ? common.filter((s) => t.scopes.includes(s)) : [...t.scopes];
  }
  return common ?? [];
}

/** The longest run of text around `needle`'s first character that carries `scope`: checks where a span starts and ends. */
function spanOf(text: string, needle: string, scope: string, line?: number | string): string {
  const lines = tokenize(text);
  const l = lines[findLine(lines, needle, line)];
  assert.ok(l);
  const at = l.text.indexOf(needle);
  const k = l.tokens.findIndex((t) => t.startIndex <= at && at < t.endIndex);
  assert.ok(k >= 0 && l.tokens[k]?.scopes.includes(scope), `${JSON.stringify(needle)} is not ${scope}`);
  let a = k;
  let b = k;
  while (a > 0 && l.tokens[a - 1]?.scopes.includes(scope)) a--;
  while (b < l.tokens.length - 1 && l.tokens[b + 1]?.scopes.includes(scope)) b++;
  return l.text.slice(l.tokens[a]?.startIndex, l.tokens[b]?.endIndex);
}

function has(scopes: readonly string[], scope: string): boolean {
  return scopes.includes(scope);
}

function assertScope(text: string, needle: string, scope: string, line?: number | string): void {
  const scopes = scopesAt(text, needle, line);
  assert.ok(has(scopes, scope), `${JSON.stringify(needle)} should be ${scope}, got ${scopes.join(' ')}`);
}

function assertNotScope(text: string, needle: string, scope: string, line?: number | string): void {
  const lines = tokenize(text);
  const l = lines[findLine(lines, needle, line)];
  assert.ok(l);
  const start = l.text.indexOf(needle);
  const end = start + needle.length;
  for (const t of l.tokens) {
    if (t.endIndex <= start || t.startIndex >= end) continue;
    assert.ok(!t.scopes.includes(scope), `${JSON.stringify(needle)} should not be ${scope}`);
  }
}

/** Every `match` string in the grammar, with where it sits, for the safety checks. */
function grammarRegexes(): { where: string; source: string }[] {
  const raw: unknown = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));
  const out: { where: string; source: string }[] = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, `${where}[${i}]`));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'match' || k === 'begin' || k === 'end' || k === 'while') && typeof v === 'string') out.push({ where: `${where}.${k}`, source: v });
      else walk(v, `${where}.${k}`);
    }
  };
  walk(raw, '$');
  return out;
}

/**
 * Quantifiers outside character classes and escapes that repeat without an upper bound (`*`, `+`,
 * `{n,}`). With every repetition bounded, one match attempt is bounded by the pattern alone.
 */
function unboundedQuantifiers(source: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      // Skip the class; a leading ']' or '^]' is literal, escapes are skipped.
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      while (i < source.length && source[i] !== ']') {
        if (source[i] === '\\') i++;
        i++;
      }
    } else if (c === '*' || c === '+') {
      found.push(`${c} at ${i}`);
    } else if (c === '{') {
      const m = /^\{\d+,\}/.exec(source.slice(i));
      if (m) found.push(`${m[0]} at ${i}`);
    }
  }
  return found;
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

describe('IMR TextMate grammar', () => {
  before(async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await loadWASM(wasm);
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
        createOnigString: (s: string) => new OnigString(s),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === 'text.imr' ? parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
    });
    const g = await registry.loadGrammar('text.imr');
    assert.ok(g, 'grammar text.imr did not load');
    grammar = g;
  });

  describe('grammar file', () => {
    it('declares scopeName text.imr', () => {
      const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')) as { scopeName?: unknown };
      assert.equal(raw.scopeName, 'text.imr');
    });

    it('uses only single-line match rules (no begin/end that could run across the file)', () => {
      const multi = grammarRegexes().filter((r) => !r.where.endsWith('.match'));
      assert.deepEqual(multi, []);
    });

    it('compiles every pattern in Oniguruma', () => {
      for (const r of grammarRegexes()) {
        assert.doesNotThrow(() => new OnigScanner([r.source]), r.where);
      }
    });

    it('bounds every repetition (no *, + or {n,})', () => {
      const offenders = grammarRegexes()
        .map((r) => ({ where: r.where, bad: unboundedQuantifiers(r.source) }))
        .filter((r) => r.bad.length > 0);
      assert.deepEqual(offenders, []);
    });

    it('has a checker that does catch unbounded quantifiers', () => {
      assert.deepEqual(unboundedQuantifiers(String.raw`a\*[*+]b{2,5}`), []);
      assert.equal(unboundedQuantifiers(String.raw`(\s*\w+)*`).length, 3);
      assert.equal(unboundedQuantifiers('a{3,}').length, 1);
    });
  });

  describe('language configuration', () => {
    type Pair = { open: string; close: string };
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'language-configuration.json'), 'utf8')) as {
      comments?: unknown;
      brackets: [string, string][];
      autoClosingPairs: Pair[];
      wordPattern: string;
    };

    it('has no comment syntax, () and [] brackets, and auto-closes ( [ "', () => {
      assert.equal(config.comments, undefined);
      assert.deepEqual(config.brackets, [
        ['(', ')'],
        ['[', ']'],
      ]);
      assert.deepEqual(
        config.autoClosingPairs.map((p) => p.open + p.close),
        ['()', '[]', '""'],
      );
    });

    it('treats drug names with slashes and hyphens as one word', () => {
      const words = (s: string): string[] => s.match(new RegExp(config.wordPattern, 'g')) ?? [];
      assert.deepEqual(words('Hydrocodone/APAP 10/325mg, Post-op.'), ['Hydrocodone/APAP', '10/325mg', 'Post-op']);
      assert.deepEqual(words("Parkinson's 4% (Valium)"), ["Parkinson's", '4%', 'Valium']);
    });

    it('matches words in linear time on adversarial text', () => {
      const re = new RegExp(config.wordPattern, 'g');
      const { ms } = timed(() => ['a-'.repeat(100_000), '/'.repeat(200_000), 'a'.repeat(200_000) + '!'].map((s) => s.match(re)?.length));
      assert.ok(ms < 1000, `wordPattern took ${ms.toFixed(0)} ms`);
    });
  });

  describe('sample letters (test/fixtures/samples)', () => {
    it('000: markdown header fields, ### headings, bold item line, labels, citations', () => {
      const t = readLetter('samples', '000_d9e3e55ce9e981e8.txt');
      assertScope(t, 'Case Number', FIELD);
      assertScope(t, '<b>', BOLD_PUNCT, 'Case Number');
      assertScope(t, 'CM14-0060515', CASE_NUMBER);
      assertScope(t, 'Date Assigned', FIELD);
      assertScope(t, '07/02/2014', DATE);
      assertScope(t, 'Date of Injury', FIELD);
      assertScope(t, 'UR Denial Date', FIELD);
      assertScope(t, '03/28/2014', DATE);
      assertScope(t, 'Standard', PRIORITY);
      assertScope(t, 'Application Received', FIELD);
      assertScope(t, '04/14/2014', DATE);
      assertScope(t, '###', HEADING_PUNCT, '### CLINICAL CASE SUMMARY');
      assertScope(t, 'CLINICAL CASE SUMMARY', HEADING, '### CLINICAL CASE SUMMARY');
      assertScope(t, 'IMR ISSUES, DECISIONS AND RATIONALES', HEADING);
      assertScope(t, 'HOW THE IMR FINAL DETERMINATION WAS MADE', HEADING, '### HOW');
      assertScope(t, 'Valium 5 mg #24', ITEM, '**Valium 5 mg #24:** Upheld');
      assert.equal(spanOf(t, 'Valium', ITEM, '**Valium 5 mg #24:** Upheld'), 'Valium 5 mg #24');
      assertScope(t, '5 mg', STRENGTH, '**Valium 5 mg #24:** Upheld');
      assertScope(t, '#24', QUANTITY, '**Valium 5 mg #24:** Upheld');
      assertScope(t, 'Upheld', UPHELD, '**Valium 5 mg #24:** Upheld');
      assertScope(t, '**', BOLD_PUNCT, '**Valium 5 mg #24:** Upheld');
      assertScope(t, 'Claims Administrator guideline', LABEL);
      assertScope(t, 'MAXIMUS guideline', LABEL);
      assertScope(t, 'Decision rationale', LABEL);
      assertScope(t, '**', BOLD_PUNCT, '**Decision rationale:**');
      assertScope(t, 'Page(s): 54', GUIDELINE);
      assertScope(t, 'MTUS', GUIDELINE, 'Benzodiazepines Page(s): 54');
      assertScope(t, '[REDACTED]', REDACTED);
      assertScope(t, '(Mens 2005)', CITATION);
      assertScope(t, '03/24/2000', DATE, 'The claimant was injured on');
      assertScope(t, '#24', QUANTITY, 'request for Valium 5 mg #24.');
    });

    it('001: plain text with trailing spaces, credentials, item with frequency and refills', () => {
      const t = readLetter('samples', '001_86575cf29f22e52d.txt');
      assertScope(t, 'HOW THE IMR FINAL DETERMINATION WAS MADE', HEADING, 1);
      assertScope(t, 'The Expert Reviewer has the following credentials:', HEADING);
      assertScope(t, 'State(s) of Licensure', LABEL);
      assertScope(t, 'Certification(s)/Specialty', LABEL);
      assertScope(t, 'CLINICAL CASE SUMMARY', HEADING, 'CLINICAL CASE SUMMARY ');
      const item = 'Diazepam 5 mg 1 tablet by mouth 3 times a day as needed #60 with 2 refills';
      assert.equal(spanOf(t, 'Diazepam 5 mg', ITEM, item), item);
      assertScope(t, '#60', QUANTITY, item);
      assertScope(t, 'Upheld', UPHELD, item);
      assertScope(t, 'April 2, 2015', DATE);
      assertScope(t, '10%', STRENGTH, 'decreased by 10%');
      assertScope(t, 'Page(s): 24', GUIDELINE);
      // "September 25," wraps onto the next line, and a bare month-day is not a date on its own.
      assertNotScope(t, 'September 25', DATE);
    });

    it('002: two spaces before the outcome, Overturned, dates glued to words', () => {
      const t = readLetter('samples', '002_5087c49ac33a7905.txt');
      assertScope(t, 'Valium 5gm #90', ITEM, 'Valium 5gm #90:  Upheld');
      assertScope(t, '5gm', STRENGTH, 'Valium 5gm #90:  Upheld');
      assertScope(t, 'Upheld', UPHELD, 'Valium 5gm #90:  Upheld');
      assertScope(t, 'Urine Drug Screen', ITEM, 'Urine Drug Screen:  Overturned');
      assertScope(t, 'Overturned', OVERTURNED);
      assertNotScope(t, 'Overturned', UPHELD);
      assertScope(t, 'Acupuncture trial 2 x 4', ITEM, ':  Upheld');
      assert.equal(spanOf(t, '03/24/2014', DATE, '03/24/2014Urine'), '03/24/2014');
      assertNotScope(t, '8/10', DATE);
      assertScope(t, 'Official Disability Guidelines', GUIDELINE, 'Non-MTUS Citation Official Disability Guidelines ');
      assertScope(t, 'Non-MTUS', GUIDELINE);
      assertScope(t, 'ODG', GUIDELINE, 'According to MTUS and ODG guidelines');
    });

    it('003: decimal and spaced strengths, "# 90", written dates, literature runs', () => {
      const t = readLetter('samples', '003_dc3f27e9efaf9617.txt');
      assertScope(t, 'Norco 10.325mg #90', ITEM);
      assertScope(t, '10.325mg', STRENGTH);
      assertScope(t, 'Upheld', UPHELD, 'Norco 10.325mg #90: Upheld');
      assertScope(t, '# 90', QUANTITY, 'Norco 10-325 mg # 90. The Utilization');
      assert.equal(spanOf(t, '10-325', STRENGTH, 'Norco 10-325 mg # 90. The Utilization'), '10-325 mg');
      assertScope(t, 'August 3, 2015', DATE, 'Current documentation dated');
      assertScope(t, '2-24-2015', DATE);
      assertScope(t, '(Baillargeon, 2003)', CITATION);
      assertScope(t, '(VA/DoD, 2003)', CITATION);
      assertScope(t, '(Maddox-AAPM/APS, 1997)', CITATION);
      assert.equal(spanOf(t, '(Passik', CITATION), '(Passik, 2000)');
      assertScope(t, 'Section(s):', GUIDELINE, 'Section(s): Benzodiazepines.');
    });

    it('004: time qualifiers in item names, several Upheld items, page lists', () => {
      const t = readLetter('samples', '004_d5a862758c58cc3d.txt');
      const item = 'Valium 10mg (Retro Dispensed 08/07/14)';
      assert.equal(spanOf(t, 'Valium', ITEM, item), item);
      assertScope(t, '08/07/14', DATE, item);
      assertScope(t, 'Upheld', UPHELD, item);
      assertScope(t, 'Soma 350mg', ITEM);
      assertScope(t, 'Oxycodone 30mg', ITEM, 'Oxycodone 30mg: Upheld');
      assertScope(t, 'Zanaflex 4mg', ITEM);
      assertScope(t, 'Page(s): 94, 110', GUIDELINE);
      assertScope(t, 'July 18 2009', DATE);
      assertScope(t, '(van Tulder, 2003)', CITATION);
      assertScope(t, '(Van Tulder, 1998)', CITATION);
      assertScope(t, '300%', STRENGTH);
    });
  });

  describe('corpus letters', () => {
    it('CM16-0213037 (plain): split Application / Received: label and header values', () => {
      const t = readLetter('corpus', 'CM16-0213037.txt');
      assertScope(t, 'Case Number', FIELD);
      assertScope(t, 'CM16-0213037', CASE_NUMBER);
      assertScope(t, 'Standard', PRIORITY, 'Priority:');
      assertScope(t, 'Application', FIELD, 'Priority:');
      assertScope(t, 'Received', FIELD, 'Received:');
      assertScope(t, '11/03/2016', DATE, 7);
      assertScope(t, 'HOW THE IMR FINAL DETERMINATION WAS MADE', HEADING);
      assertScope(t, 'MRI of the right shoulder without contrast', ITEM, ': Upheld');
      assertScope(t, 'MTUS Shoulder Complaints 2004', GUIDELINE, 'Claims Administrator guideline:');
      assert.equal(spanOf(t, 'MTUS', GUIDELINE, 'Claims Administrator guideline:'), 'MTUS Shoulder Complaints 2004');
      assertScope(t, '10-13-16', DATE, 'industrial injury on');
    });

    it('CM16-0213037 (layout): centred headings, side-by-side fields, Received: alone', () => {
      const t = readLetter('corpus-layout', 'CM16-0213037.txt');
      assertScope(t, 'Case Number', FIELD);
      assertScope(t, 'CM16-0213037', CASE_NUMBER);
      assertScope(t, 'Date of Injury', FIELD);
      assertScope(t, '10/13/2016', DATE, 'Date of Injury');
      assertScope(t, 'Application', FIELD, 'Priority:');
      assertScope(t, '11/03/2016', DATE, 'Priority:');
      assertScope(t, 'Received', FIELD, 'Received:');
      assertScope(t, 'HOW THE IMR FINAL DETERMINATION WAS MADE', HEADING);
      assertScope(t, 'CLINICAL CASE SUMMARY', HEADING, '        CLINICAL CASE SUMMARY');
      assertScope(t, 'IMR ISSUES, DECISIONS AND RATIONALES', HEADING);
      assertScope(t, 'Upheld', UPHELD, 'MRI of the right shoulder without contrast: Upheld');
    });

    it('CM16-0230651: outcome alone on the line after the item', () => {
      for (const dir of ['corpus', 'corpus-layout']) {
        const t = readLetter(dir, 'CM16-0230651.txt');
        const lines = splitLines(t);
        const i = lines.findIndex((l) => l.includes('two sessions is:'));
        assert.ok(i >= 0);
        assertScope(t, 'Upheld', UPHELD, i + 2);
      }
    });

    it('CM17-0012640: Overturned alone on its line', () => {
      const t = readLetter('corpus', 'CM17-0012640.txt');
      const lines = splitLines(t);
      const i = lines.findIndex((l) => l.startsWith('Consult with hip replacement specialist'));
      assert.ok(i >= 0);
      assertScope(t, 'Overturned', OVERTURNED, i + 2);
    });

    it('CM16-0243394: form feed before an item, quantity with unit word, DOS date', () => {
      const t = readLetter('corpus', 'CM16-0243394.txt');
      assertScope(t, '#60 grams', QUANTITY, 'Voltaren gel apply');
      assertScope(t, '11/11/2016', DATE, 'Voltaren gel apply');
    });

    it('gives every item outcome in every fixture letter an outcome scope', () => {
      let checked = 0;
      for (const file of [...letterFiles('samples'), ...letterFiles('corpus'), ...letterFiles('corpus-layout')]) {
        const text = fs.readFileSync(file, 'utf8');
        tokenize(text).forEach((l, n) => {
          const m = /(upheld|overturned)[^A-Za-z0-9]{0,20}$/i.exec(l.text);
          if (!m) return;
          // An item line: only whitespace, bold marks and a colon between the item and the outcome.
          const before = l.text.slice(0, m.index).replace(/(?:\*\*|<\/?b>|\s)+$/, '');
          if (before !== '' && !before.endsWith(':')) return;
          const want = m[1]?.toLowerCase() === 'upheld' ? UPHELD : OVERTURNED;
          const scopes = scopesAt(text, m[1] ?? '', n + 1);
          assert.ok(has(scopes, want), `${path.basename(file)}:${n + 1} ${JSON.stringify(l.text)}`);
          checked++;
        });
      }
      assert.ok(checked > 600, `only ${checked} outcomes checked`);
    });

    it('marks every section heading line in every fixture letter as a heading', () => {
      const headings = [
        'HOW THE IMR FINAL DETERMINATION WAS MADE',
        'CLINICAL CASE SUMMARY',
        'IMR ISSUES, DECISIONS AND RATIONALES',
        'The Expert Reviewer has the following credentials:',
      ];
      let checked = 0;
      for (const file of [...letterFiles('samples'), ...letterFiles('corpus'), ...letterFiles('corpus-layout')]) {
        const text = fs.readFileSync(file, 'utf8');
        tokenize(text).forEach((l, n) => {
          const bare = l.text.replace(/^[\s#]+|\s+$/g, '');
          if (!headings.includes(bare)) return;
          assert.ok(has(scopesAt(text, bare, n + 1), HEADING), `${path.basename(file)}:${n + 1}`);
          checked++;
        });
      }
      assert.ok(checked > 1200, `only ${checked} headings checked`);
    });
  });

  describe('constructs in small letters', () => {
    it('headings with or without ###, indented, centred, with trailing spaces or a form feed', () => {
      const t = [
        '### HOW THE IMR FINAL DETERMINATION WAS MADE',
        '   CLINICAL CASE SUMMARY   ',
        '\f                      IMR ISSUES, DECISIONS AND RATIONALES',
        'The Expert Reviewer has the following credentials: ',
        '## CLINICAL CASE SUMMARY',
        'The CLINICAL CASE SUMMARY follows.',
        'therefore is not medically necessary. HOW THE IMR FINAL DETERMINATION WAS MADE',
      ].join('\n');
      assertScope(t, '###', HEADING_PUNCT);
      assertScope(t, 'HOW THE IMR FINAL DETERMINATION WAS MADE', HEADING);
      assertScope(t, 'CLINICAL CASE SUMMARY', HEADING, 2);
      assertScope(t, 'IMR ISSUES, DECISIONS AND RATIONALES', HEADING);
      assertScope(t, 'The Expert Reviewer has the following credentials:', HEADING);
      assertScope(t, '##', HEADING_PUNCT, 5);
      assertNotScope(t, 'CLINICAL CASE SUMMARY', HEADING, 6);
      // Heading words glued to the end of a paragraph are prose.
      assertNotScope(t, 'HOW THE IMR FINAL DETERMINATION WAS MADE', HEADING, 7);
    });

    it('header field labels: plain, <b>-wrapped, side by side, and Application / Received: split', () => {
      const t = [
        '<b>Case Number:</b>\tCM16-0213037\t\t',
        'Date Assigned: 11/09/2016 Date of Injury:  10/13/2016 ',
        'Decision Date:        12/09/2016                      UR Denial Date:      11/03/2016',
        'Priority:  Standard Application ',
        'Received:  ',
        '11/03/2016 ',
        '<b>Priority:</b>\tExpedited\t<b>Application Received:</b>\t04/14/2014',
        'Priority:             Standard                        Application          11/03/2016',
        '                                                      Received:',
      ].join('\n');
      assertScope(t, 'Case Number', FIELD);
      assertScope(t, '</b>', BOLD_PUNCT, 1);
      assertScope(t, 'CM16-0213037', CASE_NUMBER);
      assertScope(t, 'Date Assigned', FIELD);
      assertScope(t, '11/09/2016', DATE);
      assertScope(t, 'Date of Injury', FIELD);
      assertScope(t, '10/13/2016', DATE);
      assertScope(t, 'Decision Date', FIELD);
      assertScope(t, 'UR Denial Date', FIELD);
      assertScope(t, 'Priority', FIELD, 4);
      assertScope(t, 'Standard', PRIORITY, 4);
      assertScope(t, 'Application', FIELD, 4);
      assertScope(t, 'Received', FIELD, 5);
      assertScope(t, '11/03/2016', DATE, 6);
      assertScope(t, 'Expedited', PRIORITY);
      assertScope(t, 'Application Received', FIELD, 7);
      assertScope(t, 'Application', FIELD, 8);
      assertScope(t, '11/03/2016', DATE, 8);
      assertScope(t, 'Received', FIELD, 9);
    });

    it('does not take "Application" in prose for the split label', () => {
      const t = 'Priority:  Standard Application Received:  11/03/2016\nThe Application was late.\nReceived the report.';
      assertScope(t, 'Application Received', FIELD);
      assertNotScope(t, 'Application', FIELD, 2);
      assertNotScope(t, 'Received', FIELD, 3);
    });

    it('item lines with each outcome variant', () => {
      const cases: [string, string, string][] = [
        ['Valium 5 mg #24: Upheld', 'Upheld', UPHELD],
        ['Valium 5 mg #24: Overturned', 'Overturned', OVERTURNED],
        ['Valium 5 mg #24: UPHELD', 'UPHELD', UPHELD],
        ['Valium 5 mg #24: overturned.', 'overturned', OVERTURNED],
        ['Valium 5 mg #24:     Upheld.  ', 'Upheld', UPHELD],
        ['Valium 5 mg #24:\tOverturned;', 'Overturned', OVERTURNED],
        ['**Valium 5 mg #24:** Upheld', 'Upheld', UPHELD],
        ['**Valium 5 mg #24**: **Overturned**', 'Overturned', OVERTURNED],
        ['<b>Valium 5 mg #24:</b> Upheld', 'Upheld', UPHELD],
        ['\f  Valium 5 mg #24:  Upheld ', 'Upheld', UPHELD],
        ['Valium 5 mg #24 : Upheld', 'Upheld', UPHELD],
      ];
      for (const [line, word, scope] of cases) {
        assertScope(line, word, scope);
        assertNotScope(line, word, scope === UPHELD ? OVERTURNED : UPHELD);
        assert.equal(spanOf(line, 'Valium', ITEM), 'Valium 5 mg #24', line);
        assertScope(line, '#24', QUANTITY);
        assertScope(line, '5 mg', STRENGTH);
      }
    });

    it('an outcome alone on the next line, and prose that merely mentions one', () => {
      const t = [
        'Physical therapy two times a week for four weeks for the right elbow and right knee:',
        'Upheld ',
        '  **Overturned**.',
        'The request is upheld.',
        'Upheld in part',
        'Retrospective: Open reduction internal fixation: Overturned',
      ].join('\n');
      assertScope(t, 'Upheld', UPHELD, 2);
      assertScope(t, 'Overturned', OVERTURNED, 3);
      assertNotScope(t, 'upheld', UPHELD, 4);
      assertNotScope(t, 'Upheld', UPHELD, 5);
      // The item name runs to the colon that precedes the outcome, not the first colon.
      assert.equal(spanOf(t, 'Retrospective', ITEM), 'Retrospective: Open reduction internal fixation');
    });

    it('decision labels, plain and bold', () => {
      const t = [
        'Claims Administrator guideline: Decision based on MTUS Low Back Complaints 2004.',
        '**MAXIMUS guideline:** Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Opioids.',
        '<b>Decision rationale:</b> The request is not medically necessary.',
      ].join('\n');
      assertScope(t, 'Claims Administrator guideline', LABEL);
      assertScope(t, 'MAXIMUS guideline', LABEL);
      assertScope(t, '**', BOLD_PUNCT, 2);
      assertScope(t, 'Decision rationale', LABEL);
      assertScope(t, '<b>', BOLD_PUNCT, 3);
    });

    it('guideline citations', () => {
      const t = [
        'Decision based on MTUS Low Back Complaints 2004, Section(s): Special Studies.',
        'Decision based on MTUS Forearm, Wrist, and Hand Complaints 2004.',
        'MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 54, 110.',
        'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Pain.',
        'ACOEM Occupational Medicine Practice Guidelines, 3rd ed., Low Back Disorders',
        'According to CA MTUS/ACOEM and ODG guidelines.',
        'Summary, and Chronic Pain Medical Treatment 2016, Section(s): Facet blocks.',
      ].join('\n');
      assert.equal(spanOf(t, 'MTUS', GUIDELINE, 1), 'MTUS Low Back Complaints 2004');
      assertScope(t, 'Section(s):', GUIDELINE, 1);
      assert.equal(spanOf(t, 'MTUS', GUIDELINE, 2), 'MTUS Forearm, Wrist, and Hand Complaints 2004');
      assert.equal(spanOf(t, 'Page', GUIDELINE, 3), 'Page(s): 54, 110');
      assertScope(t, 'Non-MTUS', GUIDELINE);
      assert.equal(spanOf(t, 'Official', GUIDELINE), 'Official Disability Guidelines (ODG)');
      assert.equal(spanOf(t, 'ACOEM', GUIDELINE, 5), 'ACOEM Occupational Medicine Practice Guidelines');
      assertScope(t, 'Low Back Disorders', GUIDELINE, 5);
      assert.equal(spanOf(t, 'CA MTUS', GUIDELINE), 'CA MTUS/ACOEM');
      assertScope(t, 'ODG', GUIDELINE, 6);
      assert.equal(spanOf(t, 'Chronic', GUIDELINE, 7), 'Chronic Pain Medical Treatment 2016');
      assertNotScope(t, 'Decision based on', GUIDELINE, 1);
    });

    it('literature citations, but not dates or plain parentheses', () => {
      const t = [
        'as noted (Mens 2005) and (Reeves, 1999) and (Smith et al., 2010).',
        'see (van Tulder, 2003) (Passik, 2000)(d) and (VA/DoD, 2003).',
        'dated (July 28, 2016) and (2004) and (unknown quantity).',
      ].join('\n');
      assertScope(t, '(Mens 2005)', CITATION);
      assertScope(t, '(Reeves, 1999)', CITATION);
      assertScope(t, '(Smith et al., 2010)', CITATION);
      assertScope(t, '(van Tulder, 2003)', CITATION);
      assert.equal(spanOf(t, '(Passik', CITATION), '(Passik, 2000)');
      assertScope(t, '(VA/DoD, 2003)', CITATION);
      assertNotScope(t, '(July 28, 2016)', CITATION);
      assertScope(t, 'July 28, 2016', DATE);
      assertNotScope(t, '(2004)', CITATION);
      assertNotScope(t, '(unknown quantity)', CITATION);
    });

    it('quantities and strengths', () => {
      const t = 'Norco 10/325mg #90, Valium 5 mg # 24, Lidoderm 5% #1 box, Terocin 4%-27.5%-0.0325% #60 grams, 7.5-325mg, 1mg/ml, Qty: 60, quantity 120, 121gm, 0.05%, 10mg';
      for (const q of ['#90', '# 24', '#60 grams', '#1 box', 'Qty: 60', 'quantity 120']) {
        assert.equal(spanOf(t, q, QUANTITY), q);
      }
      for (const s of ['10/325mg', '5 mg', '4%-27.5%-0.0325%', '5%', '7.5-325mg', '1mg/ml', '121gm', '0.05%', '10mg']) {
        assert.equal(spanOf(t, s, STRENGTH), s);
      }
      const prose = 'pain 8/10, 2 x 4 visits, a 10-point scale, L4-5, 24 hours a week';
      for (const n of ['8/10', '2 x 4', '10-point', 'L4-5', '24 hours']) {
        assertNotScope(prose, n, STRENGTH);
        assertNotScope(prose, n, QUANTITY);
      }
    });

    it('dates in numeric and written forms, and numbers that are not dates', () => {
      const t = 'on 03/24/2014, 1/2/16, 10-13-16, 5/2013, September 25, 1998, Dec. 5, 2016 and June 2015; not 10/325 or 8/10 or 320.5/30/16mg';
      for (const d of ['03/24/2014', '1/2/16', '10-13-16', '5/2013', 'September 25, 1998', 'Dec. 5, 2016', 'June 2015']) {
        assert.equal(spanOf(t, d, DATE), d);
      }
      for (const n of ['10/325', '8/10', '320.5/30/16mg']) assertNotScope(t, n, DATE);
    });

    it('[REDACTED] and generic bold', () => {
      const t = 'He saw [REDACTED] on 01/22/14. **Note:** see <b>below</b>.';
      assertScope(t, '[REDACTED]', REDACTED);
      assertScope(t, 'Note:', BOLD);
      assertScope(t, '**', BOLD_PUNCT);
      assertScope(t, 'below', BOLD);
      assertScope(t, '</b>', BOLD_PUNCT);
    });

    it('a construct left open on one line does not leak into the next', () => {
      const t = '**Valium 5 mg (Mens\n<b>Case Number:\nPlain prose here.';
      assert.deepEqual(scopesAt(t, 'Plain prose here.'), ['text.imr']);
    });
  });

  describe('robustness', () => {
    it('tokenises every fixture letter (samples, corpus, corpus-layout) without throwing or stopping early', () => {
      const files = [...letterFiles('samples'), ...letterFiles('corpus'), ...letterFiles('corpus-layout')];
      assert.ok(files.length >= 313, `${files.length} fixture letters`);
      const { ms } = timed(() => {
        for (const file of files) {
          let stack: StateStack = INITIAL;
          for (const line of splitLines(fs.readFileSync(file, 'utf8'))) {
            const r = grammar.tokenizeLine(line, stack, LINE_LIMIT_MS);
            assert.equal(r.stoppedEarly, false, `${path.basename(file)}: ${line.slice(0, 60)}`);
            stack = r.ruleStack;
          }
        }
      });
      assert.ok(ms < 30_000, `took ${ms.toFixed(0)} ms`);
    });

    // Letter 004 joined into one line and repeated past 1 MiB: realistic text, absurd line length.
    const megabyte = (): string => {
      const sample = splitLines(readLetter('samples', '004_d5a862758c58cc3d.txt')).join(' ') + ' ';
      return sample.repeat(Math.ceil(1_048_576 / sample.length));
    };
    const adversarial: [string, () => string, number][] = [
      ['100,000 spaces', () => ' '.repeat(100_000), 1000],
      ['10,000 #', () => '#'.repeat(10_000), 1000],
      ['10,000 (', () => '('.repeat(10_000), 1000],
      ['100,000 *', () => '*'.repeat(100_000), 1000],
      ['colons and spaces before a late outcome', () => 'a: '.repeat(30_000) + 'Upheld x', 1000],
      ['spaces then an outcome', () => ' '.repeat(100_000) + 'x: Upheld', 1000],
      ['unclosed citations', () => '(Smith '.repeat(15_000), 1000],
      ['digit-slash runs', () => '1/'.repeat(50_000), 1000],
      ['percent chains', () => '4%-'.repeat(30_000), 1000],
      ['MTUS title words without a year', () => 'MTUS A '.repeat(15_000), 1000],
      // A megabyte is far past what an editor tokenises on one line; the budget is wider but still finite.
      ['a 1 MB line of letter text', megabyte, 5000],
    ];
    for (const [name, make, limit] of adversarial) {
      it(`tokenises ${name} within the time limit`, () => {
        const line = make();
        const r = grammar.tokenizeLine(line, INITIAL, limit);
        assert.equal(r.stoppedEarly, false);
        // Tokens reach the end of the line: nothing was abandoned part-way.
        assert.ok((r.tokens.at(-1)?.endIndex ?? 0) >= line.length);
      });
    }
  });
});
