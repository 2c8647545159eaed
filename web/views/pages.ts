/**
 * Server-rendered pages of the command centre. Data comes in already shaped
 * (summaries without identity); the reporter's identity is passed only for
 * admins, and the caller has logged that view.
 */
import type { PromptConfig } from '../../core/config/schema.js';
import { agencyName, categoryLabel, localTime } from '../../core/config/texts.js';
import type { Citizen, ChannelHealth, OutboxRow, OutboxStatus, PromptVersion } from '../../core/ports.js';
import { OPEN_STATES, TICKET_STATES, type Ticket, type TicketEvent, type TicketMedia, type TicketState } from '../../core/tickets/types.js';
import type { BoardFilter, TicketSummary } from '../board.js';
import { html, type Html } from '../html.js';
import type { AuditEntry } from '../ports.js';
import type { Stats, StatRow } from '../stats.js';
import { barChart } from './charts.js';
import { layout, type PageCtx } from './layout.js';

export const STATE_LABEL: Record<TicketState, string> = {
  baru: 'Baru', diteruskan: 'Diteruskan', diproses: 'Diproses', selesai: 'Selesai', ditutup: 'Ditutup', ditolak: 'Ditolak', dibatalkan: 'Dibatalkan',
};

const stateBadge = (s: TicketState) => html`<span class="badge state-${s}">${STATE_LABEL[s]}</span>`;

function filterForm(action: string, f: BoardFilter, cfg: PromptConfig, kecamatan: string[]): Html {
  const opt = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  return html`<form class="filters" method="get" action="${action}" id="filters">
  <label>Dinas <select name="agency">${opt('', 'Semua', !f.agency)}${cfg.agencies.map((a) => opt(a.code, `${a.code} — ${a.name}`, f.agency === a.code))}</select></label>
  <label>Kategori <select name="category">${opt('', 'Semua', !f.category)}${cfg.categories.map((c) => opt(c.id, c.label, f.category === c.id))}</select></label>
  <label>Kecamatan <select name="kecamatan">${opt('', 'Semua', !f.kecamatan)}${kecamatan.map((k) => opt(k, k, f.kecamatan?.toLowerCase() === k.toLowerCase()))}</select></label>
  <label>Status <select name="state">${opt('open', 'Terbuka', f.state === 'open')}${opt('all', 'Semua', f.state === 'all')}${TICKET_STATES.map((s) => opt(s, STATE_LABEL[s], f.state === s))}</select></label>
  <label>Dari <input type="date" name="from" value="${f.from ?? ''}"></label>
  <label>Sampai <input type="date" name="to" value="${f.to ?? ''}"></label>
  <button type="submit">Terapkan</button> <a href="${action}">Reset</a>
</form>`;
}

export function ticketRows(rows: TicketSummary[], cfg: PromptConfig): Html {
  if (!rows.length) return html`<tr class="empty"><td colspan="7">Tidak ada tiket untuk filter ini.</td></tr>`;
  return html`${rows.map((t) => html`<tr data-id="${t.id}" data-agency="${t.agency}" class="${t.overdue ? 'overdue' : ''}${t.emergency ? ' emergency' : ''}">
  <td><a href="/tiket/${t.id}">${t.number}</a>${t.confidential ? html` <span class="badge secret" title="Rahasia">rahasia</span>` : ''}</td>
  <td>${stateBadge(t.state)}${t.overdue ? html` <span class="badge late">terlambat ${Math.ceil(t.overdueHours ?? 0)} jam</span>` : ''}${t.escalationLevel ? html` <span class="badge esc">eskalasi ${t.escalationLevel}</span>` : ''}</td>
  <td title="${t.agencyName}">${t.agency}</td>
  <td>${t.categoryLabel}</td>
  <td>${t.kecamatan ?? ''}${t.kelurahan ? html`<br><small>${t.kelurahan}</small>` : ''}</td>
  <td class="desc">${t.description}</td>
  <td><time datetime="${t.createdAt}">${localTime(cfg, t.createdAt)}</time></td>
</tr>`)}`;
}

