/**
 * Opens the SQLite database (the one wrapper around better-sqlite3's
 * connection): WAL on disk, foreign keys on, migrations applied at start-up.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { refuseNewerSchema } from '../shared.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Db = Database.Database;

export function openDatabase(path: string, migrations: Migration[] = MIGRATIONS): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path);
  } catch (err) {
    throw new Error(`Cannot open the SQLite database at ${path}: ${(err as Error).message}. Check DATABASE_PATH and that its folder is writable.`, { cause: err });
  }
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only a power loss can drop the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

/**
 * A LIMIT for the SQL text. SQLite plans a statement whose LIMIT is a bound
 * parameter again on every run (the limit can change the best plan), which on
 * a table with several indexes costs more than the query itself (10-25 µs);
 * with the number written in, the prepared plan is reused. Whole numbers only.
 */
export function sqlLimit(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a row limit: ${n} (a whole number of rows ≥ 0)`);
  return String(n);
}

function migrate(db: Db, migrations: Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  refuseNewerSchema(applied, migrations);
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
  }
}

/**
 * The SQLite library version, loading the native module on the way (doctor:
 * a failed build of better-sqlite3 shows here, before the service starts).
 */
export function sqliteLibraryVersion(): string {
  // better-sqlite3 loads its native binding in the constructor, so a broken build throws here.
  const db = new Database(':memory:');
  try {
    return db.prepare('SELECT sqlite_version()').pluck().get() as string;
  } finally {
    db.close();
  }
}
