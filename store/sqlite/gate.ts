/**
 * Turns the synchronous better-sqlite3 connection into the store's promise
 * port without losing atomicity. One connection serves the whole process, so
 * while a transaction is open (its function awaits between statements) every
 * call from outside it waits until it commits; calls made inside it (found
 * through AsyncLocalStorage, so use cases need not pass a handle around) run
 * at once and join it. Outside a transaction a call runs synchronously and
 * only its result is wrapped: the common read costs no extra turn of the loop.
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

export function createSqliteGate(db: Db): SqliteGate {
  const context = new AsyncLocalStorage<OpenTransaction>();
  let open: OpenTransaction | null = null;
  let idle: Promise<void> = Promise.resolve();
  let release: () => void = () => undefined;
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');

  const mine = () => open !== null && context.getStore() === open;

  function run<T>(fn: () => T): Promise<T> {
    if (open === null || mine()) {
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

  async function transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (open !== null && mine()) return nested(open, fn);
    while (open !== null) await idle;
    begin.run();
    const tx: OpenTransaction = { savepoints: 0 };
    open = tx;
    idle = new Promise<void>((resolve) => { release = resolve; });
    try {
      const result = await context.run(tx, fn);
      commit.run();
      return result;
    } catch (err) {
      if (db.inTransaction) rollback.run();
      throw err;
    } finally {
      open = null;
      release();
    }
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
