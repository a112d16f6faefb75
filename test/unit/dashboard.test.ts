import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  addFile,
  analyzeText,
  chartTitles,
  createAggregate,
  dashboardHtml,
  DASHBOARD_DATA_ID,
  type DashboardData,
  DIMENSIONS,
  escapeHtml,
  finishAggregate,
  mergeAggregates,
  type OutcomeAggregate,
  parse,
  requestOf,
  TABLE_COLUMNS,
  upheldPercent,
} from '../../src/core';
import { cli } from './helpers/cli';
import { bend, PLAIN } from './helpers/letters';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'corpus');
const corpusFiles = readdirSync(CORPUS).sort();
const corpusLetters = corpusFiles.map((name) => ({ file: `corpus/${name}`, letter: analyzeText(readFileSync(path.join(CORPUS, name), 'utf8')).letter }));

function aggregateOf(letters: ReadonlyArray<{ file: string; letter: ReturnType<typeof parse> }>, options = {}): OutcomeAggregate {
  const aggregate = createAggregate(options);
  for (const { file, letter } of letters) addFile(aggregate, file, [letter]);
  return aggregate;
}

function chart(data: DashboardData, id: (typeof DIMENSIONS)[number]) {
  const found = data.charts.find((c) => c.id === id);
  assert.ok(found, id);
  return found;
}

/** `[label, items, upheld, overturned, undecided, letters]` of each row. */
function counts(data: DashboardData, id: (typeof DIMENSIONS)[number]): Array<[string, number, number, number, number, number]> {
  return chart(data, id).rows.map((r) => [r.label, r.items, r.upheld, r.overturned, r.undecided, r.letters]);
}

// PLAIN: decided 2016-12-09, received 2016-11-03 (36 days, standard), a reviewer licensed in California, a
// 48 year old male; Valium (a benzodiazepine, MTUS Chronic Pain) upheld, an MRI (imaging, MTUS Shoulder) overturned.
// EXPEDITED: the same letter decided on 2016-11-07 (4 days, expedited: over its 3-day deadline) by a reviewer
// in Pain Management licensed in California and Texas, both items upheld.
const EXPEDITED = bend(
  bend(
    bend(bend(PLAIN, 'State(s) of Licensure: California', 'State(s) of Licensure: California, Texas\nCertification(s)/Specialty: Pain Management'), 'Decision Date: 12/09/2016', 'Decision Date: 11/07/2016'),
    'Priority:  Standard',
    'Priority:  Expedited',
  ),
  'contrast: Overturned',
  'contrast: Upheld',
);
// NO_DATES: the Valium only, no priority and no dates to count days from, a 62 year old female.
const NO_DATES = bend(
  bend(bend(PLAIN.slice(0, PLAIN.indexOf('MRI of the right')), 'Priority:  Standard Application\nReceived:\n11/03/2016\n', ''), 'Decision Date: 12/09/2016 ', ''),
  '48 year old male',
  '62 year old female',
);

