/**
 * The command centre's "Warga" page: admins block and unblock a sender and
 * export one citizen's data; each action lands in the audit log; viewers may not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, fileTicket, startHarness, type WebHarness } from '../web/support.js';

let h: WebHarness;
let admin: Client;
let viewer: Client;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.login('admin');
  viewer = await h.login('viewer');
});
afterAll(async () => h.close());

/** The newest audit entry, read through the command centre's port. */
const lastAudit = async () => {
  const e = (await h.app.web.users.auditLog({ limit: 1 }))[0];
  return e ? { action: e.action, user: e.userName, detail: e.detail } : undefined;
};

describe('blocking a sender from the command centre', () => {
  it('an admin blocks the sender of a ticket, the sender is answered once, then unblocks; both are audited', async () => {
    const t = await fileTicket(h.app, { phone: '6285233334444' });
    const res = await admin.form('/admin/warga/blokir', { tiket: t.number, alasan: 'laporan palsu berulang' });
    expect(res.status).toBe(303);
    expect(decodeURIComponent(res.headers.get('location')!)).toContain('diblokir');
    const page = await (await admin.get('/admin/warga')).text();
    expect(page).toContain('6285233334444@c.us');
    expect(await lastAudit()).toMatchObject({ action: 'sender_block', user: 'admin' });

    expect((await h.t.say('6285233334444@c.us', 'jalan rusak')).join('\n')).toContain('tidak kami proses');
    expect(await h.t.say('6285233334444@c.us', 'jalan rusak lagi')).toEqual([]);

    expect((await admin.form('/admin/warga/buka-blokir', { channel: 'memory', address: '6285233334444@c.us' })).status).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: 'sender_unblock', user: 'admin' });
    expect(await h.app.store.privacy.blocked('memory', '6285233334444@c.us')).toBeUndefined();
  });

  it('a viewer cannot block, export or even open the page', async () => {
    const t = await fileTicket(h.app);
    expect((await viewer.get('/admin/warga')).status).toBe(403);
    expect((await viewer.form('/admin/warga/blokir', { tiket: t.number, alasan: 'x' })).status).toBe(403);
    expect((await viewer.get(`/admin/warga/ekspor?tiket=${t.number}`)).status).toBe(403);
    expect((await h.app.store.privacy.listBlocked()).some((b) => b.address.includes(t.number))).toBe(false);
  });

  it('an admin downloads one citizen\'s data as JSON, and the export is audited', async () => {
    const t = await fileTicket(h.app, { description: 'lampu mati di gang mawar' });
    const res = await admin.get(`/admin/warga/ekspor?tiket=${t.number}`);
    expect(res.headers.get('content-disposition')).toContain(`data-warga-${t.number}.json`);
    const data = await res.json() as { tickets: { number: string }[] };
    expect(data.tickets.map((x) => x.number)).toContain(t.number);
    expect(await lastAudit()).toMatchObject({ action: 'citizen_export', user: 'admin' });
  });
});
