/**
 * Operations. Version 8.
 *
 * The metrics endpoint reads recent deliveries (sent_at) for the delivery
 * latency histogram on every scrape; without this index each scrape would scan
 * the whole outbox.
 */
import type { Migration } from '../migrations.js';

export const OPERATIONS_MIGRATION: Migration = {
  version: 8,
  name: 'operations: outbox sent_at index for delivery metrics',
  sql: `
    CREATE INDEX IF NOT EXISTS outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;
  `,
};
