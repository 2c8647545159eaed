/**
 * Rendering an OutboundMessage for WhatsApp.
 *
 * Why: WhatsApp Web has no buttons for unofficial clients, so choices become
 * numbered lines the citizen answers by typing the number (the engine accepts
 * it), and chat ids must be WhatsApp's `…@c.us` / `…@lid` form.
 */
import type { OutboundMessage } from '../../core/ports.js';

/** The text with choices appended as "1. label" lines. */
export function renderText(message: Pick<OutboundMessage, 'text' | 'choices'>): string {
  const text = (message.text ?? '').trimEnd();
  const choices = message.choices ?? [];
  if (choices.length === 0) return text;
  const lines = choices.map((choice, i) => `${i + 1}. ${choice.label}`);
  return text ? `${text}\n\n${lines.join('\n')}` : lines.join('\n');
}

/** Thrown for a recipient we must never send to (a group, a broadcast list): retrying cannot help. */
export class InvalidRecipientError extends Error {
  constructor(readonly to: string) {
    super(`whatsapp: refusing to send to "${to}": only private chats (…@c.us or …@lid) are allowed`);
    this.name = 'InvalidRecipientError';
  }
}

/** `+62 812-3456` or `628123456` → `628123456@c.us`; `…@c.us` and `…@lid` unchanged. */
export function toChatId(to: string): string {
  const trimmed = to.trim();
  if (/^\+?[\d\s-]{5,}$/.test(trimmed)) return `${trimmed.replace(/\D/g, '')}@c.us`;
  if (/^\d+(:\d+)?@c\.us$/.test(trimmed) || /^\d+@lid$/.test(trimmed)) return trimmed;
  throw new InvalidRecipientError(to);
}