export function boardPage(ctx: PageCtx, cfg: PromptConfig, f: BoardFilter, rows: TicketSummary[], counts: { agency: string; state: TicketState; n: number }[], kecamatan: string[]): Html {
  const agencies = [...new Set(counts.map((c) => c.agency))];
  const cell = (a: string, s: TicketState) => counts.find((c) => c.agency === a && c.state === s)?.n ?? 0;
  const body = html`<h1>Papan tiket <span id="live" class="live" title="Pembaruan langsung">● menghubungkan…</span></h1>
${filterForm('/', f, cfg, kecamatan)}
<section class="card">
<h2>Tiket terbuka per dinas dan status</h2>
<table class="matrix"><thead><tr><th>Dinas</th>${OPEN_STATES.map((s) => html`<th>${STATE_LABEL[s]}</th>`)}<th>Jumlah</th></tr></thead>
<tbody id="matrix">${agencies.length ? agencies.map((a) => html`<tr><th title="${agencyName(cfg, a)}"><a href="/?agency=${a}">${a}</a></th>${OPEN_STATES.map((s) => html`<td>${cell(a, s) || ''}</td>`)}<td>${OPEN_STATES.reduce((n, s) => n + cell(a, s), 0)}</td></tr>`) : html`<tr><td colspan="6">Belum ada tiket terbuka.</td></tr>`}</tbody></table>
</section>
<section class="card">
<h2><span id="count">${rows.length}</span> tiket <small>(terlambat dulu, lalu terbaru)</small></h2>
<table class="tickets"><thead><tr><th>Nomor</th><th>Status</th><th>Dinas</th><th>Kategori</th><th>Kecamatan</th><th>Uraian</th><th>Masuk</th></tr></thead>
<tbody id="tickets">${ticketRows(rows, cfg)}</tbody></table>
</section>`;
  return layout(ctx, 'Papan', '/', body, { scripts: ['/static/board.js'] });
}

const ACTOR_TYPE_LABEL = { citizen: 'Warga', staff: 'Petugas', admin: 'Admin', system: 'Sistem' } as const;
const ACTION_LABEL: Record<string, string> = {
  dibuat: 'Laporan dibuat', teruskan: 'Diteruskan', ambil: 'Diambil', proses: 'Proses', selesaikan: 'Diselesaikan', tolak: 'Ditolak',
  dialihkan: 'Dialihkan', buka_kembali: 'Dibuka kembali', tutup: 'Ditutup', batalkan: 'Dibatalkan', balas: 'Balasan ke warga',
  pesan_warga: 'Pesan warga', dukung: 'Dukungan warga', nilai: 'Penilaian', eskalasi: 'Eskalasi',
};

export interface TicketView {
  ticket: Ticket;
  description: string;
  events: (TicketEvent & { noteShown: string | null })[];
  media: TicketMedia[];
  supporters: number;
  /** Only for admins; the view has been written to the audit log. */
  reporter?: Citizen;
  flash?: string;
  error?: string;
}

