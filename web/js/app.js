// The dashboard: login, filters kept in the address, insights, trend charts with history, KPI
// tiles, the drill-down of one indicator, entry of figures by hand, the comparison of
// municipalities and the social map.
import { api, ApiError, forgetKept, scopeQuery, serverHas } from './api.js';
import {
  addressOf, filterState, filtersFromAddress, historyWindow, initFilters, learnOptions,
  lockMunicipality, previousPeriod, setFilters,
} from './filters.js';
import { renderTiles } from './tiles.js';
import { openDetail, closeDetail } from './detail.js';
import { loadChart } from './charts.js';
import { addDownloads, showRowsLink } from './downloads.js';
import { label, learnLabels } from './labels.js';
import { showInsights } from './insights.js';
import { initEntry, prepareEntry } from './entry.js';
import { showCompare } from './compare.js';
import { showSocialMap } from './socialmap.js';

const $ = (id) => document.getElementById(id);

// The trend charts; each shows the chosen period inside the 24 months before it, with the year
// before as a second series.
const TRENDS = [
  { id: 'clients.monthly', kind: 'line' },
  { id: 'requests.new', kind: 'bar' },
  { id: 'waitlist.quarterly', kind: 'bar' },
  { id: 'flow.weekly_intake', kind: 'line' },
];
const VIEWS = { '': 'view-dashboard', vergelijken: 'view-compare', 'sociale-kaart': 'view-socialmap' };

const session = { user: null, canEnter: false };
let generation = 0;
let scopePrefix = '';  // "U ziet alleen de cijfers van gemeente …" for a municipality account
let shown = null;  // {filters, history, doc} of the trends on the page, to redraw them at a new width

const ownMunicipality = (user) => user.municipality || '';
const isAnalyst = (user) => user && (user.role === 'analyst' || user.role === 'admin');

// The page's own parameters in the address besides the filters.
function viewState() {
  const params = new URLSearchParams(window.location.search);
  const view = params.get('view') || '';
  return { view: view in VIEWS ? view : '', indicator: params.get('indicator') || '' };
}

function roleLabel(user) {
  const municipality = ownMunicipality(user);
  if (municipality) return `gemeente ${label.code('municipality', municipality)}`;
  return { admin: 'beheerder', analyst: 'analist' }[user.role] || user.role;
}

function showLogin(message) {
  session.user = null;
  $('who').hidden = true;
  $('views').hidden = true;
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
  const entry = isAnalyst(user) ? serverHas('/api/measurements') : Promise.resolve(false);
  try {
    periods = await api.periods();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return showLogin();
  }
  // Filters first (a municipality account's locked to its municipality), then the page.
  initFilters(periods, () => refresh({ push: true }));
  lockMunicipality(municipality);
  session.canEnter = entry;  // a promise: the form waits for it, the figures do not
  $('nav-compare').hidden = !isAnalyst(user);
  // The privacy sentence itself comes with every answer (the server's disclosure layer).
  scopePrefix = municipality ? `U ziet alleen de cijfers van gemeente ${municipality}. ` : '';
  $('scope-note').textContent = scopePrefix;
  $('login-view').hidden = true;
  $('who').hidden = false;
  $('views').hidden = false;
  $('who-name').textContent = user.name || '';
  $('who-role').textContent = roleLabel(user);
  $('dashboard-view').hidden = false;
  await refresh({ push: false });
}

function handleError(e) {
  if (e instanceof ApiError && e.status === 401) {
    showLogin('Uw sessie is verlopen. Log opnieuw in.');
    return;
  }
  setStatus(e.message || 'Er ging iets mis.', true);
}

// Writes the view into the address: a new entry for a choice, the same entry when following one.
function remember(filters, push) {
  const { view, indicator } = viewState();
  const address = addressOf(filters, { view, indicator: view === 'vergelijken' ? indicator : '' });
  if (address === `${window.location.pathname}${window.location.search}`) return;
  if (push) window.history.pushState(null, '', address);
  else window.history.replaceState(null, '', address);
}

function goTo(view, extra = {}) {
  const address = addressOf(filterState(), { view, ...extra });
  window.history.pushState(null, '', address);
  refresh({ push: false });
}

async function refresh({ push }) {
  const filters = filterState();
  if (!filters.from || !filters.to) return;
  if (filters.from > filters.to) {
    setStatus('De begindatum ligt na de einddatum.', true);
    return;
  }
  remember(filters, push);
  const { view, indicator } = viewState();
  for (const [name, id] of Object.entries(VIEWS)) $(id).hidden = name !== view;
  for (const a of $('views').querySelectorAll('a')) {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
    a.href = addressOf(filters, { view: a.dataset.view });
  }
  $('print-scope').textContent = printScope(filters);
  const mine = ++generation;
  setStatus('Cijfers laden…');
  document.body.setAttribute('aria-busy', 'true');
  try {
    if (view === 'vergelijken' && isAnalyst(session.user)) {
      await showCompare(filters, indicator, (id) => goTo('vergelijken', { indicator: id }));
    } else if (view === 'sociale-kaart') {
      await showSocialMap(filters, (area) => {
        setFilters({ ...filterState(), area });
        refresh({ push: true });
      });
    } else {
      await showFigures(filters, mine);
    }
    if (mine === generation) setStatus(`Cijfers voor ${filters.from} tot en met ${filters.to}.`);
  } catch (e) {
    if (mine === generation) handleError(e);
  } finally {
    if (mine === generation) document.body.removeAttribute('aria-busy');
  }
}

