// Earshot web UI, start-up: the session (login, logout, expiry), the nav by role and the hash router.
// Pages live in their own files and register in Earshot.pages; this file is loaded last.
'use strict';

(() => {
  const E = window.Earshot;
  const { $, $$, api, session, may, parseHash, el } = E;

  /** Where each role lands after logging in. */
  const HOME = { admin: 'dashboard', supervisor: 'dashboard', qa: 'qa', trainer: 'coaching' };
  let current = { name: null, instance: null };
  let returnTo = null;

  // ---------------------------------------------------------------- login / logout / expiry
  function showLogin(notice) {
    stopPage();
    session.username = null;
    session.role = null;
    $('#nav').hidden = true;
    $('#who').hidden = true;
    $('#view').replaceChildren();
    $('#view').hidden = true;
    $('#login').hidden = false;
    const box = $('#login-notice');
    box.textContent = notice || '';
    box.hidden = !notice;
    $('#login-error').textContent = '';
    $('#login-password').value = '';
    document.title = 'Log in — Earshot';
    (notice && $('#login-username').value ? $('#login-password') : $('#login-username')).focus();
  }

  E.hooks.onExpired = () => {
    if (!session.username) return; // not logged in yet: the login screen is already up or coming
    if (location.hash && location.hash !== '#/') returnTo = location.hash;
    showLogin('Your session expired. Please log in again.');
  };

  $('#login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const button = $('#login-submit');
    const error = $('#login-error');
    error.textContent = '';
    button.disabled = true;
    button.textContent = 'Logging in…';
    try {
      await api('/api/login', { method: 'POST', body: { username: form.username.value.trim(), password: form.password.value } });
      const me = await api('/api/me');
      await vocabulary();
      signedIn(me);
    } catch (err) {
      error.textContent = err.status === 401 ? 'Wrong username or password.'
        : err.status === 429 ? `Too many attempts. ${err.detail || 'Wait a minute and try again.'}` : err.message;
      $('#login-password').select();
    } finally {
      button.disabled = false;
      button.textContent = 'Log in';
    }
  });

  $('#logout').addEventListener('click', async () => {
    try { await api('/api/logout', { method: 'POST' }); } catch { /* logged out on this screen either way */ }
    returnTo = null;
    history.replaceState(null, '', '#/');
    showLogin('You are logged out.');
  });

  /** The server's outcomes and flags, before any page lists them; a page still opens without them. */
  async function vocabulary() {
    try { await E.loadVocabulary(); } catch (err) { console.error('vocabulary', err); }
  }

  function signedIn(me) {
    session.username = me.username;
    session.role = me.role;
    $('#login').hidden = true;
    $('#view').hidden = false;
    $('#nav').hidden = false;
    $('#who').hidden = false;
    $('#current-user').textContent = `${me.username} · ${me.role}`;
    for (const link of $$('#nav a[data-page]')) link.parentElement.hidden = !may(link.dataset.page);
    const target = returnTo;
    returnTo = null;
    if (target && target !== location.hash) location.hash = target; else route();
  }

  // ---------------------------------------------------------------- routes
  /** The page module for a route: the first path segment, or "call" for #/calls/ID. */
  function pageName(route) {
    const [first, second] = route.path;
    if (first === 'calls' && second) return 'call';
    return first;
  }
  const ACCESS_KEY = { call: 'calls' };
  /** Which page instance a route is: the same key keeps the page (and its unsaved work). */
  function routeKey(r) {
    const name = pageName(r);
    return `${name}/${name === 'call' ? r.path[1] : ''}`;
  }

  function stopPage() {
    try { current.instance?.cleanup?.(); } catch (err) { console.error(err); }
    current = { name: null, instance: null };
  }

  let lastHash = '';
  function route() {
    if (!session.role) return;
    if (location.hash !== lastHash && current.instance?.unsaved?.() && current.key !== routeKey(parseHash())
      && !window.confirm('You have unsaved changes on this page. Leave without saving them?')) {
      history.replaceState(null, '', lastHash); // stay, with the address the page shows
      return;
    }
    if (location.hash !== lastHash) { E.previousHash = lastHash; lastHash = location.hash; }
    const r = parseHash();
    if (!r.path.length) {
      history.replaceState(null, '', `#/${HOME[session.role] || 'search'}`);
      return route();
    }
    const name = pageName(r);
    const key = routeKey(r);
    if (current.instance && current.key === key && current.instance.update?.(r)) return;
    stopPage();
    const view = $('#view');
    view.replaceChildren();
    const page = E.pages[name];
    const access = ACCESS_KEY[name] || name;
    for (const link of $$('#nav a[data-page]')) {
      if (link.dataset.page === access) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    }
    if (!page) {
      document.title = 'Not found — Earshot';
      view.append(el('section', { class: 'page' }, el('h1', { tabindex: '-1' }, 'Page not found'),
        el('p', {}, 'There is no page at this address. ', el('a', { href: '#/' }, 'Go to the start page'), '.')));
      view.querySelector('h1').focus();
      return;
    }
    document.title = `${page.title} — Earshot`;
    if (!may(access)) {
      const box = el('section', { class: 'page' }, el('h1', { tabindex: '-1' }, page.title));
      view.append(box);
      E.denied(box, E.WHAT[access] || `open ${page.title}`);
      box.querySelector('h1').focus();
      return;
    }
    const instance = page.render(view, r) || {};
    current = { name, key, instance };
    // Move focus to the new page's heading so keyboard and screen-reader users start there.
    const heading = view.querySelector('h1');
    if (heading && !view.contains(document.activeElement)) heading.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
  window.addEventListener('hashchange', route);

  // ---------------------------------------------------------------- start
  (async () => {
    try {
      const me = await api('/api/me');
      await vocabulary();
      signedIn(me);
    } catch (err) {
      if (location.hash && location.hash !== '#/') returnTo = location.hash;
      showLogin(err.status && err.status !== 401 ? err.message : '');
    }
  })();
})();
