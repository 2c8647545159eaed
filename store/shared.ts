/**
 * Pure helpers both store implementations share, so SQLite and PostgreSQL
 * agree on keys, markers and row shapes by construction rather than by copy.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { DeliveryReport, OutboxTarget } from '../core/ports.js';
import type { TicketEvent, TicketState } from '../core/tickets/types.js';

/** Messages to one recipient are delivered strictly in order, so they share a key. */
export function recipientKeyOf(target: OutboxTarget): { channel: string; key: string } {
  return target.kind === 'desk'
    ? { channel: 'desk', key: `desk:${target.agency}` }
    : { channel: target.channel, key: `${target.channel}:${target.message.to}` };
}

/** Held outbox rows are due at the end of time, so the claim query never picks them until they are released. */
export const NEVER = '9999-12-31T23:59:59.999Z';

/** A report never moves a row's delivery state back: read stays read when a late 'delivered' arrives. */
export const DELIVERY_RANK: Record<DeliveryReport['status'], number> = { sent: 1, delivered: 2, read: 3, failed: 4 };

/** What a removed text reads as (Indonesian: staff see it on cards and the board). */
export const ERASED_TEXT = '[dihapus atas permintaan warga]';
export const EXPIRED_TEXT = '[dihapus: melewati masa simpan]';

/** Why recoverInterrupted marks a row uncertain. */
/** A fresh id for one running service: host, process and a random part (a restarted process is a new instance). */
export function newInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** An instance whose heartbeat is older than this is gone: rows it left 'sending' are interrupted. */
export const INSTANCE_GONE_MS = 20_000;
/** How often a running instance renews its heartbeat (well inside INSTANCE_GONE_MS). */
export const HEARTBEAT_MS = 5_000;

/** Why an interrupted desk card is being sent again. */
export const cardResentReason = (now: string) =>
  `process stopped while sending this card (${now}); sent again (a card is edited in place, so at worst it shows twice)`;

export const interruptedReason = (now: string) =>
  `process stopped between sending and recording (${now}); not resent to avoid a duplicate — check with the recipient`;

/** Photo paths named in message payloads (drafts never filed keep their photo only there). */
export function payloadPaths(payloads: (string | null)[]): string[] {
  const out: string[] = [];
  for (const p of payloads) {
    if (!p) continue;
    try {
      const media = (JSON.parse(p) as { media?: { path?: unknown } } | null)?.media;
      if (typeof media?.path === 'string') out.push(media.path);
    } catch {
      // A payload that is not JSON holds no path.
    }
  }
  return out;
}

export const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
export const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A ticket_events row as the port returns it (both databases store the same columns). */
export function ticketEventOf(r: Record<string, unknown>): TicketEvent {
  return {
    id: r.id as number,
    ticketId: r.ticket_id as number,
    at: r.at as string,
    action: r.action as string,
    fromState: (r.from_state as TicketState | null) ?? null,
    toState: (r.to_state as TicketState | null) ?? null,
    actor: {
      type: r.actor_type as TicketEvent['actor']['type'],
      ...(r.actor_id ? { id: r.actor_id as string } : {}),
      ...(r.actor_name ? { name: r.actor_name as string } : {}),
    },
    note: (r.note as string | null) ?? null,
    data: r.data ? JSON.parse(r.data as string) : null,
  };
}

/** Refuses to run on a database migrated by a newer build (its schema would be misread). */
export function refuseNewerSchema(applied: Iterable<number>, migrations: readonly { version: number }[]): void {
  const newest = Math.max(0, ...applied);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (newest > known) {
    throw new Error(`The database was migrated by a newer SuaraWarga (schema ${newest}, this build knows ${known}). Run the newer version or restore a backup.`);
  }
}
