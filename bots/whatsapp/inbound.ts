/**
 * Turning a whatsapp-web.js message into the core's InboundMessage.
 *
 * Why here and not in the engine: only the adapter knows WhatsApp's quirks
 * (a location's `body` is a JPEG thumbnail, captions live in `body` when there
 * is media, photos must be downloaded through the browser). The engine sees
 * the same normalised shape from every channel.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GeoPoint, InboundMedia, Logger, MediaKind } from '../../core/ports.js';
import type { WaMessage } from './client.js';

/** Why a message is not handed to the engine at all (no reply either). */
export type IgnoreReason = 'own' | 'status' | 'group' | 'broadcast' | 'newsletter' | 'not_private' | 'system';

/**
 * WhatsApp Web bookkeeping that arrives as messages: deletions, encryption
 * notices, group events, reactions, "waiting for this message" placeholders,
 * album headers (each photo of an album arrives on its own). Answering these
 * with "unsupported" would be noise, so they are dropped.
 */
const SYSTEM_TYPES = new Set([
  'revoked',
  'e2e_notification',
  'notification',
  'notification_template',
  'gp2',
  'group_notification',
  'protocol',
  'ciphertext',
  'call_log',
  'debug',
  'reaction',
  'broadcast_notification',
  'album',
  'unknown',
]);

/** Message types the engine answers politely as unsupported (only photos are attached to tickets). */
const UNSUPPORTED_KINDS: Record<string, MediaKind> = {
  ptt: 'voice',
  audio: 'audio',
  video: 'video',
  sticker: 'sticker',
  document: 'document',
  vcard: 'contact',
  multi_vcard: 'contact',
};

/** Returns why a message must be ignored, or undefined when it is a citizen's private message. */
export function ignoreReason(msg: WaMessage): IgnoreReason | undefined {
  const from = msg.from ?? '';
  if (msg.fromMe || msg.id?.fromMe) return 'own';
  if (msg.isStatus || from === 'status@broadcast') return 'status';
  if (from.endsWith('@g.us') || msg.author) return 'group';
  if (from.endsWith('@broadcast')) return 'broadcast';
  if (from.endsWith('@newsletter')) return 'newsletter';
  if (!from.endsWith('@c.us') && !from.endsWith('@lid')) return 'not_private';
  if (SYSTEM_TYPES.has(msg.type)) return 'system';
  return undefined;
}

/** The part of an InboundMessage that depends on the message's content. */
export interface InboundContent {
  text?: string;
  location?: GeoPoint;
  media?: InboundMedia;
}

export interface ContentOptions {
  mediaDir: string;
  maxMediaBytes: number;
  logger: Logger;
  now: () => Date;
}

/** Reads text, a map pin or a photo out of a message; anything else becomes media of an unsupported kind. */
export async function readContent(msg: WaMessage, opts: ContentOptions): Promise<InboundContent> {
  const body = (msg.body ?? '').trim();
  if (msg.type === 'chat') return body ? { text: body } : {};
  if (msg.type === 'location') return readLocation(msg);
  if (msg.type === 'image' || (msg.type === 'document' && isImageMime(msg._data?.mimetype))) {
    const media = await savePhoto(msg, opts);
    return body ? { media, text: body } : { media };
  }
  const kind = UNSUPPORTED_KINDS[msg.type] ?? 'other';
  const media: InboundMedia = { kind };
  if (msg._data?.mimetype) media.mimeType = msg._data.mimetype;
  // A video or document may carry a caption worth keeping; a vcard's body is the card itself.
  const caption = msg.hasMedia && kind !== 'contact' ? body : '';
  return caption ? { media, text: caption } : { media };
}

function readLocation(msg: WaMessage): InboundContent {
  const loc = msg.location;
  const latitude = Number(loc?.latitude);
  const longitude = Number(loc?.longitude);
  if (!loc || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
    return { media: { kind: 'other' } };
  }
  const point: GeoPoint = { latitude, longitude };
  // whatsapp-web.js fills name/address from the pin's "name\naddress"; older builds only give description.
  let name = loc.name?.trim();
  let address = loc.address?.trim();
  if (!name && !address && loc.description) {
    const [first, ...rest] = loc.description.split('\n');
    name = first?.trim();
    address = rest.join(', ').trim();
  }
  if (name) point.name = name;
  if (address) point.address = address;
  // msg.body of a location is a base64 thumbnail; a typed comment lives in _data.comment / caption.
  const caption = (msg._data?.comment ?? msg._data?.caption ?? '').trim();
  return caption ? { location: point, text: caption } : { location: point };
}

function isImageMime(mime: string | undefined): boolean {
  return !!mime && /^image\/(jpe?g|png|webp|gif|heic|heif)$/i.test(mime);
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/heic': 'heic',
  'image/heif': 'heif',
};

/**
 * Downloads a photo, refuses it when larger than maxMediaBytes (checked on the
 * size WhatsApp announces before downloading, and on the real bytes after) and
 * writes it under mediaDir with a generated name (never the sender's file name).
 */
async function savePhoto(msg: WaMessage, opts: ContentOptions): Promise<InboundMedia> {
  const announced = typeof msg._data?.size === 'number' ? msg._data.size : undefined;
  const announcedMime = msg._data?.mimetype;
  if (announced !== undefined && announced > opts.maxMediaBytes) {
    return withMime({ kind: 'photo', bytes: announced, rejectedReason: 'too_large' }, announcedMime);
  }

  let downloaded;
  try {
    downloaded = await msg.downloadMedia();
  } catch (err) {
    opts.logger.warn({ err, messageId: msg.id._serialized }, 'whatsapp: photo download failed');
    return withMime({ kind: 'photo', rejectedReason: 'download_failed' }, announcedMime);
  }
  if (!downloaded || !downloaded.data) {
    opts.logger.warn({ messageId: msg.id._serialized }, 'whatsapp: photo no longer available on WhatsApp (expired or not fetched)');
    return withMime({ kind: 'photo', rejectedReason: 'download_failed' }, announcedMime);
  }

  const mimeType = (downloaded.mimetype || announcedMime || 'image/jpeg').split(';')[0]!.trim().toLowerCase();
  const buffer = Buffer.from(downloaded.data, 'base64');
  if (buffer.length > opts.maxMediaBytes) {
    return { kind: 'photo', mimeType, bytes: buffer.length, rejectedReason: 'too_large' };
  }

  const stamp = opts.now().toISOString().slice(0, 10).replace(/-/g, '');
  const file = path.join(opts.mediaDir, `wa-${stamp}-${randomUUID()}.${EXTENSIONS[mimeType] ?? 'bin'}`);
  try {
    await mkdir(opts.mediaDir, { recursive: true });
    await writeFile(file, buffer, { flag: 'wx' });
  } catch (err) {
    opts.logger.error({ err, file }, 'whatsapp: could not store a citizen photo; check that the media directory is writable');
    return { kind: 'photo', mimeType, bytes: buffer.length, rejectedReason: 'download_failed' };
  }
  return { kind: 'photo', path: file, mimeType, bytes: buffer.length };
}

function withMime(media: InboundMedia, mime: string | undefined): InboundMedia {
  if (mime) media.mimeType = mime.split(';')[0]!.trim().toLowerCase();
  return media;
}
