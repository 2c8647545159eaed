/**
 * Command-centre accounts, sessions and the audit log on PostgreSQL; the same
 * semantics as store/sqlite/web-users.ts. Names are compared as SQLite's
 * COLLATE NOCASE column does (ASCII case folding), through lower().
 */
import type { WebRole, WebUser } from '../../core/staff/accounts.js';
import type { WebUserStore } from '../types.js';
import type { Sql } from './database.js';

interface UserRow { id: number; name: string; role: WebRole; disabled: boolean; created_at: string; password_hash: string }

const toUser = (r: UserRow): WebUser => ({ id: r.id, name: r.name, role: r.role, disabled: r.disabled, createdAt: r.created_at });

const UNIQUE_VIOLATION = '23505';

export function createWebUserRepo(sql: Sql): WebUserStore {
  const byName = (name: string) => sql.row<UserRow>('SELECT * FROM web_users WHERE lower(name) = lower($1)', [name]);
  const exists = (name: string) =>
    new Error(`A web user named "${name}" already exists; change the password with: npm run cli -- users passwd ${name}`);
  return {
    async add(name, role, passwordHash, at) {
      if (await byName(name)) throw exists(name);
      try {
        return toUser((await sql.row<UserRow>('INSERT INTO web_users (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING *',
          [name, role, passwordHash, at]))!);
      } catch (err) {
        // Another instance added the same name in between.
        if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw exists(name);
        throw err;
      }
    },
    async byName(name) {
      const r = await byName(name);
      return r ? { ...toUser(r), passwordHash: r.password_hash } : undefined;
    },
    list: async () => (await sql.rows<UserRow>('SELECT * FROM web_users ORDER BY lower(name)')).map(toUser),
    setPassword: async (name, hash) => (await sql.run('UPDATE web_users SET password_hash = $1 WHERE lower(name) = lower($2)', [hash, name])) > 0,
    setDisabled: async (name, disabled) => (await sql.run('UPDATE web_users SET disabled = $1 WHERE lower(name) = lower($2)', [disabled, name])) > 0,

    createSession: async (tokenHash, userId, csrf, at, expiresAt) => void await sql.run(
      'INSERT INTO web_sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [tokenHash, userId, csrf, at, expiresAt]),
    async session(tokenHash, now) {
      const r = await sql.row<UserRow & { csrf: string; expires_at: string }>(`SELECT u.*, s.csrf, s.expires_at FROM web_sessions s
        JOIN web_users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2`, [tokenHash, now]);
      if (!r || r.disabled) return undefined;
      return { user: toUser(r), csrf: r.csrf, expiresAt: r.expires_at };
    },
    touchSession: async (tokenHash, expiresAt) => void await sql.run('UPDATE web_sessions SET expires_at = $1 WHERE token_hash = $2', [expiresAt, tokenHash]),
    deleteSession: async (tokenHash) => void await sql.run('DELETE FROM web_sessions WHERE token_hash = $1', [tokenHash]),
    deleteSessionsOf: async (userId) => void await sql.run('DELETE FROM web_sessions WHERE user_id = $1', [userId]),

    audit: async (e) => void await sql.run('INSERT INTO web_audit (at, user_name, action, ticket_id, detail) VALUES ($1, $2, $3, $4, $5)',
      [e.at, e.userName, e.action, e.ticketId, e.detail]),
    async auditLog({ ticketId, limit = 200 }) {
      const rows = await sql.rows<{ id: number; at: string; user_name: string | null; action: string; ticket_id: number | null; detail: string | null }>(
        ticketId === undefined
          ? 'SELECT * FROM web_audit ORDER BY id DESC LIMIT $1'
          : 'SELECT * FROM web_audit WHERE ticket_id = $2 ORDER BY id DESC LIMIT $1',
        ticketId === undefined ? [limit] : [limit, ticketId]);
      return rows.map((r) => ({ id: r.id, at: r.at, userName: r.user_name, action: r.action, ticketId: r.ticket_id, detail: r.detail }));
    },
  };
}
