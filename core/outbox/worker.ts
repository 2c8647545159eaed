/**
 * Delivers outbox rows through their channel: claim → send → mark sent.
 *
 * A claimed row is committed as 'sending' before the send, so a crash between
 * send and mark leaves evidence: at start-up such rows become 'uncertain' and
 * are never sent twice. Transient failures (network, 429, 5xx) are retried with
 * backoff until maxAttempts, then marked failed for the command centre. Rows of
 * one recipient go out strictly in order (the store claims only the oldest).
 */
import { TransientSendError, type Channel, type Clock, type DeskChannel, type Logger, type OutboxRow, type Store } from '../ports.js';

export interface OutboxWorkerOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Citizen channels by id. A row for a channel not listed here is skipped (the channel is off). */
  channels: ReadonlyMap<string, Channel>;
  desk?: DeskChannel | undefined;
  /** Delay before retry n (1-based); the last one repeats. Default: 5 s, 30 s, 2 min, 5 min, 15 min, 30 min. */
  retryDelaysMs?: number[];
  /** Attempts before a row is marked failed. Default 12 (covers a channel down for hours). */
  maxAttempts?: number;
  /** Rows claimed per round (one per recipient). */
  batchSize?: number;
  /** Idle polling interval; kick() wakes the worker earlier. */
  pollMs?: number;
}

export const DEFAULT_RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 300_000, 900_000, 1_800_000];

export function createOutboxWorker(opts: OutboxWorkerOptions) {
  const { store, clock, logger } = opts;
  const delays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const maxAttempts = opts.maxAttempts ?? 12;
  const batchSize = opts.batchSize ?? 64;
  const pollMs = opts.pollMs ?? 1_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = true;
  let retried = 0;

  async function deliver(row: OutboxRow): Promise<void> {
    const t = row.target;
    try {
      let externalId: string | undefined;
      if (t.kind === 'citizen') {
        const channel = opts.channels.get(t.channel);
        if (!channel) {
          store.outbox.markFinal(row.id, 'skipped', `channel "${t.channel}" is off; set it up (see README) to reach this citizen`);
          return;
        }
        externalId = (await channel.send(t.message)).externalId;
      } else {
        if (!opts.desk) {
          store.outbox.markFinal(row.id, 'skipped', 'no agency desk channel is on (set TELEGRAM_BOT_TOKEN); the command centre dashboard still shows the ticket');
          return;
        }
        externalId = (await opts.desk.deliver(t.agency, t.payload)).externalId;
      }
      const at = clock.now().toISOString();
      store.transaction(() => {
        store.outbox.markSent(row.id, at, externalId);
        if (t.kind === 'citizen') {
          store.messages.recordOutbound({
            channel: t.channel, externalId: externalId ?? null, citizenId: row.citizenId, direction: 'out', text: t.message.text,
            payload: { outboxId: row.id, ticketId: row.ticketId }, createdAt: at,
          });
        }
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof TransientSendError && row.attempts < maxAttempts) {
        retried++;
        const delay = Math.max(delays[Math.min(row.attempts, delays.length) - 1] ?? delays[delays.length - 1]!, err.retryAfterMs ?? 0);
        store.outbox.markRetry(row.id, new Date(clock.now().getTime() + delay).toISOString(), message);
        logger.warn({ outboxId: row.id, recipient: row.recipientKey, attempt: row.attempts, retryInMs: delay, err: message }, 'delivery failed; will retry');
      } else {
        store.outbox.markFinal(row.id, 'failed', message);
        logger.error({ outboxId: row.id, recipient: row.recipientKey, attempts: row.attempts, err: message },
          'delivery failed for good; shown to the command centre (outbox status failed)');
      }
    }
  }

  /** One round: claim what is due and deliver it. Returns how many rows were handled. */
  async function runOnce(): Promise<number> {
    // Only rows this process can deliver: another process (the console chat, a second instance) may own other channels.
    const own = [...opts.channels.keys(), ...(opts.desk ? ['desk'] : [])];
    if (own.length === 0) return 0;
    const rows = store.outbox.claimDue(clock.now().toISOString(), batchSize, own);
    await Promise.all(rows.map(deliver));
    return rows.length;
  }

  function schedule(ms: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void loop(), ms);
    timer.unref?.();
  }

  async function loop(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    try {
      do {
        again = false;
        running = runOnce();
        const n = await running;
        if (n >= batchSize) again = true;
      } while (again && !stopped);
    } catch (err) {
      logger.error({ err }, 'outbox round failed; retrying on the next poll');
    } finally {
      running = undefined;
      schedule(pollMs);
    }
  }

  return {
    start(): void {
      stopped = false;
      const recovered = store.outbox.recoverInterrupted(clock.now().toISOString());
      if (recovered > 0) {
        logger.warn({ recovered }, 'outbox rows were being sent when the process stopped; marked uncertain (not resent) — see the command centre');
      }
      schedule(0);
    },
    /** Wake up now (called after new rows are written). */
    kick(): void {
      if (stopped) return;
      if (running) again = true;
      else schedule(0);
    },
    /** Deliver until nothing is due now (tests, benchmarks, shutdown). */
    async drain(maxRounds = 10_000): Promise<void> {
      if (running) await running.catch(() => undefined);
      for (let i = 0; i < maxRounds; i++) if ((await runOnce()) === 0) return;
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      if (running) await running.catch(() => undefined);
    },
    runOnce,
    stats: () => ({ retried }),
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
