/**
 * The statistics page: key figures, charts and tables per agency and category.
 */
import type { PromptConfig } from '../../core/config/schema.js';
import { html, type Html } from '../html.js';
import type { Stats, StatRow } from '../stats.js';
import { barChart } from './charts.js';
import { layout, type PageCtx } from './layout.js';

const fmt = (x: number | null, suffix = '') => (x === null ? '—' : `${x}${suffix}`);

function statTable(title: string, id: string, rows: StatRow[]): Html {
  return html`<section class="card"><h2>${title}</h2><table class="stats cards" id="${id}"><thead><tr><th></th><th>Masuk</th><th>Terbuka</th><th>Terlambat</th><th>Median diambil (jam kerja)</th><th>Median selesai (jam kerja)</th><th>Selesai tepat waktu</th><th>Rata-rata nilai</th></tr></thead>
<tbody>${rows.filter((r) => r.received || r.open).map((r) => html`<tr><th title="${r.label}">${r.key === r.label ? r.key : html`${r.label} <small>${r.key}</small>`}</th><td data-label="Masuk">${r.received}</td><td data-label="Terbuka">${r.open}</td><td data-label="Terlambat" class="${r.overdue ? 'late' : ''}">${r.overdue}</td><td data-label="Median diambil (jam kerja)">${fmt(r.medianTakeHours)}</td><td data-label="Median selesai (jam kerja)">${fmt(r.medianResolveHours)}</td><td data-label="Tepat waktu">${r.resolvedWithinSla === null ? '—' : `${Math.round(r.resolvedWithinSla * 100)}%`}</td><td data-label="Rata-rata nilai">${fmt(r.avgRating)}</td></tr>`)}</tbody></table></section>`;
}

/** The statistics page. */
export function statsPage(ctx: PageCtx, cfg: PromptConfig, s: Stats, days: number): Html {
  const body = html`<h1>Statistik</h1>
<form class="filters" method="get" action="/statistik"><label>Periode <select name="days">${[7, 30, 90, 365].map((d) => html`<option value="${d}"${d === days ? html` selected` : ''}>${d} hari terakhir</option>`)}</select></label> <button type="submit">Terapkan</button>
<a class="button" href="/api/stats.csv?days=${days}" download>Unduh CSV</a></form>
<section class="card kpis">
  <div><b>${s.total.received}</b><span>masuk (${days} hari)</span></div>
  <div><b>${s.total.open}</b><span>terbuka</span></div>
  <div><b class="${s.total.overdue ? 'late' : ''}">${s.total.overdue}</b><span>terlambat</span></div>
  <div><b>${fmt(s.total.medianTakeHours)}</b><span>median jam diambil</span></div>
  <div><b>${fmt(s.total.medianResolveHours)}</b><span>median jam selesai</span></div>
  <div><b>${s.total.resolvedWithinSla === null ? '—' : `${Math.round(s.total.resolvedWithinSla * 100)}%`}</b><span>selesai tepat waktu</span></div>
  <div><b>${fmt(s.total.avgRating)}</b><span>rata-rata nilai</span></div>
</section>
<section class="card charts">
${barChart('Tren mingguan: masuk dan selesai', s.trend.map((w) => w.weekStart.slice(5)), [
    { name: 'Masuk', values: s.trend.map((w) => w.received), cls: 's1' },
    { name: 'Selesai', values: s.trend.map((w) => w.resolved), cls: 's2' },
  ])}
${barChart('Tiket terbuka dan terlambat per dinas', s.byAgency.map((r) => r.key), [
    { name: 'Terbuka', values: s.byAgency.map((r) => r.open), cls: 's1' },
    { name: 'Terlambat', values: s.byAgency.map((r) => r.overdue), cls: 's3' },
  ])}
</section>
${statTable('Per dinas', 'by-agency', s.byAgency)}
${statTable('Per kategori', 'by-category', s.byCategory)}
<p class="muted" id="stats-note">Median waktu dan tepat waktu dihitung dalam jam kerja (jam kerja dan hari libur di prompts/city.yaml); kategori darurat dihitung 24 jam. Tenggat layanan dari sla di prompts/agencies.yaml (atau categories.yaml).</p>`;
  return layout(ctx, 'Statistik', '/statistik', body);
}

