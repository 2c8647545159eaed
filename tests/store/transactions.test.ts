import { describe, expect, it } from 'vitest';
import { at, BACKENDS, citizenMessage, citizenOf, fileTicket, PG_ONLY, useStore } from './support.js';

describe.each(BACKENDS)('transactions on $name', (backend) => {
  const t = useStore(backend);

  it('a throw inside rolls back the ticket, its event and its outbox row together', async () => {
    const s = t.store;
    const budi = await citizenOf(s, 'budi');
    await expect(s.transaction(async () => {
      const tk = await fileTicket(s, budi);
      await s.tickets.addEvent({ ticketId: tk.id, at: at(), action: 'buat', fromState: null, toState: 'baru', actor: { type: 'citizen' }, note: null, data: null });
      await s.outbox.enqueue({ target: citizenMessage('budi', 'Laporan diterima'), ticketId: tk.id, createdAt: at() });
      throw new Error('classifier exploded');
    })).rejects.toThrow('classifier exploded');
    expect(await s.tickets.list({})).toEqual([]);
    expect(await s.eventLog.lastId()).toBe(0);
    expect(await s.outbox.list({})).toEqual([]);
    // The ticket number drawn inside went back too: the next one is the first.
    expect(await s.tickets.nextNumber('BM')).toBe('BM-0001');
  });

  it('commits everything written inside when the function resolves, and returns its value', async () => {
    const s = t.store;
    const budi = await citizenOf(s, 'budi');
    const id = await s.transaction(async () => {
      const tk = await fileTicket(s, budi);
      await s.outbox.enqueue({ target: citizenMessage('budi', 'Laporan diterima'), ticketId: tk.id, createdAt: at() });
      return tk.id;
    });
    expect(await s.tickets.get(id)).toBeDefined();
    expect(await s.outbox.list({ ticketId: id })).toHaveLength(1);
  });

  it('a nested transaction that fails rolls back only its own writes; the outer one commits', async () => {
    const s = t.store;
    const budi = await citizenOf(s, 'budi');
    await s.transaction(async () => {
      await fileTicket(s, budi, { description: 'kept' });
      await expect(s.transaction(async () => {
        await fileTicket(s, budi, { description: 'rolled back' });
        throw new Error('inner');
      })).rejects.toThrow('inner');
      await s.transaction(async () => { await fileTicket(s, budi, { description: 'nested and kept' }); });
    });
    expect((await s.tickets.list({})).map((x) => x.description).sort()).toEqual(['kept', 'nested and kept']);
  });

  it('a failing outer transaction also takes back what its nested transactions wrote', async () => {
    const s = t.store;
    const budi = await citizenOf(s, 'budi');
    await expect(s.transaction(async () => {
      await s.transaction(async () => { await fileTicket(s, budi); });
      throw new Error('outer');
    })).rejects.toThrow('outer');
    expect(await s.tickets.list({})).toEqual([]);
  });

  it('a read from outside an open transaction never sees half of it', async () => {
    const s = t.store;
    const budi = await citizenOf(s, 'budi');
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let inside!: () => void;
    const started = new Promise<void>((r) => { inside = r; });
    const tx = s.transaction(async () => {
      await fileTicket(s, budi, { description: 'first' });
      inside();
      await gate;
      await fileTicket(s, budi, { description: 'second' });
    });
    await started;
    const seen = s.tickets.list({});
    release();
    await tx;
    const count = (await seen).length;
    // SQLite waits for the commit (2); PostgreSQL reads the last committed state (0). Never 1.
    expect([0, 2]).toContain(count);
    expect(await s.tickets.list({})).toHaveLength(2);
  });

  it('transactions queued behind an open one each land whole or not at all, independently of each other', async () => {
    const s = t.store;
    const budi = await citizenOf(s, 'budi');
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    const first = s.transaction(async () => {
      await fileTicket(s, budi, { description: 'first' });
      await held;
    });
    // Queued while the first is open (on SQLite they run after it and commit with it).
    const queued = ['a', 'b', 'c', 'd', 'e'].map((name) => s.transaction(async () => {
      const tk = await fileTicket(s, budi, { description: name });
      await s.outbox.enqueue({ target: citizenMessage('budi', `Laporan ${name}`), ticketId: tk.id, createdAt: at() });
      if (name === 'c') throw new Error('c fails');
      return name;
    }));
    release();
    await first;
    const outcomes = await Promise.allSettled(queued);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual(['a', 'b', 'c fails', 'd', 'e']);
    expect((await s.tickets.list({})).map((x) => x.description).sort()).toEqual(['a', 'b', 'd', 'e', 'first']);
    expect((await s.outbox.list({})).map((r) => (r.target.kind === 'citizen' ? r.target.message.text : '')).sort())
      .toEqual(['Laporan a', 'Laporan b', 'Laporan d', 'Laporan e']);
  });

  it('a transaction has returned only once what it wrote is committed: another connection sees it', async () => {
    const s = t.store;
    const other = await t.another();
    const budi = await citizenOf(s, 'budi');
    const ids = await Promise.all(['a', 'b', 'c'].map((name) => s.transaction(async () => (await fileTicket(s, budi, { description: name })).id)));
    for (const id of ids) expect((await other.tickets.get(id))?.id).toBe(id);
  });

  it('a call made after its transaction ended, from its async context, runs on its own', async () => {
    const s = t.store;
    const budi = await citizenOf(s, 'budi');
    let go!: () => void;
    const after = new Promise<void>((r) => { go = r; });
    let late!: Promise<unknown>;
    await s.transaction(async () => {
      await fileTicket(s, budi, { description: 'first' });
      // Started inside, runs once the transaction is over (a fire-and-forget follow-up).
      late = after.then(() => fileTicket(s, budi, { description: 'late' }));
    });
    go();
    await late;
    expect((await s.tickets.list({})).map((x) => x.description).sort()).toEqual(['first', 'late']);
  });
});

