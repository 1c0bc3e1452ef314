// Tooltips for the charts drawn by the server (the report's chart module): every data mark
// carries data-key, data-label (its name) and data-value (and data-series when there are several); on hover or focus a
// tooltip shows the exact number.
import { formatExact } from './format.js';

const tip = () => document.getElementById('tooltip');

function textFor(mark) {
  // The category's name (data-label) where the chart gives one, else its key.
  const key = mark.getAttribute('data-label') || mark.getAttribute('data-key');
  const raw = mark.getAttribute('data-value');
  // A gap ("<5", suppressed) has no value: its title says what it is.
  const title = mark.querySelector('title');
  if (raw === null && title) return title.textContent;
  const series = mark.getAttribute('data-series');
  const number = raw !== null && raw !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
  const label = series ? `${series} · ${key}` : key;
  return `${label}: ${formatExact(number)}`;
}

function show(mark) {
  const el = tip();
  // A modal dialog sits in the top layer: the tooltip must live inside it to be seen.
  const host = mark.closest('dialog') || document.body;
  if (el.parentElement !== host) host.append(el);
  el.textContent = textFor(mark);
  el.hidden = false;
  const box = mark.getBoundingClientRect();
  const width = el.offsetWidth;
  const left = Math.min(
    Math.max(4, box.left + box.width / 2 - width / 2),
    document.documentElement.clientWidth - width - 4,
  );
  const top = box.top - el.offsetHeight - 8;
  el.style.left = `${left}px`;
  el.style.top = `${top < 4 ? box.bottom + 8 : top}px`;
  mark.classList.add('active');
}

function hide(mark) {
  tip().hidden = true;
  if (mark) mark.classList.remove('active');
}

// Makes the marks inside `container` reachable by keyboard and shows their tooltip on hover/focus.
// A chart is one stop of the Tab key: its first mark; the arrow keys move between its marks.
export function attachTooltips(container) {
  const marks = [...container.querySelectorAll('[data-key]')];
  marks.forEach((mark, i) => {
    mark.setAttribute('tabindex', i === 0 ? '0' : '-1');
    mark.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (!step) return;
      event.preventDefault();
      const next = marks[(i + step + marks.length) % marks.length];
      mark.setAttribute('tabindex', '-1');
      next.setAttribute('tabindex', '0');
      next.focus();
    });
  });
  for (const mark of marks) {
    mark.setAttribute('focusable', 'true');
    if (!mark.getAttribute('aria-label')) mark.setAttribute('aria-label', textFor(mark));
    mark.addEventListener('mouseenter', () => show(mark));
    mark.addEventListener('mouseleave', () => hide(mark));
    mark.addEventListener('focus', () => show(mark));
    mark.addEventListener('blur', () => hide(mark));
  }
}
