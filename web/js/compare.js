// Comparison for analysts: the municipalities side by side for one indicator, from the
// municipality breakdown of /api/indicators, largest first, with the norm line (the chart is the
// server's, sorted by the chart option `sort=desc`) and the same figures as a table.
import { scrollable } from './detail.js';
import { api } from './api.js';
import { loadChart } from './charts.js';
import { addDownloads } from './downloads.js';
import { formatNorm, formatValue } from './format.js';
import { label, learnLabels } from './labels.js';

const $ = (id) => document.getElementById(id);

const cellValue = (cell) => {
  if (typeof cell === 'number') return cell;
  if (cell && typeof cell === 'object' && typeof cell.value === 'number') return cell.value;
  if (cell && cell.values && typeof cell.values.result === 'number') return cell.values.result;
  return null;
};
const cellShown = (cell, unit) => {
  if (cell === '<5') return '<5';
  if (cell && cell.suppressed) return 'afgeschermd';
  return formatValue(cellValue(cell), unit);
};

// The indicators of `doc` that have a municipality breakdown.
const comparable = (doc) => Object.keys(doc.indicators).filter((id) => doc.indicators[id].breakdown && doc.indicators[id].breakdown.municipality);

export async function showCompare(filters, chosen, onChoose) {
  const doc = await api.indicators({ ...filters, municipality: '' });
  learnLabels(doc);
  const ids = comparable(doc);
  const select = $('c-indicator');
  select.replaceChildren(...ids.map((id) => new Option(doc.indicators[id].title || id, id)));
  // Without a choice: the first indicator with a norm, so the norm line shows.
  const id = ids.includes(chosen) ? chosen : ids.find((i) => doc.indicators[i].norm) || ids[0];
  if (!id) {
    $('compare-table').textContent = 'Geen indicator met cijfers per gemeente.';
    return;
  }
  select.value = id;
  select.onchange = () => onChoose(select.value);
  const ind = doc.indicators[id];
  const scope = { ...filters, municipality: '' };
  const options = { kind: 'bar', dimension: 'municipality', sort: 'desc' };
  loadChart($('compare-chart'), id, scope, options, 320, { filters: scope, options: { kind: 'bar', dimension: 'municipality' } });
  addDownloads($('compare-downloads'), id, ind.title || id, scope, options);
  const rows = Object.entries(ind.breakdown.municipality)
    .map(([code, cell]) => ({ code, cell, value: cellValue(cell) }))
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  const table = document.createElement('table');
  table.className = 'breakdown';
  table.dataset.testid = 'compare-table';
  const caption = document.createElement('caption');
  caption.textContent = `${ind.title || id} per gemeente${ind.norm ? ` (${formatNorm(ind.norm, ind.unit)})` : ''}`;
  const thead = document.createElement('thead');
  thead.innerHTML = '<tr><th scope="col">Gemeente</th><th scope="col" class="num">Waarde</th><th scope="col">Oordeel</th></tr>';
  const tbody = document.createElement('tbody');
  for (const row of rows) {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = label.code('municipality', row.code);
    const td = document.createElement('td');
    td.className = 'num';
    td.dataset.key = row.code;
    td.textContent = cellShown(row.cell, ind.unit);
    const verdict = document.createElement('td');
    verdict.textContent = verdictOf(ind.norm, row.value);
    tr.append(th, td, verdict);
    tbody.append(tr);
  }
  table.append(caption, thead, tbody);
  const wrap = document.createElement('div');
  wrap.className = 'table-wrap';
  scrollable(wrap, 'Tabel per gemeente');
  wrap.append(table);
  $('compare-table').replaceChildren(wrap);
}

// Above or below the norm line, as the chart shows it (no status rule: only the side of the line).
function verdictOf(norm, value) {
  if (!norm || value === null) return '';
  if (value === norm.target) return 'op de normlijn';
  return value > norm.target ? 'boven de normlijn' : 'onder de normlijn';
}
