/**
 * The PostgreSQL implementation of the store (DATABASE_URL): the same
 * DatabaseStore as store/sqlite/, for several instances sharing one
 * database. Repositories run on a connection pool; a transaction pins one
 * pooled connection for the calls awaited inside it (database.ts).
 */
import type { DatabaseStore } from '../types.js';
import { createPromptVersionRepo, createTrustedReporterRepo } from './admin-data.js';
import { createBoardQueries, createTicketEventLog } from './board-queries.js';
import { createCitizenRepo } from './citizens.js';
import { createConversationRepo, createMessageRepo } from './conversations-messages.js';
import { locationOf, openPostgres, type PostgresOptions } from './database.js';
import { createDeskCardRepo, createDeskLinkRepo } from './desk-cards.js';
import { createLoginThrottleRepo } from './login-throttle.js';
import { migratePostgres } from './migrations.js';
import { createOperationsQueries } from './operations.js';
import { createOutboxRepo } from './outbox.js';
import { createPrivacyRepo } from './privacy.js';
import { createTicketRepo } from './tickets.js';
import { createWebUserRepo } from './web-users.js';
import { createLeadership, startHeartbeat } from './instances.js';
import { newInstanceId } from '../shared.js';

export type { PostgresOptions } from './database.js';

export interface PostgresStore extends DatabaseStore {
  readonly kind: 'postgres';
}

/** Connects, migrates (one instance at a time) and returns the store; throws when the database cannot be reached or is too new. */
export async function createPostgresStore(url: string, opts: PostgresOptions = {}): Promise<PostgresStore> {
  const sql = openPostgres(url, opts);
  const location = locationOf(url);
  try {
    await migratePostgres(sql);
  } catch (err) {
    await sql.close();
    // Our own refusals (a newer schema) say what to do already; a driver or server error gets the where and how.
    if (typeof (err as { code?: unknown }).code !== 'string' && !(err as { errors?: unknown }).errors) throw err;
    throw new Error(`Cannot open the PostgreSQL database at ${location}: ${(err as Error).message || (err as { code: string }).code}. `
      + 'Check DATABASE_URL (host, port, database, user, password) and that the server is running and reachable.', { cause: err });
  }
  const instanceId = newInstanceId();
  const report = (err: unknown) => opts.onIdleError?.(err instanceof Error ? err : new Error(String(err)));
  const heartbeat = startHeartbeat(sql, instanceId, report);
  const leadership = createLeadership(url, opts.applicationName ?? 'suarawarga', report);
  return {
    kind: 'postgres',
    location,
    instanceId,
    leadership,
    transaction: sql.transaction,
    citizens: createCitizenRepo(sql),
    conversations: createConversationRepo(sql),
    messages: createMessageRepo(sql),
    tickets: createTicketRepo(sql),
    outbox: createOutboxRepo(sql, instanceId),
    trustedReporters: createTrustedReporterRepo(sql),
    promptVersions: createPromptVersionRepo(sql),
    privacy: createPrivacyRepo(sql),
    deskCards: createDeskCardRepo(sql),
    deskLinks: createDeskLinkRepo(sql),
    webUsers: createWebUserRepo(sql),
    board: createBoardQueries(sql),
    eventLog: createTicketEventLog(sql),
    loginThrottle: createLoginThrottleRepo(sql),
    operations: createOperationsQueries(sql),
    close: async () => {
      if (sql.closed) return;
      await leadership.resign();
      await heartbeat.stop();
      await sql.close();
    },
  };
}