export function ticketPage(ctx: PageCtx, cfg: PromptConfig, v: TicketView, now: Date, overdue: number | null): Html {
  const t = v.ticket;
  const isAdmin = ctx.user.role === 'admin';
  const agencyOpts = cfg.agencies.map((a) => html`<option value="${a.code}">${a.code} — ${a.name}</option>`);
  const escalations = v.events.filter((e) => e.action === 'eskalasi');
  const body = html`<p><a href="/">← Papan</a></p>
<h1>${t.number} ${stateBadge(t.state)} ${overdue !== null && overdue > 0 ? html`<span class="badge late">terlambat ${Math.ceil(overdue)} jam</span>` : ''} ${t.emergency ? html`<span class="badge emergency">darurat</span>` : ''} ${t.confidential ? html`<span class="badge secret">rahasia</span>` : ''}</h1>
${v.flash ? html`<p class="ok" role="status">${v.flash}</p>` : ''}${v.error ? html`<p class="error" role="alert">${v.error}</p>` : ''}
<div class="grid2">
<section class="card">
  <h2>Laporan</h2>
  <p class="description">${v.description}</p>
  <dl>
    <dt>Kategori</dt><dd>${categoryLabel(cfg, t.category)} <small>(keyakinan ${Math.round(t.confidence * 100)}%${t.routeRule ? `, aturan ${t.routeRule}` : ''})</small></dd>
    <dt>Dinas</dt><dd>${agencyName(cfg, t.agency)} (${t.agency})</dd>
    <dt>Lokasi</dt><dd>${t.locationText ?? '—'}${t.rt ? ` RT ${t.rt}` : ''}${t.rw ? ` RW ${t.rw}` : ''}${t.kelurahan ? `, ${t.kelurahan}` : ''}${t.kecamatan ? `, Kec. ${t.kecamatan}` : ''}${t.latitude !== null && t.longitude !== null ? html` <a href="/peta?focus=${t.id}">(${t.latitude.toFixed(5)}, ${t.longitude.toFixed(5)})</a>` : ''}</dd>
    <dt>Petugas</dt><dd>${t.assigneeName ?? '—'}</dd>
    <dt>Masuk</dt><dd>${localTime(cfg, t.createdAt)}</dd>
    <dt>Pendukung</dt><dd id="supporters">${v.supporters} warga</dd>
    <dt>Penilaian</dt><dd id="rating">${t.rating !== null ? html`${'★'.repeat(t.rating)}${'☆'.repeat(5 - t.rating)} (${t.rating}/5)` : '—'}${t.ratingComment ? html`<br><q>${t.ratingComment}</q>` : ''}</dd>
    <dt>Eskalasi</dt><dd id="escalations">${t.escalationLevel ? `tingkat ${t.escalationLevel}` : 'tidak ada'}${escalations.map((e) => html`<br><small>${localTime(cfg, e.at)}: ${e.noteShown ?? ''}</small>`)}</dd>
    ${t.trustedReporter ? html`<dt>Pelapor terpercaya</dt><dd>${t.trustedReporter}</dd>` : ''}
  </dl>
  ${v.media.length ? html`<h3>Foto</h3><div class="photos">${v.media.map((m) => html`<figure><a href="/media/${t.id}/${m.id}"><img src="/media/${t.id}/${m.id}" alt="Foto ${m.source === 'staff' ? 'bukti petugas' : 'dari warga'}" loading="lazy"></a><figcaption>${m.source === 'staff' ? 'Petugas' : 'Warga'}, ${localTime(cfg, m.addedAt)}</figcaption></figure>`)}</div>` : ''}
</section>
<section class="card">
  ${isAdmin && v.reporter ? html`<h2>Identitas pelapor <small>(hanya admin; dicatat di log audit)</small></h2>
  <dl class="reporter"><dt>Saluran</dt><dd>${v.reporter.channel}</dd><dt>Nama</dt><dd>${v.reporter.displayName ?? '—'}</dd><dt>Nomor</dt><dd id="reporter-phone">${v.reporter.phone ?? '—'}</dd><dt>Alamat saluran</dt><dd>${v.reporter.address}</dd></dl>` : html`<h2>Identitas pelapor</h2><p class="muted">Disembunyikan. Hanya admin yang dapat melihatnya.</p>`}
  ${isAdmin ? html`<h2>Tindakan</h2>
  ${t.state === 'baru' ? html`<form method="post" action="/tiket/${t.id}/aksi" class="act">
    <input type="hidden" name="_csrf" value="${ctx.csrf}"><input type="hidden" name="action" value="teruskan">
    <label>Teruskan ke <select name="agency">${agencyOpts}</select></label> <label>Catatan <input name="note" maxlength="500"></label>
    <button type="submit">Teruskan</button></form>` : ''}
  ${['baru', 'diteruskan', 'diproses'].includes(t.state) ? html`<form method="post" action="/tiket/${t.id}/aksi" class="act">
    <input type="hidden" name="_csrf" value="${ctx.csrf}"><input type="hidden" name="action" value="alihkan">
    <label>Alihkan ke <select name="agency">${agencyOpts}</select></label> <label>Catatan <input name="note" maxlength="500"></label>
    <button type="submit">Alihkan</button></form>` : html`<p class="muted">Tidak ada tindakan triase untuk status ini.</p>`}` : ''}
</section>
</div>
<section class="card">
<h2>Riwayat</h2>
<ol class="timeline">${v.events.map((e) => html`<li><time datetime="${e.at}">${localTime(cfg, e.at)}</time> <strong>${ACTION_LABEL[e.action] ?? e.action}</strong>
  ${e.fromState && e.toState && e.fromState !== e.toState ? html`<span class="muted">${STATE_LABEL[e.fromState]} → ${STATE_LABEL[e.toState]}</span>` : ''}
  <span class="actor">oleh ${e.actor.type === 'citizen' ? 'Warga' : e.actor.name ?? ACTOR_TYPE_LABEL[e.actor.type]}</span>
  ${e.noteShown ? html`<div class="note">${e.noteShown}</div>` : ''}</li>`)}</ol>
</section>`;
  return layout(ctx, t.number, '/', body);
}

