/**
 * The service's claim on its database: `<DATABASE_PATH>.lock` holding the
 * process id, host and start time. `npm start` takes it, so a second service
 * on the same file (two Telegram pollers fighting over one token) and a
 * restore under a running service are refused. A lock left by a process that
 * no longer runs on this host (a crash, a power cut) is taken over.
 */
import { hostname } from 'node:os';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Who holds a database's lock. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

export const lockPathOf = (databasePath: string) => `${databasePath}.lock`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function read(path: string): LockHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return typeof h.pid === 'number' ? h : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The live holder of the database's lock, if any. A holder on another host
 * cannot be checked and counts as live (a shared disk: do not restore under it).
 */
export function lockHolder(databasePath: string): LockHolder | undefined {
  const h = read(lockPathOf(databasePath));
  if (!h) return undefined;
  if (h.host !== hostname()) return h;
  return h.pid === process.pid || alive(h.pid) ? h : undefined;
}

export class DatabaseLockedError extends Error {
  constructor(readonly databasePath: string, readonly holder: LockHolder) {
    super(`${databasePath} is in use by SuaraWarga process ${holder.pid} on ${holder.host} (since ${holder.startedAt}). `
      + `Stop that service first (systemctl stop suarawarga, or Ctrl-C), or point DATABASE_PATH at another file. `
      + `If that process is gone, delete ${lockPathOf(databasePath)}.`);
    this.name = 'DatabaseLockedError';
  }
}

/** Takes the lock for this process; throws DatabaseLockedError while another live process holds it. Returns the release function. */
export function acquireInstanceLock(databasePath: string, now: Date = new Date()): () => void {
  const path = lockPathOf(databasePath);
  mkdirSync(dirname(path), { recursive: true });
  const mine: LockHolder = { pid: process.pid, host: hostname(), startedAt: now.toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      return () => {
        if (read(path)?.pid === mine.pid) rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = lockHolder(databasePath);
      if (holder && holder.pid !== process.pid) throw new DatabaseLockedError(databasePath, holder);
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not take ${path}; another process keeps recreating it`);
}
