// Dutch display of figures: numbers, units, statuses, norms and the names of dimensions.
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

export const STATUS_LABEL = {
  green: 'op norm',
  yellow: 'binnen marge',
  red: 'onder norm',
  none: 'geen oordeel',
};

export function formatNorm(norm, unit) {
  if (!norm) return '';
  const op = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '==': '=' }[norm.op] || norm.op;
  let text = `norm ${op} ${formatValue(norm.target, unit)}`;
  if (norm.tolerance) text += ` (marge ${formatValue(norm.tolerance, unit === 'percent' ? 'number' : unit)})`;
  return text;
}

const PART_LABEL = {
  median: 'mediaan',
  p90: '90e percentiel',
  yes: 'ja',
  partly: 'deels',
  no: 'nee',
  opened: 'geopend',
  completed: 'ingevuld',
  care: 'zorg',
  total: 'totaal',
  costs: 'kosten',
  costs_to_date: 'kosten tot nu',
  income: 'inkomsten',
  result: 'resultaat',
};
export const partLabel = (key) => PART_LABEL[key] || key;

const DIMENSION_LABEL = {
  municipality: 'Gemeente',
  area: 'Gebied',
  quadrant: 'Kwadrant',
  provider: 'Aanbieder',
  referrer: 'Verwijzer',
  kind: 'Soort',
  ggz: 'GGZ',
  end_reason: 'Reden einde',
  category: 'Categorie',
  case_type: 'Soort dossier',
  director: 'Regie',
  gp_practice: 'Huisartsenpraktijk',
  status: 'Status',
  period: 'Periode',
};
export const dimensionLabel = (key) =>
  key
    .split('/')
    .map((k) => DIMENSION_LABEL[k] || k)
    .join(' / ');

// Family of an indicator id, for grouping tiles under a heading.
const FAMILY_LABEL = {
  clients: 'Cliënten',
  requests: 'Zorgvragen',
  flow: 'Doorlooptijden',
  waitlist: 'Wachtlijst',
  care: 'Zorg',
  outcome: 'Resultaat van de zorg',
  family_plan: 'Gezinsplannen',
  satisfaction: 'Tevredenheid cliënten',
  complaints: 'Klachten',
  finance: 'Financiën',
  staff: 'Medewerkers',
  staffing: 'Medewerkers',
  manual: 'Handmatig aangeleverd',
  projects: 'Projecten',
};
export function familyOf(id) {
  const family = id.split('.')[0];
  return { key: family === 'staffing' ? 'staff' : family, label: FAMILY_LABEL[family] || family };
}
