/**
 * The command centre's ports: everything the web adapter reads or writes goes
 * through these, implemented in store/ and wired by the composition root
 * (app/web-ports.ts), so nothing under web/ speaks SQL. Kept out of
 * core/ports.ts because only the web adapter uses them.
 */
import type { AuditEntry, WebRole, WebSession, WebUser } from '../core/staff/accounts.js';
import type { Ticket, TicketState } from '../core/tickets/types.js';
import type { LoginThrottleRepo } from './auth.js';

export type { AuditEntry, WebRole, WebSession, WebUser } from '../core/staff/accounts.js';

/** Accounts, sessions and the audit log. */
export interface WebUserRepo {
  /** Creates an account; throws when the name is taken. */
  add(name: string, role: WebRole, passwordHash: string, at: string): Promise<WebUser>;
  byName(name: string): Promise<(WebUser & { passwordHash: string }) | undefined>;
  list(): Promise<WebUser[]>;
  setPassword(name: string, passwordHash: string): Promise<boolean>;
  setDisabled(name: string, disabled: boolean): Promise<boolean>;

  createSession(tokenHash: string, userId: number, csrf: string, at: string, expiresAt: string): Promise<void>;
  /** The live session for a token hash (disabled users and expired sessions give undefined). */
  session(tokenHash: string, now: string): Promise<WebSession | undefined>;
  touchSession(tokenHash: string, expiresAt: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of a user (password change, disable). */
  deleteSessionsOf(userId: number): Promise<void>;

  audit(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  auditLog(filter: { ticketId?: number; limit?: number }): Promise<AuditEntry[]>;
}

/** Open tickets per agency and state (the board's matrix). */
export interface OpenCount { agency: string; state: TicketState; n: number }

/** The fields statistics need from each ticket. */
export type StatTicket = Pick<Ticket, 'id' | 'state' | 'agency' | 'category' | 'emergency' | 'createdAt' | 'forwardedAt' | 'takenAt' | 'resolvedAt' | 'rating'>;

/** A citizen's pin with the kelurahan it was filed under (to learn where each kelurahan lies). */
export interface AreaPin { kecamatan: string | null; kelurahan: string; latitude: number; longitude: number }

/** A resolved ticket as the public page may show it (before redaction). */
export interface ResolvedTicket {
  id: number;
  category: string;
  agency: string;
  kelurahan: string | null;
  kecamatan: string | null;
  resolvedAt: string;
  /** The agency's closing note ("selesaikan" event), unredacted. */
  closingNote: string | null;
}

/** Read-only reporting queries for the board, statistics, map and public page. */
export interface BoardQueries {
  openCounts(): Promise<OpenCount[]>;
  /** Kecamatan names tickets were filed under. */
  usedKecamatan(): Promise<string[]>;
  /** Tickets created or resolved since `since` (ISO), and every open one. */
  statTickets(since: string): Promise<StatTicket[]>;
  /** Every pin whose ticket names a kelurahan. */
  areaPins(): Promise<AreaPin[]>;
  /** Newest resolved tickets that are neither confidential nor in the excluded categories. */
  recentlyResolved(limit: number, excludeCategories: readonly string[]): Promise<ResolvedTicket[]>;
}

/** One appended ticket event: the live feed only needs where it is and which ticket changed. */
export interface EventMark { id: number; ticketId: number }

/** The append-only ticket events, read by position (the live feed polls it). */
export interface TicketEventLog {
  /** The id of the newest event (0 when there are none). */
  lastId(): Promise<number>;
  /** Events after `cursor`, oldest first. */
  after(cursor: number, limit: number): Promise<EventMark[]>;
  /** False once the database is closed (shutdown), so a poll can stop quietly. */
  isOpen(): boolean;
}

/** Masks personal data in text shown to the public (closing notes on /publik). */
export type Redactor = (text: string) => string;

/** Every port the command centre needs, built once by the composition root. */
export interface WebPorts {
  users: WebUserRepo;
  board: BoardQueries;
  events: TicketEventLog;
  /** Kelurahan centres from prompts/areas.yaml (areaKey of the name → position); empty without the file. */
  areaPositions(): ReadonlyMap<string, { lat: number; lng: number }>;
  /** For published text (the core PII redactor in public mode). */
  redact: Redactor;
  /** Failed logins per normalised name and client, kept in the database so a restart forgets nothing. */
  loginThrottle: LoginThrottleRepo;
}
