/**
 * The command centre's "Warga" page: block and unblock senders, export or
 * erase one citizen's data (docs/privacy.md). Admins only.
 */
import type { PromptConfig } from '../../core/config/schema.js';
import { localTime } from '../../core/config/texts.js';
import type { BlockedSender } from '../../core/privacy/ports.js';
import { html, type Html } from '../html.js';
import { layout, type PageCtx } from './layout.js';

export function citizensPage(ctx: PageCtx, cfg: PromptConfig, blocked: BlockedSender[], msg?: { ok: boolean; text: string }): Html {
  const csrf = html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
  const body = html`<h1>Warga: blokir, ekspor, hapus data</h1>
${msg ? html`<p class="${msg.ok ? 'flash' : 'error'}" role="status">${msg.text}</p>` : ''}
<section class="card"><h2>Blokir pengirim</h2>
<p>Pesan dari pengirim yang diblokir tetap dicatat dan dijawab sekali dengan sopan, tetapi tidak diproses.</p>
<form method="post" action="/admin/warga/blokir">${csrf}
<label>Nomor tiket pengirim <input name="tiket" placeholder="${cfg.city.ticket_prefix}-0042"></label>
<label>atau saluran <input name="channel" placeholder="whatsapp"></label> <label>dan alamat <input name="address" placeholder="6281234567890@c.us"></label>
<label>Alasan <input name="alasan" maxlength="300" required></label>
<button type="submit">Blokir</button></form></section>
<section class="card"><h2>Pengirim yang diblokir</h2>
<table id="blocked"><thead><tr><th>Saluran</th><th>Alamat</th><th>Alasan</th><th>Oleh</th><th>Sejak</th><th></th></tr></thead><tbody>
${blocked.map((b) => html`<tr><td>${b.channel}</td><td>${b.address}</td><td>${b.reason ?? ''}</td><td>${b.blockedBy}</td><td>${localTime(cfg, b.blockedAt)}</td>
<td><form method="post" action="/admin/warga/buka-blokir">${csrf}<input type="hidden" name="channel" value="${b.channel}"><input type="hidden" name="address" value="${b.address}"><button type="submit">Buka blokir</button></form></td></tr>`)}
</tbody></table>${blocked.length ? '' : html`<p>Belum ada pengirim yang diblokir.</p>`}</section>
<section class="card"><h2>Ekspor data satu warga</h2>
<p>Semua yang tersimpan tentang pelapor sebuah tiket, sebagai JSON (UU 27/2022 PDP). Setiap ekspor dicatat di log audit.</p>
<form method="get" action="/admin/warga/ekspor"><label>Nomor tiket <input name="tiket" required placeholder="${cfg.city.ticket_prefix}-0042"></label><button type="submit">Unduh</button></form></section>
<section class="card"><h2>Hapus data satu warga</h2>
<p>Untuk permintaan tertulis. Nama, nomor, alamat, isi pesan, dan foto dihapus; statistik tiket tetap. Tidak bisa dibatalkan.</p>
<form method="post" action="/admin/warga/hapus">${csrf}<label>Nomor tiket <input name="tiket" required></label>
<label>Ketik HAPUS untuk memastikan <input name="konfirmasi" required pattern="HAPUS"></label><button type="submit">Hapus data</button></form></section>`;
  return layout(ctx, 'Warga', '/admin/warga', body);
}
