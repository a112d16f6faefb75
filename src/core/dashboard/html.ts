/**
 * The outcomes dashboard as one HTML page: the one renderer of both the extension's webview and the
 * CLI's `report --out report.html`. The page is whole without its script: totals, and for every chart
 * its table (the table view screen readers read, and what a test reads back). The script (the
 * `dashboard.js` bundle, with Observable Plot) draws the charts from the data embedded in the page,
 * makes bars and rows clickable and keyboard-reachable, lists a bar's items, and exports.
 *
 * Everything is inline, under a strict content security policy: nothing is fetched (VS Code for
 * the Web in headless Chromium has no webview service worker to serve local resources).
 */

import { english, type Translator } from '../views/labels';
import type { ChartData, ChartRow, DashboardData, ItemRef, OutcomeCounts } from './aggregate';
import type { DimensionId } from './dimensions';

/** Where the page is shown: it takes VS Code's theme colours in the webview, its own light and dark palettes standalone. */
export type DashboardHost = 'vscode' | 'standalone';

export interface DashboardHtmlOptions {
  /** The page script (`dist/dashboard.js`), inlined. */
  readonly script: string;
  /** A fresh random value per page: the only script and style that run are those that carry it. */
  readonly nonce: string;
  readonly host: DashboardHost;
  /** What the letters are, under the title (`154 letters in corpus/`). */
  readonly scope?: string;
  readonly l10n?: Translator;
}

/** The id of the element that holds the page's data as JSON. */
export const DASHBOARD_DATA_ID = 'imr-dashboard-data';

/** A chart's title and the heading of its first column. */
export function chartTitles(id: DimensionId, l10n: Translator = english): { title: string; column: string } {
  switch (id) {
    case 'category':
      return { title: l10n.t('Outcomes by request category'), column: l10n.t('Request category') };
    case 'drugClass':
      return { title: l10n.t('Outcomes by drug class'), column: l10n.t('Drug class') };
    case 'guideline':
      return { title: l10n.t('Outcomes by guideline source'), column: l10n.t('Guideline source') };
    case 'specialty':
      return { title: l10n.t('Outcomes by reviewer specialty'), column: l10n.t('Reviewer specialty') };
    case 'chapter':
      return { title: l10n.t('Most cited guideline chapters'), column: l10n.t('Guideline chapter') };
    case 'licensure':
      return { title: l10n.t("Outcomes by reviewer's state of licensure"), column: l10n.t('State of licensure') };
    case 'age':
      return { title: l10n.t("Outcomes by claimant's age"), column: l10n.t('Age') };
    case 'sex':
      return { title: l10n.t("Outcomes by claimant's sex"), column: l10n.t('Sex') };
    case 'month':
      return { title: l10n.t('Outcomes by decision month'), column: l10n.t('Decision month') };
    case 'priority':
      return { title: l10n.t('Outcomes by priority'), column: l10n.t('Priority') };
    case 'days':
      return { title: l10n.t('Days from application to decision'), column: l10n.t('Days') };
    case 'drug':
      return { title: l10n.t('Most disputed drugs'), column: l10n.t('Drug') };
    case 'request':
      return { title: l10n.t('Most disputed requests'), column: l10n.t('Request') };
  }
}

/** The columns of every chart's table, after its first: the same numbers as the JSON report's rows. */
export const TABLE_COLUMNS = ['items', 'upheld', 'overturned', 'undecided', 'upheldPercent', 'letters'] as const;

function columnTitle(column: (typeof TABLE_COLUMNS)[number], l10n: Translator): string {
  switch (column) {
    case 'items':
      return l10n.t('Items');
    case 'upheld':
      return l10n.t('Upheld');
    case 'overturned':
      return l10n.t('Overturned');
    case 'undecided':
      return l10n.t('No decision');
    case 'upheldPercent':
      return l10n.t('Upheld %');
    case 'letters':
      return l10n.t('Letters');
  }
}

