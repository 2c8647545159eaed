/**
 * What the Telegram bot shows: reply texts converted to Telegram HTML, masked
 * reporter names, ticket cards and their buttons. Pure functions, so the card
 * a desk sees is testable without a server.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Choice } from '../../core/ports.js';
import type { PromptConfig } from '../../core/config/schema.js';
import { agencyName, categoryLabel, localTime } from '../../core/config/texts.js';
import { redactForStaff } from '../../core/privacy/redact.js';
import type { Ticket, TicketEvent, TicketState } from '../../core/tickets/types.js';
import { cutText, fitHtml, TEXT_MAX } from './limits.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** replies.yaml uses WhatsApp markup (*bold*); Telegram gets the same text as HTML, escaped first. */
export function toTelegramHtml(text: string): string {
  return escapeHtml(text).replace(/\*([^*\n]+)\*/g, '<b>$1</b>');
}

/** Telegram refuses callback_data over 64 bytes; such a choice cannot be a button. */
export function fitsCallbackData(id: string): boolean {
  return Buffer.byteLength(id, 'utf8') <= 64 && id.length > 0;
}

/** Inline keyboard for a citizen's choices: one button a row (labels are sentences on small phones). */
export function choicesKeyboard(choices: readonly Choice[]): InlineKeyboardMarkup | undefined {
  const rows = choices.filter((c) => fitsCallbackData(c.id)).map((c) => [{ text: c.label.slice(0, 64), callback_data: c.id }]);
  return rows.length ? { inline_keyboard: rows } : undefined;
}

/**
 * A reporter's name as staff see it: "Budi Santoso" → "Bu** Sa**". Never a
 * phone number or a username: a name that looks like a number becomes "Warga".
 */
export function maskName(name: string | null | undefined): string {
  const clean = (name ?? '').replace(/[@+]/g, ' ').trim();
  if (!clean || /\d{4,}/.test(clean.replace(/[\s-]/g, ''))) return 'Warga';
  const words = clean.split(/\s+/).slice(0, 2).map((w) => {
    const chars = [...w];
    return chars.length <= 1 ? `${chars[0] ?? ''}*` : `${chars.slice(0, 2).join('')}**`;
  });
  return words.join(' ');
}

const STATE_BADGE: Record<TicketState, string> = {
  baru: '🆕 baru (triase)',
  diteruskan: '📨 diteruskan — menunggu diambil',
  diproses: '🔧 diproses',
  selesai: '✅ selesai — menunggu konfirmasi warga',
  ditutup: '🔒 ditutup',
  ditolak: '⛔ ditolak',
  dibatalkan: '🚫 dibatalkan warga',
};

export interface CardFacts {
  ticket: Ticket;
  config: PromptConfig;
  reporterName: string | null;
  photos: number;
  supporters: number;
  /** The desk shows a card of a ticket that now belongs to another agency. */
  movedTo?: string;
  /** Latest closing note or rejection reason, shown on final cards. */
  lastNote?: string | null;
}

/**
 * The card text (HTML): everything staff need to act, nothing that identifies
 * the citizen (phones, NIK and e-mail in the citizen's words are redacted);
 * always within Telegram's 4,096 characters.
 */
export function cardText(f: CardFacts): string {
  const { ticket: t, config } = f;
  const lines: string[] = [];
  const flags = [t.emergency ? '🚨 DARURAT' : '', t.confidential ? '🔒 rahasia' : '', t.trustedReporter ? '✔️ Ketua RT' : ''].filter(Boolean).join(' · ');
  lines.push(`<b>${escapeHtml(t.number)}</b> · ${escapeHtml(categoryLabel(config, t.category))}${flags ? ` · ${flags}` : ''}`);
  if (f.movedTo) {
    lines.push(`➡️ <b>Dialihkan ke ${escapeHtml(agencyName(config, f.movedTo))}</b> (${escapeHtml(f.movedTo)})`);
  } else {
    lines.push(`Status: <b>${STATE_BADGE[t.state]}</b>`);
    lines.push(`Dinas: ${escapeHtml(t.agency)}`);
  }
  if (t.assigneeName && !f.movedTo) lines.push(`👷 Dipegang: <b>${escapeHtml(cutText(t.assigneeName, 64))}</b>`);
  const area = [t.rt && t.rw ? `RT ${t.rt}/RW ${t.rw}` : '', t.kelurahan ? `Kel. ${t.kelurahan}` : '', t.kecamatan ? `Kec. ${t.kecamatan}` : ''].filter(Boolean).join(', ');
  const place = t.locationText ? cutText(redactForStaff(t.locationText), 300) : 'lokasi belum diketahui';
  lines.push(`📍 ${escapeHtml(place)}${area ? ` (${escapeHtml(area)})` : ''}`);
  lines.push(`📝 ${escapeHtml(cutText(redactForStaff(t.description), 1500))}`);
  lines.push(`📷 ${f.photos} foto · 👥 ${f.supporters} pendukung`);
  lines.push(`Pelapor: ${escapeHtml(maskName(f.reporterName))} · ${escapeHtml(localTime(config, t.createdAt))}`);
  if (f.lastNote && (t.state === 'selesai' || t.state === 'ditolak' || t.state === 'ditutup')) {
    lines.push(`${t.state === 'ditolak' ? 'Alasan' : 'Catatan'}: ${escapeHtml(cutText(redactForStaff(f.lastNote), 500))}`);
  }
  if (!f.movedTo && OPEN_FOR_DESK.includes(t.state)) lines.push('<i>Balas (reply) kartu ini untuk mengirim pesan ke pelapor.</i>');
  return fitHtml(lines.join('\n'), TEXT_MAX);
}

