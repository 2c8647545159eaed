/* global document, window, location, fetch, URLSearchParams, EventSource */
// Ticket map: Leaflet from the app's own bundle; a tile layer only when
// MAP_TILE_URL is configured, otherwise the points on a plain background.
(function () {
  'use strict';
  const el = document.getElementById('map');
  if (!el || !window.L) return;
  const L = window.L;
  const map = L.map(el, { zoomControl: true, attributionControl: false }).setView([-8.46, 118.73], 12);
  const tiles = el.dataset.tiles;
  if (tiles) L.tileLayer(tiles, { maxZoom: 19 }).addTo(map);
  const colors = { baru: '#2f80ed', diteruskan: '#f2994a', diproses: '#27ae60', selesai: '#6fcf97', ditutup: '#828282', ditolak: '#eb5757', dibatalkan: '#bdbdbd' };
  const layer = L.layerGroup().addTo(map);
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

  async function load() {
    const q = new URLSearchParams(location.search);
    q.delete('focus');
    const res = await fetch('/api/map?' + q.toString());
    if (!res.ok) return;
    const data = await res.json();
    layer.clearLayers();
    const bounds = [];
    let focused = null;
    for (const p of data.points) {
      const m = L.circleMarker([p.lat, p.lng], {
        radius: p.overdue ? 9 : 7, color: p.overdue ? '#b42318' : '#1b2430', weight: p.overdue ? 3 : 1,
        fillColor: colors[p.state] || '#2f80ed', fillOpacity: 0.85,
      });
      m.bindPopup('<a href="/tiket/' + p.id + '">' + esc(p.number) + '</a> ' + esc(p.state) + ' · ' + esc(p.agency) + '<br>' + esc(p.category) + '<br><small>' + esc(p.description) + '</small>');
      m.addTo(layer);
      bounds.push([p.lat, p.lng]);
      if (String(p.id) === el.dataset.focus) focused = m;
    }
    el.dataset.points = String(data.points.length);
    if (focused) { map.setView(focused.getLatLng(), 16); focused.openPopup(); }
    else if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 });
  }
  void load();
  const es = new EventSource('/api/stream');
  es.addEventListener('tickets', () => void load());
})();
