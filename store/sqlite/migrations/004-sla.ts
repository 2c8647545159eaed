/**
 * Service-level clocks. Version 4 (Telegram desks use 2, web 3).
 *
 * reopened_at: when the citizen last said "belum beres". The resolve clock of a
 * reopened ticket restarts there (the agency gets a fresh window), computed from
 * this stored time rather than a timer, so it survives restarts.
 */
import type { Migration } from '../migrations.js';

export const SLA_MIGRATION: Migration = {
  version: 4,
  name: 'service-level clocks: reopened_at',
  sql: `
    ALTER TABLE tickets ADD COLUMN reopened_at TEXT;
  `,
};
