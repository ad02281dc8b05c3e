// Earshot web UI: Administration → Webhooks (#/admin/webhooks), for admins. Register an endpoint (its
// signing secret is shown once), enable or disable it, rotate its secret, send a test event, delete it,
// and read its deliveries with every attempt, resending one. admin.js shows this as one of its tabs.
'use strict';

(() => {
  const E = window.Earshot;
  const { el, api, fmt } = E;

  function webhooks(t) {
    const error = el('p', { class: 'error', role: 'alert', hidden: true, id: 'webhooks-error' });
    const url = el('input', { id: 'webhook-url', type: 'url', required: true, size: '40', placeholder: 'https://crm.example/hooks/earshot', 'data-testid': 'webhook-url' });
    const description = el('input', { id: 'webhook-description', size: '20', maxlength: '500', 'data-testid': 'webhook-description' });
    const types = el('fieldset', { class: 'checks', id: 'webhook-events', 'data-testid': 'webhook-events' }, el('legend', {}, 'Events'));
    const status = el('p', { id: 'webhook-form-status', role: 'status', class: 'save-status', 'data-testid': 'webhook-form-status' });
    const secretBox = el('div', { id: 'webhook-secret', 'data-testid': 'webhook-secret', hidden: true, class: 'callout', role: 'status' });
    const form = el('form', { id: 'webhook-form', class: 'card', 'aria-labelledby': 'webhook-form-title' },
      el('h2', { id: 'webhook-form-title' }, 'Add a webhook'),
      el('p', { class: 'muted small' }, 'Earshot POSTs each event as JSON, signed in the Earshot-Signature header with the endpoint\'s secret; failed deliveries are retried for 24 hours.'),
      el('div', { class: 'toolbar plain' },
        el('span', { class: 'field' }, el('label', { for: url.id }, 'URL'), url),
        el('span', { class: 'field' }, el('label', { for: description.id }, 'Description'), description)),
      types,
      el('button', { type: 'submit', class: 'primary', id: 'webhook-create', 'data-testid': 'webhook-create' }, 'Add webhook'),
      status);
    const list = el('div', { id: 'webhooks', 'data-testid': 'webhooks' });
    const deliveries = el('section', { class: 'card', id: 'webhook-deliveries', hidden: true, 'aria-labelledby': 'webhook-deliveries-title' });
    t.body.append(form, secretBox, error, el('section', { class: 'card', 'aria-labelledby': 'webhooks-title' },
      el('h2', { id: 'webhooks-title' }, 'Webhooks'), list), deliveries);

    let known = [];
    const checked = () => [...types.querySelectorAll('input:checked')].map((i) => i.value);

    /** The secret, once: after this it is never shown again. */
    function showSecret(hook, what) {
      secretBox.hidden = false;
      secretBox.replaceChildren(
        el('p', {}, el('strong', {}, `${what} `), 'Copy this signing secret now — it is not shown again:'),
        el('p', {}, el('code', { 'data-testid': 'webhook-secret-value', class: 'secret' }, hook.secret)),
        el('button', { type: 'button', class: 'ghost small', onclick: () => { secretBox.hidden = true; secretBox.replaceChildren(); } }, 'Done'));
    }

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!checked().length) { status.dataset.state = 'error'; status.textContent = 'Choose at least one event.'; return; }
      status.dataset.state = 'saving';
      status.textContent = 'Adding…';
      try {
        const hook = await api('/api/webhooks', { method: 'POST', body: { url: url.value.trim(), events: checked(), description: description.value.trim() || undefined } });
        status.dataset.state = 'saved';
        status.textContent = `Webhook to ${hook.url} added.`;
        form.reset();
        showSecret(hook, 'Webhook added.');
        load();
      } catch (err) {
        status.dataset.state = 'error';
        status.textContent = `Not added: ${err.message}`;
      }
    });

    async function load() {
      if (!list.children.length) list.append(E.loading('Loading webhooks…'));
      let data;
      try {
        data = await api('/api/webhooks');
      } catch (err) {
        list.replaceChildren();
        E.showError(err, { container: t.page, errorNode: error, what: 'manage webhooks' });
        return;
      }
      if (!known.length) {
        known = data.eventTypes || [];
        types.append(...known.map((type) => el('label', { class: 'check' },
          el('input', { type: 'checkbox', value: type, 'data-testid': `webhook-event-${type}` }), ` ${type}`)));
      }
      const hooks = data.webhooks || [];
      if (!hooks.length) { list.replaceChildren(E.empty('No webhooks yet: nothing is sent anywhere.')); return; }
      list.replaceChildren(E.scroller(el('table', { class: 'data', id: 'webhooks-table', 'data-testid': 'webhooks-table' },
        el('caption', { class: 'visually-hidden' }, 'Webhooks'),
        el('thead', {}, el('tr', {}, ['URL', 'Events', 'Status', 'Created', 'Actions'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, hooks.map(row)))));
    }

    function row(hook) {
      const rowStatus = el('span', { class: 'save-status', role: 'status' });
      async function act(path, options, done) {
        rowStatus.dataset.state = 'saving';
        rowStatus.textContent = 'Working…';
        try {
          const answer = await api(path, options);
          rowStatus.textContent = '';
          if (done) E.toast(done);
          return answer ?? true; // DELETE answers 204, no body
        } catch (err) {
          rowStatus.dataset.state = 'error';
          rowStatus.textContent = err.message;
          return false;
        }
      }
      const base = `/api/webhooks/${hook.id}`;
      const buttons = [
        el('button', { type: 'button', class: 'ghost', 'data-testid': `webhook-toggle-${hook.id}`, onclick: async () => {
          if (await act(base, { method: 'PATCH', body: { enabled: !hook.enabled } }, `Webhook ${hook.enabled ? 'disabled' : 'enabled'}.`)) load();
        } }, hook.enabled ? 'Disable' : 'Enable'),
        el('button', { type: 'button', class: 'ghost', 'data-testid': `webhook-test-${hook.id}`, onclick: async () => {
          if (await act(`${base}/test`, { method: 'POST' }, 'Test event queued.')) showDeliveries(hook);
        } }, 'Send test event'),
        el('button', { type: 'button', class: 'ghost', 'data-testid': `webhook-deliveries-${hook.id}`, onclick: () => showDeliveries(hook) }, 'Deliveries'),
        el('button', { type: 'button', class: 'ghost', 'data-testid': `webhook-rotate-${hook.id}`, onclick: async () => {
          if (!window.confirm(`Rotate the secret of the webhook to ${hook.url}? Its receiver must be given the new one.`)) return;
          const updated = await act(base, { method: 'PATCH', body: { rotateSecret: true } });
          if (updated) showSecret(updated, 'Secret rotated.');
        } }, 'Rotate secret'),
        el('button', { type: 'button', class: 'ghost danger', 'data-testid': `webhook-delete-${hook.id}`, onclick: async () => {
          if (!window.confirm(`Delete the webhook to ${hook.url} and its deliveries?`)) return;
          if (await act(base, { method: 'DELETE' }, 'Webhook deleted.')) { deliveries.hidden = true; load(); }
        } }, 'Delete'),
      ];
      return el('tr', { 'data-testid': 'webhook-row', 'data-id': String(hook.id), class: hook.enabled ? '' : 'disabled' },
        el('th', { scope: 'row', class: 'wrap' }, hook.url, hook.description ? el('div', { class: 'muted small' }, hook.description) : null),
        el('td', { class: 'wrap' }, hook.events.join(', ')),
        el('td', {}, el('span', { class: `status-pill ${hook.enabled ? 'status-active' : 'status-disabled'}` }, hook.enabled ? 'Enabled' : 'Disabled')),
        el('td', {}, fmt.date(hook.createdAt), el('div', { class: 'muted small' }, hook.createdBy)),
        el('td', {}, ...buttons, ' ', rowStatus));
    }

    function showDeliveries(hook) {
      const filter = el('select', { id: 'delivery-status', 'data-testid': 'delivery-status' },
        ['', 'pending', 'delivered', 'failed'].map((s) => el('option', { value: s }, s || 'any status')));
      const body = el('div', {});
      const refresh = el('button', { type: 'button', class: 'ghost', onclick: () => loadDeliveries() }, 'Refresh');
      clearTimeout(deliveries.refreshTimer);
      deliveries.hidden = false;
      deliveries.replaceChildren(el('h2', { id: 'webhook-deliveries-title' }, `Deliveries to ${hook.url}`),
        el('div', { class: 'toolbar plain' }, el('span', { class: 'field' }, el('label', { for: filter.id }, 'Status'), filter), refresh), body);
      filter.addEventListener('change', () => loadDeliveries());

      async function loadDeliveries() {
        body.replaceChildren(E.loading('Loading deliveries…'));
        let data;
        try {
          data = await api(`/api/webhooks/${hook.id}/deliveries${E.qs({ status: filter.value })}`);
        } catch (err) {
          body.replaceChildren(el('p', { class: 'error', role: 'alert' }, err.message));
          return;
        }
        const rows = data.deliveries || [];
        // While something is on its way, look again: the attempt is recorded a moment after it is sent.
        clearTimeout(deliveries.refreshTimer);
        if (rows.some((d) => d.status === 'pending')) {
          deliveries.refreshTimer = setTimeout(() => { if (body.isConnected) loadDeliveries(); }, 2000);
        }
        if (!rows.length) { body.replaceChildren(E.empty('No deliveries.')); return; }
        body.replaceChildren(E.scroller(el('table', { class: 'data', 'data-testid': 'deliveries-table' },
          el('caption', { class: 'visually-hidden' }, 'Deliveries'),
          el('thead', {}, el('tr', {}, ['Event', 'Call', 'Created', 'Status', 'Attempts', ''].map((h) => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, rows.map(deliveryRow)))));
      }

      function deliveryRow(d) {
        const resend = el('button', { type: 'button', class: 'ghost small', 'data-testid': `delivery-resend-${d.id}`, onclick: async () => {
          try {
            await api(`/api/webhooks/${hook.id}/deliveries/${d.id}/resend`, { method: 'POST' });
            E.toast('Delivery queued again, with the same event id.');
            loadDeliveries();
          } catch (err) {
            E.toast(err.message);
          }
        } }, 'Resend');
        const attempts = el('ol', { class: 'attempts small' }, (d.history || []).map((a) => el('li', {},
          el('time', { datetime: a.at }, fmt.dateTimeSec(a.at)), ' — ',
          a.statusCode ? `HTTP ${a.statusCode}` : 'no answer', ` in ${fmt.int(a.latencyMs)} ms`,
          a.error && !/^HTTP \d+$/.test(a.error) ? ` (${a.error})` : '',
          a.nextRetryAt ? el('span', { class: 'muted' }, `; next try ${fmt.dateTimeSec(a.nextRetryAt)}`) : null)));
        return el('tr', { 'data-testid': 'delivery-row', 'data-status': d.status },
          el('th', { scope: 'row' }, d.eventType, el('div', { class: 'muted small' }, el('code', {}, d.eventId))),
          el('td', {}, d.subject ? el('a', { href: E.callHref(d.subject) }, d.subject) : fmt.DASH),
          el('td', {}, fmt.dateTimeSec(d.createdAt)),
          el('td', {}, el('span', { class: `status-pill status-${d.status}` }, d.status),
            d.status === 'pending' && d.nextAttemptAt ? el('div', { class: 'muted small' }, `next ${fmt.dateTimeSec(d.nextAttemptAt)}`) : null),
          el('td', { class: 'wrap' }, attempts),
          el('td', {}, resend));
      }
      loadDeliveries();
      deliveries.scrollIntoView?.({ block: 'nearest' });
    }

    load();
    return { update: (r) => r.path[1] === 'webhooks' };
  }

  E.adminWebhooks = webhooks;
})();
