// Entry of a figure by hand (a row of measurements.csv) for analysts and admins: POST
// /api/measurements, answered 201; a 400 carries a Dutch reason, shown beside the field it
// names. After a save the list of that indicator's measurements and the dashboard show the new
// figure. A municipality account never sees the form (and the server answers it 403).
import { scrollable } from './detail.js';
import { api, ApiError } from './api.js';
import { formatValue } from './format.js';
import { byDutchName, label } from './labels.js';

const $ = (id) => document.getElementById(id);
const FIELDS = ['indicator', 'period', 'municipality', 'value', 'note'];
// Words in a reason that name a field (the server's Dutch messages name the column).
const FIELD_WORDS = {
  indicator: ['indicator'],
  period: ['period', 'periode'],
  municipality: ['municipality', 'gemeente'],
  value: ['value', 'waarde', 'getal'],
  note: ['note', 'toelichting'],
};
// measurements.csv names an indicator without the catalogue's "manual." prefix.
const PREFIX = 'manual.';

let onSaved = () => {};

function clearErrors() {
  for (const name of [...FIELDS, 'form']) {
    const p = $(`e-${name}-error`);
    p.hidden = true;
    p.textContent = '';
    const input = $(`e-${name}`);
    if (input) input.removeAttribute('aria-invalid');
  }
}

function showError(message) {
  const lower = message.toLowerCase();
  const field = ['value', 'period', 'municipality', 'note', 'indicator'].find((f) => FIELD_WORDS[f].some((w) => lower.includes(w))) || 'form';
  const p = $(`e-${field}-error`);
  p.textContent = message;
  p.hidden = false;
  const input = $(`e-${field}`);
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}

// Fills the choices from the document shown: its manual indicators and the named municipalities.
export function prepareEntry(doc, allowed) {
  $('entry').hidden = !allowed;
  if (!allowed) return;
  const indicator = $('e-indicator');
  const chosen = indicator.value;
  const ids = Object.keys(doc.indicators).filter((id) => id.startsWith(PREFIX));
  indicator.replaceChildren(...ids.map((id) => new Option(doc.indicators[id].title || id, id.slice(PREFIX.length))));
  if (chosen) indicator.value = chosen;
  const municipality = $('e-municipality');
  const place = municipality.value;
  // The municipalities the filter bar knows (named by the labels).
  const codes = [...$('f-municipality').options].map((o) => o.value).filter((v) => v)
    .sort((a, b) => byDutchName(label.code('municipality', a), label.code('municipality', b)));
  municipality.replaceChildren(new Option('Hele regio', ''), ...codes.map((c) => new Option(label.code('municipality', c), c)));
  municipality.value = place;
  if (!prepareEntry.bound) {
    prepareEntry.bound = true;
    indicator.addEventListener('change', () => showList(indicator.value));
  }
  showList(indicator.value);
}

// Shows the measurements of `indicator`; returns them (an empty list when the server has none).
async function showList(indicator) {
  const box = $('entry-list');
  if (!indicator) {
    box.replaceChildren();
    return [];
  }
  let answer;
  try {
    answer = await api.measurements(indicator);
  } catch {
    box.replaceChildren();
    return [];
  }
  const rows = (answer.measurements || []).slice().sort((a, b) => String(b.period).localeCompare(String(a.period)));
  const table = document.createElement('table');
  table.className = 'breakdown';
  table.dataset.testid = 'measurements';
  const caption = document.createElement('caption');
  caption.textContent = `Ingevoerde cijfers: ${$('e-indicator').selectedOptions[0]?.textContent || indicator}`;
  const head = document.createElement('tr');
  for (const [text, cls] of [['Periode', ''], ['Gemeente', ''], ['Waarde', 'num'], ['Toelichting', '']]) {
    const th = document.createElement('th');
    th.textContent = text;
    th.scope = 'col';
    if (cls) th.className = cls;
    head.append(th);
  }
  const thead = document.createElement('thead');
  thead.append(head);
  const tbody = document.createElement('tbody');
  for (const row of rows.slice(0, 30)) {
    const tr = document.createElement('tr');
    const cells = [label.period(row.period), row.municipality ? label.code('municipality', row.municipality) : 'Hele regio',
      formatValue(typeof row.value === 'number' ? row.value : Number(row.value), 'number'), row.note || ''];
    cells.forEach((text, i) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (i === 2) td.className = 'num';
      tr.append(td);
    });
    tbody.append(tr);
  }
  table.append(caption, thead, tbody);
  const wrap = document.createElement('div');
  wrap.className = 'table-wrap';
  scrollable(wrap, 'Tabel ingevoerde cijfers');
  wrap.append(table);
  box.replaceChildren(wrap);
  return rows;
}

const pause = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });
const sameRow = (a, b) => a.period === b.period && (a.municipality || '') === (b.municipality || '')
  && Number(a.value) === Number(b.value);

// After a save the server takes the new row into its figures; the list is asked again until it
// holds the row (at most about 5 s).
async function showSaved(row) {
  for (let i = 0; i < 20; i++) {
    const rows = await showList(row.indicator);
    if (rows.some((r) => sameRow(r, row))) return;
    await pause(250);
  }
}

export function initEntry(saved) {
  onSaved = saved;
  $('entry-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    $('entry-done').textContent = '';
    const text = $('e-value').value.trim().replace(/\s/g, '');
    // Dutch decimal comma or point; the server checks the number as the importer does.
    const value = /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : text;
    const row = {
      indicator: $('e-indicator').value,
      period: $('e-period').value.trim(),
      municipality: $('e-municipality').value,
      value,
      note: $('e-note').value.trim(),
    };
    $('e-submit').disabled = true;
    try {
      await api.addMeasurement(row);
      $('entry-done').textContent = `Opgeslagen: ${$('e-indicator').selectedOptions[0].textContent}, ${row.period}, ${row.municipality ? label.code('municipality', row.municipality) : 'hele regio'}: ${formatValue(typeof value === 'number' ? value : NaN, 'number')}.`;
      $('e-value').value = '';
      $('e-note').value = '';
      await showSaved(row);
      onSaved(row);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) throw e;
      showError(e.message || 'Opslaan is niet gelukt.');
    } finally {
      $('e-submit').disabled = false;
    }
  });
}
