/**
 * PostgreSQL schema migrations, applied at start-up. Version numbers match
 * the SQLite migrations (store/sqlite/migrations.ts) one for one, so both
 * databases of one build have the same schema version; a new migration is
 * added on both sides with the same number. Never edit a shipped migration.
 *
 * Several instances may start together on one database: all of them take
 * the same transaction-scoped advisory lock first, so one migrates while the
 * others wait and then find nothing left to do. An up-to-date schema costs no
 * write, so an instance can still start on a read-only database (a standby
 * during failover) and refuse writes until it is writable again.
 */
import { refuseNewerSchema } from '../shared.js';
import type { Sql } from './database.js';
import { CORE_MIGRATION } from './migrations/001-core.js';
import {
  DESK_CARDS_MIGRATION, OPERATIONS_MIGRATION, PRIVACY_MIGRATION, SLA_MIGRATION, WEB_MIGRATION, WHATSAPP_CLOUD_MIGRATION,
} from './migrations/002-008.js';
import { INSTANCES_MIGRATION } from './migrations/009-instances.js';
import { TICKET_LOOKUPS_MIGRATION } from './migrations/010-ticket-lookups.js';
import { PLACE_INDEX_MIGRATION } from './migrations/011-place-index.js';
import type { PgMigration } from './migrations/common.js';

export type { PgMigration } from './migrations/common.js';

export const PG_MIGRATIONS: PgMigration[] = [
  CORE_MIGRATION,
  DESK_CARDS_MIGRATION,
  WEB_MIGRATION,
  SLA_MIGRATION,
  PRIVACY_MIGRATION,
  WHATSAPP_CLOUD_MIGRATION,
  OPERATIONS_MIGRATION,
  INSTANCES_MIGRATION,
  TICKET_LOOKUPS_MIGRATION,
  PLACE_INDEX_MIGRATION,
];

/** Key of the advisory lock all SuaraWarga instances migrate under ("SWmigr" in ASCII). */
const MIGRATION_LOCK = 0x53576d696772;

export async function migratePostgres(sql: Sql, migrations: PgMigration[] = PG_MIGRATIONS): Promise<void> {
  await sql.transaction(async () => {
    // Waits as long as another instance's migration takes, not the usual lock timeout.
    await sql.run('SET LOCAL lock_timeout = 0');
    await sql.run('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    if ((await sql.value<string | null>("SELECT to_regclass('schema_migrations')::text")) == null) {
      await sql.run('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
    }
    const applied = new Set((await sql.rows<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    refuseNewerSchema(applied, migrations);
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      await sql.run(m.sql);
      await sql.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
    }
  });
}

/** The schema version of a migrated database (for the SQLite → PostgreSQL copy and doctor). */
export async function schemaVersion(sql: Sql): Promise<number> {
  if ((await sql.value<string | null>("SELECT to_regclass('schema_migrations')::text")) == null) return 0;
  return (await sql.value<number | null>('SELECT max(version) FROM schema_migrations')) ?? 0;
}
