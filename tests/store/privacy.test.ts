import { describe, expect, it } from 'vitest';
import type { DatabaseStore } from '../../store/types.js';
import { at, BACKENDS, citizenMessage, fileTicket, useStore } from './support.js';

/** A citizen with a ticket, its timeline, photos, messages, a queued and a sent update, and a draft conversation. */
async function citizenWithHistory(s: DatabaseStore, address = '628111@c.us') {
  const c = await s.citizens.resolve('whatsapp', { address, aliases: [`${address}-lid`], displayName: 'Budi', phone: '628111' }, new Date(at()));
  const tk = await fileTicket(s, c, { channel: 'whatsapp', state: 'ditutup', closedAt: at(10), rw: '02' } as never);
  await s.tickets.addEvent({ ticketId: tk.id, at: at(1), action: 'buat', fromState: null, toState: 'baru', actor: { type: 'citizen' }, note: 'rumah saya no 5', data: { phone: '628111' } });
  await s.tickets.addMedia(tk.id, { path: 'media/warga.jpg', kind: 'photo', source: 'citizen', addedAt: at(1) });
  await s.tickets.addMedia(tk.id, { path: 'media/petugas.jpg', kind: 'photo', source: 'staff', addedAt: at(2) });
  await s.messages.recordInbound({ channel: 'whatsapp', externalId: 'w1', citizenId: c.id, direction: 'in', text: 'Sampah di rumah saya', payload: { media: { path: 'media/draft.jpg' } }, createdAt: at(1) });
  const sent = await s.outbox.enqueue({ target: citizenMessage(address, 'Laporan BM-0001 diterima', 'whatsapp'), ticketId: tk.id, citizenId: c.id, createdAt: at(1) });
  await s.outbox.claimDue(at(1), 10);
  await s.outbox.markSent(sent, at(1), 'wamid.1');
  const queued = await s.outbox.enqueue({ target: citizenMessage(address, 'Terima kasih Budi', 'whatsapp'), citizenId: c.id, createdAt: at(2) });
  await s.conversations.save({ citizenId: c.id, channel: 'whatsapp', state: 'ask_location', data: { draft: 'x' }, updatedAt: at(3) });
  await s.privacy.requestErasure('whatsapp', address, at(4));
  return { c, tk, sent, queued };
}

