/**
 * Several instances. Version 9.
 *
 * Each outbox row being sent names the instance that claimed it, and each
 * running instance keeps a heartbeat in `instances`. A row left 'sending' is
 * only declared interrupted (and marked uncertain) when the instance that
 * claimed it is gone, never while a live instance is still sending it.
 */
import type { Migration } from '../migrations.js';

export const INSTANCES_MIGRATION: Migration = {
  version: 9,
  name: 'several instances: outbox claimed_by and instance heartbeats',
  sql: `
    ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
    CREATE TABLE instances (
      id TEXT PRIMARY KEY,
      host TEXT NOT NULL,
      pid INTEGER NOT NULL,
      started_at TEXT NOT NULL,
      seen_at TEXT NOT NULL
    );
    CREATE INDEX outbox_sending ON outbox (claimed_by) WHERE status = 'sending';
  `,
};
