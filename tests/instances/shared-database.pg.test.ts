/**
 * Two instances on one PostgreSQL database, in one process: a change written
 * by one reaches the other's live board feed, a prompts edit applied on one
 * is adopted by the other, and exactly one of them leads — the other takes
 * over when the leader stops.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLiveFeed } from '../../web/live.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, dropTestDatabase, skipPostgres } from '../support/postgres.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function twoInstances(): Promise<[TestApp, TestApp]> {
  const url = await createTestDatabase();
  cleanups.push(() => dropTestDatabase(url));
  const env = { DATABASE_URL: url, LEADER_CHECK_MS: '200', PROMPTS_SYNC_MS: '200' };
  const a = await createTestApp({ env });
  cleanups.push(() => a.app.stop());
  const b = await createTestApp({ env });
  cleanups.push(() => b.app.stop());
  return [a, b];
}

async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not seen within 10 s: ${what}`);
}

describe.skipIf(skipPostgres())('two instances sharing one PostgreSQL', () => {
  it('a ticket filed through instance B appears on the live board of instance A', async () => {
    const [a, b] = await twoInstances();
    const feed = await createLiveFeed(a.app.web.events, { intervalMs: 50 });
    cleanups.push(() => feed.close());
    const seen: number[] = [];
    await feed.subscribe((change) => { seen.push(...change.ticketIds); });
    await b.say('6281200000001', 'lampu jalan mati di gang melati rt 03 rw 02 kel paruga, gelap bgt');
    await b.say('6281200000001', 'lewati');
    await b.say('6281200000001', 'ya');
    const [ticket] = await b.app.store.tickets.list({});
    expect(ticket).toBeDefined();
    await eventually(() => seen.includes(ticket!.id), `ticket ${ticket!.number} on A's live feed`);
  });

  it('a prompts edit applied on A is running on B moments later, without a restart', async () => {
    const [a, b] = await twoInstances();
    const file = join(a.dir, 'prompts', 'replies.yaml');
    const edited = readFileSync(file, 'utf8').replace('Halo, selamat datang di', 'Salam hangat dari');
    expect(await a.app.prompts.apply({ 'replies.yaml': edited }, 'admin rina')).toMatchObject({ ok: true, changed: true });
    await eventually(() => JSON.stringify(b.app.prompts.current().replies).includes('Salam hangat dari'), 'the edit on B');
    expect((await b.say('6281200000002', 'halo'))[0]).toContain('Salam hangat dari');
  });

  it('exactly one instance leads; when it stops the other takes the jobs over', async () => {
    const [a, b] = await twoInstances();
    await eventually(() => a.app.leader.isLeader() !== b.app.leader.isLeader(), 'one leader');
    const [leader, other] = a.app.leader.isLeader() ? [a, b] : [b, a];
    await leader.app.stop();
    await eventually(() => other.app.leader.isLeader(), 'the other instance leading');
  });
});
