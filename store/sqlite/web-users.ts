/**
 * SQLite implementation of the command centre's accounts, sessions and audit
 * log (the WebUserRepo port the web adapter declares; the composition root
 * checks the fit): tables from migration 003-web.
 */
import type { AuditEntry, WebRole, WebSession, WebUser } from '../../core/staff/accounts.js';
import type { Db } from './database.js';

interface UserRow { id: number; name: string; role: WebRole; disabled: number; created_at: string; password_hash: string }

function toUser(r: UserRow): WebUser {
  return { id: r.id, name: r.name, role: r.role, disabled: r.disabled === 1, createdAt: r.created_at };
}

/** The SQLite account store; see the WebUserRepo port in the web adapter for each method. */
export function createWebUserRepo(db: Db) {
  const insertUser = db.prepare('INSERT INTO web_users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)');
  const byName = db.prepare<[string], UserRow>('SELECT * FROM web_users WHERE name = ?');
  const byId = db.prepare<[number], UserRow>('SELECT * FROM web_users WHERE id = ?');
  const sessionRow = db.prepare<[string, string], { user_id: number; csrf: string; expires_at: string }>(
    'SELECT user_id, csrf, expires_at FROM web_sessions WHERE token_hash = ? AND expires_at > ?');
  return {
    add(name: string, role: WebRole, passwordHash: string, at: string): WebUser {
      if (byName.get(name)) throw new Error(`A web user named "${name}" already exists; change the password with: npm run cli -- users passwd ${name}`);
      const id = Number(insertUser.run(name, role, passwordHash, at).lastInsertRowid);
      return toUser(byId.get(id)!);
    },
    byName(name: string): (WebUser & { passwordHash: string }) | undefined {
      const r = byName.get(name);
      return r ? { ...toUser(r), passwordHash: r.password_hash } : undefined;
    },
    list: (): WebUser[] => (db.prepare('SELECT * FROM web_users ORDER BY name').all() as UserRow[]).map(toUser),
    setPassword: (name: string, hash: string): boolean => db.prepare('UPDATE web_users SET password_hash = ? WHERE name = ?').run(hash, name).changes > 0,
    setDisabled: (name: string, disabled: boolean): boolean => db.prepare('UPDATE web_users SET disabled = ? WHERE name = ?').run(disabled ? 1 : 0, name).changes > 0,

    createSession(tokenHash: string, userId: number, csrf: string, at: string, expiresAt: string): void {
      db.prepare('INSERT INTO web_sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
        .run(tokenHash, userId, csrf, at, expiresAt);
    },
    session(tokenHash: string, now: string): WebSession | undefined {
      const s = sessionRow.get(tokenHash, now);
      if (!s) return undefined;
      const u = byId.get(s.user_id);
      if (!u || u.disabled) return undefined;
      return { user: toUser(u), csrf: s.csrf, expiresAt: s.expires_at };
    },
    touchSession: (tokenHash: string, expiresAt: string): void => void db.prepare('UPDATE web_sessions SET expires_at = ? WHERE token_hash = ?').run(expiresAt, tokenHash),
    deleteSession: (tokenHash: string): void => void db.prepare('DELETE FROM web_sessions WHERE token_hash = ?').run(tokenHash),
    deleteSessionsOf: (userId: number): void => void db.prepare('DELETE FROM web_sessions WHERE user_id = ?').run(userId),

    audit(e: Omit<AuditEntry, 'id'>): void {
      db.prepare('INSERT INTO web_audit (at, user_name, action, ticket_id, detail) VALUES (?, ?, ?, ?, ?)')
        .run(e.at, e.userName, e.action, e.ticketId, e.detail);
    },
    auditLog({ ticketId, limit = 200 }: { ticketId?: number; limit?: number }): AuditEntry[] {
      const rows = (ticketId === undefined
        ? db.prepare('SELECT * FROM web_audit ORDER BY id DESC LIMIT ?').all(limit)
        : db.prepare('SELECT * FROM web_audit WHERE ticket_id = ? ORDER BY id DESC LIMIT ?').all(ticketId, limit)) as
        { id: number; at: string; user_name: string | null; action: string; ticket_id: number | null; detail: string | null }[];
      return rows.map((r) => ({ id: r.id, at: r.at, userName: r.user_name, action: r.action, ticketId: r.ticket_id, detail: r.detail }));
    },
  };
}
