// Earshot web UI: a supervisor's actions from the live wall's agent tiles (listen, whisper, barge over the
// supervisor's own phone; pause with a reason, unpause, remove from a queue) and the phone they ring.
// live.js calls mount(page) once and forAgent(agent) per tile; everything else lives here.
'use strict';

(() => {
  const E = window.Earshot;
  const { el, api } = E;

  const SPY = [
    { action: 'listen', label: 'Listen', title: 'Hear the call on your phone; nobody hears you' },
    { action: 'whisper', label: 'Whisper', title: 'Hear the call; only the agent hears you' },
    { action: 'barge', label: 'Barge', title: 'Join the call: the agent and the customer hear you' },
  ];
  const ON_A_CALL = new Set(['on-call', 'on-hold']);

  /** Only a wall fed by a real Asterisk can act: the demo floor and a node without AMI cannot. */
  let source = null;
  let phone = null;
  let result = null;

  function show(kind, text) {
    if (!result) return;
    result.hidden = false;
    result.dataset.kind = kind;
    result.textContent = text;
  }

  async function run(agent, label, path, body, pending) {
    show('pending', pending);
    try {
      const done = await api(`/api/agents/${encodeURIComponent(agent)}/${path}`, { method: 'POST', body });
      show('done', `${agent}: ${done?.message || `${label} done`}`);
    } catch (err) {
      show('error', `${agent}: ${label} failed — ${err.detail || err.message}`);
    }
  }

  function spy(a, mode) {
    if (!phone) {
      show('error', 'Set your phone first (above): Earshot calls it to listen, whisper or barge.');
      return;
    }
    if (mode.action === 'barge' && !window.confirm(`Barge into ${a.agent}'s call? The customer will hear you.`)) return;
    run(a.agent, mode.label, mode.action, undefined, `Calling your phone ${phone} to ${mode.action} to ${a.agent}… answer it.`);
  }

  function pause(a) {
    const reason = window.prompt(`Pause ${a.agent} in all their queues. Reason:`, 'break');
    if (reason == null) return;
    if (!reason.trim()) { show('error', 'A pause needs a reason.'); return; }
    run(a.agent, 'Pause', 'pause', { reason: reason.trim() }, `Pausing ${a.agent}…`);
  }

  function remove(a) {
    const queues = a.queues || [];
    let queue = queues.length === 1 ? queues[0] : null;
    if (queues.length !== 1) {
      queue = window.prompt(`Remove ${a.agent} from which queue? (${queues.join(', ') || 'none known'})`, queues[0] || '');
      if (queue == null || !queue.trim()) return;
    }
    if (!window.confirm(`Remove ${a.agent} from queue ${queue.trim()}? They stop getting its calls until they log in again.`)) return;
    run(a.agent, 'Remove', 'remove', { queue: queue.trim() }, `Removing ${a.agent} from ${queue.trim()}…`);
  }

  /** The buttons of one agent tile; null when the wall cannot act (demo floor, no Asterisk). */
  function forAgent(a) {
    if (source !== 'ami' || a.state === 'logged-out') return null;
    const talking = ON_A_CALL.has(a.state);
    const button = (label, title, onclick, testid, disabled = false) =>
      el('button', { type: 'button', class: 'small', title, onclick, disabled, 'data-testid': testid }, label);
    return el('div', { class: 'agent-actions', 'data-testid': 'agent-actions' },
      SPY.map((m) => button(m.label, talking ? m.title : `${a.agent} is not on a call`, () => spy(a, m),
        `agent-${m.action}`, !talking)),
      a.state === 'paused' || a.pauseReason
        ? button('Unpause', 'Take the pause off in all queues', () => run(a.agent, 'Unpause', 'unpause', {}, `Unpausing ${a.agent}…`), 'agent-unpause')
        : button('Pause', 'Pause with a reason (QueuePause)', () => pause(a), 'agent-pause'),
      button('Remove', 'Log the agent out of a queue (QueueRemove)', () => remove(a), 'agent-remove'));
  }

  /** "Your phone" for listen/whisper/barge, and the line that shows each action's outcome. */
  function phoneForm() {
    const input = el('input', {
      id: 'wall-phone', type: 'text', maxlength: 120, placeholder: 'PJSIP/3001', 'data-testid': 'wall-phone',
      title: 'The channel Asterisk dials for you: PJSIP/3001, SIP/3001 or Local/3001@from-internal',
    });
    const form = el('form', { class: 'wall-phone', 'data-testid': 'wall-phone-form' },
      el('label', { for: 'wall-phone' }, 'Your phone '), input, el('button', { type: 'submit', class: 'small' }, 'Save'));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const saved = await api('/api/me/phone', { method: 'PUT', body: { phone: input.value.trim() || null } });
        phone = saved?.phone || null;
        E.toast(phone ? `Earshot will call ${phone}` : 'Phone cleared');
      } catch (err) {
        show('error', `Phone not saved — ${err.detail || err.message}`);
      }
    });
    api('/api/me/phone').then((p) => { phone = p?.phone || null; input.value = phone || ''; }).catch(() => {});
    return form;
  }

  /** Once per wall: learns where the wall comes from, then puts the phone form and the outcome line under its head. */
  async function mount(page, redraw) {
    try {
      source = (await api('/api/me'))?.liveSource || null;
    } catch {
      source = null;
    }
    if (source !== 'ami') return;
    result = el('p', { class: 'wall-action-result', role: 'status', 'aria-live': 'polite', hidden: true, 'data-testid': 'wall-action-result' });
    page.querySelector('.page-head')?.after(el('div', { class: 'wall-actions-bar' }, phoneForm(), result));
    redraw();
  }

  E.wallActions = { mount, forAgent };
})();
