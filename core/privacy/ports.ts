/**
 * The storage port of the privacy gate: blocked senders, pending erasure
 * requests, erasure, export and retention. Implemented by store/sqlite/privacy.ts
 * and store/postgres/privacy.ts.
 */
import type { ChannelId } from '../ports.js';

export interface BlockedSender {
  channel: ChannelId;
  address: string;
  blockedBy: string;
  reason: string | null;
  blockedAt: string;
  /** The sender was already told (once) that messages are not processed. */
  notified: boolean;
}

/** What erasure or retention removed; files are paths the caller deletes from MEDIA_DIR. */
export interface RemovalResult {
  tickets: number;
  messages: number;
  files: string[];
}

/** Everything stored about one citizen, for a data-access request (UU 27/2022 PDP). */
export interface CitizenExport {
  citizen: Record<string, unknown>;
  aliases: string[];
  tickets: Record<string, unknown>[];
  messages: Record<string, unknown>[];
  supported: string[];
}

export interface PrivacyRepo {
  blocked(channel: ChannelId, address: string): Promise<BlockedSender | undefined>;
  block(entry: Omit<BlockedSender, 'notified'>): Promise<void>;
  /** False when the sender was not blocked. */
  unblock(channel: ChannelId, address: string): Promise<boolean>;
  markNotified(channel: ChannelId, address: string): Promise<void>;
  listBlocked(): Promise<BlockedSender[]>;

  /** When the sender asked for erasure and has not confirmed yet. */
  pendingErasure(channel: ChannelId, address: string): Promise<string | undefined>;
  requestErasure(channel: ChannelId, address: string, at: string): Promise<void>;
  clearErasure(channel: ChannelId, address: string): Promise<void>;

  /**
   * Removes name, phone, addresses, message texts and photos of one citizen
   * and anonymises their tickets' words; ticket statistics (category, agency,
   * states, times, kelurahan) stay. Runs in the caller's transaction.
   */
  eraseCitizen(citizenId: number, at: string): Promise<RemovalResult>;
  exportCitizen(citizenId: number): Promise<CitizenExport | undefined>;
  /** Removes message texts and photos of tickets closed before `closedBefore`, and message texts older than it. */
  applyRetention(closedBefore: string, at: string): Promise<RemovalResult>;
}
