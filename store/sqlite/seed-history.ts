/** SQLite side of store/seed-history.ts: the made-up history in one transaction per chunk of tickets. */
import { SEED_CHUNK, SEED_COLUMNS, seedBatch, type SeedBatch, type SeedOptions } from '../seed-history.js';
import type { Statement } from 'better-sqlite3';
import { openDatabase } from './database.js';

const TABLES: Record<keyof SeedBatch, string> = {
  citizens: 'citizens', conversations: 'conversations', tickets: 'tickets', events: 'ticket_events', messages: 'messages', outbox: 'outbox',
};

export function seedSqlite(path: string, opts: SeedOptions): void {
  const db = openDatabase(path);
  try {
    const insert = Object.fromEntries(Object.entries(SEED_COLUMNS).map(([key, cols]) => [key,
      db.prepare(`INSERT INTO ${TABLES[key as keyof SeedBatch]} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)])) as
      Record<keyof SeedBatch, Statement<unknown[]>>;
    const nextId = (table: string) => (db.prepare(`SELECT coalesce(max(id), 0) + 1 FROM ${table}`).pluck().get() as number);
    const bump = db.prepare(`INSERT INTO sequences (name, value) VALUES (?, ?)
      ON CONFLICT (name) DO UPDATE SET value = value + excluded.value RETURNING value`).pluck();
    const chunk = db.transaction((start: number, n: number) => {
      const sequence = (bump.get(`ticket:${opts.prefix}`, n) as number) - n;
      const batch = seedBatch(opts, start, n, { citizen: nextId('citizens'), ticket: nextId('tickets'), sequence });
      for (const key of Object.keys(TABLES) as (keyof SeedBatch)[]) for (const row of batch[key]) insert[key].run(...row);
    });
    for (let start = opts.from; start < opts.from + opts.count; start += SEED_CHUNK) {
      chunk(start, Math.min(SEED_CHUNK, opts.from + opts.count - start));
    }
    // No ANALYZE: the service never runs one, so the benchmark's query plans are the ones it gets.
  } finally {
    db.close();
  }
}
