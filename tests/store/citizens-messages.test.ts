import { describe, expect, it } from 'vitest';
import { at, BACKENDS, useStore } from './support.js';

describe.each(BACKENDS)('citizens, conversations and messages on $name', (backend) => {
  const t = useStore(backend);

  it('resolves a citizen once per address, by any alias, recording new aliases and a newer name or phone', async () => {
    const s = t.store;
    const first = await s.citizens.resolve('whatsapp', { address: '628111@c.us', displayName: 'Budi' }, new Date(at()));
    expect(first).toEqual({ id: expect.any(Number), channel: 'whatsapp', address: '628111@c.us', displayName: 'Budi', phone: null, muted: false, createdAt: at() });
    const again = await s.citizens.resolve('whatsapp', { address: '999@lid', aliases: ['628111@c.us'], phone: '628111' }, new Date(at(5)));
    expect(again).toEqual({ ...first, phone: '628111' });
    expect(await s.citizens.findByAddress('whatsapp', '999@lid')).toEqual(again);
    expect(await s.citizens.resolve('whatsapp', { address: '999@lid' }, new Date(at(6)))).toEqual(again);
    expect(await s.citizens.findByAddress('telegram', '999@lid')).toBeUndefined();
    expect(await s.citizens.get(first.id)).toEqual(again);
    expect(await s.citizens.get(9999)).toBeUndefined();
    const other = await s.citizens.resolve('telegram', { address: '628111@c.us' }, new Date(at()));
    expect(other.id).not.toBe(first.id);
  });

  it('the same new citizen arriving twice at once is one citizen', async () => {
    const s = t.store;
    const [a, b] = await Promise.all([0, 1].map(() => s.citizens.resolve('telegram', { address: '77' }, new Date(at()))));
    expect(a!.id).toBe(b!.id);
  });

  it('mutes and unmutes a citizen', async () => {
    const s = t.store;
    const c = await s.citizens.resolve('telegram', { address: '77' }, new Date(at()));
    await s.citizens.setMuted(c.id, true);
    expect((await s.citizens.get(c.id))!.muted).toBe(true);
    await s.citizens.setMuted(c.id, false);
    expect((await s.citizens.get(c.id))!.muted).toBe(false);
  });

  it('saves and replaces a conversation per citizen and channel, its data as given', async () => {
    const s = t.store;
    const c = await s.citizens.resolve('telegram', { address: '77' }, new Date(at()));
    expect(await s.conversations.get(c.id, 'telegram')).toBeUndefined();
    const data = { draft: { category: 'sampah', photos: ['a.jpg'], lat: -0.5 }, asked: 2, none: null };
    await s.conversations.save({ citizenId: c.id, channel: 'telegram', state: 'ask_location', data, updatedAt: at(1) });
    expect(await s.conversations.get(c.id, 'telegram')).toEqual({ citizenId: c.id, channel: 'telegram', state: 'ask_location', data, updatedAt: at(1) });
    await s.conversations.save({ citizenId: c.id, channel: 'telegram', state: 'idle', data: undefined, updatedAt: at(2) });
    expect(await s.conversations.get(c.id, 'telegram')).toEqual({ citizenId: c.id, channel: 'telegram', state: 'idle', data: null, updatedAt: at(2) });
  });

  it.each([
    { when: 'a new citizen (no conversation yet)', existing: false },
    { when: 'a citizen in the middle of a report', existing: true },
  ])('two turns for one citizen at once, on two instances: the second reads what the first saved ($when)', async ({ existing }) => {
    // One SQLite file has one process (the instance lock), so its "second instance" is the same store.
    const a = t.store;
    const b = backend.name === 'postgres' ? await t.another() : a;
    const c = await a.citizens.resolve('whatsapp', { address: '628222@c.us' }, new Date(at()));
    if (existing) await a.conversations.save({ citizenId: c.id, channel: 'whatsapp', state: 'ask_location', data: { answered: [] }, updatedAt: at() });
    const answered = (r: Awaited<ReturnType<typeof a.conversations.get>>) => ((r?.data ?? { answered: [] }) as { answered: string[] }).answered;
    const turn = (s: typeof a, message: string, hasRead?: () => void) => s.transaction(async () => {
      const seen = answered(await s.conversations.get(c.id, 'whatsapp'));
      // The other instance's turn starts while this one is between its read and its save.
      if (hasRead) {
        hasRead();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await s.conversations.save({ citizenId: c.id, channel: 'whatsapp', state: 'ask_location', data: { answered: [...seen, message] }, updatedAt: at(1) });
    });
    let firstHasRead!: () => void;
    const read = new Promise<void>((resolve) => { firstHasRead = resolve; });
    const first = turn(a, 'sampah numpuk', firstHasRead);
    await read;
    // Started from here, not from inside the first turn, so it is a turn of its own and not a part of that one.
    await Promise.all([first, turn(b, 'di jl merdeka')]);
    expect(answered(await a.conversations.get(c.id, 'whatsapp'))).toEqual(['sampah numpuk', 'di jl merdeka']);
  });

  it('records an inbound message once per (channel, message id); outbound ones always', async () => {
    const s = t.store;
    const c = await s.citizens.resolve('telegram', { address: '77' }, new Date(at()));
    const msg = { channel: 'telegram', externalId: 'm1', citizenId: c.id, direction: 'in' as const, text: 'halo', payload: { raw: 1 }, createdAt: at(1) };
    expect(await s.messages.recordInbound(msg)).toBe(true);
    expect(await s.messages.recordInbound({ ...msg, text: 'redelivered' })).toBe(false);
    expect(await s.messages.recordInbound({ ...msg, channel: 'whatsapp' })).toBe(true);
    expect(await s.messages.hasInbound('telegram', 'm1')).toBe(true);
    expect(await s.messages.hasInbound('telegram', 'm2')).toBe(false);
    await s.messages.recordOutbound({ ...msg, externalId: 'm1', direction: 'out' });
    await s.messages.recordOutbound({ ...msg, externalId: 'm1', direction: 'out' });
    expect(await s.messages.countInbound()).toBe(2);
  });

  it('a message text with a NUL character is stored rather than failing the write', async () => {
    const s = t.store;
    const msg = { channel: 'telegram', externalId: 'nul', citizenId: null, direction: 'in' as const, text: 'a\u0000b', payload: null, createdAt: at(1) };
    expect(await s.messages.recordInbound(msg)).toBe(true);
  });

  it('knows when a citizen last wrote on a channel', async () => {
    const s = t.store;
    const c = await s.citizens.resolve('whatsapp', { address: '62' }, new Date(at()));
    expect(await s.messages.lastInboundAt('whatsapp', c.id)).toBeUndefined();
    for (const [id, min] of [['a', 3], ['b', 9], ['c', 5]] as const) {
      await s.messages.recordInbound({ channel: 'whatsapp', externalId: id, citizenId: c.id, direction: 'in', text: null, payload: null, createdAt: at(min) });
    }
    expect(await s.messages.lastInboundAt('whatsapp', c.id)).toBe(at(9));
  });
});
