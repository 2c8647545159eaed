/**
 * A read-only look at a PostgreSQL database for `npm run cli -- doctor`: can
 * this host connect, which server it is, and which schema version the
 * database holds. It never migrates or writes (the doctor runs before the
 * first start, possibly against a production database).
 */
import { locationOf, openPostgres } from './database.js';
import { PG_MIGRATIONS } from './migrations.js';

export interface PostgresProbe {
  location: string;
  server: string;
  /** Highest migration applied; null for an empty database (migrated at the first start). */
  schema: number | null;
  /** Highest migration this build knows. */
  known: number;
}

export async function probePostgres(url: string, timeoutMs = 5000): Promise<PostgresProbe> {
  const sql = openPostgres(url, { maxConnections: 1, connectionTimeoutMs: timeoutMs, applicationName: 'suarawarga doctor' });
  try {
    const server = (await sql.value<string>('SHOW server_version'))!;
    const hasTable = await sql.value<boolean>("SELECT to_regclass('schema_migrations') IS NOT NULL");
    const schema = hasTable ? ((await sql.value<number | null>('SELECT max(version) FROM schema_migrations')) ?? null) : null;
    return { location: locationOf(url), server, schema, known: Math.max(...PG_MIGRATIONS.map((m) => m.version)) };
  } finally {
    await sql.close();
  }
}
