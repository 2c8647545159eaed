/* global document, location, fetch, URLSearchParams, EventSource */
// Live board: listens to /api/stream (server-sent events) and re-renders the
// ticket rows for the current filters whenever a ticket changes.
(function () {
  'use strict';
  const tbody = document.getElementById('tickets');
  const live = document.getElementById('live');
  const count = document.getElementById('count');
  const form = document.getElementById('filters');
  if (!tbody) return;

  if (form) {
    for (const el of form.querySelectorAll('select, input')) el.addEventListener('change', () => form.submit());
  }

  let pending = false;
  async function refresh(changed) {
    if (pending) return;
    pending = true;
    try {
      const q = new URLSearchParams(location.search);
      q.set('format', 'rows');
      const res = await fetch('/api/tickets?' + q.toString(), { headers: { accept: 'application/json' } });
      if (res.status === 401) { location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search); return; }
      if (!res.ok) return;
      const data = await res.json();
      tbody.innerHTML = data.html;
      if (count) count.textContent = String(data.count);
      for (const id of changed || []) {
        const row = tbody.querySelector('tr[data-id="' + id + '"]');
        if (row) row.classList.add('flash');
      }
    } finally {
      pending = false;
    }
  }

  let connectedBefore = false;
  function connect() {
    const es = new EventSource('/api/stream');
    es.addEventListener('hello', () => {
      // After a reconnect, catch up on whatever changed while the stream was down.
      if (connectedBefore) void refresh([]);
      connectedBefore = true;
      live.textContent = '● langsung'; live.classList.add('on'); document.body.dataset.live = 'on';
    });
    es.addEventListener('tickets', (ev) => {
      const data = JSON.parse(ev.data);
      void refresh(data.ticketIds);
    });
    es.onerror = () => { live.textContent = '● terputus, menyambung ulang…'; live.classList.remove('on'); document.body.dataset.live = 'off'; };
  }
  connect();
})();
