/**
 * A citizen's photo from the Cloud API: the webhook carries only a media id,
 * `GET /{media-id}` gives a short-lived URL, and the URL is downloaded with the
 * same token. Size is checked on what Meta announces and again on the bytes;
 * the file is stored under MEDIA_DIR with a generated name.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InboundMedia, Logger } from '../../core/ports.js';
import type { GraphClient } from './graph.js';

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/jpg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export interface MediaOptions {
  graph: GraphClient;
  phoneNumberId: string;
  mediaDir: string;
  maxBytes: number;
  logger: Logger;
  now: () => Date;
}

/** Downloads and stores a photo; a refusal (too large, download failed) is told to the citizen by the engine. */
export async function fetchPhoto(mediaId: string, announcedMime: string | undefined, opts: MediaOptions): Promise<InboundMedia> {
  const refused = (rejectedReason: 'too_large' | 'download_failed', bytes?: number): InboundMedia => ({
    kind: 'photo', rejectedReason, ...(announcedMime ? { mimeType: announcedMime } : {}), ...(bytes !== undefined ? { bytes } : {}),
  });
  let info: { url?: string; mime_type?: string; file_size?: number | string };
  try {
    info = await opts.graph.get(`${encodeURIComponent(mediaId)}?phone_number_id=${encodeURIComponent(opts.phoneNumberId)}`);
  } catch (err) {
    opts.logger.warn({ err, mediaId }, 'whatsapp cloud: looking up a citizen photo failed');
    return refused('download_failed');
  }
  const announced = Number(info.file_size);
  if (Number.isFinite(announced) && announced > opts.maxBytes) return refused('too_large', announced);
  if (!info.url) return refused('download_failed');
  let file;
  try {
    file = await opts.graph.download(info.url, opts.maxBytes);
  } catch (err) {
    opts.logger.warn({ err, mediaId }, 'whatsapp cloud: downloading a citizen photo failed');
    return refused('download_failed');
  }
  if (!file) return refused('too_large');
  const mimeType = (info.mime_type ?? file.mimeType ?? announcedMime ?? 'image/jpeg').split(';')[0]!.trim().toLowerCase();
  const stamp = opts.now().toISOString().slice(0, 10).replace(/-/g, '');
  const target = path.join(opts.mediaDir, `wac-${stamp}-${randomUUID()}.${EXTENSIONS[mimeType] ?? 'bin'}`);
  try {
    await mkdir(opts.mediaDir, { recursive: true });
    await writeFile(target, file.bytes, { flag: 'wx' });
  } catch (err) {
    opts.logger.error({ err, target }, 'whatsapp cloud: could not store a citizen photo; check that MEDIA_DIR is writable');
    return { kind: 'photo', mimeType, bytes: file.bytes.length, rejectedReason: 'download_failed' };
  }
  return { kind: 'photo', path: target, mimeType, bytes: file.bytes.length };
}
