/**
 * The one wrapper around `pg`: a connection pool, and transactions that
 * follow the async call chain. A transaction holds one pooled client in an
 * AsyncLocalStorage, so every repository call awaited inside
 * `transaction(async () => …)` runs on that client and joins it (use cases
 * pass no handle around, as with SQLite's gate); a nested transaction() is a
 * SAVEPOINT. Outside a transaction each statement takes any pooled client.
 *
 * PostgreSQL may abort a transaction that did nothing wrong: a deadlock with
 * another instance's transaction (40P01) or a serialization failure (40001).
 * The outermost transaction is then rolled back and its function run again,
 * a few times with a random pause, so a citizen's turn that happened to cross
 * another instance's is handled rather than answered with an apology. The
 * store ports promise this (core/store-ports.ts): a transaction's function
 * has no effect outside the store.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

export interface PostgresOptions {
  /** Connections per instance (default 10). Every open transaction holds one. */
  maxConnections?: number;
  /** How long to wait for a free or new connection before failing (default 10 s). */
  connectionTimeoutMs?: number;
  /**
   * How long a statement waits for a row or table lock before failing with
   * 55P03, which reads as "unavailable" (default 5 s, SQLite's busy timeout).
   */
  lockTimeoutMs?: number;
  /** An idle pooled connection failed (the server restarted, a network blip); the next query reconnects. */
  onIdleError?: (err: Error) => void;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
  /** Runs of a transaction aborted by a deadlock or serialization failure, in all (default 4). */
  conflictAttempts?: number;
}

export interface Sql {
  rows<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
  row<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R | undefined>;
  /** The first column of the first row (what SQLite's pluck().get() gives). */
  value<V>(text: string, params?: readonly unknown[]): Promise<V | undefined>;
  /** Runs a statement; returns how many rows it changed. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  readonly pool: pg.Pool;
  readonly closed: boolean;
  close(): Promise<void>;
}

interface OpenTransaction {
  client: pg.PoolClient;
  /** Set when the transaction ended: a late call from its async context must not use the released client. */
  done: boolean;
  savepoints: number;
}

/**
 * BIGINT (ids, count(*)) arrives as a string by default; every such value the
 * store holds fits a double exactly, and the ports promise numbers as SQLite gives them.
 */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * PostgreSQL text cannot hold a NUL character (SQLite can); a chat message
 * carrying one must not fail the whole write, so it becomes U+FFFD.
 */
function clean(params: readonly unknown[] | undefined): unknown[] | undefined {
  if (!params) return undefined;
  return params.map((p) => (typeof p === 'string' && p.includes('\u0000') ? p.replaceAll('\u0000', '\uFFFD') : p));
}

/** SQLSTATEs of a transaction PostgreSQL aborted to let another one go on; running it again succeeds. */
const CONFLICT = new Set(['40P01', '40001']);
const isConflict = (err: unknown) => CONFLICT.has((err as { code?: unknown } | null)?.code as string);

/** host:port/database of a connection string, never its password (logs, doctor). */
export function locationOf(url: string): string {
  // Not new URL(): it rejects the socket form postgres://user@/db?host=/run/postgresql.
  const m = /^postgres(?:ql)?:\/\/(?:[^@/]*@)?([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/.exec(url);
  if (!m) return 'postgres (unparsable DATABASE_URL)';
  const [, hostPort = '', database = '', query = ''] = m;
  const hostParam = new URLSearchParams(query).get('host');
  const hp = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(hostPort);
  const host = hostParam ?? (hp?.[1] || 'localhost');
  return `${host}:${hp?.[2] ?? '5432'}/${decodeURIComponent(database) || 'postgres'}`;
}

export function openPostgres(url: string, opts: PostgresOptions = {}): Sql {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.maxConnections ?? 10,
    connectionTimeoutMillis: opts.connectionTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
    application_name: opts.applicationName ?? 'suarawarga',
    lock_timeout: opts.lockTimeoutMs ?? 5000,
    types,
  });
  // Without a listener an idle client's error (server restart) would crash the process.
  pool.on('error', (err) => opts.onIdleError?.(err));
  const context = new AsyncLocalStorage<OpenTransaction>();
  let closed = false;

  const current = () => {
    const tx = context.getStore();
    return tx && !tx.done ? tx : undefined;
  };
  const query = <R extends pg.QueryResultRow>(text: string, params?: readonly unknown[]) =>
    (current()?.client ?? pool).query<R>(text, clean(params));

  async function savepoint<T>(tx: OpenTransaction, fn: () => Promise<T>): Promise<T> {
    const name = `sp${++tx.savepoints}`;
    await tx.client.query(`SAVEPOINT ${name}`);
    let result: T;
    try {
      result = await fn();
    } catch (err) {
      // Back to the savepoint; the outer transaction goes on (the caller decides).
      if (!tx.done) await tx.client.query(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`).catch(() => undefined);
      throw err;
    }
    await tx.client.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  }

  async function attempt<T>(fn: () => Promise<T>): Promise<T> {
    const client = await pool.connect();
    const tx: OpenTransaction = { client, done: false, savepoints: 0 };
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await context.run(tx, fn);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // A connection that cannot even roll back is thrown away, not returned to the pool.
      await client.query('ROLLBACK').catch((e: Error) => { broken = e; });
      throw err;
    } finally {
      tx.done = true;
      client.release(broken);
    }
  }

  async function transaction<T>(fn: () => Promise<T>): Promise<T> {
    const open = current();
    if (open) return savepoint(open, fn);
    const attempts = Math.max(1, opts.conflictAttempts ?? 4);
    for (let run = 1; ; run++) {
      try {
        return await attempt(fn);
      } catch (err) {
        if (!isConflict(err) || run >= attempts) throw err;
        // Random, growing pauses so the two transactions that collided do not collide again.
        await sleep(Math.random() * 20 * run);
      }
    }
  }

  return {
    rows: async (text, params) => (await query(text, params)).rows as never,
    row: async (text, params) => (await query(text, params)).rows[0] as never,
    async value<V>(text: string, params?: readonly unknown[]) {
      const r = (await query(text, params)).rows[0] as Record<string, unknown> | undefined;
      return (r ? Object.values(r)[0] : undefined) as V | undefined;
    },
    run: async (text, params) => (await query(text, params)).rowCount ?? 0,
    transaction,
    pool,
    get closed() { return closed; },
    async close() {
      if (closed) return;
      closed = true;
      // Waits for checked-out clients (a transaction finishing under shutdown) to come back.
      await pool.end();
    },
  };
}
