/**
 * Ticket lookups that stay fast with many tickets. Version 10 (9 is the
 * outbox's claimed_by).
 *
 * tickets_number_nocase: a citizen's "status BM-0042" and "laporan saya" look
 * a ticket up by number ignoring case (COLLATE NOCASE); the UNIQUE index on
 * number is BINARY, so without this each lookup scanned the table (20 ms at
 * 100,000 tickets). PostgreSQL has had its lower(number) index since 1.
 *
 * tickets_open_category: the duplicate check at confirmation reads the open
 * tickets of a category filed in the last days (openSimilar); with closed
 * tickets left out of the index it reads only the open ones, however many
 * tickets were closed in that window.
 */
import type { Migration } from '../migrations.js';

export const TICKET_LOOKUPS_MIGRATION: Migration = {
  version: 10,
  name: 'ticket lookups: number ignoring case, open tickets by category',
  sql: `
    CREATE INDEX tickets_number_nocase ON tickets (number COLLATE NOCASE);
    CREATE INDEX tickets_open_category ON tickets (category, created_at) WHERE state IN ('baru','diteruskan','diproses');
  `,
};
