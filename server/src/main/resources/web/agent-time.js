// Earshot web UI: the dashboard's "Agent time" table: per agent, time in each pause reason (with the
// number of pauses and the longest), totals, rings not answered and missed calls, for the selected
// period. Reads the rows of GET /api/kpis?groupBy=agent that the dashboard already fetched.
'use strict';

(() => {
  const E = window.Earshot;
  const { el, fmt } = E;
  const NO_REASON = '(no reason)';

  const reasonName = (p) => p.reason ?? NO_REASON;

  /** One reason's cell: its time, and under it how many pauses began in the period and the longest. */
  function pauseCell(p) {
    if (!p || (!p.seconds && !p.count)) return fmt.DASH;
    return el('span', { class: 'pause-cell' }, fmt.duration(p.seconds),
      el('small', { class: 'muted' }, ` ${fmt.int(p.count)}× · longest ${fmt.duration(p.longestSeconds)}`));
  }

  function columns(reasons) {
    return [
      { key: 'key', label: 'Agent' },
      ...reasons.map((reason, i) => ({
        key: `reason-${i}`, label: reason, numeric: true, title: `Time paused for “${reason}”; pauses begun and the longest`,
        value: (r) => r.byReason.get(reason)?.seconds ?? 0, render: (r) => pauseCell(r.byReason.get(reason)),
      })),
      { key: 'pausedSeconds', label: 'Paused in all', numeric: true, render: (r) => fmt.duration(r.pausedSeconds) },
      { key: 'pauseCount', label: 'Pauses', numeric: true, render: (r) => fmt.int(r.pauseCount) },
      { key: 'longestPauseSeconds', label: 'Longest pause', numeric: true, render: (r) => r.pauseCount ? fmt.duration(r.longestPauseSeconds) : fmt.DASH },
      { key: 'ringNoAnswer', label: 'Rang, not answered', numeric: true, title: 'Times the agent’s phone rang for a queue call and was not answered', render: (r) => fmt.int(r.ringNoAnswer) },
      { key: 'missed', label: 'Missed calls', numeric: true, title: 'Calls that rang this agent unanswered and that they never took', render: (r) => fmt.int(r.missed) },
    ];
  }

  /** Fills {@code container} with the table of the agent rows' pauses and missed rings. */
  function render(container, agentRows) {
    if (!container) return;
    const rows = (agentRows || []).filter((r) => r.key && Array.isArray(r.pauses)).map((r) => ({
      ...r, byReason: new Map(r.pauses.map((p) => [reasonName(p), p])),
    })).filter((r) => r.pauses.length || r.ringNoAnswer || r.missed);
    const reasons = [...new Set(rows.flatMap((r) => r.pauses.map(reasonName)))]
      .sort((a, b) => (a === NO_REASON) - (b === NO_REASON) || a.localeCompare(b));
    const table = E.sortableTable({ columns: columns(reasons), rows, sortKey: 'pausedSeconds', caption: 'Pauses by reason and missed rings per agent',
      testid: 'agent-time-table', id: 'agent-time-table', rowTestid: 'agent-time-row', emptyText: 'No pauses and no missed rings in this period.' });
    container.replaceChildren(E.scroller(table.node), el('p', { class: 'muted small' },
      'Time counts the part of each pause inside the period; a pause is counted, and its length compared, in the period it began. '
      + 'Missed calls: calls that rang the agent without an answer and that they never took.'));
  }

  E.agentTime = { render };
})();
