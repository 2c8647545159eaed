/**
 * The wall screen /layar for the command-centre TV (login required): counters
 * per agency, the newest tickets with agency and age, emergencies first, and
 * the map; refreshed from /api/layar whenever the live feed reports a change.
 */
import { Hono } from 'hono';
import { agencyName } from '../../core/config/texts.js';
import { listBoard } from '../board.js';
import { overdueIdsOf, todayByAgency } from '../stats.js';
import { wallPage } from '../views/wall.js';
import type { Env, WebContext } from './context.js';

/** GET /layar and /api/layar. */
export function wallRoutes(w: WebContext): Hono<Env> {
  const r = new Hono<Env>();
  r.get('/layar', (c) => w.page(c, wallPage(w.pageCtx(c), w.tiles)));
  r.get('/api/layar', async (c) => {
    const cfg = w.cfg();
    const now = w.now();
    const since = new Date(now.getTime() - 2 * 86_400_000).toISOString();
    const counters = todayByAgency(await w.ports.board.statTickets(since), await overdueIdsOf(w.app.store.tickets, cfg, now), cfg, now)
      .filter((a) => a.open || a.resolvedToday).map((a) => ({ ...a, name: agencyName(cfg, a.agency) }));
    const open = await listBoard(w.app.store.tickets, { state: 'open' }, cfg, now);
    const newest = [...open].sort((a, b) => Number(b.emergency) - Number(a.emergency) || b.createdAt.localeCompare(a.createdAt)).slice(0, 40)
      .map((t) => ({
        id: t.id, number: t.number, agency: t.agency, category: t.categoryLabel, kelurahan: t.kelurahan, kecamatan: t.kecamatan,
        emergency: t.emergency, overdue: t.overdue, ageMinutes: Math.max(0, Math.round((now.getTime() - Date.parse(t.createdAt)) / 60_000)),
      }));
    return c.json({ at: now.toISOString(), counters, newest, emergencies: open.filter((t) => t.emergency).length });
  });
  return r;
}
