// KPI tiles: one per indicator, grouped by family. A tile leads with the figure its title names,
// then the norm and its status word, a change arrow against the previous period coloured by
// whether that change is good for this indicator (`better` in the document), and a sparkline of
// the last 24 months or 8 quarters taken from the history window's series.
import { formatNorm, formatValue } from './format.js';
import { label } from './labels.js';
import { periodRange } from './filters.js';

// Families of indicator ids, in the order of the steering meeting, with their page headings.
const FAMILIES = [
  ['clients', 'Cliënten'], ['requests', 'Zorgvragen'], ['flow', 'Doorlooptijden'],
  ['waitlist', 'Wachtlijst'], ['care', 'Zorg'], ['outcome', 'Resultaat van de zorg'],
  ['family_plan', 'Gezinsplannen'], ['satisfaction', 'Tevredenheid cliënten'],
  ['complaints', 'Klachten'], ['finance', 'Financiën'], ['staff', 'Medewerkers'],
  ['manual', 'Handmatig aangeleverd'], ['projects', 'Projecten'],
];
const FAMILY_HEADING = new Map(FAMILIES);
const familyOf = (id) => {
  const family = id.split('.')[0];
  return family === 'staffing' ? 'staff' : family;
};

// Of an indicator with named parts (`values`) and no single value, the part its title names:
// the result of a budget, the median of a lead time, the total of costs per client, the
// completed questionnaires. Kept in this one list.
const LEAD_PARTS = ['result', 'median', 'total', 'completed', 'yes'];

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);

// Parts that form a distribution rather than one figure with details: star ratings ("1".."5")
// and statement scores ("s1".."s8").
function distributionKind(values) {
  const keys = Object.keys(values);
  if (keys.length > 1 && keys.every((k) => /^\d+$/.test(k))) return 'stars';
  if (keys.length > 1 && keys.every((k) => /^s\d+$/.test(k))) return 'statements';
  return '';
}

// The headline of an indicator: {main, raw, part, rest, distribution}.
export function headline(ind) {
  if (!ind) return { main: '–' };
  const unit = ind.unit;
  if ('value' in ind && (ind.value !== null || ind.suppressed || !ind.values)) {
    const rest = ind.values
      ? Object.entries(ind.values).map(([k, v]) => `${label.part(k)} ${formatValue(v, unit)}`).join(' · ')
      : '';
    return { main: formatValue(ind.value, unit, { suppressed: ind.suppressed }), raw: ind.value, rest };
  }
  if (ind.values) {
    const entries = Object.entries(ind.values);
    const kind = distributionKind(ind.values);
    if (kind) return distributionHeadline(kind, entries, unit);
    const lead = LEAD_PARTS.find((p) => p in ind.values) || entries[0][0];
    const others = entries.filter(([k]) => k !== lead);
    return {
      main: formatValue(ind.values[lead], unit, { suppressed: ind.suppressed }),
      raw: ind.values[lead],
      part: label.part(lead),
      rest: others.map(([k, v]) => `${label.part(k)} ${formatValue(v, unit)}`).join(' · '),
    };
  }
  if (Array.isArray(ind.series) && ind.series.length) {
    const last = ind.series[ind.series.length - 1];
    return { main: formatValue(last.value, unit), raw: last.value, part: `laatste: ${label.period(last.key)}` };
  }
  if (ind.breakdown) return { main: '', rest: 'zie uitsplitsing' };
  return { main: '–' };
}

// Stars: the mean rating of the counts; statements: the mean of the statements' scores. Only
// when every part is a number (a "<5" count hides part of the distribution).
function distributionHeadline(kind, entries, unit) {
  const numbers = entries.every(([, v]) => isNumber(v));
  let raw = null;
  if (numbers && kind === 'stars') {
    const n = entries.reduce((sum, [, v]) => sum + v, 0);
    raw = n ? entries.reduce((sum, [k, v]) => sum + Number(k) * v, 0) / n : null;
  } else if (numbers) {
    raw = entries.reduce((sum, [, v]) => sum + v, 0) / entries.length;
  }
  const main = raw === null ? '–' : formatValue(raw, 'score');
  return {
    main,
    raw,
    part: kind === 'stars' ? 'sterren gemiddeld' : 'gemiddeld (1 tot 5)',
    distribution: { kind, entries, unit },
  };
}

