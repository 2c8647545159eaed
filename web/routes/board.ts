/** The board, its JSON twin, the live stream (server-sent events) and the map. */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { approximatePosition, learnAreaPositions } from '../area-positions.js';
import { filterQuery, listBoard, parseFilter, summarize } from '../board.js';
import { boardPage, ticketRows } from '../views/board.js';
import { mapPage } from '../views/map.js';
import type { Env, WebContext } from './context.js';

/** /, /api/tickets, /api/stream, /peta, /api/map. */
export function boardRoutes(w: WebContext): Hono<Env> {
  const r = new Hono<Env>();
  const { app } = w;
  const rowsFor = async (q: Record<string, string>) => {
    const f = parseFilter(q);
    return { f, rows: await listBoard(app.store.tickets, f, w.cfg(), w.now()) };
  };

  r.get('/', async (c) => {
    const { f, rows } = await rowsFor(c.req.query());
    return w.page(c, boardPage(w.pageCtx(c), w.cfg(), f, rows, await w.ports.board.openCounts(), await w.kecamatan()));
  });

  r.get('/api/tickets', async (c) => {
    const { f, rows } = await rowsFor(c.req.query());
    const counts = await w.ports.board.openCounts();
    if (c.req.query('format') === 'rows') return c.json({ count: rows.length, html: ticketRows(rows, w.cfg()).value, counts });
    return c.json({ filter: f, query: filterQuery(f), tickets: rows, counts });
  });

  r.get('/api/stream', (c) => streamSSE(c, async (stream) => {
    let finish!: () => void;
    const finished = new Promise<void>((res) => { finish = res; });
    w.streams.add(finish);
    const unsubscribe = await w.live.subscribe(async (change) => {
      const found = await Promise.all(change.ticketIds.map((id) => app.store.tickets.get(id)));
      const tickets = found.filter((t) => !!t).map((t) => summarize(t, w.cfg(), w.now()));
      void stream.writeSSE({ event: 'tickets', id: String(change.cursor), data: JSON.stringify({ ticketIds: change.ticketIds, tickets }) })
        .catch(() => finish());
    });
    const ping = setInterval(() => void stream.write(': ping\n\n').catch(() => finish()), 15_000);
    stream.onAbort(() => finish());
    await stream.writeSSE({ event: 'hello', data: JSON.stringify({ at: w.now().toISOString() }) });
    await finished;
    clearInterval(ping);
    unsubscribe();
    w.streams.delete(finish);
  }));

  r.get('/peta', async (c) => {
    const f = parseFilter(c.req.query());
    const focus = Number(c.req.query('focus'));
    return w.page(c, mapPage(w.pageCtx(c), w.cfg(), f, await w.kecamatan(), w.tiles, Number.isInteger(focus) && focus > 0 ? focus : undefined));
  });
  r.get('/api/map', async (c) => {
    const { rows } = await rowsFor(c.req.query());
    const positions = learnAreaPositions(await w.ports.board.areaPins(), w.ports.areaPositions());
    const points = rows.flatMap((t) => {
      const exact = t.latitude !== null && t.longitude !== null ? { lat: t.latitude, lng: t.longitude } : undefined;
      const near = exact ? undefined : approximatePosition(positions, t.kelurahan, t.kecamatan);
      const at = exact ?? near;
      if (!at) return [];
      return [{
        id: t.id, number: t.number, lat: at.lat, lng: at.lng, approximate: near ? near.level : null, area: t.kelurahan ?? t.kecamatan,
        state: t.state, agency: t.agency, category: t.categoryLabel, overdue: t.overdue, description: t.description.slice(0, 120),
      }];
    });
    const areas = [...positions.kelurahan].map(([name, p]) => ({ name, lat: p.lat, lng: p.lng }));
    return c.json({ tiles: w.tiles, points, areas, unplaced: rows.length - points.length });
  });
  return r;
}
