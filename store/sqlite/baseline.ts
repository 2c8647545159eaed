/**
 * What plain better-sqlite3 does on a disk, for the pipeline benchmark's
 * ratio: one small INSERT per transaction, with the same WAL and
 * synchronous=NORMAL settings the store uses (database.ts). The ceiling for
 * any SQLite application on that disk; SuaraWarga's pipeline is measured
 * against it in the same run.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { rmSync } from 'node:fs';

/** Transactions per second of one-insert transactions in a fresh file in `dir` (deleted afterwards). */
export function plainSqliteTransactionsPerSecond(dir: string, n = 20_000): number {
  const file = join(dir, 'baseline.db');
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, citizen TEXT, body TEXT, at TEXT)');
    const insert = db.prepare('INSERT INTO t (citizen, body, at) VALUES (?, ?, ?)');
    const tx = db.transaction((i: number) => insert.run(`c${i % 500}`, 'sampah numpuk di jalan sudirman', new Date().toISOString()));
    for (let i = 0; i < 1_000; i++) tx(i); // warm-up
    const start = performance.now();
    for (let i = 0; i < n; i++) tx(i);
    return n / ((performance.now() - start) / 1000);
  } finally {
    db.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }
}
