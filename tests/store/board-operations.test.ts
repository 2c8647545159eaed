import { describe, expect, it } from 'vitest';
import { at, BACKENDS, citizenMessage, citizenOf, fileTicket, useStore } from './support.js';

describe.each(BACKENDS)('command-centre reports, the event log and operations queries on $name', (backend) => {
  const t = useStore(backend);

  it('counts open tickets per agency and state, lists used kecamatan and map pins', async () => {
    const s = t.store;
    const c = await citizenOf(s, 'budi');
    await fileTicket(s, c);
    await fileTicket(s, c, { state: 'diproses' });
    await fileTicket(s, c, { agency: 'pupr', kecamatan: 'Sungai Kunjang', latitude: null });
    await fileTicket(s, c, { state: 'ditutup', kecamatan: null, kelurahan: null });
    expect(await s.board.openCounts()).toEqual([
      { agency: 'dlh', state: 'baru', n: 1 }, { agency: 'dlh', state: 'diproses', n: 1 }, { agency: 'pupr', state: 'baru', n: 1 },
    ]);
    expect((await s.board.usedKecamatan()).sort()).toEqual(['Samarinda Ulu', 'Sungai Kunjang']);
    expect(await s.board.areaPins()).toEqual([
      { kecamatan: 'Samarinda Ulu', kelurahan: 'Sidodadi', latitude: -0.4949, longitude: 117.1436 },
      { kecamatan: 'Samarinda Ulu', kelurahan: 'Sidodadi', latitude: -0.4949, longitude: 117.1436 },
    ]);
  });

  it('statistics read tickets created or resolved since a time, and every open one', async () => {
    const s = t.store;
    const c = await citizenOf(s, 'budi');
    const old = await fileTicket(s, c, { state: 'ditutup', createdAt: at(0) });
    const openOld = await fileTicket(s, c, { createdAt: at(0), emergency: true });
    const recent = await fileTicket(s, c, { state: 'ditutup', createdAt: at(50) });
    await s.tickets.update(recent.id, { resolvedAt: at(55), rating: 5, takenAt: at(51), forwardedAt: at(50) });
    const rows = await s.board.statTickets(at(30));
    expect(rows.map((r) => r.id).sort()).toEqual([openOld.id, recent.id].sort());
    expect(rows.find((r) => r.id === recent.id)).toEqual({
      id: recent.id, state: 'ditutup', agency: 'dlh', category: 'sampah', emergency: false, createdAt: at(50),
      forwardedAt: at(50), takenAt: at(51), resolvedAt: at(55), rating: 5,
    });
    expect(rows.find((r) => r.id === openOld.id)!.emergency).toBe(true);
    expect(rows.map((r) => r.id)).not.toContain(old.id);
  });

  it('the public wall shows recently resolved tickets with their closing note, never confidential ones or excluded categories', async () => {
    const s = t.store;
    const c = await citizenOf(s, 'budi');
    const done = await fileTicket(s, c, { state: 'selesai' });
    await s.tickets.update(done.id, { resolvedAt: at(10) });
    await s.tickets.addEvent({ ticketId: done.id, at: at(9), action: 'selesaikan', fromState: 'diproses', toState: 'selesai', actor: { type: 'staff' }, note: 'Sudah diangkut', data: null });
    const secret = await fileTicket(s, c, { state: 'ditutup', confidential: true });
    await s.tickets.update(secret.id, { resolvedAt: at(11) });
    const health = await fileTicket(s, c, { state: 'ditutup', category: 'kesehatan' });
    await s.tickets.update(health.id, { resolvedAt: at(12) });
    const later = await fileTicket(s, c, { state: 'ditutup', kecamatan: 'Sungai Kunjang' });
    await s.tickets.update(later.id, { resolvedAt: at(13) });
    expect(await s.board.recentlyResolved(10, ['kesehatan'])).toEqual([
      { id: later.id, category: 'sampah', agency: 'dlh', kelurahan: 'Sidodadi', kecamatan: 'Sungai Kunjang', resolvedAt: at(13), closingNote: null },
      { id: done.id, category: 'sampah', agency: 'dlh', kelurahan: 'Sidodadi', kecamatan: 'Samarinda Ulu', resolvedAt: at(10), closingNote: 'Sudah diangkut' },
    ]);
    expect((await s.board.recentlyResolved(10, [])).map((r) => r.id)).toEqual([later.id, health.id, done.id]);
    expect(await s.board.recentlyResolved(1, [])).toHaveLength(1);
  });

  it('the event log is read by position; it says when the store is closed', async () => {
    const s = t.store;
    const c = await citizenOf(s, 'budi');
    const tk = await fileTicket(s, c);
    expect(await s.eventLog.lastId()).toBe(0);
    const ev = async () => s.tickets.addEvent({ ticketId: tk.id, at: at(), action: 'x', fromState: null, toState: null, actor: { type: 'system' }, note: null, data: null });
    const e1 = await ev();
    const e2 = await ev();
    const e3 = await ev();
    expect(await s.eventLog.lastId()).toBe(e3.id);
    expect(await s.eventLog.after(e1.id, 10)).toEqual([{ id: e2.id, ticketId: tk.id }, { id: e3.id, ticketId: tk.id }]);
    expect(await s.eventLog.after(0, 1)).toEqual([{ id: e1.id, ticketId: tk.id }]);
    expect(s.eventLog.isOpen()).toBe(true);
    const other = await t.another();
    await other.close();
    expect(other.eventLog.isOpen()).toBe(false);
  });

  it('metrics count tickets, messages and outbox rows by their groups', async () => {
    const s = t.store;
    const c = await citizenOf(s, 'budi');
    await fileTicket(s, c);
    await fileTicket(s, c, { category: 'jalan_rusak', agency: 'pupr' });
    await fileTicket(s, c, { state: 'ditutup' });
    await s.messages.recordInbound({ channel: 'telegram', externalId: '1', citizenId: c.id, direction: 'in', text: 'a', payload: null, createdAt: at() });
    await s.messages.recordInbound({ channel: 'whatsapp', externalId: '1', citizenId: c.id, direction: 'in', text: 'a', payload: null, createdAt: at() });
    await s.messages.recordOutbound({ channel: 'telegram', externalId: null, citizenId: c.id, direction: 'out', text: 'b', payload: null, createdAt: at() });
    await s.outbox.enqueue({ target: citizenMessage('budi', 'x'), createdAt: at() });
    const sort = <T>(rows: T[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(sort(await s.operations.ticketsByStateAgency())).toEqual(sort([
      { state: 'baru', agency: 'dlh', n: 1 }, { state: 'baru', agency: 'pupr', n: 1 }, { state: 'ditutup', agency: 'dlh', n: 1 },
    ]));
    expect(sort(await s.operations.ticketsByCategory())).toEqual([{ category: 'jalan_rusak', n: 1 }, { category: 'sampah', n: 2 }]);
    expect(sort(await s.operations.inboundByChannel())).toEqual([{ channel: 'telegram', n: 1 }, { channel: 'whatsapp', n: 1 }]);
    expect(await s.operations.repliesByChannel()).toEqual([{ channel: 'telegram', n: 1 }]);
    expect(await s.operations.outboxByStatusChannel()).toEqual([{ status: 'pending', channel: 'memory', n: 1 }]);
  });

  it('delivery metrics read sent rows after a cursor, oldest first', async () => {
    const s = t.store;
    expect(await s.operations.latestSentAt()).toBeNull();
    for (const [to, min] of [['a', 3], ['b', 1], ['c', 2]] as const) {
      const id = await s.outbox.enqueue({ target: citizenMessage(to, 'x'), createdAt: at(0) });
      await s.outbox.claimDue(at(0), 10);
      await s.outbox.markSent(id, at(min));
    }
    expect(await s.operations.sentSince(at(1), 10)).toEqual([
      { channel: 'memory', createdAt: at(0), sentAt: at(2) }, { channel: 'memory', createdAt: at(0), sentAt: at(3) },
    ]);
    expect(await s.operations.sentSince('', 1)).toEqual([{ channel: 'memory', createdAt: at(0), sentAt: at(1) }]);
    expect(await s.operations.latestSentAt()).toBe(at(3));
  });

  it('the backlog groups undelivered rows; the command centre resends or dismisses them', async () => {
    const s = t.store;
    const ids: number[] = [];
    for (const to of ['a', 'b', 'c']) ids.push(await s.outbox.enqueue({ target: citizenMessage(to, 'x', 'whatsapp'), createdAt: at(ids.length) }));
    const crashed = await t.another();
    await crashed.outbox.claimDue(at(5), 10);
    await crashed.outbox.markFinal(ids[0]!, 'failed', 'token expired');
    await crashed.close();
    await s.outbox.recoverInterrupted(at(6));
    await s.outbox.enqueue({ target: citizenMessage('d', 'y', 'telegram'), createdAt: at(7) });
    expect(await s.operations.backlog()).toEqual([
      { channel: 'telegram', status: 'pending', count: 1, oldest: at(7) },
      { channel: 'whatsapp', status: 'failed', count: 1, oldest: at(0) },
      { channel: 'whatsapp', status: 'uncertain', count: 2, oldest: at(1) },
    ]);
    expect(await s.operations.requeue('whatsapp', at(8), 'admin budi')).toBe(3);
    expect(await s.outbox.get(ids[1]!)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: at(8), lastError: `resent from the command centre by admin budi at ${at(8)}` });
    expect(await s.operations.dismiss('whatsapp', ['pending'], 'saluran dimatikan')).toBe(3);
    expect(await s.operations.dismiss('telegram', ['failed', 'uncertain'], 'x')).toBe(0);
    expect(await s.outbox.counts()).toMatchObject({ skipped: 3, pending: 1 });
  });

  it('the readiness probe passes on a writable database', async () => {
    await expect(t.store.operations.probeWritable(1000)).resolves.toBeUndefined();
  });
});
