/**
 * What the request looks like from the browser's side. Directly reachable,
 * that is the Host header and the socket; behind a reverse proxy we run
 * (TRUST_PROXY=true) it is X-Forwarded-Host, X-Forwarded-Proto and the
 * right-most X-Forwarded-For entry (the one our proxy added). Never trust
 * those headers when clients can reach the app without the proxy.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';

const first = (v: string | undefined) => v?.split(',')[0]?.trim() || undefined;

/** The host the browser addressed. */
export function requestHost(c: Context, trustProxy: boolean): string | undefined {
  return (trustProxy ? first(c.req.header('x-forwarded-host')) : undefined) ?? c.req.header('host');
}

/** "https" or "http" as the browser used it. */
export function requestProto(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? first(c.req.header('x-forwarded-proto'))?.toLowerCase() : undefined;
  return forwarded === 'https' || forwarded === 'http' ? forwarded : new URL(c.req.url).protocol.replace(':', '');
}

/** The client's address (for the login throttle). */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const last = c.req.header('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A request without Origin (same-site navigation, curl) passes; one from another origin does not. */
export function sameOrigin(c: Context, trustProxy: boolean): boolean {
  const origin = c.req.header('origin');
  if (!origin) return true;
  try {
    const o = new URL(origin);
    if (o.host !== requestHost(c, trustProxy)) return false;
    return !trustProxy || o.protocol === `${requestProto(c, trustProxy)}:`;
  } catch {
    return false;
  }
}

/** Strict-Transport-Security on every answer that went out over HTTPS. */
export function hsts(trustProxy: boolean): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (requestProto(c, trustProxy) === 'https') c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}
