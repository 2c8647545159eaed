/** Version 9 for PostgreSQL: the counterpart of store/sqlite/migrations/009-instances.ts (read there why). */
import { T, type PgMigration } from './common.js';

export const INSTANCES_MIGRATION: PgMigration = {
  version: 9,
  name: 'several instances: outbox claimed_by and instance heartbeats',
  sql: `
    ALTER TABLE outbox ADD COLUMN claimed_by ${T};
    CREATE TABLE instances (
      id ${T} PRIMARY KEY,
      host ${T} NOT NULL,
      pid integer NOT NULL,
      started_at ${T} NOT NULL,
      seen_at ${T} NOT NULL
    );
    CREATE INDEX outbox_sending ON outbox (claimed_by) WHERE status = 'sending';
  `,
};
