/**
 * Tells operators when something needs a person: a channel down longer than
 * ALERT_CHANNEL_DOWN_MINUTES, or failed/uncertain deliveries growing. One
 * notice per episode to the command-centre desk and the log, never one per
 * message; checked once a minute.
 */
import type { ChannelHealth, Clock, Logger, OutboxStatus } from '../core/ports.js';

export interface AlertOptions {
  health(): ChannelHealth[];
  outboxCounts(): Promise<Record<OutboxStatus, number>>;
  /** Sends one notice to the command-centre desk. */
  notify(key: 'desk_channel_down' | 'desk_channel_up' | 'desk_outbox_problems', vars: Record<string, string | number>): Promise<void> | void;
  clock: Clock;
  logger: Logger;
  channelDownMinutes: number;
  /** Least time between two notices about growing failed/uncertain rows. Default 30 min. */
  problemsCooldownMs?: number;
}

/** Display name of a channel id for operators. */
export function channelName(id: string): string {
  if (id === 'desk') return 'Telegram (meja dinas)';
  if (id === 'telegram') return 'Telegram';
  if (id === 'whatsapp') return 'WhatsApp';
  return id;
}

export function createAlerts(opts: AlertOptions) {
  const { clock, logger } = opts;
  const downSince = new Map<string, number>();
  const alerted = new Set<string>();
  const cooldown = opts.problemsCooldownMs ?? 30 * 60_000;
  const problemsOf = (c: Record<OutboxStatus, number>) => c.failed + c.uncertain;
  // Problems that were there before this process started are not news.
  let baseline: number | undefined;
  const baselineRead = opts.outboxCounts().then((c) => { baseline ??= problemsOf(c); }, () => undefined);
  let lastProblemsNotice = -Infinity;
  let timer: NodeJS.Timeout | undefined;

  async function send(key: Parameters<AlertOptions['notify']>[0], vars: Record<string, string | number>): Promise<void> {
    try {
      await opts.notify(key, vars);
    } catch (err) {
      logger.error({ err, key }, 'could not queue the notice to the command-centre desk');
    }
  }

  /** One round: compares channel health and outbox counts with the previous round. */
  async function check(): Promise<void> {
    const now = clock.now().getTime();
    for (const h of opts.health()) {
      if (!h.enabled) continue;
      if (!h.connected) {
        const since = downSince.get(h.channel) ?? now;
        downSince.set(h.channel, since);
        const minutes = Math.floor((now - since) / 60_000);
        if (minutes >= opts.channelDownMinutes && !alerted.has(h.channel)) {
          alerted.add(h.channel);
          logger.warn({ channel: h.channel, minutes, lastError: h.lastError }, `channel ${h.channel} has been down ${minutes} minutes; messages wait in the outbox and go out when it is back (see the command centre, Saluran)`);
          await send('desk_channel_down', { saluran: channelName(h.channel), menit: minutes, galat: h.lastError ?? '-' });
        }
      } else {
        downSince.delete(h.channel);
        if (alerted.delete(h.channel)) {
          logger.info({ channel: h.channel }, `channel ${h.channel} is connected again`);
          await send('desk_channel_up', { saluran: channelName(h.channel) });
        }
      }
    }
    await baselineRead;
    const counts = await opts.outboxCounts();
    const total = problemsOf(counts);
    if (baseline === undefined) baseline = total;
    if (total < baseline) baseline = total; // resent or dismissed from the command centre
    if (total > baseline && now - lastProblemsNotice >= cooldown) {
      const fresh = total - baseline;
      baseline = total;
      lastProblemsNotice = now;
      logger.warn({ new: fresh, failed: counts.failed, uncertain: counts.uncertain }, 'outbox messages failed or are uncertain; review them in the command centre (Saluran): resend or dismiss');
      await send('desk_outbox_problems', { baru: fresh, gagal: counts.failed, tidak_pasti: counts.uncertain });
    }
  }

  return {
    check,
    start(intervalMs = 60_000): void {
      clearInterval(timer);
      timer = setInterval(() => {
        check().catch((err: unknown) => logger.error({ err }, 'alert check failed; trying again next minute'));
      }, intervalMs);
      timer.unref();
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}

export type Alerts = ReturnType<typeof createAlerts>;
