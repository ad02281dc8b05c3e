// Earshot web UI: QA. The review queue of flagged calls (#/qa), QA figures per agent (#/qa/agents),
// scorecards (#/qa/scorecards) and the review panel shown on a call's page (reviewPanel).
// qa and admin edit; supervisor and trainer read.
'use strict';

(() => {
  const E = window.Earshot;
  const { el, api, fmt, isNum } = E;

  const STATUS = { 'to-review': 'To review', reviewed: 'Reviewed', disputed: 'Disputed' };
  const statusPill = (s) => el('span', { class: `status-pill status-${s || 'none'}`, 'data-testid': 'qa-status-pill' }, STATUS[s] || s || 'No review');
  const AUTO_KINDS = {
    'agent-phrase': { label: 'Agent says a phrase early', params: ['phrases', 'withinSeconds'], describe: (a) => `The agent says ${phrases(a)} within the first ${a.withinSeconds ?? '?'} s` },
    'agent-phrase-anywhere': { label: 'Agent says a phrase', params: ['phrases'], describe: (a) => `The agent says ${phrases(a)} at some point` },
    'max-agent-interruptions': { label: 'Few agent interruptions', params: ['max'], describe: (a) => `The agent interrupts at most ${a.max ?? '?'} times` },
    'max-dead-air-seconds': { label: 'Little dead air', params: ['max'], describe: (a) => `No more than ${a.max ?? '?'} s of dead air` },
    'min-customer-sentiment': { label: 'Customer mood at least', params: ['min'], describe: (a) => `The customer's sentiment is at least ${a.min ?? '?'} (−1 … +1)` },
    'max-agent-talk-ratio': { label: 'Agent does not talk too much', params: ['max'], describe: (a) => `The agent talks at most ${isNum(a.max) ? fmt.pct(a.max, 0) : '?'} of the time` },
  };
  function phrases(a) { return (a.phrases || []).map((p) => `“${p}”`).join(' or ') || 'a phrase'; }
  const describeAuto = (a) => !a ? 'Scored by the reviewer' : AUTO_KINDS[a.kind]?.describe(a) || a.kind;

  function qaTabs(view, active) {
    const tabs = [
      { key: 'queue', label: 'Review queue', href: '#/qa', testid: 'qa-tab-queue' },
      { key: 'agents', label: 'Per agent', href: '#/qa/agents', testid: 'qa-tab-agents' },
      { key: 'scorecards', label: 'Scorecards', href: '#/qa/scorecards', testid: 'qa-tab-scorecards' },
    ];
    const t = E.tabbed(view, { title: 'Quality assurance', tabs, active, testid: 'page-qa' });
    if (!E.canEditQa()) t.extra.append(el('span', { class: 'badge muted', id: 'qa-read-only' }, 'Read only for your role'));
    return t;
  }

  function render(view, route) {
    const sub = route.path[1] || 'queue';
    const { page, body } = qaTabs(view, sub);
    if (sub === 'agents') return agentsView(page, body, route);
    if (sub === 'scorecards') return scorecardsView(page, body);
    return queueView(page, body, route);
  }

  // ================================================================ review queue
  function queueView(page, body, route) {
    let params = route.params;
    let controller = null;
    const status = el('select', { id: 'qa-filter-status', name: 'status' },
      [...E.vocab.reviewStatuses.map((v) => [v, STATUS[v] || v]), ['all', 'All']].map(([v, l]) => el('option', { value: v }, l)));
    const flag = el('select', { id: 'qa-filter-flag', name: 'flag' }, el('option', { value: '' }, 'any flag'), E.KNOWN_FLAGS.map((f) => el('option', { value: f }, f)));
    const agent = el('input', { id: 'qa-filter-agent', name: 'agent', size: '10' });
    const queue = el('input', { id: 'qa-filter-queue', name: 'queue', size: '10' });
    const form = el('form', { class: 'toolbar card', id: 'qa-filters', 'data-testid': 'qa-filters' },
      el('div', { class: 'field' }, el('label', { for: status.id }, 'Status'), status),
      el('div', { class: 'field' }, el('label', { for: flag.id }, 'Flag'), flag),
      el('div', { class: 'field' }, el('label', { for: agent.id }, 'Agent'), agent),
      el('div', { class: 'field' }, el('label', { for: queue.id }, 'Queue'), queue),
      el('button', { type: 'submit', class: 'primary' }, 'Show'));
    const error = el('p', { class: 'error', role: 'alert', hidden: true, id: 'qa-error' });
    const total = el('p', { class: 'total', role: 'status', id: 'qa-total' });
    const list = el('div', { id: 'qa-queue', 'data-testid': 'qa-queue' });
    const pager = el('nav', { class: 'pager', 'aria-label': 'Pages' });
    body.append(form, error, total, list, pager);
    status.addEventListener('change', () => form.requestSubmit());
    flag.addEventListener('change', () => form.requestSubmit());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const next = new URLSearchParams();
      for (const input of [status, flag, agent, queue]) if (input.value.trim() && !(input === status && input.value === 'to-review')) next.set(input.name, input.value.trim());
      E.go('qa', next);
    });

    async function run() {
      controller?.abort();
      controller = new AbortController();
      status.value = params.get('status') || 'to-review';
      flag.value = params.get('flag') || '';
      agent.value = params.get('agent') || '';
      queue.value = params.get('queue') || '';
      error.hidden = true;
      total.textContent = '';
      pager.replaceChildren();
      list.replaceChildren(E.loading('Loading the review queue…'));
      const size = 25;
      const pageNo = Number(params.get('page') || 0);
      let data;
      try {
        data = await api(`/api/qa/queue${E.qs({ status: status.value, flag: flag.value, agent: agent.value, queue: queue.value, page: pageNo, size })}`, { signal: controller.signal });
      } catch (err) {
        list.replaceChildren();
        E.showError(err, { container: page, errorNode: error, what: E.WHAT.qa });
        return;
      }
      const items = data.items || [];
      total.textContent = data.total ? `${fmt.int(data.total)} call${data.total === 1 ? '' : 's'}` : '';
      if (!items.length) {
        list.replaceChildren(E.empty(status.value === 'to-review' ? 'No flagged calls to review.' : 'No calls with this status.'));
        list.firstChild.dataset.testid = 'qa-empty';
        return;
      }
      const table = el('table', { class: 'data', id: 'qa-queue-table' },
        el('caption', { class: 'visually-hidden' }, 'Calls for QA review'),
        el('thead', {}, el('tr', {}, ['Started', 'Caller', 'Queue', 'Agent', 'Length', 'Flags', 'Sentiment', 'Status', 'Score', 'Reviewer', 'Updated']
          .map((h) => el('th', { scope: 'col', class: ['Length', 'Score'].includes(h) ? 'num' : '' }, h)))),
        el('tbody', {}, items.map((i) => el('tr', { 'data-testid': 'qa-item', 'data-call-id': i.callId },
          el('th', { scope: 'row' }, el('a', { href: E.href(['calls', i.callId], { review: 1 }), 'data-testid': 'qa-item-link' }, fmt.dateTime(i.startedAt))),
          el('td', {}, fmt.text(i.caller)), el('td', {}, fmt.text(i.queue)), el('td', {}, fmt.text(i.agent)),
          el('td', { class: 'num' }, fmt.duration(i.durationSeconds)),
          el('td', {}, (i.flags || []).map(E.flagChip), (i.reasons || []).map((r) => el('span', { class: 'badge reason', 'data-testid': 'qa-reason' }, r))),
          el('td', {}, E.sentimentBar(i.sentiment)),
          el('td', {}, statusPill(i.status)), el('td', { class: 'num' }, E.scoreText(i.score)),
          el('td', {}, fmt.text(i.reviewer)), el('td', {}, i.updatedAt ? fmt.dateTime(i.updatedAt) : fmt.DASH)))));
      list.replaceChildren(E.scroller(table));
      const pages = Math.ceil(data.total / size);
      if (pages > 1) {
        const link = (n, text) => { const p = new URLSearchParams(params); if (n) p.set('page', n); else p.delete('page'); return el('a', { class: 'button', href: E.href('qa', p) }, text); };
        pager.replaceChildren(pageNo > 0 ? link(pageNo - 1, '← Previous') : el('span'), el('span', { class: 'muted' }, `Page ${pageNo + 1} of ${pages}`),
          pageNo + 1 < pages ? link(pageNo + 1, 'Next →') : el('span'));
      }
    }
    run();
    return {
      update(r) { if (r.path[1]) return false; params = r.params; run(); return true; },
      cleanup() { controller?.abort(); },
    };
  }

  // ================================================================ per agent
  function agentsView(page, body, route) {
    let params = route.params;
    let chart = null;
    let controller = null;
    const settings = () => ({ from: params.get('from') || E.daysAgo(29), to: params.get('to') || E.today() });
    const range = E.dateRange({ prefix: 'qa-agents', ...settings(), presets: ['7d', '30d', '90d'], onChange: ({ from, to }) => E.go(['qa', 'agents'], { from, to }) });
    const error = el('p', { class: 'error', role: 'alert', hidden: true });
    const chartBox = el('figure', { class: 'card chart-card' }, el('figcaption', {}, 'Average QA score per agent'),
      el('div', { class: 'chart-box tall' }, el('canvas', { id: 'qa-agents-chart', role: 'img', 'aria-label': 'Bar chart of the average QA score per agent; the table has the same figures' })));
    const tableBox = el('div', { id: 'qa-agents' });
    body.append(el('div', { class: 'toolbar card' }, range), error, el('div', { class: 'two-col wide-left' }, el('section', { class: 'card' }, el('h2', {}, 'Reviews per agent'), tableBox), chartBox));

    async function run() {
      controller?.abort();
      controller = new AbortController();
      const s = settings();
      tableBox.replaceChildren(E.loading());
      let data;
      try {
        data = await api(`/api/qa/agents${E.qs(s)}`, { signal: controller.signal });
      } catch (err) {
        tableBox.replaceChildren();
        E.showError(err, { container: page, errorNode: error, what: E.WHAT.qa });
        return;
      }
      const rows = data.agents || [];
      const table = E.sortableTable({
        columns: [
          { key: 'agent', label: 'Agent', render: (r) => r.agent },
          { key: 'reviewed', label: 'Reviewed', numeric: true, render: (r) => fmt.int(r.reviewed) },
          { key: 'toReview', label: 'To review', numeric: true, render: (r) => fmt.int(r.toReview) },
          { key: 'disputed', label: 'Disputed', numeric: true, render: (r) => fmt.int(r.disputed) },
          { key: 'avgScore', label: 'Average score', numeric: true, value: (r) => E.scoreFraction(r.avgScore), render: (r) => E.scoreText(r.avgScore) },
          { key: 'lowestScore', label: 'Lowest', numeric: true, value: (r) => E.scoreFraction(r.lowestScore), render: (r) => E.scoreText(r.lowestScore) },
          { key: 'lastReviewedAt', label: 'Last review', render: (r) => r.lastReviewedAt ? fmt.date(r.lastReviewedAt) : fmt.DASH },
        ],
        rows, sortKey: 'avgScore', sortDir: 'ascending', caption: 'QA reviews per agent', testid: 'qa-agents-table', emptyText: 'No reviews in this period.',
      });
      tableBox.replaceChildren(E.scroller(table.node));
      chart?.destroy();
      const scored = rows.filter((r) => isNum(r.avgScore)).sort((a, b) => E.scoreFraction(a.avgScore) - E.scoreFraction(b.avgScore));
      chart = E.chart(page.querySelector('#qa-agents-chart'), {
        type: 'bar',
        data: { labels: scored.map((r) => r.agent), datasets: [{ label: 'Average score', data: scored.map((r) => E.scoreFraction(r.avgScore) * 100),
          backgroundColor: scored.map((r) => E.scoreFraction(r.avgScore) < 0.7 ? E.COLORS.negative : E.COLORS.positive) }] },
        options: { indexAxis: 'y', plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => `${fmt.num(c.parsed.x, 0)} %` } } },
          scales: { x: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } } } },
      });
    }
    run();
    return {
      update(r) { if (r.path[1] !== 'agents') return false; params = r.params; run(); return true; },
      cleanup() { controller?.abort(); chart?.destroy(); },
    };
  }

  // ================================================================ scorecards
  function scorecardsView(page, body) {
    const editable = E.canEditQa();
    const error = el('p', { class: 'error', role: 'alert', hidden: true, id: 'scorecards-error' });
    const list = el('div', { id: 'scorecards', 'data-testid': 'scorecards', class: 'scorecards' });
    const editorSlot = el('div', { id: 'scorecard-editor-slot' });
    const newButton = editable ? el('button', { type: 'button', class: 'primary', id: 'scorecard-new', 'data-testid': 'scorecard-new', onclick: () => edit(null) }, '+ New scorecard') : null;
    body.append(el('div', { class: 'toolbar plain' }, el('p', { class: 'muted' }, 'A scorecard lists what a reviewer checks in a call. Automatic checks are scored from the analysis; a reviewer can override them.'), el('span', { class: 'spacer' }), newButton),
      error, editorSlot, list);
    let cards = [];

    async function load() {
      list.replaceChildren(E.loading('Loading scorecards…'));
      try {
        cards = (await api('/api/qa/scorecards')).scorecards || [];
      } catch (err) {
        list.replaceChildren();
        E.showError(err, { container: page, errorNode: error, what: E.WHAT.qa });
        return;
      }
      list.replaceChildren(...(cards.length ? cards.map(card) : [E.empty(editable ? 'No scorecards yet. Create the first one.' : 'No scorecards yet.')]));
    }
    function card(sc) {
      const total = (sc.criteria || []).reduce((s, c) => s + (c.weight || 0), 0) || 1;
      return el('section', { class: `card scorecard${sc.active ? '' : ' inactive'}`, 'data-testid': 'scorecard', 'data-scorecard-id': sc.id },
        el('div', { class: 'card-head' }, el('h2', {}, sc.name), el('span', { class: `badge ${sc.active ? 'ok' : 'muted'}` }, sc.active ? 'active' : 'inactive'),
          el('span', { class: 'spacer' }), editable ? el('button', { type: 'button', class: 'ghost', 'data-testid': 'scorecard-edit', onclick: () => edit(sc) }, 'Edit') : null),
        el('table', { class: 'data compact' },
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Criterion'), el('th', { scope: 'col', class: 'num' }, 'Weight'), el('th', { scope: 'col' }, 'How it is checked'))),
          el('tbody', {}, (sc.criteria || []).map((c) => el('tr', {},
            el('th', { scope: 'row' }, c.label),
            el('td', { class: 'num' }, `${fmt.num(c.weight, 0)} (${fmt.pct((c.weight || 0) / total, 0)})`),
            el('td', {}, c.auto ? el('span', {}, el('span', { class: 'badge auto' }, 'auto'), ' ', describeAuto(c.auto)) : 'Scored by the reviewer'))))));
    }

    function edit(sc) {
      editorSlot.replaceChildren(scorecardEditor(sc, {
        onSaved: () => { editorSlot.replaceChildren(); E.toast('Scorecard saved'); load(); },
        onCancel: () => { editorSlot.replaceChildren(); (newButton || list).focus?.(); },
      }));
      editorSlot.querySelector('input')?.focus();
    }
    load();
    return { update: (r) => r.path[1] === 'scorecards' };
  }

  /** The form that creates or edits a scorecard. */
  function scorecardEditor(sc, { onSaved, onCancel }) {
    const name = el('input', { id: 'scorecard-name', 'data-testid': 'scorecard-name', required: true, value: sc?.name || '', size: '40' });
    const active = el('input', { type: 'checkbox', id: 'scorecard-active', 'data-testid': 'scorecard-active', checked: sc ? sc.active !== false : true });
    const rows = el('ol', { class: 'criteria-editor', id: 'scorecard-criteria' });
    const status = el('p', { role: 'status', id: 'scorecard-status', class: 'muted' });
    const error = el('p', { role: 'alert', class: 'error', id: 'scorecard-error' });
    let seq = 0;

    function row(c = { label: '', weight: 1, auto: null }) {
      const n = ++seq;
      const id = (k) => `sc-${k}-${n}`;
      const li = el('li', { class: 'criterion-row', 'data-testid': 'scorecard-criterion', 'data-criterion-id': c.id || '' });
      const kind = el('select', { id: id('kind'), name: 'kind', value: c.auto?.kind || '' },
        el('option', { value: '' }, 'None (the reviewer scores it)'), Object.entries(AUTO_KINDS).map(([k, v]) => el('option', { value: k }, v.label)));
      const params = el('div', { class: 'auto-params' });
      const paramInputs = {
        phrases: el('textarea', { id: id('phrases'), name: 'phrases', rows: '2', cols: '30', placeholder: 'one phrase per line' }),
        withinSeconds: el('input', { id: id('within'), name: 'withinSeconds', type: 'number', min: '0', step: '1', size: '4' }),
        max: el('input', { id: id('max'), name: 'max', type: 'number', step: 'any', size: '5' }),
        min: el('input', { id: id('min'), name: 'min', type: 'number', step: 'any', size: '5' }),
      };
      paramInputs.phrases.value = (c.auto?.phrases || []).join('\n');
      for (const k of ['withinSeconds', 'max', 'min']) if (isNum(c.auto?.[k])) paramInputs[k].value = String(c.auto[k]);
      const labels = { phrases: 'Phrases', withinSeconds: 'within (s)', max: 'at most', min: 'at least' };
      function showParams() {
        const wanted = AUTO_KINDS[kind.value]?.params || [];
        params.replaceChildren(...wanted.map((k) => el('span', { class: 'field' }, el('label', { for: paramInputs[k].id }, labels[k]), paramInputs[k])));
      }
      kind.addEventListener('change', showParams);
      showParams();
      const move = (d) => {
        const sibling = d < 0 ? li.previousElementSibling : li.nextElementSibling;
        if (!sibling) return;
        if (d < 0) sibling.before(li); else sibling.after(li);
        li.querySelector('input').focus();
      };
      li.append(
        el('span', { class: 'field grow' }, el('label', { for: id('label') }, 'Criterion'), el('input', { id: id('label'), name: 'label', required: true, value: c.label || '', size: '30' })),
        el('span', { class: 'field' }, el('label', { for: id('weight') }, 'Weight'), el('input', { id: id('weight'), name: 'weight', type: 'number', min: '0.5', max: '1000', step: '0.5', value: String(c.weight ?? 1), size: '4', required: true })),
        el('span', { class: 'field' }, el('label', { for: kind.id }, 'Automatic check'), kind),
        params,
        el('span', { class: 'row-actions' },
          el('button', { type: 'button', class: 'ghost icon', 'aria-label': 'Move up', title: 'Move up', onclick: () => move(-1) }, '↑'),
          el('button', { type: 'button', class: 'ghost icon', 'aria-label': 'Move down', title: 'Move down', onclick: () => move(1) }, '↓'),
          el('button', { type: 'button', class: 'ghost danger', onclick: () => { const next = li.nextElementSibling || li.previousElementSibling; li.remove(); next?.querySelector('input')?.focus(); } }, 'Remove')));
      li.criterion = c;
      return li;
    }
    for (const c of sc?.criteria || []) rows.append(row(c));
    if (!sc) rows.append(row());

    const slug = (text, taken) => {
      const base = text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'criterion';
      let idText = base;
      for (let i = 2; taken.has(idText); i++) idText = `${base}-${i}`;
      taken.add(idText);
      return idText;
    };
    function read() {
      const taken = new Set([...rows.children].map((li) => li.criterion?.id).filter(Boolean));
      return [...rows.children].map((li) => {
        const get = (k) => li.querySelector(`[name=${k}]`);
        const kindValue = get('kind').value;
        let auto = null;
        if (kindValue) {
          auto = { kind: kindValue };
          for (const k of AUTO_KINDS[kindValue].params) {
            const input = li.querySelector(`.auto-params [name=${k}]`);
            if (k === 'phrases') auto.phrases = input.value.split('\n').map((s) => s.trim()).filter(Boolean);
            else if (input.value !== '') auto[k] = Number(input.value);
          }
        }
        return { id: li.criterion?.id || slug(get('label').value, taken), label: get('label').value.trim(), weight: Number(get('weight').value), auto };
      });
    }

    const form = el('form', { class: 'card editor', id: 'scorecard-form', 'data-testid': 'scorecard-form', 'aria-labelledby': 'scorecard-form-title' },
      el('h2', { id: 'scorecard-form-title' }, sc ? `Edit “${sc.name}”` : 'New scorecard'),
      el('div', { class: 'toolbar plain' },
        el('span', { class: 'field' }, el('label', { for: name.id }, 'Name'), name),
        sc ? el('label', { class: 'check' }, active, ' Active (used for new reviews)') : null),
      el('h3', {}, 'Criteria'), rows,
      el('p', {}, el('button', { type: 'button', id: 'scorecard-add-criterion', onclick: () => { rows.append(row()); rows.lastElementChild.querySelector('input').focus(); } }, '+ Add criterion')),
      el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'primary', id: 'scorecard-save', 'data-testid': 'scorecard-save' }, 'Save scorecard'),
        el('button', { type: 'button', onclick: onCancel }, 'Cancel'), status),
      error);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      const criteria = read();
      if (!criteria.length) { error.textContent = 'Add at least one criterion.'; return; }
      const bodyJson = { name: name.value.trim(), criteria };
      if (sc) bodyJson.active = active.checked;
      status.textContent = 'Saving…';
      try {
        await api(sc ? `/api/qa/scorecards/${encodeURIComponent(sc.id)}` : '/api/qa/scorecards', { method: sc ? 'PUT' : 'POST', body: bodyJson });
        status.textContent = '';
        onSaved();
      } catch (err) {
        status.textContent = '';
        if (err.status === 403) error.textContent = `Access denied — your role (${E.session.role}) cannot edit scorecards.`;
        else E.showError(err, { errorNode: error });
      }
    });
    return form;
  }

  // ================================================================ review panel (call page)
  /**
   * The QA review of one call, inside the call page. Editors (qa, admin) choose pass / partial /
   * fail per criterion or keep the automatic result, set the status, save, and add notes at the
   * player's current time. Others see the review read-only.
   */
  function reviewPanel({ container, noteSlot, callId, currentTime, seek, hasAudio, setNoteMarkers, onNoteTime, focus }) {
    const editable = E.canEditQa();
    const url = `/api/qa/reviews/${encodeURIComponent(callId)}`;
    const panel = el('section', { class: 'card qa-panel', id: 'qa-panel', 'data-testid': 'qa-panel', 'aria-labelledby': 'qa-title' });
    container.append(panel);
    let review = null;
    let stopped = false;
    let noteAt = 0;
    let noteTouched = false;

    // "Add a note at the current time", next to the player.
    if (editable && hasAudio) {
      const quick = el('button', { type: 'button', class: 'ghost', id: 'qa-note-here', 'data-testid': 'qa-note-here' }, 'Add QA note here');
      quick.addEventListener('click', () => {
        noteAt = currentTime();
        noteTouched = true;
        const text = panel.querySelector('#qa-note-text');
        if (text) { updateNoteAt(); text.focus(); text.scrollIntoView({ block: 'center', behavior: 'smooth' }); }
      });
      noteSlot.append(quick);
    }
    onNoteTime((t) => {
      if (!noteTouched) noteAt = t;
      updateNoteAt();
      const quick = noteSlot.querySelector('#qa-note-here');
      const label = `Add QA note at ${fmt.clock(t)}`;
      if (quick && quick.textContent !== label) quick.textContent = label;
    });
    function updateNoteAt() {
      const at = fmt.clock(noteAt);
      const out = panel.querySelector('#qa-note-at');
      if (out && out.textContent !== at) out.textContent = at;
      const add = panel.querySelector('#qa-note-add');
      if (add && add.textContent !== `Add note at ${at}`) add.textContent = `Add note at ${at}`;
    }

    async function load() {
      panel.replaceChildren(el('h2', { id: 'qa-title' }, 'QA review'), E.loading('Loading the review…'));
      try {
        review = await api(url);
      } catch (err) {
        if (stopped) return;
        if (err.status === 404) { review = null; await noReview(); return; }
        panel.replaceChildren(el('h2', { id: 'qa-title' }, 'QA review'));
        if (err.status === 403) {
          panel.append(el('p', { class: 'denied-inline', 'data-testid': 'qa-denied' }, `Access denied — your role (${E.session.role}) cannot see QA reviews.`));
        } else E.showError(err, { container: panel });
        return;
      }
      if (stopped) return;
      draw();
      if (focus) panel.scrollIntoView({ block: 'start' });
    }

    async function noReview() {
      panel.replaceChildren(el('h2', { id: 'qa-title' }, 'QA review'), el('p', { class: 'muted', id: 'qa-none' }, 'This call has not been reviewed yet.'));
      if (!editable) return;
      let cards = [];
      try { cards = ((await api('/api/qa/scorecards')).scorecards || []).filter((s) => s.active !== false); } catch { /* shown below */ }
      if (!cards.length) { panel.append(el('p', { class: 'muted' }, 'There is no active scorecard. Create one under QA → Scorecards.')); return; }
      const pick = el('select', { id: 'qa-scorecard', 'data-testid': 'qa-scorecard' }, cards.map((s) => el('option', { value: s.id }, s.name)));
      panel.append(el('div', { class: 'toolbar plain' }, el('label', { for: pick.id }, 'Scorecard'), pick,
        el('button', { type: 'button', class: 'primary', id: 'qa-start', 'data-testid': 'qa-start', onclick: () => {
          const sc = cards.find((s) => s.id === pick.value);
          review = { callId, status: 'to-review', scorecardId: sc.id, scorecardName: sc.name, notes: [],
            scores: sc.criteria.map((c) => ({ criterionId: c.id, label: c.label, weight: c.weight, auto: null, value: null, overridden: false })) };
          draw();
        } }, 'Start review')));
    }

    // Choices on screen that are not saved yet: the browser and the router ask before they are lost.
    let dirty = false;
    const beforeUnload = (e) => { if (dirty) { e.preventDefault(); e.returnValue = ''; } };
    window.addEventListener('beforeunload', beforeUnload);
    let previewSeq = 0;

    /** Where a criterion's value comes from, as the API says (`source`): auto, override or reviewer. */
    function sourceBadge(s) {
      const source = s.source || (s.auto ? (s.overridden ? 'override' : 'auto') : 'reviewer');
      const text = { auto: 'auto', override: 'override', reviewer: 'reviewer' }[source] || source;
      const title = { auto: 'The automatic result stands', override: 'A reviewer replaced the automatic result', reviewer: 'Scored by a reviewer' }[source] || '';
      return el('span', { class: `badge source source-${source}`, 'data-testid': 'qa-source', 'data-source': source, title }, text);
    }

    function draw() {
      const r = review;
      const saved = el('p', { class: 'muted small', id: 'qa-meta' },
        `Scorecard: ${r.scorecardName || r.scorecardId || '—'}`,
        r.reviewer ? ` · reviewed by ${r.reviewer}` : '', r.updatedAt ? `, ${fmt.dateTime(r.updatedAt)}` : '');
      const scoreNode = el('span', { class: 'qa-score', id: 'qa-score', 'data-testid': 'qa-score' }, E.scoreText(r.score));
      panel.replaceChildren(
        el('div', { class: 'card-head' }, el('h2', { id: 'qa-title' }, 'QA review'), statusPill(r.status), el('span', { class: 'spacer' }), scoreNode),
        saved);
      const criteria = el('ol', { class: 'criteria', id: 'qa-criteria' });
      const choiceOf = new Map();
      for (const s of r.scores || []) {
        const cid = s.criterionId;
        const auto = s.auto;
        const autoText = !auto ? null : auto.passed === true ? 'passed' : auto.passed === false ? 'failed' : 'could not tell';
        const autoLine = auto ? el('p', { class: `auto-result auto-${autoText.replace(/ /g, '-')}` },
          el('span', { class: 'badge auto' }, 'auto'), ` ${autoText}`, auto.evidence ? el('span', { class: 'evidence' }, ` — ${auto.evidence}`) : null) : null;
        const item = el('li', {});
        const box = el('fieldset', { class: 'criterion', id: `qa-criterion-${cid}`, 'data-testid': 'qa-criterion', 'data-criterion-id': cid },
          el('legend', {}, s.label || cid, el('span', { class: 'weight' }, ` · weight ${fmt.num(s.weight, 0)}`), ' ', sourceBadge(s)), autoLine);
        if (editable) {
          // An automatic result that stands is "keep auto", not a Pass or Fail the reviewer chose.
          const current = s.value == null || (s.auto && !s.overridden) ? 'auto' : String(s.value);
          const options = [
            auto ? ['auto', `Keep auto (${autoText})`] : ['auto', 'Not scored'],
            ['1', 'Pass'], ['0.5', 'Partial'], ['0', 'Fail'],
          ];
          const names = { auto: 'auto', 1: 'pass', 0.5: 'partial', 0: 'fail' };
          box.append(el('div', { class: 'choices' }, options.map(([value, label]) => el('label', { class: `choice choice-${names[value]}` },
            el('input', { type: 'radio', name: `qa-${cid}`, value, checked: value === current, 'data-testid': `qa-value-${cid}-${names[value]}`, id: `qa-value-${cid}-${names[value]}` }),
            ` ${label}`))));
          choiceOf.set(cid, () => { const v = box.querySelector('input:checked')?.value; return v == null || v === 'auto' ? null : Number(v); });
        } else {
          const v = s.value;
          const text = v == null ? (auto ? `Automatic: ${autoText}` : 'Not scored') : v === 1 ? 'Pass' : v === 0 ? 'Fail' : v === 0.5 ? 'Partial' : fmt.num(v, 2);
          box.append(el('p', { class: 'result' }, el('strong', {}, text), s.overridden ? ' (set by the reviewer over the automatic result)' : ''));
        }
        item.append(box);
        criteria.append(item);
      }
      if (!(r.scores || []).length) criteria.append(el('li', {}, E.empty('This scorecard has no criteria.')));

      if (editable) {
        const status = el('select', { id: 'qa-status', 'data-testid': 'qa-status', value: r.status || 'to-review' },
          E.vocab.reviewStatuses.map((v) => el('option', { value: v }, STATUS[v] || v)));
        const save = el('button', { type: 'submit', class: 'primary', id: 'qa-save', 'data-testid': 'qa-save' }, 'Save review');
        const saveStatus = el('span', { id: 'qa-save-status', 'data-testid': 'qa-save-status', role: 'status', class: 'save-status' });
        const form = el('form', { id: 'qa-form', 'data-testid': 'qa-form' }, criteria,
          el('div', { class: 'actions' }, el('label', { for: status.id }, 'Status'), status, save, saveStatus));
        const choices = () => ({ scorecardId: r.scorecardId, status: status.value,
          scores: (r.scores || []).map((s) => ({ criterionId: s.criterionId, value: choiceOf.get(s.criterionId)() })) });
        // The score of the choices on screen comes from the server (POST …/preview): the formula saving uses.
        const refresh = async () => {
          dirty = true;
          saveStatus.textContent = 'Unsaved changes';
          saveStatus.dataset.state = 'dirty';
          const seq = ++previewSeq;
          scoreNode.dataset.state = 'computing';
          try {
            const answer = await api(`${url}/preview`, { method: 'POST', body: choices() });
            if (seq !== previewSeq || stopped) return;
            scoreNode.textContent = E.scoreText(answer.score);
            scoreNode.title = 'The score with the choices on screen, not saved yet';
            scoreNode.dataset.state = 'preview';
            for (const s of answer.scores || []) {
              panel.querySelector(`#qa-criterion-${CSS.escape(s.criterionId)} [data-testid=qa-source]`)?.replaceWith(sourceBadge(s));
            }
          } catch (err) {
            if (seq !== previewSeq) return;
            scoreNode.dataset.state = 'error';
            scoreNode.title = `The score could not be worked out: ${err.message}`;
          }
        };
        form.addEventListener('change', refresh);
        form.addEventListener('submit', async (e) => {
          e.preventDefault();
          save.disabled = true;
          saveStatus.dataset.state = 'saving';
          saveStatus.textContent = 'Saving…';
          const payload = choices();
          try {
            const answer = await api(url, { method: 'PUT', body: payload });
            review = answer && answer.scores ? answer : await api(url);
            dirty = false;
            previewSeq++;
            draw();
            const st = panel.querySelector('#qa-save-status');
            st.dataset.state = 'saved';
            st.textContent = `Saved at ${fmt.timeSec(new Date().toISOString())}`;
            E.toast('Review saved');
          } catch (err) {
            save.disabled = false;
            saveStatus.dataset.state = 'error';
            saveStatus.textContent = err.status === 403 ? `Access denied — your role (${E.session.role}) cannot save reviews.` : `Not saved: ${err.message}`;
          }
        });
        panel.append(form);
      } else {
        panel.append(criteria);
      }
      panel.append(notesSection(r.notes || []));
      setNoteMarkers(r.notes || []);
    }

    function notesSection(notes) {
      const sorted = [...notes].sort((a, b) => (a.atSeconds ?? 0) - (b.atSeconds ?? 0));
      const list = el('ol', { class: 'notes', id: 'qa-notes', 'data-testid': 'qa-notes' }, sorted.map((n) => el('li', { 'data-testid': 'qa-note' },
        isNum(n.atSeconds) ? el('button', { type: 'button', class: 'time-link', 'data-testid': 'seek-link', 'data-seconds': String(n.atSeconds), onclick: () => seek(n.atSeconds) }, fmt.clock(n.atSeconds)) : null,
        ' ', el('span', { class: 'note-text' }, n.text),
        el('span', { class: 'muted small' }, ` — ${n.author || 'unknown'}, ${fmt.dateTime(n.createdAt)}`))));
      const section = el('section', { class: 'notes-section', 'aria-labelledby': 'qa-notes-title' }, el('h3', { id: 'qa-notes-title' }, `Notes (${notes.length})`),
        notes.length ? list : el('p', { class: 'muted', id: 'qa-notes-empty' }, 'No notes yet.'));
      if (!notes.length) section.append(list);
      list.hidden = !notes.length;
      if (editable) {
        const text = el('textarea', { id: 'qa-note-text', 'data-testid': 'qa-note-text', rows: '2', required: true, maxlength: '2000' });
        const add = el('button', { type: 'submit', id: 'qa-note-add', 'data-testid': 'qa-note-add' }, `Add note at ${fmt.clock(noteAt)}`);
        const status = el('span', { role: 'status', id: 'qa-note-status', class: 'save-status' });
        const form = el('form', { id: 'qa-note-form', class: 'note-form' },
          el('label', { for: text.id }, 'New note at ', el('output', { id: 'qa-note-at' }, fmt.clock(noteAt)),
            el('button', { type: 'button', class: 'link', onclick: () => { noteTouched = false; noteAt = currentTime(); updateNoteAt(); } }, 'use current time')),
          text, el('div', { class: 'actions' }, add, status));
        text.addEventListener('input', () => { noteTouched = text.value.length > 0 || noteTouched; });
        form.addEventListener('submit', async (e) => {
          e.preventDefault();
          if (!text.value.trim()) return;
          add.disabled = true;
          status.textContent = 'Adding…';
          try {
            const note = await api(`${url}/notes`, { method: 'POST', body: { atSeconds: Math.round(noteAt * 10) / 10, text: text.value.trim() } });
            review.notes = [...(review.notes || []), note && note.text ? note : { atSeconds: noteAt, text: text.value.trim(), author: E.session.username, createdAt: new Date().toISOString() }];
            noteTouched = false;
            section.replaceWith(notesSection(review.notes));
            setNoteMarkers(review.notes);
            panel.querySelector('#qa-note-status').textContent = 'Note added';
          } catch (err) {
            add.disabled = false;
            status.textContent = err.status === 403 ? `Access denied — your role (${E.session.role}) cannot add notes.` : `Not added: ${err.message}`;
          }
        });
        section.append(form);
      }
      return section;
    }

    load();
    return {
      unsaved: () => dirty,
      cleanup() { stopped = true; window.removeEventListener('beforeunload', beforeUnload); },
    };
  }

  E.pages.qa = { title: 'QA', render };
  E.qa = { reviewPanel, describeAuto };
})();
