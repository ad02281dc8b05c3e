// Earshot web UI: the call's pictures, drawn on <canvas> by hand: the waveform (one lane per party,
// with the playhead; click or drag to seek) and, under it on the same time axis, the timeline strip
// (sentiment per window per party, pitch, overlaps coloured by who interrupted, dead air).
'use strict';

(() => {
  const E = window.Earshot;
  const { COLORS, PARTIES, fmt, isNum } = E;

  /** Both canvases share this gutter (party labels) so their time axes line up. */
  const GUTTER = 124;
  const RIGHT = 10;
  const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  const BOLD = '600 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

  /** Sizes a canvas to its CSS box at the screen's pixel density; returns the 2D context in CSS pixels. */
  function fit(canvas, cssHeight) {
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(200, canvas.parentElement.clientWidth);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${cssHeight}px`;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(cssHeight * dpr);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return { ctx, width, height: cssHeight, dpr };
  }
  function offscreen(width, height, dpr) {
    const c = document.createElement('canvas');
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
    const ctx = c.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return { canvas: c, ctx };
  }

  /** The x axis: seconds ↔ CSS pixels. */
  function axis(width, duration) {
    const plot = Math.max(1, width - GUTTER - RIGHT);
    const d = Math.max(0.001, duration || 0.001);
    return {
      plot,
      x: (t) => GUTTER + Math.min(1, Math.max(0, t / d)) * plot,
      t: (x) => Math.min(d, Math.max(0, (x - GUTTER) / plot * d)),
    };
  }
  /** A tick step that gives roughly one label per 80 px. */
  function tickStep(duration, plot) {
    const wanted = duration / Math.max(1, plot / 80);
    return [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800].find((s) => s >= wanted) || 3600;
  }
  function drawTicks(ctx, ax, duration, top, labels) {
    const step = tickStep(duration, ax.plot);
    ctx.font = FONT;
    ctx.fillStyle = '#4b5563';
    ctx.strokeStyle = '#9ca3af';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let t = 0; t <= duration + 1e-6; t += step) {
      const x = Math.round(ax.x(t)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + 4);
      ctx.stroke();
      if (labels) ctx.fillText(fmt.clock(t), Math.min(Math.max(x, GUTTER + 12), ax.x(duration) - 12), top + 5);
    }
  }
  function hatch(ctx, x, y, w, h, color) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
    ctx.strokeStyle = color;
    ctx.lineWidth = 1;
    for (let i = -h; i < w + h; i += 6) {
      ctx.beginPath();
      ctx.moveTo(x + i, y + h);
      ctx.lineTo(x + i + h, y);
      ctx.stroke();
    }
    ctx.restore();
  }
  function playhead(ctx, ax, t, height) {
    const x = Math.round(ax.x(t)) + 0.5;
    ctx.strokeStyle = '#111827';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.lineTo(x, height);
    ctx.stroke();
    ctx.lineWidth = 1;
  }

  /**
   * Pointer seeking shared by both canvases: click or drag → onSeek(seconds); hover → onHover(seconds, y) or null.
   */
  function pointerSeek(canvas, getAxis, onSeek, onHover) {
    let dragging = false;
    const at = (e) => {
      const box = canvas.getBoundingClientRect();
      return { x: e.clientX - box.left, y: e.clientY - box.top };
    };
    canvas.addEventListener('pointerdown', (e) => {
      const p = at(e);
      if (p.x < GUTTER - 4 || e.button !== 0) return;
      dragging = true;
      canvas.setPointerCapture(e.pointerId);
      onSeek(getAxis().t(p.x));
    });
    canvas.addEventListener('pointermove', (e) => {
      const p = at(e);
      if (dragging) onSeek(getAxis().t(p.x));
      onHover?.(p.x >= GUTTER ? getAxis().t(p.x) : null, p.y, p.x);
    });
    const stop = (e) => {
      if (dragging && canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
      dragging = false;
    };
    canvas.addEventListener('pointerup', stop);
    canvas.addEventListener('pointercancel', stop);
    canvas.addEventListener('pointerleave', () => onHover?.(null));
  }

  // ================================================================ waveform
  /**
   * The waveform: lanes [{party, peaks: [0..1]}], one per party (customer on top, agent below), or
   * one "mixed" lane for mono. markers: [{t, color, label}] drawn as small triangles on top.
   * Returns {draw(t), setMarkers(list), resize(), axis()}.
   */
  function waveform({ canvas, lanes, duration, deadAir = [], onSeek }) {
    const order = { customer: 0, agent: 1, mixed: 2 };
    const sorted = [...lanes].sort((a, b) => (order[a.party] ?? 3) - (order[b.party] ?? 3));
    const laneHeight = sorted.length > 1 ? 58 : 86;
    const top = 8;
    const height = top + sorted.length * laneHeight + (sorted.length - 1) * 4 + 22;
    let size;
    let ax;
    let layers;
    let markers = [];
    let hover = null;
    let lastT = 0;
    const peakMax = Math.max(0.05, ...sorted.flatMap((l) => l.peaks.filter(isNum)));

    function laneTop(i) { return top + i * (laneHeight + 4); }

    function paint(ctx, played) {
      ctx.clearRect(0, 0, size.width, size.height);
      sorted.forEach((lane, i) => {
        const p = PARTIES[lane.party] || PARTIES.mixed;
        const y0 = laneTop(i);
        const mid = y0 + laneHeight / 2;
        if (!played) {
          ctx.fillStyle = '#f8fafc';
          ctx.fillRect(GUTTER, y0, ax.plot, laneHeight);
          for (const d of deadAir) hatch(ctx, ax.x(d.start), y0, ax.x(d.end) - ax.x(d.start), laneHeight, '#d1d5db');
          ctx.font = BOLD;
          ctx.fillStyle = p.color;
          ctx.textAlign = 'left';
          ctx.textBaseline = 'middle';
          ctx.fillText(p.label, 8, mid);
          ctx.strokeStyle = '#e5e7eb';
          ctx.beginPath();
          ctx.moveTo(GUTTER, Math.round(mid) + 0.5);
          ctx.lineTo(GUTTER + ax.plot, Math.round(mid) + 0.5);
          ctx.stroke();
        }
        const n = lane.peaks.length;
        if (!n) return;
        const step = ax.plot / n;
        const half = laneHeight / 2 - 2;
        ctx.fillStyle = played ? p.color : p.light;
        for (let k = 0; k < n; k++) {
          const v = lane.peaks[k];
          if (!isNum(v) || v <= 0) continue;
          const h = Math.max(0.75, Math.min(1, v / peakMax) * half);
          ctx.fillRect(GUTTER + k * step, mid - h, Math.max(1, step * 0.8), h * 2);
        }
      });
      if (!played) drawTicks(ctx, ax, duration, laneTop(sorted.length) - 2, true);
    }

    function resize() {
      size = fit(canvas, height);
      ax = axis(size.width, duration);
      const base = offscreen(size.width, height, size.dpr);
      const done = offscreen(size.width, height, size.dpr);
      paint(base.ctx, false);
      paint(done.ctx, true);
      layers = { base: base.canvas, done: done.canvas };
      draw(lastT);
    }

    function draw(t) {
      lastT = isNum(t) ? t : 0;
      const ctx = canvas.getContext('2d');
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(layers.base, 0, 0);
      const px = Math.round(ax.x(lastT) * size.dpr);
      if (px > 0) ctx.drawImage(layers.done, 0, 0, px, canvas.height, 0, 0, px, canvas.height);
      ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
      for (const m of markers) {
        const x = ax.x(m.t);
        ctx.fillStyle = m.color;
        ctx.beginPath();
        ctx.moveTo(x - 5, 0);
        ctx.lineTo(x + 5, 0);
        ctx.lineTo(x, 8);
        ctx.closePath();
        ctx.fill();
      }
      if (hover != null) {
        const x = Math.round(ax.x(hover)) + 0.5;
        ctx.strokeStyle = 'rgba(17,24,39,.35)';
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, laneTop(sorted.length) - 4);
        ctx.stroke();
        const label = fmt.clock(hover, true);
        ctx.font = FONT;
        const w = ctx.measureText(label).width + 8;
        const lx = Math.min(Math.max(x + 4, GUTTER), size.width - w);
        ctx.fillStyle = '#111827';
        ctx.fillRect(lx, top, w, 16);
        ctx.fillStyle = '#fff';
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        ctx.fillText(label, lx + 4, top + 8);
      }
      playhead(ctx, ax, lastT, laneTop(sorted.length) - 2);
    }

    pointerSeek(canvas, () => ax, onSeek, (t) => { hover = t; draw(lastT); });
    resize();
    return {
      draw, resize, axis: () => ax,
      setMarkers(list) { markers = list || []; draw(lastT); },
    };
  }

  // ================================================================ timeline strip
  const SENT_ROW = 30;
  const REDACTED = { 'card-number': 'Card number', 'security-code': 'Security code', expiry: 'Expiry date',
    'keypad-digits': 'Keypad digits' };

  /**
   * The strip under the waveform: one row per thing the report measured over time. Rows without
   * data say "not measured" instead of drawing nothing. Returns {draw(t), resize(), hoverText(t, y)}.
   */
  function timeline({ canvas, report, duration, onSeek, tooltip }) {
    const windows = report.timeline || [];
    const hasPitch = windows.some((w) => isNum(w.customerPitchHz) || isNum(w.agentPitchHz));
    const rows = [
      { key: 'customerSentiment', label: 'Customer mood', h: SENT_ROW, party: 'customer' },
      { key: 'agentSentiment', label: 'Agent mood', h: SENT_ROW, party: 'agent' },
      { key: 'pitch', label: 'Pitch', h: 36 },
      { key: 'overlaps', label: 'Overlaps', h: 20 },
      { key: 'deadAir', label: 'Dead air', h: 14 },
    ];
    // Card data silenced by Earshot and spans the PBX muted: a row of their own, never drawn as dead air.
    // Only calls that have some get the row.
    const protectedSpans = [
      ...(report.redactions || []).map((r) => ({ ...r, muted: false })),
      ...(report.muted || []).map((m) => ({ ...m, muted: true })),
    ];
    if (protectedSpans.length) rows.push({ key: 'protected', label: 'Card data', h: 14 });
    let y = 4;
    for (const r of rows) { r.y = y; y += r.h + 6; }
    const height = y + 20;
    let size;
    let ax;
    let base;
    let lastT = 0;
    const pitches = windows.flatMap((w) => [w.customerPitchHz, w.agentPitchHz]).filter(isNum);
    const pMin = pitches.length ? Math.min(...pitches) : 0;
    const pMax = pitches.length ? Math.max(...pitches) : 1;

    function notMeasured(ctx, r, text = 'not measured') {
      ctx.fillStyle = '#6b7280';
      ctx.font = FONT;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(text, GUTTER + 6, r.y + r.h / 2);
    }

    function paint(ctx) {
      ctx.clearRect(0, 0, size.width, height);
      for (const r of rows) {
        ctx.fillStyle = '#f8fafc';
        ctx.fillRect(GUTTER, r.y, ax.plot, r.h);
        ctx.font = BOLD;
        ctx.fillStyle = r.party ? PARTIES[r.party].color : '#374151';
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        ctx.fillText(r.label, 8, r.y + r.h / 2);
      }
      // Sentiment: bars up (teal, positive) or down (red, negative) from the middle line: the
      // height carries the value, so colour is never the only cue.
      for (const r of rows.slice(0, 2)) {
        const mid = r.y + r.h / 2;
        ctx.strokeStyle = '#d1d5db';
        ctx.beginPath();
        ctx.moveTo(GUTTER, Math.round(mid) + 0.5);
        ctx.lineTo(GUTTER + ax.plot, Math.round(mid) + 0.5);
        ctx.stroke();
        const values = windows.filter((w) => isNum(w[r.key]));
        if (!values.length) { notMeasured(ctx, r); continue; }
        for (const w of values) {
          const v = Math.max(-1, Math.min(1, w[r.key]));
          const x0 = ax.x(w.start);
          const x1 = ax.x(w.end);
          const h = Math.max(1.5, Math.abs(v) * (r.h / 2 - 1));
          ctx.fillStyle = v < 0 ? COLORS.negative : COLORS.positive;
          ctx.globalAlpha = 0.35 + 0.65 * Math.min(1, Math.abs(v) * 1.5);
          ctx.fillRect(x0 + 0.5, v < 0 ? mid : mid - h, Math.max(1, x1 - x0 - 1), h);
          ctx.globalAlpha = 1;
        }
      }
      // Pitch: one line per party, gaps where a window has no voiced speech.
      const pr = rows[2];
      if (!hasPitch) notMeasured(ctx, pr);
      else {
        const py = (hz) => pr.y + pr.h - 3 - (pMax > pMin ? (hz - pMin) / (pMax - pMin) : 0.5) * (pr.h - 6);
        for (const party of ['customer', 'agent']) {
          ctx.strokeStyle = PARTIES[party].color;
          ctx.lineWidth = 1.75;
          ctx.beginPath();
          let open = false;
          for (const w of windows) {
            const hz = w[`${party}PitchHz`];
            if (!isNum(hz)) { open = false; continue; }
            const x = ax.x((w.start + w.end) / 2);
            if (open) ctx.lineTo(x, py(hz)); else ctx.moveTo(x, py(hz));
            open = true;
          }
          ctx.stroke();
          ctx.lineWidth = 1;
        }
      }
      // Overlaps: a block per overlap in the colour of who started talking; backchannels lighter and lower.
      const or = rows[3];
      if (report.overlaps == null) notMeasured(ctx, or, 'not measured (mono recording)');
      else if (!report.overlaps.length) notMeasured(ctx, or, 'none');
      for (const o of report.overlaps || []) {
        const p = PARTIES[o.by] || PARTIES.mixed;
        const back = o.kind === 'backchannel';
        ctx.fillStyle = back ? p.light : p.color;
        const h = back ? or.h * 0.5 : or.h;
        ctx.fillRect(ax.x(o.start), or.y + (or.h - h), Math.max(2, ax.x(o.end) - ax.x(o.start)), h);
      }
      const dr = rows[4];
      if (!(report.deadAir || []).length) notMeasured(ctx, dr, 'none');
      for (const d of report.deadAir || []) {
        ctx.fillStyle = '#e5e7eb';
        ctx.fillRect(ax.x(d.start), dr.y, ax.x(d.end) - ax.x(d.start), dr.h);
        hatch(ctx, ax.x(d.start), dr.y, ax.x(d.end) - ax.x(d.start), dr.h, '#6b7280');
      }
      const cr = rows[5];
      if (cr) {
        // Redactions solid (the audio is silenced there), PBX-muted spans hatched on blue: shape tells them apart.
        for (const p of protectedSpans) {
          const x0 = ax.x(p.start);
          const w = Math.max(2, ax.x(p.end) - x0);
          ctx.fillStyle = p.muted ? '#bfdbfe' : '#111827';
          ctx.fillRect(x0, cr.y, w, cr.h);
          if (p.muted) hatch(ctx, x0, cr.y, w, cr.h, '#1d4ed8');
        }
      }
      drawTicks(ctx, ax, duration, y - 4, true);
    }

    function resize() {
      size = fit(canvas, height);
      ax = axis(size.width, duration);
      const off = offscreen(size.width, height, size.dpr);
      paint(off.ctx);
      base = off.canvas;
      draw(lastT);
    }
    function draw(t) {
      lastT = isNum(t) ? t : 0;
      const ctx = canvas.getContext('2d');
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(base, 0, 0);
      ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
      playhead(ctx, ax, lastT, y - 4);
    }

    /** What is under the pointer, in words. */
    function hoverText(t, py) {
      const r = rows.find((row) => py >= row.y - 3 && py <= row.y + row.h + 3);
      if (!r || t == null) return null;
      const at = fmt.clock(t, true);
      if (r.key === 'customerSentiment' || r.key === 'agentSentiment') {
        const w = windows.find((x) => t >= x.start && t < x.end);
        if (!w || !isNum(w[r.key])) return `${r.label} at ${at}: not measured`;
        return `${r.label} ${fmt.clock(w.start)}–${fmt.clock(w.end)}: ${fmt.signed(w[r.key])}`;
      }
      if (r.key === 'pitch') {
        const w = windows.find((x) => t >= x.start && t < x.end);
        if (!w) return null;
        return `Pitch ${fmt.clock(w.start)}–${fmt.clock(w.end)}: customer ${isNum(w.customerPitchHz) ? `${Math.round(w.customerPitchHz)} Hz` : '—'}, agent ${isNum(w.agentPitchHz) ? `${Math.round(w.agentPitchHz)} Hz` : '—'}`;
      }
      if (r.key === 'overlaps') {
        const o = (report.overlaps || []).find((x) => t >= x.start - 0.3 && t <= x.end + 0.3);
        if (!o) return null;
        const other = o.by === 'customer' ? 'agent' : 'customer';
        return o.kind === 'backchannel'
          ? `${E.partyLabel(o.by)} backchannel ("mm-hm") ${fmt.clock(o.start, true)}–${fmt.clock(o.end, true)}`
          : `${E.partyLabel(o.by)} interrupted the ${other} ${fmt.clock(o.start, true)}–${fmt.clock(o.end, true)}`;
      }
      if (r.key === 'protected') {
        const p = protectedSpans.find((x) => t >= x.start && t <= x.end);
        if (!p) return null;
        const span = `${fmt.clock(p.start, true)}–${fmt.clock(p.end, true)}`;
        return p.muted ? `Recording muted by the PBX (${E.partyLabel(p.party)}) ${span}`
          : `${REDACTED[p.kind] || p.kind} (${E.partyLabel(p.party)}) redacted, audio silenced ${span}`;
      }
      const d = (report.deadAir || []).find((x) => t >= x.start && t <= x.end);
      return d ? `Dead air ${fmt.clock(d.start, true)}–${fmt.clock(d.end, true)} (${fmt.num(d.end - d.start)} s)` : null;
    }

    pointerSeek(canvas, () => ax, onSeek, (t, py, px) => {
      if (!tooltip) return;
      const text = t == null ? null : hoverText(t, py);
      tooltip.hidden = !text;
      if (!text) return;
      tooltip.textContent = text;
      const max = size.width - tooltip.offsetWidth - 4;
      tooltip.style.left = `${Math.max(0, Math.min(max, px + 12))}px`;
      tooltip.style.top = `${py + 14}px`;
    });
    resize();
    return { draw, resize, hoverText };
  }

  E.CallCanvas = { waveform, timeline, GUTTER };
})();
