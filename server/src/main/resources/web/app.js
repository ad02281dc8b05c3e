// Earshot web UI: plain DOM, no framework. Everything from the API is inserted as text, except
// search snippets, whose HTML the server escapes (only <em> marks the matched words).
'use strict';

const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v; else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return node;
};
const seconds = (s) => s == null ? '' : s >= 60 ? `${Math.floor(s / 60)}m ${Math.round(s % 60)}s` : `${Math.round(s)}s`;
const pct = (r) => r == null ? '' : `${(r * 100).toFixed(1)}%`;
const num = (n, d = 1) => n == null ? '' : Number(n).toFixed(d);
const when = (iso) => iso ? new Date(iso).toLocaleString() : '';

async function api(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', ...options });
  if (response.status === 401 && path !== '/api/login') { show('login'); throw new Error('please log in'); }
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || body.error || response.statusText);
  return body;
}

function show(section) {
  for (const s of document.querySelectorAll('main > section')) s.hidden = s.id !== section;
  for (const b of document.querySelectorAll('nav button')) b.classList.toggle('active', b.dataset.tab === section);
  $('#tabs').hidden = section === 'login';
}

// ---- login ----
$('#login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  try {
    await api('/api/login', { method: 'POST', body: JSON.stringify(Object.fromEntries(form)) });
    start();
  } catch (err) { $('#login-error').textContent = err.message; }
});

for (const b of document.querySelectorAll('nav button')) {
  b.addEventListener('click', () => { show(b.dataset.tab); if (b.dataset.tab === 'review') loadReview(); });
}

// ---- live wall ----
const agents = new Map();
function renderAgents() {
  const wall = $('#agents');
  wall.replaceChildren(...[...agents.values()].sort((a, b) => a.agent.localeCompare(b.agent)).map((a) =>
    el('div', { class: `agent ${a.state}` }, el('b', {}, a.agent),
      `${a.state}${a.pauseReason ? ` (${a.pauseReason})` : ''}${a.caller ? ` with ${a.caller}` : ''}`,
      el('div', { class: 'meta' }, a.since ? `since ${new Date(a.since).toLocaleTimeString()}` : ''),
      el('div', { class: 'meta' }, a.today ? `${a.today.callsHandled} calls, ${seconds(a.today.talkSeconds)} talk today` : ''))));
}
function renderToday(rows) {
  const r = rows[0] || {};
  $('#today').replaceChildren(
    el('tr', {}, ...['offered', 'answered', 'abandoned', 'ASA', 'AHT', 'service level', 'abandon rate'].map((h) => el('th', {}, h))),
    el('tr', {}, ...[r.offered ?? 0, r.answered ?? 0, r.abandoned ?? 0, seconds(r.asaSeconds), seconds(r.ahtSeconds),
      pct(r.serviceLevel), pct(r.abandonRate)].map((v) => el('td', {}, String(v)))));
}
function connectLive() {
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/live`);
  socket.onopen = () => { $('#live-status').textContent = 'live'; };
  socket.onclose = () => { $('#live-status').textContent = 'reconnecting…'; setTimeout(connectLive, 3000); };
  socket.onmessage = (m) => {
    const event = JSON.parse(m.data);
    if (event.type === 'agents') { agents.clear(); event.agents.forEach((a) => agents.set(a.agent, a)); renderAgents(); }
    if (event.type === 'agent') { agents.set(event.agent.agent, event.agent); renderAgents(); }
    if (event.type === 'kpis') renderToday(event.rows);
    if (event.type === 'call') {
      const c = event.call;
      $('#recent').prepend(el('li', {}, el('a', { href: '#', onclick: (e) => { e.preventDefault(); openCall(c.id); } },
        `${when(c.endedAt)} ${c.caller || 'unknown'} → ${c.queue || ''} ${c.agent || ''}: ${c.outcome}, waited ${seconds(c.waitSeconds)}`)));
    }
  };
}

// ---- calls search ----
let page = 0;
function searchParams(form, extra = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (v) params.append(k, v);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params;
}
function hitItem(hit, onOpen) {
  return el('li', {},
    el('a', { href: '#', onclick: (e) => { e.preventDefault(); onOpen(hit.id, 0); } },
      `${when(hit.startedAt)} · ${hit.caller || 'unknown caller'} · ${hit.queue || 'no queue'} · ${hit.agent || 'no agent'}`),
    el('div', { class: 'meta' }, `${hit.outcome}, ${seconds(hit.durationSeconds)} long, waited ${seconds(hit.waitSeconds)}`
      + (hit.sentiment != null ? `, sentiment ${num(hit.sentiment, 2)}` : '')),
    el('div', {}, ...(hit.flags || []).map((f) => el('span', { class: 'flag' }, f))),
    ...(hit.snippets || []).map((s) => {
      const line = el('div', { class: 'snippet', onclick: () => onOpen(hit.id, s.time) });
      line.innerHTML = `<b>${s.party}</b> ${s.time.toFixed(1)} s: ${s.text}`; // server-escaped, <em> only
      return line;
    }));
}
async function search(more = false) {
  page = more ? page + 1 : 0;
  $('#search-error').textContent = '';
  try {
    const result = await api(`/api/calls?${searchParams($('#search-form'), { page })}`);
    $('#total').textContent = `${result.total} call(s)`;
    const items = result.hits.map((h) => hitItem(h, openCall));
    if (more) $('#hits').append(...items); else $('#hits').replaceChildren(...items);
    $('#more').hidden = (page + 1) * result.size >= result.total;
    renderFacets(result.facets);
  } catch (err) { $('#search-error').textContent = err.message; }
}
function renderFacets(facets) {
  const parts = [];
  for (const [name, counts] of Object.entries(facets || {})) {
    if (!Object.keys(counts).length) continue;
    parts.push(el('h3', {}, name));
    for (const [value, count] of Object.entries(counts)) {
      parts.push(el('a', { onclick: () => { const input = $(`#search-form [name=${name}]`); if (input) { input.value = value; search(); } } },
        `${value} (${count})`));
    }
  }
  $('#facets').replaceChildren(...parts);
}
$('#search-form').addEventListener('submit', (e) => { e.preventDefault(); search(); });
$('#more').addEventListener('click', () => search(true));