describe('outcomes dashboard: the aggregate', () => {
  const data = finishAggregate(aggregateOf([
    { file: 'a.txt', letter: analyzeText(PLAIN).letter },
    { file: 'b.txt', letter: analyzeText(EXPEDITED).letter },
    { file: 'c.txt', letter: analyzeText(NO_DATES).letter },
    { file: 'not-a-letter.txt', letter: analyzeText('Dear Sir, thank you for your letter.').letter },
  ]));

  it('counts letters and items by outcome, by hand', () => {
    assert.deepEqual(data.totals, { files: 3, skipped: 1, letters: 3, items: 5, upheld: 4, overturned: 1, undecided: 0 });
    assert.equal(upheldPercent(data.totals), '80.0');
  });

  it('counts each dimension, by hand', () => {
    assert.deepEqual(counts(data, 'category'), [
      ['drug', 3, 3, 0, 0, 3],
      ['imaging', 2, 1, 1, 0, 2],
    ]);
    assert.deepEqual(counts(data, 'drugClass'), [['benzodiazepine', 3, 3, 0, 0, 3]]);
    assert.deepEqual(counts(data, 'chapter'), [
      ['MTUS: Chronic Pain Medical Treatment Guidelines', 3, 3, 0, 0, 3],
      ['MTUS: Shoulder Complaints', 2, 1, 1, 0, 2],
    ]);
    assert.deepEqual(counts(data, 'specialty'), [['Pain Management', 2, 2, 0, 0, 1]]);
    assert.deepEqual(counts(data, 'licensure'), [
      ['California', 5, 4, 1, 0, 3],
      ['Texas', 2, 2, 0, 0, 1],
    ]);
    assert.deepEqual(counts(data, 'age'), [
      ['40–49', 4, 3, 1, 0, 2],
      ['60 and over', 1, 1, 0, 0, 1],
    ]);
    assert.deepEqual(counts(data, 'sex'), [
      ['male', 4, 3, 1, 0, 2],
      ['female', 1, 1, 0, 0, 1],
    ]);
    assert.deepEqual(counts(data, 'drug'), [['diazepam', 3, 3, 0, 0, 3]]);
    assert.deepEqual(counts(data, 'request'), [
      ['Valium', 3, 3, 0, 0, 3],
      ['MRI of the right shoulder without contrast', 2, 1, 1, 0, 2],
    ]);
    assert.deepEqual(counts(data, 'guideline'), [['MTUS', 5, 4, 1, 0, 3]]);
    assert.deepEqual(counts(data, 'month'), [
      ['2016-11', 2, 2, 0, 0, 1],
      ['2016-12', 2, 1, 1, 0, 1],
    ]);
    assert.deepEqual(counts(data, 'priority'), [
      ['Expedited', 2, 2, 0, 0, 1],
      ['Standard', 2, 1, 1, 0, 1],
    ]);
    assert.deepEqual(counts(data, 'days'), [
      ['4–7', 2, 2, 0, 0, 1],
      ['31–45', 2, 1, 1, 0, 1],
    ]);
    // The letter without dates: counted as missing where a date is needed.
    assert.deepEqual(chart(data, 'month').missing, { letters: 1, items: 1, upheld: 1, overturned: 0, undecided: 0 });
    // The MRIs have no drug.
    assert.deepEqual(chart(data, 'drugClass').missing, { letters: 2, items: 2, upheld: 1, overturned: 1, undecided: 0 });
  });

  it('summarises the days from application to decision, with the deadlines', () => {
    // 36 days (over 30) and 4 days expedited (over 3): both late.
    assert.deepEqual(data.daysToDecision, { letters: 2, min: 4, median: 20, mean: 20, p90: 36, max: 36, overDeadline: 2 });
  });

  it('keeps where each item is, to list it and open its letter at it', () => {
    const mri = chart(data, 'request').rows[1]!;
    const offset = PLAIN.indexOf('MRI of the right shoulder');
    assert.deepEqual(mri.refs[0], {
      file: 'a.txt',
      letter: 0,
      item: 1,
      offset,
      end: offset + 'MRI of the right shoulder without contrast'.length,
      line: PLAIN.slice(0, offset).split('\n').length,
      name: 'MRI of the right shoulder without contrast',
      outcome: 'overturned',
    });
    assert.deepEqual(mri.refs.map((r) => r.file), ['a.txt', 'b.txt']);
  });

  it('names a request without its amounts', () => {
    const letter = analyzeText(bend(PLAIN, 'Valium 5 mg #24', 'Norco 10/325 mg #60 2 times a day for 30 days')).letter;
    assert.equal(requestOf(letter, letter.items[0]!)?.label, 'Norco');
  });

  it('merges parts into what adding every letter to one aggregate gives', () => {
    const whole = finishAggregate(aggregateOf(corpusLetters));
    // Parts of uneven sizes, merged in order.
    const merged = createAggregate();
    for (let start = 0, size = 1; start < corpusLetters.length; start += size, size = ((size * 3) % 17) + 1) {
      mergeAggregates(merged, aggregateOf(corpusLetters.slice(start, start + size)));
    }
    assert.deepEqual(finishAggregate(merged), whole);
  });

  it('merges the parts of single files into the same result when the references and keys run out', () => {
    // Each file's own aggregate, merged in order (what workers hand back), with limits the corpus exceeds.
    const options = { maxRefs: 3, maxKeys: 20 };
    const whole = finishAggregate(aggregateOf(corpusLetters, options));
    const merged = createAggregate(options);
    for (const letter of corpusLetters) mergeAggregates(merged, aggregateOf([letter], options));
    assert.deepEqual(finishAggregate(merged), whole);
    assert.ok(whole.charts.some((c) => c.keyLimitReached) && whole.charts.some((c) => c.rows.some((r) => r.moreRefs > 0)));
  });

  it('stays the same size however many letters are added: references and keys are capped', () => {
    const options = { maxRefs: 5, maxKeys: 50 };
    const times = (n: number): OutcomeAggregate => {
      const aggregate = createAggregate(options);
      for (let i = 0; i < n; i++) for (const { file, letter } of corpusLetters) addFile(aggregate, file, [letter]);
      return aggregate;
    };
    const once = times(1);
    // Every bucket has at least one item per pass: from 5 passes on, each holds its 5 references.
    const few = times(6);
    const many = times(12);
    const size = (aggregate: OutcomeAggregate): number =>
      DIMENSIONS.reduce((sum, id) => sum + [...aggregate.dimensions[id].buckets.values()].reduce((n, b) => n + 1 + b.refs.length, 0), 0) + aggregate.days.size;
    assert.equal(size(many), size(few));
    assert.equal(many.totals.items, 12 * once.totals.items);
    for (const id of DIMENSIONS) for (const bucket of many.dimensions[id].buckets.values()) assert.ok(bucket.refs.length <= 5 && bucket.refs.length + bucket.moreRefs === bucket.items || bucket.items === 0);
    // 154 letters have more than 50 different requests: the later ones are counted together.
    const requests = finishAggregate(many).charts.find((c) => c.id === 'request')!;
    assert.ok(requests.keyLimitReached);
    assert.equal(requests.rows.reduce((n, r) => n + r.items, 0) + requests.omitted.items + requests.missing.items, many.totals.items);
  });
});

