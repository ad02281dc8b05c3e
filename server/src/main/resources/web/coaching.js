// Earshot web UI: coaching. The team overview (#/coaching): every agent against the team, outliers
// and the patterns behind low CSAT and repeat calls; one agent (#/coaching/AGENT): week-by-week
// small multiples of agent vs team, and example calls that open at the moment that matters.
'use strict';

(() => {
  const E = window.Earshot;
  const { el, api, fmt, isNum } = E;

  const METRICS = {
    calls: { label: 'Calls', short: 'Calls', f: (v) => fmt.int(v), count: true },
    analysedCalls: { label: 'Analysed calls (behind the speech figures)', short: 'Analysed', f: (v) => fmt.int(v), count: true },
    wordsPerMinute: { label: 'Words per minute', short: 'Words/min', f: (v) => fmt.int(v) },
    syllablesPerSecond: { label: 'Syllables per second', short: 'Syll./s', f: (v) => fmt.num(v) },
    interruptionsPerCall: { label: 'Interruptions per call', short: 'Interrupt./call', f: (v) => fmt.num(v), count: true },
    agentTalkRatio: { label: 'Agent talk share', short: 'Talk share', f: (v) => fmt.pct(v, 0), chartScale: 100 },
    deadAirSecondsPerCall: { label: 'Dead air per call', short: 'Dead air/call', f: (v) => isNum(v) ? `${fmt.num(v)} s` : fmt.DASH, seconds: true },
    customerSentiment: { label: 'Customer mood', short: 'Cust. mood', f: (v) => fmt.signed(v) },
    agentSentiment: { label: 'Agent mood', short: 'Agent mood', f: (v) => fmt.signed(v) },
    csat: { label: 'CSAT (1–5)', short: 'CSAT', f: (v) => fmt.num(v) },
    ahtSeconds: { label: 'Handle time (AHT)', short: 'AHT', f: (v) => fmt.duration(v), seconds: true },
  };
  const tickFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
  const metric = (key) => METRICS[key] || { label: key, f: (v) => fmt.num(v, 2) };
  /** Counts are their own sample; every other figure is a mean over some calls, and says how many. */
  const totals = new Set(['calls', 'analysedCalls']);
  function sample(metrics, key) {
    const n = metrics?.samples?.[key];
    if (totals.has(key) || !isNum(n)) return null;
    return el('small', { class: 'sample muted', 'data-testid': 'coaching-sample', 'data-metric': key, title: `over ${fmt.int(n)} call${n === 1 ? '' : 's'}` }, ` n=${fmt.int(n)}`);
  }
  const effectWord = (d) => !isNum(d) ? '' : Math.abs(d) < 0.2 ? 'negligible' : Math.abs(d) < 0.5 ? 'small' : Math.abs(d) < 0.8 ? 'medium' : 'large';

  function tabs(view, active, agent) {
    const list = [{ key: 'team', label: 'Team', href: '#/coaching', testid: 'coaching-tab-team' }];
    if (agent) list.push({ key: 'agent', label: agent, href: E.href(['coaching', agent]), testid: 'coaching-tab-agent' });
    return E.tabbed(view, { title: agent ? `Coaching: ${agent}` : 'Coaching', tabs: list, active, testid: 'page-coaching' });
  }

  function render(view, route) {
    const agent = route.path[1];
    const t = tabs(view, agent ? 'agent' : 'team', agent);
    return agent ? agentView(t, agent, route) : teamView(t, route);
  }

  function rangeBar(t, params, path) {
    const from = params.get('from') || E.daysAgo(29);
    const to = params.get('to') || E.today();
    const range = E.dateRange({ prefix: 'coaching', from, to, presets: ['30d', '90d'], onChange: (r) => E.go(path, r) });
    t.body.append(el('div', { class: 'toolbar card' }, range));
    return { from, to };
  }

  /** "Interrupts more than the team: 2.3 vs 0.9 (z = 2.1)". */
  function outlierText(o) {
    const m = metric(o.metric);
    return `${o.label || m.label} ${o.direction === 'high' ? 'higher' : 'lower'} than the team: ${m.f(o.value)} vs ${m.f(o.team)}${isNum(o.zScore) ? ` (z = ${fmt.num(o.zScore)})` : ''}`;
  }

  // ================================================================ team
  function teamView(t, route) {
    const { from, to } = rangeBar(t, route.params, 'coaching');
    const error = el('p', { class: 'error', role: 'alert', hidden: true });
    const tableCard = el('section', { class: 'card', 'aria-labelledby': 'coaching-team-title' }, el('h2', { id: 'coaching-team-title' }, 'Agents against the team'),
      el('p', { class: 'muted small' }, 'Marked cells (▲ higher, ▼ lower) stand out from the team. “—” means not measured (for example no surveys).'));
    const tableBox = el('div', { id: 'coaching-team' });
    tableCard.append(tableBox);
    const outliersCard = el('section', { class: 'card', 'aria-labelledby': 'coaching-outliers-title' }, el('h2', { id: 'coaching-outliers-title' }, 'What stands out'));
    const outliersBox = el('div', { id: 'coaching-outliers', 'data-testid': 'coaching-outliers' });
    outliersCard.append(outliersBox);
    const patternsCard = el('section', { class: 'card', 'aria-labelledby': 'coaching-patterns-title' }, el('h2', { id: 'coaching-patterns-title' }, 'Patterns'),
      el('p', { class: 'muted small' }, 'How calls that went badly differ from the others. d is the effect size: about 0.2 small, 0.5 medium, 0.8 large.'));
    const patternsBox = el('div', { id: 'coaching-patterns', 'data-testid': 'coaching-patterns', class: 'patterns' });
    patternsCard.append(patternsBox);
    t.body.append(error, tableCard, el('div', { class: 'two-col' }, outliersCard, patternsCard));
    const charts = [];
    const controller = new AbortController();

    (async () => {
      tableBox.append(E.loading());
      try {
        const data = await api(`/api/coaching/agents${E.qs({ from, to })}`, { signal: controller.signal });
        team(data);
      } catch (err) {
        tableBox.replaceChildren();
        E.showError(err, { container: t.page, errorNode: error, what: E.WHAT.coaching });
        return;
      }
      patternsBox.append(E.loading('Looking for patterns…'));
      try {
        const data = await api(`/api/coaching/patterns${E.qs({ from, to })}`, { signal: controller.signal });
        patterns(data);
      } catch (err) {
        patternsBox.replaceChildren();
        E.showError(err, { container: patternsBox });
      }
    })();

    function team(data) {
      const agents = data.agents || [];
      const keys = Object.keys(METRICS);
      const cell = (row, key) => {
        const v = row.metrics?.[key];
        const o = (row.outliers || []).find((x) => x.metric === key);
        if (!o) return el('span', {}, metric(key).f(v), isNum(v) ? sample(row.metrics, key) : null);
        return el('span', { class: `outlier ${o.direction}`, title: outlierText(o) }, `${o.direction === 'high' ? '▲' : '▼'} ${metric(key).f(v)}`,
          sample(row.metrics, key), el('span', { class: 'visually-hidden' }, ` (${o.direction === 'high' ? 'higher' : 'lower'} than the team)`));
      };
      const teamRow = { agent: 'Team', metrics: data.team || {}, outliers: [], isTeam: true };
      const table = E.sortableTable({
        columns: [
          { key: 'agent', label: 'Agent', value: (r) => r.isTeam ? '' : r.agent, render: (r) => r.isTeam ? el('strong', {}, 'Whole team') : el('a', { href: E.href(['coaching', r.agent], { from, to }), 'data-testid': 'coaching-agent-link' }, r.agent) },
          ...keys.map((k) => ({ key: k, label: metric(k).short, title: metric(k).label, numeric: true, value: (r) => r.isTeam ? null : r.metrics?.[k] ?? null, render: (r) => cell(r, k) })),
        ],
        rows: agents, sortKey: 'agent', sortDir: 'ascending', caption: 'Coaching figures per agent', testid: 'coaching-team-table', rowTestid: 'coaching-row', emptyText: 'No calls in this period.',
      });
      const tbody = table.node.querySelector('tbody');
      const teamTr = () => el('tr', { class: 'team-row' }, el('th', { scope: 'row' }, 'Whole team'), keys.map((k) => el('td', { class: 'num' },
        metric(k).f(teamRow.metrics[k]), isNum(teamRow.metrics[k]) ? sample(teamRow.metrics, k) : null)));
      const foot = el('tfoot', {}, teamTr());
      table.node.append(foot);
      tbody.dataset.rows = String(agents.length);
      tableBox.replaceChildren(E.scroller(table.node), el('p', { class: 'muted small', id: 'coaching-min-sample', 'data-testid': 'coaching-min-sample' },
        `n is the number of calls behind a figure. A figure is compared with the team (▲ ▼, z-score) only when it stands on at least ${fmt.int(data.minSample)} calls: fewer are shown, not judged.`));

      const items = agents.flatMap((a) => (a.outliers || []).map((o) => ({ agent: a.agent, o })))
        .sort((x, y) => Math.abs(y.o.zScore || 0) - Math.abs(x.o.zScore || 0));
      outliersBox.replaceChildren(items.length ? el('ul', { class: 'outliers' }, items.slice(0, 20).map(({ agent, o }) => el('li', { 'data-testid': 'coaching-outlier' },
        el('a', { href: E.href(['coaching', agent], { from, to }) }, agent), ': ', el('span', { class: `dir ${o.direction}` }, o.direction === 'high' ? '▲' : '▼'), ' ', outlierText(o))))
        : E.empty('Nobody stands out from the team in this period.'));
    }

    function patterns(data) {
      const groups = [['lowCsat', 'Calls with low CSAT'], ['repeatCalls', 'Calls followed by a repeat call']];
      patternsBox.replaceChildren();
      for (const [key, subject] of groups) {
        const p = data[key];
        if (!p) continue;
        const section = el('section', { class: 'pattern', 'data-testid': `pattern-${key}` }, el('h3', {}, subject));
        if (p.definition) section.append(el('p', { class: 'muted small' }, p.definition, isNum(p.lowCalls) ? ` (${fmt.int(p.lowCalls)} such calls against ${fmt.int(p.highCalls)} others)` : ''));
        const cues = [...(p.cues || [])].sort((a, b) => Math.abs(b.effectSize || 0) - Math.abs(a.effectSize || 0));
        if (!cues.length) { section.append(E.empty(p.note || 'Not enough calls to compare.')); patternsBox.append(section); continue; }
        if (p.note) section.append(el('p', { class: 'notice small' }, p.note));
        section.append(el('ul', { class: 'pattern-list' }, cues.map((c) => {
          const m = metric(c.metric);
          const diff = isNum(c.difference) ? c.difference : (isNum(c.low) && isNum(c.high) ? c.low - c.high : null);
          const label = (c.label || m.label).toLowerCase();
          const amount = isNum(diff) ? fmt.num(Math.abs(diff), Math.abs(diff) >= 10 ? 0 : 1) : '';
          const sentence = !isNum(diff) ? `${subject}: ${label} ${m.f(c.low)} against ${m.f(c.high)}`
            : m.count ? `${subject} had ${amount} ${diff >= 0 ? 'more' : 'fewer'} ${label}`
              : m.seconds ? `${subject} had ${amount} s ${diff >= 0 ? 'more' : 'less'} ${label}`
                : `${subject} had a ${diff >= 0 ? 'higher' : 'lower'} ${label}`;
          return el('li', { 'data-testid': 'pattern-cue' }, sentence,
            el('span', { class: 'muted' }, ` (${m.f(c.low)} against ${m.f(c.high)}${isNum(c.effectSize) ? `; d = ${fmt.num(c.effectSize)}, ${effectWord(c.effectSize)}` : ''})`));
        })));
        const canvas = el('canvas', { role: 'img', 'aria-label': `Effect sizes for ${subject.toLowerCase()}; the list above says the same` });
        const box = el('div', { class: 'chart-box' }, canvas);
        box.style.height = `${Math.max(120, cues.length * 28 + 40)}px`;
        section.append(box);
        patternsBox.append(section);
        const c = E.chart(canvas, {
          type: 'bar',
          data: { labels: cues.map((x) => x.label || metric(x.metric).label), datasets: [{ label: 'Effect size (d)', data: cues.map((x) => x.effectSize ?? 0),
            backgroundColor: cues.map((x) => (x.effectSize ?? 0) < 0 ? E.COLORS.asa : E.COLORS.abandoned) }] },
          options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { suggestedMin: -1, suggestedMax: 1, title: { display: true, text: 'effect size d (positive: higher in these calls)' } } } },
        });
        if (c) charts.push(c);
      }
      if (!patternsBox.children.length) patternsBox.append(E.empty('No patterns for this period.'));
    }

    return { cleanup() { controller.abort(); charts.forEach((c) => c.destroy()); }, update: () => false };
  }

  // ================================================================ one agent
  function agentView(t, agent, route) {
    const { from, to } = rangeBar(t, route.params, ['coaching', agent]);
    const error = el('p', { class: 'error', role: 'alert', hidden: true });
    const outliersBox = el('section', { class: 'card', id: 'coaching-agent-outliers', 'aria-labelledby': 'coaching-agent-outliers-title' },
      el('h2', { id: 'coaching-agent-outliers-title' }, 'Where this agent differs from the team'));
    const grid = el('div', { class: 'small-multiples', id: 'coaching-charts', 'data-testid': 'coaching-charts' });
    t.body.append(error, outliersBox, el('h2', {}, 'Week by week, agent against the team'), grid);
    const charts = [];
    const controller = new AbortController();

    (async () => {
      grid.append(E.loading());
      let data;
      try {
        data = await api(`/api/coaching/agents/${encodeURIComponent(agent)}${E.qs({ from, to })}`, { signal: controller.signal });
      } catch (err) {
        grid.replaceChildren();
        if (err.status === 404) { grid.append(E.empty(`No calls by ${agent} in this period.`)); return; }
        E.showError(err, { container: t.page, errorNode: error, what: E.WHAT.coaching });
        return;
      }
      show(data);
    })();

    const exampleLink = (x) => el('a', { href: E.callHref(x.callId, x.at), 'data-testid': 'coaching-example' },
      `${fmt.dateTime(x.startedAt)}${isNum(x.at) ? ` at ${fmt.clock(x.at)}` : ''}`);

    function show(data) {
      const outliers = data.outliers || [];
      if (!outliers.length) {
        outliersBox.append(E.empty(`Nothing stands out: this agent is close to the team on every measure that stands on at least ${fmt.int(data.minSample)} calls.`));
      }
      else {
        outliersBox.append(el('ul', { class: 'outlier-cards' }, outliers.map((o) => el('li', { class: `outlier-card ${o.direction}`, 'data-testid': 'coaching-outlier' },
          el('p', { class: 'outlier-head' }, el('span', { class: `dir ${o.direction}` }, o.direction === 'high' ? '▲' : '▼'), ' ', outlierText(o)),
          (o.examples || []).length ? el('ul', { class: 'examples' }, o.examples.map((x) => el('li', {}, exampleLink(x),
            x.why ? ` — ${x.why}` : '', isNum(x.value) ? el('span', { class: 'muted' }, ` (${metric(o.metric).f(x.value)})`) : null))) : el('p', { class: 'muted small' }, 'No example calls.')))));
      }
      const weeks = data.weeks || [];
      grid.replaceChildren();
      if (!weeks.length) { grid.append(E.empty('No weekly figures for this period.')); return; }
      const labels = weeks.map((w) => w.start ? `wk of ${fmt.shortDate(`${w.start.slice(0, 10)}T12:00:00`)}` : w.week);
      grid.before(el('p', { class: 'chart-key', 'aria-hidden': 'true' },
        el('span', { class: 'key-agent' }, agent), el('span', { class: 'key-team' }, 'whole team')));
      for (const key of Object.keys(METRICS)) {
        const m = metric(key);
        const scale = m.chartScale || 1;
        const agentValues = weeks.map((w) => isNum(w.agent?.[key]) ? w.agent[key] * scale : null);
        // The team's call count is a total, not comparable with one agent's: that chart shows the agent alone.
        const comparable = !totals.has(key);
        const teamValues = weeks.map((w) => comparable && isNum(w.team?.[key]) ? w.team[key] * scale : null);
        const measured = agentValues.some(isNum) || teamValues.some(isNum);
        const o = outliers.find((x) => x.metric === key);
        const canvas = el('canvas', { role: 'img', 'aria-label': `${m.label} per week: ${agent} ${m.f(data.metrics?.[key])}, team ${m.f(data.team?.[key])}` });
        const examples = (data.examples?.[key] || []).slice(0, 3);
        const card = el('figure', { class: `card small-chart${o ? ` flagged ${o.direction}` : ''}`, 'data-testid': 'coaching-chart', 'data-metric': key },
          el('figcaption', {}, el('span', { class: 'metric-name' }, m.label), el('span', { class: 'metric-values' }, el('span', { class: 'visually-hidden' }, `${agent}: `),
            el('strong', { class: 'agent-value' }, m.f(data.metrics?.[key])), sample(data.metrics, key),
            el('span', { class: 'muted' }, ` · team ${comparable ? '' : 'total '}${m.f(data.team?.[key])}`), sample(data.team, key))),
          measured ? el('div', { class: 'chart-box short' }, canvas) : el('p', { class: 'muted' }, 'Not measured in this period.'),
          examples.length ? el('p', { class: 'small' }, 'Examples: ', examples.map((x, i) => [i ? ', ' : '', exampleLink(x)])) : null);
        grid.append(card);
        if (!measured) continue;
        const c = E.chart(canvas, {
          type: 'line',
          data: { labels, datasets: [
            { label: agent, data: agentValues, borderColor: E.COLORS.customer, backgroundColor: E.COLORS.customer, spanGaps: true, tension: 0, pointRadius: 3 },
            { label: 'Team', data: teamValues, borderColor: E.COLORS.team, backgroundColor: E.COLORS.team, borderDash: [5, 4], spanGaps: true, tension: 0, pointRadius: 2 },
          ] },
          options: {
            interaction: { mode: 'index', intersect: false },
            plugins: { legend: { display: false },
              tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${m.f(ctx.parsed.y / scale)}` } } },
            scales: { x: { ticks: { maxRotation: 0, autoSkip: true, font: { size: 10 } }, grid: { display: false } },
              y: { ticks: { font: { size: 10 }, maxTicksLimit: 5, callback: key === 'ahtSeconds' ? (v) => fmt.clock(v) : (v) => tickFormat.format(v) } } },
          },
        });
        if (c) charts.push(c);
      }
    }
    return { cleanup() { controller.abort(); charts.forEach((c) => c.destroy()); }, update: () => false };
  }

  E.pages.coaching = { title: 'Coaching', render };
})();
