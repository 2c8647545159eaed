/**
 * Pieces shared by several pages: state badges and the ticket filter form.
 */
import type { PromptConfig } from '../../core/config/schema.js';
import { TICKET_STATES, type TicketState } from '../../core/tickets/types.js';
import { indonesianDate, type BoardFilter } from '../board.js';
import { html, type Html } from '../html.js';

/** Indonesian labels of the ticket states. */
export const STATE_LABEL: Record<TicketState, string> = {
  baru: 'Baru', diteruskan: 'Diteruskan', diproses: 'Diproses', selesai: 'Selesai', ditutup: 'Ditutup', ditolak: 'Ditolak', dibatalkan: 'Dibatalkan',
};

/** A coloured badge with the state's label. */
export const stateBadge = (s: TicketState) => html`<span class="badge state-${s}">${STATE_LABEL[s]}</span>`;

/** The filter form of the board and the map. */
export function filterForm(action: string, f: BoardFilter, cfg: PromptConfig, kecamatan: string[]): Html {
  const opt = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  return html`<form class="filters" method="get" action="${action}" id="filters">
  <label>Dinas <select name="agency">${opt('', 'Semua', !f.agency)}${cfg.agencies.map((a) => opt(a.code, `${a.code} — ${a.name}`, f.agency === a.code))}</select></label>
  <label>Kategori <select name="category">${opt('', 'Semua', !f.category)}${cfg.categories.map((c) => opt(c.id, c.label, f.category === c.id))}</select></label>
  <label>Kecamatan <select name="kecamatan">${opt('', 'Semua', !f.kecamatan)}${kecamatan.map((k) => opt(k, k, f.kecamatan?.toLowerCase() === k.toLowerCase()))}</select></label>
  <label>Status <select name="state">${opt('open', 'Terbuka', f.state === 'open')}${opt('all', 'Semua', f.state === 'all')}${TICKET_STATES.map((s) => opt(s, STATE_LABEL[s], f.state === s))}</select></label>
  <label>Dari <input name="from" inputmode="numeric" placeholder="hh-bb-tttt" pattern="\d{1,2}-\d{1,2}-\d{4}" title="Tanggal seperti 31-12-2026" value="${indonesianDate(f.from)}"></label>
  <label>Sampai <input name="to" inputmode="numeric" placeholder="hh-bb-tttt" pattern="\d{1,2}-\d{1,2}-\d{4}" title="Tanggal seperti 31-12-2026" value="${indonesianDate(f.to)}"></label>
  <button type="submit">Terapkan</button> <a href="${action}">Reset</a>
</form>`;
}

