/**
 * The free-text window of channels such as WhatsApp Business: free text may
 * go out only within a fixed time after the citizen's last message; later, a
 * status update must go as a template the channel's owner (Meta) approved.
 *
 * The outbox asks decideWindow() before each citizen message on such a
 * channel: send as is, send the update's template (filled from its facts), or
 * hold the row with a reason an admin can read. A held row is released when
 * the citizen writes again or the templates change (see the worker and
 * app/build.ts), so nothing is dropped.
 */
import type { WhatsAppSettings } from '../config/schema.js';
import type { OutboundMessage, TemplateMessage } from '../ports.js';

export type WindowDecision =
  | { kind: 'free' }
  | { kind: 'template'; template: TemplateMessage }
  | { kind: 'wait'; reason: string };

export interface WindowInput {
  message: OutboundMessage;
  windowMs: number;
  /** When the citizen last wrote on the channel (ISO), if ever. */
  lastInboundAt: string | undefined;
  now: Date;
  /** The channel already refused free text for this row (WhatsApp 131047). */
  templateRequired: boolean;
  settings: WhatsAppSettings | undefined;
}

/** WhatsApp rejects template parameters with newlines, tabs or more than four spaces in a row, and empty ones. */
function parameterText(value: string | number | null | undefined): string {
  const text = String(value ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return '-';
  return text.length > 900 ? `${text.slice(0, 899)}…` : text;
}

/** The template standing in for a status update, filled from its facts; undefined when none is configured. */
export function fillTemplate(settings: WhatsAppSettings | undefined, message: OutboundMessage): TemplateMessage | undefined {
  const update = message.update;
  const t = update ? settings?.templates[update.key] : undefined;
  if (!update || !t || !settings) return undefined;
  const vars: Record<string, string | number | null | undefined> = update.vars;
  const template: TemplateMessage = {
    name: t.name,
    language: t.language ?? settings.language,
    parameters: t.parameters.map((p) => parameterText(vars[p])),
  };
  if (t.buttons === 'choices' && message.choices?.length) template.buttonPayloads = message.choices.map((c) => c.id);
  return template;
}

/** Whether the citizen's window is open, and if not, the template to send or why the row must wait. */
export function decideWindow(input: WindowInput): WindowDecision {
  const last = input.lastInboundAt ? Date.parse(input.lastInboundAt) : NaN;
  const open = !input.templateRequired && Number.isFinite(last) && input.now.getTime() - last < input.windowMs;
  if (open) return { kind: 'free' };
  const template = fillTemplate(input.settings, input.message);
  if (template) return { kind: 'template', template };
  const hours = Math.round(input.windowMs / 3_600_000);
  const what = input.message.update
    ? `belum ada template untuk "${input.message.update.key}" di prompts/whatsapp-templates.yaml`
    : 'pesan ini bukan kabar status, jadi tidak ada template penggantinya';
  return {
    kind: 'wait',
    reason: `Menunggu: warga tidak menulis dalam ${hours} jam terakhir (aturan WhatsApp) dan ${what}. Pesan terkirim otomatis begitu warga menulis lagi${input.message.update ? ' atau template ditambahkan' : ''}.`,
  };
}
