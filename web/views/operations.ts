/**
 * The command centre's operations section on the channels page: messages
 * waiting for a channel that is off (with the reason, resend and dismiss),
 * the last backup, and warnings such as a holiday calendar running out.
 */
import type { PromptConfig } from '../../core/config/schema.js';
import { localTime } from '../../core/config/texts.js';
import type { BackupStatus, ChannelBacklog, Readiness } from '../host.js';
import { html, type Html } from '../html.js';
import type { PageCtx } from './layout.js';

function size(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const button = (ctx: PageCtx, action: string, channel: string, label: string, which?: string) => html`<form method="post" action="/admin/saluran/antrean/${action}" class="inline">
<input type="hidden" name="_csrf" value="${ctx.csrf}"><input type="hidden" name="channel" value="${channel}">${which ? html`<input type="hidden" name="which" value="${which}">` : ''}
<button type="submit" data-action="${action}" data-channel="${channel}">${label}</button></form>`;

export function operationsSection(ctx: PageCtx, cfg: PromptConfig, v: { backlog: ChannelBacklog[]; backup: BackupStatus; readiness: Readiness; flash?: string }): Html {
  const b = v.backup;
  return html`${v.flash ? html`<p class="flash" id="ops-flash">${v.flash}</p>` : ''}
${v.readiness.warningsId.length ? html`<section class="card warn" id="ops-warnings"><h2>Perlu perhatian</h2><ul>${v.readiness.warningsId.map((w) => html`<li>${w}</li>`)}</ul></section>` : ''}
<section class="card"><h2>Pesan belum terkirim per saluran</h2><table id="outbox-backlog"><thead><tr><th>Saluran</th><th>Keterangan</th><th>Menunggu</th><th>Gagal</th><th>Tidak pasti</th><th>Tertua</th><th>Tindakan</th></tr></thead><tbody>
${v.backlog.length ? v.backlog.map((r) => html`<tr data-channel="${r.channel}"><td>${r.name}</td><td class="${r.state === 'on' ? '' : 'late'}">${r.reason}</td><td>${r.pending}</td><td>${r.failed}</td><td>${r.uncertain}</td><td>${localTime(cfg, r.oldest)}</td><td>
${r.canResend && r.failed + r.uncertain > 0 ? button(ctx, 'kirim-ulang', r.channel, 'Kirim ulang yang gagal') : ''}
${r.state !== 'on' && r.pending > 0 ? button(ctx, 'abaikan', r.channel, 'Abaikan yang menunggu', 'waiting') : ''}
${r.failed + r.uncertain > 0 ? button(ctx, 'abaikan', r.channel, 'Abaikan yang gagal', 'problems') : ''}
${r.state !== 'on' ? html`<small>Nyalakan saluran ini (lihat README) agar pesan terkirim otomatis.</small>` : ''}</td></tr>`) : html`<tr><td colspan="7">Semua pesan sudah terkirim.</td></tr>`}
</tbody></table></section>
<section class="card"><h2>Cadangan data</h2><table id="backup-status"><tbody>
<tr><th>Cadangan terakhir</th><td>${b.last ? `${localTime(cfg, b.last.at.toISOString())} · ${size(b.last.bytes)}` : 'belum ada'}</td></tr>
<tr><th>Berikutnya</th><td>${b.nextAt ? localTime(cfg, b.nextAt.toISOString()) : 'tidak terjadwal'}</td></tr>
<tr><th>Gagal sejak mulai</th><td class="${b.failures ? 'late' : ''}">${b.failures}${b.lastError ? ` — ${b.lastError.message}` : ''}</td></tr>
</tbody></table></section>`;
}
