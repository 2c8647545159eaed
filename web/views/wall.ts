/** The wall screen: large type for reading at three metres, no scrolling; filled by /static/wall.js. */
import { html, type Html } from '../html.js';
import type { PageCtx } from './layout.js';

/** The page shell (data arrives from /api/layar). */
export function wallPage(ctx: PageCtx, tiles: string): Html {
  return html`<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${ctx.csrf}">
<title>Layar · SuaraWarga ${ctx.cityName}</title>
<link rel="stylesheet" href="/static/app.css"><link rel="stylesheet" href="/vendor/leaflet/leaflet.css"></head>
<body class="wall">
<header class="wall-head"><b>SuaraWarga ${ctx.cityName}</b> <span id="wall-clock"></span> <span id="live" class="live">● menghubungkan…</span> <span id="wall-emergency" class="wall-emergency" hidden></span></header>
<div class="wall-grid">
  <section class="wall-counters"><table id="wall-counters"><thead><tr><th>Dinas</th><th>Terbuka</th><th>Terlambat</th><th>Selesai hari ini</th></tr></thead><tbody></tbody></table></section>
  <section class="wall-map"><div id="map" data-tiles="${tiles}" data-focus=""></div></section>
  <section class="wall-newest"><h2>Tiket terbaru</h2><ol id="wall-newest"></ol></section>
</div>
<script src="/vendor/leaflet/leaflet.js" defer></script><script src="/static/map.js" defer></script><script src="/static/wall.js" defer></script>
</body></html>`;
}
