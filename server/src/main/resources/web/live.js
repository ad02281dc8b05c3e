// Earshot web UI: the live wall (#/live): queue tiles (waiting callers, longest wait ticking) and
// agent tiles (state colour, time in state ticking), fed by WebSocket /api/live with reconnects.
'use strict';

(() => {
  const E = window.Earshot;
  const { el, api, fmt, isNum } = E;

  const STATES = {
    available: 'Available', ringing: 'Ringing', 'on-call': 'On call', 'on-hold': 'On hold',
    'wrap-up': 'Wrap-up', paused: 'Paused', 'logged-out': 'Logged out',
  };
  /**
   * The caller's name from the CRM screen-pop (crmName, crmId), linked to the record's page (crmUrl) in a new
   * tab; null until the CRM lookup found the caller. Only http(s) links are followed.
   */
  const crmLink = (x) => {
    const label = x.crmName || x.crmId;
    if (!label) return null;
    return /^https?:\/\//i.test(x.crmUrl || '')
      ? el('a', { class: 'crm-link', 'data-testid': 'crm-link', href: x.crmUrl, target: '_blank', rel: 'noopener noreferrer', title: 'Open in the CRM' }, label)
      : el('span', { class: 'crm-name', 'data-testid': 'crm-link' }, label);
  };
  const STATE_ORDER = ['ringing', 'on-call', 'on-hold', 'wrap-up', 'available', 'paused', 'logged-out'];
  /** Longest-wait bands for queue tiles: calm under 30 s, warning to 90 s, alert beyond. */
  const WAIT_WARN = 30;
  const WAIT_ALERT = 90;
  const RECENT = 15;
  /** What the wall shows when it is not a connected Asterisk's floor (GET /api/me → liveSource). */
  const SOURCE_NOTES = {
    demo: 'Demo floor: agents and callers here are simulated; connect Asterisk (--ami-host) to see yours.',
    none: 'No Asterisk connected (--ami-host): agents and waiting callers appear here once Earshot is connected to your Asterisk manager interface.',
  };

  /** Browser clock minus server clock, when the server says its time (optional "serverTime" on a message). */
  let skewMs = 0;
  const since = (iso) => (Date.now() - skewMs - new Date(iso).getTime()) / 1000;
  /** A ticking timer: the tick below rewrites every [data-since] once a second. */
  const ticker = (iso, attrs = {}) => el('span', { ...attrs, class: `ticker ${attrs.class || ''}`, 'data-since': iso || '' },
    iso ? fmt.clock(Math.max(0, since(iso))) : fmt.DASH);

  function render(view) {
    const page = E.template('live');
    view.append(page);
    const $ = (s) => page.querySelector(s);
    const agents = new Map();
    let queues = [];
    let queueFilter = '';
    let socket = null;
    let stopped = false;
    let retry = 0;
    let retryTimer = null;
    let opened = false;
    const liveCalls = E.liveCalls?.mount($('#live-calls')); // words and sentiment of calls in progress (livecalls.js)

    // ---------------------------------------------------------------- connection
    function status(state, text) {
      const box = $('#live-connection');
      box.dataset.state = state;
      box.textContent = text;
    }
    function connect() {
      if (stopped) return;
      status(retry ? 'reconnecting' : 'connecting', retry ? 'Reconnecting…' : 'Connecting…');
      opened = false;
      socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/live`);
      socket.addEventListener('open', () => { opened = true; retry = 0; status('live', 'Live'); });
      socket.addEventListener('message', (m) => {
        let event;
        try { event = JSON.parse(m.data); } catch { return; }
        receive(event);
      });
      socket.addEventListener('close', () => {
        if (stopped) return;
        if (!opened) probe(); else schedule();
      });
    }
    /** A handshake that failed says nothing in the browser: ask the REST route why (401, 403 or down). */
    async function probe() {
      try {
        await api('/api/agents/live');
        schedule();
      } catch (err) {
        if (err.status === 403) { stopped = true; E.denied(page, E.WHAT.live, err.detail); return; }
        if (err.status === 401) return; // back to the login screen
        schedule();
      }
    }
    function schedule() {
      const wait = Math.min(30, 2 ** retry);
      retry += 1;
      status('offline', `Connection lost — retrying in ${wait} s`);
      let left = wait;
      retryTimer = setInterval(() => {
        left -= 1;
        if (left <= 0) { clearInterval(retryTimer); connect(); } else status('offline', `Connection lost — retrying in ${left} s`);
      }, 1000);
    }

    function receive(event) {
      alertStrip?.receive(event);
      if (event.serverTime && !Number.isNaN(Date.parse(event.serverTime))) skewMs = Date.now() - Date.parse(event.serverTime);
      if (event.type === 'agents') { agents.clear(); (event.agents || []).forEach((a) => agents.set(a.agent, a)); drawAgents(); drawQueues(); }
      else if (event.type === 'agent' && event.agent) { agents.set(event.agent.agent, event.agent); drawAgents(); }
      else if (event.type === 'queues') { queues = event.queues || []; drawQueues(); }
      else if (event.type === 'kpis') drawToday((event.rows || [])[0]);
      else if (event.type === 'call' && event.call) addRecent(event.call);
      liveCalls?.receive(event);
    }

    // ---------------------------------------------------------------- agents
    function agentTile(a) {
      const state = a.state || 'logged-out';
      const detail = state === 'paused' ? (a.pauseReason ? `Reason: ${a.pauseReason}` : 'No reason given')
        : a.caller ? (crmLink(a) ? ['With ', crmLink(a), ` (${a.caller})`] : `With ${a.caller}`)
        : state === 'available' ? 'Ready for a call' : '';
      const timer = ticker(a.since, { 'data-testid': 'agent-timer' });
      return el('article', {
        class: `agent-tile state-${state}`, 'data-testid': 'agent-tile', 'data-agent': a.agent, 'data-state': state,
        'aria-label': `${a.agent}: ${STATES[state] || state}${a.caller ? ` with ${a.crmName ? `${a.crmName}, ` : ''}${a.caller}` : ''}`,
      },
      el('header', {}, el('h3', { class: 'agent-name' }, a.agent), el('span', { class: 'state-pill' }, STATES[state] || state)),
      el('p', { class: 'agent-timer' }, timer, el('span', { class: 'muted' }, ' in this state')),
      el('p', { class: 'agent-detail' }, detail),
      el('p', { class: 'agent-today muted' }, a.today
        ? `${fmt.int(a.today.callsHandled)} call${a.today.callsHandled === 1 ? '' : 's'} today · ${fmt.durationShort(a.today.talkSeconds)} talk`
        : 'No calls today'),
      (a.queues || []).length ? el('p', { class: 'agent-queues muted' }, a.queues.join(', ')) : null,
      E.wallActions?.forAgent(a)); // listen/whisper/barge, pause, remove (wall-actions.js)
    }
    function drawAgents() {
      const filter = $('#live-queue-filter');
      const known = new Set([...agents.values()].flatMap((a) => a.queues || []).concat(queues.map((q) => q.queue)));
      const names = [...known].sort();
      if (names.join('\n') !== filter.dataset.names) { // rebuilt only when it changes, so an open list stays open
        filter.replaceChildren(el('option', { value: '' }, 'All queues'), ...names.map((q) => el('option', { value: q }, q)));
        filter.dataset.names = names.join('\n');
        filter.value = known.has(queueFilter) ? queueFilter : '';
      }
      const list = [...agents.values()].filter((a) => !queueFilter || (a.queues || []).includes(queueFilter))
        .sort((a, b) => (STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state)) || a.agent.localeCompare(b.agent));
      const wall = $('#live-agents');
      if (!list.length) wall.replaceChildren(E.empty(agents.size ? 'No agent in this queue.' : 'No agents logged in yet. They appear here as soon as they log in to a queue.'));
      else wall.replaceChildren(...list.map(agentTile));
      const counts = {};
      for (const a of list) counts[a.state] = (counts[a.state] || 0) + 1;
      $('#live-agent-summary').replaceChildren(...STATE_ORDER.filter((s) => counts[s]).map((s) =>
        el('span', { class: `count state-${s}`, 'data-testid': `agent-count-${s}` }, `${counts[s]} ${STATES[s].toLowerCase()}`)));
    }

    // ---------------------------------------------------------------- queues
    function queueTile(q) {
      const waiting = q.waiting ?? (q.callers || []).length;
      const callers = [...(q.callers || [])].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
      const tile = el('article', { class: 'queue-tile', 'data-testid': 'queue-tile', 'data-queue': q.queue, 'data-waiting': String(waiting) },
        el('h3', {}, q.queue),
        el('p', { class: 'waiting' }, el('span', { class: 'waiting-count', 'data-testid': 'queue-waiting' }, fmt.int(waiting)), ' waiting'),
        el('p', { class: 'longest' }, waiting ? ['Longest wait ', ticker(q.longestWaitSince, { 'data-testid': 'queue-longest-wait', class: 'strong' })] : 'Nobody waiting'),
        callers.length ? el('ol', { class: 'callers', 'aria-label': `Callers waiting in ${q.queue}` }, callers.slice(0, 6).map((c) =>
          el('li', { 'data-testid': 'queue-caller' }, el('span', { class: 'pos' }, `${c.position ?? ''}.`), ' ',
            el('span', { class: 'caller' }, crmLink(c) ? [crmLink(c), ` (${c.caller || '?'})`]
              : c.callerName ? `${c.callerName} (${c.caller || '?'})` : c.caller || 'unknown'), ' ',
            ticker(c.since, { class: 'muted' })))) : null,
        callers.length > 6 ? el('p', { class: 'muted' }, `and ${callers.length - 6} more`) : null);
      tile.dataset.longestSince = q.longestWaitSince || '';
      level(tile);
      return tile;
    }
    function level(tile) {
      const s = tile.dataset.longestSince ? since(tile.dataset.longestSince) : 0;
      const waiting = Number(tile.dataset.waiting) || 0;
      tile.dataset.level = !waiting ? 'idle' : s >= WAIT_ALERT ? 'alert' : s >= WAIT_WARN ? 'warn' : 'ok';
    }
    function drawQueues() {
      const byName = new Map(queues.map((q) => [q.queue, q]));
      for (const a of agents.values()) for (const name of a.queues || []) if (!byName.has(name)) byName.set(name, { queue: name, waiting: 0, callers: [] });
      const list = [...byName.values()].filter((q) => !queueFilter || q.queue === queueFilter)
        .sort((a, b) => (b.waiting || 0) - (a.waiting || 0) || a.queue.localeCompare(b.queue));
      const wall = $('#live-queues');
      if (!list.length) wall.replaceChildren(E.empty('No queues known yet.'));
      else wall.replaceChildren(...list.map(queueTile));
    }

    // ---------------------------------------------------------------- today, recent calls
    function drawToday(r) {
      const row = r || {};
      const tile = (key, label, value) => el('div', { class: 'tile', 'data-testid': `live-${key}` }, el('span', { class: 'tile-label' }, label), el('span', { class: 'tile-value' }, value));
      $('#live-today').replaceChildren(
        tile('offered', 'Offered today', fmt.int(row.offered ?? 0)), tile('answered', 'Answered', fmt.int(row.answered ?? 0)),
        tile('abandoned', 'Abandoned', fmt.int(row.abandoned ?? 0)), tile('sl', 'Service level', fmt.pct(row.serviceLevel, 0)),
        tile('asa', 'ASA', fmt.durationShort(row.asaSeconds)), tile('aht', 'AHT', fmt.durationShort(row.ahtSeconds)),
        tile('maxwait', 'Longest wait', fmt.durationShort(row.maxWaitSeconds)));
    }
    function addRecent(c) {
      const list = $('#live-recent');
      list.querySelector('.empty')?.closest('li')?.remove();
      list.prepend(el('li', { 'data-testid': 'live-recent-call' },
        el('time', { datetime: c.endedAt }, fmt.time(c.endedAt)), ' ',
        el('a', { href: E.callHref(c.id) }, c.caller || 'Unknown caller'),
        ` → ${[c.queue, c.agent].filter(Boolean).join(' / ') || 'no queue'}: `,
        el('span', { class: `outcome outcome-${c.outcome}` }, c.outcome || ''),
        isNum(c.waitSeconds) ? `, waited ${fmt.duration(c.waitSeconds)}` : '',
        isNum(c.talkSeconds) ? `, talked ${fmt.duration(c.talkSeconds)}` : ''));
      while (list.children.length > RECENT) list.lastElementChild.remove();
    }

    // ---------------------------------------------------------------- tick, filter, full screen
    const tick = setInterval(() => {
      for (const node of page.querySelectorAll('[data-since]')) {
        if (node.dataset.since) node.textContent = fmt.clock(Math.max(0, since(node.dataset.since)));
      }
      page.querySelectorAll('.queue-tile').forEach(level);
    }, 1000);
    $('#live-queue-filter').addEventListener('change', (e) => { queueFilter = e.target.value; drawAgents(); drawQueues(); });
    const full = $('#live-fullscreen');
    full.addEventListener('click', () => {
      if (document.fullscreenElement) document.exitFullscreen(); else page.requestFullscreen?.().catch(() => {});
    });
    const onFull = () => { full.textContent = document.fullscreenElement ? 'Exit full screen' : 'Full screen'; };
    document.addEventListener('fullscreenchange', onFull);

    // ---------------------------------------------------------------- where the wall comes from
    function drawSource(source) {
      $('#live-source')?.remove();
      const note = SOURCE_NOTES[source];
      if (note) $('.page-head').after(el('p', { id: 'live-source', class: 'notice live-source', role: 'note', 'data-testid': 'live-source', 'data-source': source }, note));
    }

    // ---------------------------------------------------------------- start: REST snapshot, then the socket
    const alertStrip = E.alerts?.mount(page); // alerts.js: the alert strip with acknowledge and sound
    $('#live-recent').replaceChildren(el('li', {}, E.empty('Calls appear here as they end.')));
    drawToday(null);
    api('/api/me').then((me) => drawSource(me?.liveSource)).catch(() => {});
    E.wallActions?.mount(page, drawAgents);
    (async () => {
      try {
        const data = await api('/api/agents/live');
        if (!agents.size) { (data.agents || []).forEach((a) => agents.set(a.agent, a)); drawAgents(); drawQueues(); }
      } catch (err) {
        if (err.status === 403) { stopped = true; socket?.close(); E.denied(page, E.WHAT.live, err.detail); return; }
        if (err.status === 401) return;
      }
      api('/api/queues/live').then((d) => { if (d?.queues) { queues = d.queues; drawQueues(); } }).catch(() => {});
      const day = E.today();
      api(`/api/kpis${E.qs({ from: day, to: day, groupBy: 'none' })}`).then((d) => drawToday(d.rows?.[0])).catch(() => {});
    })();
    $('#live-agents').replaceChildren(E.loading('Loading agents…'));
    connect();

    return {
      cleanup() {
        stopped = true;
        clearInterval(tick);
        clearInterval(retryTimer);
        liveCalls?.stop();
        document.removeEventListener('fullscreenchange', onFull);
        if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
        socket?.close();
        alertStrip?.stop();
      },
    };
  }

  E.pages.live = { title: 'Live wall', render };
})();
