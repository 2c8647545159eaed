/**
 * Moving an installation from SQLite to PostgreSQL: what was written through
 * the SQLite store reads back the same through the PostgreSQL store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireInstanceLock } from '../../store/instance-lock.js';
import { COPY_ORDER, copySqliteToPostgres } from '../../store/migrate-to-postgres.js';
import { createPostgresStore } from '../../store/postgres/index.js';
import { createSqliteStore } from '../../store/sqlite/index.js';
import type { DatabaseStore } from '../../store/types.js';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.js';
import { at, citizenMessage, fileTicket, PG_ONLY } from './support.js';

/** A bit of everything an installation holds, written through the ports. */
async function fill(s: DatabaseStore): Promise<void> {
  const budi = await s.citizens.resolve('whatsapp', { address: '628111@c.us', aliases: ['999@lid'], displayName: 'Budi', phone: '628111' }, new Date(at()));
  const ani = await s.citizens.resolve('telegram', { address: '42' }, new Date(at(1)));
  await s.citizens.setMuted(ani.id, true);
  await s.conversations.save({ citizenId: budi.id, channel: 'whatsapp', state: 'ask_photo', data: { draft: { category: 'sampah' } }, updatedAt: at(2) });
  await s.messages.recordInbound({ channel: 'whatsapp', externalId: 'w1', citizenId: budi.id, direction: 'in', text: 'Sampah\u0000numpuk', payload: { media: { path: 'm/1.jpg' } }, createdAt: at(2) });
  await s.messages.recordOutbound({ channel: 'whatsapp', externalId: 'o1', citizenId: budi.id, direction: 'out', text: 'Terima kasih', payload: null, createdAt: at(3) });
  const a = await fileTicket(s, budi, { emergency: true, confidential: true });
  const b = await fileTicket(s, ani, { state: 'selesai', category: 'jalan_rusak', latitude: null });
  await s.tickets.update(b.id, { resolvedAt: at(9), rating: 4, reopenedAt: at(8) });
  await s.tickets.addEvent({ ticketId: a.id, at: at(4), action: 'buat', fromState: null, toState: 'baru', actor: { type: 'citizen', id: String(budi.id) }, note: 'catatan', data: { k: [1, 2] } });
  await s.tickets.addMedia(a.id, { path: 'm/1.jpg', kind: 'photo', source: 'citizen', addedAt: at(4) });
  await s.tickets.addSupporter(a.id, ani.id, at(5));
  const o1 = await s.outbox.enqueue({ target: citizenMessage('628111@c.us', 'BM-0001 diterima', 'whatsapp'), ticketId: a.id, citizenId: budi.id, createdAt: at(4) });
  await s.outbox.enqueue({ target: { kind: 'desk', agency: 'dlh', payload: { kind: 'text', text: 'baru' } as never }, ticketId: a.id, createdAt: at(4) });
  await s.outbox.claimDue(at(5), 10);
  await s.outbox.markSent(o1, at(5), 'wamid.1');
  await s.outbox.recordDelivery({ channel: 'whatsapp', externalId: 'wamid.1', status: 'read', at: at(6) } as never);
  await s.outbox.enqueue({ target: citizenMessage('42', 'menunggu', 'telegram'), citizenId: ani.id, createdAt: at(6) });
  await s.trustedReporters.add({ channel: 'telegram', address: '42', name: 'Pak RT', rt: '01', rw: null, kelurahan: 'Sidodadi', kecamatan: null });
  await s.promptVersions.insert({ appliedAt: at(0), author: 'admin', hash: 'h', files: { 'a.yaml': 'x: 1' }, diff: '' });
  await s.deskLinks.link({ chatId: '-100', agency: 'dlh', linkedBy: '7', linkedAt: at(0) });
  await s.deskCards.save({ ticketId: a.id, chatId: '-100', messageId: 10, agency: 'dlh', extrasSent: true, updatedAt: at(5) });
  await s.deskCards.addPrompt({ chatId: '-100', messageId: 11, ticketId: a.id, action: 'selesaikan', userId: '7', photoPath: null, createdAt: at(6) });
  const admin = await s.webUsers.add('Admin', 'admin', 'scrypt$x', at(0));
  await s.webUsers.setDisabled('Admin', false);
  await s.webUsers.createSession('tok', admin.id, 'csrf', at(0), at(600));
  await s.webUsers.audit({ at: at(1), userName: 'Admin', action: 'login', ticketId: null, detail: null });
  await s.loginThrottle.put('budi', { failures: 2, lastFailureAt: at(1), nextAllowedAt: at(2) });
  await s.privacy.block({ channel: 'telegram', address: 'spam', blockedBy: 'Admin', reason: 'spam', blockedAt: at(1) });
  await s.privacy.requestErasure('telegram', '42', at(7));
}

