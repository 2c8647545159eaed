/**
 * Turns the synchronous better-sqlite3 connection into the store's promise
 * port without losing atomicity. One connection serves the whole process, so
 * while a transaction is open (its function awaits between statements) every
 * call from outside it waits until it commits; calls made inside it (found
 * through AsyncLocalStorage, so use cases need not pass a handle around) run
 * at once and join it. Outside a transaction a call runs synchronously and
 * only its result is wrapped: the common read costs no extra turn of the loop.
 *
 * Group commit: SQLite runs one write transaction at a time anyway, so
 * transactions that queued up while one was running run next inside the same
 * SQLite transaction, one after the other, each behind its own savepoint, and
 * commit together. Each still lands whole or not at all (a failing one rolls
 * back to its savepoint; the others go on), and none returns before the
 * commit that makes it durable, so a caller that acknowledges after
 * `await store.transaction(...)` still acknowledges only what is on disk. One
 * commit (one WAL write) then carries many small transactions, which is most
 * of what a busy pipeline spends. A group stays small (GROUP_LIMITS) so that
 * reads waiting outside are not held up for long.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Async } from '../async.js';
import type { Db } from './database.js';

interface OpenTransaction {
  savepoints: number;
}

export interface SqliteGate {
  /** Runs a synchronous statement group now, or after the open transaction of another caller. */
  run<T>(fn: () => T): Promise<T>;
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Wraps every method of a synchronous repository. */
  wrap<T extends object>(repo: T): Async<T>;
}

/** How many transactions at most share one commit, and for how long a group keeps taking more. */
export const GROUP_LIMITS = { members: 32, ms: 2 };

interface Member {
  resolve: () => void;
  reject: (err: unknown) => void;
}

export function createSqliteGate(db: Db, limits = GROUP_LIMITS): SqliteGate {
  const context = new AsyncLocalStorage<OpenTransaction>();
  /** The transaction whose function runs now: calls from its async context join it. */
  let open: OpenTransaction | null = null;
  /** The SQLite transaction in progress and the transactions in it that wait for its commit. */
  let group: { members: Member[]; startedAt: number } | null = null;
  /** A transaction has the turn (it runs, or was handed the turn and is about to). */
  let turnTaken = false;
  /** Transactions waiting for the turn, in arrival order. */
  const turns: (() => void)[] = [];
  let idle: Promise<void> = Promise.resolve();
  let release: () => void = () => undefined;
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const savepoint = db.prepare('SAVEPOINT gate_member');
  const keep = db.prepare('RELEASE gate_member');
  const undo = db.prepare('ROLLBACK TO gate_member');

  const mine = () => open !== null && context.getStore() === open;

  function run<T>(fn: () => T): Promise<T> {
    if (group === null || mine()) {
      try {
        return Promise.resolve(fn());
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return idle.then(() => run(fn));
  }

  async function nested<T>(tx: OpenTransaction, fn: () => Promise<T>): Promise<T> {
    const name = `sp${++tx.savepoints}`;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (err) {
      if (db.inTransaction) db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw err;
    }
  }

  /** The next waiting transaction runs: in the open group while it has room, else after its commit. */
  function passTurn(): void {
    const g = group;
    if (g && turns.length > 0 && g.members.length < limits.members && performance.now() - g.startedAt < limits.ms) {
      turns.shift()!();
      return;
    }
    if (g) end(g, () => commit.run());
    turnTaken = turns.length > 0;
    turns.shift()?.();
  }

  /** Ends the SQLite transaction: its members return (or all fail, with what failed), and waiting reads go on. */
  function end(g: NonNullable<typeof group>, finish: () => void): void {
    group = null;
    try {
      finish();
      for (const m of g.members) m.resolve();
    } catch (err) {
      if (db.inTransaction) rollback.run();
      for (const m of g.members) m.reject(err);
    }
    release();
  }

  async function transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (open !== null && mine()) return nested(open, fn);
    if (turnTaken) await new Promise<void>((resolve) => turns.push(resolve));
    turnTaken = true;
    if (group === null) {
      try {
        begin.run();
      } catch (err) {
        passTurn();
        throw err;
      }
      group = { members: [], startedAt: performance.now() };
      idle = new Promise<void>((resolve) => { release = resolve; });
    }
    const g = group;
    // The first member needs no savepoint: if it fails, the whole (so far empty) group rolls back.
    const alone = g.members.length === 0;
    if (!alone) savepoint.run();
    const tx: OpenTransaction = { savepoints: 0 };
    open = tx;
    let value: T;
    try {
      value = await context.run(tx, fn);
      if (!db.inTransaction) throw new Error('SQLite rolled the transaction back (disk full or an I/O error); nothing of it was written');
      if (!alone) keep.run();
    } catch (err) {
      open = null;
      if (!db.inTransaction) {
        // SQLite itself rolled everything back (disk full, I/O error): the members before this one are gone too.
        end(g, () => { throw err; });
      } else if (alone) {
        end(g, () => rollback.run());
      } else {
        undo.run();
        keep.run();
      }
      passTurn();
      throw err;
    }
    open = null;
    const committed = new Promise<void>((resolve, reject) => g.members.push({ resolve, reject }));
    passTurn();
    await committed;
    return value;
  }

  function wrap<T extends object>(repo: T): Async<T> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(repo)) {
      out[key] = typeof value === 'function' ? (...args: unknown[]) => run(() => (value as (...a: unknown[]) => unknown)(...args)) : value;
    }
    return out as Async<T>;
  }

  return { run, transaction, wrap };
}
