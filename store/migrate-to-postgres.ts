/**
 * Moves a SQLite installation to PostgreSQL: every table copied with its ids
 * into an empty, freshly migrated PostgreSQL database, in one transaction,
 * row counts checked per table before it commits. The SQLite file is only
 * read. Hooked as `npm run cli -- migrate-to-postgres` (docs/operations.md).
 */
import { lockHolder } from './instance-lock.js';
import { openPostgres, type Sql } from './postgres/database.js';
import { migratePostgres } from './postgres/migrations.js';
import { countRows, insertRows, resetIdentity, targetTables, type TargetColumn } from './postgres/copy-target.js';
import { MIGRATIONS } from './sqlite/migrations.js';
import { openSqliteSource, type SqliteSource } from './sqlite/copy-source.js';

/** Every table, parents before the tables that point at them. */
export const COPY_ORDER = [
  'citizens', 'citizen_aliases', 'conversations', 'messages', 'sequences',
  'tickets', 'ticket_events', 'ticket_media', 'ticket_supporters', 'ticket_place_terms', 'outbox',
  'trusted_reporters', 'prompt_versions',
  'desk_links', 'desk_cards', 'desk_messages', 'desk_prompts',
  'web_users', 'web_sessions', 'web_audit',
  'login_throttle', 'blocked_senders', 'privacy_requests',
  // Heartbeats of stopped services: copied for completeness, stale at once.
  'instances',
] as const;

export interface CopyReport { tables: { table: string; rows: number }[] }

/** At most this many values per INSERT (PostgreSQL allows 65535 parameters). */
const MAX_PARAMS = 30_000;

function checkSchemas(source: SqliteSource, target: Map<string, TargetColumn[]>): void {
  const known = Math.max(...MIGRATIONS.map((m) => m.version));
  if (source.schemaVersion !== known) {
    throw new Error(`the SQLite database is at schema ${source.schemaVersion}, this build copies schema ${known}: `
      + (source.schemaVersion < known ? 'start this SuaraWarga once on it (npm start) so it is upgraded, then copy again'
        : 'run the copy with the newer SuaraWarga that wrote it'));
  }
  const sourceTables = source.tables();
  const names = new Set<string>(COPY_ORDER);
  const unknown = [...sourceTables.keys(), ...target.keys()].filter((t) => !names.has(t));
  if (unknown.length) throw new Error(`table(s) ${[...new Set(unknown)].join(', ')} are not in COPY_ORDER of store/migrate-to-postgres.ts; add them there`);
  for (const table of COPY_ORDER) {
    const a = sourceTables.get(table)?.join(', ');
    const b = target.get(table)?.map((c) => c.name).join(', ');
    if (a !== b) throw new Error(`table ${table} differs between SQLite (${a ?? 'missing'}) and PostgreSQL (${b ?? 'missing'}); the two migrations disagree`);
  }
}

async function copyTable(sql: Sql, source: SqliteSource, table: string, columns: TargetColumn[]): Promise<number> {
  const perInsert = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / columns.length)));
  let batch: unknown[][] = [];
  let copied = 0;
  for (const row of source.rows(table, columns.map((c) => c.name))) {
    batch.push(row);
    if (batch.length === perInsert) {
      await insertRows(sql, table, columns, batch);
      copied += batch.length;
      batch = [];
    }
  }
  await insertRows(sql, table, columns, batch);
  return copied + batch.length;
}

/**
 * Copies the SQLite database at `sqlitePath` into the PostgreSQL database at
 * `url`. Refuses while a service holds the SQLite file or when the target
 * already holds data; throws naming the table whose row counts differ.
 */
export async function copySqliteToPostgres(sqlitePath: string, url: string, log: (line: string) => void = () => undefined): Promise<CopyReport> {
  const holder = lockHolder(sqlitePath);
  if (holder) {
    throw new Error(`${sqlitePath} is in use by SuaraWarga process ${holder.pid} on ${holder.host}; stop the service first (systemctl stop suarawarga) so the copy is complete`);
  }
  const source = openSqliteSource(sqlitePath);
  const sql = openPostgres(url, { maxConnections: 1, applicationName: 'suarawarga migrate-to-postgres' });
  try {
    await migratePostgres(sql);
    const target = await targetTables(sql);
    checkSchemas(source, target);
    return await sql.transaction(async () => {
      const tickets = await countRows(sql, 'tickets');
      if (tickets > 0) throw new Error(`the PostgreSQL database already holds ${tickets} tickets; copy only into a new, empty database`);
      const filled = [];
      for (const t of COPY_ORDER) if (await countRows(sql, t) > 0) filled.push(t);
      if (filled.length) throw new Error(`the PostgreSQL database already holds rows in ${filled.join(', ')}; copy only into a new, empty database`);

      const report: CopyReport = { tables: [] };
      for (const table of COPY_ORDER) {
        const rows = await copyTable(sql, source, table, target.get(table)!);
        await resetIdentity(sql, table, target.get(table)!);
        report.tables.push({ table, rows });
        log(`${table}: ${rows} rows`);
      }
      for (const { table } of report.tables) {
        const [from, to] = [source.count(table), await countRows(sql, table)];
        if (from !== to) throw new Error(`row counts of ${table} differ after the copy: SQLite ${from}, PostgreSQL ${to}; nothing was committed`);
      }
      log(`verified row counts of ${report.tables.length} tables`);
      return report;
    });
  } finally {
    source.close();
    await sql.close();
  }
}
