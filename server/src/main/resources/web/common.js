// Earshot web UI, shared helpers: DOM building, the API client, formats, hash routes, tables,
// date ranges and charts. Plain DOM, no framework, no build step. Every page file is an IIFE that
// takes what it needs from window.Earshot and registers itself in Earshot.pages.
//
// Safety rule: everything from the API goes into the page as text (textContent / text nodes). The
// one exception is a search snippet, whose HTML the server escapes; even that passes through
// snippetNode(), which keeps only <em>.
'use strict';

window.Earshot = (() => {
  // ---------------------------------------------------------------- roles
  const ROLES = ['admin', 'supervisor', 'qa', 'trainer'];
  /** Which page each role may open (SPEC "Users and roles"; the server enforces it, this only shapes the nav). */
  const ACCESS = {
    dashboard: ['admin', 'supervisor'],
    live: ['admin', 'supervisor'],
    search: ROLES,
    calls: ROLES,
    qa: ROLES,
    coaching: ['admin', 'supervisor', 'trainer'],
    admin: ['admin'],
  };
  const QA_EDITORS = ['admin', 'qa'];
  const session = { username: null, role: null };
  const may = (page) => !!session.role && (ACCESS[page] || []).includes(session.role);
  const canEditQa = () => QA_EDITORS.includes(session.role);

  // ---------------------------------------------------------------- DOM
  /**
   * Builds an element. attrs: class, text, dataset keys as data-*, on* listeners, boolean/property
   * values for hidden/disabled/checked/value/selected; anything else is set as an attribute.
   * Children may be nodes, strings (inserted as text) or null/false (skipped); arrays are flattened.
   */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    let selectValue;
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false && !['checked', 'disabled', 'hidden', 'selected', 'open'].includes(k)) continue;
      if (k === 'value' && tag === 'select') { selectValue = v; continue; } // needs its options first
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else if (['hidden', 'disabled', 'checked', 'selected', 'open', 'value', 'indeterminate'].includes(k)) node[k] = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    append(node, children);
    if (selectValue !== undefined) node.value = selectValue;
    return node;
  }
  function append(node, children) {
    for (const c of children.flat(Infinity)) {
      if (c == null || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
  /** A page's skeleton from a <template id="tpl-NAME"> in index.html. */
  function template(name) {
    return document.getElementById(`tpl-${name}`).content.firstElementChild.cloneNode(true);
  }

  /**
   * A search snippet as DOM: the server escapes the text and marks matches with <em>. Anything else
   * that might slip through is reduced to its text, so no markup from a transcript can run.
   */
  function snippetNode(html) {
    const holder = document.createElement('template');
    holder.innerHTML = html;
    const out = document.createDocumentFragment();
    for (const node of holder.content.childNodes) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === 'EM') out.append(el('mark', {}, node.textContent));
      else out.append(document.createTextNode(node.textContent));
    }
    return out;
  }

  // ---------------------------------------------------------------- API
  class ApiError extends Error {
    constructor(status, error, detail) {
      super(detail || error || `HTTP ${status}`);
      this.status = status;
      this.error = error;
      this.detail = detail;
    }
  }
  const hooks = { onExpired: () => {} };

  /** Calls the API; resolves to the JSON body (null for 204), rejects with an ApiError. 401 means the session ended. */
  async function api(path, { method = 'GET', body, signal } = {}) {
    const options = { method, credentials: 'same-origin', signal, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      options.body = JSON.stringify(body);
      options.headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch(path, options);
    } catch (err) {
      if (err.name === 'AbortError') throw err;
      throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.');
    }
    if (response.status === 204) return null;
    const type = response.headers.get('Content-Type') || '';
    const data = type.includes('json') ? await response.json().catch(() => null) : null;
    if (response.status === 401 && path !== '/api/login') {
      hooks.onExpired();
      throw new ApiError(401, 'unauthorized', 'Your session expired. Please log in again.');
    }
    if (!response.ok) {
      throw new ApiError(response.status, data?.error || response.statusText, data?.detail || data?.error || response.statusText);
    }
    return data;
  }
  /** Query string from an object, leaving out empty values; arrays become repeated parameters. */
  function qs(params) {
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      for (const one of Array.isArray(v) ? v : [v]) if (one != null && one !== '') out.append(k, one);
    }
    const text = out.toString();
    return text ? `?${text}` : '';
  }

  // ---------------------------------------------------------------- messages
  const WHAT = {
    dashboard: 'view the KPI dashboard', live: 'watch the live wall', search: 'search calls', calls: 'list calls',
    qa: 'use QA reviews', coaching: 'see coaching views', admin: 'manage users or read the audit log',
  };
  /** Replaces a container's content with the access-denied message (one per page: id access-denied). */
  function denied(container, what, serverDetail) {
    document.getElementById('access-denied')?.remove();
    const box = el('div', { id: 'access-denied', class: 'denied', role: 'alert', 'data-testid': 'access-denied' },
      el('h2', { text: 'Access denied' }),
      el('p', {}, `Access denied — your role (${session.role || 'unknown'}) cannot ${what}.`),
      serverDetail ? el('p', { class: 'muted' }, serverDetail) : null,
      el('p', {}, 'Ask an administrator if you need it.'));
    // Keep the page's heading so people still see where they are.
    const head = container.querySelector(':scope > .page-head, :scope > h1');
    container.replaceChildren(...(head ? [head] : []), box);
    return box;
  }
  /** Shows an API error where it belongs: 403 as access denied in `container`, the rest as text in `errorNode`. */
  function showError(err, { container, errorNode, what }) {
    if (err?.name === 'AbortError') return;
    if (err instanceof ApiError && err.status === 401) return; // the login screen takes over
    if (err instanceof ApiError && err.status === 403 && container) { denied(container, what || 'do this', err.detail); return; }
    const text = err instanceof ApiError ? err.message : `Something went wrong: ${err?.message || err}`;
    if (errorNode) { errorNode.textContent = text; errorNode.hidden = false; } else if (container) {
      container.replaceChildren(el('p', { class: 'error', role: 'alert' }, text));
    }
    if (!(err instanceof ApiError)) console.error(err);
  }
  const loading = (text = 'Loading…') => el('p', { class: 'loading', role: 'status' }, el('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
  const empty = (text) => el('p', { class: 'empty' }, text);

  let toastTimer;
  /** A short message at the bottom of the screen (saved, copied…), also read by screen readers. */
  function toast(text) {
    const box = document.getElementById('toast');
    box.textContent = text;
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { box.hidden = true; }, 3500);
  }

  // ---------------------------------------------------------------- formats (browser locale)
  const DASH = '—';
  const locale = undefined; // the browser's
  const numberFormats = new Map();
  function nf(digits) {
    if (!numberFormats.has(digits)) {
      numberFormats.set(digits, new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
    }
    return numberFormats.get(digits);
  }
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const dateTimeSecFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const shortDateFormat = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const timeSecFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });
  const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
  const fmt = {
    DASH,
    num: (v, digits = 1) => isNum(v) ? nf(digits).format(v) : DASH,
    int: (v) => isNum(v) ? nf(0).format(Math.round(v)) : DASH,
    pct: (v, digits = 1) => isNum(v) ? `${nf(digits).format(v * 100)} %` : DASH,
    signed: (v, digits = 2) => isNum(v) ? `${v > 0 ? '+' : v < 0 ? '−' : ''}${nf(digits).format(Math.abs(v))}` : DASH,
    /** A span of time for people: "45 s", "4 min 05 s", "1 h 02 min". */
    duration(s) {
      if (!isNum(s)) return DASH;
      const t = Math.round(s);
      if (t < 60) return `${t} s`;
      if (t < 3600) return `${Math.floor(t / 60)} min ${String(t % 60).padStart(2, '0')} s`;
      return `${Math.floor(t / 3600)} h ${String(Math.floor(t % 3600 / 60)).padStart(2, '0')} min`;
    },
    /** The same, short, for tiles: "45s", "4m 05s", "1h 02m". */
    durationShort(s) {
      if (!isNum(s)) return DASH;
      const t = Math.round(s);
      if (t < 60) return `${t}s`;
      if (t < 3600) return `${Math.floor(t / 60)}m ${String(t % 60).padStart(2, '0')}s`;
      return `${Math.floor(t / 3600)}h ${String(Math.floor(t % 3600 / 60)).padStart(2, '0')}m`;
    },
    /** A position in a recording or a running timer: "1:05", "1:02:03"; with tenths when asked. */
    clock(s, tenths = false) {
      if (!isNum(s)) return DASH;
      const sign = s < 0 ? '-' : '';
      let v = Math.abs(s);
      if (!tenths) v = Math.floor(v);
      const h = Math.floor(v / 3600);
      const m = Math.floor(v % 3600 / 60);
      const sec = v % 60;
      const secText = tenths ? sec.toFixed(1).padStart(4, '0') : String(Math.floor(sec)).padStart(2, '0');
      return h ? `${sign}${h}:${String(m).padStart(2, '0')}:${secText}` : `${sign}${m}:${secText}`;
    },
    dateTime: (iso) => iso ? dateTimeFormat.format(new Date(iso)) : DASH,
    dateTimeSec: (iso) => iso ? dateTimeSecFormat.format(new Date(iso)) : DASH,
    date: (iso) => iso ? dateFormat.format(new Date(iso)) : DASH,
    shortDate: (d) => d ? shortDateFormat.format(d instanceof Date ? d : new Date(d)) : DASH,
    time: (iso) => iso ? timeFormat.format(new Date(iso)) : DASH,
    timeSec: (iso) => iso ? timeSecFormat.format(new Date(iso)) : DASH,
    text: (v) => v == null || v === '' ? DASH : String(v),
  };

  // ---------------------------------------------------------------- dates (local days)
  const pad = (n) => String(n).padStart(2, '0');
  /** YYYY-MM-DD of a Date in the browser's time zone. */
  const isoDay = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  /**
   * YYYY-MM-DD of an instant in the call center's time zone (the KPIs' and the API's days), or the
   * browser's until the vocabulary says which: a day here is the day the server counts.
   */
  function dayIn(instant) {
    const d = instant instanceof Date ? instant : new Date(instant);
    if (!vocab.timeZone) return isoDay(d);
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: vocab.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(d).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day}`;
  }
  const today = () => dayIn(new Date());
  function daysAgo(n) {
    const [y, m, d] = today().split('-').map(Number);
    const day = new Date(Date.UTC(y, m - 1, d - n));
    return `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
  }
  /** Local midnight of a YYYY-MM-DD as an ISO instant; with `next`, midnight of the following day (an exclusive end). */
  function dayStartInstant(day, next = false) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day || '')) return day || '';
    const [y, m, d] = day.split('-').map(Number);
    return new Date(y, m - 1, d + (next ? 1 : 0)).toISOString();
  }
  /**
   * The YYYY-MM-DD a date input can show for a date or an instant, in the call center's zone. With
   * `end`, the instant is an exclusive end (a KPI row's `to`): the day shown is the last one included,
   * not the next day's midnight.
   */
  function dayOf(value, end = false) {
    if (!value) return '';
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? '' : dayIn(end ? new Date(d.getTime() - 1) : d);
  }
  const PRESETS = [['today', 'Today', 0], ['7d', 'Last 7 days', 6], ['30d', 'Last 30 days', 29], ['90d', 'Last 90 days', 89]];

  /**
   * A from/to date range with preset buttons. Calls onChange({from, to}) when the user changes it.
   * ids: `${prefix}-from`, `${prefix}-to`, preset buttons data-testid `${prefix}-preset-today|7d|30d|90d`.
   */
  function dateRange({ prefix, from, to, presets = ['today', '7d', '30d'], onChange, legend = 'Period' }) {
    const fromInput = el('input', { type: 'date', id: `${prefix}-from`, name: 'from', value: from || '' });
    const toInput = el('input', { type: 'date', id: `${prefix}-to`, name: 'to', value: to || '' });
    const buttons = PRESETS.filter(([key]) => presets.includes(key)).map(([key, label, back]) =>
      el('button', {
        type: 'button', class: 'chip', 'data-testid': `${prefix}-preset-${key}`, 'aria-pressed': 'false',
        onclick: () => { fromInput.value = daysAgo(back); toInput.value = today(); mark(); onChange({ from: fromInput.value, to: toInput.value }); },
      }, label));
    function mark() {
      PRESETS.filter(([key]) => presets.includes(key)).forEach(([, , back], i) => {
        buttons[i].setAttribute('aria-pressed', String(fromInput.value === daysAgo(back) && toInput.value === today()));
      });
    }
    const changed = () => {
      if (fromInput.value && toInput.value && fromInput.value > toInput.value) {
        toInput.setCustomValidity('The end date is before the start date');
        toInput.reportValidity();
        return;
      }
      toInput.setCustomValidity('');
      mark();
      onChange({ from: fromInput.value, to: toInput.value });
    };
    fromInput.addEventListener('change', changed);
    toInput.addEventListener('change', changed);
    mark();
    const box = el('fieldset', { class: 'range' },
      el('legend', { text: legend }),
      el('div', { class: 'presets', role: 'group', 'aria-label': 'Quick ranges' }, buttons),
      el('label', { for: fromInput.id }, 'From'), fromInput,
      el('label', { for: toInput.id }, 'to'), toInput);
    /** Shows another range (after the back button, say) without calling onChange. */
    box.setRange = (from2, to2) => { fromInput.value = from2 || ''; toInput.value = to2 || ''; mark(); };
    return box;
  }

  // ---------------------------------------------------------------- hash routes
  /** The current route: #/calls/ID?t=12.5 → {path: ['calls', 'ID'], params: URLSearchParams}. */
  function parseHash(hash = location.hash) {
    const text = hash.replace(/^#\/?/, '');
    const q = text.indexOf('?');
    const path = (q < 0 ? text : text.slice(0, q)).split('/').filter(Boolean).map((p) => {
      try { return decodeURIComponent(p); } catch { return p; }
    });
    return { path, params: new URLSearchParams(q < 0 ? '' : text.slice(q + 1)) };
  }
  /** The hash for a path (array or string) and parameters. */
  function href(path, params = {}) {
    const parts = (Array.isArray(path) ? path : [path]).map((p) => encodeURIComponent(p));
    const query = params instanceof URLSearchParams ? (params.toString() ? `?${params}` : '') : qs(params);
    return `#/${parts.join('/')}${query}`;
  }
  /** Goes to a route; with replace, without a new history entry (e.g. a filter typed into a box). */
  function go(path, params = {}, { replace = false } = {}) {
    const target = href(path, params);
    if (target === location.hash) return;
    if (replace) {
      history.replaceState(null, '', target);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else {
      location.hash = target;
    }
  }
  /** Link to one call, opened at a second. */
  const callHref = (id, t) => href(['calls', id], isNum(t) && t > 0 ? { t: Math.round(t * 100) / 100 } : {});

  /** The calls search page for the link in a KPI row ("/api/calls?from=…&to=…&queue=…"). */
  function searchHrefFromApiLink(link) {
    const params = new URLSearchParams((link || '').split('?')[1] || '');
    return href('calls', params);
  }

  // ---------------------------------------------------------------- tables
  /**
   * A table sorted in the browser by clicking a column header (aria-sort says the order).
   * columns: [{key, label, value(row) → number|string (for sorting), render(row) → node|string, numeric, title}]
   * Returns {node, update(rows)}.
   */
  function sortableTable({ columns, rows, sortKey, sortDir = 'descending', caption, testid, id, rowTestid, rowAttrs, emptyText = 'Nothing to show.' }) {
    let current = { key: sortKey ?? columns[0].key, dir: sortDir };
    let data = rows || [];
    const table = el('table', { class: 'data', id, 'data-testid': testid });
    if (caption) table.append(el('caption', { class: 'visually-hidden' }, caption));
    const headRow = el('tr');
    const thead = el('thead', {}, headRow);
    const tbody = el('tbody');
    table.append(thead, tbody);
    const headers = columns.map((c) => {
      const th = el('th', { scope: 'col', class: c.numeric ? 'num' : '', 'data-key': c.key, title: c.title });
      if (c.sortable === false) th.append(c.label);
      else {
        th.append(el('button', {
          type: 'button', class: 'sort', 'data-testid': `sort-${c.key}`,
          onclick: () => {
            current = current.key === c.key
              ? { key: c.key, dir: current.dir === 'ascending' ? 'descending' : 'ascending' }
              : { key: c.key, dir: c.numeric ? 'descending' : 'ascending' };
            draw();
          },
        }, c.label, el('span', { class: 'arrow', 'aria-hidden': 'true' })));
      }
      headRow.append(th);
      return th;
    });
    const valueOf = (c, row) => c.value ? c.value(row) : row[c.key];
    function draw() {
      headers.forEach((th, i) => {
        const c = columns[i];
        if (c.sortable === false) return;
        th.setAttribute('aria-sort', c.key === current.key ? current.dir : 'none');
        th.querySelector('.arrow').textContent = c.key === current.key ? (current.dir === 'ascending' ? ' ▲' : ' ▼') : '';
      });
      const column = columns.find((c) => c.key === current.key);
      const sign = current.dir === 'ascending' ? 1 : -1;
      const sorted = column ? [...data].sort((a, b) => {
        const x = valueOf(column, a);
        const y = valueOf(column, b);
        if (x == null && y == null) return 0;
        if (x == null || x === '') return 1; // unmeasured values last either way
        if (y == null || y === '') return -1;
        return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * sign;
      }) : data;
      tbody.replaceChildren(...sorted.map((row) => el('tr', { 'data-testid': rowTestid, ...(rowAttrs ? rowAttrs(row) : {}) },
        columns.map((c, i) => {
          const content = c.render ? c.render(row) : fmt.text(row[c.key]);
          return i === 0 ? el('th', { scope: 'row', class: c.numeric ? 'num' : '' }, content) : el('td', { class: c.numeric ? 'num' : '' }, content);
        }))));
      if (!sorted.length) tbody.append(el('tr', {}, el('td', { colspan: columns.length, class: 'empty' }, emptyText)));
    }
    draw();
    return { node: table, update(rows2) { data = rows2 || []; draw(); } };
  }
  /** A table with scrolling when it is wider than the screen. */
  const scroller = (table) => el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': table.querySelector('caption')?.textContent || 'Table' }, table);

  // ---------------------------------------------------------------- charts (Chart.js from the WebJar)
  const COLORS = {
    customer: '#1d4ed8', customerLight: '#86b2f7', agent: '#c2410c', agentLight: '#f6a35e',
    mixed: '#4b5563', team: '#6b7280', offered: '#64748b', answered: '#15803d', abandoned: '#b91c1c',
    aht: '#7c3aed', asa: '#0e7490', sl: '#15803d', positive: '#0f766e', negative: '#b91c1c', grid: '#e5e7eb',
  };
  const PARTIES = {
    customer: { label: 'Customer', color: COLORS.customer, light: COLORS.customerLight },
    agent: { label: 'Agent', color: COLORS.agent, light: COLORS.agentLight },
    mixed: { label: 'Both (mono)', color: COLORS.mixed, light: '#a3aab5' },
  };
  const partyLabel = (p) => PARTIES[p]?.label || (p ? p[0].toUpperCase() + p.slice(1) : 'Call');
  const chartsAvailable = () => typeof window.Chart === 'function';
  let chartDefaultsSet = false;
  /** A Chart.js chart on a canvas, or a note when the library is not there; the caller destroys it. */
  function chart(canvas, config) {
    if (!canvas) return null;
    if (!chartsAvailable()) {
      canvas.replaceWith(el('p', { class: 'muted' }, 'Charts are unavailable (Chart.js did not load); the table below has the same figures.'));
      return null;
    }
    if (!chartDefaultsSet) {
      const C = window.Chart;
      C.defaults.font.family = getComputedStyle(document.body).fontFamily;
      C.defaults.color = '#374151';
      C.defaults.animation = false;
      C.defaults.maintainAspectRatio = false;
      C.defaults.plugins.legend.labels.boxWidth = 12;
      chartDefaultsSet = true;
    }
    return new window.Chart(canvas, config);
  }

  // ---------------------------------------------------------------- vocabulary (GET /api/vocabulary)
  // Outcomes, flags and review statuses come from the server: a list kept here too once drifted from
  // the API (it offered an outcome the API did not know and lacked another). Filled once after login,
  // in place, so pages read them synchronously.
  const vocab = { outcomes: [], flags: [], reviewStatuses: [], timeZone: null };
  const FLAG_TEXT = {};
  const KNOWN_FLAGS = [];
  async function loadVocabulary() {
    const v = await api('/api/vocabulary');
    vocab.outcomes.splice(0, Infinity, ...(v.outcomes || []));
    vocab.flags.splice(0, Infinity, ...(v.flags || []));
    vocab.reviewStatuses.splice(0, Infinity, ...(v.reviewStatuses || []));
    vocab.timeZone = v.timeZone || null;
    KNOWN_FLAGS.splice(0, Infinity, ...vocab.flags.map((f) => f.key));
    for (const f of vocab.flags) FLAG_TEXT[f.key] = f.description;
  }
  /** The options of a select from a served list, after its first ("any") option; keeps the value given. */
  function fillOptions(select, values, value) {
    while (select.options.length > 1) select.remove(1);
    select.append(...values.map((v) => el('option', { value: v }, v)));
    if (value != null) select.value = value;
  }
  const flagChip = (flag) => el('span', { class: `flag flag-${flag.replace(/[^a-z0-9-]/gi, '')}`, title: FLAG_TEXT[flag] || flag, 'data-testid': 'flag' }, flag);

  /** Sentiment in [-1, 1] as a small bar: right/teal positive, left/red negative, with the number. */
  function sentimentBar(value) {
    if (!isNum(value)) return el('span', { class: 'muted' }, DASH);
    const bar = el('span', { class: `sbar-fill ${value < 0 ? 'neg' : 'pos'}` });
    bar.style.width = `${Math.min(50, Math.abs(value) * 50)}%`;
    if (value < 0) bar.style.right = '50%'; else bar.style.left = '50%';
    const label = value <= -0.2 ? 'negative' : value >= 0.2 ? 'positive' : 'neutral';
    return el('span', { class: 'sentiment', title: `Sentiment ${fmt.signed(value)} (${label})` },
      el('span', { class: 'sbar', 'aria-hidden': 'true' }, bar), el('span', { class: 'sval' }, fmt.signed(value)));
  }

  /**
   * A page with sub-sections (QA, coaching, admin): heading, a row of section links, a body.
   * tabs: [{key, label, href, testid}]; returns {page, body, extra}.
   */
  function tabbed(view, { title, tabs, active, testid }) {
    const page = template('tabbed');
    page.dataset.testid = testid || 'page';
    page.querySelector('.page-title').textContent = title;
    const list = page.querySelector('.subnav ul');
    for (const t of tabs) {
      list.append(el('li', {}, el('a', { href: t.href, 'data-testid': t.testid, id: t.testid, 'aria-current': t.key === active ? 'page' : null }, t.label)));
    }
    if (tabs.length < 2) page.querySelector('.subnav').hidden = true;
    view.append(page);
    return { page, body: page.querySelector('.tab-body'), extra: page.querySelector('.head-extra') };
  }

  /** A QA score for people: the API gives weighted percentages (0..100). */
  const scoreText = (v) => isNum(v) ? `${nf(0).format(v)} %` : DASH;
  // QA scores are weighted percentages, 0-100 (GET /api/qa/reviews).
  const scoreFraction = (v) => isNum(v) ? v / 100 : null;

  /** Debounce for inputs that re-query while typing. */
  function debounce(fn, ms = 300) {
    let timer;
    return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  }

  return {
    ROLES, ACCESS, session, may, canEditQa, el, append, $, $$, template, snippetNode,
    ApiError, api, qs, hooks, WHAT, denied, showError, loading, empty, toast,
    fmt, isNum, isoDay, dayIn, today, daysAgo, dayStartInstant, dayOf, dateRange,
    parseHash, href, go, callHref, searchHrefFromApiLink,
    sortableTable, scroller, COLORS, PARTIES, partyLabel, chart, chartsAvailable,
    vocab, loadVocabulary, fillOptions, FLAG_TEXT, KNOWN_FLAGS, flagChip, sentimentBar, debounce, tabbed, scoreText, scoreFraction,
    pages: {},
  };
})();