/** The share of decided items that were upheld, as a percentage with one decimal; `–` when none was decided. */
export function upheldPercent(counts: OutcomeCounts): string {
  const decided = counts.upheld + counts.overturned;
  return decided === 0 ? '–' : ((100 * counts.upheld) / decided).toFixed(1);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that cannot end the script element holding it. */
function embeddedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function rowCells(row: OutcomeCounts): string[] {
  return TABLE_COLUMNS.map((column) => (column === 'upheldPercent' ? upheldPercent(row) : String(row[column])));
}

function tableRow(row: ChartRow, index: number): string {
  const cells = rowCells(row)
    .map((cell) => `<td>${cell}</td>`)
    .join('');
  return `<tr tabindex="0" data-row="${index}"><th scope="row">${escapeHtml(row.label)}</th>${cells}</tr>`;
}

function chartNote(chart: ChartData, l10n: Translator): string {
  const notes: string[] = [];
  if (chart.missing.items > 0 || (chart.measure === 'letters' && chart.missing.letters > 0)) {
    notes.push(
      chart.measure === 'letters'
        ? l10n.t('{0} letters do not state both dates.', chart.missing.letters)
        : l10n.t('{0} items of {1} letters are not counted here (no value for this chart).', chart.missing.items, chart.missing.letters),
    );
  }
  if (chart.omitted.rows > 0) notes.push(l10n.t('{0} more rows with {1} items are not shown.', chart.omitted.rows, chart.omitted.items));
  if (chart.keyLimitReached) notes.push(l10n.t('Too many different values: the later ones are counted together and not shown.'));
  return notes.length > 0 ? `<p class="note">${escapeHtml(notes.join(' '))}</p>` : '';
}

function chartSection(chart: ChartData, l10n: Translator): string {
  const { title, column } = chartTitles(chart.id, l10n);
  const heading = `chart-${chart.id}-title`;
  const toolbar =
    chart.rows.length === 0
      ? ''
      : `<div class="toolbar" role="group" aria-label="${escapeHtml(l10n.t('Export {0}', title))}">` +
        `<button type="button" data-export="svg" title="${escapeHtml(l10n.t('Save the chart as SVG'))}">SVG</button>` +
        `<button type="button" data-export="png" title="${escapeHtml(l10n.t('Save the chart as PNG'))}">PNG</button>` +
        `<button type="button" data-export="csv" title="${escapeHtml(l10n.t('Save the chart\'s data as CSV'))}">CSV</button></div>`;
  const body =
    chart.rows.length === 0
      ? `<p class="empty">${escapeHtml(l10n.t('No letter states this.'))}</p>`
      : `<div class="plot" role="img" aria-label="${escapeHtml(l10n.t('{0}: chart; its table follows.', title))}"></div>` +
        `<details class="table-view"><summary>${escapeHtml(l10n.t('Table'))}</summary>` +
        `<table><caption>${escapeHtml(title)}</caption><thead><tr><th scope="col">${escapeHtml(column)}</th>` +
        TABLE_COLUMNS.map((c) => `<th scope="col">${escapeHtml(columnTitle(c, l10n))}</th>`).join('') +
        `</tr></thead><tbody>${chart.rows.map(tableRow).join('')}</tbody></table></details>`;
  return (
    `<section class="chart" id="chart-${chart.id}" data-chart="${chart.id}" data-measure="${chart.measure}" data-column="${escapeHtml(column)}" aria-labelledby="${heading}">` +
    `<div class="chart-head"><h2 id="${heading}">${escapeHtml(title)}</h2>${toolbar}</div>${chartNote(chart, l10n)}${body}</section>`
  );
}

function totalsSection(data: DashboardData, l10n: Translator): string {
  const { totals, daysToDecision: days } = data;
  const tile = (name: string, value: string, key: string): string => `<div class="tile" data-total="${key}"><dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd></div>`;
  const tiles = [
    tile(l10n.t('Letters'), String(totals.letters), 'letters'),
    tile(l10n.t('Items'), String(totals.items), 'items'),
    tile(l10n.t('Upheld'), String(totals.upheld), 'upheld'),
    tile(l10n.t('Overturned'), String(totals.overturned), 'overturned'),
    tile(l10n.t('No decision'), String(totals.undecided), 'undecided'),
    tile(l10n.t('Upheld %'), upheldPercent(totals), 'upheldPercent'),
    tile(l10n.t('Median days to decision'), days.median === null ? '–' : String(days.median), 'medianDays'),
    tile(l10n.t('Over 30 days (3 if expedited)'), String(days.overDeadline), 'overDeadline'),
  ];
  return `<section class="totals" aria-label="${escapeHtml(l10n.t('Totals'))}"><dl>${tiles.join('')}</dl></section>`;
}

/** The palettes: VS Code's theme variables in the webview; light and dark (following the system) standalone. */
function palette(host: DashboardHost): string {
  if (host === 'vscode') {
    return `:root{--imr-bg:var(--vscode-editor-background);--imr-fg:var(--vscode-editor-foreground);--imr-muted:var(--vscode-descriptionForeground);--imr-border:var(--vscode-widget-border,var(--vscode-panel-border));--imr-focus:var(--vscode-focusBorder);--imr-upheld:var(--vscode-charts-blue);--imr-overturned:var(--vscode-charts-orange);--imr-undecided:var(--vscode-charts-foreground);--imr-letters:var(--vscode-charts-purple);--imr-button-bg:var(--vscode-button-secondaryBackground);--imr-button-fg:var(--vscode-button-secondaryForeground);--imr-font:var(--vscode-font-family)}`;
  }
  return (
    ':root{color-scheme:light dark;--imr-bg:#ffffff;--imr-fg:#1f2328;--imr-muted:#59636e;--imr-border:#d1d9e0;--imr-focus:#0969da;--imr-upheld:#4269d0;--imr-overturned:#e8590c;--imr-undecided:#8c959f;--imr-letters:#8250df;--imr-button-bg:#f0f2f4;--imr-button-fg:#1f2328;--imr-font:system-ui,-apple-system,"Segoe UI",sans-serif}' +
    '@media (prefers-color-scheme:dark){:root{--imr-bg:#0d1117;--imr-fg:#e6edf3;--imr-muted:#9198a1;--imr-border:#3d444d;--imr-focus:#4493f8;--imr-upheld:#6f95f0;--imr-overturned:#ff8c4b;--imr-undecided:#9198a1;--imr-letters:#ab7df8;--imr-button-bg:#21262d;--imr-button-fg:#e6edf3}}'
  );
}

const STYLE =
  'body{margin:0;padding:16px 20px;background:var(--imr-bg);color:var(--imr-fg);font-family:var(--imr-font);font-size:13px;line-height:1.4}' +
  'h1{font-size:20px;margin:0 0 2px}h2{font-size:14px;margin:0 0 6px}.scope,.note,.empty{color:var(--imr-muted);margin:0 0 8px}' +
  '.totals dl{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0 16px}.tile{border:1px solid var(--imr-border);border-radius:6px;padding:6px 12px;min-width:92px}' +
  '.tile dt{color:var(--imr-muted);font-size:11px}.tile dd{margin:0;font-size:20px;font-variant-numeric:tabular-nums}' +
  '.legend{display:flex;gap:14px;margin:0 0 10px;color:var(--imr-muted)}.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}' +
  '.swatch.upheld{background:var(--imr-upheld)}.swatch.overturned{background:var(--imr-overturned)}.swatch.undecided{background:var(--imr-undecided)}' +
  '.layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(240px,320px);gap:16px;align-items:start}' +
  '.charts{columns:420px 2;column-gap:16px}' +
  '.chart{break-inside:avoid;margin:0 0 16px;border:1px solid var(--imr-border);border-radius:6px;padding:10px 12px;min-width:0}' +
  '.chart-head{display:flex;justify-content:space-between;align-items:baseline;gap:8px}.toolbar{display:flex;gap:4px;flex:none}' +
  'button{font:inherit;font-size:11px;color:var(--imr-button-fg);background:var(--imr-button-bg);border:1px solid var(--imr-border);border-radius:3px;padding:1px 7px;cursor:pointer}' +
  'button:focus-visible,tr:focus-visible,summary:focus-visible,.hit-bar:focus-visible{outline:2px solid var(--imr-focus);outline-offset:1px}' +
  '.plot svg{display:block;max-width:100%;height:auto;overflow:visible}.hit-bar{cursor:pointer}.hit-bar:focus{outline:none;stroke:var(--imr-focus);stroke-width:2px}.hit-bar:hover,.hit-bar.selected{fill:var(--imr-fg);fill-opacity:.1}' +
  'table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;margin-top:6px}caption{text-align:left;color:var(--imr-muted)}' +
  'th,td{padding:2px 6px;border-bottom:1px solid var(--imr-border);text-align:right}th[scope=row],thead th:first-child{text-align:left;font-weight:normal}' +
  'tbody tr{cursor:pointer}tbody tr:hover,tbody tr.selected{background:color-mix(in srgb,var(--imr-focus) 14%,transparent)}summary{cursor:pointer;color:var(--imr-muted);margin-top:4px}' +
  '.detail{position:sticky;top:12px;border:1px solid var(--imr-border);border-radius:6px;padding:10px 12px;max-height:calc(100vh - 48px);overflow:auto}' +
  '.detail ul{list-style:none;padding:0;margin:6px 0}.detail li{margin:0 0 4px}.detail li button,.detail li .ref{display:block;width:100%;text-align:left;font-size:12px;padding:3px 6px}' +
  '.ref .where{color:var(--imr-muted);display:block;font-size:11px}.outcome-upheld{color:var(--imr-upheld)}.outcome-overturned{color:var(--imr-overturned)}' +
  '@media (max-width:760px){.layout{grid-template-columns:1fr}.detail{position:static}}';

/** The whole page: the data, the totals, a section per chart with its table, the list of a selected bar's items, and the script. */
export function dashboardHtml(data: DashboardData, options: DashboardHtmlOptions): string {
  const l10n = options.l10n ?? english;
  const nonce = escapeHtml(options.nonce);
  if (/<\/script/i.test(options.script)) throw new Error('the dashboard script contains "</script": it cannot be inlined');
  const csp = `default-src 'none'; img-src data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  const title = l10n.t('IMR outcomes');
  const scope = options.scope ?? l10n.t('{0} letters in {1} files', data.totals.letters, data.totals.files);
  const legend =
    `<p class="legend" aria-hidden="true"><span><span class="swatch upheld"></span>${escapeHtml(l10n.t('Upheld'))}</span>` +
    `<span><span class="swatch overturned"></span>${escapeHtml(l10n.t('Overturned'))}</span>` +
    `<span><span class="swatch undecided"></span>${escapeHtml(l10n.t('No decision'))}</span></p>`;
  const detail =
    `<aside class="detail" id="detail" aria-live="polite" aria-label="${escapeHtml(l10n.t('Selected items'))}"><h2>${escapeHtml(l10n.t('Items'))}</h2>` +
    `<p class="note">${escapeHtml(l10n.t('Select a bar or a table row (Enter) to list its letters and items.'))}</p><ul></ul></aside>`;
  return (
    `<!DOCTYPE html>\n<html lang="en" data-host="${options.host}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>` +
    `<style nonce="${nonce}">${palette(options.host)}${STYLE}</style></head><body>` +
    `<header><h1>${escapeHtml(title)}</h1><p class="scope">${escapeHtml(scope)}</p></header>${totalsSection(data, l10n)}${legend}` +
    `<div class="layout"><main class="charts">${data.charts.map((chart) => chartSection(chart, l10n)).join('')}</main>${detail}</div>` +
    `<script type="application/json" id="${DASHBOARD_DATA_ID}">${embeddedJson(data)}</script>` +
    `<script nonce="${nonce}">${options.script}</script></body></html>\n`
  );
}

/** What the page tells its host (the webview's extension): it is drawn, a bar was selected, open an item, save an export. */
export type DashboardPageMessage =
  | { readonly type: 'ready'; readonly bars: number }
  | { readonly type: 'selected'; readonly chart: DimensionId; readonly key: string; readonly listed: number }
  | { readonly type: 'open'; readonly ref: ItemRef }
  | { readonly type: 'save'; readonly name: string; readonly text?: string; readonly base64?: string };

/**
 * What the host can ask of the page: press a chart's bar (as a click or Enter does) or the n-th
 * item listed. The same handlers run as for the user's click; the integration tests drive the
 * webview this way, since its frame is out of the extension host's reach.
 */
export type DashboardHostMessage = { readonly type: 'pressBar'; readonly chart: DimensionId; readonly key: string } | { readonly type: 'pressItem'; readonly index: number };