// ---- review queue ----
async function loadReview() {
  const all = await api('/api/calls?size=1&sort=-date');
  const flags = Object.entries(all.facets.flag || {});
  $('#review-flags').replaceChildren(...(flags.length ? flags.map(([flag, count]) =>
    el('button', { onclick: () => reviewFlag(flag) }, `${flag} (${count})`)) : [el('p', {}, 'No flagged calls.')]));
}
async function reviewFlag(flag) {
  const result = await api(`/api/calls?flag=${encodeURIComponent(flag)}&sort=-date&size=50`);
  $('#review-hits').replaceChildren(...result.hits.map((h) => hitItem(h, openCall)));
}

// ---- KPIs ----
const KPI_COLUMNS = [['offered', 'offered'], ['answered', 'answered'], ['abandoned', 'abandoned'],
  ['shortAbandoned', 'short ab.'], ['timedOut', 'timed out'], ['ahtSeconds', 'AHT', seconds], ['asaSeconds', 'ASA', seconds],
  ['avgWaitSeconds', 'avg wait', seconds], ['maxWaitSeconds', 'max wait', seconds], ['abandonRate', 'abandon', pct],
  ['serviceLevel', 'service level', pct], ['fcr', 'FCR', pct], ['csat', 'CSAT', num], ['nps', 'NPS', num],
  ['ces', 'CES', num], ['occupancy', 'occupancy', pct], ['flaggedCalls', 'flagged']];
