/**
 * The outcomes dashboard's page script (bundled with Observable Plot into dist/dashboard.js and inlined
 * by the core's `dashboardHtml`). It reads the data the page embeds, draws each chart over the table
 * the page already has, and makes every bar and row selectable by mouse and keyboard: a selected
 * bar lists its letters and items, and in VS Code each item opens its letter at the item. It also
 * exports each chart as SVG or PNG and its data as CSV.
 */

import * as Plot from '@observablehq/plot';
import type { ChartData, ChartRow, DashboardData, DashboardHostMessage, DashboardPageMessage, ItemRef } from '../core';

interface VsCodeApi {
  postMessage(message: DashboardPageMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';
const inVsCode = document.documentElement.dataset['host'] === 'vscode' && typeof acquireVsCodeApi === 'function';
const vscode: VsCodeApi | undefined = inVsCode ? acquireVsCodeApi() : undefined;
const data = JSON.parse(document.querySelector('script[type="application/json"]')?.textContent ?? 'null') as DashboardData | null;

const OUTCOMES = [
  { key: 'upheld', name: 'Upheld', colour: '--imr-upheld' },
  { key: 'overturned', name: 'Overturned', colour: '--imr-overturned' },
  { key: 'undecided', name: 'No decision', colour: '--imr-undecided' },
] as const;

/** The theme's value of a palette variable (VS Code's, or the page's light or dark one). */
function cssColour(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function shorten(label: string, length: number): string {
  return label.length > length ? `${label.slice(0, length - 1)}…` : label;
}

function describe(row: ChartRow, measure: ChartData['measure']): string {
  const counts = `${row.items} items: ${row.upheld} upheld, ${row.overturned} overturned${row.undecided > 0 ? `, ${row.undecided} without decision` : ''}`;
  return measure === 'letters' ? `${row.label}: ${row.letters} letters (${counts})` : `${row.label}: ${counts}, in ${row.letters} letters`;
}

/** A chart as Plot draws it: stacked bars of items by outcome (letters, for days to decision), horizontal unless its keys are an order. */
function plotOf(chart: ChartData, width: number): SVGSVGElement | HTMLElement {
  const fg = cssColour('--imr-fg', 'currentColor');
  const colours = OUTCOMES.map((o) => cssColour(o.colour, 'gray'));
  const labels = chart.rows.map((r) => r.label);
  const value = (r: ChartRow): number => (chart.measure === 'letters' ? r.letters : r.items);
  const max = Math.max(1, ...chart.rows.map(value));
  const stacked = chart.rows.flatMap((row) => OUTCOMES.map((o) => ({ label: row.label, outcome: o.name, n: row[o.key] })).filter((d) => d.n > 0));
  const common = {
    width,
    style: { background: 'transparent', color: fg, fontFamily: 'inherit', fontSize: '11px' },
    color: { domain: OUTCOMES.map((o) => o.name), range: colours },
  };
  const title = (d: { label: string; outcome: string; n: number }): string => `${d.label}: ${d.n} ${d.outcome.toLowerCase()}`;
  const vertical = chart.id === 'month' || chart.id === 'days' || chart.id === 'age';
  if (vertical) {
    const bars =
      chart.measure === 'letters'
        ? Plot.barY(chart.rows, { x: 'label', y: 'letters', fill: cssColour('--imr-letters', 'purple'), title: (r: ChartRow) => describe(r, chart.measure) })
        : Plot.barY(stacked, Plot.stackY({ x: 'label', y: 'n', fill: 'outcome', title }));
    return Plot.plot({
      ...common,
      height: 220,
      marginBottom: 36,
      x: { domain: labels, label: chart.measure === 'letters' ? 'days' : null, tickRotate: labels.length > 12 ? -45 : 0 },
      y: { label: chart.measure, grid: true },
      marks: [bars, Plot.barY(chart.rows, { x: 'label', y1: 0, y2: () => max, fill: 'transparent', className: 'hit' }), Plot.ruleY([0])],
    });
  }
  const longest = Math.max(...labels.map((l) => Math.min(l.length, 34)));
  return Plot.plot({
    ...common,
    height: Math.max(80, 40 + 22 * chart.rows.length),
    marginLeft: Math.min(230, 12 + 6.2 * longest),
    marginRight: 52,
    x: { label: chart.measure, grid: true, axis: 'top' },
    y: { domain: labels, label: null, tickFormat: (l: string) => shorten(l, 34) },
    marks: [
      Plot.barX(stacked, Plot.stackX({ y: 'label', x: 'n', fill: 'outcome', title })),
      Plot.text(chart.rows, { y: 'label', x: value, text: (r: ChartRow) => String(value(r)), dx: 4, textAnchor: 'start', fill: fg }),
      Plot.barX(chart.rows, { y: 'label', x1: 0, x2: () => max, fill: 'transparent', className: 'hit' }),
      Plot.ruleX([0]),
    ],
  });
}

let selected: { chart: ChartData; row: number } | undefined;

function sectionOf(chart: ChartData): HTMLElement | null {
  return document.getElementById(`chart-${chart.id}`);
}

function draw(chart: ChartData): number {
  const section = sectionOf(chart);
  const container = section?.querySelector<HTMLElement>('.plot');
  if (!section || !container || chart.rows.length === 0) return 0;
  const svg = plotOf(chart, Math.max(320, container.clientWidth || section.clientWidth - 24));
  // Plot's own <style> runs only with the page's nonce, given before it joins the page.
  svg.querySelectorAll('style').forEach((style) => style.setAttribute('nonce', nonce));
  const hits = [...svg.querySelectorAll<SVGRectElement>('.hit rect')];
  hits.forEach((rect, index) => {
    const row = chart.rows[index]!;
    rect.classList.add('hit-bar');
    rect.setAttribute('tabindex', '0');
    rect.setAttribute('role', 'button');
    rect.setAttribute('aria-label', describe(row, chart.measure));
    rect.dataset['row'] = String(index);
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = describe(row, chart.measure);
    rect.appendChild(title);
  });
  container.replaceChildren(svg);
  if (selected?.chart === chart) highlight(chart, selected.row);
  return hits.length;
}

function highlight(chart: ChartData, row: number): void {
  document.querySelectorAll('.selected').forEach((e) => e.classList.remove('selected'));
  sectionOf(chart)
    ?.querySelectorAll(`[data-row="${row}"]`)
    .forEach((e) => e.classList.add('selected'));
}

function refText(ref: ItemRef): { name: string; where: string } {
  const outcome = ref.outcome === 'upheld' ? 'Upheld' : ref.outcome === 'overturned' ? 'Overturned' : 'no decision';
  const name = ref.item < 0 ? '(letter)' : `${ref.name || '(unnamed item)'} — ${outcome}`;
  return { name, where: `${ref.file}:${ref.line}${ref.letter > 0 ? ` (letter ${ref.letter + 1})` : ''}` };
}

/** Lists the selected row's letters and items (each opens its letter in VS Code). */
function select(chart: ChartData, index: number): void {
  const row = chart.rows[index];
  const detail = document.getElementById('detail');
  if (!row || !detail) return;
  selected = { chart, row: index };
  highlight(chart, index);
  const section = sectionOf(chart);
  const heading = document.createElement('h2');
  heading.textContent = `${section?.dataset['column'] ?? ''}: ${row.label}`;
  const summary = document.createElement('p');
  summary.className = 'note';
  summary.textContent = describe(row, chart.measure);
  const list = document.createElement('ul');
  row.refs.forEach((ref, i) => {
    const item = document.createElement('li');
    const entry = document.createElement(vscode ? 'button' : 'div');
    entry.className = 'ref';
    const { name, where } = refText(ref);
    const outcome = document.createElement('span');
    outcome.textContent = name;
    if (ref.outcome) outcome.className = `outcome-${ref.outcome}`;
    const place = document.createElement('span');
    place.className = 'where';
    place.textContent = where;
    entry.append(outcome, place);
    entry.dataset['ref'] = String(i);
    if (vscode) {
      entry.setAttribute('type', 'button');
      entry.addEventListener('click', () => vscode.postMessage({ type: 'open', ref }));
    } else {
      entry.tabIndex = 0;
    }
    item.append(entry);
    list.append(item);
  });
  const parts: HTMLElement[] = [heading, summary, list];
  if (row.moreRefs > 0) {
    const more = document.createElement('p');
    more.className = 'note';
    more.textContent = `… and ${row.moreRefs} more not listed (the first ${row.refs.length} are).`;
    parts.push(more);
  }
  detail.replaceChildren(...parts);
  vscode?.postMessage({ type: 'selected', chart: chart.id, key: row.key, listed: row.refs.length });
}

function activates(event: KeyboardEvent): boolean {
  return event.key === 'Enter' || event.key === ' ';
}

/** Clicks and Enter on bars and table rows, delegated per chart so that redrawing keeps them. */
function wire(chart: ChartData): void {
  const section = sectionOf(chart);
  if (!section) return;
  const rowOf = (target: EventTarget | null): number | undefined => {
    const element = (target as Element | null)?.closest?.('[data-row]');
    return element ? Number((element as HTMLElement | SVGElement).dataset['row']) : undefined;
  };
  section.addEventListener('click', (event) => {
    const row = rowOf(event.target);
    if (row !== undefined) select(chart, row);
  });
  section.addEventListener('keydown', (event) => {
    const row = rowOf(event.target);
    if (row !== undefined && activates(event)) {
      event.preventDefault();
      select(chart, row);
    }
  });
  section.querySelectorAll<HTMLButtonElement>('[data-export]').forEach((button) => button.addEventListener('click', () => void exportChart(chart, button.dataset['export']!)));
}

// ---- export ----

function svgMarkup(chart: ChartData): { text: string; width: number; height: number } | undefined {
  const svg = sectionOf(chart)?.querySelector('.plot svg');
  if (!svg) return undefined;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.querySelectorAll('[tabindex]').forEach((e) => e.removeAttribute('tabindex'));
  copy.querySelectorAll('style').forEach((e) => e.removeAttribute('nonce'));
  // The theme's colours, fixed in the file: outside the page no variable defines them.
  copy.style.color = cssColour('--imr-fg', '#000');
  copy.style.fontFamily = getComputedStyle(document.body).fontFamily;
  const width = Number(copy.getAttribute('width')) || 640;
  const height = Number(copy.getAttribute('height')) || 400;
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', cssColour('--imr-bg', '#fff'));
  copy.insertBefore(background, copy.firstChild);
  return { text: new XMLSerializer().serializeToString(copy), width, height };
}

async function pngDataUrl(svg: { text: string; width: number; height: number }): Promise<string> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
  await image.decode();
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = svg.width * scale;
  canvas.height = svg.height * scale;
  const context = canvas.getContext('2d')!;
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, svg.width, svg.height);
  return canvas.toDataURL('image/png');
}

function csvOf(chart: ChartData): string {
  const cell = (value: string | number): string => (/[",\r\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));
  const column = sectionOf(chart)?.dataset['column'] ?? chart.id;
  const lines = [[column, 'items', 'upheld', 'overturned', 'undecided', 'letters'].map(cell).join(',')];
  for (const row of chart.rows) lines.push([row.label, row.items, row.upheld, row.overturned, row.undecided, row.letters].map(cell).join(','));
  return lines.join('\r\n') + '\r\n';
}

function save(name: string, content: { text: string } | { dataUrl: string }): void {
  if (vscode) {
    // The webview cannot download: the extension asks where to save.
    vscode.postMessage('text' in content ? { type: 'save', name, text: content.text } : { type: 'save', name, base64: content.dataUrl.slice(content.dataUrl.indexOf(',') + 1) });
    return;
  }
  const link = document.createElement('a');
  link.download = name;
  link.href = 'text' in content ? URL.createObjectURL(new Blob([content.text], { type: name.endsWith('.csv') ? 'text/csv' : 'image/svg+xml' })) : content.dataUrl;
  document.body.append(link);
  link.click();
  link.remove();
}

async function exportChart(chart: ChartData, format: string): Promise<void> {
  const name = `imr-${chart.id}.${format}`;
  if (format === 'csv') return save(name, { text: csvOf(chart) });
  const svg = svgMarkup(chart);
  if (!svg) return;
  if (format === 'svg') save(name, { text: svg.text });
  else save(name, { dataUrl: await pngDataUrl(svg) });
}

// ---- start ----

function drawAll(): number {
  return (data?.charts ?? []).reduce((bars, chart) => bars + draw(chart), 0);
}

if (data) {
  data.charts.forEach(wire);
  const bars = drawAll();
  let pending: ReturnType<typeof setTimeout> | undefined;
  const redraw = (): void => {
    clearTimeout(pending);
    pending = setTimeout(drawAll, 100);
  };
  // Theme changes: VS Code changes the body's class and the variables; standalone, the system's scheme.
  new MutationObserver(redraw).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redraw);
  addEventListener('resize', redraw);
  addEventListener('message', (event: MessageEvent<DashboardHostMessage>) => {
    const message = event.data;
    if (message?.type === 'pressBar') {
      const chart = data.charts.find((c) => c.id === message.chart);
      const index = chart?.rows.findIndex((r) => r.key === message.key) ?? -1;
      const bar = chart && sectionOf(chart)?.querySelector(`.hit-bar[data-row="${index}"]`);
      bar?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    } else if (message?.type === 'pressItem') {
      document.querySelector<HTMLElement>(`#detail [data-ref="${message.index}"]`)?.click();
    }
  });
  vscode?.postMessage({ type: 'ready', bars });
}
