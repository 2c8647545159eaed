/**
 * Cross-checks of prompts/whatsapp-templates.yaml beyond its shape: every
 * template belongs to a status update the outbox can send, fills only facts
 * that update has, and its example body uses exactly {{1}} … {{n}} (what Meta
 * will check when the template is submitted).
 */
import { REPLY_SPEC } from './reply-keys.js';
import { PROMPT_FILES, type WhatsAppSettings } from './schema.js';
import type { ConfigIssue } from './validate.js';

/** Replies that reach citizens as status updates (core/tickets/service.ts), so a template may stand in for them. */
export const TEMPLATE_UPDATE_KEYS: readonly string[] = [
  'update_diteruskan', 'update_diproses', 'update_progress', 'update_reply', 'update_selesai', 'update_ditolak',
  'update_dialihkan', 'update_dibuka_kembali', 'update_ditutup', 'update_dibatalkan', 'feedback_ask',
];

/** Facts every update carries besides the reply's own placeholders. */
const COMMON_FACTS = ['nomor', 'dinas', 'kategori'];

/** Issues in the templates file (empty when it is sound). */
export function parseWhatsAppTemplates(settings: WhatsAppSettings): ConfigIssue[] {
  const file = PROMPT_FILES.whatsappTemplates;
  const issues: ConfigIssue[] = [];
  for (const [key, t] of Object.entries(settings.templates)) {
    const at = `templates.${key}`;
    if (!TEMPLATE_UPDATE_KEYS.includes(key)) {
      issues.push({ file, path: at, message: `"${key}" is not a status update; templates can stand in for ${TEMPLATE_UPDATE_KEYS.join(', ')}` });
      continue;
    }
    const spec = REPLY_SPEC[key];
    const allowed = new Set([...COMMON_FACTS, ...(spec?.required ?? []), ...(spec?.optional ?? [])]);
    t.parameters.forEach((p, i) => {
      if (!allowed.has(p)) issues.push({ file, path: `${at}.parameters[${i}]`, message: `unknown fact "${p}"; ${key} can fill ${[...allowed].join(', ')}` });
    });
    const used = [...new Set([...t.example.matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
    const expected = t.parameters.map((_, i) => i + 1);
    if (used.join(',') !== expected.join(',')) {
      issues.push({
        file, path: `${at}.example`,
        message: `the example must use ${expected.length ? expected.map((n) => `{{${n}}}`).join(' ') : 'no {{n}} placeholders'} (one per parameter, in order); it uses ${used.length ? used.map((n) => `{{${n}}}`).join(' ') : 'none'}`,
      });
    }
    if (t.buttons === 'choices' && key !== 'feedback_ask') {
      issues.push({ file, path: `${at}.buttons`, message: 'only feedback_ask carries choices (Sudah beres / Belum) for quick-reply buttons' });
    }
  }
  return issues;
}
