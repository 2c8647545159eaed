/**
 * The public accountability page /publik (no login): per agency received,
 * resolved, median hours to take and to resolve (working hours), share on
 * time, ratings; a monthly trend; recently resolved tickets with the closing
 * note redacted. Never confidential tickets or categories marked public: false,
 * never names or numbers. Built at most once a minute, so a traffic spike reads
 * a cached page instead of the database.
 */
import { Hono } from 'hono';
import { categoryLabel } from '../../core/config/texts.js';
import { computeStats, monthlyTrend, overdueIdsOf } from '../stats.js';
import { publicPage, type PublicView } from '../views/public.js';
import type { WebContext } from './context.js';

const CACHE_MS = 60_000;
const DAY = 86_400_000;

/** GET /publik and /api/publik. */
export function publicRoutes(w: WebContext): Hono {
  const r = new Hono();
  let cached: { at: number; hash: string; view: PublicView; html: string } | undefined;

  async function build(): Promise<PublicView> {
    const cfg = w.cfg();
    const now = w.now();
    const hidden = cfg.categories.filter((c) => !c.public).map((c) => c.id);
    const since = new Date(now.getTime() - 365 * DAY).toISOString();
    const tickets = (await w.ports.board.statTickets(since)).filter((t) => !hidden.includes(t.category));
    const stats = computeStats(tickets, await overdueIdsOf(w.app.store.tickets, cfg, now), cfg, now, { days: 365, weeks: 0 });
    return {
      cityName: cfg.city.name,
      generatedAt: now.toISOString(),
      total: stats.total,
      byAgency: stats.byAgency.filter((a) => a.received > 0),
      months: monthlyTrend(tickets, cfg, now, 12),
      resolved: (await w.ports.board.recentlyResolved(20, hidden)).map((t) => ({
        category: categoryLabel(cfg, t.category), agency: t.agency, kelurahan: t.kelurahan, kecamatan: t.kecamatan, resolvedAt: t.resolvedAt,
        note: t.closingNote ? w.ports.redact(t.closingNote).slice(0, 400) : null,
      })),
    };
  }

  async function current() {
    const hash = w.cfg().hash;
    const at = Date.now();
    if (!cached || at - cached.at > CACHE_MS || cached.hash !== hash) {
      const view = await build();
      cached = { at, hash, view, html: publicPage(w.cfg(), view).value };
    }
    return cached;
  }

  r.get('/publik', async (c) => c.html((await current()).html, 200, { 'cache-control': 'public, max-age=60' }));
  r.get('/api/publik', async (c) => c.json((await current()).view, 200, { 'cache-control': 'public, max-age=60' }));
  return r;
}
