/**
 * Delivers outbox rows through their channel: claim → send → mark sent.
 *
 * A claimed row is committed as 'sending' before the send, so a crash between
 * send and mark leaves evidence: when a worker first runs, such rows of its
 * channels become 'uncertain' and are never sent twice. Transient failures
 * (network, 5xx) are retried with backoff until maxAttempts, then marked failed
 * for the command centre; a 429 ("retry after") is a pause, not a failure, and
 * is not counted as an attempt. Rows of one recipient go out strictly in order
 * (the store claims only the oldest unfinished row of each recipient).
 *
 * Channels that share a rate budget (one Telegram bot: citizen chats and agency
 * desks) form a lane; lanes run independently, so a slow channel (WhatsApp's
 * paced queue) never holds up another. Within a lane the worker keeps to the
 * channel's published limits (./limits.ts), and a channel whose health says it
 * is disconnected is left alone: its rows wait, with no attempts spent, and go
 * out in order when it is back.
 */
import type { WhatsAppSettings } from '../config/schema.js';
import {
  TransientSendError, WindowClosedError, type Channel, type Clock, type DeskChannel, type Logger, type OutboundMessage, type OutboxRow, type Store,
} from '../ports.js';
import { SendLimiter, type RateLimitRule } from './limits.js';
import { decideWindow } from './window.js';

export interface OutboxWorkerOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Citizen channels by id. Only rows of these channels (and 'desk' when a desk is set) are claimed. */
  channels: ReadonlyMap<string, Channel>;
  desk?: DeskChannel | undefined;
  /** Delay before retry n (1-based); the last one repeats. Default: 5 s, 30 s, 2 min, 5 min, 15 min, 30 min. */
  retryDelaysMs?: number[];
  /** Attempts before a row is marked failed. Default 12 (covers a channel down for hours). */
  maxAttempts?: number;
  /** Rows claimed per lane per round (one per recipient). */
  batchSize?: number;
  /** Idle polling interval; kick() wakes the worker earlier. */
  pollMs?: number;
  /**
   * How often rows left 'sending' by an instance that is gone are looked for again (default 15 s). At start
   * each channel is checked at once; later checks find what another instance, killed mid-send, left behind.
   */
  recoverEveryMs?: number;
  /** Send-rate limits to keep to (e.g. TELEGRAM_LIMITS). */
  limits?: readonly RateLimitRule[];
  /** Templates for channels with a free-text window (WhatsApp Business), from the running prompts. */
  templates?: () => WhatsAppSettings | undefined;
}

export const DEFAULT_RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 300_000, 900_000, 1_800_000];

export interface OutboxStats {
  sent: number;
  /** Transient failures and 429s that were put back for a later attempt. */
  retried: number;
  throttled: number;
  failed: number;
}

