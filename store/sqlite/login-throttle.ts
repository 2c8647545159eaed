/**
 * SQLite implementation of the login throttle's port (web/auth.ts): table
 * login_throttle of migration 006-privacy.
 */
import type { ThrottleState } from '../../core/staff/accounts.js';
import type { Db } from './database.js';

export function createLoginThrottleRepo(db: Db) {
  const get = db.prepare<[string], { failures: number; last_failure_at: string; next_allowed_at: string }>(
    'SELECT failures, last_failure_at, next_allowed_at FROM login_throttle WHERE key = ?');
  const put = db.prepare(`INSERT INTO login_throttle (key, failures, last_failure_at, next_allowed_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, next_allowed_at = excluded.next_allowed_at`);
  const remove = db.prepare('DELETE FROM login_throttle WHERE key = ?');
  const prune = db.prepare('DELETE FROM login_throttle WHERE last_failure_at < ? AND next_allowed_at < ?');
  return {
    get(key: string): ThrottleState | undefined {
      const r = get.get(key);
      return r ? { failures: r.failures, lastFailureAt: r.last_failure_at, nextAllowedAt: r.next_allowed_at } : undefined;
    },
    put: (key: string, s: ThrottleState) => void put.run(key, s.failures, s.lastFailureAt, s.nextAllowedAt),
    remove: (key: string) => void remove.run(key),
    prune: (before: string) => void prune.run(before, before),
  };
}
