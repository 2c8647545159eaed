/**
 * Rendering an OutboundMessage as Cloud API message bodies.
 *
 * WhatsApp's limits decide the shape: up to 3 choices with titles of at most
 * 20 characters become reply buttons, up to 10 with titles of at most 24 (or
 * a longer label of up to 72 shown as the row's description) become a list,
 * anything else numbered lines the citizen answers by typing the number (the
 * engine accepts it). Text longer than WhatsApp allows is split at paragraph,
 * line or word boundaries; an interactive body holds at most 1024 characters,
 * so longer text goes first as plain messages.
 */
import type { Choice, OutboundMessage } from '../../core/ports.js';

export const LIMITS = {
  text: 4096,
  interactiveBody: 1024,
  caption: 1024,
  buttons: 3,
  buttonTitle: 20,
  listRows: 10,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
  buttonId: 256,
} as const;

/** One Cloud API message body (without messaging_product and the recipient). */
export type MessageBody = Record<string, unknown> & { type: string };

/** A step of a send: a ready body, or a photo that must be uploaded first. */
export type SendPart = { kind: 'body'; body: MessageBody } | { kind: 'image'; path: string; caption?: string };

/** Splits text into pieces of at most max characters, preferring paragraph, line and word breaks. */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf('\n\n');
    if (cut < max / 2) cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = max;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/** "1. label" lines after the text, for choices that fit no interactive message. */
export function numbered(text: string, choices: readonly Choice[]): string {
  const lines = choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
  return text.trim() ? `${text.trimEnd()}\n\n${lines}` : lines;
}

const textBody = (body: string): MessageBody => ({ type: 'text', text: { body, preview_url: false } });
const unique = (xs: string[]) => new Set(xs).size === xs.length;
const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** The interactive message for these choices, or undefined when they fit neither buttons nor a list. */
function interactive(body: string, choices: readonly Choice[], listButton: string): MessageBody | undefined {
  const labels = choices.map((c) => c.label.trim());
  if (!body.trim() || labels.some((l) => !l) || !unique(labels)) return undefined;
  if (choices.length <= LIMITS.buttons && labels.every((l) => l.length <= LIMITS.buttonTitle) && choices.every((c) => c.id.length <= LIMITS.buttonId)) {
    return {
      type: 'interactive',
      interactive: { type: 'button', body: { text: body }, action: { buttons: choices.map((c, i) => ({ type: 'reply', reply: { id: c.id, title: labels[i] } })) } },
    };
  }
  if (choices.length <= LIMITS.listRows && labels.every((l) => l.length <= LIMITS.rowDescription) && choices.every((c) => c.id.length <= LIMITS.rowId)) {
    const titles = labels.map((l) => clip(l, LIMITS.rowTitle));
    if (!unique(titles)) return undefined;
    return {
      type: 'interactive',
      interactive: {
        type: 'list', body: { text: body },
        action: {
          button: clip(listButton, LIMITS.buttonTitle),
          sections: [{ rows: choices.map((c, i) => ({ id: c.id, title: titles[i], ...(titles[i] !== labels[i] ? { description: labels[i] } : {}) })) }],
        },
      },
    };
  }
  return undefined;
}

/** Text and choices as bodies: plain pieces first, then the interactive message (or numbered lines). */
function textWithChoices(text: string, choices: readonly Choice[], listButton: string): MessageBody[] {
  if (choices.length > 0) {
    const pieces = splitText(text, LIMITS.interactiveBody);
    const last = pieces.pop() ?? '';
    const asked = interactive(last, choices, listButton);
    if (asked) return [...splitText(pieces.join('\n\n'), LIMITS.text).map(textBody), asked];
    return splitText(numbered(text, choices), LIMITS.text).map(textBody);
  }
  return splitText(text, LIMITS.text).map(textBody);
}

/** The steps that deliver one message, in order. */
export function renderParts(message: OutboundMessage, opts: { listButton: string }): SendPart[] {
  if (message.template) {
    const t = message.template;
    const components: unknown[] = [];
    if (t.parameters.length) components.push({ type: 'body', parameters: t.parameters.map((text) => ({ type: 'text', text })) });
    (t.buttonPayloads ?? []).forEach((payload, i) => {
      components.push({ type: 'button', sub_type: 'quick_reply', index: String(i), parameters: [{ type: 'payload', payload }] });
    });
    return [{ kind: 'body', body: { type: 'template', template: { name: t.name, language: { code: t.language }, ...(components.length ? { components } : {}) } } }];
  }
  const parts: SendPart[] = [];
  const text = (message.text ?? '').trim();
  const choices = message.choices ?? [];
  let rest = text;
  if (message.photoPath) {
    // A short text without choices rides as the caption; otherwise the photo goes first on its own.
    const captioned = choices.length === 0 && text.length > 0 && text.length <= LIMITS.caption;
    parts.push({ kind: 'image', path: message.photoPath, ...(captioned ? { caption: text } : {}) });
    if (captioned) rest = '';
  }
  if (rest || choices.length) parts.push(...textWithChoices(rest, choices, opts.listButton).map((body) => ({ kind: 'body' as const, body })));
  if (message.location) {
    const { latitude, longitude, name, address } = message.location;
    parts.push({ kind: 'body', body: { type: 'location', location: { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) } } });
  }
  return parts;
}

/** Thrown for an address the Cloud API cannot reach (a WhatsApp Web @lid, a group): retrying cannot help. */
export class UnreachableAddressError extends Error {
  constructor(readonly address: string) {
    super(`whatsapp cloud: cannot send to "${address}": the Cloud API reaches a phone number (628…@c.us) or a business-scoped user id (…@bsuid) only; a citizen known only by a WhatsApp Web @lid must write to the number once`);
    this.name = 'UnreachableAddressError';
  }
}

/** The recipient fields of a send: `to` for a phone number, `recipient` for a business-scoped user id. */
export function recipientOf(address: string): { to: string } | { recipient: string } {
  const a = address.trim();
  const phone = /^(\d{5,20})@c\.us$/.exec(a) ?? /^\+?(\d{5,20})$/.exec(a.replace(/[\s-]/g, ''));
  if (phone) return { to: phone[1]! };
  const bsuid = /^([A-Z]{2}\.[A-Za-z0-9.]{1,140})@bsuid$/.exec(a);
  if (bsuid) return { recipient: bsuid[1]! };
  throw new UnreachableAddressError(address);
}
