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
  const note = document.getElementById('map-warning');
  if (tiles) {
    let failed = 0;
    const layerTiles = L.tileLayer(tiles, { maxZoom: 19 }).addTo(map);
    // Without internet the tiles never come: say so, the labels and points still show.
    layerTiles.on('tileerror', () => {
      failed += 1;
      if (note && failed >= 3) { note.hidden = false; note.textContent = 'Ubin peta gagal dimuat (server ubin tidak terjangkau). Titik tiket dan nama kelurahan tetap tampil.'; el.dataset.tiles_failed = 'yes'; }
    });
  }
  const labels = L.layerGroup().addTo(map);
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
    labels.clearLayers();
    for (const a of data.areas || []) {
      L.marker([a.lat, a.lng], { icon: L.divIcon({ className: 'area-label', html: esc(a.name), iconSize: null }), interactive: false }).addTo(labels);
    }
    // Tickets placed at the same approximate spot are spread on a small ring so each stays clickable.
    const seen = {};
    for (const p of data.points) {
      let lat = p.lat, lng = p.lng;
      if (p.approximate) {
        const key = lat.toFixed(5) + ',' + lng.toFixed(5);
        const n = seen[key] = (seen[key] || 0) + 1;
        if (n > 1) { lat += Math.cos(n) * 0.0006 * Math.sqrt(n); lng += Math.sin(n) * 0.0006 * Math.sqrt(n); }
      }
      const m = L.circleMarker([lat, lng], {
        radius: p.overdue ? 9 : 7, color: p.overdue ? '#b42318' : '#1b2430', weight: p.overdue ? 3 : 1,
        fillColor: colors[p.state] || '#2f80ed', fillOpacity: p.approximate ? 0.45 : 0.85, dashArray: p.approximate ? '3 3' : null,
        className: p.approximate ? 'approximate' : 'exact',
      });
      m.bindPopup('<a href="/tiket/' + p.id + '">' + esc(p.number) + '</a> ' + esc(p.state) + ' · ' + esc(p.agency) + '<br>' + esc(p.category) +
        (p.approximate ? '<br><i>Perkiraan: di ' + esc(p.approximate) + ' ' + esc(p.area) + '</i>' : '') + '<br><small>' + esc(p.description) + '</small>');
      m.addTo(layer);
      bounds.push([p.lat, p.lng]);
      if (String(p.id) === el.dataset.focus) focused = m;
    }
    el.dataset.points = String(data.points.length);
    el.dataset.approximate = String(data.points.filter((p) => p.approximate).length);
    if (focused) { map.setView(focused.getLatLng(), 16); focused.openPopup(); }
    else if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 });
  }
  void load();
  const es = new EventSource('/api/stream');
  es.addEventListener('tickets', () => void load());
})();
