/**
 * What every route module of the command centre shares: the app, the web
 * ports, the live feed, sessions, and small helpers to render a page and
 * write the audit log. Built once per server by createWebContext.
 */
import type { Context } from 'hono';
import type { WebHost } from '../host.js';
import type { PromptConfig } from '../../core/config/schema.js';
import { createLoginThrottle, createSessions, type Sessions } from '../auth.js';
import { kecamatanOptions } from '../board.js';
import type { Html } from '../html.js';
import type { LiveFeed } from '../live.js';
import type { WebPorts, WebSession } from '../ports.js';
import type { PageCtx } from '../views/layout.js';

/** Hono's variables: the session, set by the session middleware on every staff route. */
export type Env = { Variables: { session: WebSession } };

/** Status codes pages are rendered with. */
export type PageStatus = 200 | 400 | 403 | 404 | 409 | 422 | 500;

/** The shared state and helpers handed to each route module. */
export interface WebContext {
  app: WebHost;
  ports: WebPorts;
  live: LiveFeed;
  /** Open SSE streams, each with the function that ends it (closed on shutdown). */
  streams: Set<() => void>;
  sessions: Sessions;
  throttle: ReturnType<typeof createLoginThrottle>;
  /** MAP_TILE_URL, trimmed ('' for none). */
  tiles: string;
  cfg(): PromptConfig;
  now(): Date;
  audit(user: string | null, action: string, ticketId: number | null, detail: string | null): Promise<void>;
  page(c: Context, h: Html, status?: PageStatus): Response;
  /** The page frame's data for the logged-in user. */
  pageCtx(c: Context<Env>): PageCtx;
  /** Kecamatan names for filters: the city's list plus names tickets used. */
  kecamatan(): Promise<string[]>;
}

/** Builds the context for one server. */
export function createWebContext(app: WebHost, deps: { ports: WebPorts; live: LiveFeed; streams: Set<() => void> }): WebContext {
  const { ports } = deps;
  const cfg = () => app.prompts.current();
  const now = () => app.clock.now();
  return {
    app, ...deps,
    // Sessions run on the wall clock, not the app clock: a test or replay clock must not keep a login alive.
    sessions: createSessions(ports.users, () => new Date()),
    throttle: createLoginThrottle(ports.loginThrottle),
    tiles: app.config.MAP_TILE_URL.trim(),
    cfg, now,
    audit: async (user, action, ticketId, detail) => await ports.users.audit({ at: now().toISOString(), userName: user, action, ticketId, detail }),
    page: (c, h, status = 200) => c.html(h.value, status),
    pageCtx(c) {
      const s = c.get('session');
      return { user: s.user, csrf: s.csrf, cityName: cfg().city.name };
    },
    kecamatan: async () => await kecamatanOptions(ports.board, app.areas.kecamatan.map((k) => k.name)),
  };
}

/** Whether a request wants JSON answers (the API) rather than pages. */
export const isApi = (c: Context): boolean => c.req.path.startsWith('/api/');
