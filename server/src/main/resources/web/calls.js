// Earshot web UI: the calls list (#/calls?from=&to=&queue=&agent=&outcome=&flag=&sort=&page=), newest
// first, sortable by date, length and sentiment. KPI rows drill down here with the calls behind a figure.
'use strict';

(() => {
  const E = window.Earshot;
  const { el, api, fmt } = E;
  const PAGE_SIZE = 50;
  const SORTS = { startedAt: 'date', durationSeconds: 'duration', sentiment: 'sentiment' };
  /** What a KPI drill-down (kpi=…) lists, in the dashboard's words. */
  const FIGURES = {
    calls: 'any figure', offered: 'offered', answered: 'answered', abandoned: 'abandoned', shortAbandoned: 'short abandon',
    timedOut: 'timed out', transferredIn: 'transferred in', serviceLevel: 'in the service level', asaSeconds: 'answered (ASA)',
    fcr: 'in FCR', surveys: 'surveyed', csat: 'CSAT answered', nps: 'NPS answered', ces: 'CES answered',
    flaggedCalls: 'flagged', offeredAfterHours: 'after hours',
  };

  function render(view, route) {
    const page = E.template('calls');
    view.append(page);
    const $ = (s) => page.querySelector(s);
    const form = $('#calls-form');
    let params = route.params;
    let controller = null;

    const range = E.dateRange({
      prefix: 'calls', from: E.dayOf(params.get('from')), to: E.dayOf(params.get('to'), true), presets: ['today', '7d', '30d'],
      onChange: () => submit(),
    });
    $('#calls-range-slot').replaceWith(range);
    E.fillOptions($('#calls-flag'), E.KNOWN_FLAGS);
    E.fillOptions($('#calls-outcome'), E.vocab.outcomes);

    function fillForm() {
      // A row's `to` is the instant its range ends, excluded: the date shown is the last day included.
      range.setRange(E.dayOf(params.get('from')), E.dayOf(params.get('to'), true));
      for (const k of ['queue', 'agent', 'outcome', 'flag']) form.elements[k].value = params.get(k) || '';
      const exact = [params.get('from'), params.get('to')].filter((v) => v && v.length > 10);
      $('#calls-scope').textContent = [figureScope(),
        exact.length === 2 ? `calls started ${fmt.dateTime(params.get('from'))} – ${fmt.dateTime(params.get('to'))}` : ''].filter(Boolean).join(', ');
    }
    /** For a dashboard drill-down (kpi=FIGURE): which figure of which row these calls are. */
    function figureScope() {
      const kpi = params.get('kpi');
      if (!kpi) return '';
      const row = params.get('groupBy') ? `${params.get('groupBy')} ${params.get('key') || `(no ${params.get('groupBy')})`}` : 'all calls';
      const filters = ['queue', 'agent'].filter((k) => params.get(k)).map((k) => `${k} ${params.get(k)}`);
      return `The calls counted as “${FIGURES[kpi] || kpi}” for ${[row, ...filters].join(', ')}`;
    }
    function submit() {
      const next = new URLSearchParams();
      for (const k of ['from', 'to', 'queue', 'agent', 'outcome', 'flag']) {
        const v = String(new FormData(form).get(k) || '').trim();
        if (v) next.set(k, v);
      }
      if (params.get('sort')) next.set('sort', params.get('sort'));
      if (E.href('calls', next) === location.hash) run(); else E.go('calls', next);
    }
    form.addEventListener('submit', (e) => { e.preventDefault(); submit(); });

    function toApi() {
      const out = new URLSearchParams();
      for (const [k, v] of params) {
        if (!v) continue;
        // Days go as days: the server reads them in the call center's zone, as it does the KPIs'.
        out.append(k, v);
      }
      if (!out.get('sort')) out.set('sort', '-date');
      out.set('size', String(PAGE_SIZE));
      return out;
    }

    async function run() {
      controller?.abort();
      controller = new AbortController();
      const error = $('#calls-error');
      error.hidden = true;
      $('#calls-table').replaceChildren(E.loading('Loading calls…'));
      $('#calls-pager').replaceChildren();
      // The CSV holds every call of the list, not one page (up to the server's 10,000 rows).
      const csv = toApi();
      csv.delete('size');
      csv.delete('page');
      $('#calls-csv').href = `/api/calls.csv?${csv}`;
      let data;
      try {
        data = await api(`/api/calls?${toApi()}`, { signal: controller.signal });
      } catch (err) {
        $('#calls-table').replaceChildren();
        E.showError(err, { container: page, errorNode: error, what: E.WHAT.calls });
        return;
      }
      show(data);
    }

    function header(key, label, numeric) {
      // A figure's calls (kpi=…) come in date order only: the KPI service lists them, not the search index.
      const sortable = params.get('kpi') && key !== 'startedAt' ? null : SORTS[key];
      const th = el('th', { scope: 'col', class: numeric ? 'num' : '' });
      if (!sortable) { th.append(label); return th; }
      const sort = params.get('sort') || '-date';
      const on = sort.replace('-', '') === sortable;
      const desc = sort.startsWith('-');
      th.setAttribute('aria-sort', on ? (desc ? 'descending' : 'ascending') : 'none');
      th.append(el('button', {
        type: 'button', class: 'sort', 'data-testid': `calls-sort-${sortable}`,
        onclick: () => {
          const next = new URLSearchParams(params);
          next.set('sort', on && desc ? sortable : `-${sortable}`);
          next.delete('page');
          E.go('calls', next);
        },
      }, label, el('span', { class: 'arrow', 'aria-hidden': 'true' }, on ? (desc ? ' ▼' : ' ▲') : '')));
      return th;
    }

    function show(data) {
      const pageNo = data.page ?? 0;
      $('#calls-total').textContent = data.total ? `${fmt.int(data.total)} call${data.total === 1 ? '' : 's'}` : '';
      if (!data.hits.length) { $('#calls-table').replaceChildren(E.empty('No calls in this period with these filters.')); return; }
      const table = el('table', { class: 'data', id: 'calls-list', 'data-testid': 'calls-list' },
        el('caption', { class: 'visually-hidden' }, 'Calls'),
        el('thead', {}, el('tr', {}, header('startedAt', 'Started'), header('caller', 'Caller'), header('queue', 'Queue'),
          header('agent', 'Agent'), header('outcome', 'Outcome'), header('durationSeconds', 'Length', true),
          header('waitSeconds', 'Waited', true), header('sentiment', 'Sentiment'), header('flags', 'Flags'))),
        el('tbody', {}, data.hits.map((h) => el('tr', { 'data-testid': 'call-row', 'data-call-id': h.id },
          el('th', { scope: 'row' }, el('a', { href: E.callHref(h.id), 'data-testid': 'call-link' }, fmt.dateTime(h.startedAt))),
          el('td', {}, fmt.text(h.caller)), el('td', {}, fmt.text(h.queue)),
          el('td', {}, h.agents?.length > 1 ? h.agents.join(', ') : fmt.text(h.agent)),
          el('td', {}, el('span', { class: `outcome outcome-${h.outcome}` }, fmt.text(h.outcome))),
          el('td', { class: 'num' }, fmt.duration(h.durationSeconds)), el('td', { class: 'num' }, fmt.duration(h.waitSeconds)),
          el('td', {}, E.sentimentBar(h.sentiment)), el('td', {}, (h.flags || []).map(E.flagChip))))));
      $('#calls-table').replaceChildren(E.scroller(table));
      const pages = Math.ceil(Math.min(data.total, 10000) / PAGE_SIZE);
      if (pages > 1) {
        const link = (n, text, rel) => {
          const next = new URLSearchParams(params);
          if (n) next.set('page', String(n)); else next.delete('page');
          return el('a', { class: 'button', href: E.href('calls', next), rel }, text);
        };
        $('#calls-pager').replaceChildren(pageNo > 0 ? link(pageNo - 1, '← Previous', 'prev') : el('span'),
          el('span', { class: 'muted' }, `Page ${pageNo + 1} of ${fmt.int(pages)}`),
          pageNo + 1 < pages ? link(pageNo + 1, 'Next →', 'next') : el('span'));
      }
      for (const [name, list] of [['queue', '#calls-queue-list'], ['agent', '#calls-agent-list']]) {
        const values = Object.keys(data.facets?.[name] || {});
        if (values.length) $(list).replaceChildren(...values.map((v) => el('option', { value: v })));
      }
    }

    fillForm();
    run();
    return {
      update(r) { params = r.params; fillForm(); run(); return true; },
      cleanup() { controller?.abort(); },
    };
  }

  E.pages.calls = { title: 'Calls', render };
})();
