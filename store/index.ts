/**
 * The SQLite implementation of the core's Store port.
 */
import type { Store } from '../core/ports.js';
import type { PrivacyRepo } from '../core/privacy/ports.js';
import { createDeskLinkRepo, createPromptVersionRepo, createTrustedReporterRepo } from './admin-data.js';
import { createCitizenRepo } from './citizens.js';
import { createConversationRepo, createMessageRepo } from './conversations-messages.js';
import { openDatabase, type Db } from './database.js';
import { createOutboxRepo } from './outbox.js';
import { createPrivacyRepo } from './privacy.js';
import { createTicketRepo } from './tickets.js';

export interface SqliteStore extends Store {
  /** The raw connection, for read-only reporting queries (dashboard statistics) and benchmarks. */
  readonly db: Db;
  /** Blocked senders, erasure requests, export and retention (core/privacy). */
  readonly privacy: PrivacyRepo;
}

export function createSqliteStore(path: string): SqliteStore {
  const db = openDatabase(path);
  // One wrapper, built once: better-sqlite3's transaction() is costly to create per call.
  // Nested calls become savepoints inside the outer transaction.
  const run = db.transaction((fn: () => unknown) => fn());
  return {
    db,
    transaction: <T>(fn: () => T): T => run(fn) as T,
    citizens: createCitizenRepo(db),
    conversations: createConversationRepo(db),
    messages: createMessageRepo(db),
    tickets: createTicketRepo(db),
    outbox: createOutboxRepo(db),
    trustedReporters: createTrustedReporterRepo(db),
    promptVersions: createPromptVersionRepo(db),
    deskLinks: createDeskLinkRepo(db),
    privacy: createPrivacyRepo(db),
    close: () => {
      if (db.open) db.close();
    },
  };
}