/** The cells of each chart's table in the page, by chart id: `[label, ...TABLE_COLUMNS]` per row. */
function tableCells(html: string): Map<string, string[][]> {
  const tables = new Map<string, string[][]>();
  const unescape = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  for (const section of html.matchAll(/<section class="chart" id="chart-(\w+)"[^>]*>([\s\S]*?)<\/section>/g)) {
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section[2]!)?.[1] ?? '';
    const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => unescape(cell[1]!)));
    tables.set(section[1]!, rows);
  }
  return tables;
}

function embeddedData(html: string): DashboardData {
  const match = new RegExp(`<script type="application/json" id="${DASHBOARD_DATA_ID}">([\\s\\S]*?)</script>`).exec(html);
  assert.ok(match, 'the page embeds its data');
  return JSON.parse(match[1]!) as DashboardData;
}

describe('outcomes dashboard: the page and the JSON report', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'imr-report-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the numbers of the JSON report, in its data and in every table cell (the fixture corpus)', async function () {
    this.timeout(120_000);
    const json = await cli('report', '--format', 'json', CORPUS);
    assert.equal(json.status, 0, json.stderr);
    const report = JSON.parse(json.stdout) as DashboardData;
    const out = path.join(dir, 'report.html');
    const page = await cli('report', '--out', out, CORPUS);
    assert.equal(page.status, 0, page.stderr);
    assert.match(page.stderr, /^Dashboard of 154 letters \(338 items, 154 files\) written to /);
    const html = readFileSync(out, 'utf8');

    // The data the page draws from is the report's.
    assert.deepEqual(embeddedData(html), report);
    // Every table (the table view of every chart) shows the report's rows and numbers.
    const tables = tableCells(html);
    for (const c of report.charts) {
      const expected = c.rows.map((r) => [r.label, ...TABLE_COLUMNS.map((column) => (column === 'upheldPercent' ? upheldPercent(r) : String(r[column])))]);
      assert.deepEqual(tables.get(c.id) ?? [], expected, c.id);
    }
    // The totals' tiles.
    for (const key of ['letters', 'items', 'upheld', 'overturned', 'undecided'] as const) {
      assert.match(html, new RegExp(`data-total="${key}"><dt>[^<]+</dt><dd>${report.totals[key]}</dd>`), key);
    }
    // And the report is the core's aggregate of the same letters.
    assert.deepEqual(report, JSON.parse(JSON.stringify(finishAggregate(aggregateOf(corpusFiles.map((name, i) => ({ file: path.join(CORPUS, name), letter: corpusLetters[i]!.letter })))))));
    // Hand-checked: 338 items of 154 letters, 32 overturned; 12 MRIs of the lumbar spine, all upheld.
    assert.deepEqual([report.totals.letters, report.totals.items, report.totals.upheld, report.totals.overturned], [154, 338, 306, 32]);
    const mri = report.charts.find((c) => c.id === 'request')!.rows[0]!;
    assert.deepEqual([mri.label, mri.items, mri.upheld], ['MRI of the lumbar spine', 12, 12]);
  });

  it('is one page under a strict content security policy: one inline script with the nonce, nothing fetched', async () => {
    const out = path.join(dir, 'one.html');
    assert.equal((await cli('report', '--out', out, path.join(CORPUS, corpusFiles[0]!))).status, 0);
    const html = readFileSync(out, 'utf8');
    const nonce = /script-src 'nonce-([^']+)'/.exec(html)?.[1];
    assert.ok(nonce);
    assert.match(html, new RegExp(`content="default-src 'none'; img-src data:; style-src 'nonce-${nonce.replace(/[+/]/g, '\\$&')}'; script-src 'nonce-`));
    assert.equal([...html.matchAll(/<script(?![^>]*type="application\/json")[^>]*>/g)].length, 1);
    assert.ok(html.includes(`<script nonce="${nonce}">`));
    assert.doesNotMatch(html, /\s(?:src|href)=["']?(?:https?:)?\/\//);
    assert.doesNotMatch(html, /<link\b/);
  });

  it("escapes the letters' text in the page", () => {
    const letter = analyzeText(bend(PLAIN, 'Valium 5 mg #24', 'Valium </script><b>x</b> & "more"')).letter;
    const aggregate = createAggregate();
    addFile(aggregate, 'a<b>.txt', [letter]);
    const html = dashboardHtml(finishAggregate(aggregate), { script: '', nonce: 'n', host: 'standalone' });
    assert.ok(html.includes('Valium &lt;/script&gt;&lt;b&gt;x&lt;/b&gt; &amp; &quot;more&quot;'));
    assert.ok(embeddedData(html).charts.find((c) => c.id === 'request')!.rows.some((r) => r.label === 'Valium </script><b>x</b> & "more"'));
    assert.throws(() => dashboardHtml(finishAggregate(aggregate), { script: 'a("</script>")', nonce: 'n', host: 'standalone' }), /cannot be inlined/);
  });

  it("takes VS Code's theme colours in the webview and its own light and dark palettes standalone", () => {
    const data = finishAggregate(createAggregate());
    const webview = dashboardHtml(data, { script: '', nonce: 'n', host: 'vscode' });
    const standalone = dashboardHtml(data, { script: '', nonce: 'n', host: 'standalone' });
    assert.match(webview, /--imr-upheld:var\(--vscode-charts-blue\)/);
    assert.doesNotMatch(webview, /prefers-color-scheme/);
    assert.match(standalone, /@media \(prefers-color-scheme:dark\)/);
    // No letter, no bars: each chart says so rather than drawing nothing.
    assert.equal(standalone.split(`No letter states this.`).length - 1, DIMENSIONS.length);
    for (const id of DIMENSIONS) assert.ok(standalone.includes(escapeHtml(chartTitles(id).title)), id);
  });

  it('writes the JSON to a file, and says what is wrong with its arguments', async () => {
    const out = path.join(dir, 'report.json');
    const written = await cli('report', '--format=json', '--out', out, path.join(CORPUS, corpusFiles[0]!));
    assert.equal(written.status, 0);
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as DashboardData).totals.letters, 1);
    assert.match((await cli('report', '--help')).stdout, /^Usage: imr-annotate report/);
    for (const [argv, message] of [
      [['report'], /no PATH given/],
      [['report', '--format', 'csv', 'x'], /--format must be "html" or "json", not "csv"/],
      [['report', '--refs', '0', 'x'], /--refs must be a positive whole number/],
      [['report', '--jobs', '0', 'x'], /--jobs must be a positive whole number/],
      [['report', '--threads', '2', 'x'], /unknown option "--threads"/],
    ] as const) {
      const run = await cli(...argv);
      assert.equal(run.status, 2);
      assert.match(run.stderr, message);
    }
    const missing = await cli('report', '--format', 'json', path.join(dir, 'nothing-here'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nothing-here: no such file or directory/);
  });
});