describe.each(PG_ONLY)('pooled connections on $name', (backend) => {
  const t = useStore(backend);

  it('a late call from a finished transaction is not swallowed by the next transaction on the same connection', async () => {
    const s = t.store;
    const budi = await citizenOf(s, 'budi');
    let go!: () => void;
    const after = new Promise<void>((r) => { go = r; });
    let late!: Promise<unknown>;
    await s.transaction(async () => {
      await fileTicket(s, budi, { description: 'first' });
      late = after.then(() => fileTicket(s, budi, { description: 'late' }));
    });
    // The pool hands the next transaction the connection just released; the late call must not run in it.
    await expect(s.transaction(async () => {
      go();
      await late;
      await fileTicket(s, budi, { description: 'rolled back' });
      throw new Error('next transaction fails');
    })).rejects.toThrow('next transaction fails');
    expect((await s.tickets.list({})).map((x) => x.description).sort()).toEqual(['first', 'late']);
  });

  it('two instances whose transactions wait on each other both commit: PostgreSQL aborts one as a deadlock and the store runs it again', async () => {
    const a = t.store;
    const b = await t.another();
    const budi = await citizenOf(a, 'budi');
    const siti = await citizenOf(a, 'siti');
    const runs: string[] = [];
    let arrived = 0;
    let bothHold!: () => void;
    const holding = new Promise<void>((resolve) => { bothHold = resolve; });
    // Each holds one citizen's conversation and then asks for the other's, as two turns crossing over could.
    const crossing = (s: typeof a, name: string, first: number, second: number) => s.transaction(async () => {
      runs.push(name);
      await s.conversations.get(first, 'whatsapp');
      if (++arrived === 2) bothHold();
      await holding;
      await s.conversations.get(second, 'whatsapp');
      await s.conversations.save({ citizenId: first, channel: 'whatsapp', state: 'ask_location', data: { by: name }, updatedAt: at() });
    });
    await Promise.all([crossing(a, 'a', budi.id, siti.id), crossing(b, 'b', siti.id, budi.id)]);
    // One of the two ran twice: the first time it was the deadlock's victim.
    expect(runs).toHaveLength(3);
    expect(new Set(runs)).toEqual(new Set(['a', 'b']));
    expect((await a.conversations.get(budi.id, 'whatsapp'))?.data).toEqual({ by: 'a' });
    expect((await a.conversations.get(siti.id, 'whatsapp'))?.data).toEqual({ by: 'b' });
  });
});
