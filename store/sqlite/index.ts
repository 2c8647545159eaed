/**
 * The SQLite implementation of the store (better-sqlite3, the embedded
 * default): synchronous repositories on one connection, each wrapped into the
 * promise ports by the gate, which keeps transactions atomic.
 */
import type { DatabaseStore } from '../types.js';
import { createPromptVersionRepo, createTrustedReporterRepo } from './admin-data.js';
import { createBoardQueries, createTicketEventLog } from './board-queries.js';
import { createCitizenRepo } from './citizens.js';
import { createConversationRepo, createMessageRepo } from './conversations-messages.js';
import { backupDatabase } from './backup.js';
import { openDatabase, type Db } from './database.js';
import { createDeskCardRepo, createDeskLinkRepo } from './desk-cards.js';
import { newInstanceId } from '../shared.js';
import { createSqliteGate } from './gate.js';
import { createLoginThrottleRepo } from './login-throttle.js';
import { createOperationsQueries } from './operations.js';
import { createOutboxRepo } from './outbox.js';
import { createPrivacyRepo } from './privacy.js';
import { createTicketRepo } from './tickets.js';
import { createWebUserRepo } from './web-users.js';

export interface SqliteStore extends DatabaseStore {
  readonly kind: 'sqlite';
  /** The raw connection, for backups and benchmarks (nothing outside store/ may query it). */
  readonly db: Db;
}

export function createSqliteStore(path: string): SqliteStore {
  const db = openDatabase(path);
  const gate = createSqliteGate(db);
  const instanceId = newInstanceId();
  const log = createTicketEventLog(db);
  const outbox = createOutboxRepo(db, instanceId);
  const messages = createMessageRepo(db);
  return {
    kind: 'sqlite',
    location: path,
    instanceId,
    db,
    transaction: gate.transaction,
    citizens: gate.wrap(createCitizenRepo(db)),
    conversations: gate.wrap(createConversationRepo(db)),
    messages: gate.wrap(messages),
    tickets: gate.wrap(createTicketRepo(db)),
    // A claim is a transaction of its own (committed before the sends); through the gate it shares a group commit.
    // So are a send and its record in the conversation log, which land together.
    outbox: {
      ...gate.wrap(outbox),
      claimDue: (...args) => gate.transaction(async () => outbox.claimDue(...args)),
      markSent: (id, at, externalId, sentMessage) => gate.transaction(async () => {
        outbox.markSent(id, at, externalId);
        if (sentMessage) messages.recordOutbound(sentMessage);
      }),
    },
    trustedReporters: gate.wrap(createTrustedReporterRepo(db)),
    promptVersions: gate.wrap(createPromptVersionRepo(db)),
    privacy: gate.wrap(createPrivacyRepo(db)),
    deskCards: gate.wrap(createDeskCardRepo(db)),
    deskLinks: gate.wrap(createDeskLinkRepo(db)),
    webUsers: gate.wrap(createWebUserRepo(db)),
    board: gate.wrap(createBoardQueries(db)),
    eventLog: { ...gate.wrap(log), isOpen: log.isOpen },
    loginThrottle: gate.wrap(createLoginThrottleRepo(db)),
    operations: gate.wrap(createOperationsQueries(db)),
    // One process per file (the instance lock): it is always the leader.
    leadership: { tryLead: () => Promise.resolve(true), resign: () => Promise.resolve() },
    backupTo: (file, opts) => backupDatabase(db, file, opts),
    close: async () => {
      // A transaction still open (shutdown under load) finishes first.
      await gate.run(() => undefined);
      if (db.open) db.close();
    },
  };
}
