// KPI tiles: one per indicator, grouped by family, with the figure, its norm and status colour,
// and the figure of the previous period of the same length.
import { familyOf, formatNorm, formatValue, partLabel, STATUS_LABEL } from './format.js';

const FAMILY_ORDER = ['clients', 'requests', 'flow', 'waitlist', 'care', 'outcome', 'family_plan',
  'satisfaction', 'complaints', 'finance', 'staff', 'manual', 'projects'];

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The headline of an indicator: its value, else its named values, else its latest series point.
export function headline(ind) {
  if (!ind) return { main: '–' };
  const unit = ind.unit;
  if ('value' in ind && (ind.value !== null || ind.suppressed || !ind.values)) {
    return { main: formatValue(ind.value, unit, { suppressed: ind.suppressed }), raw: ind.value };
  }
  if (ind.values) {
    const parts = Object.entries(ind.values).slice(0, 3);
    return {
      main: formatValue(parts[0][1], unit, { suppressed: ind.suppressed }),
      raw: parts[0][1],
      part: partLabel(parts[0][0]),
      rest: parts.slice(1).map(([k, v]) => `${partLabel(k)} ${formatValue(v, unit)}`).join(' · '),
    };
  }
  if (Array.isArray(ind.series) && ind.series.length) {
    const last = ind.series[ind.series.length - 1];
    return { main: formatValue(last.value, unit), raw: last.value, part: `laatste: ${last.key}` };
  }
  if (ind.breakdown) return { main: '', rest: 'zie uitsplitsing' };
  return { main: '–' };
}

function comparison(ind, before) {
  const now = headline(ind);
  const prev = headline(before);
  if (!before || typeof now.raw !== 'number' || typeof prev.raw !== 'number') {
    if (before && prev.main && prev.main !== '–' && prev.main !== '') return `vorige periode ${prev.main}`;
    return '';
  }
  const diff = now.raw - prev.raw;
  const arrow = diff > 0 ? '▲' : diff < 0 ? '▼' : '=';
  return `${arrow} vorige periode ${prev.main}`;
}

function tile(id, ind, before, onOpen) {
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
  if (head.rest) button.append(el('span', 'tile-rest', head.rest));
  if ('numerator' in ind && 'denominator' in ind && ind.denominator !== null) {
    button.append(el('span', 'tile-rest', `${formatValue(ind.numerator, ind.unit === 'percent' ? 'number' : ind.unit)} van ${formatValue(ind.denominator, 'number')}`));
  }
  const foot = el('span', 'tile-foot');
  if (ind.norm || ind.status) {
    foot.append(el('span', `badge ${status}`, STATUS_LABEL[status] || status));
    if (ind.norm) foot.append(el('span', 'tile-norm', formatNorm(ind.norm, ind.unit)));
  }
  const compare = comparison(ind, before);
  if (compare) foot.append(el('span', 'tile-compare', compare));
  button.append(foot);
  button.setAttribute('aria-label', `${ind.title || id}: ${head.main || 'uitsplitsing'}${ind.status ? `, ${STATUS_LABEL[status]}` : ''}. Open grafiek en uitsplitsing.`);
  button.addEventListener('click', () => onOpen(id));
  return button;
}

export function renderTiles(container, doc, beforeDoc, onOpen) {
  const groups = new Map();
  for (const id of Object.keys(doc.indicators)) {
    const family = familyOf(id);
    if (!groups.has(family.key)) groups.set(family.key, { label: family.label, ids: [] });
    groups.get(family.key).ids.push(id);
  }
  const order = [...groups.keys()].sort((a, b) => {
    const ia = FAMILY_ORDER.indexOf(a);
    const ib = FAMILY_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
  const sections = [];
  for (const key of order) {
    const group = groups.get(key);
    const section = el('section', 'family');
    section.setAttribute('aria-label', group.label);
    section.append(el('h3', '', group.label));
    const grid = el('div', 'tiles');
    for (const id of group.ids) {
      const before = beforeDoc ? beforeDoc.indicators[id] : null;
      grid.append(tile(id, doc.indicators[id], before, onOpen));
    }
    section.append(grid);
    sections.push(section);
  }
  container.replaceChildren(...sections);
}
