// Charts are drawn by the server with the report's chart module (GET /api/charts/{id}), so the
// report and the dashboard show the same pictures; the page inserts the SVG and adds tooltips.
import { api } from './api.js';
import { attachTooltips } from './tooltip.js';

function parseSvg(text) {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = doc.documentElement;
  if (!svg || svg.nodeName !== 'svg') return null;
  // Only drawing: no scripts, no event handler attributes.
  for (const node of svg.querySelectorAll('script, foreignObject')) node.remove();
  for (const node of [svg, ...svg.querySelectorAll('*')]) {
    for (const attr of [...node.attributes]) if (attr.name.startsWith('on')) node.removeAttribute(attr.name);
  }
  return document.importNode(svg, true);
}

// Draws the chart at the box's own width, so its text keeps its size.
// `fallback`: options to draw with instead when the server refuses these (400), e.g. history
// options a server does not know.
export async function loadChart(container, id, filters, options, height = 260, fallback = null) {
  const width = Math.min(2000, Math.max(160, Math.round(container.clientWidth || 640)));
  container.classList.add('loading');
  container.textContent = 'Grafiek laden…';
  try {
    const text = await api.chart(id, filters, { ...options, width, height });
    const svg = parseSvg(text);
    if (!svg) {
      container.textContent = 'Geen grafiek beschikbaar.';
      return;
    }
    svg.setAttribute('role', 'img');
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    container.replaceChildren(svg);
    attachTooltips(container);
  } catch (e) {
    if (e.status === 400 && fallback) return await loadChart(container, id, fallback.filters, fallback.options, height);
    container.textContent = e.status === 404 || e.status === 400 ? 'Geen grafiek voor deze keuze.' : 'Grafiek niet beschikbaar.';
    if (e.status === 401) throw e;
  } finally {
    container.classList.remove('loading');
  }
}
