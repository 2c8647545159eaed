/**
 * The command centre: one HTTP server in the same process as the bots
 * (hono + @hono/node-server). Pages are rendered on the server; a little
 * vanilla JS adds live updates (server-sent events), the map (Leaflet from
 * node_modules, no CDN) and the prompts editor. Nothing is fetched from the
 * internet unless MAP_TILE_URL points at a tile server.
 *
 * Access: every page and API except /login, /static, /vendor and /open311
 * needs a session; state changes need the session's CSRF token and an
 * admin; a citizen's identity is shown only to admins on the ticket page and
 * every such view is written to the audit log.
 */
import type { Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import QRCode from 'qrcode';
import type { App } from '../app/build.js';
import { createOfflineClassifier } from '../core/nlu/offline.js';
import { routeComplaint } from '../core/routing/router.js';
import { TICKET_ACTIONS } from '../core/tickets/states.js';
import { PROMPT_FILE_NAMES } from '../adapters/prompts/files.js';
import { createLoginThrottleRepo } from '../store/login-throttle.js';
import { createWebUserRepo } from '../store/web-users.js';
import { createLoginThrottle, createSessions, safeEqual, SESSION_COOKIE, SESSION_IDLE_MS } from './auth.js';
import { filterQuery, kecamatanOptions, listBoard, openCounts, parseFilter, summarize } from './board.js';
import { redactPhones, type Html } from './html.js';
import { createLiveFeed } from './live.js';
import { bodyLimits } from './middleware/body-limit.js';
import { clientAddress, hsts, requestProto, sameOrigin as isSameOrigin } from './middleware/proxy.js';
import { safeNext } from './middleware/redirect.js';
import { open311Routes } from './open311.js';
import { privacyRoutes } from './routes/privacy.js';
import { whatsappWebhookRoutes } from './routes/whatsapp-webhook.js';
import { channelsOperations } from './routes/channels-operations.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { operationsRoutes } from './routes/operations.js';
import type { WebSession, WebUserRepo } from './ports.js';
import { overdueHours } from './sla-view.js';
import { statsCsv, statsFor } from './stats.js';
import { errorPage, loginPage, type PageCtx } from './views/layout.js';
import {
  auditPage, boardPage, channelsPage, historyPage, mapPage, promptsPage, statsPage, ticketPage, ticketRows, versionPage,
} from './views/pages.js';

export interface WebOptions {
  port?: number;
  host?: string;
  /** How often the live feed polls the database (ms). */
  pollMs?: number;
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

type Env = { Variables: { session: WebSession } };

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const LEAFLET_DIR = join(dirname(createRequire(import.meta.url).resolve('leaflet/package.json')), 'dist');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.map': 'application/json',
};
/** Triage actions the web offers; the rest happen at the agency desk. */
const WEB_ACTIONS = ['teruskan', 'alihkan'] as const;
type WebAction = (typeof WEB_ACTIONS)[number];

function inside(base: string, path: string): boolean {
  const b = resolve(base);
  const p = resolve(path);
  return p === b || p.startsWith(b + sep);
}

async function sendFile(c: Context, base: string, rel: string, cache: string): Promise<Response> {
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

/** The tile server's origin, added to the page's content security policy (img-src) when configured. */
function tileOrigin(url: string): string {
  const m = /^(https?:\/\/[^/{}]+)(?:\/|$)/.exec(url);
  if (m) return m[1]!;
  const sub = /^(https?:\/\/)\{s\}\.([^/]+)/.exec(url);
  return sub ? `${sub[1]}*.${sub[2]}` : '';
}

export function createWebApp(app: App, deps: { users: WebUserRepo; live: ReturnType<typeof createLiveFeed>; streams: Set<() => void> }): Hono<Env> {
  const { users, live, streams } = deps;
  // Sessions run on the wall clock, not the app clock: a test or replay clock must not keep a login alive.
  const sessions = createSessions(users, () => new Date());
  const throttle = createLoginThrottle(createLoginThrottleRepo(app.store.db));
  const trust = app.config.TRUST_PROXY;
  const log = app.logger;
  const cfg = () => app.prompts.current();
  const now = () => app.clock.now();
  // Behind a trusted proxy the cookie is Secure whenever the browser used HTTPS.
  const secureFor = (c: Context) => app.config.COOKIE_SECURE || requestProto(c, trust) === 'https';
  const tiles = app.config.MAP_TILE_URL.trim();
  const csp = [
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data:${tiles && tileOrigin(tiles) ? ` ${tileOrigin(tiles)}` : ''}`,
    "connect-src 'self'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'", "object-src 'none'",
  ].join('; ');

  const audit = (user: string | null, action: string, ticketId: number | null, detail: string | null) =>
    users.audit({ at: now().toISOString(), userName: user, action, ticketId, detail });

  const web = new Hono<Env>();
  const page = (c: Context, h: Html, status: 200 | 400 | 403 | 404 | 500 = 200) => c.html(h.value, status);
  const ctxOf = (c: Context<Env>): PageCtx => {
    const s = c.get('session');
    return { user: s.user, csrf: s.csrf, cityName: cfg().city.name };
  };

  web.onError((err, c) => {
    log.error({ err, path: c.req.path }, 'web request failed');
    if (c.req.path.startsWith('/api/')) return c.json({ error: 'internal error; see the server log' }, 500);
    return page(c, errorPage(undefined, 500, 'Kesalahan server; lihat log.'), 500);
  });
  web.notFound((c) => (c.req.path.startsWith('/api/') ? c.json({ error: 'not found' }, 404) : page(c, errorPage(undefined, 404, 'Halaman tidak ada.'), 404)));

  web.use('*', bodyLimits());
  web.use('*', hsts(trust));
  web.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', csp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'same-origin');
    if (!c.res.headers.get('cache-control')) c.header('Cache-Control', 'no-store');
  });

  // --- public: static files, Leaflet, Open311, login --------------------------------------------
  web.get('/static/:file', (c) => sendFile(c, PUBLIC_DIR, c.req.param('file'), 'no-cache'));
  web.get('/vendor/leaflet/*', (c) => sendFile(c, LEAFLET_DIR, c.req.path.slice('/vendor/leaflet/'.length), 'public, max-age=86400'));
  web.route('/open311/v2', open311Routes(app));
  web.route('/webhooks/whatsapp', whatsappWebhookRoutes({ channels: app.channels, logger: log }));
  web.route('/', healthRoutes(app));
  web.route('/', metricsRoutes(app));

  const sameOrigin = (c: Context) => isSameOrigin(c, trust);

  web.get('/login', (c) => {
    if (sessions.resume(getCookie(c, SESSION_COOKIE))) return c.redirect(safeNext(c.req.query('next')));
    return page(c, loginPage({ cityName: cfg().city.name, next: safeNext(c.req.query('next')) }));
  });
  web.post('/login', async (c) => {
    if (!sameOrigin(c)) return c.text('cross-site login refused', 403);
    const body = await c.req.parseBody();
    const name = typeof body.name === 'string' ? body.name.slice(0, 100) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1000) : '';
    const next = safeNext(body.next);
    const client = clientAddress(c, trust);
    const wait = throttle.waitMs(name, client);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      c.header('Retry-After', String(seconds));
      return c.html(loginPage({ cityName: cfg().city.name, next, error: `Terlalu banyak percobaan gagal; coba lagi dalam ${seconds} detik.` }).value, 429);
    }
    // Counted before the (slow) password check, so parallel guesses cannot all slip through one gap.
    throttle.fail(name, client);
    const result = await sessions.login(name, password);
    if (!result) {
      audit(name || null, 'login_failed', null, null);
      return page(c, loginPage({ cityName: cfg().city.name, next, error: 'Nama pengguna atau kata sandi salah.' }), 400);
    }
    throttle.succeed(name, client);
    audit(result.user.name, 'login', null, null);
    setCookie(c, SESSION_COOKIE, result.token, { httpOnly: true, sameSite: 'Lax', secure: secureFor(c), path: '/', maxAge: Math.floor(SESSION_IDLE_MS / 1000) });
    return c.redirect(next, 303);
  });

  // --- everything below needs a session ------------------------------------------------------
  web.use('*', async (c, next) => {
    const s = sessions.resume(getCookie(c, SESSION_COOKIE));
    if (!s) {
      if (c.req.path.startsWith('/api/')) return c.json({ error: 'login required' }, 401);
      if (c.req.method !== 'GET') return c.text('login required', 401);
      return c.redirect(`/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search))}`);
    }
    c.set('session', s);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      let token = c.req.header('x-csrf-token');
      if (!token && (c.req.header('content-type') ?? '').match(/form/)) {
        const body = await c.req.parseBody();
        token = typeof body._csrf === 'string' ? body._csrf : undefined;
      }
      if (!sameOrigin(c) || !token || !safeEqual(token, s.csrf)) {
        return c.req.path.startsWith('/api/') ? c.json({ error: 'CSRF token missing or wrong; reload the page' }, 403) : c.text('CSRF token missing or wrong; reload the page', 403);
      }
    }
    await next();
  });

  web.post('/logout', (c) => {
    sessions.logout(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureFor(c), httpOnly: true, sameSite: 'Lax' });
    return c.redirect('/login', 303);
  });

  const adminOnly = async (c: Context<Env>, next: () => Promise<void>) => {
    if (c.get('session').user.role !== 'admin') {
      return c.req.path.startsWith('/api/') ? c.json({ error: 'admins only' }, 403) : page(c, errorPage(ctxOf(c), 403, 'Halaman ini hanya untuk admin.'), 403);
    }
    await next();
  };
  web.use('/admin/*', adminOnly);
  web.use('/api/prompts/*', adminOnly);
  web.use('/api/health', adminOnly);
  web.use('/api/audit', adminOnly);
  web.route('/', privacyRoutes(app, { users, live }));

  // --- board ---------------------------------------------------------------------------------
  const kecamatan = () => kecamatanOptions(app.store.db, app.areas.kecamatan.map((k) => k.name));

  web.get('/', (c) => {
    const f = parseFilter(c.req.query());
    const rows = listBoard(app.store.tickets, f, cfg(), now());
    return page(c, boardPage(ctxOf(c), cfg(), f, rows, openCounts(app.store.db), kecamatan()));
  });

  web.get('/api/tickets', (c) => {
    const f = parseFilter(c.req.query());
    const rows = listBoard(app.store.tickets, f, cfg(), now());
    const wantsHtml = c.req.query('format') === 'rows';
    if (wantsHtml) return c.json({ count: rows.length, html: ticketRows(rows, cfg()).value, counts: openCounts(app.store.db) });
    return c.json({ filter: f, query: filterQuery(f), tickets: rows, counts: openCounts(app.store.db) });
  });

  web.get('/api/stream', (c) => streamSSE(c, async (stream) => {
    let finish!: () => void;
    const finished = new Promise<void>((r) => { finish = r; });
    streams.add(finish);
    const unsubscribe = live.subscribe((change) => {
      const tickets = change.ticketIds.map((id) => app.store.tickets.get(id)).filter((t) => !!t).map((t) => summarize(t, cfg(), now()));
      void stream.writeSSE({ event: 'tickets', id: String(change.cursor), data: JSON.stringify({ ticketIds: change.ticketIds, tickets }) })
        .catch(() => finish());
    });
    const ping = setInterval(() => void stream.write(': ping\n\n').catch(() => finish()), 15_000);
    stream.onAbort(() => finish());
    await stream.writeSSE({ event: 'hello', data: JSON.stringify({ at: now().toISOString() }) });
    await finished;
    clearInterval(ping);
    unsubscribe();
    streams.delete(finish);
  }));

  // --- ticket page, photos, staff actions -------------------------------------------------------
  function ticketView(c: Context<Env>, id: number) {
    const t = app.store.tickets.get(id);
    if (!t) return undefined;
    const s = c.get('session');
    const isAdmin = s.user.role === 'admin';
    const shown = (x: string | null) => (x === null ? null : isAdmin ? x : redactPhones(x));
    const reporter = isAdmin ? app.store.citizens.get(t.citizenId) : undefined;
    if (reporter) audit(s.user.name, 'view_identity', t.id, `${t.number} via ${c.req.path}`);
    return {
      ticket: t,
      description: shown(t.description)!,
      events: app.store.tickets.events(t.id).map((e) => ({ ...e, noteShown: shown(e.note) })),
      media: app.store.tickets.media(t.id),
      supporters: app.store.tickets.supporters(t.id).length,
      ...(reporter ? { reporter } : {}),
    };
  }

  web.get('/tiket/:id{[0-9]+}', (c) => {
    const v = ticketView(c, Number(c.req.param('id')));
    if (!v) return page(c, errorPage(ctxOf(c), 404, 'Tiket tidak ada.'), 404);
    const flash = c.req.query('ok');
    const error = c.req.query('error');
    return page(c, ticketPage(ctxOf(c), cfg(), { ...v, ...(flash ? { flash } : {}), ...(error ? { error } : {}) }, now(), overdueHours(cfg(), v.ticket, now())));
  });

  web.get('/api/tickets/:id{[0-9]+}', (c) => {
    const v = ticketView(c, Number(c.req.param('id')));
    if (!v) return c.json({ error: 'no such ticket' }, 404);
    const { ticket, reporter, ...rest } = v;
    const { citizenId: _c, ...publicTicket } = ticket;
    return c.json({
      ticket: { ...publicTicket, description: v.description, overdueHours: overdueHours(cfg(), ticket, now()) },
      events: rest.events.map(({ note: _n, noteShown, actor, ...e }) => ({ ...e, note: noteShown, actor: actor.type === 'citizen' ? { type: 'citizen' } : actor })),
      media: rest.media.map((m) => ({ id: m.id, kind: m.kind, source: m.source, addedAt: m.addedAt, url: `/media/${ticket.id}/${m.id}` })),
      supporters: rest.supporters,
      ...(reporter ? { reporter: { channel: reporter.channel, displayName: reporter.displayName, phone: reporter.phone, address: reporter.address } } : {}),
    });
  });

  web.get('/media/:ticket{[0-9]+}/:media{[0-9]+}', async (c) => {
    const m = app.store.tickets.media(Number(c.req.param('ticket'))).find((x) => x.id === Number(c.req.param('media')));
    if (!m) return c.text('not found', 404);
    const mediaDir = resolve(app.config.MEDIA_DIR);
    const path = isAbsolute(m.path) ? m.path : resolve(m.path);
    const alt = resolve(mediaDir, m.path);
    const file = inside(mediaDir, path) ? path : inside(mediaDir, alt) ? alt : undefined;
    if (!file) return c.text('not found', 404);
    const res = await sendFile(c, mediaDir, file.slice(mediaDir.length + 1), 'private, max-age=3600');
    return res;
  });

  async function act(c: Context<Env>, id: number, input: { action?: unknown; agency?: unknown; note?: unknown }) {
    const s = c.get('session');
    if (s.user.role !== 'admin') return { status: 403 as const, error: 'Hanya admin yang dapat mengubah tiket.' };
    const action = input.action as WebAction;
    if (!WEB_ACTIONS.includes(action) || !(action in TICKET_ACTIONS)) return { status: 400 as const, error: `action must be one of ${WEB_ACTIONS.join(', ')}` };
    if (typeof input.agency !== 'string' || !input.agency) return { status: 400 as const, error: 'agency is required' };
    try {
      const t = app.tickets.act(id, action, {
        actor: { type: 'admin', id: `web:${s.user.name}`, name: `Admin ${s.user.name}` },
        agency: input.agency,
        ...(typeof input.note === 'string' && input.note.trim() ? { note: input.note.slice(0, 1000) } : {}),
      });
      audit(s.user.name, `ticket_${action}`, t.id, `${t.number} → ${t.agency}`);
      app.worker.kick();
      live.poll();
      return { status: 200 as const, ticket: t };
    } catch (err) {
      return { status: 409 as const, error: (err as Error).message };
    }
  }

  web.post('/api/tickets/:id{[0-9]+}/act', async (c) => {
    let body: Record<string, unknown>;
    try { body = await c.req.json(); } catch { return c.json({ error: 'expected a JSON body' }, 400); }
    const r = await act(c, Number(c.req.param('id')), body);
    if ('error' in r) return c.json({ error: r.error }, r.status);
    return c.json({ ticket: summarize(r.ticket, cfg(), now()) });
  });

  web.post('/tiket/:id{[0-9]+}/aksi', async (c) => {
    const id = Number(c.req.param('id'));
    const body = await c.req.parseBody();
    const r = await act(c, id, body);
    if (r.status === 403) return page(c, errorPage(ctxOf(c), 403, r.error!), 403);
    const q = 'error' in r ? `error=${encodeURIComponent(r.error!)}` : `ok=${encodeURIComponent(`Tiket ${r.ticket.number} ${body.action === 'teruskan' ? 'diteruskan' : 'dialihkan'} ke ${r.ticket.agency}.`)}`;
    return c.redirect(`/tiket/${id}?${q}`, 303);
  });

  // --- map -----------------------------------------------------------------------------------
  web.get('/peta', (c) => {
    const f = parseFilter(c.req.query());
    const focus = Number(c.req.query('focus'));
    return page(c, mapPage(ctxOf(c), cfg(), f, kecamatan(), tiles, Number.isInteger(focus) && focus > 0 ? focus : undefined));
  });
  web.get('/api/map', (c) => {
    const f = parseFilter(c.req.query());
    const points = listBoard(app.store.tickets, f, cfg(), now()).filter((t) => t.latitude !== null && t.longitude !== null)
      .map((t) => ({ id: t.id, number: t.number, lat: t.latitude, lng: t.longitude, state: t.state, agency: t.agency, category: t.categoryLabel, overdue: t.overdue, description: t.description.slice(0, 120) }));
    return c.json({ tiles, points });
  });

  // --- statistics ----------------------------------------------------------------------------
  const daysOf = (c: Context) => {
    const d = Number(c.req.query('days') ?? 30);
    return Number.isInteger(d) && d >= 1 && d <= 3650 ? d : 30;
  };
  web.get('/statistik', (c) => page(c, statsPage(ctxOf(c), cfg(), statsFor(app.store.db, app.store.tickets, cfg(), now(), { days: daysOf(c) }), daysOf(c))));
  web.get('/api/stats', (c) => c.json(statsFor(app.store.db, app.store.tickets, cfg(), now(), { days: daysOf(c) })));
  web.get('/api/stats.csv', (c) => {
    const csv = statsCsv(statsFor(app.store.db, app.store.tickets, cfg(), now(), { days: daysOf(c) }));
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="suarawarga-statistik-${now().toISOString().slice(0, 10)}.csv"` });
  });

  // --- prompts editor ------------------------------------------------------------------------
  web.get('/admin/prompts', (c) => {
    const files = PROMPT_FILE_NAMES;
    const file = files.includes(c.req.query('file') ?? '') ? c.req.query('file')! : files[0]!;
    return page(c, promptsPage(ctxOf(c), [...files], file, app.prompts.files()[file] ?? '', app.prompts.history(8), cfg()));
  });
  web.get('/admin/prompts/riwayat', (c) => page(c, historyPage(ctxOf(c), cfg(), app.prompts.history(200))));
  web.get('/admin/prompts/riwayat/:id{[0-9]+}', (c) => {
    const v = app.prompts.version(Number(c.req.param('id')));
    if (!v) return page(c, errorPage(ctxOf(c), 404, 'Versi tidak ada.'), 404);
    const msg = c.req.query('ok') ? { ok: true, text: c.req.query('ok')! } : c.req.query('error') ? { ok: false, text: c.req.query('error')! } : undefined;
    return page(c, versionPage(ctxOf(c), cfg(), v, v.hash === cfg().hash, msg));
  });
  web.post('/admin/prompts/riwayat/:id{[0-9]+}/rollback', (c) => {
    const id = Number(c.req.param('id'));
    const user = c.get('session').user.name;
    const r = app.prompts.rollback(id, `web:${user}`);
    if (!r.ok) return c.redirect(`/admin/prompts/riwayat/${id}?error=${encodeURIComponent(r.message)}`, 303);
    audit(user, 'prompts_rollback', null, `to version ${id}${r.version ? ` (new version ${r.version.id})` : ''}`);
    const target = r.version?.id ?? id;
    return c.redirect(`/admin/prompts/riwayat/${target}?ok=${encodeURIComponent(r.changed ? `Dikembalikan ke versi ${id}.` : 'Sudah sama dengan versi yang berjalan.')}`, 303);
  });

  const readEdit = async (c: Context) => {
    let body: { file?: unknown; text?: unknown; message?: unknown };
    try { body = await c.req.json(); } catch { return { error: 'expected a JSON body { file, text }' }; }
    if (typeof body.file !== 'string' || !PROMPT_FILE_NAMES.includes(body.file)) return { error: `file must be one of ${PROMPT_FILE_NAMES.join(', ')}` };
    if (typeof body.text !== 'string') return { error: 'text must be a string' };
    return { file: body.file, text: body.text, message: typeof body.message === 'string' ? body.message.slice(0, 2000) : '' };
  };

  web.post('/api/prompts/check', async (c) => {
    const e = await readEdit(c);
    if ('error' in e) return c.json({ ok: false, message: e.error, issues: [] }, 400);
    const r = app.prompts.check({ [e.file]: e.text });
    if (!r.ok) {
      const { formatIssues } = await import('../core/config/validate.js');
      return c.json({ ok: false, issues: r.issues, message: formatIssues(r.issues) });
    }
    return c.json({ ok: true, changed: r.config.hash !== cfg().hash, message: 'Konfigurasi valid.' });
  });

  web.post('/api/prompts/test', async (c) => {
    const e = await readEdit(c);
    if ('error' in e) return c.json({ ok: false, message: e.error, issues: [] }, 400);
    if (!e.message.trim()) return c.json({ ok: false, message: 'Tulis pesan untuk diuji.', issues: [] }, 400);
    const r = app.prompts.check({ [e.file]: e.text });
    if (!r.ok) {
      const { formatIssues } = await import('../core/config/validate.js');
      return c.json({ ok: false, issues: r.issues, message: formatIssues(r.issues) });
    }
    const classifier = r.config.hash === cfg().hash ? app.offline() : createOfflineClassifier({ config: r.config, areas: app.areas });
    const cls = classifier.classifySync(e.message);
    const category = cls.category ?? 'lainnya';
    const route = routeComplaint(r.config, {
      category, confidence: cls.confidence, text: e.message,
      kecamatan: cls.area?.kecamatan ?? null, kelurahan: cls.area?.kelurahan ?? null,
    });
    return c.json({
      ok: true,
      classification: {
        intent: cls.intent, category: cls.category, categoryLabel: cls.category ? (r.config.categories.find((x) => x.id === cls.category)?.label ?? cls.category) : null,
        confidence: cls.confidence, alternatives: cls.alternatives.slice(0, 3), location: cls.location, area: cls.area, normalized: cls.normalized, source: cls.source,
      },
      route: route.kind === 'reject' ? route : { ...route, agencyName: r.config.agencies.find((a) => a.code === route.agency)?.name ?? route.agency },
    });
  });

  web.post('/api/prompts/save', async (c) => {
    const e = await readEdit(c);
    if ('error' in e) return c.json({ ok: false, message: e.error, issues: [] }, 400);
    const user = c.get('session').user.name;
    const r = app.prompts.apply({ [e.file]: e.text }, `web:${user}`);
    if (!r.ok) return c.json({ ok: false, issues: r.issues, message: r.message }, 422);
    if (r.changed) audit(user, 'prompts_apply', null, `${e.file}${r.version ? ` → version ${r.version.id}` : ''}`);
    return c.json({ ok: true, changed: r.changed, version: r.version ? { id: r.version.id, hash: r.version.hash } : null,
      message: r.changed ? `Tersimpan sebagai versi ${r.version?.id ?? '?'}.` : 'Tidak ada perubahan.' });
  });

  web.post('/api/prompts/rollback/:id{[0-9]+}', (c) => {
    const id = Number(c.req.param('id'));
    const user = c.get('session').user.name;
    const r = app.prompts.rollback(id, `web:${user}`);
    if (!r.ok) return c.json({ ok: false, issues: r.issues, message: r.message }, 422);
    audit(user, 'prompts_rollback', null, `to version ${id}`);
    return c.json({ ok: true, changed: r.changed, version: r.version ? { id: r.version.id, hash: r.version.hash } : null });
  });
  web.get('/api/prompts/history', (c) => c.json(app.prompts.history(200)));
  web.get('/api/prompts/history/:id{[0-9]+}', (c) => {
    const v = app.prompts.version(Number(c.req.param('id')));
    return v ? c.json(v) : c.json({ error: 'no such version' }, 404);
  });

  // --- channels, WhatsApp login, outbox --------------------------------------------------------
  const problems = () => [...app.store.outbox.list({ status: 'failed', limit: 50 }), ...app.store.outbox.list({ status: 'uncertain', limit: 50 }), ...app.store.outbox.listWaiting(50)]
    .map((r) => ({ ...r, ticketNumber: r.ticketId ? (app.store.tickets.get(r.ticketId)?.number ?? null) : null }));
  const healthList = () => app.health();

  web.route('/admin/saluran', operationsRoutes(app, users));
  web.get('/admin/saluran', (c) => page(c, channelsPage(ctxOf(c), cfg(), healthList(), app.store.outbox.counts(), problems(), channelsOperations(app, ctxOf(c), c.req.query('ops')))));
  web.get('/admin/whatsapp-qr.png', async (c) => {
    const qr = healthList().find((h) => h.channel === 'whatsapp')?.details?.qr;
    if (typeof qr !== 'string' || !qr) return c.text('WhatsApp is linked or not enabled: no QR code to show', 404);
    const png = await QRCode.toBuffer(qr, { type: 'png', width: 280, margin: 2, errorCorrectionLevel: 'M' });
    return c.body(new Uint8Array(png), 200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
  });
  web.get('/api/health', (c) => c.json({
    channels: healthList().map((h) => ({ ...h, details: h.details ? { ...h.details, ...(h.details.qr ? { qr: true } : {}) } : undefined })),
    outbox: app.store.outbox.counts(),
    problems: problems().map((r) => ({ id: r.id, status: r.waitingReason ? 'waiting' : r.status, kind: r.target.kind, channel: r.target.kind === 'citizen' ? r.target.channel : 'desk',
      ticket: r.ticketNumber, attempts: r.attempts, lastError: r.lastError, delivery: r.delivery ?? null, createdAt: r.createdAt })),
  }));

  web.get('/admin/audit', (c) => page(c, auditPage(ctxOf(c), cfg(), users.auditLog({ limit: 500 }))));
  web.get('/api/audit', (c) => {
    const t = Number(c.req.query('ticket'));
    return c.json(users.auditLog({ ...(Number.isInteger(t) && t > 0 ? { ticketId: t } : {}), limit: 500 }));
  });
  web.get('/api/me', (c) => {
    const s = c.get('session');
    return c.json({ name: s.user.name, role: s.user.role });
  });

  return web;
}

/** Starts the command centre on PORT/HOST (or the given ones; port 0 picks a free port). */
export async function startWeb(app: App, opts: WebOptions = {}): Promise<WebServer> {
  const users = createWebUserRepo(app.store.db);
  const live = createLiveFeed(app.store.db, { intervalMs: opts.pollMs ?? 1000, onError: (err) => app.logger.error({ err }, 'live feed poll failed') });
  const streams = new Set<() => void>();
  const web = createWebApp(app, { users, live, streams });
  const host = opts.host ?? app.config.HOST;
  const port = opts.port ?? app.config.PORT;
  const server = await new Promise<Server>((resolveServer, reject) => {
    const s = serve({ fetch: web.fetch, port, hostname: host }, () => resolveServer(s as Server));
    (s as Server).once('error', reject);
  });
  const addr = server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  app.logger.info({ url }, 'command centre listening');
  let closed = false;
  return {
    url,
    async close() {
      if (closed) return;
      closed = true;
      live.close();
      for (const finish of [...streams]) finish();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    },
  };
}
