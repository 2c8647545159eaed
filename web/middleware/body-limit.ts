/**
 * Request body limits on every route, refused with 413 before the body is
 * read (hono's bodyLimit looks at Content-Length first and stops a chunked
 * body as soon as it passes the limit).
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** Bytes allowed per route group; the prompt editor sends whole files (at most 512 KB each, JSON-escaped). */
export const BODY_LIMITS = {
  login: 8 * 1024,
  webhook: 256 * 1024,
  prompts: 2 * 1024 * 1024,
  other: 64 * 1024,
} as const;

function limitFor(path: string): number {
  if (path === '/login' || path === '/logout') return BODY_LIMITS.login;
  if (path.startsWith('/api/prompts/') || path.startsWith('/admin/prompts')) return BODY_LIMITS.prompts;
  if (path.startsWith('/webhook') || path.includes('/webhook')) return BODY_LIMITS.webhook;
  return BODY_LIMITS.other;
}

const limiters = new Map<number, MiddlewareHandler>(Object.values(BODY_LIMITS).map((max) => [max, bodyLimit({
  maxSize: max,
  onError: (c) => {
    // The rest of the body is never read: the connection cannot carry another request.
    c.header('Connection', 'close');
    return c.req.path.startsWith('/api/')
    ? c.json({ error: `request body too large: at most ${max} bytes` }, 413)
      : c.text(`Permintaan terlalu besar (paling banyak ${Math.round(max / 1024)} KB).`, 413);
  },
})]));

/** Applies the limit of the request's route; GET and HEAD carry no body. */
export function bodyLimits(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return limiters.get(limitFor(c.req.path))!(c, next);
  };
}
