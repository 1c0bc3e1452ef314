// The Dutch words of the page come from the server: every /api/indicators document carries
// `labels` (dimensions, parts, statuses, units, periods, and the names of codes per dimension).
// The page keeps what it has been told and asks here for every word it shows; a key the server
// named nowhere is shown as it came.

const words = { dimensions: {}, parts: {}, statuses: {}, units: {}, periods: {}, texts: {}, codes: {} };

// Adds the labels of a document (later documents add to and replace earlier words).
export function learnLabels(doc) {
  const labels = doc && doc.labels;
  if (!labels) return;
  for (const group of ['dimensions', 'parts', 'statuses', 'units', 'periods', 'texts']) {
    Object.assign(words[group], labels[group] || {});
  }
  for (const [dimension, names] of Object.entries(labels.codes || {})) {
    words.codes[dimension] = { ...(words.codes[dimension] || {}), ...names };
  }
}

// The codes of a dimension the server has named so far: {code: name}.
export const namedCodes = (dimension) => words.codes[dimension] || {};

export const label = {
  // "item/year" -> "onderwerp / jaar"
  dimension: (key) => key.split('/').map((k) => words.dimensions[k] || k).join(' / '),
  part: (key) => words.parts[key] || key,
  status: (key) => words.statuses[key] || key,
  unit: (key) => words.units[key] || key,
  period: (key) => words.periods[key] || key,
  text: (key) => words.texts[key] || key,
  code: (dimension, key) => {
    const names = words.codes[dimension];
    if (names && names[key]) return names[key];
    return words.periods[key] || key;
  },
};

// Dutch alphabetical order of names (one collator: building one per comparison is slow).
const collator = new Intl.Collator('nl');
export const byDutchName = (a, b) => collator.compare(a, b);
