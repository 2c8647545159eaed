/**
 * Backups that restore: a consistent copy of the live SQLite database made
 * with SQLite's online backup API (better-sqlite3's db.backup) while the
 * service keeps writing, checked with PRAGMA integrity_check before it gets
 * its final name, plus the photos in `<file>.media.tar` next to it.
 *
 * Restore refuses while a service holds the database (store/instance-lock.ts),
 * checks the backup first, and keeps the replaced database (with its WAL)
 * aside under `<DATABASE_PATH>.before-restore-<time>`. See docs/operations.md.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Db } from './database.js';
import { lockHolder, DatabaseLockedError } from '../instance-lock.js';
import { extractMediaArchive, writeMediaArchive } from '../media-archive.js';
import { MIGRATIONS } from './migrations.js';

/** Rows a backup holds, so an operator can compare it with the live database. */
export interface BackupCounts {
  tickets: number;
  ticketEvents: number;
  outbox: number;
  messages: number;
}

export interface BackupResult {
  file: string;
  mediaFile: string;
  at: string;
  /** Size of the database copy in bytes. */
  bytes: number;
  mediaFiles: number;
  mediaBytes: number;
  counts: BackupCounts;
}

export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}

export const mediaFileOf = (file: string) => `${file}.media.tar`;

/** Opens an existing database for a backup from outside the service (never creates an empty one on a typo). */
export function openExistingDatabase(path: string): Db {
  if (!existsSync(path)) throw new BackupError(`no database at ${path}; check DATABASE_PATH`);
  const db = new Database(path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

function countsOf(db: Db): BackupCounts {
  const n = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { tickets: n('tickets'), ticketEvents: n('ticket_events'), outbox: n('outbox'), messages: n('messages') };
}

/**
 * Checks a backup file: SQLite's integrity check and a schema this build can
 * run. Returns its counts; throws BackupError naming what is wrong.
 */
export function verifyBackup(file: string): BackupCounts {
  if (!existsSync(file)) throw new BackupError(`no backup at ${file}`);
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new BackupError(`${file} cannot be opened as an SQLite database: ${(err as Error).message}`, { cause: err });
  }
  try {
    let result: { integrity_check: string }[];
    try {
      result = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    } catch (err) {
      throw new BackupError(`${file} is not a readable SQLite database: ${(err as Error).message}`, { cause: err });
    }
    const problems = result.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length) throw new BackupError(`${file} failed PRAGMA integrity_check: ${problems.slice(0, 5).join('; ')}`);
    const known = Math.max(...MIGRATIONS.map((m) => m.version));
    let newest: number;
    try {
      newest = db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number;
    } catch (err) {
      throw new BackupError(`${file} is not a SuaraWarga database (no schema_migrations table)`, { cause: err });
    }
    if (newest > known) throw new BackupError(`${file} was made by a newer SuaraWarga (schema ${newest}, this build knows ${known}); restore it with that version`);
    return countsOf(db);
  } finally {
    db.close();
  }
}

/**
 * Copies the live database to `file` (and the media folder to `<file>.media.tar`).
 * Runs in small steps on the event loop, so the service keeps answering
 * citizens meanwhile; writes made through `db` during the copy are carried
 * into it. `onStep` runs after each step (tests stream messages in there).
 */
export async function backupDatabase(db: Db, file: string, opts: { mediaDir: string; now: Date; pagesPerStep?: number; onStep?: () => void }): Promise<BackupResult> {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  rmSync(tmp, { force: true });
  const step = opts.pagesPerStep ?? 256;
  try {
    await db.backup(tmp, {
      progress: () => {
        opts.onStep?.();
        return step;
      },
    });
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new BackupError(`copying the database to ${tmp} failed: ${(err as Error).message}; check free space and permissions of ${dirname(file)}`, { cause: err });
  }
  let counts: BackupCounts;
  try {
    counts = verifyBackup(tmp);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  renameSync(tmp, file);
  const mediaFile = mediaFileOf(file);
  let media: { files: number; bytes: number };
  try {
    media = await writeMediaArchive(opts.mediaDir, mediaFile, opts.now);
  } catch (err) {
    throw new BackupError(`the database copy ${file} is good, but archiving photos from ${opts.mediaDir} failed: ${(err as Error).message}`, { cause: err });
  }
  return {
    file, mediaFile, at: opts.now.toISOString(), bytes: statSync(file).size,
    mediaFiles: media.files, mediaBytes: media.bytes, counts,
  };
}

export interface RestoreResult {
  databasePath: string;
  /** Where the replaced database went (undefined when there was none). */
  keptAside?: string;
  counts: BackupCounts;
  mediaFiles: number;
}

/**
 * Restores `file` into `databasePath` (and its media archive, when present, into
 * `mediaDir`). Refuses while a service holds the database.
 */
export async function restoreBackup(file: string, opts: { databasePath: string; mediaDir: string; now: Date }): Promise<RestoreResult> {
  const holder = lockHolder(opts.databasePath);
  if (holder) throw new DatabaseLockedError(opts.databasePath, holder);
  const counts = verifyBackup(file);
  const mediaFile = mediaFileOf(file);
  mkdirSync(dirname(opts.databasePath), { recursive: true });
  let keptAside: string | undefined;
  if (existsSync(opts.databasePath)) {
    keptAside = `${opts.databasePath}.before-restore-${opts.now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(opts.databasePath, keptAside);
    // The WAL holds the newest commits of the old file: it travels with it.
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(opts.databasePath + suffix)) renameSync(opts.databasePath + suffix, keptAside + suffix);
    }
  }
  const tmp = `${opts.databasePath}.restoring`;
  copyFileSync(file, tmp);
  renameSync(tmp, opts.databasePath);
  let mediaFiles = 0;
  if (existsSync(mediaFile)) mediaFiles = (await extractMediaArchive(mediaFile, opts.mediaDir)).files;
  return { databasePath: opts.databasePath, ...(keptAside ? { keptAside } : {}), counts, mediaFiles };
}

/** A backup found in a backup folder. */
export interface BackupFile {
  file: string;
  at: Date;
  bytes: number;
}

const SCHEDULED = /^suarawarga-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.db$/;

/** The name of a scheduled backup made at `at` (sorts by time). */
export function scheduledBackupName(at: Date): string {
  return `suarawarga-${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z.db`;
}

/** Scheduled backups in `dir`, newest first. */
export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const m = SCHEDULED.exec(name);
    if (!m) return [];
    const file = join(dir, name);
    return [{ file, at: new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`), bytes: statSync(file).size }];
  }).sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** Deletes all but the newest `keep` scheduled backups (and their media archives). Returns the deleted files. */
export function pruneBackups(dir: string, keep: number): string[] {
  const old = listBackups(dir).slice(keep);
  for (const b of old) {
    rmSync(b.file, { force: true });
    rmSync(mediaFileOf(b.file), { force: true });
  }
  return old.map((b) => basename(b.file));
}
