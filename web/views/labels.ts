/**
 * Indonesian words for the codes staff see on the command centre: audit
 * actions and outbox statuses. Unknown codes (a newer version, another
 * adapter) are shown as they are, so nothing disappears.
 */

const AUDIT_LABEL: Record<string, string> = {
  login: 'Masuk', login_failed: 'Gagal masuk', view_identity: 'Melihat identitas pelapor',
  prompts_apply: 'Menyimpan perubahan prompts', prompts_rollback: 'Mengembalikan versi prompts',
  ticket_teruskan: 'Meneruskan tiket', ticket_alihkan: 'Mengalihkan tiket', ticket_koreksi: 'Mengoreksi tiket',
  user_add: 'Menambah pengguna', user_passwd: 'Mengganti kata sandi', user_disable: 'Menonaktifkan pengguna', user_enable: 'Mengaktifkan pengguna',
};

/** An audit action in Indonesian (the code itself when unknown). */
export const auditLabel = (action: string): string => AUDIT_LABEL[action] ?? action;

const OUTBOX_LABEL: Record<string, string> = {
  pending: 'menunggu', sending: 'sedang dikirim', sent: 'terkirim', failed: 'gagal', skipped: 'dilewati', uncertain: 'tidak pasti',
  waiting: 'menunggu jendela', delivered: 'sampai', read: 'dibaca',
};

/** An outbox status in Indonesian. */
export const outboxLabel = (status: string): string => OUTBOX_LABEL[status] ?? status;
