/**
 * The PostgreSQL side of the copy from SQLite (store/migrate-to-postgres.ts):
 * the migrated schema's tables and columns, bulk inserts that keep the ids,
 * and identity sequences moved past the copied ids.
 */
import type { Sql } from './database.js';

export interface TargetColumn { name: string; type: string }

/** Tables of the current schema (without schema_migrations), columns in order. */
export async function targetTables(sql: Sql): Promise<Map<string, TargetColumn[]>> {
  const rows = await sql.rows<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name <> 'schema_migrations' ORDER BY table_name, ordinal_position`);
  const out = new Map<string, TargetColumn[]>();
  for (const r of rows) out.set(r.table_name, [...(out.get(r.table_name) ?? []), { name: r.column_name, type: r.data_type }]);
  return out;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export const countRows = async (sql: Sql, table: string) => (await sql.value<number>(`SELECT count(*) FROM ${quote(table)}`))!;

/** Inserts rows (arrays in column order); SQLite's 0/1 flags become booleans. */
export async function insertRows(sql: Sql, table: string, columns: TargetColumn[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const flags = columns.map((c) => c.type === 'boolean');
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((v, i) => `$${params.push(flags[i] && v !== null ? v !== 0 : v)}`).join(', ')})`);
  await sql.run(`INSERT INTO ${quote(table)} (${columns.map((c) => quote(c.name)).join(', ')}) VALUES ${tuples.join(', ')}`, params);
}

/** The next generated id of a table with an identity column follows the largest copied one. */
export async function resetIdentity(sql: Sql, table: string, columns: TargetColumn[]): Promise<void> {
  if (!columns.some((c) => c.name === 'id')) return;
  const sequence = await sql.value<string | null>("SELECT pg_get_serial_sequence($1, 'id')", [table]);
  if (!sequence) return;
  await sql.value(`SELECT setval($1, (SELECT coalesce(max(id), 0) + 1 FROM ${quote(table)}), false)`, [sequence]);
}
