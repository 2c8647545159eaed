/**
 * Live updates for the board. Tickets change from many places (the engine,
 * Telegram desks, the SLA worker, the CLI in another process), so instead of
 * hooks in the core the server polls the append-only ticket_events table for
 * rows past the last one it saw (one cheap indexed query a second, only while
 * someone watches) and tells every subscriber which tickets changed.
 */
import type { TicketEventLog } from './ports.js';

/** Which tickets changed since the last poll. */
export interface TicketChange {
  /** Highest ticket_events id included. */
  cursor: number;
  ticketIds: number[];
}

/** A poller that fans ticket changes out to subscribers (SSE streams). */
export interface LiveFeed {
  subscribe(fn: (change: TicketChange) => void): Promise<() => void>;
  /** Polls once now (tests, and right after a web action). */
  poll(): Promise<void>;
  close(): void;
}

/** Starts a feed over the event log; it polls only while someone subscribes. */
export async function createLiveFeed(events: TicketEventLog, opts: { intervalMs?: number; onError?: (err: unknown) => void } = {}): Promise<LiveFeed> {
  const intervalMs = opts.intervalMs ?? 1000;
  let cursor = await events.lastId();
  const subscribers = new Set<(change: TicketChange) => void>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  let polling: Promise<void> | undefined;
  /** One read at a time: a slow database must not pile up overlapping polls. */
  function poll(): Promise<void> {
    polling ??= readOnce().finally(() => { polling = undefined; });
    return polling;
  }

  async function readOnce(): Promise<void> {
    if (closed || !events.isOpen()) return;
    try {
      const rows = await events.after(cursor, 2000);
      if (!rows.length) return;
      cursor = rows[rows.length - 1]!.id;
      const change = { cursor, ticketIds: [...new Set(rows.map((r) => r.ticketId))] };
      for (const fn of subscribers) {
        try { fn(change); } catch (err) { opts.onError?.(err); }
      }
    } catch (err) {
      opts.onError?.(err);
    }
  }

  function ensureTimer(): void {
    if (timer || closed) return;
    timer = setInterval(poll, intervalMs);
    timer.unref();
  }

  return {
    async subscribe(fn) {
      if (!subscribers.size) cursor = Math.max(cursor, await events.lastId());
      subscribers.add(fn);
      ensureTimer();
      return () => {
        subscribers.delete(fn);
        if (!subscribers.size && timer) { clearInterval(timer); timer = undefined; }
      };
    },
    poll,
    close() {
      closed = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      subscribers.clear();
    },
  };
}
