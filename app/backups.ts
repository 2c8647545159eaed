/**
 * Scheduled backups inside the running service: every BACKUP_EVERY_HOURS a
 * copy of the live database and photos goes to BACKUP_DIR, the newest
 * BACKUP_KEEP are kept, and a failure is logged and told to the command-centre
 * desk. The last good backup is found on disk at start-up, so the schedule
 * and the health page survive restarts.
 */
import { join } from 'node:path';
import type { Clock, Logger } from '../core/ports.js';
import { listBackups, pruneBackups, scheduledBackupName, type BackupResult } from '../store/sqlite/backup.js';
import type { DatabaseStore } from '../store/index.js';
import type { BackupStatus } from '../web/host.js';

export type { BackupStatus } from '../web/host.js';

export interface BackupSchedulerOptions {
  /** The database's own online backup (SQLite); undefined on PostgreSQL, whose backups are pg_dump's job. */
  backup: DatabaseStore['backupTo'];
  dir: string;
  everyHours: number;
  keep: number;
  mediaDir: string;
  clock: Clock;
  logger: Logger;
  /** A scheduled backup failed (the app tells the command-centre desk). */
  onFailure(message: string): Promise<void> | void;
}

const FIRST_DELAY_MS = 60_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export function createBackupScheduler(opts: BackupSchedulerOptions) {
  const { logger, clock } = opts;
  const found = listBackups(opts.dir)[0];
  const status: BackupStatus = { ...(found ? { last: found } : {}), failures: 0, running: false };
  let running: Promise<BackupResult> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;

  /** Makes a backup now (a second call while one runs gets the same one). */
  function runNow(): Promise<BackupResult> {
    if (running) return running;
    const backup = opts.backup;
    if (!backup) {
      return Promise.reject(new Error('this service runs on PostgreSQL: back it up with pg_dump or your database team\'s tooling (see docs/operations.md); BACKUP_EVERY_HOURS applies to the embedded SQLite file only'));
    }
    const at = clock.now();
    const file = join(opts.dir, scheduledBackupName(at));
    status.running = true;
    running = backup(file, { mediaDir: opts.mediaDir, now: at }).then((r: BackupResult) => {
      status.last = { file: r.file, at: new Date(r.at), bytes: r.bytes };
      const pruned = pruneBackups(opts.dir, opts.keep);
      logger.info({ file: r.file, bytes: r.bytes, mediaFiles: r.mediaFiles, tickets: r.counts.tickets, pruned: pruned.length }, 'backup made and checked (PRAGMA integrity_check ok)');
      return r;
    }, async (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      status.failures++;
      status.lastError = { at: at.toISOString(), message };
      logger.error({ err, dir: opts.dir }, 'backup failed; the command-centre desk is told');
      try {
        await opts.onFailure(message);
      } catch (notifyErr) {
        logger.error({ err: notifyErr }, 'could not tell the command-centre desk that the backup failed');
      }
      throw err;
    }).finally(() => {
      status.running = false;
      running = undefined;
    });
    return running;
  }

  function schedule(): void {
    clearTimeout(timer);
    if (stopped || opts.everyHours <= 0 || !opts.backup) return;
    const every = opts.everyHours * 3_600_000;
    const failedAt = status.lastError ? Date.parse(status.lastError.at) : 0;
    // After a failure, try again within the hour (one notice per attempt, not a flood).
    const due = failedAt > (status.last?.at.getTime() ?? 0) ? failedAt + Math.min(every, 3_600_000)
      : status.last ? status.last.at.getTime() + every : clock.now().getTime() + FIRST_DELAY_MS;
    const wait = Math.min(MAX_TIMER_MS, Math.max(FIRST_DELAY_MS, due - clock.now().getTime()));
    status.nextAt = new Date(clock.now().getTime() + wait);
    timer = setTimeout(() => {
      // A failure is already logged and told; try again at the next interval.
      void runNow().catch(() => undefined).finally(schedule);
    }, wait);
    timer.unref();
  }

  return {
    status: (): BackupStatus => ({ ...status }),
    runNow,
    start(): void {
      stopped = false;
      schedule();
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

export type BackupScheduler = ReturnType<typeof createBackupScheduler>;
