/**
 * Security headers on every answer: a strict content security policy (our own
 * scripts only; images also from the tile server when one is configured), no
 * framing, no sniffing, and no caching unless a route chose otherwise.
 */
import type { MiddlewareHandler } from 'hono';

/** The tile server's origin, added to img-src when configured. */
export function tileOrigin(url: string): string {
  const m = /^(https?:\/\/[^/{}]+)(?:\/|$)/.exec(url);
  if (m) return m[1]!;
  const sub = /^(https?:\/\/)\{s\}\.([^/]+)/.exec(url);
  return sub ? `${sub[1]}*.${sub[2]}` : '';
}

/** The middleware, for a tile URL ('' for none). */
export function securityHeaders(tiles: string): MiddlewareHandler {
  const origin = tiles ? tileOrigin(tiles) : '';
  const csp = [
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data:${origin ? ` ${origin}` : ''}`,
    "connect-src 'self'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'", "object-src 'none'",
  ].join('; ');
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', csp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'same-origin');
    if (!c.res.headers.get('cache-control')) c.header('Cache-Control', 'no-store');
  };
}
