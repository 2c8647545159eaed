/**
 * Version 10 for PostgreSQL, the counterpart of
 * store/sqlite/migrations/010-ticket-lookups.ts (read there why). The
 * case-insensitive number index exists here since version 1
 * (tickets_number_nocase on lower(number)); only the open-ticket index is new.
 */
import type { PgMigration } from './common.js';

export const TICKET_LOOKUPS_MIGRATION: PgMigration = {
  version: 10,
  name: 'ticket lookups: number ignoring case, open tickets by category',
  sql: `
    CREATE INDEX tickets_open_category ON tickets (category, created_at) WHERE state IN ('baru','diteruskan','diproses');
  `,
};
