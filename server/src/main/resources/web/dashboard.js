// Earshot web UI: the KPI dashboard (#/dashboard?from=&to=&queue=&agent=&groupBy=day): today's tiles,
// tiles for a chosen period, charts over time, and sortable per-queue and per-agent tables with CSV.
'use strict';

(() => {
  const E = window.Earshot;
  const { el, api, fmt, isNum, COLORS } = E;

  /** The headline figures, in the order a supervisor reads them. */
  const TILES = [
    ['offered', 'Offered', (r) => fmt.int(r.offered), (r) => r.shortAbandoned ? `+ ${fmt.int(r.shortAbandoned)} short abandons` : ''],
    ['answered', 'Answered', (r) => fmt.int(r.answered), (r) => r.offered ? fmt.pct(r.answered / r.offered, 0) + ' of offered' : ''],
    ['abandoned', 'Abandoned', (r) => fmt.int(r.abandoned), (r) => isNum(r.abandonRate) ? `${fmt.pct(r.abandonRate)} abandon rate` : ''],
    ['serviceLevel', 'Service level', (r) => fmt.pct(r.serviceLevel, 0), () => 'answered in target time'],
    ['asaSeconds', 'ASA', (r) => fmt.durationShort(r.asaSeconds), (r) => isNum(r.maxWaitSeconds) ? `longest wait ${fmt.duration(r.maxWaitSeconds)}` : 'average speed of answer'],
    ['ahtSeconds', 'AHT', (r) => fmt.durationShort(r.ahtSeconds), () => 'average handle time'],
    ['fcr', 'FCR', (r) => fmt.pct(r.fcr, 0), () => 'first-call resolution'],
    ['csat', 'CSAT', (r) => isNum(r.csat) ? `${fmt.num(r.csat)} / 5` : fmt.DASH, (r) => r.surveys ? `${fmt.int(r.surveys)} surveys` : 'no surveys'],
    ['nps', 'NPS', (r) => isNum(r.nps) ? fmt.signed(r.nps, 0) : fmt.DASH, () => 'promoters − detractors'],
    ['occupancy', 'Occupancy', (r) => fmt.pct(r.occupancy, 0), () => 'busy share of logged-in time'],
    ['flaggedCalls', 'Flagged', (r) => fmt.int(r.flaggedCalls), () => 'calls flagged by speech analysis'],
  ];

  /**
   * A figure as a link to exactly the calls it counts (the row's `links`, from the server), or as it
   * is when it has none (occupancy comes from agent states, not calls).
   */
  function figure(row, key, content, testid) {
    const link = row?.links?.[key];
    if (!link) return content;
    return el('a', { href: E.searchHrefFromApiLink(link), class: 'figure-link', 'data-testid': testid || `kpi-link-${key}`,
      title: 'Show the calls behind this figure' }, content);
  }

  function tiles(container, row, prefix) {
    const r = row || {};
    container.replaceChildren(...TILES.map(([key, label, value, sub]) => el('div', { class: `tile tile-${key}`, 'data-testid': `${prefix}-${key}` },
      el('span', { class: 'tile-label' }, label),
      el('span', { class: 'tile-value' }, row ? figure(row, key, value(r), `${prefix}-${key}-link`) : fmt.DASH),
      el('span', { class: 'tile-sub' }, row ? sub(r) || '' : ''))));
  }

  /** A table column whose cells open the calls behind each row's figure. */
  const linked = (col) => ({ ...col, render: (r) => figure(r, col.key, col.render(r)) });

  /** Columns of the per-queue and per-agent tables. */
  function columns(groupLabel, withOccupancy) {
    const byAgent = withOccupancy;
    const cols = [
      { key: 'key', label: groupLabel, render: (r) => r.key || `(no ${groupLabel.toLowerCase()})` },
      { key: 'offered', label: 'Offered', numeric: true, render: (r) => fmt.int(r.offered) },
      { key: 'answered', label: 'Answered', numeric: true, render: (r) => fmt.int(r.answered) },
      // Per agent, answered counts calls transferred to them, which nobody offered them: say how many.
      byAgent ? { key: 'transferredIn', label: 'Transferred in', numeric: true, title: 'Calls this agent took over by a transfer: answered by them, not offered to them', render: (r) => fmt.int(r.transferredIn ?? 0) } : null,
      { key: 'abandoned', label: 'Abandoned', numeric: true, render: (r) => fmt.int(r.abandoned) },
      { key: 'abandonRate', label: 'Abandon %', numeric: true, render: (r) => fmt.pct(r.abandonRate) },
      { key: 'serviceLevel', label: 'Service level', numeric: true, render: (r) => fmt.pct(r.serviceLevel, 0) },
      { key: 'asaSeconds', label: 'ASA', numeric: true, render: (r) => fmt.duration(r.asaSeconds) },
      { key: 'ahtSeconds', label: 'AHT', numeric: true, render: (r) => fmt.duration(r.ahtSeconds) },
      { key: 'maxWaitSeconds', label: 'Longest wait', numeric: true, render: (r) => fmt.duration(r.maxWaitSeconds) },
      { key: 'fcr', label: 'FCR', numeric: true, render: (r) => fmt.pct(r.fcr, 0) },
      { key: 'csat', label: 'CSAT', numeric: true, render: (r) => fmt.num(r.csat) },
      { key: 'nps', label: 'NPS', numeric: true, render: (r) => isNum(r.nps) ? fmt.signed(r.nps, 0) : fmt.DASH },
    ];
    if (withOccupancy) cols.push({ key: 'occupancy', label: 'Occupancy', numeric: true, render: (r) => fmt.pct(r.occupancy, 0) });
    cols.push({ key: 'flaggedCalls', label: 'Flagged', numeric: true, render: (r) => fmt.int(r.flaggedCalls) });
    cols.push({ key: 'calls', label: 'Calls', sortable: false, render: (r) => r.calls ? el('a', { href: E.searchHrefFromApiLink(r.calls), 'data-testid': 'kpi-calls-link' }, 'list') : '' });
    return cols.filter(Boolean).map((c) => c.key === 'key' || c.key === 'calls' ? c : linked(c));
  }

  /** A bucket key as a short label. Day and hour keys are in the server's KPI time zone: shown as they are. */
  function bucketLabel(key, groupBy, multiDay) {
    if (groupBy === 'day') { const [y, m, d] = key.split('-').map(Number); return fmt.shortDate(new Date(y, m - 1, d)); }
    if (groupBy === 'month') { const [y, m] = key.split('-').map(Number); return new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' }).format(new Date(y, m - 1, 1)); }
    const time = key.slice(11, 16);
    if (!multiDay) return time;
    const [y, m, d] = key.slice(0, 10).split('-').map(Number);
    return `${fmt.shortDate(new Date(y, m - 1, d))} ${time}`;
  }
  /** Days with no calls are rows the API leaves out; the chart shows them as zero. */
  function fillDays(rows, from, to) {
    if (!from || !to || from > to) return rows;
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const out = [];
    const [y, m, d] = from.split('-').map(Number);
    for (let day = new Date(y, m - 1, d), n = 0; E.isoDay(day) <= to && n < 400; day.setDate(day.getDate() + 1), n++) {
      const key = E.isoDay(day);
      out.push(byKey.get(key) || { key, offered: 0, answered: 0, abandoned: 0 });
    }
    return out;
  }

  /** Hours of one day with no calls are left out by the API; between the first and last busy hour they show as zero. */
  function fillHours(rows) {
    const keys = rows.map((r) => r.key);
    const m = /^(\d{4}-\d{2}-\d{2}T)(\d{2})(:.*)$/;
    const parts = keys.map((k) => m.exec(k));
    if (parts.length < 2 || parts.some((p) => !p || p[1] !== parts[0][1] || p[3] !== parts[0][3])) return rows; // several days or a DST change
    const byHour = new Map(parts.map((p, i) => [Number(p[2]), rows[i]]));
    const hours = [...byHour.keys()];
    const out = [];
    for (let h = Math.min(...hours); h <= Math.max(...hours); h++) {
      out.push(byHour.get(h) || { key: `${parts[0][1]}${String(h).padStart(2, '0')}${parts[0][3]}`, offered: 0, answered: 0, abandoned: 0 });
    }
    return out;
  }

  function render(view, route) {
    const page = E.template('dashboard');
    view.append(page);
    const $ = (s) => page.querySelector(s);
    let params = route.params;
    let charts = [];
    let controller = null;
    let todayTimer = null;

    const settings = () => ({
      from: params.get('from') || E.daysAgo(6), to: params.get('to') || E.today(),
      queue: params.get('queue') || '', agent: params.get('agent') || '', groupBy: params.get('groupBy') || 'day',
    });
    const range = E.dateRange({ prefix: 'dash', from: settings().from, to: settings().to, presets: ['today', '7d', '30d', '90d'], onChange: () => submit() });
    $('#dash-range-slot').replaceWith(range);
    const form = $('#dash-form');
    function submit() {
      const data = new FormData(form);
      const next = new URLSearchParams();
      for (const k of ['from', 'to', 'queue', 'agent', 'groupBy']) { const v = String(data.get(k) || '').trim(); if (v) next.set(k, v); }
      // One day by day is a single bar: show it by hour instead.
      if (next.get('from') && next.get('from') === next.get('to') && next.get('groupBy') === 'day') next.set('groupBy', 'hour');
      if (E.href('dashboard', next) === location.hash) load(); else E.go('dashboard', next);
    }
    form.addEventListener('submit', (e) => { e.preventDefault(); submit(); });

    function fillForm() {
      const s = settings();
      range.setRange(s.from, s.to);
      $('#dash-queue').value = s.queue;
      $('#dash-agent').value = s.agent;
      $('#dash-group').value = s.groupBy;
      $('#dash-range-title').textContent = s.from === s.to ? `Selected day: ${fmt.date(`${s.from}T12:00:00`)}`
        : `Selected period: ${fmt.date(`${s.from}T12:00:00`)} – ${fmt.date(`${s.to}T12:00:00`)}`;
    }

    async function loadToday() {
      try {
        const day = E.today();
        const data = await api(`/api/kpis${E.qs({ from: day, to: day, groupBy: 'none' })}`);
        tiles($('#dash-today'), data.rows[0] || { offered: 0, answered: 0, abandoned: 0 }, 'today');
        $('#dash-today-updated').textContent = `updated ${fmt.time(new Date().toISOString())}`;
        if (data.timeZone) $('#dash-zone').textContent = `Days and hours in the call center's time zone (${data.timeZone}).`;
      } catch (err) {
        if (err.status === 403) clearInterval(todayTimer);
        if (!$('#dash-error')) return; // the page already says access denied
        E.showError(err, { container: page, errorNode: $('#dash-error'), what: E.WHAT.dashboard });
      }
    }

    async function load() {
      controller?.abort();
      controller = new AbortController();
      const s = settings();
      const base = { from: s.from, to: s.to, queue: s.queue, agent: s.agent };
      $('#dash-error').hidden = true;
      tiles($('#dash-range'), null, 'range');
      $('#dash-queues').replaceChildren(E.loading());
      $('#dash-agents').replaceChildren(E.loading());
      for (const [id, group] of [['#dash-queues-csv', 'queue'], ['#dash-agents-csv', 'agent'], ['#dash-series-csv', s.groupBy]]) {
        $(id).href = `/api/kpis.csv${E.qs({ ...base, groupBy: group })}`;
      }
      const get = (groupBy) => api(`/api/kpis${E.qs({ ...base, groupBy })}`, { signal: controller.signal });
      let total; let series; let queues; let agents;
      try {
        [total, series, queues, agents] = await Promise.all([get('none'), get(s.groupBy), get('queue'), get('agent')]);
      } catch (err) {
        if (err.name === 'AbortError' || !$('#dash-error')) return;
        $('#dash-queues').replaceChildren();
        $('#dash-agents').replaceChildren();
        E.showError(err, { container: page, errorNode: $('#dash-error'), what: E.WHAT.dashboard });
        return;
      }
      tiles($('#dash-range'), total.rows[0] || { offered: 0, answered: 0, abandoned: 0 }, 'range');
      $('#dash-rebuilding').hidden = total.rollups !== 'rebuilding';
      drawSeries(s, s.groupBy === 'day' ? fillDays(series.rows, s.from, s.to) : s.groupBy === 'hour' ? fillHours(series.rows) : series.rows);
      const queueTable = E.sortableTable({ columns: columns('Queue'), rows: queues.rows, sortKey: 'offered', caption: 'KPIs per queue', testid: 'kpi-queue-table', id: 'kpi-queue-table', rowTestid: 'kpi-row', emptyText: 'No calls in this period.' });
      const agentTable = E.sortableTable({ columns: columns('Agent', true), rows: agents.rows, sortKey: 'answered', caption: 'KPIs per agent', testid: 'kpi-agent-table', id: 'kpi-agent-table', rowTestid: 'kpi-row', emptyText: 'No calls in this period.' });
      $('#dash-queues').replaceChildren(E.scroller(queueTable.node));
      const transfers = agents.rows.reduce((n, r) => n + (r.transferredIn || 0), 0);
      $('#dash-agents').replaceChildren(E.scroller(agentTable.node), transfers ? el('p', { class: 'muted small', id: 'dash-agents-transfers', 'data-testid': 'kpi-transfer-note' },
        `Answered includes ${fmt.int(transfers)} call${transfers === 1 ? '' : 's'} transferred to another agent (“Transferred in”): `
        + 'the receiving agent answered them but nobody offered them to that agent, so an agent’s answered can pass their offered.') : '');
      E.agentTime?.render($('#dash-agent-time'), agents.rows);
      $('#dash-queue-list').replaceChildren(...queues.rows.filter((r) => r.key).map((r) => el('option', { value: r.key })));
      $('#dash-agent-list').replaceChildren(...agents.rows.filter((r) => r.key).map((r) => el('option', { value: r.key })));
    }

    function drawSeries(s, rows) {
      if (!E.chartsAvailable()) $('#dash-series-details').open = true;
      charts.forEach((c) => c.destroy());
      charts = [];
      const multiDay = s.from !== s.to;
      const labels = rows.map((r) => bucketLabel(r.key, s.groupBy, multiDay));
      const ticksAsClock = { callback: (v) => fmt.clock(v) };
      const pctAxis = { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } };
      const base = (extra = {}) => ({
        responsive: true, interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } }, scales: { x: { grid: { display: false } }, ...extra },
      });
      const add = (id, config) => { const c = E.chart($(id), config); if (c) charts.push(c); };
      add('#chart-volume', {
        type: 'bar',
        data: { labels, datasets: [
          { label: 'Offered', data: rows.map((r) => r.offered ?? 0), backgroundColor: COLORS.offered },
          { label: 'Answered', data: rows.map((r) => r.answered ?? 0), backgroundColor: COLORS.answered },
          { label: 'Abandoned', data: rows.map((r) => r.abandoned ?? 0), backgroundColor: COLORS.abandoned },
        ] },
        options: base({ y: { beginAtZero: true, ticks: { precision: 0 } } }),
      });
      add('#chart-times', {
        type: 'line',
        data: { labels, datasets: [
          { label: 'AHT (handle time)', data: rows.map((r) => r.ahtSeconds ?? null), borderColor: COLORS.aht, backgroundColor: COLORS.aht, spanGaps: true, tension: 0 },
          { label: 'ASA (wait to answer)', data: rows.map((r) => r.asaSeconds ?? null), borderColor: COLORS.asa, backgroundColor: COLORS.asa, borderDash: [6, 3], spanGaps: true, tension: 0 },
        ] },
        options: { ...base({ y: { beginAtZero: true, ticks: ticksAsClock, title: { display: true, text: 'minutes:seconds' } } }),
          plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmt.duration(c.parsed.y)}` } } } },
      });
      add('#chart-sl', {
        type: 'line',
        data: { labels, datasets: [
          { label: 'Service level', data: rows.map((r) => isNum(r.serviceLevel) ? r.serviceLevel * 100 : null), borderColor: COLORS.sl, backgroundColor: COLORS.sl, spanGaps: true, tension: 0 },
          { label: 'Abandon rate', data: rows.map((r) => isNum(r.abandonRate) ? r.abandonRate * 100 : null), borderColor: COLORS.abandoned, backgroundColor: COLORS.abandoned, borderDash: [6, 3], spanGaps: true, tension: 0 },
        ] },
        options: { ...base({ y: pctAxis }),
          plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmt.num(c.parsed.y)} %` } } } },
      });
      const table = E.sortableTable({
        columns: [
          { key: 'key', label: s.groupBy === 'hour' ? 'Hour' : s.groupBy === 'month' ? 'Month' : 'Day', render: (r) => bucketLabel(r.key, s.groupBy, multiDay) },
          ...[
            { key: 'offered', label: 'Offered', numeric: true, render: (r) => fmt.int(r.offered) },
            { key: 'answered', label: 'Answered', numeric: true, render: (r) => fmt.int(r.answered) },
            { key: 'abandoned', label: 'Abandoned', numeric: true, render: (r) => fmt.int(r.abandoned) },
            { key: 'serviceLevel', label: 'Service level', numeric: true, render: (r) => fmt.pct(r.serviceLevel, 0) },
            { key: 'abandonRate', label: 'Abandon %', numeric: true, render: (r) => fmt.pct(r.abandonRate) },
            { key: 'asaSeconds', label: 'ASA', numeric: true, render: (r) => fmt.duration(r.asaSeconds) },
            { key: 'ahtSeconds', label: 'AHT', numeric: true, render: (r) => fmt.duration(r.ahtSeconds) },
          ].map(linked),
        ],
        rows, sortKey: 'key', sortDir: 'ascending', caption: 'KPIs over time', testid: 'kpi-series-table',
      });
      $('#dash-series').replaceChildren(E.scroller(table.node));
    }

    fillForm();
    loadToday();
    load();
    todayTimer = setInterval(loadToday, 60000);
    return {
      update(r) { params = r.params; fillForm(); load(); return true; },
      cleanup() { controller?.abort(); clearInterval(todayTimer); charts.forEach((c) => c.destroy()); },
    };
  }

  E.pages.dashboard = { title: 'Dashboard', render };
})();