export function mapPage(ctx: PageCtx, cfg: PromptConfig, f: BoardFilter, kecamatan: string[], tileUrl: string, focus: number | undefined): Html {
  const body = html`<h1>Peta tiket</h1>
${filterForm('/peta', f, cfg, kecamatan)}
<section class="card"><div id="map" data-tiles="${tileUrl}" data-focus="${focus ?? ''}"></div>
<p class="muted" id="map-note">Hanya tiket dengan koordinat (pin lokasi dari warga) yang tampil.${tileUrl ? '' : ' Latar peta polos: atur MAP_TILE_URL untuk memakai server ubin.'}</p></section>`;
  return layout(ctx, 'Peta', '/peta', body, { scripts: ['/vendor/leaflet/leaflet.js', '/static/map.js'], styles: ['/vendor/leaflet/leaflet.css'] });
}

const fmt = (x: number | null, suffix = '') => (x === null ? '—' : `${x}${suffix}`);

function statTable(title: string, id: string, rows: StatRow[]): Html {
  return html`<section class="card"><h2>${title}</h2><table class="stats" id="${id}"><thead><tr><th></th><th>Masuk</th><th>Terbuka</th><th>Terlambat</th><th>Median diambil (jam)</th><th>Median selesai (jam)</th><th>Selesai tepat waktu</th><th>Rata-rata nilai</th></tr></thead>
<tbody>${rows.filter((r) => r.received || r.open).map((r) => html`<tr><th title="${r.label}">${r.key === r.label ? r.key : html`${r.label} <small>${r.key}</small>`}</th><td>${r.received}</td><td>${r.open}</td><td class="${r.overdue ? 'late' : ''}">${r.overdue}</td><td>${fmt(r.medianTakeHours)}</td><td>${fmt(r.medianResolveHours)}</td><td>${r.resolvedWithinSla === null ? '—' : `${Math.round(r.resolvedWithinSla * 100)}%`}</td><td>${fmt(r.avgRating)}</td></tr>`)}</tbody></table></section>`;
}

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
<p class="muted">Tenggat layanan dihitung dalam jam kalender dari sla di prompts/agencies.yaml (atau categories.yaml).</p>`;
  return layout(ctx, 'Statistik', '/statistik', body);
}

export function promptsPage(ctx: PageCtx, files: string[], file: string, text: string, history: Omit<PromptVersion, 'files'>[], cfg: PromptConfig): Html {
  const body = html`<h1>Editor prompts/</h1>
