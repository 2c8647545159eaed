/** The login throttle's state on PostgreSQL; the same semantics as store/sqlite/login-throttle.ts. */
import type { LoginThrottleStore } from '../types.js';
import type { Sql } from './database.js';

export function createLoginThrottleRepo(sql: Sql): LoginThrottleStore {
  return {
    async get(key) {
      const r = await sql.row<{ failures: number; last_failure_at: string; next_allowed_at: string }>(
        'SELECT failures, last_failure_at, next_allowed_at FROM login_throttle WHERE key = $1', [key]);
      return r ? { failures: r.failures, lastFailureAt: r.last_failure_at, nextAllowedAt: r.next_allowed_at } : undefined;
    },
    put: async (key, s) => void await sql.run(`INSERT INTO login_throttle (key, failures, last_failure_at, next_allowed_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, next_allowed_at = excluded.next_allowed_at`,
    [key, s.failures, s.lastFailureAt, s.nextAllowedAt]),
    remove: async (key) => void await sql.run('DELETE FROM login_throttle WHERE key = $1', [key]),
    prune: async (before) => void await sql.run('DELETE FROM login_throttle WHERE last_failure_at < $1 AND next_allowed_at < $1', [before]),
  };
}
