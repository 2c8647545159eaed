import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TransientSendError, type OutboundMessage } from '../../core/ports.js';
import { createTestApp, type TestApp, sqliteDb } from '../support/app.js';
import { FakeDesk, fileTicket, SilentlyFailingChannel, STAFF } from './support.js';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const MIN = 60_000;
const outbox = () => t.app.store.outbox;
const db = () => sqliteDb(t.app.store);

/** Every citizen row ever enqueued, by id, with its status and text. */
async function citizenRows(): Promise<{ id: number; to: string; text: string; status: string }[]> {
  return (await outbox().list({ limit: 100_000 })).flatMap((r) => (r.target.kind === 'citizen'
    ? [{ id: r.id, to: r.target.message.to, text: r.target.message.text, status: r.status }] : []));
}

/** Nothing lost, nothing doubled, per-recipient order kept: what the channel got is exactly the sent rows, in id order per recipient. */
async function expectExactlyOnceInOrder(sent: OutboundMessage[]): Promise<void> {
  const rows = await citizenRows();
  for (const to of new Set(rows.map((r) => r.to))) {
    const expected = rows.filter((r) => r.to === to && r.status === 'sent').map((r) => r.text);
    expect(sent.filter((m) => m.to === to).map((m) => m.text), to).toEqual(expected);
  }
  expect(rows.filter((r) => r.status === 'pending' || r.status === 'sending')).toEqual([]);
}

/** Three citizens, each with a ticket that moves through a few states: 3 updates each, queued. */
async function burstOfUpdates(n = 3): Promise<void> {
  for (let i = 1; i <= n; i++) {
    const tk = await fileTicket(t, `warga-${i}`, 'sampah');
    await t.app.tickets.act(tk.id, 'ambil', { actor: STAFF });
    await t.app.tickets.act(tk.id, 'proses', { actor: STAFF, note: `Truk dijadwalkan (${i})` });
    await t.app.tickets.staffReply(tk.id, STAFF, `Mohon sabar ya (${i})`);
  }
}