export function createOutboxWorker(opts: OutboxWorkerOptions) {
  const { store, clock, logger } = opts;
  const delays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const maxAttempts = opts.maxAttempts ?? 12;
  const batchSize = opts.batchSize ?? 64;
  const pollMs = opts.pollMs ?? 1_000;
  const limiter = new SendLimiter(opts.limits ?? []);
  const stats: OutboxStats = { sent: 0, retried: 0, throttled: 0, failed: 0 };
  /** Channels that failed transiently since their last success: a success there wakes their waiting rows. */
  const failing = new Set<string>();
  const recovered = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  const busy = new Map<string, Promise<number>>();
  const again = new Set<string>();

  const ownChannels = () => [...opts.channels.keys(), ...(opts.desk ? ['desk'] : [])];

  function connected(channel: string): boolean {
    try {
      const h = channel === 'desk' ? opts.desk?.health() : opts.channels.get(channel)?.health();
      return h ? h.connected !== false : false;
    } catch {
      return true; // a health() bug must not stop deliveries
    }
  }

  let lastRecovery = -Infinity;
  /**
   * Rows an instance that is gone left 'sending' become 'uncertain' (never resent: they may have gone out).
   * A channel new to this worker is checked at once, all of them again every recoverEveryMs.
   */
  async function recoverOnce(): Promise<void> {
    const now = clock.now();
    const due = now.getTime() - lastRecovery >= (opts.recoverEveryMs ?? 15_000);
    const channels = due ? ownChannels() : ownChannels().filter((c) => !recovered.has(c));
    if (channels.length === 0) return;
    for (const c of channels) recovered.add(c);
    if (due) lastRecovery = now.getTime();
    const n = await store.outbox.recoverInterrupted(now.toISOString(), channels);
    if (n > 0) logger.warn({ recovered: n }, 'outbox rows were being sent by a process that stopped: desk cards go out again, the rest are marked uncertain (not resent) — see the command centre');
  }

  async function deliver(row: OutboxRow): Promise<void> {
    const t = row.target;
    const channelId = t.kind === 'desk' ? 'desk' : t.channel;
    let externalId: string | undefined;
    try {
      if (t.kind === 'citizen') {
        const channel = opts.channels.get(t.channel);
        if (!channel) {
          await store.outbox.markFinal(row.id, 'skipped', `channel "${t.channel}" is off; set it up (see README) to reach this citizen`);
          return;
        }
        const message = await windowed(row, channel, t.message);
        if (!message) return;
        externalId = (await channel.send(message)).externalId;
      } else {
        if (!opts.desk) {
          await store.outbox.markFinal(row.id, 'skipped', 'no agency desk channel is on (set TELEGRAM_BOT_TOKEN); the command centre dashboard still shows the ticket');
          return;
        }
        externalId = (await opts.desk.deliver(t.agency, t.payload)).externalId;
      }
    } catch (err) {
      await failed(row, channelId, err);
      return;
    }
    // Sent. If recording it fails the row stays 'sending' and becomes 'uncertain' on restart: never sent twice.
    const at = clock.now().toISOString();
    try {
      await store.outbox.markSent(row.id, at, externalId, t.kind === 'citizen' ? {
        channel: t.channel, externalId: externalId ?? null, citizenId: row.citizenId, direction: 'out', text: t.message.text,
        payload: { outboxId: row.id, ticketId: row.ticketId }, createdAt: at,
      } : undefined);
      stats.sent++;
    } catch (err) {
      logger.error({ err, outboxId: row.id }, 'message sent but not recorded; it will show as uncertain after a restart');
      return;
    }
    if (failing.delete(channelId)) {
      const woken = await store.outbox.expedite(channelId, at);
      if (woken > 0) logger.info({ channel: channelId, woken }, 'channel works again; queued messages go out now');
    }
  }

  /**
   * On a channel with a free-text window: the message as is, its template, or
   * undefined when the row was held (no template outside the window).
   */
  async function windowed(row: OutboxRow, channel: Channel, message: OutboundMessage): Promise<OutboundMessage | undefined> {
    if (!channel.freeFormWindowMs || row.citizenId === null) return message;
    const decision = decideWindow({
      message, windowMs: channel.freeFormWindowMs, now: clock.now(), templateRequired: row.templateRequired === true,
      lastInboundAt: await store.messages.lastInboundAt(channel.id, row.citizenId), settings: opts.templates?.(),
    });
    if (decision.kind === 'free') return message;
    if (decision.kind === 'template') return { ...message, template: decision.template };
    await store.outbox.markWaiting(row.id, decision.reason);
    logger.info({ outboxId: row.id, recipient: row.recipientKey }, 'outside the free-text window with no template; the message waits (shown to the command centre)');
    return undefined;
  }

  async function failed(row: OutboxRow, channelId: string, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    const now = clock.now().getTime();
    if (err instanceof WindowClosedError && !row.templateRequired) {
      // The channel says the window has closed: the next round sends the update's template (or holds the row).
      stats.retried++;
      await store.outbox.requireTemplate(row.id, new Date(now).toISOString(), message);
      logger.info({ outboxId: row.id, recipient: row.recipientKey }, 'free text refused outside the window; sending a template instead');
    } else if (err instanceof TransientSendError && err.retryAfterMs !== undefined) {
      // 429: the remote told us when to come back. Not a failed attempt.
      stats.retried++;
      stats.throttled++;
      limiter.block(row.recipientKey, now + err.retryAfterMs);
      await store.outbox.markRetry(row.id, new Date(now + err.retryAfterMs).toISOString(), message, { throttled: true });
      logger.debug({ outboxId: row.id, recipient: row.recipientKey, retryInMs: err.retryAfterMs }, 'rate limited; retrying when allowed');
    } else if (err instanceof TransientSendError && row.attempts < maxAttempts) {
      stats.retried++;
      failing.add(channelId);
      const delay = delays[Math.min(row.attempts, delays.length) - 1] ?? delays[delays.length - 1]!;
      await store.outbox.markRetry(row.id, new Date(now + delay).toISOString(), message);
      logger.warn({ outboxId: row.id, recipient: row.recipientKey, attempt: row.attempts, retryInMs: delay, err: message }, 'delivery failed; will retry');
    } else {
      stats.failed++;
      await store.outbox.markFinal(row.id, 'failed', message);
      logger.error({ outboxId: row.id, recipient: row.recipientKey, attempts: row.attempts, err: message },
        'delivery failed for good; shown to the command centre (outbox status failed)');
    }
  }

  /** One round of one lane: claim what is due and allowed now, deliver it. */
  async function laneRound(lane: readonly string[]): Promise<number> {
    const channels = lane.filter(connected);
    if (channels.length === 0) return 0;
    const now = clock.now();
    const limit = Math.min(batchSize, limiter.budget(channels, now.getTime()));
    if (limit <= 0) return 0;
    const held = limiter.held(now.getTime());
    const rows: OutboxRow[] = [];
    const claim = async (chans: string[], n: number) => {
      if (n <= 0 || chans.length === 0) return;
      const got = await store.outbox.claimDue(now.toISOString(), n, chans, held);
      for (const r of got) limiter.record(r.target.kind === 'desk' ? 'desk' : r.target.channel, r.recipientKey, now.getTime());
      rows.push(...got);
    };
    if (channels.length === 1) await claim(channels, limit);
    else {
      // The budget is shared: the most constrained channel picks first (desk groups: 20/min each), so their
      // scarce per-group capacity is never left unused while citizen chats take the whole budget; the rest
      // goes to the others. Under a burst this finishes soonest; in normal traffic nobody waits.
      for (const c of limiter.byConstraint(channels)) await claim([c], limit - rows.length);
    }
    await Promise.all(rows.map(deliver));
    return rows.length;
  }

  const lanes = () => limiter.lanes(ownChannels());

  /** One round of every lane, together. Returns how many rows were handled. */
  async function runOnce(): Promise<number> {
    await recoverOnce();
    const counts = await Promise.all(lanes().map(laneRound));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Background: each lane loops on its own while it has work. */
  function pump(lane: string[]): void {
    const id = lane.join(',');
    if (stopped) return;
    if (busy.has(id)) {
      again.add(id);
      return;
    }
    const round = laneRound(lane).catch((err: unknown) => {
      logger.error({ err, lane: id }, 'outbox round failed; retrying on the next poll');
      return 0;
    });
    busy.set(id, round);
    void round.then((n) => {
      busy.delete(id);
      if (n > 0 || again.delete(id)) pump(lane);
      else schedule();
    });
  }

  async function pumpAll(): Promise<void> {
    try {
      await recoverOnce();
    } catch (err) {
      logger.error({ err }, 'outbox: could not look for interrupted rows; trying again on the next poll');
    }
    for (const lane of lanes()) pump(lane);
    schedule();
  }

  function schedule(): void {
    if (stopped) return;
    const now = clock.now().getTime();
    const free = limiter.nextFree(now);
    const ms = free === undefined ? pollMs : Math.max(10, Math.min(pollMs, free - now));
    clearTimeout(timer);
    timer = setTimeout(() => void pumpAll(), ms);
    timer.unref?.();
  }

  return {
    async start(): Promise<void> {
      stopped = false;
      await recoverOnce();
      await pumpAll();
    },
    /** Wake up now (called after new rows are written). */
    kick(): void {
      if (!stopped) void pumpAll();
    },
    /** Deliver until nothing is due now (tests, benchmarks, shutdown). */
    async drain(maxRounds = 10_000): Promise<void> {
      await Promise.all([...busy.values()]);
      for (let i = 0; i < maxRounds; i++) if ((await runOnce()) === 0) return;
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await Promise.all([...busy.values()]);
    },
    runOnce,
    /** The earliest time a rate window or a 429 pause ends (benchmarks with a simulated clock jump to it). */
    nextFreeAt: (): Date | undefined => {
      const t = limiter.nextFree(clock.now().getTime());
      return t === undefined ? undefined : new Date(t);
    },
    stats: (): OutboxStats => ({ ...stats }),
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
