/**
 * Command-centre routes for citizens' data and abuse: block and unblock a
 * sender, export one citizen's data, erase it on a written request. Mounted
 * by web/server.ts under its session, CSRF and admin checks; every action is
 * written to the audit log.
 */
import { Hono, type Context } from 'hono';
import type { WebHost } from '../host.js';
import type { Citizen } from '../../core/ports.js';
import { eraseCitizenData } from '../../core/privacy/erase.js';
import type { LiveFeed } from '../live.js';
import type { WebSession, WebUserRepo } from '../ports.js';
import { citizensPage } from '../views/privacy.js';

type Env = { Variables: { session: WebSession } };

export function privacyRoutes(app: WebHost, deps: { users: WebUserRepo; live: LiveFeed }): Hono<Env> {
  const r = new Hono<Env>();
  const cfg = () => app.prompts.current();
  const now = () => app.clock.now().toISOString();
  const audit = async (c: Context<Env>, action: string, ticketId: number | null, detail: string) =>
    await deps.users.audit({ at: now(), userName: c.get('session').user.name, action, ticketId, detail });
  const ctxOf = (c: Context<Env>) => ({ user: c.get('session').user, csrf: c.get('session').csrf, cityName: cfg().city.name });
  const back = (c: Context, ok: boolean, text: string) => c.redirect(`/admin/warga?${ok ? 'ok' : 'error'}=${encodeURIComponent(text)}`, 303);
  const field = (v: unknown, max = 300) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

  /** The reporter of a ticket number, or why there is none. */
  async function reporterOf(number: string): Promise<{ citizen: Citizen; ticketId: number } | string> {
    const t = await app.store.tickets.getByNumber(number.toUpperCase());
    if (!t) return `Tiket ${number} tidak ada.`;
    const citizen = await app.store.citizens.get(t.citizenId);
    return citizen ? { citizen, ticketId: t.id } : `Pelapor tiket ${number} tidak ditemukan.`;
  }

  r.get('/admin/warga', async (c) => {
    const ok = c.req.query('ok');
    const error = c.req.query('error');
    const msg = ok ? { ok: true, text: ok } : error ? { ok: false, text: error } : undefined;
    return c.html(citizensPage(ctxOf(c), cfg(), await app.store.privacy.listBlocked(), msg).value);
  });

  r.post('/admin/warga/blokir', async (c) => {
    const body = await c.req.parseBody();
    const reason = field(body.alasan);
    if (!reason) return back(c, false, 'Tulis alasan pemblokiran.');
    let channel = field(body.channel, 40);
    let address = field(body.address, 200);
    let ticketId: number | null = null;
    const number = field(body.tiket, 40);
    if (number) {
      const found = await reporterOf(number);
      if (typeof found === 'string') return back(c, false, found);
      ({ channel, address } = found.citizen);
      ticketId = found.ticketId;
    }
    if (!channel || !address) return back(c, false, 'Isi nomor tiket, atau saluran dan alamat pengirim.');
    if (address.startsWith('erased:')) return back(c, false, 'Data pelapor ini sudah dihapus; tidak ada pengirim untuk diblokir.');
    await app.store.privacy.block({ channel, address, blockedBy: c.get('session').user.name, reason, blockedAt: now() });
    await audit(c, 'sender_block', ticketId, `${channel}:${address} — ${reason}`);
    return back(c, true, `Pengirim ${address} (${channel}) diblokir.`);
  });

  r.post('/admin/warga/buka-blokir', async (c) => {
    const body = await c.req.parseBody();
    const channel = field(body.channel, 40);
    const address = field(body.address, 200);
    if (!(await app.store.privacy.unblock(channel, address))) return back(c, false, `Pengirim ${address} (${channel}) tidak sedang diblokir.`);
    await audit(c, 'sender_unblock', null, `${channel}:${address}`);
    return back(c, true, `Blokir ${address} (${channel}) dibuka.`);
  });

  r.get('/admin/warga/ekspor', async (c) => {
    const number = field(c.req.query('tiket'), 40);
    const found = await reporterOf(number);
    if (typeof found === 'string') return back(c, false, found);
    const data = await app.store.privacy.exportCitizen(found.citizen.id);
    await audit(c, 'citizen_export', found.ticketId, `pelapor ${number.toUpperCase()}`);
    return c.body(JSON.stringify({ exportedAt: now(), ...data }, null, 2), 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="data-warga-${number.toUpperCase()}.json"`,
    });
  });

  r.post('/admin/warga/hapus', async (c) => {
    const body = await c.req.parseBody();
    if (field(body.konfirmasi) !== 'HAPUS') return back(c, false, 'Ketik HAPUS untuk memastikan penghapusan.');
    const number = field(body.tiket, 40);
    const found = await reporterOf(number);
    if (typeof found === 'string') return back(c, false, found);
    const result = await eraseCitizenData(app.store, app.store.privacy, found.citizen.id, now());
    app.worker.kick();
    app.removeMedia(result.files);
    await audit(c, 'citizen_erase', found.ticketId, `pelapor ${number.toUpperCase()}: ${result.tickets} tiket, ${result.messages} pesan, ${result.files.length} foto`);
    await deps.live.poll();
    return back(c, true, `Data pelapor ${number.toUpperCase()} dihapus (${result.tickets} tiket, ${result.messages} pesan, ${result.files.length} foto).`);
  });

  return r;
}
