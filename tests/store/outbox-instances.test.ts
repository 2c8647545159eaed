/**
 * Several instances on one PostgreSQL database run outbox workers side by
 * side: a row is claimed by one of them only, and a recipient's messages
 * still go one at a time, in order.
 */
import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../core/ports.js';
import { at, citizenMessage, PG_ONLY, useStore } from './support.js';

describe.each(PG_ONLY)('outbox claimed by two instances on $name', (backend) => {
  const t = useStore(backend);

  it('every row is claimed exactly once, and never a later row of a recipient while an earlier one is unsent', async () => {
    const a = t.store;
    const b = await t.another();
    const recipients = Array.from({ length: 12 }, (_, i) => `warga-${i}`);
    const byRecipient = new Map<string, number[]>();
    for (let n = 0; n < 5; n++) {
      for (const to of recipients) {
        const id = await a.outbox.enqueue({ target: citizenMessage(to, `${to} #${n}`), createdAt: at(n) });
        byRecipient.set(`memory:${to}`, [...(byRecipient.get(`memory:${to}`) ?? []), id]);
      }
    }
    const claims = new Map<number, number>();
    const sent = new Set<number>();
    const sending = new Set<number>();
    for (let round = 0; sent.size < 60; round++) {
      expect(round, 'the rows should all go out in a bounded number of rounds').toBeLessThan(40);
      // Six workers at once, three per instance, each taking up to four rows.
      const batches = await Promise.all([a, a, a, b, b, b].map((s) => s.outbox.claimDue(at(100), 4)));
      const claimed: OutboxRow[] = batches.flat();
      for (const row of claimed) {
        claims.set(row.id, (claims.get(row.id) ?? 0) + 1);
        const queue = byRecipient.get(row.recipientKey)!;
        // Everything before it in its recipient's queue is sent already (not merely sending).
        expect(queue.slice(0, queue.indexOf(row.id)).every((id) => sent.has(id)), `row ${row.id} claimed out of order`).toBe(true);
        sending.add(row.id);
      }
      expect(new Set(claimed.map((r) => r.recipientKey)).size, 'one row per recipient at a time').toBe(claimed.length);
      // Half the rows finish this round, the rest stay 'sending' into the next one and must keep their recipient blocked.
      for (const id of [...sending]) {
        if ((id + round) % 2 === 0) continue;
        await (id % 2 === 0 ? a : b).outbox.markSent(id, at(101), `ext-${id}`);
        sending.delete(id);
        sent.add(id);
      }
    }
    expect([...claims.values()].every((n) => n === 1)).toBe(true);
    expect(claims.size).toBe(60);
    expect(await a.outbox.counts()).toMatchObject({ sent: 60, pending: 0, sending: 0 });
  });

  it('a row another live instance is sending is left alone; once that instance is gone it becomes uncertain', async () => {
    const a = t.store;
    const b = await t.another();
    await a.outbox.enqueue({ target: citizenMessage('budi', 'sedang dikirim B'), createdAt: at() });
    expect(await b.outbox.claimDue(at(1), 10)).toHaveLength(1);
    // B renews its heartbeat: A must not declare its send interrupted (that would let budi's next row overtake it).
    expect(await a.outbox.recoverInterrupted(new Date().toISOString())).toBe(0);
    // B stops renewing (killed): after the heartbeat window A recovers the row.
    const later = new Date(Date.now() + 60_000).toISOString();
    expect(await a.outbox.recoverInterrupted(later)).toBe(1);
    expect(await a.outbox.counts()).toMatchObject({ sending: 0, uncertain: 1 });
  });
});
