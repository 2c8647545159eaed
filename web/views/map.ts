/**
 * The map page (Leaflet from the app; tiles only when MAP_TILE_URL is set).
 */
import type { PromptConfig } from '../../core/config/schema.js';
import type { BoardFilter } from '../board.js';
import { html, type Html } from '../html.js';
import { filterForm } from './common.js';
import { layout, type PageCtx } from './layout.js';

/** The map page. */
export function mapPage(ctx: PageCtx, cfg: PromptConfig, f: BoardFilter, kecamatan: string[], tileUrl: string, focus: number | undefined): Html {
  const body = html`<h1>Peta tiket</h1>
${filterForm('/peta', f, cfg, kecamatan)}
<section class="card"><div id="map" data-tiles="${tileUrl}" data-focus="${focus ?? ''}"></div>
<p class="muted" id="map-note">Tiket dengan pin lokasi tampil tepat; tiket tanpa pin tampil di perkiraan kelurahan (atau kecamatan)-nya, bergaris putus-putus.${tileUrl ? '' : ' Latar peta polos: atur MAP_TILE_URL untuk memakai server ubin (lihat README).'}</p>
<p id="map-warning" role="status" hidden></p></section>`;
  return layout(ctx, 'Peta', '/peta', body, { scripts: ['/vendor/leaflet/leaflet.js', '/static/map.js'], styles: ['/vendor/leaflet/leaflet.css'] });
}

