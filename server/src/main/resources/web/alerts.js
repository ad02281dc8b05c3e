// Earshot web UI: the alert strip of the live wall (issue 17). Open alerts (GET /api/alerts?status=open), new ones
// as /api/live pushes them ({"type":"alert",...}), each naming its call, agent and queue, with Acknowledge
// (POST /api/alerts/{id}/acknowledge; every wall drops it on "alert-acknowledged"). Optionally audible: a short
// WebAudio beep per new alert, switched on per browser (no sound file is fetched).
'use strict';

(() => {
  const E = window.Earshot;
  const { el, api, fmt } = E;

  const RULES = {
    'escalation-keyword': 'Escalation word',
    'customer-sentiment': 'Customer upset',
    'agent-interruptions': 'Interrupting',
    'dead-air': 'Dead air',
    hold: 'Long hold',
    'long-wait': 'Long wait',
    'service-level': 'Service level',
    'long-pause': 'Long pause',
  };
  const SOUND_KEY = 'earshot.alerts.sound';
  const SHOWN = 50;

  /** One beep: 880 Hz for 0.2 s, soft attack and release so it does not click. */
  function beep(audio) {
    const t = audio.currentTime;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.3, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.2);
    osc.connect(gain).connect(audio.destination);
    osc.start(t);
    osc.stop(t + 0.22);
  }

  /**
   * Adds the strip to a live wall page, under its head. Returns {receive(event), stop()}: live.js hands it every
   * /api/live message.
   */
  function mount(page) {
    const open = new Map();
    let audio = null;
    let sound = localStorage.getItem(SOUND_KEY) === 'on';
    const list = el('ul', { class: 'alert-list', 'data-testid': 'alert-list', 'aria-live': 'polite' });
    const count = el('span', { class: 'alert-count', 'data-testid': 'alert-count' });
    const toggle = el('input', { type: 'checkbox', id: 'alert-sound', 'data-testid': 'alert-sound', checked: sound });
    const strip = el('section', { class: 'alert-strip', 'aria-labelledby': 'live-alerts-title', 'data-testid': 'alert-strip' },
      el('div', { class: 'alert-head' },
        el('h2', { id: 'live-alerts-title' }, 'Alerts ', count),
        el('label', { class: 'alert-sound', for: 'alert-sound' }, toggle, ' Sound')),
      list);
    (page.querySelector('#live-source') || page.querySelector('.page-head')).after(strip);

    // Browsers let a page play sound only after a gesture: the toggle's click is one.
    toggle.addEventListener('change', () => {
      sound = toggle.checked;
      localStorage.setItem(SOUND_KEY, sound ? 'on' : 'off');
      if (sound) { ensureAudio(); if (audio) beep(audio); }
    });
    function ensureAudio() {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      if (!audio && Ctx) audio = new Ctx();
      if (audio?.state === 'suspended') audio.resume().catch(() => {});
    }

    function who(a) {
      const parts = [];
      if (a.callId) parts.push(el('a', { href: E.callHref(a.callId), 'data-testid': 'alert-call' }, `call ${a.callId}`));
      if (a.agent) parts.push(el('span', { class: 'alert-agent' }, a.agent));
      if (a.queue) parts.push(el('span', { class: 'alert-queue' }, a.queue));
      return parts.flatMap((p, i) => (i ? [' · ', p] : [p]));
    }
    function item(a) {
      const button = el('button', { type: 'button', class: 'ghost', 'data-testid': 'alert-ack' }, 'Acknowledge');
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await api(`/api/alerts/${encodeURIComponent(a.id)}/acknowledge`, { method: 'POST' });
          remove(a.id);
        } catch (err) {
          button.disabled = false;
          if (err.status !== 401) E.toast(`Could not acknowledge: ${err.detail || err.message}`);
        }
      });
      return el('li', { class: `alert-item rule-${a.rule}`, 'data-id': String(a.id), 'data-rule': a.rule, 'data-testid': 'alert-item' },
        el('span', { class: 'badge alert-rule' }, RULES[a.rule] || a.rule),
        el('span', { class: 'alert-detail' }, a.detail || ''),
        el('span', { class: 'alert-who' }, who(a)),
        el('time', { class: 'alert-at', datetime: a.at || a.raisedAt || '' }, fmt.dateTimeSec(a.at || a.raisedAt)),
        button);
    }
    function draw() {
      const newest = [...open.values()].sort((x, y) => (y.at || y.raisedAt || '').localeCompare(x.at || x.raisedAt || '')
        || y.id - x.id).slice(0, SHOWN);
      count.textContent = open.size ? String(open.size) : '';
      strip.dataset.state = open.size ? 'alerting' : 'calm';
      list.replaceChildren(...(newest.length ? newest.map(item) : [el('li', { class: 'alert-none' }, 'No open alerts.')]));
    }
    function add(a, fresh) {
      if (!a || a.id == null || open.has(a.id)) return;
      open.set(a.id, a);
      draw();
      if (fresh && sound) { ensureAudio(); if (audio && audio.state === 'running') beep(audio); }
    }
    function remove(id) {
      if (open.delete(id)) draw();
    }

    draw();
    api(`/api/alerts${E.qs({ status: 'open', limit: 100 })}`)
      .then((d) => (d?.alerts || []).forEach((a) => add(a, false)))
      .catch(() => {}); // the wall itself says when the server cannot be reached or the role may not

    return {
      receive(event) {
        if (event.type === 'alert') add(event, true);
        else if (event.type === 'alert-acknowledged') remove(event.id);
      },
      stop() {
        audio?.close().catch(() => {});
      },
    };
  }

  E.alerts = { mount, RULES };
})();
