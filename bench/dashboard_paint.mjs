// First paint of the dashboard after login (issue 14, acceptance 5), in headless Chromium
// (playwright-core from tests/browser): for each run a fresh browser context logs in through the
// form and the time is taken from the click on "Inloggen" until the tiles show figures (the
// page's performance mark `rk-figures`; also from the login's answer, without the password check)
// and until the four trend charts are drawn; then the page
// is loaded again with the session (first contentful paint and `rk-figures` from navigation
// start). The first run meets the server's cache cold (unless it was warmed), the others warm.
// Prints one line per run and a summary as JSON on the last line.
//   RK_URL, RK_NAME, RK_PASSWORD, RK_FROM, RK_TO, RK_RUNS (default 6), RK_CHROMIUM
// playwright-core as installed for the browser tests (tests/browser, npm ci).
const { chromium } = await import(new URL('../tests/browser/node_modules/playwright-core/index.mjs', import.meta.url));

const base = process.env.RK_URL;
const query = `?from=${process.env.RK_FROM}&to=${process.env.RK_TO}`;
const runs = Number(process.env.RK_RUNS || 6);
const browser = await chromium.launch({
  executablePath: process.env.RK_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

const mark = (page) => page.evaluate(() => {
  const m = performance.getEntriesByName('rk-figures');
  return m.length ? m[m.length - 1].startTime : null;
});

async function once(run) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-NL' });
  const page = await context.newPage();
  await page.goto(`${base}${query}`);
  await page.waitForSelector('#login-form', { state: 'visible' });
  await page.fill('#login-name', process.env.RK_NAME);
  await page.fill('#login-password', process.env.RK_PASSWORD);
  const clicked = await page.evaluate(() => performance.now());
  await page.click('#login-submit');
  await page.waitForSelector('#tiles[data-loaded] .tile', { timeout: 60000 });
  const figures = (await mark(page)) - clicked;
  // The login itself (Argon2id, deliberately slow) ends when its answer arrives.
  const loggedIn = await page.evaluate(() => performance.getEntriesByType('resource')
    .find((e) => e.name.endsWith('/api/login')).responseEnd);
  const afterLogin = (await mark(page)) - loggedIn;
  await page.waitForFunction(() => document.querySelectorAll('#trends figure .chart > svg').length === 4, null, { timeout: 60000 });
  const charts = (await page.evaluate(() => performance.now())) - clicked;
  // The same view opened again with the session: a copied link, or the page after a reload.
  await page.reload();
  await page.waitForSelector('#tiles[data-loaded] .tile', { timeout: 60000 });
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
  const reload = await mark(page);
  await context.close();
  const row = { run, login_to_figures_ms: Math.round(figures), after_login_to_figures_ms: Math.round(afterLogin), login_to_charts_ms: Math.round(charts),
    reload_fcp_ms: Math.round(fcp), reload_to_figures_ms: Math.round(reload) };
  console.log(JSON.stringify(row));
  return row;
}

const rows = [];
for (let run = 1; run <= runs; run++) rows.push(await once(run));
await browser.close();
const warm = rows.slice(1);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const summary = {};
for (const key of ['login_to_figures_ms', 'after_login_to_figures_ms', 'login_to_charts_ms', 'reload_fcp_ms', 'reload_to_figures_ms']) {
  summary[key] = { first: rows[0][key], warm_median: median(warm.map((r) => r[key])), warm_max: Math.max(...warm.map((r) => r[key])) };
}
console.log(JSON.stringify(summary));
