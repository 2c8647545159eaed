/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set
 * (several instances on one shared database), otherwise the embedded SQLite
 * file at DATABASE_PATH. Migrations run here, at start-up, on both.
 */
import type { DatabaseStore } from './types.js';

export type { DatabaseStore, DatabaseKind } from './types.js';
export { createSqliteStore, type SqliteStore } from './sqlite/index.js';
// Type only: pg is loaded when DATABASE_URL asks for it.
export type { PostgresStore, PostgresOptions } from './postgres/index.js';

export interface DatabaseSettings {
  DATABASE_PATH: string;
  DATABASE_URL?: string | undefined;
}

export async function openStore(settings: DatabaseSettings, opts: { onError?: (err: Error) => void } = {}): Promise<DatabaseStore> {
  if (settings.DATABASE_URL) {
    const { createPostgresStore } = await import('./postgres/index.js');
    return createPostgresStore(settings.DATABASE_URL, { ...(opts.onError ? { onIdleError: opts.onError } : {}) });
  }
  const { createSqliteStore } = await import('./sqlite/index.js');
  return createSqliteStore(settings.DATABASE_PATH);
}
