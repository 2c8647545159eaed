/**
 * The command centre's own storage port: accounts, sessions and the audit log.
 * Kept out of core/ports.ts because only the web adapter uses it; the SQLite
 * implementation is store/web-users.ts (tests can use it on a temp database).
 */
export type WebRole = 'admin' | 'viewer';

export interface WebUser {
  id: number;
  name: string;
  role: WebRole;
  disabled: boolean;
  createdAt: string;
}

export interface WebSession {
  user: WebUser;
  csrf: string;
  expiresAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  userName: string | null;
  action: string;
  ticketId: number | null;
  detail: string | null;
}

export interface WebUserRepo {
  /** Creates an account; throws when the name is taken. */
  add(name: string, role: WebRole, passwordHash: string, at: string): WebUser;
  byName(name: string): (WebUser & { passwordHash: string }) | undefined;
  list(): WebUser[];
  setPassword(name: string, passwordHash: string): boolean;
  setDisabled(name: string, disabled: boolean): boolean;

  createSession(tokenHash: string, userId: number, csrf: string, at: string, expiresAt: string): void;
  /** The live session for a token hash (disabled users and expired sessions give undefined). */
  session(tokenHash: string, now: string): WebSession | undefined;
  touchSession(tokenHash: string, expiresAt: string): void;
  deleteSession(tokenHash: string): void;
  /** Ends every session of a user (password change, disable). */
  deleteSessionsOf(userId: number): void;

  audit(entry: Omit<AuditEntry, 'id'>): void;
  auditLog(filter: { ticketId?: number; limit?: number }): AuditEntry[];
}
