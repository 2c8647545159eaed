/** Channels (health, WhatsApp QR, outbox problems) and the audit log; admins only. */
import { Hono } from 'hono';
import { auditPage, channelsPage } from '../views/admin.js';
import { channelsOperations } from './channels-operations.js';
import type { Env, WebContext } from './context.js';

/** /admin/saluran, /admin/whatsapp-qr.png, /api/health, /admin/audit, /api/audit. */
export function adminRoutes(w: WebContext): Hono<Env> {
  const r = new Hono<Env>();
  const { app } = w;
  const problems = async () => {
    const rows = [...(await app.store.outbox.list({ status: 'failed', limit: 50 })), ...(await app.store.outbox.list({ status: 'uncertain', limit: 50 })), ...(await app.store.outbox.listWaiting(50))];
    return Promise.all(rows.map(async (row) => ({ ...row, ticketNumber: row.ticketId ? ((await app.store.tickets.get(row.ticketId))?.number ?? null) : null })));
  };

  r.get('/admin/saluran', async (c) => w.page(c, channelsPage(w.pageCtx(c), w.cfg(), app.health(), await app.store.outbox.counts(), await problems(), await channelsOperations(app, w.pageCtx(c), c.req.query('ops')))));
  r.get('/admin/whatsapp-qr.png', async (c) => {
    const qr = app.health().find((h) => h.channel === 'whatsapp')?.details?.qr;
    if (typeof qr !== 'string' || !qr) return c.text('Tidak ada kode QR: WhatsApp sudah tertaut atau tidak aktif (no QR code to show).', 404);
    // Only while pairing the WhatsApp pilot: loaded then, not with every command centre.
    const { default: QRCode } = await import('qrcode');
    const png = await QRCode.toBuffer(qr, { type: 'png', width: 280, margin: 2, errorCorrectionLevel: 'M' });
    return c.body(new Uint8Array(png), 200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
  });
  r.get('/api/health', async (c) => c.json({
    channels: app.health().map((h) => ({ ...h, details: h.details ? { ...h.details, ...(h.details.qr ? { qr: true } : {}) } : undefined })),
    outbox: await app.store.outbox.counts(),
    problems: (await problems()).map((row) => ({ id: row.id, status: row.waitingReason ? 'waiting' : row.status, kind: row.target.kind, channel: row.target.kind === 'citizen' ? row.target.channel : 'desk',
      ticket: row.ticketNumber, attempts: row.attempts, lastError: row.lastError, delivery: row.delivery ?? null, createdAt: row.createdAt })),
  }));

  r.get('/admin/audit', async (c) => w.page(c, auditPage(w.pageCtx(c), w.cfg(), await w.ports.users.auditLog({ limit: 500 }))));
  r.get('/api/audit', async (c) => {
    const t = Number(c.req.query('ticket'));
    return c.json(await w.ports.users.auditLog({ ...(Number.isInteger(t) && t > 0 ? { ticketId: t } : {}), limit: 500 }));
  });
  return r;
}
