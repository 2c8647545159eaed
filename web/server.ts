/**
 * The command centre: one HTTP server in the same process as the bots
 * (hono + @hono/node-server), composed from route modules under web/routes/
 * (docs/web.md). Pages are rendered on the server (web/views/); a little
 * vanilla JS adds live updates (server-sent events), the map and the editor.
 * Nothing is fetched from the internet unless MAP_TILE_URL points at a tile server.
 *
 * Access: routes mounted before requireSession are public; everything after
 * needs a session, changes need its CSRF token, admin paths an admin.
 */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { WebHost } from './host.js';
import { createLiveFeed, type LiveFeed } from './live.js';
import { adminOnly, requireSession } from './middleware/session.js';
import { bodyLimits } from './middleware/body-limit.js';
import { hsts } from './middleware/proxy.js';
import { securityHeaders } from './middleware/security.js';
import { open311Routes } from './open311.js';
import type { WebPorts } from './ports.js';
import { adminRoutes } from './routes/admin.js';
import { loginRoutes, sessionRoutes } from './routes/auth.js';
import { boardRoutes } from './routes/board.js';
import { correctionRoutes } from './routes/corrections.js';
import { createWebContext, isApi, type Env } from './routes/context.js';
import { promptRoutes } from './routes/prompts.js';
import { publicRoutes } from './routes/public.js';
import { staticRoutes } from './routes/static.js';
import { statsRoutes } from './routes/stats.js';
import { ticketRoutes } from './routes/tickets.js';
import { wallRoutes } from './routes/wall.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { operationsRoutes } from './routes/operations.js';
import { privacyRoutes } from './routes/privacy.js';
import { telegramWebhookRoutes } from './routes/telegram-webhook.js';
import { whatsappWebhookRoutes } from './routes/whatsapp-webhook.js';
import { errorPage } from './views/layout.js';

/** Where and how the server listens. */
export interface WebOptions {
  port?: number;
  host?: string;
  /** How often the live feed polls the database (ms). */
  pollMs?: number;
}

/** A running command centre. */
export interface WebServer {
  url: string;
  close(): Promise<void>;
}

/** Builds the Hono app: public routes, the session wall, then staff and admin routes. */
export function createWebApp(app: WebHost, deps: { ports: WebPorts; live: LiveFeed; streams: Set<() => void> }): Hono<Env> {
  const w = createWebContext(app, deps);
  const web = new Hono<Env>();
  web.onError((err, c) => {
    app.logger.error({ err, path: c.req.path }, 'web request failed');
    if (isApi(c)) return c.json({ error: 'Kesalahan server; lihat log server (internal error).' }, 500);
    return w.page(c, errorPage(undefined, 500, 'Kesalahan server; lihat log.'), 500);
  });
  web.notFound((c) => (isApi(c) ? c.json({ error: 'Tidak ada (not found).' }, 404) : w.page(c, errorPage(undefined, 404, 'Halaman tidak ada.'), 404)));
  web.use('*', bodyLimits());
  web.use('*', hsts(app.config.TRUST_PROXY));
  web.use('*', securityHeaders(w.tiles));

  // Public: no login.
  web.route('/', staticRoutes());
  web.route('/open311/v2', open311Routes(app));
  web.route('/webhooks/whatsapp', whatsappWebhookRoutes({ channels: app.channels, logger: app.logger }));
  web.route('/webhooks/telegram', telegramWebhookRoutes({ channels: app.channels, logger: app.logger }));
  web.route('/', healthRoutes(app));
  web.route('/', metricsRoutes(app));
  web.route('/', publicRoutes(w));
  web.route('/', loginRoutes(w));

  // Staff: a session for everything below, CSRF for changes.
  web.use('*', requireSession(w));
  for (const path of ['/admin/*', '/api/prompts/*', '/api/health', '/api/audit']) web.use(path, adminOnly(w));
  web.route('/', sessionRoutes(w));
  web.route('/', boardRoutes(w));
  web.route('/', ticketRoutes(w));
  web.route('/', correctionRoutes(w));
  web.route('/', statsRoutes(w));
  web.route('/', promptRoutes(w));
  web.route('/', wallRoutes(w));
  web.route('/', privacyRoutes(app, { users: deps.ports.users, live: deps.live }));
  web.route('/admin/saluran', operationsRoutes(app, deps.ports.users));
  web.route('/', adminRoutes(w));
  return web;
}

/** Starts the command centre on PORT/HOST (or the given ones; port 0 picks a free port). */
export async function startWeb(app: WebHost, opts: WebOptions = {}): Promise<WebServer> {
  const live = await createLiveFeed(app.web.events, { intervalMs: opts.pollMs ?? 1000, onError: (err) => app.logger.error({ err }, 'live feed poll failed') });
  const streams = new Set<() => void>();
  const web = createWebApp(app, { ports: app.web, live, streams });
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
