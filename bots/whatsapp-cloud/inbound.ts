/**
 * Reading a Cloud API webhook: the citizens' messages and the delivery
 * statuses of ours, for this business number only.
 *
 * Identity: a citizen is `<wa_id>@c.us`, the very address the whatsapp-web.js
 * pilot uses on the same channel id ('whatsapp'), so a citizen who wrote to
 * the pilot and later to the Cloud API number is one citizen with the same
 * tickets. The business-scoped user id (user id in newer webhooks, which may
 * hide the phone number) is kept as an alias `<bsuid>@bsuid`; a citizen known
 * only by it is addressed by it.
 */
import type { DeliveryReport, GeoPoint, MediaKind, Sender } from '../../core/ports.js';
import { classifyGraphError } from './errors.js';

/** A citizen message read from a webhook; a photo still has to be fetched by its media id. */
export interface CloudInbound {
  externalId: string;
  sender: Sender;
  receivedAt?: Date;
  text?: string;
  choice?: string;
  location?: GeoPoint;
  /** A photo to download (image, or a document that is an image). */
  photo?: { mediaId: string; mimeType?: string };
  /** Anything the engine answers politely as unsupported. */
  unsupported?: MediaKind;
}

export interface ParsedWebhook {
  messages: CloudInbound[];
  statuses: DeliveryReport[];
  /** Changes for another phone number id, or not about messages: logged, not processed. */
  ignored: number;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : undefined);

const UNSUPPORTED: Record<string, MediaKind> = {
  video: 'video', sticker: 'sticker', document: 'document', contacts: 'contact', reaction: 'other', unsupported: 'other',
};
/** Bookkeeping that is not a citizen writing: no answer. */
const IGNORED_TYPES = new Set(['system', 'ephemeral', 'request_welcome', 'revoke']);
const isImageMime = (m: string | undefined) => !!m && /^image\/(jpe?g|png|webp)$/i.test(m);

function senderOf(m: Obj, contacts: Obj[]): Sender | undefined {
  const waId = str(m.from);
  const contact = contacts.find((c) => (waId && str(c.wa_id) === waId) || (str(m.from_user_id) && str(c.user_id) === str(m.from_user_id))) ?? contacts[0] ?? {};
  const phone = waId && /^\d{5,20}$/.test(waId) ? waId : str(contact.wa_id);
  const bsuid = str(m.from_user_id) ?? str(contact.user_id);
  const phoneAddress = phone && /^\d{5,20}$/.test(phone) ? `${phone}@c.us` : undefined;
  const bsuidAddress = bsuid ? `${bsuid}@bsuid` : undefined;
  const address = phoneAddress ?? bsuidAddress;
  if (!address) return undefined;
  const sender: Sender = { address };
  if (phoneAddress && bsuidAddress) sender.aliases = [bsuidAddress];
  if (phoneAddress) sender.phone = phone!;
  const name = str(obj(contact.profile).name);
  if (name) sender.displayName = name;
  return sender;
}

function contentOf(m: Obj): Omit<CloudInbound, 'externalId' | 'sender' | 'receivedAt'> | undefined {
  const type = str(m.type) ?? 'unsupported';
  if (IGNORED_TYPES.has(type)) return undefined;
  switch (type) {
    case 'text': {
      const body = str(obj(m.text).body)?.trim();
      return body ? { text: body } : {};
    }
    case 'interactive': {
      const i = obj(m.interactive);
      const reply = obj(i.button_reply ?? i.list_reply);
      const id = str(reply.id);
      return id ? { choice: id } : { unsupported: 'other' };
    }
    case 'button': {
      // A quick-reply button of a template: its payload is the choice id we put there.
      const b = obj(m.button);
      const payload = str(b.payload);
      return payload ? { choice: payload } : str(b.text) ? { text: str(b.text)! } : {};
    }
    case 'location': {
      const l = obj(m.location);
      const latitude = Number(l.latitude);
      const longitude = Number(l.longitude);
      if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return { unsupported: 'other' };
      const point: GeoPoint = { latitude, longitude };
      if (str(l.name)) point.name = str(l.name)!.trim();
      if (str(l.address)) point.address = str(l.address)!.trim();
      return { location: point };
    }
    case 'image':
    case 'document': {
      const media = obj(m[type]);
      const mediaId = str(media.id);
      const mimeType = str(media.mime_type)?.split(';')[0]?.trim().toLowerCase();
      const caption = str(media.caption)?.trim();
      if (mediaId && (type === 'image' || isImageMime(mimeType))) {
        return { photo: { mediaId, ...(mimeType ? { mimeType } : {}) }, ...(caption ? { text: caption } : {}) };
      }
      return { unsupported: 'document', ...(caption ? { text: caption } : {}) };
    }
    case 'audio':
      return { unsupported: obj(m.audio).voice === true ? 'voice' : 'audio' };
    case 'video': {
      const caption = str(obj(m.video).caption)?.trim();
      return { unsupported: 'video', ...(caption ? { text: caption } : {}) };
    }
    default:
      return { unsupported: UNSUPPORTED[type] ?? 'other' };
  }
}

function statusOf(s: Obj): DeliveryReport | undefined {
  const id = str(s.id);
  const status = str(s.status);
  if (!id || (status !== 'sent' && status !== 'delivered' && status !== 'read' && status !== 'failed')) return undefined;
  const seconds = Number(s.timestamp);
  const report: DeliveryReport = {
    channel: 'whatsapp', externalId: id, status, at: new Date(Number.isFinite(seconds) ? seconds * 1000 : Date.now()).toISOString(),
  };
  if (status === 'failed') {
    const e = obj(arr(s.errors)[0]);
    const code = Number(e.code);
    const kind = classifyGraphError(Number.isFinite(code) ? code : undefined, 400).kind;
    const details = str(obj(e.error_data).details);
    report.error = {
      code: Number.isFinite(code) ? String(code) : 'unknown',
      title: `${str(e.title) ?? str(e.message) ?? 'failed'}${details ? ` (${details})` : ''}`,
      action: kind === 'window' ? 'template' : kind === 'throttle' || kind === 'transient' ? 'retry' : 'final',
    };
  }
  return report;
}

/** Reads a webhook body (already signature-checked) for one business phone number id. */
export function parseWebhook(payload: unknown, phoneNumberId: string): ParsedWebhook {
  const out: ParsedWebhook = { messages: [], statuses: [], ignored: 0 };
  for (const entry of arr(obj(payload).entry)) {
    for (const change of arr(obj(entry).changes)) {
      const c = obj(change);
      const value = obj(c.value);
      if ((c.field !== undefined && c.field !== 'messages') || str(obj(value.metadata).phone_number_id) !== phoneNumberId) {
        out.ignored++;
        continue;
      }
      const contacts = arr(value.contacts).map(obj);
      for (const raw of arr(value.messages)) {
        const m = obj(raw);
        const externalId = str(m.id);
        const sender = senderOf(m, contacts);
        const content = contentOf(m);
        if (!externalId || !sender || !content) { out.ignored++; continue; }
        const seconds = Number(m.timestamp);
        out.messages.push({ externalId, sender, ...content, ...(Number.isFinite(seconds) && seconds > 0 ? { receivedAt: new Date(seconds * 1000) } : {}) });
      }
      for (const raw of arr(value.statuses)) {
        const s = statusOf(obj(raw));
        if (s) out.statuses.push(s);
        else out.ignored++;
      }
    }
  }
  return out;
}
