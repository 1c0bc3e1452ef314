// The social map: providers and their activities in the neighbourhood (K1) per area, from
// GET /api/social-map (municipality and area as in the filter bar).
import { api } from './api.js';
import { byDutchName } from './labels.js';

const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const areas = new Map();  // code -> name, as the answers named them

export async function showSocialMap(filters, onArea) {
  const box = $('socialmap-list');
  let answer;
  try {
    answer = await api.socialMap({ municipality: filters.municipality, area: filters.area });
  } catch (e) {
    if (e.status === 401) throw e;
    box.replaceChildren(el('p', 'note', e.status === 404 ? 'De sociale kaart is nog niet beschikbaar.' : e.message));
    return;
  }
  const activities = answer.activities || [];
  for (const a of activities) areas.set(a.area, a.area_name || a.area);
  const select = $('s-area');
  select.replaceChildren(new Option('Alle gebieden', ''), ...[...areas].sort((a, b) => byDutchName(a[1], b[1])).map(([code, name]) => new Option(name, code)));
  select.value = filters.area || '';
  select.onchange = () => onArea(select.value);
  if (!activities.length) {
    box.replaceChildren(el('p', 'note', 'Geen activiteiten gevonden voor deze keuze.'));
    return;
  }
  const byArea = new Map();
  for (const a of activities) {
    const key = `${a.municipality_name || a.municipality} · ${a.area_name || a.area}`;
    if (!byArea.has(key)) byArea.set(key, []);
    byArea.get(key).push(a);
  }
  const sections = [];
  for (const key of [...byArea.keys()].sort(byDutchName)) {
    const section = el('section', 'card area');
    section.dataset.testid = 'socialmap-area';
    section.append(el('h3', '', key));
    const table = el('table', 'breakdown');
    const thead = el('thead');
    const head = el('tr');
    for (const t of ['Aanbieder', 'Activiteit', 'Voor wie', 'Contact', 'Wachttijd']) {
      const th = el('th', t === 'Wachttijd' ? 'num' : '', t);
      th.scope = 'col';
      head.append(th);
    }
    thead.append(head);
    const tbody = el('tbody');
    for (const a of byArea.get(key).sort((x, y) => byDutchName(x.provider_name || '', y.provider_name || ''))) {
      const tr = el('tr');
      const wait = a.waiting_weeks === null || a.waiting_weeks === undefined ? '–'
        : `${a.waiting_weeks} ${a.waiting_weeks === 1 ? 'week' : 'weken'}`;
      tr.append(el('td', '', a.provider_name || a.provider), el('td', '', a.name), el('td', '', a.target_group || ''),
        el('td', '', a.contact || ''), el('td', 'num', wait));
      tbody.append(tr);
    }
    table.append(thead, tbody);
    section.append(table);
    sections.push(section);
  }
  box.replaceChildren(...sections);
}
