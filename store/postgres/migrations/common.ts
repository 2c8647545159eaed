/** What every PostgreSQL migration file shares. */

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Text as SQLite keeps it: compared and sorted byte by byte (SQLite's BINARY
 * collation), whatever locale the database was created with. ISO timestamps
 * are such text, so they order by time; lower() on it folds ASCII only, as
 * SQLite's NOCASE does.
 */
export const T = 'text COLLATE "C"';
