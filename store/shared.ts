/**
 * Pure helpers both store implementations share, so SQLite and PostgreSQL
 * agree on keys, markers and row shapes by construction rather than by copy.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { DeliveryReport, OutboxTarget } from '../core/ports.js';

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
