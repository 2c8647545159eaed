/**
 * Operating queries on PostgreSQL (metrics, readiness, the command centre's
 * resend and dismiss); the same semantics as store/sqlite/operations.ts.
 */
import type pg from 'pg';
import type { OutboxBacklog } from '../sqlite/operations.js';
import type { OperationsStore } from '../types.js';
import type { Sql } from './database.js';

/** A probe that got no answer in time fails like a statement timeout would. */
class ProbeTimeout extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`PostgreSQL did not answer a write check within ${ms} ms; check that the database server is up and reachable`);
    this.name = 'ProbeTimeout';
  }
}

/**
 * A write the database must be able to take, that writes nothing: a no-op
 * UPDATE is refused on a read-only database or standby (25006) and waits for
 * a lock a migration holds; assigning a transaction id is refused near
 * wraparound. Rolled back. Every wait is bounded by `timeoutMs`, on the
 * server (statement and lock timeouts) and here (no free connection, no answer).
 */
async function probeWritable(sql: Sql, timeoutMs: number): Promise<void> {
  const ms = Math.max(1, Math.floor(timeoutMs));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new ProbeTimeout(ms)), ms + 50); });
  const connecting = sql.pool.connect();
  try {
    let client: pg.PoolClient;
    try {
      client = await Promise.race([connecting, late]);
    } catch (err) {
      // A connection that arrives after we gave up goes straight back.
      connecting.then((c) => c.release(), () => undefined);
      throw err;
    }
    let broken: Error | undefined;
    try {
      await Promise.race([client.query(`BEGIN; SET LOCAL statement_timeout = ${ms}; SET LOCAL lock_timeout = ${ms};
        UPDATE schema_migrations SET version = version WHERE false; SELECT pg_current_xact_id(); ROLLBACK`), late]);
    } catch (err) {
      // A connection left mid-transaction (or silent) is thrown away rather than reused.
      broken = err as Error;
      throw err;
    } finally {
      client.release(broken);
    }
  } finally {
    clearTimeout(timer);
  }
}

export function createOperationsQueries(sql: Sql): OperationsStore {
  const counts = <R>(text: string) => sql.rows<R>(text);
  return {
    ticketsByStateAgency: () => counts('SELECT state, agency, count(*) AS n FROM tickets GROUP BY state, agency ORDER BY state, agency'),
    ticketsByCategory: () => counts('SELECT category, count(*) AS n FROM tickets GROUP BY category ORDER BY category'),
    inboundByChannel: () => counts("SELECT channel, count(*) AS n FROM messages WHERE direction = 'in' GROUP BY channel ORDER BY channel"),
    repliesByChannel: () => counts("SELECT channel, count(*) AS n FROM messages WHERE direction = 'out' GROUP BY channel ORDER BY channel"),
    outboxByStatusChannel: () => counts('SELECT status, channel, count(*) AS n FROM outbox GROUP BY status, channel ORDER BY status, channel'),
    sentSince: (cursor, limit) => sql.rows(`SELECT channel, created_at AS "createdAt", sent_at AS "sentAt" FROM outbox
      WHERE sent_at IS NOT NULL AND sent_at > $1 ORDER BY sent_at LIMIT $2`, [cursor, limit]),
    latestSentAt: async () => (await sql.value<string | null>('SELECT max(sent_at) FROM outbox WHERE sent_at IS NOT NULL')) ?? null,
    backlog: () => sql.rows<OutboxBacklog>(`SELECT channel, status, count(*) AS count, min(created_at) AS oldest FROM outbox
      WHERE status IN ('pending', 'failed', 'uncertain') GROUP BY channel, status ORDER BY channel, status`),
    requeue: (channel, now, who) => sql.run(`UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, last_error = $2
      WHERE channel = $3 AND status IN ('failed', 'uncertain')`, [now, `resent from the command centre by ${who} at ${now}`, channel]),
    dismiss: (channel, statuses, reason) => sql.run("UPDATE outbox SET status = 'skipped', last_error = $1 WHERE channel = $2 AND status = ANY($3::text[])",
      [reason.slice(0, 1000), channel, [...statuses]]),
    probeWritable: (timeoutMs) => probeWritable(sql, timeoutMs),
  };
}
