// Earshot web UI: saved searches that alert (issue 17). On the search page: save the current search (name,
// watch, flag for QA), list your saved searches with their new matches, open one (runs it), mark it seen,
// delete it. In the nav: a badge with your unseen matches over all searches (GET /api/searches).
'use strict';

(() => {
  const E = window.Earshot;
  const { el, api, fmt } = E;
  /** Who may have a search put its matches in the QA queue (the server checks it too: 403 otherwise). */
  const FLAGGERS = ['admin', 'supervisor', 'qa'];
  const SINGLE = ['party', 'from', 'to', 'minDuration', 'maxDuration', 'minWait', 'maxWait', 'minTalk', 'maxTalk', 'sort'];
  const LISTS = ['caller', 'queue', 'agent', 'outcome', 'flag', 'where', 'crmId'];
  const BADGE_EVERY_MS = 60_000;

  /** GET /api/calls parameters (the search page's apiParams) → the body of POST /api/searches. */
  function draftOf(apiParams, name, watch, flagForQa) {
    const filters = {};
    for (const k of SINGLE) if (apiParams.get(k)) filters[k] = apiParams.get(k);
    for (const k of LISTS) if (apiParams.getAll(k).length) filters[k] = apiParams.getAll(k);
    return { name, query: apiParams.get('q') || null, filters, watch, flagForQa };
  }

  /** A saved search → the search page's own parameters (minutes, where text), so opening it fills the form. */
  function pageParamsOf(search) {
    const f = search.filters || {};
    const out = new URLSearchParams();
    if (search.query) out.set('q', search.query);
    for (const k of ['party', 'from', 'to', 'sort']) if (f[k]) out.set(k, f[k]);
    if (f.minDuration != null) out.set('minMinutes', String(f.minDuration / 60));
    if (f.maxDuration != null) out.set('maxMinutes', String(f.maxDuration / 60));
    for (const k of ['queue', 'agent', 'outcome', 'flag']) for (const v of f[k] || []) out.append(k, v);
    // Filters the form has no field of (wait, talk, caller, CRM id) go along as conditions where they can.
    const where = [...(f.where || [])];
    if (f.minWait != null) where.push(`waitSeconds>=${f.minWait}`);
    if (f.maxWait != null) where.push(`waitSeconds<=${f.maxWait}`);
    if (f.minTalk != null) where.push(`talkSeconds>=${f.minTalk}`);
    if (f.maxTalk != null) where.push(`talkSeconds<=${f.maxTalk}`);
    if (where.length) out.set('where', where.join('; '));
    return out;
  }

  // ---------------------------------------------------------------- nav badge
  async function refreshBadge(known) {
    const badge = document.getElementById('nav-search-badge');
    if (!badge) return;
    if (!E.session.username) { badge.textContent = ''; return; }
    let total = known;
    if (total == null) {
      try { total = (await api('/api/searches')).newMatches; } catch { return; }
    }
    badge.textContent = total > 0 ? String(total) : '';
    badge.title = total > 0 ? `${total} new call${total === 1 ? '' : 's'} matched your saved searches` : '';
  }
  setInterval(() => refreshBadge(), BADGE_EVERY_MS);
  window.addEventListener('hashchange', () => refreshBadge());

  // ---------------------------------------------------------------- search page panel
  /**
   * Adds the saved-searches panel to the search page. currentApiParams() gives the search on screen as
   * GET /api/calls parameters.
   */
  function mount(page, currentApiParams) {
    const list = el('ul', { class: 'saved-list', 'data-testid': 'saved-searches' });
    const error = el('p', { class: 'error', role: 'alert', 'data-testid': 'saved-search-error' });
    const nameInput = el('input', { id: 'saved-search-name', name: 'name', required: true, maxlength: 200, size: 24,
      'data-testid': 'saved-search-name' });
    const watchBox = el('input', { type: 'checkbox', id: 'saved-search-watch', name: 'watch', checked: true,
      'data-testid': 'saved-search-watch' });
    const qaBox = el('input', { type: 'checkbox', id: 'saved-search-qa', name: 'flagForQa', 'data-testid': 'saved-search-qa' });
    const form = el('form', { class: 'saved-form', hidden: true, 'data-testid': 'saved-search-form' },
      el('label', { for: 'saved-search-name' }, 'Name '), nameInput,
      el('label', { class: 'check' }, watchBox, ' Tell me about new matching calls'),
      FLAGGERS.includes(E.session.role) ? el('label', { class: 'check' }, qaBox, ' Put matching calls in the QA queue') : null,
      el('button', { type: 'submit', class: 'primary', 'data-testid': 'saved-search-save' }, 'Save'),
      el('button', { type: 'button', onclick: () => { form.hidden = true; } }, 'Cancel'));
    const open = el('button', { type: 'button', 'data-testid': 'saved-search-open-form',
      onclick: () => { form.hidden = false; error.textContent = ''; nameInput.focus(); } }, 'Save this search…');
    const panel = el('details', { class: 'card saved-searches', id: 'saved-searches', 'data-testid': 'saved-searches-panel' },
      el('summary', {}, 'Saved searches ', el('span', { class: 'badge', id: 'saved-searches-new' })),
      el('div', { class: 'actions' }, open), form, error, list);
    page.querySelector('#search-form').after(panel);

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      try {
        await api('/api/searches', { method: 'POST', body: draftOf(currentApiParams(), nameInput.value.trim(),
          watchBox.checked, FLAGGERS.includes(E.session.role) && qaBox.checked) });
        form.hidden = true;
        nameInput.value = '';
        E.toast('Search saved.');
        panel.open = true;
        await load();
      } catch (err) {
        error.textContent = err.detail || err.message;
      }
    });

    async function act(fn) {
      error.textContent = '';
      try { await fn(); await load(); } catch (err) { error.textContent = err.detail || err.message; }
    }

    function item(s) {
      const what = [s.watch ? 'watched' : 'not watched', s.flagForQa ? 'flags for QA' : null,
        `${fmt.int(s.matches)} match${s.matches === 1 ? '' : 'es'}`].filter(Boolean).join(' · ');
      return el('li', { 'data-testid': 'saved-search', 'data-search-id': String(s.id) },
        el('a', { href: E.href('search', pageParamsOf(s)), 'data-testid': 'saved-search-link',
          title: 'Run this search' }, s.name),
        ' ', el('span', { class: 'badge new', 'data-testid': 'saved-search-new' }, s.newMatches > 0 ? `${s.newMatches} new` : ''),
        ' ', el('span', { class: 'muted' }, what),
        el('span', { class: 'spacer' }),
        s.newMatches > 0 ? el('button', { type: 'button', 'data-testid': 'saved-search-seen',
          onclick: () => act(() => api(`/api/searches/${s.id}/seen`, { method: 'POST' })) }, 'Mark seen') : null,
        el('button', { type: 'button', class: 'danger', 'data-testid': 'saved-search-delete',
          onclick: () => { if (window.confirm(`Delete the saved search “${s.name}”?`)) act(() => api(`/api/searches/${s.id}`, { method: 'DELETE' })); } },
        'Delete'));
    }

    async function load() {
      let data;
      try { data = await api('/api/searches'); } catch (err) { error.textContent = err.detail || err.message; return; }
      list.replaceChildren(...(data.searches.length ? data.searches.map(item)
        : [el('li', { class: 'muted' }, 'No saved searches yet: search, then “Save this search…”.')]));
      panel.querySelector('#saved-searches-new').textContent = data.newMatches > 0 ? `${data.newMatches} new` : '';
      if (data.newMatches > 0) panel.open = true;
      refreshBadge(data.newMatches);
    }

    load();
    return { refresh: load };
  }

  E.savedSearches = { mount, draftOf, pageParamsOf, refreshBadge };
})();
