/**
 * Queries for operating the service: the figures /metrics exposes, the
 * readiness probe, and the command centre's handling of outbox rows that wait
 * for a channel which is off (resend, dismiss). Each is one named statement,
 * prepared once.
 */
import type { Db } from './database.js';

/** One group of outbox rows that are not delivered yet, for the command centre. */
export interface OutboxBacklog {
  channel: string;
  status: 'pending' | 'failed' | 'uncertain';
  count: number;
  oldest: string;
}

export interface OperationsQueries {
  ticketsByStateAgency(): { state: string; agency: string; n: number }[];
  ticketsByCategory(): { category: string; n: number }[];
  inboundByChannel(): { channel: string; n: number }[];
  /** Messages delivered to citizens, by channel. */
  repliesByChannel(): { channel: string; n: number }[];
  outboxByStatusChannel(): { status: string; channel: string; n: number }[];
  /** Deliveries recorded after `cursor` (sent_at, ISO), oldest first. */
  sentSince(cursor: string, limit: number): { channel: string; createdAt: string; sentAt: string }[];
  latestSentAt(): string | null;
  backlog(): OutboxBacklog[];
  /** Failed and uncertain rows of a channel go back to the queue, due now. Returns how many. */
  requeue(channel: string, now: string, who: string): number;
  /** Undelivered rows of a channel are given up ('skipped', with who and why). Returns how many. */
  dismiss(channel: string, statuses: readonly OutboxBacklog['status'][], reason: string): number;
  /**
   * Takes and releases the write lock without writing: throws (SQLITE_BUSY,
   * SQLITE_READONLY…) when the database cannot take a write now. Waits at most `timeoutMs`.
   */
  probeWritable(timeoutMs: number): void;
}

export function createOperationsQueries(db: Db): OperationsQueries {
  const byStateAgency = db.prepare<[], { state: string; agency: string; n: number }>('SELECT state, agency, count(*) AS n FROM tickets GROUP BY state, agency');
  const byCategory = db.prepare<[], { category: string; n: number }>('SELECT category, count(*) AS n FROM tickets GROUP BY category');
  const inbound = db.prepare<[], { channel: string; n: number }>("SELECT channel, count(*) AS n FROM messages WHERE direction = 'in' GROUP BY channel");
  const replies = db.prepare<[], { channel: string; n: number }>("SELECT channel, count(*) AS n FROM messages WHERE direction = 'out' GROUP BY channel");
  const outbox = db.prepare<[], { status: string; channel: string; n: number }>('SELECT status, channel, count(*) AS n FROM outbox GROUP BY status, channel');
  const sent = db.prepare<[string, number], { channel: string; createdAt: string; sentAt: string }>(
    'SELECT channel, created_at AS createdAt, sent_at AS sentAt FROM outbox WHERE sent_at IS NOT NULL AND sent_at > ? ORDER BY sent_at LIMIT ?');
  const latest = db.prepare<[], string | null>('SELECT max(sent_at) FROM outbox WHERE sent_at IS NOT NULL').pluck();
  const backlog = db.prepare<[], OutboxBacklog>(`SELECT channel, status, count(*) AS count, min(created_at) AS oldest FROM outbox
    WHERE status IN ('pending', 'failed', 'uncertain') GROUP BY channel, status ORDER BY channel, status`);
  const requeue = db.prepare(`UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, last_error = ?
    WHERE channel = ? AND status IN ('failed', 'uncertain')`);
  const dismiss = db.prepare("UPDATE outbox SET status = 'skipped', last_error = ? WHERE channel = ? AND status IN (SELECT value FROM json_each(?))");

  return {
    ticketsByStateAgency: () => byStateAgency.all(),
    ticketsByCategory: () => byCategory.all(),
    inboundByChannel: () => inbound.all(),
    repliesByChannel: () => replies.all(),
    outboxByStatusChannel: () => outbox.all(),
    sentSince: (cursor, limit) => sent.all(cursor, limit),
    latestSentAt: () => latest.get() ?? null,
    backlog: () => backlog.all(),
    requeue: (channel, now, who) => requeue.run(now, `resent from the command centre by ${who} at ${now}`, channel).changes,
    dismiss: (channel, statuses, reason) => dismiss.run(reason.slice(0, 1000), channel, JSON.stringify(statuses)).changes,
    probeWritable(timeoutMs) {
      const before = db.pragma('busy_timeout', { simple: true }) as number;
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(timeoutMs))}`);
      try {
        db.exec('BEGIN IMMEDIATE');
        db.exec('ROLLBACK');
      } finally {
        db.pragma(`busy_timeout = ${before}`);
      }
    },
  };
}
