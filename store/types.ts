/**
 * What a database gives the composition root: the core's Store port plus the
 * repositories of the adapters (Telegram desks, command centre, operations,
 * privacy). Both implementations (store/sqlite/, store/postgres/) return this
 * shape; the adapters' ports are matched structurally where app/ wires them,
 * so store/ depends on core/ only.
 */
import type { Store } from '../core/ports.js';
import type { PrivacyRepo } from '../core/privacy/ports.js';
import type { Async } from './async.js';
import type { createBoardQueries, createTicketEventLog } from './sqlite/board-queries.js';
import type { createDeskCardRepo, createDeskLinkRepo } from './sqlite/desk-cards.js';
import type { createLoginThrottleRepo } from './sqlite/login-throttle.js';
import type { createOperationsQueries } from './sqlite/operations.js';
import type { createWebUserRepo } from './sqlite/web-users.js';
import type { BackupResult } from './sqlite/backup.js';

export type DeskCardStore = Async<ReturnType<typeof createDeskCardRepo>>;
export type DeskLinkStore = Async<ReturnType<typeof createDeskLinkRepo>>;
export type WebUserStore = Async<ReturnType<typeof createWebUserRepo>>;
export type BoardStore = Async<ReturnType<typeof createBoardQueries>>;
export type EventLogStore = Omit<Async<ReturnType<typeof createTicketEventLog>>, 'isOpen'> & { isOpen(): boolean };
export type LoginThrottleStore = Async<ReturnType<typeof createLoginThrottleRepo>>;
export type OperationsStore = Async<ReturnType<typeof createOperationsQueries>>;

export type DatabaseKind = 'sqlite' | 'postgres';

export interface DatabaseStore extends Store {
  readonly kind: DatabaseKind;
  /** Where the data is, for logs and doctor (a file path, or host/database without the password). */
  readonly location: string;
  /** This running service among those sharing the database (host:pid:random); tags the outbox rows it claims. */
  readonly instanceId: string;
  readonly privacy: PrivacyRepo;
  readonly deskCards: DeskCardStore;
  readonly deskLinks: DeskLinkStore;
  readonly webUsers: WebUserStore;
  readonly board: BoardStore;
  readonly eventLog: EventLogStore;
  readonly loginThrottle: LoginThrottleStore;
  readonly operations: OperationsStore;
  /**
   * Who runs the once-per-deployment jobs (service-level checks, retention, alerts, the prompts watcher).
   * SQLite: always this process (one instance per file). PostgreSQL: the holder of an advisory lock.
   */
  readonly leadership: { tryLead(): Promise<boolean>; resign(): Promise<void> };
  /**
   * A consistent copy of the live database (and the photos) into `file`, while the service keeps writing.
   * Only the embedded SQLite file has one; PostgreSQL is backed up with pg_dump by its operators.
   */
  readonly backupTo?: (file: string, opts: { mediaDir: string; now: Date }) => Promise<BackupResult>;
}
