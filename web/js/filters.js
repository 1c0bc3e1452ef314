// The filter bar: period (picker fed by /api/periods, or free from/to dates) and scope
// (municipality, area, quadrant, provider). The scope options are learnt from the breakdowns of
// the results shown and named by the server's labels, so the page needs no list of its own. The
// filters live in the address (the API's parameter names), so a copied link opens the same view.
import { byDutchName, label, namedCodes } from './labels.js';

const $ = (id) => document.getElementById(id);
const pad = (n) => String(n).padStart(2, '0');
const iso = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();

// "2020", "2020H2", "2020Q3", "2020-11" or "FROM..TO" to {from, to}; null when not a period.
export function periodRange(key) {
  let m;
  if ((m = /^(\d{4})$/.exec(key))) return { from: iso(+m[1], 1, 1), to: iso(+m[1], 12, 31) };
  if ((m = /^(\d{4})H([12])$/.exec(key))) {
    const y = +m[1];
    return m[2] === '1' ? { from: iso(y, 1, 1), to: iso(y, 6, 30) } : { from: iso(y, 7, 1), to: iso(y, 12, 31) };
  }
  if ((m = /^(\d{4})Q([1-4])$/.exec(key))) {
    const y = +m[1];
    const first = (+m[2] - 1) * 3 + 1;
    return { from: iso(y, first, 1), to: iso(y, first + 2, lastDay(y, first + 2)) };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) return { from: iso(+m[1], +m[2], 1), to: iso(+m[1], +m[2], lastDay(+m[1], +m[2])) };
  if ((m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(key))) return { from: m[1], to: m[2] };
  return null;
}

// /api/periods: {"first_date", "last_date", "years", "half_years", "quarters", "months",
// "closed": [{"period", "from", "to", "closed_at", "hash"}]}; first_date and last_date are null
// when there is no data. Returns the range with data and the closed period keys.
function readPeriods(doc) {
  if (!doc || !doc.first_date || !doc.last_date) return null;
  const closed = new Set(doc.closed.map((c) => c.period));
  return { first: doc.first_date, last: doc.last_date, closed };
}

function periodOptions(range) {
  const options = [];
  const firstYear = +range.first.slice(0, 4);
  const lastYear = +range.last.slice(0, 4);
  for (let y = lastYear; y >= firstYear; y--) {
    options.push({ key: `${y}`, label: `${y}` });
    for (const h of [2, 1]) options.push({ key: `${y}H${h}`, label: `${h}e halfjaar ${y}` });
    for (const q of [4, 3, 2, 1]) options.push({ key: `${y}Q${q}`, label: `${q}e kwartaal ${y}` });
  }
  return options.filter((o) => {
    const r = periodRange(o.key);
    return r.to >= range.first && r.from <= range.last;
  });
}

let onChange = () => {};

export function initFilters(periodsDoc, changed) {
  onChange = changed;
  for (const dim of Object.keys(known)) known[dim] = new Set();
  const select = $('f-period');
  select.replaceChildren();
  const range = readPeriods(periodsDoc);
  const today = new Date();
  const fallbackYear = today.getUTCFullYear() - 1;
  const options = range ? periodOptions(range) : [{ key: `${fallbackYear}`, label: `${fallbackYear}` }];
  for (const o of options) {
    const closed = range && range.closed.has(o.key);
    const option = new Option(closed ? `${o.label} (vastgesteld)` : o.label, o.key);
    if (closed) option.dataset.closed = '1';
    select.append(option);
  }
  select.append(new Option('Eigen periode', 'custom'));
  // Default: the latest whole year with data, else the latest year.
  const years = options.filter((o) => /^\d{4}$/.test(o.key));
  const whole = years.find((o) => range && periodRange(o.key).to <= range.last) || years[0];
  select.value = whole ? whole.key : 'custom';
  applyPeriod(select.value);
  const asked = filtersFromAddress();
  if (asked) setFilters(asked);
  if (!initFilters.bound) {
    initFilters.bound = true;
    select.addEventListener('change', () => {
      if (select.value !== 'custom') applyPeriod(select.value);
      onChange();
    });
    for (const id of ['f-from', 'f-to']) {
      $(id).addEventListener('change', () => {
        matchPeriod();
        onChange();
      });
    }
    for (const id of ['f-municipality', 'f-area', 'f-quadrant', 'f-provider']) {
      $(id).addEventListener('change', () => onChange());
    }
  }
}

const SCOPE = ['municipality', 'area', 'quadrant', 'provider'];

// The filters of an address (`?from=…&to=…&municipality=…`); null when it names no period.
export function filtersFromAddress(search = window.location.search) {
  const params = new URLSearchParams(search);
  const from = params.get('from');
  const to = params.get('to');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from || '') || !/^\d{4}-\d{2}-\d{2}$/.test(to || '')) return null;
  const filters = { from, to };
  for (const name of SCOPE) filters[name] = params.get(name) || '';
  return filters;
}

