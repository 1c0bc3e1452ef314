// Browser test of the dashboard in headless Chromium (playwright-core). Run by
// tests/scripts/dashboard.sh, which starts `regiekamer serve` on a demo store and writes the
// expected figures with `regiekamer kpi --format json` (an independent path) into RK_EXPECT_DIR.
// Exit code 0 when every check passed, 1 otherwise.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.RK_URL;
const expectDir = process.env.RK_EXPECT_DIR;
const shotDir = process.env.RK_SHOT_DIR;
const password = process.env.RK_PASSWORD;
const from = '2020-01-01';
const to = '2020-12-31';
const expected = (name) => JSON.parse(fs.readFileSync(path.join(expectDir, `${name}.json`), 'utf8')).indicators;

let checks = 0;
function ok(what) {
  checks += 1;
  console.log(`ok: ${what}`);
}
function check(condition, what) {
  if (!condition) throw new Error(what);
  ok(what);
}

// A shown Dutch figure ("2.901", "93,2%", "€ 1.234") as a number.
const shownNumber = (text) => Number(text.replace(/[^\d,-]/g, '').replace(',', '.'));

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rk-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.RK_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=nl-NL'],
  viewport: { width: 1366, height: 768 },
  locale: 'nl-NL',
});
const page = context.pages()[0] || (await context.newPage());
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
// Nothing may come from the network but the server under test.
await page.route('**/*', (route) => {
  const url = route.request().url();
  if (url.startsWith(base) || url.startsWith('data:')) return route.continue();
  pageErrors.push(`request outside the server: ${url}`);
  return route.abort();
});

async function login(name) {
  await page.goto(base);
  await page.waitForSelector('#login-form', { state: 'visible' });
  await page.fill('#login-name', name);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
  await page.waitForSelector('#dashboard-view', { state: 'visible' });
}

// Sets the period (and optionally the municipality) and waits until the tiles show that scope.
async function show(scope) {
  await page.fill('#f-from', from);
  await page.dispatchEvent('#f-from', 'change');
  await page.fill('#f-to', to);
  await page.dispatchEvent('#f-to', 'change');
  if (scope.municipality !== undefined && !(await page.isDisabled('#f-municipality'))) {
    await page.selectOption('#f-municipality', scope.municipality);
  }
  const params = new URLSearchParams({ from, to });
  if (scope.municipality) params.set('municipality', scope.municipality);
  await page.waitForSelector(`#tiles[data-loaded="${params.toString()}"] .tile`, { timeout: 15000 });
}

async function tileNumber(id) {
  return shownNumber(await page.textContent(`[data-testid="tile-${id}"] [data-testid="tile-value"]`));
}

async function tileMatches(id, indicators, label) {
  const shown = await tileNumber(id);
  const want = indicators[id].value;
  const close = indicators[id].unit === 'percent' ? Math.abs(shown - want) < 0.05 : shown === Math.round(want);
  check(close, `${label}: tile ${id} shows ${shown}, kpi json says ${want}`);
  return shown;
}

async function openDetail(id) {
  await page.click(`[data-testid="tile-${id}"]`);
  await page.waitForSelector('#detail[open] table.breakdown');
}

async function closeDetail() {
  await page.click('#detail-close');
  await page.waitForSelector('#detail', { state: 'hidden' });
}

async function shoot(name, width, height) {
  if (!shotDir) return;
  await page.setViewportSize({ width, height });
  await page.waitForTimeout(300);  // the page redraws its charts at the new width
  await page.waitForFunction(() => !document.querySelector('#trends .chart.loading'), null,
    { timeout: 10000 }).catch(() => {});
  await page.screenshot({ path: path.join(shotDir, `${name}.png`) });
}

