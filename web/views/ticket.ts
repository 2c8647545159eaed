/**
 * One ticket's page: the report, the reporter (admins only), triage actions and the timeline.
 */
import type { PromptConfig } from '../../core/config/schema.js';
import { agencyName, categoryLabel, localTime } from '../../core/config/texts.js';
import type { Citizen } from '../../core/ports.js';
import type { Ticket, TicketEvent, TicketMedia } from '../../core/tickets/types.js';
import { html, type Html } from '../html.js';
import { stateBadge, STATE_LABEL } from './common.js';
import { layout, type PageCtx } from './layout.js';

const ACTOR_TYPE_LABEL = { citizen: 'Warga', staff: 'Petugas', admin: 'Admin', system: 'Sistem' } as const;
const ACTION_LABEL: Record<string, string> = {
  dibuat: 'Laporan dibuat', teruskan: 'Diteruskan', ambil: 'Diambil', proses: 'Proses', selesaikan: 'Diselesaikan', tolak: 'Ditolak',
  dialihkan: 'Dialihkan', buka_kembali: 'Dibuka kembali', tutup: 'Ditutup', batalkan: 'Dibatalkan', balas: 'Balasan ke warga',
  pesan_warga: 'Pesan warga', koreksi: 'Koreksi', dukung: 'Dukungan warga', nilai: 'Penilaian', eskalasi: 'Eskalasi',
};

/** What the ticket page shows. */
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
  /** Agency codes to offer, the classifier's best guesses first. */
  suggestions?: string[];
  /** Why the ticket waits in triage, in Indonesian (only for 'baru'). */
  triageReason?: string;
  /** The city's kelurahan, for the place correction. */
  kelurahan?: string[];
}

/** The ticket page. */
export function ticketPage(ctx: PageCtx, cfg: PromptConfig, v: TicketView, now: Date, overdue: number | null): Html {
  const t = v.ticket;
  const isAdmin = ctx.user.role === 'admin';
  const order = [...new Set([...(v.suggestions ?? []), ...cfg.agencies.map((a) => a.code)])].filter((c) => cfg.agencies.some((a) => a.code === c) && (t.state === 'baru' || c !== t.agency));
  const best = new Set(v.suggestions ?? []);
  const suggestedOpts = order.map((code) => html`<option value="${code}">${code} — ${agencyName(cfg, code)}${best.has(code) ? ' (saran)' : ''}</option>`);
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
  ${t.state === 'baru' && v.triageReason ? html`<p class="triage-reason" id="triage-reason"><b>Mengapa di triase:</b> ${v.triageReason}</p>` : ''}
  ${['baru', 'diteruskan', 'diproses'].includes(t.state) ? html`<form method="post" action="/tiket/${t.id}/aksi" class="act" id="forward-form">
    <input type="hidden" name="_csrf" value="${ctx.csrf}"><input type="hidden" name="action" value="${t.state === 'baru' ? 'teruskan' : 'alihkan'}">
    <label>${t.state === 'baru' ? 'Teruskan ke' : 'Alihkan ke'} <select name="agency">${suggestedOpts}</select></label> <label>Catatan <input name="note" maxlength="500"></label>
    <button type="submit">${t.state === 'baru' ? 'Teruskan' : 'Alihkan'}</button></form>` : html`<p class="muted">Tidak ada tindakan triase untuk status ini.</p>`}
  ${['baru', 'diteruskan', 'diproses', 'selesai'].includes(t.state) ? html`<details class="correct"><summary>Koreksi kategori, dinas atau lokasi</summary>
  <form method="post" action="/tiket/${t.id}/koreksi" class="act" id="correct-form">
    <input type="hidden" name="_csrf" value="${ctx.csrf}">
    <label>Kategori <select name="category">${cfg.categories.map((c) => html`<option value="${c.id}"${c.id === t.category ? html` selected` : ''}>${c.label}</option>`)}</select></label>
    <label>Dinas <select name="agency">${cfg.agencies.map((a) => html`<option value="${a.code}"${a.code === t.agency ? html` selected` : ''}>${a.code} — ${a.name}</option>`)}</select></label>
    <label>Kelurahan <input name="kelurahan" list="kelurahan-list" value="${t.kelurahan ?? ''}" autocomplete="off"></label>
    <datalist id="kelurahan-list">${(v.kelurahan ?? []).map((k) => html`<option value="${k}">`)}</datalist>
    <label>Lintang <input name="latitude" inputmode="decimal" placeholder="-8.4561" value="${t.latitude ?? ''}"></label>
    <label>Bujur <input name="longitude" inputmode="decimal" placeholder="118.7263" value="${t.longitude ?? ''}"></label>
    <label>Alasan (wajib) <input name="reason" maxlength="500" required></label>
    <button type="submit">Simpan koreksi</button>
    <small class="muted">Setiap koreksi dicatat di riwayat dengan nama Anda dan alasannya. Jika dinas berubah, kartu di grup dinas pindah dan warga diberi tahu.</small>
  </form></details>` : ''}` : ''}
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

