/**
 * Logging in and out. /login is public (throttled per normalised name and client, same answer
 * for an unknown user and a wrong password); /logout needs the session.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE, SESSION_IDLE_MS } from '../auth.js';
import { clientAddress, requestProto, sameOrigin } from '../middleware/proxy.js';
import { safeNext } from '../middleware/redirect.js';
import { loginPage } from '../views/layout.js';
import type { Env, WebContext } from './context.js';

/** Behind a trusted proxy the cookie is Secure whenever the browser used HTTPS. */
const secureFor = (w: WebContext, c: Context): boolean => w.app.config.COOKIE_SECURE || requestProto(c, w.app.config.TRUST_PROXY) === 'https';

/** GET/POST /login; mount before the session middleware. */
export function loginRoutes(w: WebContext): Hono<Env> {
  const r = new Hono<Env>();
  const city = () => w.cfg().city.name;
  r.get('/login', async (c) => {
    if (await w.sessions.resume(getCookie(c, SESSION_COOKIE))) return c.redirect(safeNext(c.req.query('next')));
    return w.page(c, loginPage({ cityName: city(), next: safeNext(c.req.query('next')) }));
  });
  r.post('/login', async (c) => {
    if (!sameOrigin(c, w.app.config.TRUST_PROXY)) return c.text('Masuk dari situs lain ditolak (cross-site login refused).', 403);
    const body = await c.req.parseBody();
    const name = typeof body.name === 'string' ? body.name.slice(0, 100) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1000) : '';
    const next = safeNext(body.next);
    const client = clientAddress(c, w.app.config.TRUST_PROXY);
    const wait = await w.throttle.waitMs(name, client);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      c.header('Retry-After', String(seconds));
      return c.html(loginPage({ cityName: city(), next, error: `Terlalu banyak percobaan gagal; coba lagi dalam ${seconds} detik.` }).value, 429);
    }
    // Counted before the (slow) password check, so parallel guesses cannot all slip through one gap.
    await w.throttle.fail(name, client);
    const result = await w.sessions.login(name, password);
    if (!result) {
      await w.audit(name || null, 'login_failed', null, null);
      return w.page(c, loginPage({ cityName: city(), next, error: 'Nama pengguna atau kata sandi salah.' }), 400);
    }
    await w.throttle.succeed(name, client);
    await w.audit(result.user.name, 'login', null, null);
    setCookie(c, SESSION_COOKIE, result.token, { httpOnly: true, sameSite: 'Lax', secure: secureFor(w, c), path: '/', maxAge: Math.floor(SESSION_IDLE_MS / 1000) });
    return c.redirect(next, 303);
  });
  return r;
}

/** POST /logout and GET /api/me; mount after the session middleware. */
export function sessionRoutes(w: WebContext): Hono<Env> {
  const r = new Hono<Env>();
  r.post('/logout', async (c) => {
    await w.sessions.logout(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureFor(w, c), httpOnly: true, sameSite: 'Lax' });
    return c.redirect('/login', 303);
  });
  r.get('/api/me', (c) => {
    const s = c.get('session');
    return c.json({ name: s.user.name, role: s.user.role });
  });
  return r;
}
