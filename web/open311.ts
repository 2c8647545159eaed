/**
 * Open311 GeoReport v2 read endpoints (services, requests, one request) so
 * other city systems can read tickets. Never any citizen identity; what is
 * published at all is decided by core/privacy/publish.ts (rahasia tickets and
 * private categories are left out, texts are redacted or omitted).
 * http://wiki.open311.org/GeoReport_v2/
 */
import { Hono } from 'hono';
import type { WebHost } from './host.js';
import { agencyName, categoryLabel } from '../core/config/texts.js';
import { OPEN_STATES, type Ticket } from '../core/tickets/types.js';
import { isPublishable, publicAddress, publicDescription } from '../core/privacy/publish.js';
import { slaDeadlines } from '../core/sla/checker.js';

const STATUS_NOTES: Record<Ticket['state'], string> = {
  baru: 'Diterima, menunggu triase', diteruskan: 'Diteruskan ke dinas', diproses: 'Sedang ditangani', selesai: 'Selesai, menunggu konfirmasi warga',
  ditutup: 'Ditutup', ditolak: 'Ditolak', dibatalkan: 'Dibatalkan oleh pelapor',
};

/** The public view of one ticket. */
export function toOpen311(app: WebHost, t: Ticket): Record<string, unknown> {
  const cfg = app.prompts.current();
  const address = publicAddress(t);
  const open = OPEN_STATES.includes(t.state);
  const d = slaDeadlines(t, cfg, app.clock.now());
  const expected = d.resolveBy ?? d.takeBy;
  return {
    service_request_id: t.number,
    status: open ? 'open' : 'closed',
    status_notes: STATUS_NOTES[t.state],
    service_name: categoryLabel(cfg, t.category),
    service_code: t.category,
    description: publicDescription(t, cfg),
    agency_responsible: agencyName(cfg, t.agency),
    service_notice: null,
    requested_datetime: t.createdAt,
    updated_datetime: t.updatedAt,
    expected_datetime: expected,
    address,
    address_id: null,
    zipcode: null,
    lat: t.latitude,
    long: t.longitude,
    media_url: null,
  };
}

const err = (code: number, description: string) => [{ code, description }];

export function open311Routes(app: WebHost): Hono {
  const r = new Hono();
  r.use('*', async (c, next) => {
    await next();
    c.header('Access-Control-Allow-Origin', '*');
  });

  r.get('/services.json', (c) => {
    const cfg = app.prompts.current();
    return c.json(cfg.categories.map((cat) => ({
      service_code: cat.id,
      service_name: cat.label,
      description: cat.description,
      metadata: false,
      type: 'realtime',
      keywords: Object.keys(cat.keywords).slice(0, 12).join(','),
      group: agencyName(cfg, cat.default_agency),
    })));
  });

  r.get('/requests.json', async (c) => {
    const q = c.req.query();
    const now = app.clock.now();
    if (q.service_request_id) {
      const found = await Promise.all(q.service_request_id.split(',').slice(0, 100).map((n) => app.store.tickets.getByNumber(n.trim())));
      const out = found
        .filter((t): t is Ticket => !!t && isPublishable(t, app.prompts.current())).map((t) => toOpen311(app, t));
      return c.json(out);
    }
    const parseDate = (s: string | undefined) => (s && !Number.isNaN(Date.parse(s)) ? new Date(s).toISOString() : undefined);
    const start = parseDate(q.start_date);
    const end = parseDate(q.end_date);
    if ((q.start_date && !start) || (q.end_date && !end)) return c.json(err(400, 'start_date and end_date must be ISO 8601 dates'), 400);
    if (q.status && q.status !== 'open' && q.status !== 'closed') return c.json(err(400, 'status must be open or closed'), 400);
    const since = start ?? new Date((end ? Date.parse(end) : now.getTime()) - 90 * 86_400_000).toISOString();
    const tickets = await app.store.tickets.list({
      since,
      ...(end ? { until: end } : {}),
      ...(q.service_code ? { category: q.service_code } : {}),
      ...(q.status === 'open' ? { states: OPEN_STATES } : q.status === 'closed' ? { states: ['ditutup', 'ditolak', 'dibatalkan'] } : {}),
      limit: 1000,
    });
    return c.json(tickets.filter((t) => isPublishable(t, app.prompts.current())).map((t) => toOpen311(app, t)));
  });

  r.get('/requests/:id{[^/]+\\.json}', async (c) => {
    const id = c.req.param('id').replace(/\.json$/, '');
    const t = await app.store.tickets.getByNumber(id);
    if (!t || !isPublishable(t, app.prompts.current())) return c.json(err(404, `no request ${id}`), 404);
    return c.json([toOpen311(app, t)]);
  });

  r.all('*', (c) => c.json(err(404, 'not found; this server offers services.json, requests.json and requests/{id}.json (read only)'), 404));
  return r;
}
