/**
 * Admin actions on undelivered outbox rows of one channel, from the channels
 * page: resend the failed/uncertain ones once the channel is on, or dismiss
 * rows nobody will deliver. Mounted behind the session, CSRF and admin checks;
 * every action is written to the audit log.
 */
import { Hono } from 'hono';
import type { WebHost } from '../host.js';
import type { WebSession, WebUserRepo } from '../ports.js';

type Env = { Variables: { session: WebSession } };

export function operationsRoutes(app: WebHost, users: WebUserRepo): Hono<Env> {
  const r = new Hono<Env>();
  const back = (text: string) => `/admin/saluran?ops=${encodeURIComponent(text)}`;
  const audit = async (user: string, action: string, detail: string) =>
    await users.audit({ at: app.clock.now().toISOString(), userName: user, action, ticketId: null, detail });

  r.post('/antrean/:action{kirim-ulang|abaikan}', async (c) => {
    const user = c.get('session').user.name;
    const body = await c.req.parseBody();
    const channel = typeof body.channel === 'string' ? body.channel : '';
    const ops = app.operations();
    const row = (await ops.backlog()).find((b) => b.channel === channel);
    if (!row) return c.redirect(back('Tidak ada pesan tertunda untuk saluran itu.'), 303);
    if (c.req.param('action') === 'kirim-ulang') {
      try {
        const n = await ops.resend(channel, `web:${user}`);
        await audit(user, 'outbox_resend', `${channel}: ${n}`);
        return c.redirect(back(`${n} pesan ${row.name} dikirim ulang.`), 303);
      } catch (err) {
        return c.redirect(back((err as Error).message), 303);
      }
    }
    const which = body.which === 'problems' ? 'problems' : 'waiting';
    const n = await ops.dismiss(channel, which, `web:${user}`);
    await audit(user, 'outbox_dismiss', `${channel} ${which}: ${n}`);
    return c.redirect(back(`${n} pesan ${row.name} diabaikan (tidak akan dikirim).`), 303);
  });
  return r;
}
