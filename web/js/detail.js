// Drill-down of one indicator: its figure, the chart (series, or the first breakdown) and a
// table per breakdown dimension, with "<5" and suppressed cells shown as such.
import { api, ApiError } from './api.js';
import { loadChart } from './charts.js';
import { historyWindow } from './filters.js';
import { addDownloads } from './downloads.js';
import { distributionList, headline } from './tiles.js';
import { formatExact, formatNorm, formatValue, SUPPRESSED_TEXT } from './format.js';
import { label, learnLabels } from './labels.js';

const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// One breakdown cell as display text and, for tooltips and tests, its exact number.
function cellText(cell, unit) {
  if (cell === '<5') return { text: '<5', title: 'klein aantal (1 tot 4), afgeschermd' };
  if (cell === null) return { text: '–' };
  if (typeof cell === 'number') return { text: formatValue(cell, unit), title: formatExact(cell) };
  if (typeof cell === 'object') {
    if (cell.suppressed) return { text: SUPPRESSED_TEXT, title: 'afgeschermd: te herleiden uit kleine aantallen' };
    if ('value' in cell) {
      let text = formatValue(cell.value, unit);
      if ('numerator' in cell && cell.denominator !== undefined) text += ` (${formatExact(cell.numerator)} van ${formatExact(cell.denominator)})`;
      return { text, title: formatExact(cell.value) };
    }
    if (cell.values) {
      return { text: Object.entries(cell.values).map(([k, v]) => `${label.part(k)} ${formatValue(v, unit)}`).join(' · ') };
    }
  }
  return { text: String(cell) };
}

// A scrolling table box is reachable by keyboard (arrow keys scroll it) and named for screen
// readers.
export function scrollable(box, name) {
  box.tabIndex = 0;
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', name);
}

const isCell = (v) => v === null || typeof v !== 'object' || 'value' in v || 'values' in v || 'suppressed' in v;

// Flattens nested breakdowns ({a: {b: cell}}) into rows [["a / b", "name a / name b", cell]];
// each level is named by the labels of its dimension ("project/measure/municipality/period").
function rows(table, dimensions, prefix = '', names = '') {
  const out = [];
  const [dimension, ...deeper] = dimensions;
  for (const [key, cell] of Object.entries(table)) {
    const name = label.code(dimension || '', key);
    const path = prefix ? `${prefix} / ${key}` : key;
    const shown = names ? `${names} / ${name}` : name;
    if (isCell(cell)) out.push([path, shown, cell]);
    else out.push(...rows(cell, deeper, path, shown));
  }
  return out;
}

function breakdownTable(dimension, table, unit) {
  const wrap = el('div', 'table-wrap');
  const t = el('table', 'breakdown');
  t.dataset.dimension = dimension;
  const dimensionName = label.dimension(dimension);
  t.append(el('caption', '', dimensionName.charAt(0).toUpperCase() + dimensionName.slice(1)));
  const head = el('tr');
  head.append(el('th', '', dimensionName), el('th', 'num', 'Waarde'));
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const [key, name, cell] of rows(table, dimension.split('/'))) {
    const tr = el('tr');
    const th = el('th', '', name);
    th.scope = 'row';
    const shown = cellText(cell, unit);
    const td = el('td', 'num', shown.text);
    if (shown.title) td.title = shown.title;
    td.dataset.key = key;
    tr.append(th, td);
    tbody.append(tr);
  }
  t.append(thead, tbody);
  wrap.append(t);
  scrollable(wrap, `Tabel ${dimensionName}`);
  return wrap;
}

function seriesTable(series, unit) {
  const table = {};
  for (const point of series) table[point.key] = 'value' in point ? point.value : { values: point.values };
  return breakdownTable('period', table, unit);
}

export function closeDetail() {
  const dialog = $('detail');
  if (dialog.open) dialog.close();
}

export async function openDetail(id, filters) {
  const dialog = $('detail');
  const body = $('detail-body');
  $('detail-title').textContent = id;
  body.replaceChildren(el('p', 'status', 'Laden…'));
  if (!dialog.open) dialog.showModal();
  let ind;
  try {
    const doc = await api.indicator(id, filters);
    learnLabels(doc);
    ind = doc.indicators[id];
  } catch (e) {
    body.replaceChildren(el('p', 'error', e instanceof ApiError ? e.message : 'Er ging iets mis.'));
    return;
  }
  $('detail-title').textContent = ind.title || id;
  const summary = el('div', 'detail-summary');
  const head = headline(ind);
  const figure = el('p', 'detail-value', head.main || '');
  figure.dataset.testid = 'detail-value';
  if (head.part) figure.append(el('span', 'tile-part', ` ${head.part}`));
  summary.append(figure);
  if (head.distribution) summary.append(distributionList(head.distribution));
  if (head.rest) summary.append(el('p', 'tile-rest', head.rest));
  if ('numerator' in ind && ind.denominator !== undefined) {
    summary.append(el('p', 'tile-rest', `teller ${formatExact(ind.numerator)} · noemer ${formatExact(ind.denominator)}`));
  }
  if (ind.norm || ind.status) {
    const status = ind.status || 'none';
    const line = el('p', 'tile-foot');
    line.append(el('span', `badge ${status}`, label.status(status)));
    if (ind.norm) line.append(el('span', 'tile-norm', formatNorm(ind.norm, ind.unit)));
    summary.append(line);
  }
  const period = `${filters.from} tot en met ${filters.to}${filters.municipality ? ` · ${label.code('municipality', filters.municipality)}` : ''}`;
  summary.append(el('p', 'note', period));
  const downloads = el('div', 'detail-downloads');
  body.replaceChildren(summary, downloads);

  const dimensions = Object.keys(ind.breakdown || {});
  const hasSeries = Array.isArray(ind.series) && ind.series.length > 0;
  if (hasSeries || dimensions.length) {
    const chart = el('div', 'chart detail-chart');
    chart.dataset.testid = 'detail-chart';
    body.append(chart);
    // A series in its history: the 24 months before the period, the year before beside it.
    const plain = hasSeries ? { kind: ind.series.length > 16 ? 'line' : 'bar' } : { kind: 'bar', dimension: dimensions[0] };
    const scope = hasSeries ? historyWindow(filters) : filters;
    const options = hasSeries ? { ...plain, highlight: `${filters.from}..${filters.to}`, previous: 'year' } : plain;
    loadChart(chart, id, scope, options, 300, { filters, options: plain }).catch(() => {});
    addDownloads(downloads, id, ind.title || id, scope, options);
  } else {
    addDownloads(downloads, id, ind.title || id, filters, null);
  }
  const tables = el('div', 'tables');
  if (hasSeries) tables.append(seriesTable(ind.series, ind.unit));
  for (const dim of dimensions) tables.append(breakdownTable(dim, ind.breakdown[dim], ind.unit));
  body.append(tables);
}
