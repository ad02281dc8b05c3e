// Earshot web UI: one call (#/calls/ID?t=SECONDS): player, waveform and timeline, transcript that
// follows playback, why it was flagged, survey, events, and the QA review panel (from qa.js).
'use strict';

(() => {
  const E = window.Earshot;
  const { el, api, fmt, isNum, PARTIES, partyLabel } = E;

  const STATUS_TEXT = {
    queued: 'The recording is waiting in the analysis queue. Refresh in a minute or two.',
    running: 'The recording is being analysed right now. Refresh in a minute.',
    none: 'This call has a recording, but it has not been analysed.',
    'no recording': 'There is no recording of this call, so there is no transcript or speech analysis. Abandoned calls and calls from before recording was switched on have none.',
  };

  function render(view, route) {
    const id = route.path[1];
    const page = E.template('call');
    view.append(page);
    const body = page.querySelector('#call-body');
    const error = page.querySelector('#call-error');
    const back = page.querySelector('#call-back');
    const prev = E.previousHash || '';
    if (prev && !prev.startsWith('#/calls/')) {
      back.href = prev;
      back.textContent = prev.startsWith('#/search') ? '← Back to search results' : prev.startsWith('#/qa') ? '← Back to QA'
        : prev.startsWith('#/coaching') ? '← Back to coaching' : '← Back';
    }
    body.append(E.loading('Loading the call…'));

    const state = { id, stopped: false, cleanups: [] };
    const controller = new AbortController();
    load();

    async function load() {
      let call;
      try {
        call = await api(`/api/calls/${encodeURIComponent(id)}`, { signal: controller.signal });
      } catch (err) {
        body.replaceChildren();
        if (err.status === 404) {
          body.append(E.empty(`There is no call with the id ${id}.`));
          return;
        }
        E.showError(err, { container: body, errorNode: error, what: 'open calls' });
        return;
      }
      if (state.stopped) return;
      build(call, route.params);
    }

    function build(call, params) {
      const title = page.querySelector('#call-title');
      const who = call.crmName || call.callerName;
      title.textContent = `${who ? `${who} (${call.caller || 'unknown number'})` : call.caller || 'Unknown caller'} · ${fmt.dateTime(call.startedAt)}`;
      document.title = `Call ${call.caller || call.id} — Earshot`;
      const report = call.analysis || null;
      const flags = report?.sentiment?.flags || [];
      page.querySelector('#call-headline-flags').replaceChildren(...flags.map(E.flagChip));

      const hasAudio = call.recordingAvailable ?? !!call.recordingFile;
      const audioSrc = `/api/calls/${encodeURIComponent(call.id)}/audio`;
      // preload none: the recording is fetched when someone presses play, so the audit log's
      // "call-played" means played, and opening a call costs no audio traffic.
      const audio = el('audio', { id: 'call-audio', 'data-testid': 'call-audio', controls: true, preload: 'none', src: hasAudio ? audioSrc : null });
      const currentTime = el('output', { id: 'call-current-time', 'data-testid': 'current-time', 'aria-live': 'off', for: 'call-audio' }, '0:00.0');
      const durationText = el('span', { id: 'call-duration', class: 'muted' });
      const speed = el('select', { id: 'call-speed', 'aria-label': 'Playback speed' },
        ['0.75', '1', '1.25', '1.5', '2'].map((s) => el('option', { value: s, selected: s === '1' }, `${s}×`)));
      speed.addEventListener('change', () => { audio.playbackRate = Number(speed.value); });
      const seekBy = (d) => seek(Math.max(0, audio.currentTime + d));
      const copyLink = el('button', { type: 'button', id: 'call-copy-link', class: 'ghost', onclick: () => shareAt(audio.currentTime) }, 'Copy link to this moment');

      const playerCard = el('section', { class: 'card player', 'aria-labelledby': 'call-player-title' },
        el('h2', { id: 'call-player-title', class: 'visually-hidden' }, 'Recording'));
      const statusNote = hasAudio || call.recordingFile || call.analysisStatus !== 'no recording' ? analysisNote(call, report) : null;
      if (!hasAudio) {
        playerCard.append(el('p', { class: 'notice', id: 'call-no-recording', 'data-testid': 'call-no-recording' },
          call.recordingFile ? 'The recording file of this call cannot be found on the server any more.' : STATUS_TEXT['no recording']));
      } else {
        playerCard.append(
          el('div', { class: 'player-bar' }, audio,
            el('button', { type: 'button', class: 'ghost', id: 'call-back5', onclick: () => seekBy(-5), 'aria-label': 'Back 5 seconds' }, '−5 s'),
            el('button', { type: 'button', class: 'ghost', id: 'call-fwd5', onclick: () => seekBy(5), 'aria-label': 'Forward 5 seconds' }, '+5 s'),
            el('label', { for: 'call-speed', class: 'visually-hidden' }, 'Speed'), speed,
            el('span', { class: 'clock' }, currentTime, ' / ', durationText),
            el('span', { class: 'spacer' }), copyLink));
      }
      const noteSlot = el('span', { id: 'call-note-slot' });
      playerCard.querySelector('.player-bar')?.insertBefore(noteSlot, copyLink);
      const waveBox = el('div', { class: 'canvas-box', id: 'waveform-box' });
      const timelineBox = el('div', { class: 'canvas-box', id: 'timeline-box' });
      const tip = el('div', { class: 'canvas-tip', id: 'timeline-tip', hidden: true, 'aria-hidden': 'true' });
      playerCard.append(waveBox, timelineBox);
      if (statusNote) playerCard.append(statusNote);

      // ---- main grid: transcript on the left, facts and review on the right
      const transcriptCard = el('section', { class: 'card transcript-card', 'aria-labelledby': 'call-transcript-title' });
      const side = el('div', { class: 'call-side' });
      body.replaceChildren(playerCard, el('div', { class: 'call-grid' }, transcriptCard, side));

      side.append(factsCard(call));
      if (report) side.append(whyCard(report, seek));
      if (report && ((report.redactions || []).length || (report.muted || []).length)) side.append(redactionsCard(report, seek));
      const qaSlot = el('div', { id: 'qa-slot' });
      side.append(qaSlot);
      side.append(surveyCard(call.survey));
      if (report) side.append(metricsCard(report));
      side.append(eventsCard(call.events));
      if (E.session.role === 'admin') side.append(dataCard(call));

      const transcript = transcriptView(transcriptCard, report, seek, call);

      // ---- pictures
      let duration = report?.durationSeconds || 0; // the recording's length, not the call's (which has the queue wait)
      durationText.textContent = duration ? fmt.clock(duration) : '';
      let wave = null;
      let strip = null;
      const markers = { cues: [], notes: [] };
      const setMarkers = () => wave?.setMarkers([...markers.cues, ...markers.notes]);
      markers.cues = (report?.cues || []).filter((c) => c.kind === 'escalation')
        .map((c) => ({ t: c.start, color: '#b91c1c', label: c.text }));

      function drawAll(reveal = false) {
        const t = audio.currentTime || 0;
        wave?.draw(t);
        strip?.draw(t);
        transcript.highlight(t, !audio.paused || reveal);
        currentTime.textContent = fmt.clock(t, true);
        state.noteTime?.(t);
      }
      function updateSlider() {
        if (!wave) return;
        const canvas = waveBox.querySelector('canvas');
        canvas.setAttribute('aria-valuenow', String(Math.round(audio.currentTime || 0)));
        canvas.setAttribute('aria-valuetext', `${fmt.clock(audio.currentTime || 0)} of ${fmt.clock(duration)}`);
      }
      function seek(t) {
        if (!isNum(t)) return;
        const target = Math.max(0, duration ? Math.min(t, duration) : t);
        // Before the audio has loaded this sets the start position, which the player keeps.
        if (hasAudio) audio.currentTime = target;
        drawAll(true);
        updateSlider();
      }
      state.seek = seek;

      if (report?.timeline || report?.overlaps || report?.deadAir) {
        const canvas = el('canvas', { id: 'call-timeline', 'data-testid': 'call-timeline', role: 'img', 'aria-label': timelineSummary(report) });
        timelineBox.append(canvas, tip);
        strip = E.CallCanvas.timeline({ canvas, report, duration, onSeek: seek, tooltip: tip });
        timelineBox.append(legend(report));
      }
      if (hasAudio) loadWaveform();

      async function loadWaveform() {
        const canvas = el('canvas', {
          id: 'waveform', 'data-testid': 'waveform', tabindex: '0', role: 'slider', 'aria-label': 'Position in the recording (arrow keys move 5 seconds)',
          'aria-valuemin': '0', 'aria-valuemax': String(Math.round(duration)), 'aria-valuenow': '0',
        });
        waveBox.append(E.loading('Drawing the waveform…'));
        let data;
        try {
          data = await api(`/api/calls/${encodeURIComponent(call.id)}/waveform?points=1000`, { signal: controller.signal });
        } catch (err) {
          if (err.name === 'AbortError') return;
          waveBox.replaceChildren(el('p', { class: 'muted' }, err.status === 404
            ? 'No waveform for this recording (the file may be missing).'
            : `The waveform could not be drawn: ${err.message}`));
          return;
        }
        if (state.stopped) return;
        if (isNum(data.durationSeconds) && data.durationSeconds > 0 && !report?.durationSeconds) {
          duration = data.durationSeconds;
          durationText.textContent = fmt.clock(duration);
        }
        canvas.setAttribute('aria-valuemax', String(Math.round(duration)));
        waveBox.replaceChildren(canvas);
        wave = E.CallCanvas.waveform({ canvas, lanes: data.lanes || [], duration, deadAir: report?.deadAir || [], onSeek: seek });
        setMarkers();
        canvas.addEventListener('keydown', (e) => {
          const steps = { ArrowLeft: -5, ArrowRight: 5, ArrowDown: -5, ArrowUp: 5, PageDown: -30, PageUp: 30 };
          if (e.key in steps) { e.preventDefault(); seek(audio.currentTime + (e.shiftKey ? steps[e.key] / 5 : steps[e.key])); }
          else if (e.key === 'Home') { e.preventDefault(); seek(0); }
          else if (e.key === 'End') { e.preventDefault(); seek(duration); }
          else if (e.key === ' ' || e.key === 'Enter') { e.preventDefault(); togglePlay(); }
        });
        drawAll();
      }

      const resize = new ResizeObserver(() => { wave?.resize(); strip?.resize(); });
      resize.observe(playerCard);
      state.cleanups.push(() => resize.disconnect());

      // ---- playback loop: the playhead and the current word move smoothly while playing
      let frame = 0;
      const loop = () => { drawAll(); frame = audio.paused ? 0 : requestAnimationFrame(loop); };
      audio.addEventListener('play', () => { cancelAnimationFrame(frame); frame = requestAnimationFrame(loop); });
      audio.addEventListener('pause', () => { drawAll(); updateSlider(); });
      audio.addEventListener('seeked', () => { drawAll(); updateSlider(); });
      audio.addEventListener('timeupdate', () => { if (audio.paused) drawAll(); });
      audio.addEventListener('loadedmetadata', () => {
        durationText.textContent = fmt.clock(audio.duration);
        if (!duration && isNum(audio.duration)) duration = audio.duration;
        drawAll();
      });
      audio.addEventListener('error', () => {
        if (!hasAudio) return;
        playerCard.querySelector('.player-bar')?.after(el('p', { class: 'error', role: 'alert', id: 'call-audio-error' },
          'The recording cannot be played: the server did not send playable audio.'));
      });
      state.cleanups.push(() => { cancelAnimationFrame(frame); audio.pause(); audio.removeAttribute('src'); audio.load(); });
      function togglePlay() { if (audio.paused) audio.play().catch(() => {}); else audio.pause(); }

      const keys = (e) => {
        if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
        const tag = e.target.tagName;
        if (['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'AUDIO', 'A'].includes(tag) || e.target.isContentEditable) return;
        if (e.key === ' ' || e.key === 'k') { e.preventDefault(); togglePlay(); }
        else if (e.key === 'j') seekBy(-5);
        else if (e.key === 'l') seekBy(5);
      };
      document.addEventListener('keydown', keys);
      state.cleanups.push(() => document.removeEventListener('keydown', keys));

      function shareAt(t) {
        const link = `${location.origin}${location.pathname}${E.callHref(call.id, t)}`;
        history.replaceState(null, '', E.callHref(call.id, t));
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(link).then(() => E.toast(`Link to ${fmt.clock(t)} copied`), () => E.toast('Link is in the address bar'));
        } else {
          E.toast('The link to this moment is in the address bar');
        }
      }

      // ---- QA review panel (qa.js)
      if (E.qa?.reviewPanel) {
        const panel = E.qa.reviewPanel({
          container: qaSlot, noteSlot, callId: call.id, currentTime: () => audio.currentTime || 0, seek, hasAudio,
          setNoteMarkers: (notes) => { markers.notes = notes.map((n) => ({ t: n.atSeconds, color: '#7c3aed', label: n.text })); setMarkers(); },
          onNoteTime: (fn) => { state.noteTime = fn; },
          focus: route.params.has('review'),
        });
        state.cleanups.push(() => panel?.cleanup?.());
        state.unsaved = () => panel?.unsaved?.();
      }

      // ---- ?t= seeks on open
      const t = Number(params.get('t'));
      if (isNum(t) && t > 0) seek(t);
      else drawAll();
    }

    return {
      /** True while the QA review has choices not saved: the router asks before leaving. */
      unsaved() { return Boolean(state.unsaved?.()); },
      cleanup() {
        state.stopped = true;
        controller.abort();
        state.cleanups.forEach((fn) => { try { fn(); } catch (err) { console.error(err); } });
      },
      update(r) {
        if (r.path[1] !== id) return false;
        const t = Number(r.params.get('t'));
        if (state.seek && isNum(t)) state.seek(t);
        return true;
      },
    };
  }

  // ================================================================ pieces
  const REANALYSERS = ['admin', 'supervisor', 'qa'];

  function analysisNote(call, report) {
    const status = call.analysisStatus;
    if (status === 'failed') {
      const note = el('p', { class: 'error', role: 'alert', id: 'call-analysis-status', 'data-testid': 'analysis-status' },
        `The analysis of this recording failed: ${call.analysisError || 'no reason given'}. The call can still be found by its details.`);
      // Once the cause is fixed (a recordings folder mounted again, say), the call can be analysed again.
      if (REANALYSERS.includes(E.session.role)) {
        const again = el('button', { type: 'button', class: 'ghost', id: 'call-reanalyse', 'data-testid': 'call-reanalyse' }, 'Analyse again');
        again.addEventListener('click', async () => {
          again.disabled = true;
          try {
            await E.api(`/api/calls/${encodeURIComponent(call.id)}/reanalyse`, { method: 'POST' });
            note.className = 'notice';
            note.replaceChildren(STATUS_TEXT.queued || 'Queued for analysis.', ' ',
              el('button', { type: 'button', class: 'ghost', onclick: () => location.reload() }, 'Refresh'));
          } catch (err) {
            again.disabled = false;
            E.toast(err.message || 'The call could not be queued for analysis');
          }
        });
        note.append(' ', again);
      }
      return note;
    }
    if (report) return null;
    const text = STATUS_TEXT[status] || (status ? `Analysis: ${status}.` : 'This call has no analysis.');
    const note = el('p', { class: 'notice', id: 'call-analysis-status', 'data-testid': 'analysis-status' }, text);
    if (status === 'queued' || status === 'running') {
      note.append(' ', el('button', { type: 'button', class: 'ghost', onclick: () => location.reload() }, 'Refresh'));
    }
    return note;
  }

  function timelineSummary(report) {
    const parts = [];
    const s = report.parties || {};
    if (isNum(s.customer?.sentiment)) parts.push(`customer sentiment ${fmt.signed(s.customer.sentiment)}`);
    if (isNum(s.agent?.sentiment)) parts.push(`agent sentiment ${fmt.signed(s.agent.sentiment)}`);
    if (report.overlaps) parts.push(`${report.overlaps.length} overlaps`);
    if (report.deadAir) parts.push(`${report.deadAir.length} stretches of dead air`);
    if ((report.redactions || []).length) parts.push(`${report.redactions.length} spans of card data silenced`);
    if ((report.muted || []).length) parts.push(`${report.muted.length} spans muted by the PBX`);
    return `Timeline of the call: ${parts.join(', ')}. The same events are listed under "Why it was flagged".`;
  }

  function legend(report) {
    const swatch = (cls, text) => el('span', { class: 'legend-item' }, el('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), text);
    return el('div', { class: 'legend', 'aria-hidden': 'true' },
      swatch('sw-pos', 'positive mood (bar up)'), swatch('sw-neg', 'negative mood (bar down)'),
      swatch('sw-customer', 'customer (pitch line, interruption)'), swatch('sw-agent', 'agent (pitch line, interruption)'),
      swatch('sw-customer-light', 'customer backchannel'), swatch('sw-agent-light', 'agent backchannel'),
      swatch('sw-dead', 'dead air'), swatch('sw-esc', 'escalation word'), swatch('sw-note', 'QA note'),
      (report.redactions || []).length ? swatch('sw-redacted', 'card data redacted (audio silenced)') : null,
      (report.muted || []).length ? swatch('sw-muted', 'recording muted by the PBX') : null,
      report.overlaps == null ? el('span', { class: 'muted' }, 'Mono recording: no per-party overlaps.') : null);
  }

  /** The caller's CRM record (crmId, crmName from the CRM lookup) linked to its page (crmUrl) in a new tab. */
  function crmRecord(call) {
    const label = call.crmName ? `${call.crmName} (${call.crmId})` : call.crmId;
    return /^https?:\/\//i.test(call.crmUrl || '')
      ? el('a', { class: 'crm-link', 'data-testid': 'crm-link', href: call.crmUrl, target: '_blank', rel: 'noopener noreferrer' }, label)
      : label;
  }

  function factsCard(call) {
    const agents = (call.agents || []).filter((a) => a.agent);
    const rows = [
      ['Caller', call.callerName ? `${call.callerName}, ${call.caller || 'unknown number'}` : fmt.text(call.caller)],
      ...(call.crmId ? [['CRM', crmRecord(call)]] : []),
      ['Queue', fmt.text(call.queue)],
      ['Agent', agents.length > 1 ? agents.map((a) => `${a.agent} (${fmt.duration(a.talkSeconds)})`).join(', ') : fmt.text(call.agent)],
      ['Outcome', fmt.text(call.outcome)],
      ['Started', fmt.dateTimeSec(call.startedAt)],
      ['Answered', call.answeredAt ? fmt.timeSec(call.answeredAt) : 'not answered'],
      ['Ended', fmt.timeSec(call.endedAt)],
      ['Length', fmt.duration(call.durationSeconds)],
      ['Waited', fmt.duration(call.waitSeconds)],
      ['Talk', fmt.duration(call.talkSeconds)],
      ['Hold', fmt.duration(call.holdSeconds)],
      ['Wrap-up', fmt.duration(call.wrapUpSeconds)],
      ['Ended by', fmt.text(call.endedBy)],
    ];
    if ((call.transfers || []).length) {
      rows.push(['Transfers', call.transfers.map((t) => typeof t === 'string' ? t
        : [t.from, t.to].filter(Boolean).join(' → ') + (t.at ? ` at ${fmt.timeSec(t.at)}` : '')).join('; ')]);
    }
    rows.push(['Call id', call.id]);
    if (call.linkedId && call.linkedId !== call.id) rows.push(['Linked id', call.linkedId]);
    return el('section', { class: 'card', 'aria-labelledby': 'call-facts-title' },
      el('h2', { id: 'call-facts-title' }, 'The call'),
      el('dl', { class: 'facts', id: 'call-facts', 'data-testid': 'call-facts' }, rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
  }

  /** Admins: keep the call under legal hold (never purged nor erased), or delete it entirely. */
  function dataCard(call) {
    const path = `/api/calls/${encodeURIComponent(call.id)}`;
    const error = el('p', { class: 'error', role: 'alert', hidden: true });
    const hold = el('input', { type: 'checkbox', id: 'call-legal-hold', 'data-testid': 'call-legal-hold', disabled: true });
    const remove = el('button', { type: 'button', class: 'danger', 'data-testid': 'call-delete' }, 'Delete this call…');
    const card = el('section', { class: 'card', 'aria-labelledby': 'call-data-title', id: 'call-data' },
      el('h2', { id: 'call-data-title' }, 'Data of this call'),
      el('p', {}, hold, ' ', el('label', { for: 'call-legal-hold' }, 'Legal hold: never purged by retention nor erased')),
      remove, error);
    const failed = (err, what) => { error.hidden = false; error.textContent = `Could not ${what}: ${err.message}`; };
    hold.checked = !!call.legalHold;
    hold.disabled = false;
    hold.addEventListener('change', async () => {
      hold.disabled = true;
      try {
        hold.checked = !!(await api(`${path}/legal-hold`, { method: 'PUT', body: { legalHold: hold.checked } })).legalHold;
      } catch (err) {
        hold.checked = !hold.checked;
        failed(err, 'change the legal hold');
      } finally {
        hold.disabled = false;
      }
    });
    remove.addEventListener('click', async () => {
      if (!confirm('Delete this call with its recording, transcript and everything stored about it? This cannot be undone.')) return;
      try {
        await api(path, { method: 'DELETE' });
        location.hash = '#/calls';
      } catch (err) {
        failed(err, 'delete the call');
      }
    });
    return card;
  }

  const seekLink = (t, seek, label) => el('button', {
    type: 'button', class: 'time-link', 'data-testid': 'seek-link', 'data-seconds': String(t),
    onclick: () => seek(t), title: `Play from ${fmt.clock(t, true)}`,
  }, label || fmt.clock(t));

  /**
   * What was kept out of the call: card data redacted (the words replaced by a marker in the transcript, the
   * audio silenced) and spans the PBX muted (MixMonitorMute), which are not dead air.
   */
  function redactionsCard(report, seek) {
    const kinds = { 'card-number': 'card number', 'security-code': 'security code', expiry: 'expiry date', 'keypad-digits': 'keypad digits' };
    const spans = [
      ...(report.redactions || []).map((r) => ({ ...r, what: `${kinds[r.kind] || r.kind} redacted, audio silenced` })),
      ...(report.muted || []).map((m) => ({ ...m, what: 'recording muted by the PBX' })),
    ].sort((a, b) => a.start - b.start);
    return el('section', { class: 'card', 'aria-labelledby': 'call-redactions-title', id: 'call-redactions', 'data-testid': 'call-redactions' },
      el('h2', { id: 'call-redactions-title' }, 'Card data and muted recording'),
      el('ol', { class: 'cues' }, spans.map((r) => el('li', { 'data-kind': r.kind || 'muted' },
        seekLink(r.start, seek), el('span', { class: `who ${r.party || 'call'}` }, partyLabel(r.party)),
        el('span', { class: 'cue-text' }, `${r.what} (${fmt.num(r.end - r.start)} s)`)))));
  }

  /** The flags with what they mean, and the cues (evidence) behind the sentiment with seek links. */
  function whyCard(report, seek) {
    const s = report.sentiment;
    const cues = report.cues || [];
    const card = el('section', { class: 'card', 'aria-labelledby': 'call-why-title', id: 'call-why' },
      el('h2', { id: 'call-why-title' }, 'Sentiment and why it was flagged'));
    if (!s) { card.append(E.empty('Sentiment was not computed for this call.')); return card; }
    card.append(el('p', { class: 'sentiment-line' }, 'Overall ', E.sentimentBar(s.score), ' ', el('strong', {}, s.label || '')));
    const related = {
      escalation: (c) => c.kind === 'escalation',
      'long-dead-air': (c) => c.kind === 'dead-air',
      'frequent-interruptions': (c) => c.kind === 'interruption',
      'customer-negative': (c) => c.party === 'customer' && c.effect < 0,
      'agent-negative': (c) => c.party === 'agent' && c.effect < 0,
    };
    if ((s.flags || []).length) {
      card.append(el('ul', { class: 'flag-list', id: 'call-flags', 'data-testid': 'call-flags' }, s.flags.map((flag) => {
        const seen = new Set();
        const evidence = cues.filter(related[flag] || (() => false))
          .filter((c) => { const k = fmt.clock(c.start); if (seen.has(k)) return false; seen.add(k); return true; }).slice(0, 6);
        return el('li', { 'data-flag': flag }, E.flagChip(flag), ' ', E.FLAG_TEXT[flag] || '',
          evidence.length ? el('span', { class: 'evidence' }, ' At ', evidence.map((c, i) => [i ? ', ' : '', seekLink(c.start, seek)])) : null);
      })));
    } else {
      card.append(el('p', { class: 'muted' }, 'No flags: nothing in this call stood out.'));
    }
    if (cues.length) {
      const kinds = { word: 'word', escalation: 'escalation', prosody: 'tone', interruption: 'interruption', 'dead-air': 'dead air' };
      const list = el('ol', { class: 'cues', id: 'call-cues', 'data-testid': 'call-cues' }, cues.map((c) => el('li', { 'data-kind': c.kind },
        seekLink(c.start, seek),
        el('span', { class: `who ${c.party || 'call'}` }, partyLabel(c.party)),
        el('span', { class: `kind kind-${c.kind}` }, kinds[c.kind] || c.kind),
        el('span', { class: 'cue-text' }, c.text),
        isNum(c.effect) && c.effect !== 0 ? el('span', { class: `effect ${c.effect < 0 ? 'neg' : 'pos'}`, title: 'Push on the speaker\'s sentiment score' }, fmt.signed(c.effect)) : null)));
      card.append(el('details', { class: 'cue-details', open: cues.length <= 8 },
        el('summary', {}, `What moved the sentiment (${cues.length})`), list));
    }
    return card;
  }

  function surveyCard(survey) {
    const card = el('section', { class: 'card', 'aria-labelledby': 'call-survey-title', id: 'call-survey' },
      el('h2', { id: 'call-survey-title' }, 'Survey after the call'));
    if (!survey) { card.append(el('p', { class: 'muted' }, 'The caller did not answer the survey.')); return card; }
    const nps = survey.nps;
    const npsGroup = !isNum(nps) ? '' : nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor';
    const meter = (value, min, max, label, note) => el('div', { class: 'survey-item' },
      el('span', { class: 'survey-label' }, label),
      isNum(value) ? el('meter', { min, max, value, 'aria-label': `${label} ${value} of ${max}` }) : null,
      el('strong', {}, isNum(value) ? `${value} / ${max}` : 'not answered'),
      note ? el('span', { class: 'muted' }, ` ${note}`) : null);
    card.append(
      meter(survey.csat, 1, 5, 'Satisfaction (CSAT)'),
      meter(nps, 0, 10, 'Would recommend (NPS)', npsGroup),
      meter(survey.ces, 1, 7, 'Effort (CES, lower is easier)'),
      survey.answeredAt ? el('p', { class: 'muted' }, `Answered ${fmt.dateTime(survey.answeredAt)}`) : null);
    return card;
  }

  function metricsCard(report) {
    const parties = report.parties || {};
    const names = ['customer', 'agent'].filter((p) => parties[p]);
    const card = el('section', { class: 'card', 'aria-labelledby': 'call-metrics-title' },
      el('h2', { id: 'call-metrics-title' }, 'How they spoke'));
    const c = parties.customer?.talkSeconds;
    const a = parties.agent?.talkSeconds;
    if (isNum(c) && isNum(a) && c + a > 0) {
      const bar = el('div', { class: 'talk-bar', role: 'img', 'aria-label': `Talk time: customer ${fmt.duration(c)}, agent ${fmt.duration(a)}` });
      const cs = el('span', { class: 'customer' }, `Customer ${fmt.pct(c / (c + a), 0)}`);
      const as = el('span', { class: 'agent' }, `Agent ${fmt.pct(a / (c + a), 0)}`);
      cs.style.flexGrow = String(c);
      as.style.flexGrow = String(a);
      bar.append(cs, as);
      card.append(el('p', { class: 'muted small' }, 'Share of talk time'), bar);
    }
    const rows = [
      ['Talk time', (m) => fmt.duration(m.talkSeconds)],
      ['Words per minute', (m) => fmt.int(m.wordsPerMinute)],
      ['Syllables per second', (m) => fmt.num(m.syllablesPerSecond)],
      ['Pitch (median)', (m) => isNum(m.pitchMedianHz) ? `${fmt.int(m.pitchMedianHz)} Hz` : fmt.DASH],
      ['Pitch variation', (m) => isNum(m.pitchSdSemitones) ? `${fmt.num(m.pitchSdSemitones)} st` : fmt.DASH],
      ['Pitch range', (m) => isNum(m.pitchRangeSemitones) ? `${fmt.num(m.pitchRangeSemitones)} st` : fmt.DASH],
      ['Intonation shifts / min', (m) => fmt.num(m.intonationShiftsPerMinute)],
      ['Loudness', (m) => isNum(m.loudnessDb) ? `${fmt.num(m.loudnessDb)} dB` : fmt.DASH],
      ['Interruptions made', (m) => fmt.int(m.interruptions)],
      ['Backchannels ("mm-hm")', (m) => fmt.int(m.backchannels)],
      ['Sentiment', (m) => E.sentimentBar(m.sentiment)],
    ];
    if (names.length) {
      card.append(el('table', { class: 'data compact', id: 'call-metrics' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Measure'), names.map((p) => el('th', { scope: 'col', class: `num party-${p}` }, partyLabel(p))))),
        el('tbody', {}, rows.map(([label, f]) => el('tr', {}, el('th', { scope: 'row' }, label), names.map((p) => el('td', { class: 'num' }, f(parties[p]))))))));
    }
    const overall = el('dl', { class: 'facts' },
      el('dt', {}, 'Agent talk share'), el('dd', {}, fmt.pct(report.agentTalkRatio, 0)),
      el('dt', {}, 'Silence'), el('dd', {}, fmt.pct(report.silenceRatio, 0)),
      el('dt', {}, 'Overlaps per minute'), el('dd', {}, fmt.num(report.overlapsPerMinute)),
      el('dt', {}, 'Dead air'), el('dd', {}, (report.deadAir || []).length
        ? `${report.deadAir.length} stretch${report.deadAir.length === 1 ? '' : 'es'}, ${fmt.num(report.deadAir.reduce((s, d) => s + d.end - d.start, 0))} s in all` : 'none'));
    card.append(overall);
    for (const note of report.notes || []) card.append(el('p', { class: 'notice small' }, note));
    return card;
  }

  function eventsCard(events) {
    const card = el('section', { class: 'card', 'aria-labelledby': 'call-events-title' },
      el('h2', { id: 'call-events-title' }, 'What happened'));
    if (!(events || []).length) { card.append(el('p', { class: 'muted' }, 'No call events recorded.')); return card; }
    card.append(el('ol', { class: 'events', id: 'call-events', 'data-testid': 'call-events' }, events.map((e) =>
      el('li', {}, el('time', { datetime: e.at }, fmt.timeSec(e.at)), ' ', el('strong', {}, e.type), e.detail ? ` — ${e.detail}` : ''))));
    return card;
  }

  // ================================================================ transcript
  /** Chat-like transcript; every word seeks; the word being played is highlighted and kept in view. */
  function transcriptView(card, report, seek, call) {
    const follow = el('input', { type: 'checkbox', id: 'transcript-follow', checked: true });
    const filter = el('input', { type: 'search', id: 'transcript-find', placeholder: 'Find in transcript', size: '18', 'aria-label': 'Find in transcript' });
    // Downloads of the same transcript: text, and WebVTT (subtitles, each party a voice).
    const download = (format, label) => el('a', { class: 'csv', href: `/api/calls/${encodeURIComponent(call.id)}/transcript?format=${format}`,
      'data-testid': `transcript-${format}`, title: `Download the transcript as ${label}` }, label);
    card.append(el('div', { class: 'card-head' }, el('h2', { id: 'call-transcript-title' }, 'Transcript'),
      el('span', { class: 'spacer' }), report ? [filter, el('label', { class: 'check' }, follow, ' Follow playback'),
        download('txt', 'Text'), download('vtt', 'WebVTT')] : null));
    const segments = [...(report?.transcript || [])].sort((a, b) => a.start - b.start);
    const box = el('div', { class: 'transcript', id: 'transcript', 'data-testid': 'transcript', tabindex: '0', 'aria-label': 'Transcript' });
    card.append(box);
    const words = [];
    const turns = [];
    if (!report) {
      box.classList.add('no-transcript');
      box.append(E.empty(call.analysisStatus === 'failed' ? 'No transcript: the analysis failed (see above).'
        : call.analysisStatus === 'no recording' ? 'No transcript: there is no recording.'
          : call.analysisStatus === 'queued' || call.analysisStatus === 'running' ? 'The transcript will be here when the analysis is done.'
            : 'No transcript: the call has not been analysed.'));
    }
    else if (!segments.length) box.append(E.empty('Nobody was recognised speaking in this recording.'));
    for (const seg of segments) {
      const party = PARTIES[seg.party] ? seg.party : 'mixed';
      const text = el('p', { class: 'words' });
      if ((seg.words || []).length) {
        seg.words.forEach((w, i) => {
          const span = el('span', {
            class: `w${w.confidence < 0.5 ? ' low' : ''}`, 'data-start': String(w.start),
            title: w.confidence < 0.5 ? `Not sure of this word (confidence ${fmt.pct(w.confidence, 0)})` : null,
          }, w.word);
          words.push({ start: w.start, end: w.end, node: span });
          text.append(i ? ' ' : '', span);
        });
      } else {
        text.append(seg.text || '');
      }
      const turn = el('article', { class: `turn ${party}`, 'data-testid': 'transcript-segment', 'data-party': seg.party, 'data-start': String(seg.start) },
        el('header', {}, el('span', { class: 'who' }, partyLabel(seg.party)), ' ',
          el('button', { type: 'button', class: 'time-link', onclick: () => seek(seg.start), 'aria-label': `Play ${partyLabel(seg.party)} from ${fmt.clock(seg.start)}` }, fmt.clock(seg.start))),
        text);
      turns.push({ start: seg.start, end: seg.end, node: turn });
      box.append(turn);
    }
    box.addEventListener('click', (e) => {
      const w = e.target.closest('.w');
      if (w) seek(Number(w.dataset.start));
    });
    filter.addEventListener('input', () => {
      const needle = filter.value.trim().toLowerCase();
      for (const w of words) w.node.classList.toggle('found', !!needle && w.node.textContent.toLowerCase().includes(needle));
      const first = words.find((w) => w.node.classList.contains('found'));
      if (first) scrollInto(first.node);
    });
    let currentWord = null;
    let currentTurn = null;
    function scrollInto(node) {
      const top = node.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
      if (top < box.scrollTop + 20 || top > box.scrollTop + box.clientHeight - 40) {
        box.scrollTo({ top: Math.max(0, top - box.clientHeight / 3), behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
      }
    }
    const lastAtOrBefore = (list, t) => {
      let lo = 0;
      let hi = list.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].start <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
      }
      return found < 0 ? null : list[found];
    };
    return {
      highlight(t, playing) {
        const w = lastAtOrBefore(words, t + 0.02);
        const word = w && t <= w.end + 0.25 ? w.node : null;
        if (word !== currentWord) {
          currentWord?.classList.remove('current');
          word?.classList.add('current');
          currentWord = word;
          if (word && playing && follow.checked) scrollInto(word);
        }
        const s = lastAtOrBefore(turns, t + 0.02);
        const turn = s && t <= s.end + 0.5 ? s.node : null;
        if (turn !== currentTurn) {
          currentTurn?.classList.remove('speaking');
          turn?.classList.add('speaking');
          currentTurn = turn;
          if (turn && !word && playing && follow.checked) scrollInto(turn);
        }
      },
    };
  }

  E.pages.call = { title: 'Call', render };
})();
