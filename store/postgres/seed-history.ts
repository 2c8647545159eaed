/**
 * PostgreSQL side of store/seed-history.ts: the made-up history in one
 * transaction per chunk of tickets, each table written with one INSERT of
 * unnest()ed column arrays; identity sequences moved past the new ids.
 */
import { SEED_CHUNK, SEED_COLUMNS, seedBatch, type SeedBatch, type SeedOptions } from '../seed-history.js';
import { resetIdentity } from './copy-target.js';
import { openPostgres, type Sql } from './database.js';
import { migratePostgres } from './migrations.js';

const TABLES: Record<keyof SeedBatch, string> = {
  citizens: 'citizens', conversations: 'conversations', tickets: 'tickets', events: 'ticket_events', messages: 'messages', outbox: 'outbox',
};
const INTEGER = new Set(['id', 'citizen_id', 'ticket_id', 'attempts', 'escalation_level']);
const typeOf = (col: string) => (INTEGER.has(col) ? 'bigint' : col === 'confidence' ? 'float8' : 'text');

async function insertColumns(sql: Sql, table: string, cols: string[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const arrays = cols.map((_, c) => rows.map((r) => r[c]));
  await sql.run(`INSERT INTO ${table} (${cols.join(', ')}) SELECT * FROM unnest(${cols.map((col, c) => `$${c + 1}::${typeOf(col)}[]`).join(', ')})`, arrays);
}

export async function seedPostgres(url: string, opts: SeedOptions): Promise<void> {
  const sql = openPostgres(url, { maxConnections: 2, applicationName: 'suarawarga-seed' });
  try {
    await migratePostgres(sql);
    for (let start = opts.from; start < opts.from + opts.count; start += SEED_CHUNK) {
      const n = Math.min(SEED_CHUNK, opts.from + opts.count - start);
      await sql.transaction(async () => {
        const next = async (table: string) => (await sql.value<number>(`SELECT coalesce(max(id), 0) + 1 FROM ${table}`))!;
        const value = (await sql.value<number>(`INSERT INTO sequences (name, value) VALUES ($1, $2)
          ON CONFLICT (name) DO UPDATE SET value = sequences.value + excluded.value RETURNING value`, [`ticket:${opts.prefix}`, n]))!;
        const batch = seedBatch(opts, start, n, { citizen: await next('citizens'), ticket: await next('tickets'), sequence: value - n });
        for (const key of Object.keys(TABLES) as (keyof SeedBatch)[]) await insertColumns(sql, TABLES[key], SEED_COLUMNS[key], batch[key]);
        for (const table of ['citizens', 'tickets', 'ticket_events', 'messages', 'outbox']) await resetIdentity(sql, table, [{ name: 'id', type: 'bigint' }]);
      });
    }
    // What autovacuum would do shortly after a bulk load: the planner sees the tables as they now are.
    await sql.run('ANALYZE');
  } finally {
    await sql.close();
  }
}