const OPEN_FOR_DESK: readonly TicketState[] = ['baru', 'diteruskan', 'diproses', 'selesai'];

/** Desk button callback data: `d:<action>:<ticketId>[:<agency>]` (≤ 64 bytes). */
export type DeskAction = 'ambil' | 'proses' | 'selesai' | 'tolak' | 'alihkan' | 'ke' | 'kembali';

export function deskData(action: DeskAction, ticketId: number, agency?: string): string {
  return `d:${action}:${ticketId}${agency ? `:${agency}` : ''}`;
}

export function parseDeskData(data: string): { action: DeskAction; ticketId: number; agency?: string } | undefined {
  const m = /^d:(ambil|proses|selesai|tolak|alihkan|ke|kembali):(\d+)(?::([A-Za-z0-9_]+))?$/.exec(data);
  if (!m) return undefined;
  return { action: m[1] as DeskAction, ticketId: Number(m[2]), ...(m[3] ? { agency: m[3] } : {}) };
}

/** Buttons for the ticket's state; none once it is final or moved away. */
export function cardKeyboard(t: Ticket): InlineKeyboardMarkup {
  const b = (text: string, action: DeskAction): InlineKeyboardButton => ({ text, callback_data: deskData(action, t.id) });
  switch (t.state) {
    case 'baru': return { inline_keyboard: [[b('↪️ Alihkan', 'alihkan'), b('⛔ Tolak', 'tolak')]] };
    case 'diteruskan': return { inline_keyboard: [[b('🙋 Ambil', 'ambil'), b('🔧 Proses', 'proses')], [b('⛔ Tolak', 'tolak'), b('↪️ Alihkan', 'alihkan')]] };
    case 'diproses': return { inline_keyboard: [[b('🔧 Proses', 'proses'), b('✅ Selesai', 'selesai')], [b('⛔ Tolak', 'tolak'), b('↪️ Alihkan', 'alihkan')]] };
    default: return { inline_keyboard: [] };
  }
}

/** The agency picker shown in place of the card's buttons after "Alihkan". */
export function reassignKeyboard(t: Ticket, config: PromptConfig): InlineKeyboardMarkup {
  const targets = config.agencies.filter((a) => a.code !== t.agency);
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < targets.length; i += 3) {
    rows.push(targets.slice(i, i + 3).map((a) => ({ text: a.code, callback_data: deskData('ke', t.id, a.code) })));
  }
  rows.push([{ text: '« Batal', callback_data: deskData('kembali', t.id) }]);
  return { inline_keyboard: rows };
}

const ACTION_LABEL: Record<string, string> = {
  dibuat: 'Dibuat', teruskan: 'Diteruskan', ambil: 'Diambil', proses: 'Diproses', selesaikan: 'Diselesaikan', tolak: 'Ditolak',
  dialihkan: 'Dialihkan', buka_kembali: 'Dibuka kembali', tutup: 'Ditutup', batalkan: 'Dibatalkan', balas: 'Balasan petugas',
  pesan_warga: 'Pesan warga', dukung: 'Dukungan warga', nilai: 'Penilaian', eskalasi: 'Eskalasi',
};

/** The timeline for /tiket: who did what when (staff first names, never the citizen's identity; notes redacted). */
export function historyText(events: readonly TicketEvent[], config: PromptConfig): string {
  const lines = events.slice(-25).map((e) => {
    const who = e.actor.type === 'staff' ? (e.actor.name ?? 'Petugas') : e.actor.type === 'citizen' ? 'Warga' : e.actor.type === 'admin' ? (e.actor.name ?? 'Admin') : 'Sistem';
    const note = e.note ? `: ${cutText(redactForStaff(e.note), 200)}` : '';
    return `• ${localTime(config, e.at)} — ${ACTION_LABEL[e.action] ?? e.action} (${who})${note}`;
  });
  return escapeHtml(lines.join('\n'));
}
