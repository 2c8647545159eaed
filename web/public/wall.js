/* global document, fetch, EventSource, setInterval, setTimeout */
// Wall screen: redraws counters and the newest tickets from /api/layar on every
// live change; EventSource reconnects by itself after a restart, and a slow
// poll covers a feed that stays down.
(function () {
  'use strict';
  const esc = (s) => String(s == null ? '' : s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  const age = (m) => (m < 60 ? m + ' mnt' : m < 1440 ? Math.floor(m / 60) + ' jam' : Math.floor(m / 1440) + ' hari');
  const live = document.getElementById('live');
  // A list longer than its panel is shown a page at a time, turning every ROTATE_MS: nothing scrolls.
  const ROTATE_MS = 12000;
  const pageOf = { counters: 0, newest: 0 };
  const panels = () => [
    ['counters', document.querySelector('.wall-counters'), Array.from(document.querySelectorAll('#wall-counters tbody tr'))],
    ['newest', document.querySelector('.wall-newest'), Array.from(document.querySelectorAll('#wall-newest li'))],
  ];
  function perPage(panel, rows) {
    rows.forEach((r) => { r.hidden = false; });
    let n = rows.length;
    while (n > 1 && panel.scrollHeight > panel.clientHeight + 1) { rows[n - 1].hidden = true; n--; }
    return Math.max(1, n);
  }
  function paginate(advance) {
    for (const [key, panel, rows] of panels()) {
      if (!panel || rows.length === 0) continue;
      const per = perPage(panel, rows);
      const count = Math.ceil(rows.length / per);
      pageOf[key] = advance ? (pageOf[key] + 1) % count : pageOf[key] % count;
      rows.forEach((r, i) => { r.hidden = Math.floor(i / per) !== pageOf[key]; });
      panel.dataset.pages = String(count);
      panel.dataset.page = String(pageOf[key] + 1);
    }
  }
  async function load() {
    try {
      const res = await fetch('/api/layar');
      if (!res.ok) return;
      const d = await res.json();
      document.querySelector('#wall-counters tbody').innerHTML = d.counters.map((a) =>
        '<tr><th>' + esc(a.agency) + '</th><td>' + a.open + '</td><td class="' + (a.overdue ? 'late' : '') + '">' + a.overdue + '</td><td>' + a.resolvedToday + '</td></tr>').join('') ||
        '<tr><td colspan="4">Belum ada tiket terbuka.</td></tr>';
      document.getElementById('wall-newest').innerHTML = d.newest.map((t) =>
        '<li data-id="' + t.id + '" class="' + (t.emergency ? 'emergency' : '') + (t.overdue ? ' overdue' : '') + '"><b>' + esc(t.number) + '</b> ' + esc(t.agency) + ' · ' + esc(t.category) +
        (t.kelurahan || t.kecamatan ? ' · ' + esc(t.kelurahan || t.kecamatan) : '') + ' <span class="age">' + age(t.ageMinutes) + '</span></li>').join('');
      const em = document.getElementById('wall-emergency');
      em.hidden = !d.emergencies;
      em.textContent = d.emergencies ? '⚠ ' + d.emergencies + ' darurat terbuka' : '';
      paginate(false);
      document.body.dataset.loaded = 'yes';
    } catch { /* the next change or poll tries again */ }
  }
  function clock() { document.getElementById('wall-clock').textContent = new Date().toLocaleString('id-ID', { dateStyle: 'medium', timeStyle: 'short' }); }
  function connect() {
    const es = new EventSource('/api/stream');
    es.addEventListener('hello', () => { live.textContent = '● langsung'; live.className = 'live on'; document.body.dataset.live = 'on'; void load(); });
    es.addEventListener('tickets', () => void load());
    es.onerror = () => { live.textContent = '● terputus, menyambung ulang…'; live.className = 'live'; document.body.dataset.live = 'off'; };
  }
  clock(); setInterval(clock, 30000);
  void load(); setInterval(load, 60000);
  setInterval(() => paginate(true), ROTATE_MS);
  setTimeout(connect, 0);
})();
