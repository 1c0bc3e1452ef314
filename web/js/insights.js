// The insights panel at the top of the dashboard: the server's Dutch sentences for the role and
// scope (GET /api/insights), most important first. The panel stays hidden when there are none
// or the server does not offer them.
import { api } from './api.js';

const $ = (id) => document.getElementById(id);
const ARROW = { up: '▲', down: '▼', flat: '■' };
const DIRECTION = { up: 'stijgend', down: 'dalend', flat: 'gelijk' };

export async function showInsights(filters, isCurrent) {
  let list;
  try {
    list = await api.insights(filters);
  } catch (e) {
    if (e.status === 401) throw e;
    list = [];
  }
  if (!isCurrent()) return;
  const items = Array.isArray(list) ? list : list.insights || [];
  const ol = $('insights-list');
  ol.replaceChildren(...items.map((insight) => {
    const li = document.createElement('li');
    li.dataset.indicator = insight.indicator || '';
    li.dataset.testid = 'insight';
    const arrow = document.createElement('span');
    arrow.className = `insight-arrow ${insight.direction || 'flat'}`;
    arrow.textContent = ARROW[insight.direction] || ARROW.flat;
    arrow.setAttribute('aria-hidden', 'true');
    const text = document.createElement('span');
    text.textContent = insight.text;
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = ` (${DIRECTION[insight.direction] || DIRECTION.flat})`;
    li.append(arrow, text, hidden);
    return li;
  }));
  $('insights').hidden = items.length === 0;
}