async function loadKpis() {
  $('#kpi-error').textContent = '';
  const params = searchParams($('#kpi-form'));
  $('#kpi-csv').href = `/api/kpis.csv?${params}`;
  try {
    const result = await api(`/api/kpis?${params}`);
    $('#kpi-table').replaceChildren(
      el('tr', {}, el('th', {}, `group (${result.timeZone})`), ...KPI_COLUMNS.map(([, h]) => el('th', {}, h)), el('th', {}, '')),
      ...result.rows.map((row) => el('tr', {}, el('td', {}, row.key || '(none)'),
        ...KPI_COLUMNS.map(([k, , f]) => el('td', {}, f ? f(row[k]) : String(row[k] ?? ''))),
        el('td', {}, el('a', { href: '#', onclick: (e) => { e.preventDefault(); drillDown(row.calls); } }, 'calls')))));
  } catch (err) { $('#kpi-error').textContent = err.message; }
}
function drillDown(link) {
  const params = new URLSearchParams(link.split('?')[1]);
  const form = $('#search-form');
  form.reset();
  for (const [k, v] of params) { const input = form.querySelector(`[name=${k}]`); if (input && input.type !== 'date') input.value = v; }
  show('calls');
  api(`/api/calls?${params}&size=100&sort=-date`).then((result) => {
    $('#total').textContent = `${result.total} call(s) behind that figure`;
    $('#hits').replaceChildren(...result.hits.map((h) => hitItem(h, openCall)));
    renderFacets(result.facets);
  }).catch((err) => { $('#search-error').textContent = err.message; });
}
$('#kpi-form').addEventListener('submit', (e) => { e.preventDefault(); loadKpis(); });

// ---- one call ----
let returnTo = 'calls';
async function openCall(id, atSecond = 0) {
  returnTo = [...document.querySelectorAll('main > section')].find((s) => !s.hidden)?.id || 'calls';
  const call = await api(`/api/calls/${encodeURIComponent(id)}`);
  show('call');
  $('#call-title').textContent = `${call.caller || 'unknown caller'} · ${when(call.startedAt)}`;
  const facts = [['queue', call.queue], ['agent', call.agent], ['outcome', call.outcome], ['wait', seconds(call.waitSeconds)],
    ['talk', seconds(call.talkSeconds)], ['analysis', call.analysisStatus + (call.analysisError ? `: ${call.analysisError}` : '')]];
  $('#call-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v ?? '')]));
  const player = $('#player');
  player.src = call.recordingFile ? `/api/calls/${encodeURIComponent(id)}/audio` : '';
  player.hidden = !call.recordingFile;
  if (atSecond) player.addEventListener('loadedmetadata', () => { player.currentTime = atSecond; player.play(); }, { once: true });
  renderAnalysis(call.analysis);
}
function renderAnalysis(report) {
  const box = $('#call-analysis');
  if (!report) { box.replaceChildren(); return; }
  const parts = [];
  if (report.sentiment) parts.push(el('p', {}, `Sentiment ${num(report.sentiment.score, 2)} (${report.sentiment.label}) `,
    ...(report.sentiment.flags || []).map((f) => el('span', { class: 'flag' }, f))));
  for (const [party, m] of Object.entries(report.parties || {})) {
    parts.push(el('p', { class: 'meta' }, `${party}: talk ${seconds(m.talkSeconds)}`
      + (m.wordsPerMinute != null ? `, ${num(m.wordsPerMinute, 0)} words/min` : '')
      + (m.interruptions != null ? `, ${m.interruptions} interruption(s)` : '')
      + (m.pitchMedianHz != null ? `, pitch ${num(m.pitchMedianHz, 0)} Hz` : '')
      + (m.sentiment != null ? `, sentiment ${num(m.sentiment, 2)}` : '')));
  }
  for (const note of report.notes || []) parts.push(el('p', { class: 'meta' }, note));
  for (const seg of report.transcript || []) {
    parts.push(el('div', { class: `segment ${seg.party}`, onclick: () => { $('#player').currentTime = seg.start; $('#player').play(); } },
      `${seg.start.toFixed(1)} s ${seg.party}: ${seg.text}`));
  }
  box.replaceChildren(...parts);
}
$('#back').addEventListener('click', () => { $('#player').pause(); show(returnTo); });

// ---- start ----
async function start() {
  let me;
  try {
    me = await api('/api/me');
  } catch (err) { return; }
  // Tabs by role (SPEC "Users and roles"): the live wall is for supervisors, KPIs not for QA.
  const live = me.role === 'admin' || me.role === 'supervisor';
  $('nav button[data-tab=live]').hidden = !live;
  $('nav button[data-tab=kpis]').hidden = me.role === 'qa';
  show(live ? 'live' : me.role === 'qa' ? 'review' : 'calls');
  if (live) connectLive();
  if (me.role === 'qa') loadReview();
  search();
  if (me.role !== 'qa') loadKpis();
}
start();