describe('outbox delivery', () => {
  it('a crash between send and mark: the row is uncertain after restart and never sent twice', async () => {
    await burstOfUpdates(1);
    const [row] = await outbox().claimDue(t.clock.now().toISOString(), 1, ['memory']);
    expect(row?.status).toBe('sending');
    await t.channel.send(row!.target.kind === 'citizen' ? row!.target.message : { to: '?', text: '?' });
    // The process dies here, before markSent.
    await t.restart();
    await t.app.worker.drain();

    expect(await outbox().get(row!.id)).toMatchObject({ status: 'uncertain', attempts: 1 });
    expect((await outbox().get(row!.id))?.lastError).toMatch(/not resent/);
    expect(t.channel.sent.filter((m) => m.text === (row!.target as { message: OutboundMessage }).message.text)).toHaveLength(1);
    // The recipient's later updates were not held up behind it.
    expect(t.inbox('warga-1')).toHaveLength(3);
    expect((await citizenRows()).map((r) => r.status)).toEqual(['uncertain', 'sent', 'sent']);
  });

  it('a channel down for a simulated hour queues everything; it all arrives in order when it returns, nothing doubled', async () => {
    t.channel.down = true;
    await burstOfUpdates(3);
    for (let m = 0; m < 60; m++) {
      await t.app.worker.runOnce();
      t.clock.advance(MIN);
    }
    expect(t.channel.sent).toHaveLength(0);
    // The worker saw the channel was down and spent no attempts: nothing can run out of retries.
    expect(await Promise.all((await citizenRows()).map(async (r) => (await outbox().get(r.id))!.attempts))).toEqual((await citizenRows()).map(() => 0));
    t.channel.down = false;
    await t.app.worker.drain();
    expect(t.channel.sent).toHaveLength(9);
    await expectExactlyOnceInOrder(t.channel.sent);
    expect(t.inbox('warga-2')).toEqual([
      'Kabar baik, laporan *BM-0002* sedang ditangani oleh petugas Dinas Lingkungan Hidup.',
      'Perkembangan laporan *BM-0002*: Truk dijadwalkan (2)',
      'Balasan dari Dinas Lingkungan Hidup untuk laporan *BM-0002*:\nMohon sabar ya (2)',
    ]);
  });

  it('a channel that fails without saying so: backoff for an hour, then everything arrives in order once it works', async () => {
    const flaky = new SilentlyFailingChannel();
    t.app.channels.set('memory', flaky);
    flaky.failing = true;
    await burstOfUpdates(3);
    for (let m = 0; m < 60; m++) {
      await t.app.worker.runOnce();
      t.clock.advance(MIN);
    }
    const heads = (await outbox().list({ status: 'pending' })).filter((r) => r.attempts > 0);
    expect(heads).toHaveLength(3); // one head per recipient retried; the rest wait behind it
    expect(Math.max(...heads.map((r) => r.attempts))).toBeLessThan(t.app.config.OUTBOX_MAX_ATTEMPTS);
    flaky.failing = false;
    // The first success on the channel wakes every row waiting out a backoff.
    const tk = await fileTicket(t, 'warga-9', 'sampah');
    await t.app.tickets.act(tk.id, 'ambil', { actor: STAFF });
    await t.app.worker.drain();
    expect(flaky.sent).toHaveLength(10);
    await expectExactlyOnceInOrder(flaky.sent);
    expect(t.app.worker.stats().retried).toBeGreaterThan(0);
  });

  it('a restart in the middle of a burst: what was in flight is uncertain, everything else arrives once, in order', async () => {
    await burstOfUpdates(20);
    let sends = 0;
    const original = t.channel.send.bind(t.channel);
    // After 25 messages the process hangs inside send (then dies): those claimed rows never get marked.
    t.channel.send = (m) => (++sends > 25 ? new Promise(() => undefined) : original(m));
    void t.app.worker.drain();
    for (let i = 0; i < 50 && (await outbox().counts()).sending === 0; i++) await new Promise((r) => setImmediate(r));
    const inFlight = (await outbox().counts()).sending;
    expect(inFlight).toBeGreaterThan(0);
    await t.restart();
    await t.app.worker.drain();

    const rows = await citizenRows();
    expect(rows).toHaveLength(60);
    expect(rows.filter((r) => r.status === 'uncertain')).toHaveLength(inFlight);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(60 - inFlight);
    await expectExactlyOnceInOrder(t.channel.sent);
  });

  it('a 429 waits exactly as long as asked and does not count as a failed attempt', async () => {
    let throttle = 3;
    const original = t.channel.send.bind(t.channel);
    t.channel.send = (m) => (throttle-- > 0 ? Promise.reject(new TransientSendError('429 Too Many Requests', 2_000)) : original(m));
    await burstOfUpdates(1);
    await t.app.worker.runOnce();
    expect(t.channel.sent).toHaveLength(0);
    const head = (await outbox().list({ status: 'pending' })).find((r) => r.target.kind === 'citizen')!;
    expect(head).toMatchObject({ attempts: 0, lastError: '429 Too Many Requests' });
    expect(head.nextAttemptAt).toBe(new Date(t.clock.now().getTime() + 2_000).toISOString());
    for (let i = 0; i < 3; i++) {
      t.clock.advance(2_000);
      await t.app.worker.drain();
    }
    expect(t.inbox('warga-1')).toHaveLength(3);
    expect(t.app.worker.stats()).toMatchObject({ throttled: 3, failed: 0 });
  });

  it('after the last attempt a row is failed (shown to the command centre) and the recipient\'s next message still goes', async () => {
    const flaky = new SilentlyFailingChannel();
    t.app.channels.set('memory', flaky);
    flaky.failing = true;
    await burstOfUpdates(1);
    for (let i = 0; i < 40; i++) {
      await t.app.worker.runOnce();
      t.clock.advance(30 * MIN);
    }
    const failed = await outbox().list({ status: 'failed' });
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatchObject({ attempts: t.app.config.OUTBOX_MAX_ATTEMPTS, lastError: 'ETIMEDOUT' });
    flaky.failing = false;
    t.clock.advance(30 * MIN);
    await t.app.worker.drain();
    expect((await citizenRows()).filter((r) => r.status === 'pending')).toEqual([]);
    expect(flaky.sent.length + failed.length).toBe(3);
  });

  it('a permanent error fails at once; desk rows go through the desk channel in order', async () => {
    const desk = new FakeDesk();
    t.app.setDesk(desk);
    const original = t.channel.send.bind(t.channel);
    t.channel.send = (m) => (m.text.includes('sedang ditangani') ? Promise.reject(new Error('403 Forbidden: bot was blocked by the user')) : original(m));
    await burstOfUpdates(1);
    await t.app.worker.drain();
    expect((await outbox().list({ status: 'failed' }))[0]).toMatchObject({ attempts: 1, lastError: '403 Forbidden: bot was blocked by the user' });
    expect(t.inbox('warga-1')).toHaveLength(2);
    expect(desk.delivered.map((d) => d.payload.type)).toEqual(['card', 'card', 'card']);
  });

  it('keeps to a rate limit: a desk group gets at most 20 messages a minute, the rest wait (not fail)', async () => {
    const { createOutboxWorker } = await import('../../core/outbox/worker.js');
    const desk = new FakeDesk();
    const worker = createOutboxWorker({
      store: t.app.store, clock: t.clock, logger: t.app.logger, channels: new Map(), desk,
      limits: [{ channels: ['desk'], per: 'recipient', max: 20, windowMs: 60_000 }],
    });
    for (let i = 0; i < 45; i++) await t.app.tickets.notifyDesk('DLH', `pemberitahuan ${i}`);
    await worker.drain();
    expect(desk.delivered).toHaveLength(20);
    expect(worker.nextFreeAt()?.toISOString()).toBe(new Date(t.clock.now().getTime() + 60_000).toISOString());
    t.clock.advance(60_000);
    await worker.drain();
    t.clock.advance(60_000);
    await worker.drain();
    expect(desk.notices('DLH')).toEqual(Array.from({ length: 45 }, (_, i) => `pemberitahuan ${i}`));
    expect(db().prepare("SELECT count(*) AS n FROM outbox WHERE channel = 'desk' AND attempts > 1").get()).toEqual({ n: 0 });
  });
});
