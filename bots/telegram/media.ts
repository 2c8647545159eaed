/**
 * Downloads a Telegram file (a citizen's photo, a staff member's proof photo)
 * into MEDIA_DIR, refusing files over the size limit before and while
 * downloading. A self-hosted Bot API server in --local mode answers getFile
 * with an absolute path on its disk; that file is copied instead.
 */
import { copyFileSync, createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Api } from 'grammy';

export type DownloadResult =
  | { ok: true; path: string; bytes: number }
  | { ok: false; reason: 'too_large' | 'download_failed'; error?: string };

export interface DownloadOptions {
  api: Api;
  apiRoot: string;
  token: string;
  fileId: string;
  /** File name without extension; the extension comes from Telegram's file path. */
  name: string;
  dir: string;
  maxBytes: number;
  /** Size Telegram announced in the message, checked before any download. */
  knownSize?: number;
  timeoutMs?: number;
}

class TooLarge extends Error {}

export async function downloadFile(o: DownloadOptions): Promise<DownloadResult> {
  if (o.knownSize !== undefined && o.knownSize > o.maxBytes) return { ok: false, reason: 'too_large' };
  try {
    const file = await o.api.getFile(o.fileId);
    if (file.file_size !== undefined && file.file_size > o.maxBytes) return { ok: false, reason: 'too_large' };
    if (!file.file_path) return { ok: false, reason: 'download_failed', error: 'getFile returned no file_path (file over 20 MB?)' };
    mkdirSync(o.dir, { recursive: true });
    const ext = (/\.([A-Za-z0-9]{1,5})$/.exec(file.file_path)?.[1] ?? 'jpg').toLowerCase();
    const dest = join(o.dir, `${o.name.replace(/[^\w.-]/g, '_')}.${ext}`);
    if (isAbsolute(file.file_path) && existsSync(file.file_path)) {
      const size = statSync(file.file_path).size;
      if (size > o.maxBytes) return { ok: false, reason: 'too_large' };
      copyFileSync(file.file_path, dest);
      return { ok: true, path: dest, bytes: size };
    }
    const url = `${o.apiRoot.replace(/\/+$/, '')}/file/bot${o.token}/${file.file_path}`;
    const res = await fetch(url, { signal: AbortSignal.timeout(o.timeoutMs ?? 30_000) });
    if (!res.ok || !res.body) return { ok: false, reason: 'download_failed', error: `HTTP ${res.status} downloading ${file.file_path}` };
    const length = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(length) && length > o.maxBytes) {
      await res.body.cancel();
      return { ok: false, reason: 'too_large' };
    }
    let bytes = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        if (bytes > o.maxBytes) cb(new TooLarge('too large'));
        else cb(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), limit, createWriteStream(dest));
    } catch (err) {
      rmSync(dest, { force: true });
      if (err instanceof TooLarge) return { ok: false, reason: 'too_large' };
      throw err;
    }
    return { ok: true, path: dest, bytes };
  } catch (err) {
    return { ok: false, reason: 'download_failed', error: err instanceof Error ? err.message : String(err) };
  }
}