// Shows `filters` in the bar; scope codes whose option is not known yet are chosen once it is.
export function setFilters(filters) {
  $('f-from').value = filters.from;
  $('f-to').value = filters.to;
  matchPeriod();
  for (const name of SCOPE) {
    const select = $(`f-${name}`);
    if (select.disabled) continue;
    const value = filters[name] || '';
    if (value && ![...select.options].some((o) => o.value === value)) {
      wanted[name] = value;
      // Known only by its code until the labels name it.
      select.append(new Option(label.code(name, value), value));
    }
    select.value = value;
  }
}

// The address of a view with these filters (and the page's own `view` parameters).
export function addressOf(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const name of ['from', 'to', ...SCOPE]) if (filters[name]) params.set(name, filters[name]);
  for (const [name, value] of Object.entries(extra)) if (value) params.set(name, value);
  return `/?${params.toString()}`;
}

function applyPeriod(key) {
  const range = periodRange(key);
  if (!range) return;
  $('f-from').value = range.from;
  $('f-to').value = range.to;
}

function matchPeriod() {
  const select = $('f-period');
  const match = [...select.options].find((o) => {
    const r = periodRange(o.value);
    return r && r.from === $('f-from').value && r.to === $('f-to').value;
  });
  select.value = match ? match.value : 'custom';
}

export function filterState() {
  return {
    from: $('f-from').value,
    to: $('f-to').value,
    municipality: $('f-municipality').value,
    area: $('f-area').value,
    quadrant: $('f-quadrant').value,
    provider: $('f-provider').value,
  };
}

// The history window: the 36 months before the chosen period's end, so that the charts show the
// 24 months before the period with the year before each (at most the API's ten years).
export function historyWindow(filters) {
  const from = new Date(`${filters.from}T00:00:00Z`);
  const start = new Date(Date.UTC(from.getUTCFullYear() - 3, from.getUTCMonth(), 1));
  const to = new Date(`${filters.to}T00:00:00Z`);
  if ((to - start) / 86400000 > 3650) return { ...filters };
  return { ...filters, from: start.toISOString().slice(0, 10) };
}

// The period of the same length just before the filters' period (same scope).
export function previousPeriod(filters) {
  const day = 86400000;
  const from = Date.parse(`${filters.from}T00:00:00Z`);
  const to = Date.parse(`${filters.to}T00:00:00Z`);
  const prevTo = new Date(from - day);
  const prevFrom = new Date(from - day - (to - from));
  // Whole calendar periods map to the previous whole period of the same kind.
  const sameLengthMonths = (a, b) => (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
  const f = new Date(from);
  const t = new Date(to);
  let start = prevFrom;
  if (f.getUTCDate() === 1 && new Date(to + day).getUTCDate() === 1) {
    const months = sameLengthMonths(f, t) + 1;
    start = new Date(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() - months, 1));
  }
  const fmt = (d) => d.toISOString().slice(0, 10);
  return { ...filters, from: fmt(start), to: fmt(prevTo) };
}

const known = { municipality: new Set(), area: new Set(), provider: new Set() };

const byName = (dimension) => (a, b) => byDutchName(label.code(dimension, a), label.code(dimension, b));

function fill(selectId, dimension, values) {
  const select = $(selectId);
  const current = select.value || wanted[dimension] || '';
  const first = select.options[0];
  const codes = [...values].sort(byName(dimension));
  select.replaceChildren(first, ...codes.map((v) => new Option(label.code(dimension, v), v)));
  select.value = values.has(current) ? current : '';
  if (values.has(current)) delete wanted[dimension];
}

// Scope codes asked for by the address before the options that hold them are known.
const wanted = {};

// Adds the municipalities, areas and providers named in the result's breakdowns to the filters.
export function learnOptions(doc) {
  for (const indicator of Object.values(doc.indicators)) {
    const breakdown = indicator.breakdown || {};
    for (const dim of Object.keys(known)) {
      for (const key of Object.keys(breakdown[dim] || {})) known[dim].add(key);
    }
  }
  for (const dim of Object.keys(known)) {
    for (const code of Object.keys(namedCodes(dim))) known[dim].add(code);
    if (doc.scope[dim]) known[dim].add(doc.scope[dim]);
  }
  if (!$('f-municipality').disabled) fill('f-municipality', 'municipality', known.municipality);
  else relabel('f-municipality', 'municipality');
  fill('f-area', 'area', known.area);
  fill('f-provider', 'provider', known.provider);
  relabel('f-quadrant', 'quadrant');
  for (const option of $('f-period').options) {
    if (option.value !== 'custom' && label.period(option.value) !== option.value) {
      option.textContent = label.period(option.value) + (option.dataset.closed ? ' (vastgesteld)' : '');
    }
  }
}

function relabel(selectId, dimension) {
  for (const option of $(selectId).options) if (option.value) option.textContent = label.code(dimension, option.value);
}

// A municipality account sees only its own municipality: the filter shows it and cannot change.
export function lockMunicipality(code) {
  const select = $('f-municipality');
  if (!code) {
    select.disabled = false;
    return;
  }
  known.municipality = new Set([code]);
  select.replaceChildren(new Option(label.code('municipality', code), code));
  select.value = code;
  select.disabled = true;
  select.title = 'Uw account ziet alleen deze gemeente';
}
