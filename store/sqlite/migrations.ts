/**
 * Versioned schema migrations, applied in order at start-up inside one
 * transaction each. Never edit a shipped migration: add a new one.
 */
import { DESK_CARDS_MIGRATION } from './migrations/002-desk-cards.js';
import { WEB_MIGRATION } from './migrations/003-web.js';
import { SLA_MIGRATION } from './migrations/004-sla.js';
import { PRIVACY_MIGRATION } from './migrations/006-privacy.js';
import { WHATSAPP_CLOUD_MIGRATION } from './migrations/007-whatsapp-cloud.js';
import { OPERATIONS_MIGRATION } from './migrations/008-operations.js';
import { INSTANCES_MIGRATION } from './migrations/009-instances.js';
import { TICKET_LOOKUPS_MIGRATION } from './migrations/010-ticket-lookups.js';
import { PLACE_INDEX_MIGRATION } from './migrations/011-place-index.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'core tables',
    sql: `
      CREATE TABLE citizens (
        id INTEGER PRIMARY KEY,
        channel TEXT NOT NULL,
        address TEXT NOT NULL,
        display_name TEXT,
        phone TEXT,
        muted INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        UNIQUE (channel, address)
      );
      -- Other addresses of the same person on a channel (WhatsApp @lid vs @c.us).
      CREATE TABLE citizen_aliases (
        channel TEXT NOT NULL,
        address TEXT NOT NULL,
        citizen_id INTEGER NOT NULL REFERENCES citizens(id),
        PRIMARY KEY (channel, address)
      );
      CREATE TABLE conversations (
        citizen_id INTEGER NOT NULL REFERENCES citizens(id),
        channel TEXT NOT NULL,
        state TEXT NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (citizen_id, channel)
      );
      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        channel TEXT NOT NULL,
        external_id TEXT,
        citizen_id INTEGER REFERENCES citizens(id),
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        text TEXT,
        payload TEXT,
        created_at TEXT NOT NULL
      );
      -- A redelivered inbound message is processed once.
      CREATE UNIQUE INDEX messages_inbound_unique ON messages (channel, external_id) WHERE direction = 'in';
      CREATE INDEX messages_citizen ON messages (citizen_id, id);

      CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);

      CREATE TABLE tickets (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        citizen_id INTEGER NOT NULL REFERENCES citizens(id),
        channel TEXT NOT NULL,
        category TEXT NOT NULL,
        agency TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('baru','diteruskan','diproses','selesai','ditutup','ditolak','dibatalkan')),
        description TEXT NOT NULL,
        location_text TEXT,
        kelurahan TEXT,
        kecamatan TEXT,
        rt TEXT,
        rw TEXT,
        latitude REAL,
        longitude REAL,
        confidence REAL NOT NULL,
        emergency INTEGER NOT NULL DEFAULT 0,
        confidential INTEGER NOT NULL DEFAULT 0,
        trusted_reporter TEXT,
        assignee_id TEXT,
        assignee_name TEXT,
        escalation_level INTEGER NOT NULL DEFAULT 0,
        reopen_count INTEGER NOT NULL DEFAULT 0,
        rating INTEGER,
        rating_comment TEXT,
        route_rule TEXT,
        sla_notice TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        forwarded_at TEXT,
        taken_at TEXT,
        resolved_at TEXT,
        closed_at TEXT
      );
      CREATE INDEX tickets_state ON tickets (state, agency);
      CREATE INDEX tickets_citizen ON tickets (citizen_id);
      CREATE INDEX tickets_category_created ON tickets (category, created_at);

      -- Append-only: every transition and action, with who and when.
      CREATE TABLE ticket_events (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT,
        actor_type TEXT NOT NULL,
        actor_id TEXT,
        actor_name TEXT,
        note TEXT,
        data TEXT
      );
      CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);
      CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
        BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;
      CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
        BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;

      CREATE TABLE ticket_media (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        path TEXT NOT NULL,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        added_at TEXT NOT NULL
      );
      CREATE INDEX ticket_media_ticket ON ticket_media (ticket_id);

      CREATE TABLE ticket_supporters (
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        citizen_id INTEGER NOT NULL REFERENCES citizens(id),
        at TEXT NOT NULL,
        PRIMARY KEY (ticket_id, citizen_id)
      );
      CREATE INDEX ticket_supporters_citizen ON ticket_supporters (citizen_id);

      -- Durable outbox: written in the same transaction as the change that caused it.
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        target TEXT NOT NULL,
        channel TEXT NOT NULL,
        recipient_key TEXT NOT NULL,
        ticket_id INTEGER,
        citizen_id INTEGER,
        status TEXT NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending','sending','sent','failed','skipped','uncertain')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        external_id TEXT,
        created_at TEXT NOT NULL,
        claimed_at TEXT,
        sent_at TEXT
      );
      CREATE INDEX outbox_due ON outbox (channel, status, next_attempt_at);
      CREATE INDEX outbox_recipient ON outbox (recipient_key, status, id);
      CREATE INDEX outbox_ticket ON outbox (ticket_id);

      CREATE TABLE trusted_reporters (
        id INTEGER PRIMARY KEY,
        channel TEXT NOT NULL,
        address TEXT NOT NULL,
        name TEXT NOT NULL,
        rt TEXT, rw TEXT, kelurahan TEXT, kecamatan TEXT,
        UNIQUE (channel, address)
      );

      CREATE TABLE prompt_versions (
        id INTEGER PRIMARY KEY,
        applied_at TEXT NOT NULL,
        author TEXT,
        hash TEXT NOT NULL,
        files TEXT NOT NULL,
        diff TEXT NOT NULL
      );

      CREATE TABLE desk_links (
        chat_id TEXT PRIMARY KEY,
        agency TEXT NOT NULL,
        linked_by TEXT,
        linked_at TEXT NOT NULL
      );
    `,
  },
  DESK_CARDS_MIGRATION,
  WEB_MIGRATION,
  SLA_MIGRATION,
  PRIVACY_MIGRATION,
  WHATSAPP_CLOUD_MIGRATION,
  OPERATIONS_MIGRATION,
  INSTANCES_MIGRATION,
  TICKET_LOOKUPS_MIGRATION,
  PLACE_INDEX_MIGRATION,
];