describe.each(BACKENDS)('privacy on $name', (backend) => {
  const t = useStore(backend);

  it('blocks a sender, tells them once, lists and unblocks them', async () => {
    const p = t.store.privacy;
    expect(await p.blocked('telegram', '9')).toBeUndefined();
    await p.block({ channel: 'telegram', address: '9', blockedBy: 'admin budi', reason: 'spam', blockedAt: at(1) });
    await p.block({ channel: 'telegram', address: '8', blockedBy: 'admin budi', reason: null, blockedAt: at(2) });
    await p.markNotified('telegram', '9');
    expect(await p.blocked('telegram', '9')).toEqual({ channel: 'telegram', address: '9', blockedBy: 'admin budi', reason: 'spam', blockedAt: at(1), notified: true });
    await p.block({ channel: 'telegram', address: '9', blockedBy: 'admin ani', reason: 'lagi', blockedAt: at(3) });
    expect(await p.blocked('telegram', '9')).toMatchObject({ blockedBy: 'admin ani', notified: true });
    expect((await p.listBlocked()).map((b) => b.address)).toEqual(['9', '8']);
    expect(await p.unblock('telegram', '9')).toBe(true);
    expect(await p.unblock('telegram', '9')).toBe(false);
  });

  it('remembers an erasure request until confirmed or cleared', async () => {
    const p = t.store.privacy;
    expect(await p.pendingErasure('telegram', '9')).toBeUndefined();
    await p.requestErasure('telegram', '9', at(1));
    await p.requestErasure('telegram', '9', at(2));
    expect(await p.pendingErasure('telegram', '9')).toBe(at(2));
    await p.clearErasure('telegram', '9');
    expect(await p.pendingErasure('telegram', '9')).toBeUndefined();
  });

  it('exports everything stored about a citizen', async () => {
    const s = t.store;
    const { c, tk } = await citizenWithHistory(s);
    const other = await s.citizens.resolve('whatsapp', { address: 'x' }, new Date(at()));
    const theirs = await fileTicket(s, other);
    await s.tickets.addSupporter(theirs.id, c.id, at(5));
    const e = (await s.privacy.exportCitizen(c.id))!;
    expect(e.citizen).toMatchObject({ id: c.id, channel: 'whatsapp', address: '628111@c.us', display_name: 'Budi', phone: '628111', muted: 0, erased_at: null });
    expect(e.aliases).toEqual(['628111@c.us-lid']);
    expect(e.tickets).toHaveLength(1);
    expect(e.tickets[0]).toMatchObject({ id: tk.id, number: tk.number, emergency: 0, confidential: 0, description: tk.description, latitude: -0.4949 });
    expect(e.tickets[0]!.events).toEqual([{ at: at(1), action: 'buat', from_state: null, to_state: 'baru', actor_type: 'citizen', actor_name: null, note: 'rumah saya no 5' }]);
    expect(e.tickets[0]!.photos).toEqual([
      { path: 'media/warga.jpg', source: 'citizen', added_at: at(1) }, { path: 'media/petugas.jpg', source: 'staff', added_at: at(2) },
    ]);
    expect(e.messages).toEqual([{ channel: 'whatsapp', direction: 'in', text: 'Sampah di rumah saya', created_at: at(1) }]);
    expect(e.supported).toEqual([theirs.number]);
    expect(await s.privacy.exportCitizen(9999)).toBeUndefined();
  });

  it('erasure removes identity, words and citizen photos, keeps statistics and staff photos, and stops queued messages', async () => {
    const s = t.store;
    const { c, tk, sent, queued } = await citizenWithHistory(s);
    const result = await s.transaction(() => s.privacy.eraseCitizen(c.id, at(20)));
    expect(result.tickets).toBe(1);
    expect(result.messages).toBe(1);
    expect(result.files.sort()).toEqual(['media/draft.jpg', 'media/warga.jpg']);
    expect(await s.citizens.get(c.id)).toMatchObject({ address: `erased:${c.id}`, displayName: null, phone: null, muted: true });
    expect(await s.citizens.findByAddress('whatsapp', '628111@c.us-lid')).toBeUndefined();
    expect(await s.tickets.get(tk.id)).toMatchObject({
      description: '[dihapus atas permintaan warga]', locationText: null, rt: null, rw: null, latitude: null, longitude: null,
      category: 'sampah', agency: 'dlh', state: 'ditutup', kelurahan: 'Sidodadi', textsRemovedAt: at(20),
    });
    expect((await s.tickets.events(tk.id))[0]).toMatchObject({ action: 'buat', note: null, data: null });
    expect((await s.tickets.media(tk.id)).map((m) => m.path)).toEqual(['media/petugas.jpg']);
    expect(await s.outbox.get(sent)).toMatchObject({ status: 'sent', target: citizenMessage('628111@c.us', '[dihapus atas permintaan warga]', 'whatsapp') });
    expect(await s.outbox.get(queued)).toMatchObject({ status: 'skipped', target: citizenMessage('628111@c.us', '[dihapus atas permintaan warga]', 'whatsapp') });
    expect(await s.conversations.get(c.id, 'whatsapp')).toBeUndefined();
    expect(await s.privacy.pendingErasure('whatsapp', '628111@c.us')).toBeUndefined();
    expect((await s.privacy.exportCitizen(c.id))!.messages).toEqual([{ channel: 'whatsapp', direction: 'in', text: null, created_at: at(1) }]);
    expect(await s.privacy.eraseCitizen(9999, at(20))).toEqual({ tickets: 0, messages: 0, files: [] });
  });

  it('retention removes the words and all photos of tickets closed before the cut-off, and old message texts; once', async () => {
    const s = t.store;
    const { c, tk } = await citizenWithHistory(s);
    const open = await fileTicket(s, c, { createdAt: at(0) });
    await s.outbox.enqueue({ target: { kind: 'desk', agency: 'dlh', payload: { kind: 'text', text: 'Laporan baru: sampah' } as never }, ticketId: tk.id, createdAt: at(1) });
    const r = await s.privacy.applyRetention(at(11), at(30));
    expect(r).toEqual({ tickets: 1, messages: 1, files: expect.arrayContaining(['media/warga.jpg', 'media/petugas.jpg', 'media/draft.jpg']) });
    expect(r.files).toHaveLength(3);
    expect(await s.tickets.get(tk.id)).toMatchObject({ description: '[dihapus: melewati masa simpan]', textsRemovedAt: at(30), rw: '02' });
    expect((await s.tickets.get(open.id))!.description).toBe(open.description);
    const desk = (await s.outbox.list({ ticketId: tk.id })).find((o) => o.target.kind === 'desk')!;
    expect(desk).toMatchObject({ status: 'skipped', target: { kind: 'desk', agency: 'dlh', payload: { kind: 'text', text: '[dihapus: melewati masa simpan]' } } });
    expect(await s.privacy.applyRetention(at(11), at(31))).toEqual({ tickets: 0, messages: 0, files: [] });
  });
});
