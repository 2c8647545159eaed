/**
 * Access rules for staff routes: a live session for everything, the session's
 * CSRF token and a same-origin request for every change, and admin-only paths.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { safeEqual, SESSION_COOKIE } from '../auth.js';
import { isApi, type Env, type WebContext } from '../routes/context.js';
import { errorPage } from '../views/layout.js';
import { sameOrigin } from './proxy.js';


/** Sends visitors without a session to the login page (401 for the API and for changes) and checks CSRF on changes. */
export function requireSession(w: WebContext): MiddlewareHandler<Env> {
  return async (c, next) => {
    const s = await w.sessions.resume(getCookie(c, SESSION_COOKIE));
    if (!s) {
      if (isApi(c)) return c.json({ error: 'Perlu masuk dulu (login required).' }, 401);
      if (c.req.method !== 'GET') return c.text('Perlu masuk dulu: muat ulang halaman lalu masuk (login required).', 401);
      return c.redirect(`/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search))}`);
    }
    c.set('session', s);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      let token = c.req.header('x-csrf-token');
      if (!token && (c.req.header('content-type') ?? '').match(/form/)) {
        const body = await c.req.parseBody();
        token = typeof body._csrf === 'string' ? body._csrf : undefined;
      }
      if (!sameOrigin(c, w.app.config.TRUST_PROXY) || !token || !safeEqual(token, s.csrf)) {
        const msg = 'Token keamanan (CSRF) tidak ada atau salah: muat ulang halaman lalu coba lagi. (CSRF token missing or wrong; reload the page)';
        return isApi(c) ? c.json({ error: msg }, 403) : c.text(msg, 403);
      }
    }
    await next();
  };
}

/** Refuses non-admins with an Indonesian page (or JSON for the API). */
export function adminOnly(w: WebContext): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (c.get('session').user.role !== 'admin') {
      return isApi(c) ? c.json({ error: 'Hanya untuk admin (admins only).' }, 403) : w.page(c, errorPage(w.pageCtx(c), 403, 'Halaman ini hanya untuk admin.'), 403);
    }
    await next();
  };
}
