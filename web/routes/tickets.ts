/**
 * One ticket: its page and JSON (identity only for admins, each view audited),
 * its photos, and the triage actions the web offers (forward, reassign).
 */
import { isAbsolute, resolve } from 'node:path';
import { Hono, type Context } from 'hono';
import { refusalText } from '../../core/tickets/refusals.js';
import { TICKET_ACTIONS } from '../../core/tickets/states.js';
import type { Ticket } from '../../core/tickets/types.js';
import { summarize } from '../board.js';
import { inside, sendFile } from '../files.js';
import { redactPhones } from '../html.js';
import { overdueHours } from '../sla-view.js';
import { errorPage } from '../views/layout.js';
import { ticketPage } from '../views/ticket.js';
import type { Env, WebContext } from './context.js';

/** Triage actions the web offers; the rest happen at the agency desk. */
const WEB_ACTIONS = ['teruskan', 'alihkan'] as const;
type WebAction = (typeof WEB_ACTIONS)[number];

/** /tiket/:id, /api/tickets/:id, /media/:ticket/:media and the action endpoints. */
export function ticketRoutes(w: WebContext): Hono<Env> {
  const r = new Hono<Env>();
  const { app } = w;

  async function ticketView(c: Context<Env>, id: number) {
    const t = await app.store.tickets.get(id);
    if (!t) return undefined;
    const s = c.get('session');
    const isAdmin = s.user.role === 'admin';
    const shown = (x: string | null) => (x === null ? null : isAdmin ? x : redactPhones(x));
    const reporter = isAdmin ? await app.store.citizens.get(t.citizenId) : undefined;
    if (reporter) await w.audit(s.user.name, 'view_identity', t.id, `${t.number} via ${c.req.path}`);
    return {
      ticket: t,
      description: shown(t.description)!,
      events: (await app.store.tickets.events(t.id)).map((e) => ({ ...e, noteShown: shown(e.note) })),
      media: await app.store.tickets.media(t.id),
      supporters: (await app.store.tickets.supporters(t.id)).length,
      ...(reporter ? { reporter } : {}),
    };
  }

  /** Why a ticket is in triage, and where the classifier would send it (best guesses first). */
  function triageHelp(t: Ticket): { suggestions: string[]; triageReason?: string; kelurahan: string[] } {
    const cfg = w.cfg();
    const cls = app.offline().classifySync(t.description);
    const cats = [t.category, cls.category, ...cls.alternatives.map((a) => a.category)].filter((x): x is string => !!x && x !== 'lainnya');
    const suggestions = [...new Set(cats.map((id) => cfg.categories.find((c) => c.id === id)?.default_agency).filter((x): x is string => !!x))].slice(0, 3);
    const threshold = cfg.city.triage_below_confidence;
    const reason = t.state !== 'baru' ? undefined
      : t.routeRule ? `aturan rute "${t.routeRule}" mengirimnya ke triase.`
        : t.category === 'lainnya' ? 'kategorinya "lainnya": tidak cocok dengan kategori mana pun.'
          : t.confidence < threshold ? `keyakinan klasifikasi ${Math.round(t.confidence * 100)}% di bawah batas ${Math.round(threshold * 100)}% (triage_below_confidence di prompts/city.yaml).`
            : 'dikirim ke triase oleh pusat komando.';
    return { suggestions, ...(reason ? { triageReason: reason } : {}), kelurahan: app.areas.kelurahan.map((k) => k.name) };
  }

  r.get('/tiket/:id{[0-9]+}', async (c) => {
    const v = await ticketView(c, Number(c.req.param('id')));
    if (!v) return w.page(c, errorPage(w.pageCtx(c), 404, 'Tiket tidak ada.'), 404);
    const flash = c.req.query('ok');
    const error = c.req.query('error');
    const extra = c.get('session').user.role === 'admin' ? triageHelp(v.ticket) : {};
    return w.page(c, ticketPage(w.pageCtx(c), w.cfg(), { ...v, ...extra, ...(flash ? { flash } : {}), ...(error ? { error } : {}) }, w.now(), overdueHours(w.cfg(), v.ticket, w.now())));
  });

  r.get('/api/tickets/:id{[0-9]+}', async (c) => {
    const v = await ticketView(c, Number(c.req.param('id')));
    if (!v) return c.json({ error: 'no such ticket' }, 404);
    const { ticket, reporter, ...rest } = v;
    const { citizenId: _c, ...publicTicket } = ticket;
    return c.json({
      ticket: { ...publicTicket, description: v.description, overdueHours: overdueHours(w.cfg(), ticket, w.now()) },
      events: rest.events.map(({ note: _n, noteShown, actor, ...e }) => ({ ...e, note: noteShown, actor: actor.type === 'citizen' ? { type: 'citizen' } : actor })),
      media: rest.media.map((m) => ({ id: m.id, kind: m.kind, source: m.source, addedAt: m.addedAt, url: `/media/${ticket.id}/${m.id}` })),
      supporters: rest.supporters,
      ...(reporter ? { reporter: { channel: reporter.channel, displayName: reporter.displayName, phone: reporter.phone, address: reporter.address } } : {}),
    });
  });

  r.get('/media/:ticket{[0-9]+}/:media{[0-9]+}', async (c) => {
    const m = (await app.store.tickets.media(Number(c.req.param('ticket')))).find((x) => x.id === Number(c.req.param('media')));
    if (!m) return c.text('not found', 404);
    const mediaDir = resolve(app.config.MEDIA_DIR);
    const path = isAbsolute(m.path) ? m.path : resolve(m.path);
    const alt = resolve(mediaDir, m.path);
    const file = inside(mediaDir, path) ? path : inside(mediaDir, alt) ? alt : undefined;
    if (!file) return c.text('not found', 404);
    return sendFile(c, mediaDir, file.slice(mediaDir.length + 1), 'private, max-age=3600');
  });

  async function act(c: Context<Env>, id: number, input: { action?: unknown; agency?: unknown; note?: unknown }) {
    const s = c.get('session');
    if (s.user.role !== 'admin') return { status: 403 as const, error: 'Hanya admin yang dapat mengubah tiket.' };
    const action = input.action as WebAction;
    if (!WEB_ACTIONS.includes(action) || !(action in TICKET_ACTIONS)) return { status: 400 as const, error: `Tindakan tidak dikenal; pilih salah satu: ${WEB_ACTIONS.join(', ')} (action must be one of ${WEB_ACTIONS.join(', ')})` };
    if (typeof input.agency !== 'string' || !input.agency) return { status: 400 as const, error: 'Pilih dinas tujuan dari daftar (agency is required).' };
    try {
      const t = await app.tickets.act(id, action, {
        actor: { type: 'admin', id: `web:${s.user.name}`, name: `Admin ${s.user.name}` },
        agency: input.agency,
        ...(typeof input.note === 'string' && input.note.trim() ? { note: input.note.slice(0, 1000) } : {}),
      });
      await w.audit(s.user.name, `ticket_${action}`, t.id, `${t.number} → ${t.agency}`);
      app.worker.kick();
      await w.live.poll();
      return { status: 200 as const, ticket: t };
    } catch (err) {
      const t = await app.store.tickets.get(id);
      const text = t ? refusalText(err, t, 'web') : 'Tiket tidak ada.';
      if (!text) throw err;
      return { status: 409 as const, error: text, detail: (err as Error).message };
    }
  }

  r.post('/api/tickets/:id{[0-9]+}/act', async (c) => {
    let body: Record<string, unknown>;
    try { body = await c.req.json(); } catch { return c.json({ error: 'expected a JSON body' }, 400); }
    const res = await act(c, Number(c.req.param('id')), body);
    if ('error' in res) return c.json({ error: res.error, ...('detail' in res ? { detail: res.detail } : {}) }, res.status);
    return c.json({ ticket: summarize(res.ticket, w.cfg(), w.now()) });
  });

  r.post('/tiket/:id{[0-9]+}/aksi', async (c) => {
    const id = Number(c.req.param('id'));
    const body = await c.req.parseBody();
    const res = await act(c, id, body);
    if (res.status === 403) return w.page(c, errorPage(w.pageCtx(c), 403, res.error!), 403);
    const q = 'error' in res ? `error=${encodeURIComponent(res.error!)}` : `ok=${encodeURIComponent(`Tiket ${res.ticket.number} ${body.action === 'teruskan' ? 'diteruskan' : 'dialihkan'} ke ${res.ticket.agency}.`)}`;
    return c.redirect(`/tiket/${id}?${q}`, 303);
  });
  return r;
}