// A readable distribution: one row per part with its word, a bar and the figure.
export function distributionList(distribution) {
  const { kind, entries, unit } = distribution;
  const list = el('span', 'distribution');
  const max = kind === 'statements' ? 5 : Math.max(1, ...entries.map(([, v]) => (isNumber(v) ? v : 0)));
  for (const [key, value] of entries) {
    const row = el('span', 'dist-row');
    const bar = el('span', 'dist-bar');
    bar.setAttribute('aria-hidden', 'true');
    bar.style.setProperty('--share', `${isNumber(value) ? Math.max(0, value / max) * 100 : 0}%`);
    const figure = el('span', 'dist-value', formatValue(value, unit));
    figure.prepend(bar);
    row.append(el('span', 'dist-label', label.part(key)), figure);
    list.append(row);
  }
  return list;
}

// The change against the previous period: arrow, colour and an accessible text.
export function change(ind, before) {
  const now = headline(ind);
  const prev = headline(before);
  if (!before || !isNumber(now.raw) || !isNumber(prev.raw)) return null;
  const diff = now.raw - prev.raw;
  const direction = diff > 0 ? 'up' : diff < 0 ? 'down' : 'flat';
  const better = ind.better || 'neither';
  let judgement = 'neutral';
  if (direction !== 'flat' && better !== 'neither') {
    judgement = (direction === 'up') === (better === 'higher') ? 'good' : 'bad';
  }
  const moved = { up: 'gestegen', down: 'gedaald', flat: 'gelijk gebleven' }[direction];
  const verdict = { good: ', gunstig', bad: ', ongunstig', neutral: '' }[judgement];
  return {
    direction,
    judgement,
    arrow: { up: '▲', down: '▼', flat: '=' }[direction],
    text: `${moved}${verdict}`,
    previous: prev.main,
  };
}

// The history points of an indicator to draw: the last 24 months (or 8 quarters, or 104 weeks)
// up to the end of the chosen period.
export function recentPoints(series, to) {
  if (!Array.isArray(series)) return [];
  const end = new Date(`${to}T00:00:00Z`);
  const start = new Date(Date.UTC(end.getUTCFullYear() - 2, end.getUTCMonth(), end.getUTCDate() + 1));
  const startKey = start.toISOString().slice(0, 10);
  const points = series.filter((p) => {
    const range = periodRange(p.key) || (/^\d{4}-\d{2}-\d{2}$/.test(p.key) ? { from: p.key, to: p.key } : null);
    return range ? range.to >= startKey && range.from <= to : true;
  });
  return points.slice(-104);
}

const SVG = 'http://www.w3.org/2000/svg';

