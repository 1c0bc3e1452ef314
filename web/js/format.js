// Dutch display of figures: numbers with their unit, and norms. The words (statuses, parts,
// dimensions, names of codes) come from the server's `labels` (labels.js).
// Figures arrive at full precision; rounding happens here, for display only.

const nf0 = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const nf1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const nf2 = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const euro = new Intl.NumberFormat('nl-NL', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});

export const SUPPRESSED_TEXT = 'afgeschermd';

// A figure as shown: "<5" and suppressed cells stay recognisable as such.
export function formatValue(value, unit, { suppressed = false } = {}) {
  if (value === '<5') return '<5';
  if (value === null || value === undefined || Number.isNaN(value)) {
    return suppressed ? SUPPRESSED_TEXT : '–';
  }
  if (typeof value !== 'number') return String(value);
  switch (unit) {
    case 'percent':
      return `${nf1.format(value)}%`;
    case 'euro':
      return euro.format(value);
    case 'days':
      return `${nf0.format(value)} d`;
    case 'grade':
    case 'score':
    case 'fte':
      return nf1.format(value);
    case 'count':
      return nf0.format(value);
    default:
      return nf2.format(value);
  }
}

// The exact number, for tooltips and tables.
export function formatExact(value) {
  if (value === '<5') return '<5';
  if (value === null || value === undefined) return '–';
  if (typeof value !== 'number') return String(value);
  return new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 6 }).format(value);
}

export function formatNorm(norm, unit) {
  if (!norm) return '';
  const op = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '==': '=' }[norm.op] || norm.op;
  let text = `norm ${op} ${formatValue(norm.target, unit)}`;
  if (norm.tolerance) text += ` (marge ${formatValue(norm.tolerance, unit === 'percent' ? 'number' : unit)})`;
  return text;
}

