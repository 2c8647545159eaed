/**
 * Corrections from the ticket page (admins): category, agency and place
 * (a kelurahan from the city's list, or a pin as latitude/longitude), each
 * with a reason; applied by the core's correction use case.
 */
import { Hono } from 'hono';
import { createCorrections, CorrectionError, type Correction } from '../../core/tickets/corrections.js';
import { errorPage } from '../views/layout.js';
import type { Env, WebContext } from './context.js';

/** Reads the form: empty fields mean "leave as is"; "-" clears the place. */
export function readCorrection(body: Record<string, unknown>, kelurahanList: { name: string; kecamatan: string }[]): Correction | string {
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
  const c: Correction = {};
  if (str('category')) c.category = str('category');
  if (str('agency')) c.agency = str('agency');
  if (str('kelurahan')) {
    const k = kelurahanList.find((x) => x.name.toLowerCase() === str('kelurahan').toLowerCase());
    if (!k) return `Kelurahan "${str('kelurahan')}" tidak ada di daftar kota; pilih dari daftar.`;
    c.kelurahan = k.name;
    c.kecamatan = k.kecamatan;
  }
  if (str('latitude') || str('longitude')) {
    const lat = Number(str('latitude').replace(',', '.'));
    const lng = Number(str('longitude').replace(',', '.'));
    if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
      return 'Koordinat tidak valid: isi lintang dan bujur sebagai angka, misalnya -8.4561 dan 118.7263.';
    }
    c.latitude = lat;
    c.longitude = lng;
  }
  return c;
}

/** POST /tiket/:id/koreksi. */
export function correctionRoutes(w: WebContext): Hono<Env> {
  const r = new Hono<Env>();
  const corrections = createCorrections({ store: w.app.store, config: w.cfg, clock: w.app.clock });
  const kelurahan = () => {
    const kec = new Map(w.app.areas.kecamatan.map((k) => [k.code, k.name]));
    return w.app.areas.kelurahan.map((k) => ({ name: k.name, kecamatan: kec.get(k.kecamatanCode) ?? '' }));
  };
  r.post('/tiket/:id{[0-9]+}/koreksi', async (c) => {
    const id = Number(c.req.param('id'));
    const s = c.get('session');
    if (s.user.role !== 'admin') return w.page(c, errorPage(w.pageCtx(c), 403, 'Hanya admin yang dapat mengoreksi tiket.'), 403);
    const body = await c.req.parseBody();
    const change = readCorrection(body, kelurahan());
    const back = (q: string) => c.redirect(`/tiket/${id}?${q}`, 303);
    if (typeof change === 'string') return back(`error=${encodeURIComponent(change)}`);
    try {
      const before = await w.app.store.tickets.get(id);
      const t = await corrections.correct(id, change, { type: 'admin', id: `web:${s.user.name}`, name: `Admin ${s.user.name}` }, typeof body.reason === 'string' ? body.reason.slice(0, 1000) : '');
      await w.audit(s.user.name, 'ticket_koreksi', t.id, `${t.number}: ${before?.category}/${before?.agency} → ${t.category}/${t.agency}`);
      w.app.worker.kick();
      await w.live.poll();
      return back(`ok=${encodeURIComponent(`Tiket ${t.number} dikoreksi${before && before.agency !== t.agency ? `; warga diberi tahu bahwa laporannya kini di ${t.agency}` : ''}.`)}`);
    } catch (err) {
      if (err instanceof CorrectionError) return back(`error=${encodeURIComponent(err.message)}`);
      throw err;
    }
  });
  return r;
}
