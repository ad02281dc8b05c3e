// Earshot web UI: calls in progress on the live wall. Each call's card shows the latest words of the customer
// and the agent and a sentiment bar per party (transcript and sentiment messages of /api/live); "Live view"
// opens the call's whole rolling transcript, which links to the call page once the call has ended.
'use strict';

(() => {
  const E = window.Earshot;
  const { el, fmt } = E;

  const PARTIES = ['customer', 'agent'];
  const LABELS = { customer: 'Customer', agent: 'Agent', mixed: 'Both' };
  /** Final segments kept per call for its live view: about a long call's worth. */
  const KEEP_SEGMENTS = 400;
  /** An ended call's card stays this long with its link, then leaves the wall. */
  const ENDED_KEEP_MS = 120000;

  /** Sentiment on the post-call scale [-1, 1]; the report's labels use the same bands. */
  const mood = (s) => (s <= -0.25 ? 'negative' : s >= 0.25 ? 'positive' : 'neutral');
  const seconds = (s) => fmt.clock(Math.max(0, Math.round(s)));

  /**
   * Mounts the calls-in-progress wall into {@code box}; returns {receive(event)} for every /api/live message
   * and {stop()} when the page goes.
   */
  function mount(box) {
    const calls = new Map();
    let open = null; // the call id whose live view is shown
    const dialog = el('dialog', { class: 'live-call-view', 'data-testid': 'live-call-view', 'aria-labelledby': 'live-call-view-title' });
    box.after(dialog);
    dialog.addEventListener('close', () => { open = null; });

    function call(id) {
      if (!calls.has(id)) {
        calls.set(id, { id, segments: [], partial: {}, latest: {}, sentiment: {}, ended: false, endedAt: 0 });
      }
      return calls.get(id);
    }

    function receive(event) {
      if (event.type === 'transcript' && event.callId) {
        const c = call(event.callId);
        if (event.final) {
          delete c.partial[event.party];
          if (event.text) {
            c.segments.push(event);
            if (c.segments.length > KEEP_SEGMENTS) c.segments.shift();
            c.latest[event.party] = event.text;
          }
        } else {
          c.partial[event.party] = event;
          c.latest[event.party] = event.text;
        }
        changed(c);
      } else if (event.type === 'sentiment' && event.callId) {
        const c = call(event.callId);
        c.sentiment[event.party] = event.score;
        changed(c);
      } else if (event.type === 'call' && event.call && calls.has(event.call.id)) {
        const c = calls.get(event.call.id);
        c.ended = true;
        c.endedAt = Date.now();
        c.caller = event.call.caller;
        changed(c);
      }
    }

    function changed(c) {
      draw();
      if (open === c.id) drawView(c);
    }

    function bar(score) {
      if (score == null) return el('span', { class: 'sentiment-bar empty', 'aria-label': 'No sentiment yet' });
      const width = Math.round(Math.abs(score) * 50);
      return el('span', { class: `sentiment-bar ${mood(score)}`, role: 'meter', 'aria-valuemin': -1, 'aria-valuemax': 1,
        'aria-valuenow': score, 'aria-label': `Sentiment ${score.toFixed(2)}`, 'data-testid': 'live-sentiment' },
      el('span', { class: 'fill', style: `width:${width}%;${score < 0 ? `right:50%` : 'left:50%'}` }));
    }

    function card(c) {
      const parties = Object.keys(c.latest).length || Object.keys(c.sentiment).length
        ? [...new Set([...PARTIES.filter((p) => p in c.latest || p in c.sentiment), ...Object.keys(c.latest)])] : PARTIES;
      return el('article', { class: `live-call${c.ended ? ' ended' : ''}`, 'data-testid': 'live-call', 'data-call': c.id },
        el('header', {}, el('h3', {}, c.caller || c.id),
          c.ended ? el('a', { href: E.callHref(c.id), 'data-testid': 'live-call-page' }, 'Call ended: open the call page')
            : el('button', { type: 'button', class: 'ghost', onclick: () => show(c.id) }, 'Live view')),
        parties.map((p) => el('p', { class: `live-words party-${p}`, 'data-party': p },
          el('span', { class: 'who' }, LABELS[p] || p), bar(c.sentiment[p]),
          el('span', { class: 'words', 'data-testid': 'live-words' }, c.latest[p] || fmt.DASH))));
    }

    function draw() {
      const now = Date.now();
      for (const [id, c] of calls) {
        if (c.ended && now - c.endedAt > ENDED_KEEP_MS && open !== id) calls.delete(id);
      }
      box.replaceChildren(...(calls.size ? [...calls.values()].map(card)
        : [el('p', { class: 'muted empty' }, 'No call is being transcribed right now.')]));
    }

    function show(id) {
      open = id;
      drawView(calls.get(id));
      if (!dialog.open) dialog.showModal();
    }

    function drawView(c) {
      const lines = [...c.segments, ...Object.values(c.partial)].sort((a, b) => a.start - b.start);
      const list = el('ol', { class: 'live-transcript', 'data-testid': 'live-transcript' }, lines.map((s) =>
        el('li', { class: `party-${s.party}${s.final ? '' : ' partial'}` },
          el('span', { class: 'at' }, seconds(s.start)), ' ', el('span', { class: 'who' }, LABELS[s.party] || s.party), ' ', s.text)));
      // replaceChildren, unlike el, would print a null child as the text "null": leave the notice out instead.
      dialog.replaceChildren(...[
        el('header', {}, el('h2', { id: 'live-call-view-title' }, `Live: ${c.caller || c.id}`),
          el('button', { type: 'button', class: 'ghost', onclick: () => dialog.close() }, 'Close')),
        c.ended ? el('p', { class: 'notice', 'data-testid': 'live-call-ended' }, 'The call has ended. ',
          el('a', { href: E.callHref(c.id) }, 'Open the call page'), ' for its analysis.') : null,
        lines.length ? list : el('p', { class: 'muted' }, 'Nothing said yet.')].filter(Boolean));
      list.lastElementChild?.scrollIntoView?.({ block: 'nearest' });
    }

    const sweep = setInterval(draw, 30000);
    draw();
    return { receive, stop: () => { clearInterval(sweep); if (dialog.open) dialog.close(); dialog.remove(); } };
  }

  E.liveCalls = { mount };
})();
