/**
 * Admin pages: channels with the outbox, and the audit log.
 */
import type { PromptConfig } from '../../core/config/schema.js';
import { localTime } from '../../core/config/texts.js';
import type { ChannelHealth, OutboxRow, OutboxStatus } from '../../core/ports.js';
import { html, type Html } from '../html.js';
import type { AuditEntry } from '../ports.js';
import { auditLabel, outboxLabel } from './labels.js';
import { layout, type PageCtx } from './layout.js';

/** Channel health, the WhatsApp QR when linking, outbox counts and problem rows. */
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
<section class="card"><h2>Outbox</h2><table id="outbox-counts"><tbody>${(Object.entries(counts) as [OutboxStatus, number][]).map(([s, n]) => html`<tr><th title="${s}">${outboxLabel(s)}</th><td>${n}</td></tr>`)}</tbody></table>
<h3>Gagal, tidak pasti dan menunggu</h3>
<table id="outbox-problems"><thead><tr><th>#</th><th>Status</th><th>Tujuan</th><th>Tiket</th><th>Percobaan</th><th>Galat terakhir</th><th>Dibuat</th></tr></thead><tbody>
${problems.length ? problems.map((r) => html`<tr><td>${r.id}</td><td title="${r.waitingReason ?? r.status}">${r.waitingReason ? 'menunggu' : outboxLabel(r.status)}</td><td>${r.target.kind === 'citizen' ? `warga via ${r.target.channel}` : `meja ${r.target.agency}`}</td><td>${r.ticketId ? html`<a href="/tiket/${r.ticketId}">${r.ticketNumber ?? r.ticketId}</a>` : '—'}</td><td>${r.attempts}</td><td>${r.lastError ?? '—'}</td><td>${localTime(cfg, r.createdAt)}</td></tr>`) : html`<tr><td colspan="7">Tidak ada.</td></tr>`}
</tbody></table></section>`;
  return layout(ctx, 'Saluran', '/admin/saluran', body, { head: html`<meta http-equiv="refresh" content="15">` });
}

/** The audit log. */
export function auditPage(ctx: PageCtx, cfg: PromptConfig, entries: AuditEntry[]): Html {
  const body = html`<h1>Log audit</h1><section class="card"><table id="audit"><thead><tr><th>Waktu</th><th>Pengguna</th><th>Aksi</th><th>Tiket</th><th>Keterangan</th></tr></thead><tbody>
${entries.map((e) => html`<tr><td>${localTime(cfg, e.at)}</td><td>${e.userName ?? '—'}</td><td title="${e.action}">${auditLabel(e.action)}</td><td>${e.ticketId ? html`<a href="/tiket/${e.ticketId}">${e.ticketId}</a>` : ''}</td><td>${e.detail ?? ''}</td></tr>`)}
</tbody></table></section>`;
  return layout(ctx, 'Audit', '/admin/audit', body);
}
