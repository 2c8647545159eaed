/**
 * `npm run cli -- backup FILE` and `restore FILE` (docs/operations.md).
 */
import type { AppConfig } from '../app/config.js';
import { backupDatabase, openExistingDatabase, restoreBackup } from '../store/sqlite/backup.js';

export async function runBackupCommand(cmd: 'backup' | 'restore', args: string[], config: AppConfig, out: (line: string) => void): Promise<number> {
  if (config.DATABASE_URL) {
    out(`${cmd} is for the embedded SQLite file; this service runs on PostgreSQL (DATABASE_URL): use pg_dump / pg_restore or your database team's backups (docs/operations.md)`);
    return 2;
  }
  const file = args[0];
  if (!file) {
    out(`usage: npm run cli -- ${cmd} FILE   (e.g. ${cmd} data/backups/manual.db)`);
    return 2;
  }
  if (cmd === 'backup') {
    const db = openExistingDatabase(config.DATABASE_PATH);
    try {
      // One step: another process (the service) writing meanwhile would otherwise restart the copy.
      const r = await backupDatabase(db, file, { mediaDir: config.MEDIA_DIR, now: new Date(), pagesPerStep: 0x7fffffff });
      out(`backup ${r.file}: ${r.bytes} bytes, integrity ok, ${r.counts.tickets} tickets, ${r.counts.ticketEvents} events, ${r.counts.outbox} outbox rows`);
      out(`photos ${r.mediaFile}: ${r.mediaFiles} files, ${r.mediaBytes} bytes`);
    } finally {
      db.close();
    }
    return 0;
  }
  const r = await restoreBackup(file, { databasePath: config.DATABASE_PATH, mediaDir: config.MEDIA_DIR, now: new Date() });
  out(`restored ${file} into ${r.databasePath}: ${r.counts.tickets} tickets, ${r.counts.ticketEvents} events, ${r.counts.outbox} outbox rows, ${r.mediaFiles} photos`);
  out(r.keptAside ? `the previous database is kept at ${r.keptAside}` : 'there was no previous database');
  out('start the service (npm start); migrations run at start-up');
  return 0;
}
