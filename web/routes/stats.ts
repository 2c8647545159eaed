/** The statistics page, its JSON and the CSV export (figures from web/stats.ts). */
import { Hono, type Context } from 'hono';
import { statsCsv, statsFor } from '../stats.js';
import { statsPage } from '../views/stats.js';
import type { Env, WebContext } from './context.js';

/** The period in days from ?days= (1..3650, default 30). */
export function daysOf(c: Context): number {
  const d = Number(c.req.query('days') ?? 30);
  return Number.isInteger(d) && d >= 1 && d <= 3650 ? d : 30;
}

/** /statistik, /api/stats, /api/stats.csv. */
export function statsRoutes(w: WebContext): Hono<Env> {
  const r = new Hono<Env>();
  const stats = async (days: number) => await statsFor(w.ports.board, w.app.store.tickets, w.cfg(), w.now(), { days });
  r.get('/statistik', async (c) => w.page(c, statsPage(w.pageCtx(c), w.cfg(), await stats(daysOf(c)), daysOf(c))));
  r.get('/api/stats', async (c) => c.json(await stats(daysOf(c))));
  r.get('/api/stats.csv', async (c) => c.body(statsCsv(await stats(daysOf(c))), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="suarawarga-statistik-${w.now().toISOString().slice(0, 10)}.csv"`,
  }));
  return r;
}
