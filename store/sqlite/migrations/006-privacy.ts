/**
 * Privacy and security: the persisted login throttle, blocked senders,
 * pending erasure requests ("HAPUS DATA SAYA"), and marks for erased citizens
 * and tickets whose texts were removed. The append-only trigger on
 * ticket_events is narrowed so a note or data may be erased (set to NULL),
 * never rewritten. See docs/privacy.md.
 */
import type { Migration } from '../migrations.js';

export const PRIVACY_MIGRATION: Migration = {
  version: 6,
  name: 'privacy: login throttle, blocked senders, erasure and retention',
  sql: `
    -- One row per throttle key (a normalised user name, or a client address).
    CREATE TABLE login_throttle (
      key TEXT PRIMARY KEY,
      failures INTEGER NOT NULL,
      last_failure_at TEXT NOT NULL,
      next_allowed_at TEXT NOT NULL
    );
    CREATE INDEX login_throttle_last ON login_throttle (last_failure_at);
    CREATE TABLE blocked_senders (
      channel TEXT NOT NULL,
      address TEXT NOT NULL,
      blocked_by TEXT NOT NULL,
      reason TEXT,
      blocked_at TEXT NOT NULL,
      -- The sender was told once that messages are not processed.
      notified INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (channel, address)
    );
    CREATE TABLE privacy_requests (
      channel TEXT NOT NULL,
      address TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('erase')),
      requested_at TEXT NOT NULL,
      PRIMARY KEY (channel, address)
    );
    ALTER TABLE citizens ADD COLUMN erased_at TEXT;
    ALTER TABLE tickets ADD COLUMN texts_removed_at TEXT;

    DROP TRIGGER ticket_events_no_update;
    CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
      WHEN NEW.id IS NOT OLD.id OR NEW.ticket_id IS NOT OLD.ticket_id OR NEW.at IS NOT OLD.at OR NEW.action IS NOT OLD.action
        OR NEW.from_state IS NOT OLD.from_state OR NEW.to_state IS NOT OLD.to_state OR NEW.actor_type IS NOT OLD.actor_type
        OR NEW.actor_id IS NOT OLD.actor_id OR NEW.actor_name IS NOT OLD.actor_name
        OR (NEW.note IS NOT NULL AND NEW.note IS NOT OLD.note) OR (NEW.data IS NOT NULL AND NEW.data IS NOT OLD.data)
      BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only (only erasing a note or data is allowed)'); END;
  `,
};
