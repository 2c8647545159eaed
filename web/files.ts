/**
 * Serving files from a fixed folder: only known types, never a path that
 * leaves the folder (../, absolute paths, symlinked names resolved first).
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.map': 'application/json',
};

/** True when `path` is `base` or inside it. */
export function inside(base: string, path: string): boolean {
  const b = resolve(base);
  const p = resolve(path);
  return p === b || p.startsWith(b + sep);
}

/** Sends `base/rel` with its content type and the given cache header, or a 404. */
export async function sendFile(c: Context, base: string, rel: string, cache: string): Promise<Response> {
  const path = resolve(base, rel);
  const type = TYPES[extname(path).toLowerCase()];
  if (!inside(base, path) || !type) return c.text('not found', 404);
  try {
    const body = await readFile(path);
    return c.body(body, 200, { 'content-type': type, 'cache-control': cache });
  } catch {
    return c.text('not found', 404);
  }
}