// A small line of the points' values (gaps break it); decoration: the tile says it in words.
function sparkline(points) {
  const values = points.map((p) => (isNumber(p.value) ? p.value : null));
  const numbers = values.filter((v) => v !== null);
  if (numbers.length < 2) return null;
  const w = 120;
  const h = 28;
  const lo = Math.min(...numbers);
  const hi = Math.max(...numbers);
  const y = (v) => (hi === lo ? h / 2 : h - 2 - ((v - lo) / (hi - lo)) * (h - 4));
  const x = (i) => (values.length === 1 ? 0 : (i / (values.length - 1)) * (w - 4) + 2);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  let d = '';
  values.forEach((v, i) => {
    if (v === null) return;
    d += `${i > 0 && values[i - 1] !== null ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  const last = document.createElementNS(SVG, 'circle');
  const i = values.length - 1 - [...values].reverse().findIndex((v) => v !== null);
  last.setAttribute('cx', x(i).toFixed(1));
  last.setAttribute('cy', y(values[i]).toFixed(1));
  last.setAttribute('r', '2.2');
  svg.append(path, last);
  return svg;
}

function tile(id, ind, context, onOpen) {
  const status = ind.status || 'none';
  const button = el('button', `tile status-${status}`);
  button.type = 'button';
  button.dataset.indicator = id;
  button.dataset.testid = `tile-${id}`;
  const head = headline(ind);
  button.append(el('span', 'tile-title', ind.title || id));
  const figure = el('span', 'tile-value', head.main);
  figure.dataset.testid = 'tile-value';
  if (head.part) figure.append(el('span', 'tile-part', ` ${head.part}`));
  button.append(figure);
  if (head.distribution) button.append(distributionList(head.distribution));
  if (head.rest) button.append(el('span', 'tile-rest', head.rest));
  if ('numerator' in ind && 'denominator' in ind && ind.denominator !== null) {
    button.append(el('span', 'tile-rest', `${formatValue(ind.numerator, ind.unit === 'percent' ? 'number' : ind.unit)} van ${formatValue(ind.denominator, 'number')}`));
  }
  const points = recentPoints(context.history && context.history.indicators[id]
    ? context.history.indicators[id].series : null, context.to);
  const spark = sparkline(points);
  if (spark) {
    const box = el('span', 'tile-spark');
    box.dataset.testid = 'sparkline';
    box.append(spark, el('span', 'tile-spark-label', `${label.period(points[0].key)} – ${label.period(points[points.length - 1].key)}`));
    button.append(box);
  }
  const foot = el('span', 'tile-foot');
  if (ind.norm || ind.status) {
    foot.append(el('span', `badge ${status}`, label.status(status)));
    if (ind.norm) foot.append(el('span', 'tile-norm', formatNorm(ind.norm, ind.unit)));
  }
  const moved = change(ind, context.before ? context.before.indicators[id] : null);
  let said = '';
  if (moved) {
    const compare = el('span', `tile-compare change-${moved.judgement}`);
    compare.dataset.testid = 'tile-change';
    compare.dataset.direction = moved.direction;
    compare.dataset.judgement = moved.judgement;
    const arrow = el('span', 'arrow', moved.arrow);
    arrow.setAttribute('aria-hidden', 'true');
    compare.append(arrow, el('span', '', ` ${moved.text}; vorige periode ${moved.previous}`));
    foot.append(compare);
    said = `, ${moved.text} ten opzichte van de vorige periode (${moved.previous})`;
  }
  button.append(foot);
  const statusText = ind.status ? `, ${label.status(status)}` : '';
  button.setAttribute('aria-label', `${ind.title || id}: ${head.main || 'uitsplitsing'}${head.part ? ` ${head.part}` : ''}${statusText}${said}. Open grafiek en uitsplitsing.`);
  button.addEventListener('click', () => onOpen(id));
  return button;
}

// context: {before: document of the previous period, history: document of the history window,
// to: end of the chosen period}.
export function renderTiles(container, doc, context, onOpen) {
  const groups = new Map();
  for (const id of Object.keys(doc.indicators)) {
    const family = familyOf(id);
    if (!groups.has(family)) groups.set(family, []);
    groups.get(family).push(id);
  }
  const order = FAMILIES.map(([key]) => key).filter((key) => groups.has(key));
  for (const key of groups.keys()) if (!order.includes(key)) order.push(key);
  const sections = [];
  for (const key of order) {
    const heading = FAMILY_HEADING.get(key) || label.dimension(key);
    const section = el('section', 'family');
    section.setAttribute('aria-label', heading);
    section.append(el('h3', '', heading));
    const grid = el('div', 'tiles');
    for (const id of groups.get(key)) grid.append(tile(id, doc.indicators[id], context, onOpen));
    section.append(grid);
    sections.push(section);
  }
  container.replaceChildren(...sections);
}
