import { describe, expect, it } from 'vitest';
import { at, BACKENDS, citizenMessage, useStore } from './support.js';

describe.each(BACKENDS)('outbox on $name', (backend) => {
  const t = useStore(backend);
  const enqueue = (to: string, text: string, createdAt = at(), channel = 'memory') =>
    t.store.outbox.enqueue({ target: citizenMessage(to, text, channel), createdAt });
  const claimedTexts = async (now: string, limit = 10, channels?: string[], skip?: string[]) =>
    (await t.store.outbox.claimDue(now, limit, channels, skip)).map((r) => (r.target.kind === 'citizen' ? r.target.message.text : r.target.agency));

  it('claims the oldest row of each recipient only, marks it sending and counts the attempt', async () => {
    const ids = [await enqueue('budi', 'b1'), await enqueue('budi', 'b2'), await enqueue('ani', 'a1')];
    const claimed = await t.store.outbox.claimDue(at(1), 10);
    expect(claimed.map((r) => r.id)).toEqual([ids[0], ids[2]]);
    expect(claimed[0]).toMatchObject({ status: 'sending', attempts: 1, recipientKey: 'memory:budi', target: citizenMessage('budi', 'b1') });
    expect(await t.store.outbox.get(ids[0]!)).toEqual(claimed[0]);
    // b2 waits while b1 is sending.
    expect(await claimedTexts(at(2))).toEqual([]);
    await t.store.outbox.markSent(ids[0]!, at(3), 'ext-1');
    expect(await claimedTexts(at(4))).toEqual(['b2']);
  });

  it('records a sent citizen message in the conversation log together with marking it sent', async () => {
    const id = await enqueue('budi', 'Laporan diterima');
    await t.store.outbox.claimDue(at(1), 10);
    await t.store.outbox.markSent(id, at(2), 'ext-9', {
      channel: 'memory', externalId: 'ext-9', citizenId: null, direction: 'out', text: 'Laporan diterima', payload: { outboxId: id }, createdAt: at(2),
    });
    expect(await t.store.outbox.get(id)).toMatchObject({ status: 'sent', sentAt: at(2) });
    expect(await t.store.operations.repliesByChannel()).toEqual([{ channel: 'memory', n: 1 }]);
    // A desk card has no conversation log: marked sent, nothing recorded.
    const card = await t.store.outbox.enqueue({ target: { kind: 'desk', agency: 'dlh', payload: { type: 'card', ticketId: 1 } }, createdAt: at(3) });
    await t.store.outbox.claimDue(at(4), 10);
    await t.store.outbox.markSent(card, at(5), '77');
    expect(await t.store.outbox.get(card)).toMatchObject({ status: 'sent' });
    expect(await t.store.operations.repliesByChannel()).toEqual([{ channel: 'memory', n: 1 }]);
  });

  it('respects due times, the limit, the channels asked for and the recipients held back', async () => {
    await enqueue('budi', 'later', at(30));
    await enqueue('ani', 'now', at(0));
    await enqueue('cici', 'tg', at(1), 'telegram');
    await enqueue('dedi', 'now too', at(2));
    expect(await claimedTexts(at(10), 1, ['memory'])).toEqual(['now']);
    expect(await claimedTexts(at(10), 10, ['memory'], ['memory:dedi'])).toEqual([]);
    expect(await claimedTexts(at(10), 10, ['telegram'])).toEqual(['tg']);
    expect(await claimedTexts(at(10), 10)).toEqual(['now too']);
    expect(await claimedTexts(at(30), 10)).toEqual(['later']);
  });

  it('desk rows queue per agency', async () => {
    const id = await t.store.outbox.enqueue({ target: { kind: 'desk', agency: 'dlh', payload: { kind: 'text', text: 'x' } as never }, createdAt: at() });
    expect(await t.store.outbox.get(id)).toMatchObject({ recipientKey: 'desk:dlh', status: 'pending' });
    expect(await claimedTexts(at(1), 10, ['desk'])).toEqual(['dlh']);
  });

  it('a retry goes back to pending until its time; a throttled one spends no attempt', async () => {
    const id = await enqueue('budi', 'b1');
    await t.store.outbox.claimDue(at(1), 10);
    await t.store.outbox.markRetry(id, at(10), 'timeout');
    expect(await t.store.outbox.get(id)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(10), lastError: 'timeout' });
    expect(await claimedTexts(at(9))).toEqual([]);
    await t.store.outbox.claimDue(at(10), 10);
    await t.store.outbox.markRetry(id, at(20), '429', { throttled: true });
    expect(await t.store.outbox.get(id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await t.store.outbox.get(id))!.lastError).toBe('429');
  });

  it('a final failure lets the recipient\'s next row go; errors are cut to 1000 characters', async () => {
    const first = await enqueue('budi', 'b1');
    await enqueue('budi', 'b2');
    await t.store.outbox.claimDue(at(1), 10);
    await t.store.outbox.markFinal(first, 'failed', 'x'.repeat(2000));
    expect((await t.store.outbox.get(first))!.lastError).toHaveLength(1000);
    expect(await claimedTexts(at(2))).toEqual(['b2']);
  });

  it('rows left sending by a process that stopped become uncertain, per channel or all, and block nothing', async () => {
    await enqueue('budi', 'b1');
    await enqueue('budi', 'b2');
    await enqueue('cici', 'tg', at(), 'telegram');
    const crashed = await t.another();
    await crashed.outbox.claimDue(at(1), 10);
    await crashed.close();
    expect(await t.store.outbox.recoverInterrupted(at(2), ['memory'])).toBe(1);
    expect(await t.store.outbox.counts()).toMatchObject({ sending: 1, uncertain: 1, pending: 1 });
    const [uncertain] = await t.store.outbox.list({ status: 'uncertain' });
    expect(uncertain!.lastError).toMatch(/not resent/);
    expect(await claimedTexts(at(3), 10, ['memory'])).toEqual(['b2']);
    // b2 is this process's own send in progress; only the stopped process's telegram row is left to recover.
    expect(await t.store.outbox.recoverInterrupted(at(4))).toBe(1);
    expect(await t.store.outbox.counts()).toMatchObject({ sending: 1, uncertain: 2 });
  });

  it('an interrupted desk card goes out again; an interrupted citizen message becomes uncertain', async () => {
    await t.store.outbox.enqueue({ target: { kind: 'desk', agency: 'DLH', payload: { type: 'card', ticketId: 1 } }, createdAt: at() });
    await t.store.outbox.enqueue({ target: { kind: 'desk', agency: 'PUPR', payload: { type: 'notice', text: 'pengingat' } }, createdAt: at() });
    await enqueue('budi', 'b1');
    const crashed = await t.another();
    expect(await crashed.outbox.claimDue(at(1), 10)).toHaveLength(3);
    await crashed.close();
    expect(await t.store.outbox.recoverInterrupted(at(2))).toBe(3);
    const rows = await t.store.outbox.list({});
    const byType = (type: string) => rows.find((r) => r.target.kind === 'desk' && r.target.payload.type === type);
    expect(byType('card')).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: at(2) });
    expect(byType('notice')).toMatchObject({ status: 'uncertain' });
    expect(rows.find((r) => r.target.kind === 'citizen')).toMatchObject({ status: 'uncertain' });
    expect((await t.store.outbox.claimDue(at(3), 10)).map((r) => r.target.kind === 'desk' ? r.target.payload.type : 'citizen')).toEqual(['card']);
  });

  it('a row this process is sending is never declared interrupted', async () => {
    await enqueue('budi', 'b1');
    await t.store.outbox.claimDue(at(1), 10);
    expect(await t.store.outbox.recoverInterrupted(at(2))).toBe(0);
    expect(await t.store.outbox.counts()).toMatchObject({ sending: 1, uncertain: 0 });
  });

  it('a channel that works again makes its backed-off rows due now', async () => {
    const id = await enqueue('budi', 'b1');
    await enqueue('ani', 'never tried', at(50));
    await t.store.outbox.claimDue(at(1), 10);
    await t.store.outbox.markRetry(id, at(60), 'down');
    expect(await t.store.outbox.expedite('telegram', at(2))).toBe(0);
    expect(await t.store.outbox.expedite('memory', at(2))).toBe(1);
    expect(await t.store.outbox.get(id)).toMatchObject({ nextAttemptAt: at(2) });
  });

  it('a held row waits (and holds the recipient\'s later rows) until released, spending no attempt', async () => {
    const held = await enqueue('budi', 'b1');
    await enqueue('budi', 'b2');
    const other = await enqueue('ani', 'a1');
    await t.store.outbox.claimDue(at(1), 10);
    await t.store.outbox.markWaiting(held, 'tidak ada template');
    await t.store.outbox.markWaiting(other, 'tidak ada template');
    expect(await t.store.outbox.get(held)).toMatchObject({ status: 'pending', attempts: 0, waitingReason: 'tidak ada template', lastError: 'tidak ada template' });
    expect(await claimedTexts('9000-01-01T00:00:00.000Z')).toEqual([]);
    expect((await t.store.outbox.listWaiting(10)).map((r) => r.id)).toEqual([held, other]);
    expect(await t.store.outbox.releaseWaiting(at(5), { channel: 'memory', address: 'budi' })).toBe(1);
    expect(await t.store.outbox.get(held)).toMatchObject({ waitingReason: null, nextAttemptAt: at(5) });
    expect(await claimedTexts(at(5))).toEqual(['b1']);
    expect(await t.store.outbox.releaseWaiting(at(6))).toBe(1);
    expect(await t.store.outbox.listWaiting(10)).toEqual([]);
  });

  it('a row the channel refused outside its window goes again, due now, as a template', async () => {
    const id = await enqueue('budi', 'b1');
    await t.store.outbox.claimDue(at(1), 10);
    await t.store.outbox.markWaiting(id, 'menunggu');
    await t.store.outbox.requireTemplate(id, at(2), '131047 window closed');
    expect(await t.store.outbox.get(id)).toMatchObject({
      status: 'pending', templateRequired: true, nextAttemptAt: at(2), lastError: '131047 window closed', waitingReason: null,
    });
  });

  it('delivery reports only move forward: sent, delivered, read; failed still counts after read', async () => {
    const id = await enqueue('budi', 'b1');
    await t.store.outbox.claimDue(at(1), 10);
    await t.store.outbox.markSent(id, at(2), 'wamid.1');
    const report = (status: 'sent' | 'delivered' | 'read' | 'failed', min: number, error?: { code: string; title: string }) =>
      t.store.outbox.recordDelivery({ channel: 'memory', externalId: 'wamid.1', status, at: at(min), ...(error ? { error } : {}) } as never);
    expect((await report('delivered', 3))!.delivery).toEqual({ status: 'delivered', at: at(3), errorCode: null, errorTitle: null });
    expect((await report('read', 4))!.delivery).toMatchObject({ status: 'read', at: at(4) });
    expect((await report('delivered', 5))!.delivery).toMatchObject({ status: 'read', at: at(4) });
    expect((await report('sent', 6))!.delivery).toMatchObject({ status: 'read' });
    expect((await report('failed', 7, { code: '131026', title: 'Undeliverable' }))!.delivery)
      .toEqual({ status: 'failed', at: at(7), errorCode: '131026', errorTitle: 'Undeliverable' });
    expect(await t.store.outbox.recordDelivery({ channel: 'memory', externalId: 'wamid.unknown', status: 'read', at: at(8) } as never)).toBeUndefined();
    // A new send is a new message: the old report no longer applies.
    await t.store.outbox.markSent(id, at(9), 'wamid.2');
    expect((await t.store.outbox.get(id))!.delivery).toBeNull();
  });

  it('lists by status and ticket in id order, and counts every status', async () => {
    const a = await t.store.outbox.enqueue({ target: citizenMessage('budi', 'b1'), ticketId: 7, citizenId: 3, createdAt: at() });
    const b = await enqueue('ani', 'a1');
    await t.store.outbox.claimDue(at(1), 1);
    expect((await t.store.outbox.list({})).map((r) => r.id)).toEqual([a, b]);
    expect((await t.store.outbox.list({ ticketId: 7 }))[0]).toMatchObject({ id: a, ticketId: 7, citizenId: 3 });
    expect((await t.store.outbox.list({ status: 'pending' })).map((r) => r.id)).toEqual([b]);
    expect((await t.store.outbox.list({ limit: 1 })).map((r) => r.id)).toEqual([a]);
    expect(await t.store.outbox.counts()).toEqual({ pending: 1, sending: 1, sent: 0, failed: 0, skipped: 0, uncertain: 0 });
  });
});
