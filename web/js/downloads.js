// Download links: an indicator as CSV or Excel, a chart as SVG or PNG, every figure as flat rows
// for Excel and Power BI. Each is the API's own answer for the caller's role (same suppression
// and audit as the page). A kind of download is offered once the server has answered one with
// 200; a server that does not know it yet (400 or 404) gets no link.
import { links } from './api.js';

const offered = new Map();  // kind -> Promise<boolean>

function supports(kind, url) {
  if (!offered.has(kind)) {
    const probe = fetch(url, { method: 'HEAD', credentials: 'same-origin' })
      .then((r) => {
        if (r.ok) return true;
        if (r.status !== 400 && r.status !== 404) offered.delete(kind);  // ask again later
        return false;
      })
      .catch(() => {
        offered.delete(kind);
        return false;
      });
    offered.set(kind, probe);
  }
  return offered.get(kind);
}

function link(href, text, name, what) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  a.className = 'download';
  a.setAttribute('download', name);
  a.setAttribute('aria-label', `${text} downloaden: ${what}`);
  a.dataset.testid = `download-${text.toLowerCase()}`;
  return a;
}

const fileName = (id, filters, ext) => `${id}_${filters.from}_${filters.to}${filters.municipality ? `_${filters.municipality}` : ''}.${ext}`;

// A row of links "Downloaden: CSV · Excel" for one indicator (and "SVG · PNG" for its chart when
// `chart` gives the chart's options), added to `box` once the server offers them.
export async function addDownloads(box, id, title, filters, chart) {
  const items = [];
  if (await supports('csv', links.indicator(id, filters, 'csv'))) {
    items.push(link(links.indicator(id, filters, 'csv'), 'CSV', fileName(id, filters, 'csv'), `tabel ${title}`));
    items.push(link(links.indicator(id, filters, 'xlsx'), 'Excel', fileName(id, filters, 'xlsx'), `tabel ${title}`));
  }
  if (chart && (await supports('svg', links.chart(id, filters, chart, 'svg')))) {
    items.push(link(links.chart(id, filters, chart, 'svg'), 'SVG', fileName(id, filters, 'svg'), `grafiek ${title}`));
    items.push(link(links.chart(id, filters, chart, 'png'), 'PNG', fileName(id, filters, 'png'), `grafiek ${title}`));
  }
  if (!items.length) return;
  const row = document.createElement('p');
  row.className = 'downloads';
  row.append('Downloaden: ');
  items.forEach((a, i) => row.append(...(i ? [' · ', a] : [a])));
  box.replaceChildren(row);
}

// The "Gegevens voor Excel/Power BI" link of the filter bar, shown when the server offers rows.
export async function showRowsLink(anchor, filters) {
  const href = links.rows(filters);
  anchor.href = href;
  anchor.setAttribute('download', `regiekamer_${filters.from}_${filters.to}.csv`);
  anchor.hidden = !(await supports('rows', href));
}
