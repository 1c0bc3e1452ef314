// Calls to the regiekamer JSON API. The session cookie travels with every same-origin request;
// state-changing calls also carry the CSRF token the server handed out at login.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let csrfToken = sessionStorage.getItem('rk-csrf') || '';

// /api/login and /api/me carry `csrf_token` for a session (not for a token call).
function rememberCsrf(body) {
  const token = body.csrf_token;
  if (token) {
    csrfToken = token;
    sessionStorage.setItem('rk-csrf', token);
  }
}

async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'De server is niet bereikbaar.');
  }
  const type = response.headers.get('Content-Type') || '';
  const payload = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) {
    const message = payload && payload.error ? payload.error : `Fout ${response.status}`;
    throw new ApiError(response.status, message);
  }
  return payload;
}

export function scopeQuery(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) params.set(k, v);
  return params.toString();
}

// Answers that do not change while the data does not: the history window of the sparklines and
// trends is asked once per scope and period.
const kept = new Map();
function once(path) {
  if (!kept.has(path)) {
    const answer = request('GET', path);
    answer.catch(() => kept.delete(path));
    kept.set(path, answer);
  }
  return kept.get(path);
}
export const forgetKept = () => kept.clear();

// Addresses of the downloads (the session cookie travels with a plain link).
export const links = {
  indicator: (id, filters, format) =>
    `/api/indicators/${encodeURIComponent(id)}?${scopeQuery(filters, { format })}`,
  chart: (id, filters, options, format) =>
    `/api/charts/${encodeURIComponent(id)}?${scopeQuery(filters, { ...options, format })}`,
  rows: (filters) => `/api/rows?${scopeQuery(filters, { format: 'csv' })}`,
};

// Whether the server answers a call at all: an unknown path is 404 whatever its parameters,
// a known one without its parameters 400. Asked once per path.
const known = new Map();
export function serverHas(path) {
  if (!known.has(path)) {
    known.set(path, fetch(path, { method: 'HEAD', credentials: 'same-origin' })
      .then((r) => r.status !== 404 && r.status !== 405)
      .catch(() => false));
  }
  return known.get(path);
}

export const api = {
  async login(name, password) {
    const body = await request('POST', '/api/login', { name, password });
    rememberCsrf(body);
    return body;
  },
  async logout() {
    try {
      await request('POST', '/api/logout', {});
    } finally {
      csrfToken = '';
      sessionStorage.removeItem('rk-csrf');
    }
  },
  async me() {
    const body = await request('GET', '/api/me');
    rememberCsrf(body);
    return body;
  },
  periods: () => request('GET', '/api/periods'),
  indicators: (filters) => request('GET', `/api/indicators?${scopeQuery(filters)}`),
  indicator: (id, filters) =>
    request('GET', `/api/indicators/${encodeURIComponent(id)}?${scopeQuery(filters)}`),
  chart: (id, filters, options) =>
    request('GET', `/api/charts/${encodeURIComponent(id)}?${scopeQuery(filters, options)}`),
  history: (filters) => once(`/api/indicators?${scopeQuery(filters)}`),
  insights: (filters) => request('GET', `/api/insights?${scopeQuery(filters)}`),
  measurements: (indicator) =>
    request('GET', `/api/measurements?${new URLSearchParams({ indicator })}`),
  addMeasurement: (row) => request('POST', '/api/measurements', row),
  socialMap: ({ municipality, area }) =>
    request('GET', `/api/social-map?${scopeQuery({ municipality, area })}`),
};
