// Earshot web UI: administration, for admins. Users (#/admin/users): create, change role, disable
// or enable, reset a password. API keys (#/admin/keys): create (the key shown once), list, revoke.
// Audit log (#/admin/audit): who did what, filtered and paged.
// Settings (#/admin/settings): the configuration in force, read-only, and whether AMI and FastAGI are up.
'use strict';

(() => {
  const E = window.Earshot;
  const { el, api, fmt } = E;
  const MIN_PASSWORD = 10;
  const ROLE_TEXT = {
    admin: 'admin — everything, including users',
    supervisor: 'supervisor — dashboard, live wall, calls, QA and coaching to read',
    qa: 'qa — calls, QA reviews and scorecards',
    trainer: 'trainer — calls, coaching, QA to read',
  };
  const ACTIONS = ['login', 'login-failed', 'logout', 'user-created', 'role-changed', 'user-disabled', 'user-enabled',
    'password-reset', 'call-opened', 'call-played', 'call-reanalysed', 'calls-exported', 'kpis-exported',
    'key-created', 'key-revoked', 'call-deleted', 'call-erased', 'caller-erased', 'webhook-created', 'webhook-updated', 'webhook-deleted', 'webhook-resent'];

  function render(view, route) {
    const sub = route.path[1] || 'users';
    const t = E.tabbed(view, {
      title: 'Administration', active: sub, testid: 'page-admin',
      tabs: [{ key: 'users', label: 'Users', href: '#/admin/users', testid: 'admin-tab-users' },
        { key: 'keys', label: 'API keys', href: '#/admin/keys', testid: 'admin-tab-keys' },
        { key: 'webhooks', label: 'Webhooks', href: '#/admin/webhooks', testid: 'admin-tab-webhooks' },
        { key: 'erasure', label: 'Erasure', href: '#/admin/erasure', testid: 'admin-tab-erasure' },
        { key: 'audit', label: 'Audit log', href: '#/admin/audit', testid: 'admin-tab-audit' },
        { key: 'settings', label: 'Settings', href: '#/admin/settings', testid: 'admin-tab-settings' }],
    });
    if (sub === 'settings') return settings(t);
    if (sub === 'keys') return apiKeys(t);
    if (sub === 'webhooks') return E.adminWebhooks(t);
    if (sub === 'erasure') return erasure(t);
    return sub === 'audit' ? audit(t, route) : users(t);
  }

  // ================================================================ settings
  const SECTIONS = [['server', 'Server'], ['ami', 'Asterisk Manager Interface (AMI)'], ['agi', 'FastAGI'],
    ['analysis', 'Analysis and call flags'], ['kpis', 'KPI definitions (all queues)'], ['alerts', 'Alert rules (0 = off)']];

  function settingsTable(id, title, entries) {
    return el('section', { class: 'card', 'aria-labelledby': `${id}-title` },
      el('h2', { id: `${id}-title` }, title),
      E.scroller(el('table', { class: 'data', 'data-testid': `settings-${id}` },
        el('caption', { class: 'visually-hidden' }, title),
        el('tbody', {}, entries.map(([key, value]) => el('tr', { 'data-key': key },
          el('th', { scope: 'row' }, key),
          el('td', { class: 'wrap' }, value === null || value === undefined ? '—'
            : typeof value === 'object' ? Object.entries(value).map(([k, v]) => `${k}: ${v}`).join(', ') || '—'
              : String(value))))))));
  }

  // Flag rules or the model changed: the calls already analysed keep their old reports until analysed again.
  function reanalysis() {
    const from = el('input', { id: 'reanalyse-from', type: 'date', required: true, value: E.daysAgo(7) });
    const to = el('input', { id: 'reanalyse-to', type: 'date', required: true, value: E.today() });
    const queue = el('input', { id: 'reanalyse-queue', placeholder: 'all queues', size: '12' });
    const status = el('p', { id: 'reanalyse-status', role: 'status', class: 'save-status' });
    const form = el('form', { class: 'card', id: 'reanalyse-form', 'aria-labelledby': 'reanalyse-title' },
      el('h2', { id: 'reanalyse-title' }, 'Analyse calls again'),
      el('p', { class: 'muted small' }, 'After changing the flag rules (escalation keywords, dead air, interruptions) or the model: the calls that entered in these days are analysed again, behind new calls. Their reports stay until the new ones are stored.'),
      el('div', { class: 'toolbar plain' },
        el('span', { class: 'field' }, el('label', { for: from.id }, 'From'), from),
        el('span', { class: 'field' }, el('label', { for: to.id }, 'To'), to),
        el('span', { class: 'field' }, el('label', { for: queue.id }, 'Queue'), queue),
        el('button', { type: 'submit', class: 'primary', id: 'reanalyse-submit' }, 'Analyse again')),
      status);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      status.textContent = 'Queueing…';
      try {
        const r = await api(`/api/reanalysis${E.qs({ from: from.value, to: to.value, queue: queue.value.trim() })}`, { method: 'POST' });
        status.textContent = `${fmt.int(r.queued)} call${r.queued === 1 ? '' : 's'} queued for analysis.`;
      } catch (err) {
        status.textContent = err.message || 'The calls could not be queued.';
      }
    });
    return form;
  }

  /**
   * Erasure on request (POST /api/erasure): count a caller's calls first (dry run), then erase them after a
   * confirmation; the anonymous calls stay counted in the KPIs. The audit log keeps counts, never the number.
   */
  function erasure(t) {
    const error = el('p', { class: 'error', role: 'alert', hidden: true, id: 'erasure-error' });
    const number = el('input', { type: 'tel', id: 'erasure-caller', required: true, autocomplete: 'off', placeholder: '+1 404 555 0149' });
    const result = el('div', { id: 'erasure-result', 'data-testid': 'erasure-result', role: 'status' });
    const count = el('button', { type: 'submit', 'data-testid': 'erasure-count' }, 'Count their calls');
    const form = el('form', { class: 'card', id: 'erasure-form' },
      el('h2', {}, 'Erase a caller'),
      el('p', { class: 'muted small' }, 'Removes every call of this number: recording, transcript and analysis, search entry, survey answers, CRM link, webhook events, QA notes\' text and the number itself. The calls stay counted in the KPIs, anonymous. Calls under legal hold are kept. The audit log records the request with counts, never the number.'),
      el('label', { for: 'erasure-caller' }, 'Caller number'), number, count, error, result);
    t.body.append(form);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.hidden = true;
      const caller = number.value.trim();
      try {
        const dry = await api('/api/erasure', { method: 'POST', body: { caller, dryRun: true } });
        const erase = el('button', { type: 'button', class: 'danger', 'data-testid': 'erasure-confirm', disabled: dry.calls === 0 },
          `Erase ${dry.calls} call${dry.calls === 1 ? '' : 's'}`);
        result.replaceChildren(el('p', {}, `${dry.calls} call${dry.calls === 1 ? '' : 's'} of this number`
          + (dry.held ? `; ${dry.held} under legal hold will be kept` : '') + '.'), erase);
        erase.addEventListener('click', async () => {
          if (!confirm(`Erase ${dry.calls} call(s) of ${caller}? This cannot be undone.`)) return;
          try {
            const done = await api('/api/erasure', { method: 'POST', body: { caller, dryRun: false } });
            result.replaceChildren(el('p', {}, `Erased ${done.calls} call${done.calls === 1 ? '' : 's'}`
              + (done.held ? `, kept ${done.held} under legal hold` : '')
              + (done.filesNotDeleted ? `; ${done.filesNotDeleted} recording file(s) could not be deleted (see the server log)` : '') + '.'));
            number.value = '';
          } catch (err) {
            E.showError(err, { container: t.page, errorNode: error, what: 'erase calls' });
          }
        });
      } catch (err) {
        result.replaceChildren();
        E.showError(err, { container: t.page, errorNode: error, what: 'count calls for erasure' });
      }
    });
    return { update(r) { return r.path[1] === 'erasure'; } };
  }

  function settings(t) {
    const error = el('p', { class: 'error', role: 'alert', hidden: true, id: 'settings-error' });
    const note = el('p', { class: 'muted' }, 'Read-only: settings are changed in earshot.conf (or as flags of the same name) and take effect at the next start.');
    const body = el('div', { id: 'settings' }, E.loading('Loading the settings…'));
    t.body.append(note, error, body);
    (async () => {
      let data;
      try {
        data = await api('/api/settings');
      } catch (err) {
        body.replaceChildren();
        E.showError(err, { container: t.page, errorNode: error, what: 'read the settings' });
        return;
      }
      const parts = SECTIONS.map(([key, title]) => settingsTable(key, title, Object.entries(data[key] || {})));
      const queues = Object.entries(data.queues || {});
      parts.push(queues.length
        ? settingsTable('queues', 'Queues with settings of their own', queues.map(([name, q]) => [name, q]))
        : el('section', { class: 'card' }, el('h2', {}, 'Queues'), E.empty('No queue has settings of its own: all use the defaults above.')));
      body.replaceChildren(reanalysis(), ...parts);
    })();
    return { update(r) { return r.path[1] === 'settings'; } };
  }

  // ================================================================ users
  function users(t) {
    const username = el('input', { id: 'user-username', name: 'username', 'data-testid': 'user-username', required: true, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', size: '16' });
    const password = el('input', { id: 'user-password', name: 'password', 'data-testid': 'user-password', type: 'password', required: true, minlength: String(MIN_PASSWORD), autocomplete: 'new-password', size: '18', 'aria-describedby': 'user-password-help' });
    const role = el('select', { id: 'user-role', name: 'role', 'data-testid': 'user-role', value: 'supervisor' }, E.ROLES.map((r) => el('option', { value: r }, ROLE_TEXT[r])));
    const status = el('p', { id: 'user-form-status', 'data-testid': 'user-form-status', role: 'status', class: 'save-status' });
    const form = el('form', { id: 'user-form', 'data-testid': 'user-form', class: 'card', 'aria-labelledby': 'user-form-title' },
      el('h2', { id: 'user-form-title' }, 'Add a user'),
      el('div', { class: 'toolbar plain' },
        el('span', { class: 'field' }, el('label', { for: username.id }, 'Username'), username),
        el('span', { class: 'field' }, el('label', { for: password.id }, 'Password'), password),
        el('span', { class: 'field' }, el('label', { for: role.id }, 'Role'), role),
        el('button', { type: 'submit', class: 'primary', id: 'user-create', 'data-testid': 'user-create' }, 'Add user')),
      el('p', { id: 'user-password-help', class: 'muted small' }, `At least ${MIN_PASSWORD} characters. Give it to the person in a safe way, not by e-mail.`),
      status);
    const error = el('p', { class: 'error', role: 'alert', hidden: true, id: 'users-error' });
    const tableBox = el('section', { class: 'card', 'aria-labelledby': 'users-title' }, el('h2', { id: 'users-title' }, 'Users'));
    const list = el('div', { id: 'users' });
    tableBox.append(list);
    t.body.append(form, error, tableBox);

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      status.dataset.state = 'saving';
      status.textContent = 'Adding…';
      try {
        await api('/api/users', { method: 'POST', body: { username: username.value.trim(), password: password.value, role: role.value } });
        status.dataset.state = 'saved';
        status.textContent = `User ${username.value.trim()} added as ${role.value}.`;
        form.reset();
        role.value = 'supervisor';
        load();
      } catch (err) {
        status.dataset.state = 'error';
        status.textContent = err.status === 403 ? `Access denied — your role (${E.session.role}) cannot add users.` : `Not added: ${err.message}`;
      }
    });

    async function load() {
      if (!list.children.length) list.append(E.loading('Loading users…'));
      let data;
      try {
        data = await api('/api/users');
      } catch (err) {
        list.replaceChildren();
        E.showError(err, { container: t.page, errorNode: error, what: 'manage users' });
        return;
      }
      const rows = [...(data.users || [])].sort((a, b) => a.username.localeCompare(b.username));
      list.replaceChildren(E.scroller(el('table', { class: 'data', id: 'users-table', 'data-testid': 'users-table' },
        el('caption', { class: 'visually-hidden' }, 'Users'),
        el('thead', {}, el('tr', {}, ['Username', 'Role', 'Status', 'Created', 'Last login', 'Password'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, rows.map(userRow)))));
    }

    function userRow(u) {
      const me = u.username === E.session.username;
      const rowStatus = el('span', { class: 'save-status', role: 'status', 'data-testid': `user-status-${u.username}` });
      const roleSelect = el('select', { 'aria-label': `Role of ${u.username}`, 'data-testid': `user-role-${u.username}`, value: u.role },
        E.ROLES.map((r) => el('option', { value: r }, r)));
      const roleSave = el('button', { type: 'button', class: 'ghost', disabled: true, 'data-testid': `user-role-save-${u.username}` }, 'Change');
      roleSelect.addEventListener('change', () => { roleSave.disabled = roleSelect.value === u.role; });
      roleSave.addEventListener('click', () => patch({ role: roleSelect.value }, `Role of ${u.username} is now ${roleSelect.value}.`));
      const disabled = !!u.disabled;
      const toggle = el('button', {
        type: 'button', class: disabled ? 'ghost' : 'ghost danger', 'data-testid': `user-toggle-${u.username}`, disabled: me && !disabled,
        title: me && !disabled ? 'You cannot disable your own account' : null,
        onclick: () => patch({ disabled: !disabled }, `${u.username} is ${disabled ? 'enabled' : 'disabled'}.`),
      }, disabled ? 'Enable' : 'Disable');
      const newPassword = el('input', { type: 'password', minlength: String(MIN_PASSWORD), autocomplete: 'new-password', size: '14', 'aria-label': `New password for ${u.username}`, 'data-testid': `user-new-password-${u.username}` });
      const resetForm = el('form', { class: 'inline-form', hidden: true },
        newPassword, el('button', { type: 'submit', class: 'primary small', 'data-testid': `user-reset-save-${u.username}` }, 'Set'),
        el('button', { type: 'button', class: 'ghost small', onclick: () => { resetForm.hidden = true; resetButton.hidden = false; resetButton.focus(); } }, 'Cancel'));
      const resetButton = el('button', { type: 'button', class: 'ghost', 'data-testid': `user-reset-${u.username}`, onclick: () => { resetForm.hidden = false; resetButton.hidden = true; newPassword.focus(); } }, 'Reset…');
      resetForm.addEventListener('submit', (e) => {
        e.preventDefault();
        if (newPassword.value.length < MIN_PASSWORD) { rowStatus.dataset.state = 'error'; rowStatus.textContent = `At least ${MIN_PASSWORD} characters.`; return; }
        patch({ password: newPassword.value }, `New password set for ${u.username}.`);
      });

      async function patch(change, done) {
        rowStatus.dataset.state = 'saving';
        rowStatus.textContent = 'Saving…';
        try {
          await api(`/api/users/${encodeURIComponent(u.username)}`, { method: 'PATCH', body: change });
          E.toast(done);
          await load();
        } catch (err) {
          rowStatus.dataset.state = 'error';
          rowStatus.textContent = err.status === 403 ? `Access denied — your role (${E.session.role}) cannot change users.` : err.message;
        }
      }

      return el('tr', { 'data-testid': 'user-row', 'data-username': u.username, class: disabled ? 'disabled' : '' },
        el('th', { scope: 'row' }, u.username, me ? el('span', { class: 'muted' }, ' (you)') : null),
        el('td', {}, roleSelect, ' ', roleSave),
        el('td', {}, el('span', { class: `status-pill ${disabled ? 'status-disabled' : 'status-active'}` }, disabled ? 'Disabled' : 'Active'), ' ', toggle),
        el('td', {}, u.createdAt ? fmt.date(u.createdAt) : fmt.DASH),
        el('td', {}, u.lastLoginAt ? fmt.dateTime(u.lastLoginAt) : 'never'),
        el('td', {}, resetButton, resetForm, ' ', rowStatus));
    }

    load();
    return { update: (r) => (r.path[1] || 'users') === 'users' };
  }

  // ================================================================ API keys
  // A key is shown once, right after it is created: the server keeps only its hash.
  function apiKeys(t) {
    const name = el('input', { id: 'key-name', name: 'name', 'data-testid': 'key-name', required: true, maxlength: '80', autocomplete: 'off', spellcheck: 'false', size: '18', placeholder: 'e.g. crm-sync' });
    const role = el('select', { id: 'key-role', name: 'role', 'data-testid': 'key-role', value: 'supervisor' }, E.ROLES.map((r) => el('option', { value: r }, ROLE_TEXT[r])));
    const expires = el('input', { id: 'key-expires', name: 'expires', 'data-testid': 'key-expires', type: 'date', min: E.today() });
    const status = el('p', { id: 'key-form-status', 'data-testid': 'key-form-status', role: 'status', class: 'save-status' });
    const shown = el('div', { id: 'key-shown', 'data-testid': 'key-shown', class: 'card', hidden: true });
    const form = el('form', { id: 'key-form', 'data-testid': 'key-form', class: 'card', 'aria-labelledby': 'key-form-title' },
      el('h2', { id: 'key-form-title' }, 'Create an API key'),
      el('p', { class: 'muted small' }, 'For a program that calls the API (a CRM, a report, a script): it sends Authorization: Bearer with the key and acts with the key\'s role. A key cannot manage users or keys, nor read the audit log; what it does is logged as key:name.'),
      el('div', { class: 'toolbar plain' },
        el('span', { class: 'field' }, el('label', { for: name.id }, 'Name'), name),
        el('span', { class: 'field' }, el('label', { for: role.id }, 'Role'), role),
        el('span', { class: 'field' }, el('label', { for: expires.id }, 'Valid through (optional)'), expires),
        el('button', { type: 'submit', class: 'primary', id: 'key-create', 'data-testid': 'key-create' }, 'Create key')),
      status);
    const error = el('p', { class: 'error', role: 'alert', hidden: true, id: 'keys-error' });
    const list = el('div', { id: 'keys' });
    // Outside the form: resetting the form for the next key must not clear the one on show.
    t.body.append(form, shown, error, el('section', { class: 'card', 'aria-labelledby': 'keys-title' }, el('h2', { id: 'keys-title' }, 'API keys'), list));

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      status.dataset.state = 'saving';
      status.textContent = 'Creating…';
      shown.hidden = true;
      const body = { name: name.value.trim(), role: role.value };
      if (expires.value) body.expiresAt = E.dayStartInstant(expires.value, true); // valid through that whole day
      try {
        const created = await api('/api/keys', { method: 'POST', body });
        status.dataset.state = 'saved';
        status.textContent = `Key ${created.name} created with role ${created.role}.`;
        showOnce(created);
        form.reset();
        role.value = 'supervisor';
        load();
      } catch (err) {
        status.dataset.state = 'error';
        status.textContent = err.status === 403 ? `Access denied — ${err.message}` : `Not created: ${err.message}`;
      }
    });

    function showOnce(created) {
      const secret = el('input', { id: 'key-secret', 'data-testid': 'key-secret', readonly: true, value: created.key, size: '52', spellcheck: 'false', 'aria-label': `API key ${created.name}` });
      const copy = el('button', { type: 'button', class: 'primary', 'data-testid': 'key-copy' }, 'Copy');
      copy.addEventListener('click', async () => {
        secret.select();
        try {
          await navigator.clipboard.writeText(created.key);
        } catch {
          // No clipboard API outside https or localhost: the key is selected, so the old way still works.
          document.execCommand('copy');
        }
        E.toast('Key copied.');
      });
      shown.replaceChildren(
        el('h2', {}, `New key: ${created.name}`),
        el('p', { class: 'notice', role: 'alert' }, 'Copy this key now: it is shown only this once. Earshot keeps only a hash of it, so if it is lost, revoke it and create another. Treat it like a password.'),
        el('div', { class: 'toolbar plain' }, secret, copy,
          el('button', { type: 'button', class: 'ghost', onclick: () => { shown.hidden = true; shown.replaceChildren(); } }, 'Done')));
      shown.hidden = false;
      secret.focus();
      secret.select();
    }

    async function load() {
      if (!list.children.length) list.append(E.loading('Loading API keys…'));
      let data;
      try {
        data = await api('/api/keys');
      } catch (err) {
        list.replaceChildren();
        E.showError(err, { container: t.page, errorNode: error, what: 'manage API keys' });
        return;
      }
      const rows = data.keys || [];
      if (!rows.length) { list.replaceChildren(E.empty('No API keys yet.')); return; }
      list.replaceChildren(E.scroller(el('table', { class: 'data', id: 'keys-table', 'data-testid': 'keys-table' },
        el('caption', { class: 'visually-hidden' }, 'API keys'),
        el('thead', {}, el('tr', {}, ['Name', 'Key', 'Role', 'Status', 'Created', 'Expires', 'Last used', ''].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, rows.map(keyRow)))));
    }

    function keyRow(k) {
      const rowStatus = el('span', { class: 'save-status', role: 'status' });
      const active = k.status === 'active';
      const revoke = active ? el('button', { type: 'button', class: 'ghost danger', 'data-testid': `key-revoke-${k.id}` }, 'Revoke') : null;
      revoke?.addEventListener('click', async () => {
        if (!window.confirm(`Revoke the API key "${k.name}"? Programs using it are refused at once, and its open live connections close. This cannot be undone.`)) return;
        rowStatus.dataset.state = 'saving';
        rowStatus.textContent = 'Revoking…';
        try {
          await api(`/api/keys/${encodeURIComponent(k.id)}`, { method: 'DELETE' });
          E.toast(`Key ${k.name} revoked.`);
          await load();
        } catch (err) {
          rowStatus.dataset.state = 'error';
          rowStatus.textContent = err.message;
        }
      });
      const statusText = k.status === 'revoked' ? `Revoked ${fmt.date(k.revokedAt)}${k.revokedBy ? ` by ${k.revokedBy}` : ''}`
        : k.status === 'expired' ? 'Expired' : 'Active';
      return el('tr', { 'data-testid': 'key-row', 'data-key-id': String(k.id), class: active ? '' : 'disabled' },
        el('th', { scope: 'row' }, k.name),
        el('td', {}, el('code', {}, `${k.prefix}…`)),
        el('td', {}, k.role),
        el('td', {}, el('span', { class: `status-pill ${active ? 'status-active' : 'status-disabled'}` }, statusText)),
        el('td', {}, k.createdAt ? fmt.date(k.createdAt) : fmt.DASH, k.createdBy ? el('span', { class: 'muted' }, ` by ${k.createdBy}`) : null),
        el('td', {}, k.expiresAt ? fmt.dateTime(k.expiresAt) : 'never'),
        el('td', {}, k.lastUsedAt ? fmt.dateTime(k.lastUsedAt) : 'never'),
        el('td', {}, revoke, ' ', rowStatus));
    }

    load();
    return { update: (r) => r.path[1] === 'keys' };
  }

  // ================================================================ audit log
  function audit(t, route) {
    let params = route.params;
    const SIZE = 50;
    const user = el('input', { id: 'audit-user', name: 'user', size: '12', 'data-testid': 'audit-user' });
    const action = el('select', { id: 'audit-action', name: 'action', 'data-testid': 'audit-action' }, el('option', { value: '' }, 'any action'), ACTIONS.map((a) => el('option', { value: a }, a)));
    const from = el('input', { id: 'audit-from', name: 'from', type: 'date' });
    const to = el('input', { id: 'audit-to', name: 'to', type: 'date' });
    const form = el('form', { class: 'toolbar card', id: 'audit-form', 'data-testid': 'audit-form' },
      el('span', { class: 'field' }, el('label', { for: user.id }, 'User'), user),
      el('span', { class: 'field' }, el('label', { for: action.id }, 'Action'), action),
      el('span', { class: 'field' }, el('label', { for: from.id }, 'From'), from),
      el('span', { class: 'field' }, el('label', { for: to.id }, 'To'), to),
      el('button', { type: 'submit', class: 'primary' }, 'Show'));
    const error = el('p', { class: 'error', role: 'alert', hidden: true, id: 'audit-error' });
    const total = el('p', { class: 'total', role: 'status', id: 'audit-total' });
    const list = el('div', { id: 'audit' });
    const pager = el('nav', { class: 'pager', 'aria-label': 'Pages' });
    t.body.append(form, error, total, list, pager);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const next = new URLSearchParams();
      for (const input of [user, action, from, to]) if (input.value.trim()) next.set(input.name, input.value.trim());
      E.go(['admin', 'audit'], next);
    });
    action.addEventListener('change', () => form.requestSubmit());

    async function run() {
      user.value = params.get('user') || '';
      action.value = params.get('action') || '';
      from.value = params.get('from') || '';
      to.value = params.get('to') || '';
      const pageNo = Number(params.get('page') || 0);
      error.hidden = true;
      list.replaceChildren(E.loading('Loading the audit log…'));
      pager.replaceChildren();
      let data;
      try {
        data = await api(`/api/audit${E.qs({ user: user.value, action: action.value,
          from: from.value ? E.dayStartInstant(from.value) : '', to: to.value ? E.dayStartInstant(to.value, true) : '', page: pageNo, size: SIZE })}`);
      } catch (err) {
        list.replaceChildren();
        E.showError(err, { container: t.page, errorNode: error, what: 'read the audit log' });
        return;
      }
      const entries = data.entries || [];
      total.textContent = `${fmt.int(data.total ?? entries.length)} entr${(data.total ?? entries.length) === 1 ? 'y' : 'ies'}`;
      if (!entries.length) { list.replaceChildren(E.empty('Nothing in the audit log matches.')); return; }
      list.replaceChildren(E.scroller(el('table', { class: 'data', id: 'audit-table', 'data-testid': 'audit-table' },
        el('caption', { class: 'visually-hidden' }, 'Audit log'),
        el('thead', {}, el('tr', {}, ['When', 'User', 'Action', 'Target', 'Detail'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, entries.map((a) => el('tr', { 'data-testid': 'audit-row', 'data-action': a.action },
          el('th', { scope: 'row' }, el('time', { datetime: a.at }, fmt.dateTimeSec(a.at))), el('td', {}, fmt.text(a.username)),
          el('td', {}, el('span', { class: `action action-${a.action}` }, a.action)),
          el('td', {}, a.action?.startsWith('call-') && a.target ? el('a', { href: E.callHref(a.target) }, a.target) : fmt.text(a.target)),
          el('td', { class: 'wrap' }, fmt.text(a.detail))))))));
      const pages = Math.ceil((data.total || 0) / SIZE);
      if (pages > 1) {
        const link = (n, text) => { const p = new URLSearchParams(params); if (n) p.set('page', n); else p.delete('page'); return el('a', { class: 'button', href: E.href(['admin', 'audit'], p) }, text); };
        pager.replaceChildren(pageNo > 0 ? link(pageNo - 1, '← Newer') : el('span'), el('span', { class: 'muted' }, `Page ${pageNo + 1} of ${pages}`),
          pageNo + 1 < pages ? link(pageNo + 1, 'Older →') : el('span'));
      }
    }
    run();
    return { update(r) { if (r.path[1] !== 'audit') return false; params = r.params; run(); return true; } };
  }

  E.pages.admin = { title: 'Administration', render };
})();
