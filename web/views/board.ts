/**
 * The board: the open-ticket matrix per agency and the ticket list (rows are re-rendered for live updates).
 */
import type { PromptConfig } from '../../core/config/schema.js';
import { agencyName, localTime } from '../../core/config/texts.js';
import { OPEN_STATES, type TicketState } from '../../core/tickets/types.js';
import type { BoardFilter, TicketSummary } from '../board.js';
import { html, type Html } from '../html.js';
import { filterForm, stateBadge, STATE_LABEL } from './common.js';
import { layout, type PageCtx } from './layout.js';

/** The rows of the ticket table. */
export function ticketRows(rows: TicketSummary[], cfg: PromptConfig): Html {
  if (!rows.length) return html`<tr class="empty"><td colspan="7">Tidak ada tiket untuk filter ini.</td></tr>`;
  return html`${rows.map((t) => html`<tr data-id="${t.id}" data-agency="${t.agency}" class="${t.overdue ? 'overdue' : ''}${t.emergency ? ' emergency' : ''}">
  <td data-label="Nomor"><a href="/tiket/${t.id}">${t.number}</a>${t.confidential ? html` <span class="badge secret" title="Rahasia">rahasia</span>` : ''}</td>
  <td data-label="Status">${stateBadge(t.state)}${t.overdue ? html` <span class="badge late">terlambat ${Math.ceil(t.overdueHours ?? 0)} jam</span>` : ''}${t.escalationLevel ? html` <span class="badge esc">eskalasi ${t.escalationLevel}</span>` : ''}</td>
  <td data-label="Dinas" title="${t.agencyName}">${t.agency}</td>
  <td data-label="Kategori">${t.categoryLabel}</td>
  <td data-label="Wilayah">${t.kecamatan ?? ''}${t.kelurahan ? html`<br><small>${t.kelurahan}</small>` : ''}</td>
  <td class="desc" data-label="Uraian">${t.description}</td>
  <td data-label="Masuk"><time datetime="${t.createdAt}">${localTime(cfg, t.createdAt)}</time></td>
</tr>`)}`;
}

/** The board page. */
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
<table class="tickets cards"><thead><tr><th>Nomor</th><th>Status</th><th>Dinas</th><th>Kategori</th><th>Kecamatan</th><th>Uraian</th><th>Masuk</th></tr></thead>
<tbody id="tickets">${ticketRows(rows, cfg)}</tbody></table>
</section>`;
  return layout(ctx, 'Papan', '/', body, { scripts: ['/static/board.js'] });
}

