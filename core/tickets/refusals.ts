/**
 * Why a ticket action was refused, in staff words: one set of texts for the
 * Telegram desk and the web command centre. Each text names the fix; the
 * surface adds how to retry there (a button at the desk, the form on the web).
 */
import { TicketError } from './service.js';
import { IllegalTransitionError } from './states.js';
import type { Ticket } from './types.js';

/** Where the refusal is shown: the retry hint differs. */
export type RefusalSurface = 'desk' | 'web';

const HINTS: Record<RefusalSurface, { note: string; agency: string }> = {
  desk: { note: 'Tekan tombolnya lagi lalu balas pesan bot dengan catatannya.', agency: 'Tekan Alihkan lagi dan pilih dari daftar.' },
  web: { note: 'Isi kolom catatan lalu kirim lagi.', agency: 'Pilih dinas dari daftar lalu kirim lagi.' },
};

/** The Indonesian explanation of a refused action (without emoji), or undefined for an unexpected error. */
export function refusalText(err: unknown, t: Pick<Ticket, 'number' | 'agency' | 'state'>, surface: RefusalSurface): string | undefined {
  if (err instanceof IllegalTransitionError) return `Laporan ${t.number} sekarang berstatus "${err.state}"; tindakan itu tidak bisa dilakukan.`;
  if (!(err instanceof TicketError)) return undefined;
  const why: Record<typeof err.reason, string> = {
    not_found: `Laporan ${t.number} tidak ditemukan.`,
    note_required: `Tindakan ini perlu catatan. ${HINTS[surface].note}`,
    unknown_agency: `Dinas tujuan tidak dikenal. ${HINTS[surface].agency}`,
    same_agency: `Laporan ${t.number} sudah berada di ${t.agency}.`,
    closed: `Laporan ${t.number} sudah berstatus "${t.state}", jadi pesan tidak dapat dikirim lagi ke warga.`,
  };
  return why[err.reason];
}

/** Said when something unexpected failed. */
export const UNEXPECTED_REFUSAL = 'Terjadi kesalahan; coba lagi. Jika berulang, hubungi Command Center.';
