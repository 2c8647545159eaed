/** The public accountability page: plain HTML, no script, readable on a phone. */
import type { PromptConfig } from '../../core/config/schema.js';
import { agencyName, localTime } from '../../core/config/texts.js';
import { html, type Html } from '../html.js';
import type { StatRow } from '../stats.js';
import { barChart } from './charts.js';

/** What /publik shows; already free of identity and redacted. */
export interface PublicView {
  cityName: string;
  generatedAt: string;
  total: StatRow;
  byAgency: StatRow[];
  months: { month: string; received: number; resolved: number }[];
  resolved: { category: string; agency: string; kelurahan: string | null; kecamatan: string | null; resolvedAt: string; note: string | null }[];
}

const fmt = (x: number | null) => (x === null ? '—' : String(x));
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

/** The page. */
export function publicPage(cfg: PromptConfig, v: PublicView): Html {
  return html`<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kinerja layanan pengaduan · ${v.cityName}</title><link rel="stylesheet" href="/static/app.css"></head>
<body class="public">
<header class="top"><span class="brand">SuaraWarga <small>${v.cityName}</small></span></header>
<main>
<h1>Kinerja layanan pengaduan warga</h1>
<p class="muted">12 bulan terakhir · diperbarui ${localTime(cfg, v.generatedAt)}</p>
<section class="card kpis" id="public-total">
  <div><b>${v.total.received}</b><span>laporan masuk</span></div>
  <div><b>${v.total.resolved}</b><span>selesai</span></div>
  <div><b>${fmt(v.total.medianTakeHours)}</b><span>median jam kerja sampai ditangani</span></div>
  <div><b>${fmt(v.total.medianResolveHours)}</b><span>median jam kerja sampai selesai</span></div>
  <div><b>${pct(v.total.resolvedWithinSla)}</b><span>selesai tepat waktu</span></div>
  <div><b>${fmt(v.total.avgRating)}</b><span>rata-rata nilai warga (${v.total.ratings} penilaian)</span></div>
</section>
<section class="card"><h2>Per dinas</h2>
<table class="cards" id="public-agencies"><thead><tr><th>Dinas</th><th>Masuk</th><th>Selesai</th><th>Median ditangani (jam kerja)</th><th>Median selesai (jam kerja)</th><th>Tepat waktu</th><th>Nilai warga</th></tr></thead><tbody>
${v.byAgency.map((r) => html`<tr><th>${r.label} <small>${r.key}</small></th><td data-label="Masuk">${r.received}</td><td data-label="Selesai">${r.resolved}</td><td data-label="Median ditangani">${fmt(r.medianTakeHours)}</td><td data-label="Median selesai">${fmt(r.medianResolveHours)}</td><td data-label="Tepat waktu">${pct(r.resolvedWithinSla)}</td><td data-label="Nilai warga">${r.avgRating === null ? '—' : `${r.avgRating} (${r.ratings})`}</td></tr>`)}
${v.byAgency.length ? '' : html`<tr><td colspan="7">Belum ada laporan.</td></tr>`}
</tbody></table></section>
<section class="card charts">${barChart('Laporan per bulan: masuk dan selesai', v.months.map((m) => m.month.slice(2)), [
    { name: 'Masuk', values: v.months.map((m) => m.received), cls: 's1' },
    { name: 'Selesai', values: v.months.map((m) => m.resolved), cls: 's2' },
  ])}</section>
<section class="card"><h2>Baru saja diselesaikan</h2>
<ul class="resolved" id="public-resolved">${v.resolved.map((t) => html`<li><b>${t.category}</b> · ${agencyName(cfg, t.agency)} · ${[t.kelurahan, t.kecamatan && `Kec. ${t.kecamatan}`].filter(Boolean).join(', ') || 'lokasi tidak disebut'} · ${localTime(cfg, t.resolvedAt)}${t.note ? html`<br><q>${t.note}</q>` : ''}</li>`)}</ul>
${v.resolved.length ? '' : html`<p class="muted">Belum ada.</p>`}</section>
<section class="card"><h2>Cara menghitung</h2>
<p>Angka mencakup laporan yang masuk dalam 12 bulan terakhir. Waktu dihitung dalam jam kerja pemerintah kota (hari libur tidak dihitung); laporan darurat dihitung 24 jam. "Ditangani" adalah saat petugas dinas mengambil laporan; "selesai" adalah saat dinas menandai pekerjaan selesai. "Tepat waktu" membandingkan waktu selesai dengan tenggat layanan dinas. Laporan yang diminta dirahasiakan dan kategori yang bersifat pribadi tidak ditampilkan; nama, nomor telepon dan data pribadi lain disamarkan.</p></section>
</main>
</body>
</html>`;
}