<nav class="tabs">${files.map((f) => html`<a href="/admin/prompts?file=${encodeURIComponent(f)}"${f === file ? html` class="active"` : ''}>${f}</a>`)} <a href="/admin/prompts/riwayat">Riwayat</a></nav>
<div class="grid2 editor">
<section class="card">
  <form id="prompt-form" data-file="${file}">
    <label for="editor">${file}</label>
    <textarea id="editor" name="text" spellcheck="false" rows="28">${text}</textarea>
    <div class="buttons"><button type="button" id="check">Periksa</button> <button type="submit" id="save">Simpan</button></div>
  </form>
  <pre id="result" class="result" aria-live="polite"></pre>
</section>
<section class="card">
  <h2>Uji pesan</h2>
  <p class="muted">Klasifikasi dan rute memakai isi editor (belum disimpan).</p>
  <form id="test-form"><textarea id="test-message" rows="3" placeholder="contoh: sampah numpuk di jalan sudirman rabadompu"></textarea>
  <button type="submit" id="test">Uji</button></form>
  <div id="test-result" aria-live="polite"></div>
  <h2>Versi terakhir</h2>
  <ul class="versions">${history.slice(0, 8).map((v) => html`<li><a href="/admin/prompts/riwayat/${v.id}">#${v.id}</a> ${localTime(cfg, v.appliedAt)} — ${v.author ?? '—'}</li>`)}</ul>
</section>
</div>`;
  return layout(ctx, 'Editor', '/admin/prompts', body, { scripts: ['/static/editor.js'] });
}

export function historyPage(ctx: PageCtx, cfg: PromptConfig, versions: Omit<PromptVersion, 'files'>[]): Html {
  const body = html`<h1>Riwayat prompts/</h1><p><a href="/admin/prompts">← Editor</a></p>
<section class="card"><table><thead><tr><th>Versi</th><th>Waktu</th><th>Oleh</th><th>Hash</th></tr></thead><tbody>
${versions.map((v) => html`<tr><td><a href="/admin/prompts/riwayat/${v.id}">#${v.id}</a></td><td>${localTime(cfg, v.appliedAt)}</td><td>${v.author ?? '—'}</td><td><code>${v.hash.slice(0, 12)}</code></td></tr>`)}
</tbody></table></section>`;
  return layout(ctx, 'Riwayat', '/admin/prompts', body);
}

export function diffView(diff: string): Html {
  if (!diff.trim()) return html`<p class="muted">Tidak ada perbedaan.</p>`;
  return html`<pre class="diff">${diff.split('\n').map((l) => html`<span class="${l.startsWith('+') && !l.startsWith('+++') ? 'add' : l.startsWith('-') && !l.startsWith('---') ? 'del' : l.startsWith('@@') ? 'hunk' : ''}">${l}</span>\n`)}</pre>`;
}

export function versionPage(ctx: PageCtx, cfg: PromptConfig, v: PromptVersion, isCurrent: boolean, message?: { ok: boolean; text: string }): Html {
  const body = html`<h1>Versi #${v.id}</h1><p><a href="/admin/prompts/riwayat">← Riwayat</a></p>
${message ? html`<pre class="${message.ok ? 'ok' : 'error'}" role="status">${message.text}</pre>` : ''}
<section class="card"><p>${localTime(cfg, v.appliedAt)} oleh ${v.author ?? '—'} · hash <code>${v.hash.slice(0, 12)}</code>${isCurrent ? html` · <b>versi yang berjalan</b>` : ''}</p>
${isCurrent ? '' : html`<form method="post" action="/admin/prompts/riwayat/${v.id}/rollback"><input type="hidden" name="_csrf" value="${ctx.csrf}"><button type="submit" id="rollback">Kembalikan ke versi ini</button></form>`}
<h2>Perubahan dibanding versi sebelumnya</h2>${diffView(v.diff)}</section>`;
  return layout(ctx, `Versi ${v.id}`, '/admin/prompts', body);
}

export function channelsPage(ctx: PageCtx, cfg: PromptConfig, health: ChannelHealth[], counts: Record<OutboxStatus, number>, problems: (OutboxRow & { ticketNumber: string | null })[], operations?: Html): Html {
  const detail = (h: ChannelHealth, k: string) => (h.details && h.details[k] !== undefined ? String(h.details[k]) : '—');
  const wa = health.find((h) => h.channel === 'whatsapp');
  const body = html`<h1>Saluran dan antrean kirim</h1>
