// The dashboard: login, filters, trend charts, KPI tiles and the drill-down of one indicator.
import { api, ApiError, scopeQuery } from './api.js';
import { filterState, initFilters, learnOptions, lockMunicipality, previousPeriod } from './filters.js';
import { renderTiles } from './tiles.js';
import { openDetail, closeDetail } from './detail.js';
import { loadChart } from './charts.js';

const $ = (id) => document.getElementById(id);

const TRENDS = [
  { id: 'clients.monthly', kind: 'line', title: 'Cliënten in zorg per maand' },
  { id: 'requests.new', kind: 'bar', title: 'Nieuwe zorgvragen per maand' },
  { id: 'waitlist.quarterly', kind: 'bar', title: 'Wachtlijst per kwartaal' },
  { id: 'flow.weekly_intake', kind: 'line', title: 'Doorlooptijd compleet tot instroom per week (werkdagen)' },
];

const session = { user: null };
let generation = 0;
let scopePrefix = '';  // "U ziet alleen de cijfers van gemeente …" for a municipality account
let shown = null;  // {filters, doc} of the trends on the page, to redraw them at a new width

// /api/me: {"name", "role": "admin" | "analyst" | "municipality", "municipality": code | null}.
function ownMunicipality(user) {
  return user.municipality || '';
}

function roleLabel(user) {
  const municipality = ownMunicipality(user);
  if (municipality) return `gemeente ${municipality}`;
  return { admin: 'beheerder', analyst: 'analist' }[user.role] || user.role;
}

function showLogin(message) {
  session.user = null;
  $('who').hidden = true;
  $('dashboard-view').hidden = true;
  $('login-view').hidden = false;
  const error = $('login-error');
  error.hidden = !message;
  error.textContent = message || '';
  $('login-name').focus();
}

function setStatus(text, isError = false) {
  const el = $('status');
  el.textContent = text;
  el.classList.toggle('error', isError);
}

async function showDashboard(user) {
  session.user = user;
  const municipality = ownMunicipality(user);
  let periods = null;
  try {
    periods = await api.periods();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return showLogin();
  }
  // Filters first (a municipality account's locked to its municipality), then the page.
  initFilters(periods, refresh);
  lockMunicipality(municipality);
  // The privacy sentence itself comes with every answer (the server's disclosure layer).
  scopePrefix = municipality ? `U ziet alleen de cijfers van gemeente ${municipality}. ` : '';
  $('scope-note').textContent = scopePrefix;
  $('login-view').hidden = true;
  $('who').hidden = false;
  $('who-name').textContent = user.name || '';
  $('who-role').textContent = roleLabel(user);
  $('dashboard-view').hidden = false;
  await refresh();
}

function handleError(e) {
  if (e instanceof ApiError && e.status === 401) {
    showLogin('Uw sessie is verlopen. Log opnieuw in.');
    return;
  }
  setStatus(e.message || 'Er ging iets mis.', true);
}

async function refresh() {
  const filters = filterState();
  if (!filters.from || !filters.to) return;
  if (filters.from > filters.to) {
    setStatus('De begindatum ligt na de einddatum.', true);
    return;
  }
  const mine = ++generation;
  setStatus('Cijfers laden…');
  document.body.setAttribute('aria-busy', 'true');
  try {
    const previous = previousPeriod(filters);
    const [doc, before] = await Promise.all([
      api.indicators(filters),
      api.indicators(previous).catch(() => null),
    ]);
    if (mine !== generation) return;
    learnOptions(doc);
    $('scope-note').textContent = scopePrefix + (doc.privacy || '');
    renderTiles($('tiles'), doc, before, (id) => openDetail(id, filterState()));
    renderTrends(filters, doc);
    // The scope the tiles show, for anyone (tests, scripts) waiting for a reload to finish.
    $('tiles').dataset.loaded = scopeQuery(filters);
    const count = Object.keys(doc.indicators).length;
    setStatus(`${count} indicatoren voor ${filters.from} tot en met ${filters.to}.`);
  } catch (e) {
    if (mine === generation) handleError(e);
  } finally {
    if (mine === generation) document.body.removeAttribute('aria-busy');
  }
}

function renderTrends(filters, doc) {
  shown = { filters, doc };
  const box = $('trends');
  box.replaceChildren();
  for (const trend of TRENDS) {
    if (!doc.indicators[trend.id]) continue;
    const card = document.createElement('figure');
    card.className = 'card trend';
    card.dataset.testid = `trend-${trend.id}`;
    // The chart carries its own title; the caption names it for screen readers and opens the
    // drill-down.
    const caption = document.createElement('figcaption');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link';
    button.textContent = 'Details';
    button.setAttribute('aria-label', `Details: ${trend.title}`);
    button.addEventListener('click', () => openDetail(trend.id, filterState()));
    caption.append(button);
    const chart = document.createElement('div');
    chart.className = 'chart';
    card.append(chart, caption);
    box.append(card);
    loadChart(chart, trend.id, filters, { kind: trend.kind }, 190).catch(handleError);
  }
}

// Charts are drawn at their box's width: draw the trends again when the width changes.
let resizeTimer = 0;
let drawnWidth = window.innerWidth;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if (!shown || Math.abs(window.innerWidth - drawnWidth) < 40) return;
    drawnWidth = window.innerWidth;
    renderTrends(shown.filters, shown.doc);
  }, 250);
});

async function start() {
  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = $('login-name').value.trim();
    const password = $('login-password').value;
    if (!name || !password) {
      showLogin('Vul uw gebruikersnaam en wachtwoord in.');
      return;
    }
    $('login-submit').disabled = true;
    try {
      await api.login(name, password);
      $('login-password').value = '';
      const user = await api.me().catch(() => ({ name }));
      await showDashboard(user);
    } catch (e) {
      const message = e instanceof ApiError && e.status === 401
        ? 'Gebruikersnaam of wachtwoord klopt niet.'
        : e.message;
      showLogin(message);
    } finally {
      $('login-submit').disabled = false;
    }
  });
  $('logout').addEventListener('click', async () => {
    closeDetail();
    await api.logout().catch(() => {});
    $('tiles').replaceChildren();
    $('trends').replaceChildren();
    showLogin();
  });
  $('detail-close').addEventListener('click', closeDetail);
  try {
    await showDashboard(await api.me());
  } catch {
    showLogin();
  }
}

start();
