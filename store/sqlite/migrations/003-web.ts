/**
 * Command-centre accounts: web users, their sessions and the audit
 * log of who saw a citizen's identity. Version 3 (Telegram uses 2, SLA 4).
 */
import type { Migration } from '../migrations.js';

export const WEB_MIGRATION: Migration = {
  version: 3,
  name: 'web users, sessions and audit',
  sql: `
    CREATE TABLE web_users (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      role TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
      -- scrypt$N$r$p$salt$hash (base64), see web/auth.ts
      password_hash TEXT NOT NULL,
      disabled INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    );
    -- Only a SHA-256 of the session token is stored: a copy of the database cannot log anyone in.
    CREATE TABLE web_sessions (
      token_hash TEXT PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES web_users(id) ON DELETE CASCADE,
      csrf TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    );
    CREATE INDEX web_sessions_user ON web_sessions (user_id);
    -- Append-only: views of a citizen's identity, logins, staff actions, prompts edits.
    CREATE TABLE web_audit (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      user_name TEXT,
      action TEXT NOT NULL,
      ticket_id INTEGER,
      detail TEXT
    );
    CREATE INDEX web_audit_ticket ON web_audit (ticket_id);
    CREATE TRIGGER web_audit_no_update BEFORE UPDATE ON web_audit
      BEGIN SELECT RAISE(ABORT, 'web_audit is append-only'); END;
    CREATE TRIGGER web_audit_no_delete BEFORE DELETE ON web_audit
      BEGIN SELECT RAISE(ABORT, 'web_audit is append-only'); END;
  `,
};
