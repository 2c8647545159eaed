/**
 * The SQLite implementation of the core's Store port.
 */
import type { Store } from '../core/ports.js';
import { createDeskLinkRepo, createPromptVersionRepo, createTrustedReporterRepo } from './admin-data.js';
import { createCitizenRepo } from './citizens.js';
import { createConversationRepo, createMessageRepo } from './conversations-messages.js';
import { openDatabase, type Db } from './database.js';
import { createOutboxRepo } from './outbox.js';
import { createTicketRepo } from './tickets.js';

export interface SqliteStore extends Store {
  /** The raw connection, for read-only reporting queries (dashboard statistics) and benchmarks. */
  readonly db: Db;
}

export function createSqliteStore(path: string): SqliteStore {
  const db = openDatabase(path);
  return {
    db,
    // Nested calls join the outer transaction (better-sqlite3 uses savepoints).
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    citizens: createCitizenRepo(db),
    conversations: createConversationRepo(db),
    messages: createMessageRepo(db),
    tickets: createTicketRepo(db),
    outbox: createOutboxRepo(db),
    trustedReporters: createTrustedReporterRepo(db),
    promptVersions: createPromptVersionRepo(db),
    deskLinks: createDeskLinkRepo(db),
    close: () => {
      if (db.open) db.close();
    },
  };
}