function printScope(filters) {
  const parts = [`Periode ${filters.from} tot en met ${filters.to}`];
  for (const dimension of ['municipality', 'area', 'quadrant', 'provider']) {
    if (filters[dimension]) parts.push(`${label.dimension(dimension)}: ${label.code(dimension, filters[dimension])}`);
  }
  return parts.join(' · ');
}

async function showFigures(filters, mine) {
  const history = historyWindow(filters);
  // The tiles show their figures as soon as the period's document is there; the change arrows
  // and sparklines follow with the previous period and the history window, asked after it so
  // that reading them does not hold up the first figures.
  const doc = await api.indicators(filters);
  if (mine !== generation) return;
  learnLabels(doc);
  learnOptions(doc);
  $('print-scope').textContent = printScope(filters);
  $('who-role').textContent = roleLabel(session.user);
  const own = ownMunicipality(session.user);
  scopePrefix = own ? `U ziet alleen de cijfers van gemeente ${label.code('municipality', own)}. ` : '';
  $('scope-note').textContent = scopePrefix + (doc.privacy || '');
  renderLegend();
  const open = (id) => openDetail(id, filterState());
  renderTiles($('tiles'), doc, { to: filters.to }, open);
  performance.mark('rk-figures');  // the tiles show figures (bench/dashboard_paint.sh reads it)
  renderTrends(filters, history, doc);
  const [before, pastDoc] = await Promise.all([
    api.indicators(previousPeriod(filters)).catch(() => null),
    api.history(history).catch(() => null),
  ]);
  if (mine !== generation) return;
  learnLabels(pastDoc);
  learnLabels(before);
  learnLabels(doc);  // the period's own words win
  renderTiles($('tiles'), doc, { before, history: pastDoc, to: filters.to }, open);
  // The scope the tiles show, complete, for anyone (tests, scripts) waiting for a reload.
  $('tiles').dataset.loaded = scopeQuery(filters);
  showInsights(filters, () => mine === generation).catch(handleError);
  showRowsLink($('rows-link'), filters);
  prepareEntry(doc, await session.canEnter);
}

function renderLegend() {
  const legend = $('legend');
  const badges = ['green', 'yellow', 'red', 'none'].map((status) => {
    const badge = document.createElement('span');
    badge.className = `badge ${status}`;
    badge.textContent = label.status(status);
    return badge;
  });
  legend.replaceChildren(...badges, ' · kies een tegel voor grafiek, uitsplitsing en downloads');
}

function renderTrends(filters, history, doc) {
  shown = { filters, history, doc };
  const box = $('trends');
  box.replaceChildren();
  for (const trend of TRENDS) {
    if (!doc.indicators[trend.id]) continue;
    const title = doc.indicators[trend.id].title || trend.id;
    const card = document.createElement('figure');
    card.className = 'card trend';
    card.dataset.testid = `trend-${trend.id}`;
    // The chart carries its own title; the caption names it for screen readers and opens the
    // drill-down.
    const caption = document.createElement('figcaption');
    const downloads = document.createElement('span');
    downloads.className = 'trend-downloads';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link';
    button.textContent = 'Details';
    button.setAttribute('aria-label', `Details: ${title}`);
    button.addEventListener('click', () => openDetail(trend.id, filterState()));
    caption.append(downloads, button);
    const chart = document.createElement('div');
    chart.className = 'chart';
    card.append(chart, caption);
    box.append(card);
    const options = { kind: trend.kind, highlight: `${filters.from}..${filters.to}`, previous: 'year' };
    loadChart(chart, trend.id, history, options, 210, { filters, options: { kind: trend.kind } }).catch(handleError);
    addDownloads(downloads, trend.id, title, history, options);
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
    renderTrends(shown.filters, shown.history, shown.doc);
  }, 250);
});

// Back and forward: the address holds the view; show it without a new entry.
window.addEventListener('popstate', () => {
  if (!session.user) return;
  const asked = filtersFromAddress();
  if (asked) setFilters(asked);
  refresh({ push: false });
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
    forgetKept();
    $('tiles').replaceChildren();
    $('trends').replaceChildren();
    showLogin();
  });
  $('detail-close').addEventListener('click', closeDetail);
  $('print').addEventListener('click', () => window.print());
  for (const a of $('views').querySelectorAll('a')) {
    a.addEventListener('click', (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      goTo(a.dataset.view);
    });
  }
  initEntry(() => {
    // The new figure: the store changed, so the page asks again (the server's answers follow
    // the new data version).
    forgetKept();
    refresh({ push: false });
  });
  try {
    await showDashboard(await api.me());
  } catch {
    showLogin();
  }
}

start();