/** Everything `fill` wrote, read back through the ports. */
async function readBack(s: DatabaseStore) {
  const tickets = await s.tickets.list({});
  return {
    tickets,
    timelines: await Promise.all(tickets.map(async (t) => [await s.tickets.events(t.id), await s.tickets.media(t.id), await s.tickets.supporters(t.id)])),
    citizens: await Promise.all([1, 2].map((id) => s.citizens.get(id))),
    alias: await s.citizens.findByAddress('whatsapp', '999@lid'),
    conversation: await s.conversations.get(1, 'whatsapp'),
    inbound: [await s.messages.countInbound(), await s.messages.hasInbound('whatsapp', 'w1'), await s.messages.lastInboundAt('whatsapp', 1)],
    export: await s.privacy.exportCitizen(1),
    outbox: await s.outbox.list({}),
    counts: await s.outbox.counts(),
    reporters: await s.trustedReporters.list(),
    prompts: [await s.promptVersions.latest(), await s.promptVersions.list(5)],
    desk: [await s.deskLinks.list(), await s.deskCards.forTicket(1), await s.deskCards.getPrompt('-100', 11), await s.deskCards.ticketOfMessage('-100', 10)],
    web: [await s.webUsers.list(), await s.webUsers.session('tok', at(10)), await s.webUsers.auditLog({})],
    throttle: await s.loginThrottle.get('budi'),
    privacy: [await s.privacy.listBlocked(), await s.privacy.pendingErasure('telegram', '42')],
    board: [await s.board.openCounts(), await s.board.recentlyResolved(5, []), await s.operations.backlog(), await s.eventLog.lastId()],
  };
}

describe.each(PG_ONLY)('copying a SQLite installation to $name', () => {
  let dir: string;
  let sqlitePath: string;
  let url: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'suarawarga-copy-'));
    sqlitePath = join(dir, 'suarawarga.db');
    url = await createTestDatabase();
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropTestDatabase(url);
  });

  it('copies every table with its ids; the PostgreSQL store reads the same data and carries on numbering', async () => {
    const lite = createSqliteStore(sqlitePath);
    await fill(lite);
    const before = await readBack(lite);
    await lite.close();

    const lines: string[] = [];
    const report = await copySqliteToPostgres(sqlitePath, url, (l) => lines.push(l));
    expect(report.tables.map((t) => t.table)).toEqual([...COPY_ORDER]);
    expect(report.tables.find((t) => t.table === 'tickets')!.rows).toBe(2);
    expect(lines.at(-1)).toMatch(new RegExp(`verified row counts of ${COPY_ORDER.length} tables`));

    const pg = await createPostgresStore(url);
    try {
      const after = await readBack(pg);
      // NUL cannot be stored in PostgreSQL text; it is the one character that changes.
      expect(after.export!.messages[0]!.text).toBe('Sampah\uFFFDnumpuk');
      expect({ ...after, export: undefined }).toEqual({ ...before, export: undefined });
      expect({ ...after.export, messages: [] }).toEqual({ ...before.export, messages: [] });
      expect(await pg.tickets.nextNumber('BM')).toBe('BM-0003');
      const c = (await pg.citizens.get(1))!;
      expect((await fileTicket(pg, c)).id).toBe(3);
      expect(await pg.outbox.enqueue({ target: citizenMessage('x', 'y'), createdAt: at() })).toBe(before.outbox.length + 1);
      expect((await pg.citizens.resolve('telegram', { address: 'baru' }, new Date(at()))).id).toBe(3);
    } finally {
      await pg.close();
    }
  });

  it('refuses a target that already holds tickets, and leaves it as it was', async () => {
    const lite = createSqliteStore(sqlitePath);
    await fill(lite);
    await lite.close();
    await copySqliteToPostgres(sqlitePath, url);
    await expect(copySqliteToPostgres(sqlitePath, url)).rejects.toThrow(/already holds 2 tickets; copy only into a new, empty database/);
    const pg = await createPostgresStore(url);
    expect(await pg.tickets.list({})).toHaveLength(2);
    await pg.close();
  });

  it('refuses while a service holds the SQLite file', async () => {
    await createSqliteStore(sqlitePath).close();
    const release = acquireInstanceLock(sqlitePath);
    try {
      await expect(copySqliteToPostgres(sqlitePath, url)).rejects.toThrow(/in use by SuaraWarga process .*stop the service first/);
    } finally {
      release();
    }
  });
});
