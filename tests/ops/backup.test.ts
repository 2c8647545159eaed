import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { operationsOf } from '../../app/operations.js';
import { backupDatabase, listBackups, restoreBackup, verifyBackup } from '../../store/sqlite/backup.js';
import { acquireInstanceLock, DatabaseLockedError } from '../../store/instance-lock.js';
import { fileTicket } from '../outbox/support.js';
import { createTestApp, tempWorkspace, type TestApp, sqliteDb } from '../support/app.js';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});
async function app(opts: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp> {
  const t = await createTestApp(opts);
  open.push(t);
  return t;
}

describe('a backup made while citizens keep writing restores into a new place', () => {
  it('backs up under a stream of incoming messages; the restored service has every ticket, event, outbox row and photo', async () => {
    const t = await app();
    const media = t.app.config.MEDIA_DIR;
    mkdirSync(join(media, 'telegram'), { recursive: true });
    writeFileSync(join(media, 'telegram', 'bukti.jpg'), 'JPEG bytes of a pothole');
    for (let i = 0; i < 40; i++) await fileTicket(t, `62812000${i}@c.us`, i % 2 ? 'sampah' : 'jalan_rusak');
    const before = (await t.app.store.tickets.list({ limit: 1000 })).length;

    // Every step of the copy lets another citizen message and another ticket in.
    const inFlight: Promise<void>[] = [];
    let steps = 0;
    const file = join(t.dir, 'backups', 'manual.db');
    await backupDatabase(sqliteDb(t.app.store), file, {
      mediaDir: media, now: t.clock.now(), pagesPerStep: 2,
      onStep: async () => {
        steps++;
        inFlight.push(t.channel.receive(`62899000${steps}@c.us`, 'sampah numpuk di depan pasar raya bima'));
        await fileTicket(t, `62877000${steps}@c.us`, 'lampu_jalan');
      },
    });
    await Promise.all(inFlight);
    await t.app.worker.drain();
    expect(steps).toBeGreaterThan(3);
    expect(verifyBackup(file).tickets).toBeGreaterThan(before);

    const target = tempWorkspace();
    const restored = await restoreBackup(file, { databasePath: target.dbPath, mediaDir: join(target.dir, 'media'), now: t.clock.now() });
    expect(restored.keptAside).toBeUndefined();
    expect(restored.mediaFiles).toBe(1);
    cpSync('prompts', target.promptsDir, { recursive: true });
    const r = await app({ dir: target.dir });

    const live = t.app.store;
    const back = r.app.store;
    const restoredTickets = await back.tickets.list({ limit: 10_000 });
    expect(restoredTickets.length).toBe(restored.counts.tickets);
    expect(restoredTickets.length).toBeGreaterThan(before);
    for (const ticket of restoredTickets) {
      expect(await live.tickets.get(ticket.id)).toEqual(ticket);
      // Written in one transaction with the ticket: its events and outbox rows are in the backup too.
      const events = await back.tickets.events(ticket.id);
      expect(events.length).toBeGreaterThan(0);
      expect((await live.tickets.events(ticket.id)).slice(0, events.length)).toEqual(events);
      expect((await back.outbox.list({ ticketId: ticket.id })).length).toBeGreaterThan(0);
    }
    for (const row of await back.outbox.list({ limit: 100_000 })) {
      expect((await live.outbox.get(row.id))?.target).toEqual(row.target);
    }
    expect(readFileSync(join(target.dir, 'media', 'telegram', 'bukti.jpg'), 'utf8')).toBe('JPEG bytes of a pothole');

    // The restored service works: a citizen files on it and numbering continues.
    const next = await fileTicket(r, '6281111111@c.us', 'sampah');
    expect(Number(next.number.slice(3))).toBe(restoredTickets.length + 1);
  });

  it('refuses to restore while the service runs on the database, and keeps the old file aside otherwise', async () => {
    const t = await app();
    await fileTicket(t, '628123@c.us', 'sampah');
    const file = join(t.dir, 'b.db');
    await backupDatabase(sqliteDb(t.app.store), file, { mediaDir: t.app.config.MEDIA_DIR, now: t.clock.now() });

    const target = await app();
    await fileTicket(target, '628124@c.us', 'sampah');
    await fileTicket(target, '628125@c.us', 'sampah');
    const path = target.app.config.DATABASE_PATH;
    const release = acquireInstanceLock(path);
    await expect(restoreBackup(file, { databasePath: path, mediaDir: join(target.dir, 'media'), now: t.clock.now() })).rejects.toBeInstanceOf(DatabaseLockedError);
    release();
    await target.app.stop();

    const r = await restoreBackup(file, { databasePath: path, mediaDir: join(target.dir, 'media'), now: t.clock.now() });
    expect(r.counts.tickets).toBe(1);
    expect(r.keptAside && existsSync(r.keptAside)).toBeTruthy();
    expect(verifyBackup(r.keptAside!).tickets).toBe(2);
  });

  it('a damaged backup is refused before anything is replaced', async () => {
    const t = await app();
    const bad = join(t.dir, 'broken.db');
    writeFileSync(bad, 'this is not a database');
    await expect(restoreBackup(bad, { databasePath: join(t.dir, 'other.db'), mediaDir: join(t.dir, 'm'), now: t.clock.now() })).rejects.toThrow(/broken\.db/);
    expect(existsSync(join(t.dir, 'other.db'))).toBe(false);
  });
});

describe('scheduled backups in the running service', () => {
  it('keeps the newest BACKUP_KEEP backups and shows the last one', async () => {
    const t = await app({ env: { BACKUP_KEEP: '2' } });
    const ops = operationsOf(t.app);
    for (let i = 0; i < 3; i++) {
      await fileTicket(t, `62812${i}@c.us`, 'sampah');
      await ops.backups.runNow();
      t.clock.advance(24 * 3_600_000);
    }
    const kept = listBackups(t.app.config.BACKUP_DIR);
    expect(kept).toHaveLength(2);
    expect(verifyBackup(kept[0]!.file).tickets).toBe(3);
    expect(ops.backups.status().last?.file).toBe(kept[0]!.file);
    expect(ops.backups.status().last?.bytes).toBeGreaterThan(0);
  });

  it('a failed backup tells the command-centre desk', async () => {
    const ws = tempWorkspace();
    writeFileSync(join(ws.dir, 'not-a-folder'), 'a file where the backup folder should be');
    const t = await app({ dir: ws.dir, env: { BACKUP_DIR: join(ws.dir, 'not-a-folder') } });
    await expect(operationsOf(t.app).backups.runNow()).rejects.toThrow();
    const notices = (await t.app.store.outbox.list({ limit: 100 })).filter((r) => r.target.kind === 'desk' && r.target.agency === 'KOMINFO');
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0]!.target)).toContain('Pencadangan otomatis GAGAL');
    expect(operationsOf(t.app).backups.status().failures).toBe(1);
  });
});
