/**
 * Instance heartbeats and the leader lock on PostgreSQL.
 *
 * Every instance renews its row in `instances` every HEARTBEAT_MS; the outbox
 * uses it to tell a row another live instance is sending from one a dead
 * instance left behind.
 *
 * The leader runs the once-per-deployment jobs (service-level checks,
 * retention, alerts, the prompts watcher). Leadership is a session-level
 * advisory lock held on a connection of its own: when the leader's process
 * dies its connection closes, the server drops the lock, and the next
 * instance that asks takes it over.
 */
import { hostname } from 'node:os';
import pg from 'pg';
import { HEARTBEAT_MS } from '../shared.js';
import type { Sql } from './database.js';

/** Key of the leader's advisory lock ("SWlead" in ASCII). */
const LEADER_LOCK = 0x53576c656164;

export function startHeartbeat(sql: Sql, instanceId: string, onError: (err: unknown) => void): { stop(): Promise<void> } {
  const startedAt = new Date().toISOString();
  const beat = () => sql.run(`INSERT INTO instances (id, host, pid, started_at, seen_at) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at`, [instanceId, hostname(), process.pid, startedAt, new Date().toISOString()]);
  let last: Promise<unknown> = beat().catch(onError);
  const timer = setInterval(() => { last = beat().catch(onError); }, HEARTBEAT_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await last;
      // Gone at once, so another instance may recover what this one left (nothing, after a clean stop).
      await sql.run('DELETE FROM instances WHERE id = $1', [instanceId]).catch(onError);
    },
  };
}

export interface Leadership {
  /** True while this instance holds the leader lock; takes it when free. Never throws (false when the database is unreachable). */
  tryLead(): Promise<boolean>;
  /** Gives the lock up (clean shutdown). */
  resign(): Promise<void>;
}

export function createLeadership(url: string, applicationName: string, onError: (err: unknown) => void): Leadership {
  let client: pg.Client | undefined;
  let held = false;

  const drop = () => {
    const c = client;
    client = undefined;
    held = false;
    c?.end().catch(() => undefined);
  };

  return {
    async tryLead() {
      try {
        if (!client) {
          const c = new pg.Client({ connectionString: url, application_name: `${applicationName} (leader lock)`, keepAlive: true });
          // A broken connection means the server has dropped (or will drop) the lock: stop acting as leader.
          c.on('error', (err) => { onError(err); if (client === c) drop(); });
          c.on('end', () => { if (client === c) drop(); });
          client = c;
          await c.connect();
        }
        if (held) {
          // Still connected? A dead connection has lost the lock even if no error reached us yet.
          await client.query('SELECT 1');
          return true;
        }
        const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LEADER_LOCK]);
        held = r.rows[0]?.ok === true;
        return held;
      } catch (err) {
        onError(err);
        drop();
        return false;
      }
    },
    async resign() {
      const c = client;
      if (!c) return;
      client = undefined;
      if (held) await c.query('SELECT pg_advisory_unlock($1)', [LEADER_LOCK]).catch(() => undefined);
      held = false;
      await c.end().catch(() => undefined);
    },
  };
}
