// The page footer: which Earshot this is (GET /api/version, open like /api/health, so the login page shows it too).
(function () {
  'use strict';

  async function showVersion() {
    const footer = document.getElementById('app-version');
    if (!footer) return;
    try {
      const res = await fetch('/api/version', { headers: { Accept: 'application/json' } });
      if (!res.ok) return;
      const v = await res.json();
      footer.textContent = 'Earshot ' + v.version + ' · build ' + v.commit + ' · ' + v.buildTime;
      footer.hidden = false;
    } catch (e) {
      // No footer rather than an error: the version is a courtesy, the page works without it.
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', showVersion);
  } else {
    showVersion();
  }
})();
