// Earshot web UI: search (#/search?q=…&filters): the SPEC query language plus filters, facets that
// filter when clicked, and hits whose snippets open the call at the second the words were said.
'use strict';

(() => {
  const E = window.Earshot;
  const { el, api, fmt, isNum } = E;
  const PAGE_SIZE = 20;
  /** Parameters of this page's hash that may repeat. */
  const LISTS = ['queue', 'agent', 'outcome', 'flag'];
  const SINGLE = ['q', 'party', 'minMinutes', 'maxMinutes', 'from', 'to', 'sentimentMin', 'sentimentMax',
    'interruptionsCustomer', 'interruptionsAgent', 'where', 'sort'];
  const FACET_TITLES = { queue: 'Queue', agent: 'Agent', outcome: 'Outcome', flag: 'Flag' };

  /** The page's own parameters (minutes, local dates, friendly filters) → GET /api/calls parameters. */
  function apiParams(p) {
    const out = new URLSearchParams();
    const add = (k, v) => { if (v != null && v !== '') out.append(k, v); };
    add('q', p.get('q'));
    add('party', p.get('party'));
    const minutes = (k) => p.get(k) !== null && p.get(k) !== '' && isNum(Number(p.get(k))) ? String(Number(p.get(k)) * 60) : '';
    add('minDuration', minutes('minMinutes'));
    add('maxDuration', minutes('maxMinutes'));
    // Days go as days: the server reads them in the call center's zone (to included), as the KPIs do.
    add('from', p.get('from'));
    add('to', p.get('to'));
    for (const k of LISTS) for (const v of p.getAll(k)) add(k, v);
    if (p.get('sentimentMin')) add('where', `sentiment>=${p.get('sentimentMin')}`);
    if (p.get('sentimentMax')) add('where', `sentiment<=${p.get('sentimentMax')}`);
    if (p.get('interruptionsCustomer')) add('where', `interruptions.customer>=${p.get('interruptionsCustomer')}`);
    if (p.get('interruptionsAgent')) add('where', `interruptions.agent>=${p.get('interruptionsAgent')}`);
    for (const w of (p.get('where') || '').split(';').map((s) => s.trim()).filter(Boolean)) add('where', w);
    add('sort', p.get('sort'));
    add('page', p.get('page'));
    out.set('size', String(PAGE_SIZE));
    return out;
  }

  function render(view, route) {
    const page = E.template('search');
    view.append(page);
    const $ = (s) => page.querySelector(s);
    const form = $('#search-form');
    const results = $('#search-results');
    const total = $('#search-total');
    const error = $('#search-error');
    const facets = $('#search-facets');
    const pager = $('#search-pager');
    let controller = null;
    let params = route.params;

    E.fillOptions($('#search-outcome'), E.vocab.outcomes);

    function flagChoices(extra = []) {
      const selected = new Set(params.getAll('flag'));
      const all = [...new Set([...E.KNOWN_FLAGS, ...extra, ...selected])];
      $('#search-flags').replaceChildren(...all.map((flag) => el('label', { class: 'check', title: E.FLAG_TEXT[flag] || '' },
        el('input', { type: 'checkbox', name: 'flag', value: flag, checked: selected.has(flag), 'data-testid': `search-flag-${flag}` }), ` ${flag}`)));
    }

    function fillForm() {
      for (const name of SINGLE) { const input = form.elements[name]; if (input) input.value = params.get(name) || ''; }
      for (const name of ['queue', 'agent', 'outcome']) form.elements[name].value = params.getAll(name).join(', ');
      flagChoices();
      const active = [...SINGLE.filter((k) => k !== 'q' && k !== 'party' && k !== 'sort' && params.get(k)),
        ...LISTS.flatMap((k) => params.getAll(k))].length;
      $('#search-filter-count').textContent = active ? `${active} active` : '';
      if (active) $('#search-filters').open = true;
    }

    function readForm() {
      const out = new URLSearchParams();
      const data = new FormData(form);
      for (const name of SINGLE) { const v = String(data.get(name) ?? '').trim(); if (v) out.set(name, v); }
      for (const name of ['queue', 'agent', 'outcome']) {
        for (const v of String(data.get(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean)) out.append(name, v);
      }
      for (const flag of data.getAll('flag')) out.append('flag', flag);
      return out;
    }

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const next = readForm();
      if (next.toString() === params.toString()) run(); // same search again: refresh
      else E.go('search', next);
    });
    $('#search-reset').addEventListener('click', () => E.go('search', new URLSearchParams(params.get('q') ? { q: params.get('q') } : {})));

    function toggle(name, value) {
      const next = new URLSearchParams(params);
      const values = next.getAll(name);
      next.delete(name);
      const kept = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
      kept.forEach((v) => next.append(name, v));
      next.delete('page');
      E.go('search', next);
    }

    async function run() {
      controller?.abort();
      controller = new AbortController();
      error.textContent = '';
      $('#search-q').removeAttribute('aria-invalid');
      total.textContent = '';
      results.replaceChildren(el('li', { class: 'plain' }, E.loading('Searching…')));
      pager.replaceChildren();
      let data;
      try {
        data = await api(`/api/calls?${apiParams(params)}`, { signal: controller.signal });
      } catch (err) {
        if (err.name === 'AbortError') return;
        results.replaceChildren();
        facets.replaceChildren();
        if (err.status === 400) {
          error.textContent = err.detail || err.message;
          $('#search-q').setAttribute('aria-invalid', 'true');
          return;
        }
        E.showError(err, { container: page, errorNode: error, what: E.WHAT.search });
        return;
      }
      show(data);
    }

    function show(data) {
      const pageNo = data.page ?? Number(params.get('page') || 0);
      const size = data.size || PAGE_SIZE;
      const first = data.total ? pageNo * size + 1 : 0;
      const last = pageNo * size + data.hits.length;
      const q = params.get('q');
      total.textContent = data.total === 0 ? 'No calls match.'
        : `${fmt.int(data.total)} call${data.total === 1 ? '' : 's'}${q ? ` with “${q}”` : ''}${data.total > size ? ` — showing ${fmt.int(first)}–${fmt.int(last)}` : ''}`;
      if (!data.hits.length) {
        results.replaceChildren(el('li', { class: 'plain' }, E.empty(data.total
          ? 'No more results on this page.'
          : 'Nothing found. Try fewer or other words, a wider date range, or clear a filter.')));
      } else {
        results.replaceChildren(...data.hits.map(hitItem));
      }
      renderFacets(data.facets || {});
      renderPager(pageNo, size, data.total);
      for (const [name, list] of [['queue', '#search-queue-list'], ['agent', '#search-agent-list']]) {
        const values = Object.keys(data.facets?.[name] || {});
        if (values.length) $(list).replaceChildren(...values.map((v) => el('option', { value: v })));
      }
      flagChoices(Object.keys(data.facets?.flag || {}));
    }

    function hitItem(hit) {
      const who = [hit.queue, (hit.agents?.length > 1 ? hit.agents.join(', ') : hit.agent)].filter(Boolean).join(' · ');
      return el('li', { class: 'hit', 'data-testid': 'search-hit', 'data-call-id': hit.id },
        el('div', { class: 'hit-head' },
          el('a', { class: 'hit-title', 'data-testid': 'hit-link', href: E.callHref(hit.id) },
            `${hit.caller || 'Unknown caller'} · ${fmt.dateTime(hit.startedAt)}`),
          el('span', { class: 'meta' }, [who || 'no queue', hit.outcome, fmt.duration(hit.durationSeconds),
            isNum(hit.waitSeconds) && hit.waitSeconds > 0 ? `waited ${fmt.duration(hit.waitSeconds)}` : null].filter(Boolean).join(' · ')),
          el('span', { class: 'spacer' }),
          E.sentimentBar(hit.sentiment),
          el('span', { class: 'flags' }, (hit.flags || []).map(E.flagChip))),
        (hit.snippets || []).length ? el('ul', { class: 'snippets' }, hit.snippets.map((s) => el('li', {},
          el('a', { class: 'snippet', 'data-testid': 'snippet-link', 'data-seconds': String(s.time), href: E.callHref(hit.id, s.time) },
            el('span', { class: `who ${s.party}` }, E.partyLabel(s.party)),
            el('span', { class: 'at' }, fmt.clock(s.time)),
            el('span', { class: 'snippet-text' }, E.snippetNode(s.text)))))) : null);
    }

    function renderFacets(data) {
      const groups = [];
      for (const name of Object.keys(FACET_TITLES)) {
        const counts = Object.entries(data[name] || {});
        const selected = params.getAll(name);
        if (!counts.length && !selected.length) continue;
        const max = Math.max(1, ...counts.map(([, n]) => n));
        const shown = counts.slice(0, 12);
        for (const v of selected) if (!shown.some(([x]) => x === v)) shown.push([v, 0]);
        groups.push(el('section', { class: 'facet', 'data-facet': name },
          el('h2', {}, FACET_TITLES[name]),
          el('ul', {}, shown.map(([value, count]) => {
            const on = selected.includes(value);
            const bar = el('span', { class: 'facet-bar', 'aria-hidden': 'true' });
            bar.style.width = `${Math.max(2, count / max * 100)}%`;
            return el('li', {}, el('button', {
              type: 'button', class: 'facet-value', 'aria-pressed': String(on), 'data-testid': 'facet', 'data-facet': name, 'data-value': value,
              title: on ? `Remove the ${name} filter ${value}` : `Only calls with ${name} ${value}`, onclick: () => toggle(name, value),
            }, el('span', { class: 'facet-name' }, name === 'flag' ? value : value || '(none)'), el('span', { class: 'facet-count' }, fmt.int(count)), bar));
          }))));
      }
      facets.replaceChildren(...(groups.length ? [el('h2', { class: 'visually-hidden' }, 'Refine'), ...groups] : []));
    }

    function renderPager(pageNo, size, count) {
      const pages = Math.ceil(Math.min(count, 10000) / size);
      if (pages <= 1) { pager.replaceChildren(); return; }
      const link = (n, text, rel) => {
        const next = new URLSearchParams(params);
        if (n) next.set('page', String(n)); else next.delete('page');
        return el('a', { href: E.href('search', next), rel, class: 'button', 'data-testid': `search-page-${rel}` }, text);
      };
      pager.replaceChildren(
        pageNo > 0 ? link(pageNo - 1, '← Previous', 'prev') : el('span'),
        el('span', { class: 'muted' }, `Page ${pageNo + 1} of ${fmt.int(pages)}`),
        pageNo + 1 < pages ? link(pageNo + 1, 'Next →', 'next') : el('span'));
    }

    fillForm();
    run();
    E.savedSearches?.mount(page, () => apiParams(params)); // saved-searches.js: save, list, open, mark seen
    if (!route.params.toString()) $('#search-q').focus();
    return {
      update(r) {
        params = r.params;
        fillForm();
        run();
        return true;
      },
      cleanup() { controller?.abort(); },
    };
  }

  E.pages.search = { title: 'Search', render };
})();
