/**
 * Every reply the bot can send and the placeholders it is given. Validation
 * refuses a replies.yaml that drops a reply, forgets a placeholder the reply
 * needs, or uses one the bot never fills (it would reach citizens as "{nmor}").
 */
export const REPLY_SPEC: Record<string, { required: readonly string[]; optional?: readonly string[] }> = {
  menu: { required: [], optional: ['kota'] },
  unclear: { required: [] },
  empty_message: { required: [] },
  too_long: { required: [] },
  unsupported_media: { required: ['jenis'] },
  photo_too_large: { required: [] },
  photo_failed: { required: [] },
  ask_location: { required: [], optional: ['kategori'] },
  ask_location_again: { required: [] },
  ask_photo: { required: [], optional: ['lokasi'] },
  photo_received: { required: [] },
  ask_description: { required: [] },
  media_voice: { required: [] },
  media_audio: { required: [] },
  media_video: { required: [] },
  media_sticker: { required: [] },
  media_document: { required: [] },
  media_contact: { required: [] },
  media_other: { required: [] },
  internal_error: { required: [] },
  ask_category: { required: ['pilihan'] },
  ask_category_again: { required: [] },
  confirm_summary: { required: ['kategori', 'lokasi'], optional: ['keterangan', 'foto'] },
  confirm_again: { required: [] },
  confirm_yes: { required: [] },
  confirm_no: { required: [] },
  filed: { required: ['nomor'], optional: ['kategori', 'dinas'] },
  filed_triage: { required: ['nomor'] },
  filed_trusted: { required: [], optional: ['rt', 'rw', 'kelurahan'] },
  emergency: { required: ['nomor_darurat'] },
  rejected_by_rule: { required: ['alasan'] },
  draft_cancelled: { required: [] },
  nothing_to_cancel: { required: [] },
  draft_expired: { required: [] },
  pending_question: { required: [] },
  thanks_reply: { required: [], optional: ['kota'] },
  info_fallback: { required: [] },
  confidential_set: { required: [] },
  duplicate_found: { required: ['nomor'], optional: ['kategori', 'lokasi', 'status', 'pendukung'] },
  duplicate_support: { required: [], optional: ['nomor'] },
  duplicate_new: { required: [] },
  duplicate_again: { required: [] },
  supported: { required: ['nomor'] },
  already_supporting: { required: ['nomor'] },
  status_one: { required: ['nomor', 'status'], optional: ['kategori', 'dinas', 'lokasi', 'diperbarui'] },
  status_list_header: { required: [] },
  status_list_item: { required: ['nomor', 'status'], optional: ['kategori'] },
  status_none: { required: [] },
  status_not_found: { required: ['nomor'] },
  ticket_cancelled: { required: ['nomor'] },
  ticket_cannot_cancel: { required: ['nomor'], optional: ['status'] },
  stopped: { required: [] },
  resumed: { required: [] },
  feedback_ask: { required: ['nomor'] },
  feedback_yes: { required: [] },
  feedback_no: { required: [] },
  ask_rating: { required: [] },
  ask_rating_again: { required: [] },
  ask_comment: { required: [] },
  rating_thanks: { required: [], optional: ['nomor', 'kota'] },
  ask_reopen_note: { required: [], optional: ['dinas'] },
  reopened: { required: ['nomor'], optional: ['dinas'] },
  reopen_note_received: { required: [], optional: ['dinas'] },
  reopen_note_skipped: { required: [], optional: ['dinas'] },
  update_diteruskan: { required: ['nomor', 'dinas'] },
  update_diproses: { required: ['nomor'], optional: ['dinas'] },
  update_progress: { required: ['nomor', 'catatan'] },
  update_reply: { required: ['pesan'], optional: ['dinas', 'nomor'] },
  update_selesai: { required: ['nomor'], optional: ['dinas', 'catatan'] },
  update_ditolak: { required: ['nomor', 'alasan'] },
  update_dialihkan: { required: ['nomor', 'dinas'] },
  update_dibuka_kembali: { required: ['nomor'], optional: ['dinas'] },
  update_ditutup: { required: ['nomor'] },
  update_dibatalkan: { required: ['nomor'] },
  desk_take_reminder: { required: ['nomor'], optional: ['batas'] },
  desk_resolve_reminder: { required: ['nomor'], optional: ['batas'] },
  desk_escalation: { required: ['nomor'], optional: ['level', 'dinas', 'jenis', 'batas'] },
  desk_reopen_escalation: { required: ['nomor'], optional: ['dinas', 'kali'] },
  desk_config_error: { required: ['error'] },
  desk_backup_failed: { required: ['error'] },
  desk_channel_down: { required: ['saluran', 'menit'], optional: ['galat'] },
  desk_channel_up: { required: ['saluran'] },
  desk_outbox_problems: { required: ['baru'], optional: ['gagal', 'tidak_pasti'] },
};

export type ReplyKey = keyof typeof REPLY_SPEC & string;

const PLACEHOLDER = /\{([a-z_]+)\}/g;

/** Placeholders used in a reply text, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/** Fills {placeholders}; a value missing at run time renders as "-" rather than leaking braces to a citizen. */
export function renderTemplate(text: string, vars: Record<string, string | number | null | undefined>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const v = vars[name];
    return v === undefined || v === null || v === '' ? '-' : String(v);
  });
}