${wa && typeof wa.details?.qr === 'string' ? html`<section class="card qr"><h2>Tautkan nomor WhatsApp</h2>
<p>Buka WhatsApp di ponsel layanan → Perangkat tertaut → Tautkan perangkat, lalu pindai kode ini. Halaman ini menyegarkan diri setiap 15 detik.</p>
<img id="wa-qr" src="/admin/whatsapp-qr.png?t=${Date.now()}" alt="Kode QR WhatsApp" width="280" height="280"></section>` : ''}
<section class="card"><h2>Kesehatan saluran</h2><table id="health"><thead><tr><th>Saluran</th><th>Aktif</th><th>Terhubung</th><th>Keadaan</th><th>Antrean</th><th>Galat terakhir</th></tr></thead><tbody>
${health.length ? health.map((h) => html`<tr><td>${h.channel}</td><td>${h.enabled ? 'ya' : 'tidak'}</td><td class="${h.connected ? 'good' : 'late'}">${h.connected ? 'ya' : 'tidak'}</td><td>${detail(h, 'state')}</td><td>${detail(h, 'queueLength')}</td><td>${h.lastError ?? '—'}</td></tr>`) : html`<tr><td colspan="6">Tidak ada saluran yang aktif.</td></tr>`}
</tbody></table></section>
${operations ?? ''}
<section class="card"><h2>Outbox</h2><table id="outbox-counts"><tbody>${(Object.entries(counts) as [OutboxStatus, number][]).map(([s, n]) => html`<tr><th>${s}</th><td>${n}</td></tr>`)}</tbody></table>
<h3>Gagal, tidak pasti dan menunggu</h3>
<table id="outbox-problems"><thead><tr><th>#</th><th>Status</th><th>Tujuan</th><th>Tiket</th><th>Percobaan</th><th>Galat terakhir</th><th>Dibuat</th></tr></thead><tbody>
${problems.length ? problems.map((r) => html`<tr><td>${r.id}</td><td>${r.waitingReason ? 'menunggu' : r.status}</td><td>${r.target.kind === 'citizen' ? `warga via ${r.target.channel}` : `meja ${r.target.agency}`}</td><td>${r.ticketId ? html`<a href="/tiket/${r.ticketId}">${r.ticketNumber ?? r.ticketId}</a>` : '—'}</td><td>${r.attempts}</td><td>${r.lastError ?? '—'}</td><td>${localTime(cfg, r.createdAt)}</td></tr>`) : html`<tr><td colspan="7">Tidak ada.</td></tr>`}
</tbody></table></section>`;
  return layout(ctx, 'Saluran', '/admin/saluran', body, { head: html`<meta http-equiv="refresh" content="15">` });
}

export function auditPage(ctx: PageCtx, cfg: PromptConfig, entries: AuditEntry[]): Html {
  const body = html`<h1>Log audit</h1><section class="card"><table id="audit"><thead><tr><th>Waktu</th><th>Pengguna</th><th>Aksi</th><th>Tiket</th><th>Keterangan</th></tr></thead><tbody>
${entries.map((e) => html`<tr><td>${localTime(cfg, e.at)}</td><td>${e.userName ?? '—'}</td><td>${e.action}</td><td>${e.ticketId ? html`<a href="/tiket/${e.ticketId}">${e.ticketId}</a>` : ''}</td><td>${e.detail ?? ''}</td></tr>`)}
</tbody></table></section>`;
  return layout(ctx, 'Audit', '/admin/audit', body);
}


