/**
 * Staff accounts of the command centre, their sessions and the audit log:
 * plain data shared by the web adapter (which uses them) and the store (which
 * keeps them), so neither depends on the other (docs/architecture.md).
 */

/** An admin may change tickets and prompts; a viewer (pemantau) only reads. */
export type WebRole = 'admin' | 'viewer';

/** One command-centre account. */
export interface WebUser {
  id: number;
  name: string;
  role: WebRole;
  disabled: boolean;
  createdAt: string;
}

/** A logged-in browser: the user and the CSRF token every change must carry. */
export interface WebSession {
  user: WebUser;
  csrf: string;
  expiresAt: string;
}

/** One line of the audit log: who did or saw what, when. */
export interface AuditEntry {
  id: number;
  at: string;
  userName: string | null;
  action: string;
  ticketId: number | null;
  detail: string | null;
}

/** Stored state of one login-throttle key (failed logins per name or client). */
export interface ThrottleState { failures: number; lastFailureAt: string; nextAllowedAt: string }
