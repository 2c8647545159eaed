/**
 * Wires the command centre's ports (web/ports.ts) to their SQLite
 * implementations: the one place where the web adapter meets the store.
 */
import type { SqliteStore } from '../store/index.js';
import { createBoardQueries, createTicketEventLog } from '../store/board-queries.js';
import { createWebUserRepo } from '../store/web-users.js';
import { redactPhones } from '../web/html.js';
import type { Redactor, WebPorts } from '../web/ports.js';

/** Builds every web port on the app's store. */
export function createWebPorts(store: SqliteStore, redact: Redactor = redactPhones): WebPorts {
  return {
    users: createWebUserRepo(store.db),
    board: createBoardQueries(store.db),
    events: createTicketEventLog(store.db),
    redact,
  };
}
