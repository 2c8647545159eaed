/**
 * The SQLite side of the copy to PostgreSQL (store/migrate-to-postgres.ts):
 * the file opened read-only, its tables and columns, and its rows read inside
 * one read transaction, so the copy is one consistent snapshot.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { Db } from './database.js';

export interface SqliteSource {
  readonly schemaVersion: number;
  /** Every table the application keeps, with its columns in order. */
  tables(): Map<string, string[]>;
  count(table: string): number;
  /** Rows as arrays in the order of `columns`. */
  rows(table: string, columns: string[]): IterableIterator<unknown[]>;
  close(): void;
}

export function openSqliteSource(path: string): SqliteSource {
  if (!existsSync(path)) throw new Error(`no SQLite database at ${path}; check DATABASE_PATH`);
  const db: Db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  // A snapshot: writes by anyone else after this point are not part of the copy.
  db.exec('BEGIN');
  const hasMigrations = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  const schemaVersion = hasMigrations ? (db.prepare('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck().get() as number) : 0;
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return {
    schemaVersion,
    tables() {
      const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name")
        .pluck().all() as string[];
      return new Map(names.map((t) => [t, (db.prepare(`PRAGMA table_info(${quote(t)})`).all() as { name: string }[]).map((c) => c.name)]));
    },
    count: (table) => db.prepare(`SELECT count(*) FROM ${quote(table)}`).pluck().get() as number,
    rows: (table, columns) => db.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} ORDER BY rowid`).raw().iterate() as IterableIterator<unknown[]>,
    close() {
      if (db.inTransaction) db.exec('COMMIT');
      db.close();
    },
  };
}
