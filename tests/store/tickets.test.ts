import { describe, expect, it } from 'vitest';
import { at, BACKENDS, citizenOf, fileTicket, PG_ONLY, useStore } from './support.js';

describe.each(BACKENDS)('tickets on $name', (backend) => {
  const t = useStore(backend);

  it('numbers tickets per prefix, padded, never handing one out twice', async () => {
    const s = t.store;
    expect(await s.tickets.nextNumber('BM')).toBe('BM-0001');
    expect(await s.tickets.nextNumber('BM')).toBe('BM-0002');
    expect(await s.tickets.nextNumber('SMD')).toBe('SMD-0001');
  });

  it('200 numbers drawn in 200 concurrent transactions are all different and leave no gap', async () => {
    const s = t.store;
    const numbers = await Promise.all(Array.from({ length: 200 }, () => s.transaction(() => s.tickets.nextNumber('BM'))));
    expect(new Set(numbers).size).toBe(200);
    expect([...numbers].sort()).toEqual(Array.from({ length: 200 }, (_, i) => `BM-${String(i + 1).padStart(4, '0')}`));
  });

  it('stores a ticket and gives it back the same, found by id, by number in any case, and in lists', async () => {
    const s = t.store;
    const budi = await citizenOf(s, 'budi');
    const tk = await fileTicket(s, budi, { emergency: true, latitude: -0.5, longitude: 117.25 });
    expect(tk).toMatchObject({
      id: expect.any(Number), number: 'BM-0001', citizenId: budi.id, state: 'baru', emergency: true, confidential: false,
      latitude: -0.5, longitude: 117.25, confidence: 0.9, escalationLevel: 0, reopenCount: 0, rating: null, createdAt: at(), updatedAt: at(),
      reopenedAt: null, slaNotice: null,
    });
    expect(await s.tickets.get(tk.id)).toEqual(tk);
    expect(await s.tickets.getByNumber('bm-0001')).toEqual(tk);
    expect(await s.tickets.getByNumber('BM-9999')).toBeUndefined();
    expect(await s.tickets.get(9999)).toBeUndefined();
  });

  it('updates only the fields given and refuses an unknown ticket', async () => {
    const s = t.store;
    const tk = await fileTicket(s, await citizenOf(s, 'budi'));
    const moved = await s.tickets.update(tk.id, { state: 'diteruskan', forwardedAt: at(5), confidential: true, assigneeName: undefined });
    expect(moved).toEqual({ ...tk, state: 'diteruskan', forwardedAt: at(5), confidential: true });
    expect(await s.tickets.update(tk.id, {})).toEqual(moved);
    await expect(s.tickets.update(9999, { state: 'ditutup' })).rejects.toThrow(/Ticket 9999 does not exist/);
  });

  it('lists newest first, filtered by state, agency, category, kecamatan (any case), citizen or supporter, and time', async () => {
    const s = t.store;
    const budi = await citizenOf(s, 'budi');
    const ani = await citizenOf(s, 'ani');
    const a = await fileTicket(s, budi, { createdAt: at(1) });
    const b = await fileTicket(s, ani, { category: 'jalan_rusak', agency: 'pupr', kecamatan: 'Sungai Kunjang', createdAt: at(2) });
    const c = await fileTicket(s, ani, { state: 'ditutup', createdAt: at(3) });
    await s.tickets.addSupporter(a.id, ani.id, at(4));
    const ids = async (f: Parameters<typeof s.tickets.list>[0]) => (await s.tickets.list(f)).map((x) => x.id);
    expect(await ids({})).toEqual([c.id, b.id, a.id]);
    expect(await ids({ states: ['baru'] })).toEqual([b.id, a.id]);
    expect(await ids({ states: ['tidak_ada' as never] })).toEqual([]);
    expect(await ids({ agency: 'pupr' })).toEqual([b.id]);
    expect(await ids({ category: 'sampah' })).toEqual([c.id, a.id]);
    expect(await ids({ kecamatan: 'sungai KUNJANG' })).toEqual([b.id]);
    expect(await ids({ citizenId: ani.id })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ citizenId: budi.id })).toEqual([a.id]);
    expect(await ids({ since: at(2), until: at(3) })).toEqual([b.id]);
    expect(await ids({ limit: 1, offset: 1 })).toEqual([b.id]);
  });

  it('keeps events in order with actor, note and data', async () => {
    const s = t.store;
    const tk = await fileTicket(s, await citizenOf(s, 'budi'));
    const e1 = await s.tickets.addEvent({ ticketId: tk.id, at: at(1), action: 'buat', fromState: null, toState: 'baru', actor: { type: 'citizen', id: '7' }, note: null, data: null });
    const e2 = await s.tickets.addEvent({
      ticketId: tk.id, at: at(2), action: 'ambil', fromState: 'baru', toState: 'diproses', actor: { type: 'staff', id: '42', name: 'Rina' },
      note: 'Segera', data: { via: 'desk', n: 2 },
    });
    expect(e2).toEqual({
      id: expect.any(Number), ticketId: tk.id, at: at(2), action: 'ambil', fromState: 'baru', toState: 'diproses',
      actor: { type: 'staff', id: '42', name: 'Rina' }, note: 'Segera', data: { via: 'desk', n: 2 },
    });
    expect(await s.tickets.events(tk.id)).toEqual([e1, e2]);
    expect(e1.actor).toEqual({ type: 'citizen', id: '7' });
  });

  it('keeps photos and supporters; a supporter counts once', async () => {
    const s = t.store;
    const budi = await citizenOf(s, 'budi');
    const ani = await citizenOf(s, 'ani');
    const tk = await fileTicket(s, budi);
    const photo = await s.tickets.addMedia(tk.id, { path: 'media/1.jpg', kind: 'photo', source: 'citizen', addedAt: at(1) });
    expect(await s.tickets.media(tk.id)).toEqual([photo]);
    expect(await s.tickets.addSupporter(tk.id, ani.id, at(2))).toBe(true);
    expect(await s.tickets.addSupporter(tk.id, ani.id, at(3))).toBe(false);
    expect(await s.tickets.supporters(tk.id)).toEqual([ani.id]);
  });

  it('offers open tickets of the same category since a time as duplicate candidates, newest first', async () => {
    const s = t.store;
    const budi = await citizenOf(s, 'budi');
    const old = await fileTicket(s, budi, { createdAt: at(0) });
    const open = await fileTicket(s, budi, { createdAt: at(10), kelurahan: 'Bugis', latitude: null, longitude: null });
    const newer = await fileTicket(s, budi, { createdAt: at(20), state: 'diproses' });
    await fileTicket(s, budi, { createdAt: at(30), state: 'selesai' });
    await fileTicket(s, budi, { createdAt: at(40), category: 'banjir_drainase' });
    expect(await s.tickets.openSimilar('sampah', at(5), { terms: ['segiri'] })).toEqual([
      { id: newer.id, citizenId: budi.id, locationText: 'Pasar Segiri', kelurahan: 'Sidodadi', latitude: -0.4949, longitude: 117.1436 },
      { id: open.id, citizenId: budi.id, locationText: 'Pasar Segiri', kelurahan: 'Bugis', latitude: null, longitude: null },
    ]);
    expect((await s.tickets.openSimilar('sampah', at(0), { terms: ['segiri'] })).map((c) => c.id)).toContain(old.id);
  });

  it('finds duplicate candidates through the place index: a shared place word or a pin in the box, not every open ticket', async () => {
    const s = t.store;
    const budi = await citizenOf(s, 'budi');
    const noPin = { latitude: null, longitude: null };
    const melati = await fileTicket(s, budi, { locationText: 'gang melati no 4', ...noPin });
    const mawar = await fileTicket(s, budi, { locationText: 'jalan mawar', ...noPin });
    const mosque = await fileTicket(s, budi, { locationText: 'depan masjid al ikhlas', ...noPin });
    const pinned = await fileTicket(s, budi, { locationText: 'dekat rumah', latitude: -8.46, longitude: 118.72 });
    await fileTicket(s, budi, { locationText: 'dekat rumah', latitude: -8.9, longitude: 118.72 });
    const ids = async (near: Parameters<typeof s.tickets.openSimilar>[2]) => (await s.tickets.openSimilar('sampah', at(-1), near)).map((c) => c.id);
    const box = { south: -8.47, north: -8.45, west: 118.71, east: 118.73 };

    expect(await ids({ terms: ['melati'] })).toEqual([melati.id]);
    expect(await ids({ terms: ['ikhlas'] })).toEqual([mosque.id]);
    // A landmark's noun alone is not indexed: every mosque would be a candidate.
    expect(await ids({ terms: ['masjid'] })).toEqual([]);
    expect(await ids({ terms: ['kenanga'] })).toEqual([]);
    expect(await ids({ terms: [], box })).toEqual([pinned.id]);
    expect(await ids({ terms: ['mawar'], box })).toEqual([pinned.id, mawar.id]);
    // A corrected place replaces the words it is found by.
    await s.tickets.update(mawar.id, { locationText: 'gang kenanga' });
    expect(await ids({ terms: ['mawar'] })).toEqual([]);
    expect(await ids({ terms: ['kenanga'] })).toEqual([mawar.id]);
    expect(await s.tickets.indexPlaces(10)).toBe(0);
  });

  it('keeps only open or resolved tickets in the place index, and indexes the ones missing from it', async () => {
    const s = t.store;
    const budi = await citizenOf(s, 'budi');
    const open = await fileTicket(s, budi, { locationText: 'gang melati' });
    const other = await fileTicket(s, budi, { locationText: 'gang melati', state: 'diproses' });
    const melati = async () => (await s.tickets.openSimilar('sampah', at(-1), { terms: ['melati'] })).map((c) => c.id);
    expect(await melati()).toEqual([other.id, open.id]);

    // Resolved: still indexed (it can be reopened). Final: out of the index, so the store reads nothing of it.
    await s.tickets.update(other.id, { state: 'selesai' });
    expect(await s.tickets.indexPlaces(10)).toBe(0);
    await s.tickets.update(other.id, { state: 'ditutup' });
    expect(await s.tickets.indexPlaces(10)).toBe(0);
    // Open again without its words (as a ticket filed before the index existed): found missing and indexed once.
    await s.tickets.update(other.id, { state: 'diproses' });
    expect(await melati()).toEqual([open.id]);
    expect(await s.tickets.indexPlaces(10)).toBe(1);
    expect(await s.tickets.indexPlaces(10)).toBe(0);
    expect(await melati()).toEqual([other.id, open.id]);

    // A place erased for privacy takes its words with it; the tickets stay marked as indexed.
    await s.privacy.eraseCitizen(budi.id, at(5));
    expect(await melati()).toEqual([]);
    expect(await s.tickets.indexPlaces(10)).toBe(0);
  });

  it('counts tickets by state, every state present', async () => {
    const s = t.store;
    const budi = await citizenOf(s, 'budi');
    await fileTicket(s, budi);
    await fileTicket(s, budi, { state: 'ditolak' });
    await fileTicket(s, budi, { state: 'ditolak' });
    expect(await s.tickets.countByState()).toEqual({ baru: 1, diteruskan: 0, diproses: 0, selesai: 0, ditutup: 0, ditolak: 2, dibatalkan: 0 });
  });
});

describe.each(PG_ONLY)('ticket numbers across instances on $name', (backend) => {
  const t = useStore(backend);

  it('two instances drawing 100 numbers each at once never get the same number', async () => {
    const a = t.store;
    const b = await t.another();
    const draw = (s: typeof a) => Array.from({ length: 100 }, () => s.transaction(() => s.tickets.nextNumber('BM')));
    const numbers = await Promise.all([...draw(a), ...draw(b)]);
    expect(new Set(numbers).size).toBe(200);
    expect(await a.tickets.nextNumber('BM')).toBe('BM-0201');
  });
});