let exitCode = 1;
try {
  // --- analyst -------------------------------------------------------------------------------
  const all = expected('analyst');
  const landgraaf = expected('analyst-GM0882');
  await page.goto(base);
  const anonymous = await page.request.get(`${base}api/indicators?from=${from}&to=${to}`);
  check(anonymous.status() === 401, `API without login answers 401 (got ${anonymous.status()})`);

  await login('analist');
  check((await page.textContent('#who-name')).includes('analist'), 'header shows the user');
  check((await page.textContent('#who-role')).length > 0, 'header shows the role');
  await show({ municipality: '' });
  const tiles = await page.locator('.tile').count();
  check(tiles >= 20, `${tiles} tiles shown`);
  const total = await tileMatches('clients.total', all, 'all municipalities');
  await tileMatches('requests.new', all, 'all municipalities');
  await tileMatches('flow.intake_5wd', all, 'all municipalities');
  const status = all['flow.intake_5wd'].status;
  check(await page.locator(`[data-testid="tile-flow.intake_5wd"].status-${status}`).count() === 1,
    `tile flow.intake_5wd has status colour ${status}`);
  await page.waitForFunction(() => document.querySelectorAll('#trends figure .chart > svg').length === 4,
    null, { timeout: 15000 }).catch(() => {});
  const trendCharts = await page.locator('#trends figure .chart > svg').count();
  const trendMarks = await page.locator('#trends svg [data-key][data-value]').count();
  check(trendCharts === 4 && trendMarks > 12,
    `four trend charts drawn (${trendCharts}, ${trendMarks} marks; ${await page.textContent('#trends')})`);
  await shoot('laptop', 1366, 768);
  await shoot('tablet', 768, 1024);
  await page.setViewportSize({ width: 1366, height: 768 });

  await show({ municipality: 'GM0882' });
  const scoped = await tileMatches('clients.total', landgraaf, 'GM0882');
  check(scoped !== total, `the figure changes with the municipality filter (${total} -> ${scoped})`);
  await tileMatches('requests.new', landgraaf, 'GM0882');

  // Drill-down: chart with tooltips and breakdown tables.
  await openDetail('requests.new');
  await page.waitForSelector('#detail [data-testid="detail-chart"] svg [data-key]');
  const mark = page.locator('#detail [data-testid="detail-chart"] svg [data-key]').first();
  const key = await mark.getAttribute('data-key');
  await mark.hover();
  await page.waitForSelector('#tooltip:not([hidden])');
  const tip = await page.textContent('#tooltip');
  const point = landgraaf['requests.new'].series.find((p) => p.key === key);
  // The tooltip names the point as a reader knows it ("juli 2020"), from the answer's labels.
  const keyLabel = landgraaf.labels.periods[key];
  check(point && keyLabel && tip.includes(keyLabel) &&
      shownNumber(tip.slice(tip.indexOf(':') + 1)) === point.value,
    `tooltip "${tip}" gives the exact figure of ${keyLabel} (${point && point.value})`);
  await mark.focus();
  check(!(await page.isHidden('#tooltip')), 'tooltip also on keyboard focus');
  const areaCells = landgraaf['requests.new'].breakdown.area;
  const [areaKey, areaValue] = Object.entries(areaCells)[0];
  const cell = await page.textContent(`#detail table[data-dimension="area"] td[data-key="${areaKey}"]`);
  check(shownNumber(cell) === areaValue, `breakdown cell ${areaKey} shows ${cell}, kpi json ${areaValue}`);
  await shoot('laptop-detail', 1366, 768);
  await closeDetail();

  // Log out: the page returns to the login form and the API refuses the old session.
  await page.click('#logout');
  await page.waitForSelector('#login-form', { state: 'visible' });
  const after = await page.request.get(`${base}api/indicators?from=${from}&to=${to}`);
  check(after.status() === 401, `after logout the API answers 401 (got ${after.status()})`);

  // --- municipality user -----------------------------------------------------------------------
  const heerlen = expected('municipality-GM0917');
  await login('heerlen');
  check(await page.isDisabled('#f-municipality'), 'municipality filter locked');
  const options = await page.locator('#f-municipality option').allTextContents();
  check(options.length === 1 && options[0] === 'GM0917', `only its own municipality offered (${options})`);
  await show({ municipality: 'GM0917' });
  await tileMatches('clients.total', heerlen, 'municipality user');
  await tileMatches('requests.new', heerlen, 'municipality user');
  const tileTexts = (await page.locator('#tiles').textContent()) || '';
  check(!tileTexts.includes('GM0882') && !tileTexts.includes('GM0986'), 'no other municipality on the page');

  // Small numbers: "<5" cells of the waiting list appear as such.
  const small = Object.values(heerlen['waitlist.count'].breakdown.provider).filter((v) => v === '<5').length;
  await openDetail('waitlist.count');
  const shownSmall = await page.locator('#detail table[data-dimension="provider"] td', { hasText: '<5' }).count();
  check(small > 0 && shownSmall === small, `${shownSmall} "<5" provider cells shown, kpi json has ${small}`);
  await closeDetail();
  const hidden = Object.values(heerlen['waitlist.change'].breakdown.provider).filter((v) => v && v.suppressed).length;
  if (hidden > 0) {
    await openDetail('waitlist.change');
    const shownHidden = await page.locator('#detail table[data-dimension="provider"] td', { hasText: 'afgeschermd' }).count();
    check(shownHidden === hidden, `${shownHidden} suppressed provider cells shown as such, kpi json has ${hidden}`);
    await closeDetail();
  }
  await shoot('tablet-municipality', 768, 1024);

  // Another municipality through the API (with this session): 403.
  for (const p of ['api/indicators', 'api/indicators/clients.total', 'api/charts/clients.monthly']) {
    const other = await page.request.get(`${base}${p}?from=${from}&to=${to}&municipality=GM0882`);
    check(other.status() === 403, `${p} for GM0882 as the GM0917 user answers 403 (got ${other.status()})`);
  }
  await page.click('#logout');
  await page.waitForSelector('#login-form', { state: 'visible' });

  check(pageErrors.length === 0, `no script errors or outside requests (${pageErrors.join('; ')})`);
  console.log(`${checks} checks passed`);
  exitCode = 0;
} catch (e) {
  console.error(`FAIL: ${e.message}`);
  if (shotDir) await page.screenshot({ path: path.join(shotDir, 'failure.png') }).catch(() => {});
} finally {
  await context.close().catch(() => {});
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(exitCode);
