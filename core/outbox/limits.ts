/**
 * Send-rate limits the outbox worker keeps to, so it paces itself instead of
 * hammering a throttled channel and burning retries on 429s.
 *
 * Limits are sliding windows over the worker's clock ("at most max sends in
 * any windowMs"), either shared by every recipient of some channels (a bot's
 * overall rate) or per recipient (one Telegram group). They are kept in memory:
 * after a restart the first sends may meet a 429, which the worker treats as
 * "wait and retry", never as a failure.
 */

export interface RateLimitRule {
  /** Channel ids the rule covers ('desk' for agency desks). Channels in one 'all' rule share one budget. */
  channels: readonly string[];
  /** 'all': one budget for every recipient of these channels; 'recipient': one budget per recipient. */
  per: 'all' | 'recipient';
  max: number;
  windowMs: number;
}

/**
 * Telegram's published limits for one bot (citizen chats and agency desk groups
 * share the token): about 30 messages per second overall, 20 per minute in one
 * group, and about one per second in one private chat.
 */
export const TELEGRAM_LIMITS: readonly RateLimitRule[] = [
  { channels: ['telegram', 'desk'], per: 'all', max: 30, windowMs: 1_000 },
  { channels: ['desk'], per: 'recipient', max: 20, windowMs: 60_000 },
  { channels: ['telegram'], per: 'recipient', max: 1, windowMs: 1_000 },
];

/**
 * The WhatsApp Business Cloud API's throughput for one business number: 80
 * messages per second by default (Meta raises it for busy numbers). Per-citizen
 * pacing is left to Meta's 131056 answers, which the outbox treats as "wait".
 */
export function whatsappCloudLimits(messagesPerSecond: number): RateLimitRule[] {
  return [{ channels: ['whatsapp'], per: 'all', max: messagesPerSecond, windowMs: 1_000 }];
}

/** Sliding-window accounting of sends, plus recipients a remote told us to leave alone for a while. */
export class SendLimiter {
  private readonly logs = new Map<string, number[]>();
  private readonly blocked = new Map<string, number>();

  constructor(readonly rules: readonly RateLimitRule[]) {}

  /** Groups of channels that share a budget; a channel in no 'all' rule is its own group. */
  lanes(channels: readonly string[]): string[][] {
    const groups: Set<string>[] = [];
    for (const c of channels) {
      const sharing = this.rules.filter((r) => r.per === 'all' && r.channels.includes(c)).flatMap((r) => r.channels).filter((x) => channels.includes(x));
      const existing = groups.find((g) => g.has(c) || sharing.some((x) => g.has(x)));
      if (existing) {
        existing.add(c);
        for (const x of sharing) existing.add(x);
      } else groups.push(new Set([c, ...sharing]));
    }
    return groups.map((g) => [...g].sort());
  }

  /** Channels ordered tightest per-recipient limit first (their capacity is the scarce one). */
  byConstraint(channels: readonly string[]): string[] {
    const rate = (c: string) => Math.min(Infinity, ...this.rules.filter((r) => r.per === 'recipient' && r.channels.includes(c)).map((r) => r.max / r.windowMs));
    return [...channels].sort((a, b) => rate(a) - rate(b) || a.localeCompare(b));
  }

  private recent(key: string, windowMs: number, now: number): number[] {
    const log = this.logs.get(key);
    if (!log) return [];
    while (log.length && log[0]! <= now - windowMs) log.shift();
    if (!log.length) this.logs.delete(key);
    return log;
  }

  /** How many sends the channels may make now without breaking an overall budget (Infinity when none applies). */
  budget(channels: readonly string[], now: number): number {
    let left = Infinity;
    this.rules.forEach((r, i) => {
      if (r.per !== 'all' || !r.channels.some((c) => channels.includes(c))) return;
      left = Math.min(left, r.max - this.recent(`all#${i}`, r.windowMs, now).length);
    });
    return Math.max(0, left);
  }

  /** Recipients that must wait: their own window is full, or the remote asked for a pause. */
  held(now: number): string[] {
    const out: string[] = [];
    for (const [key, until] of this.blocked) {
      if (until <= now) this.blocked.delete(key);
      else out.push(key);
    }
    this.rules.forEach((r, i) => {
      if (r.per !== 'recipient') return;
      const prefix = `rcpt#${i}#`;
      for (const key of [...this.logs.keys()]) {
        if (key.startsWith(prefix) && this.recent(key, r.windowMs, now).length >= r.max) out.push(key.slice(prefix.length));
      }
    });
    return out;
  }

  /** Counts one send to a recipient on a channel. */
  record(channel: string, recipientKey: string, now: number): void {
    this.rules.forEach((r, i) => {
      if (!r.channels.includes(channel)) return;
      const key = r.per === 'all' ? `all#${i}` : `rcpt#${i}#${recipientKey}`;
      const log = this.logs.get(key);
      if (log) log.push(now);
      else this.logs.set(key, [now]);
    });
  }

  /** The remote said "retry after": hold the recipient until then. */
  block(recipientKey: string, until: number): void {
    this.blocked.set(recipientKey, Math.max(until, this.blocked.get(recipientKey) ?? 0));
  }

  /** The earliest time after `now` at which a window or a block frees up (undefined when nothing is held). */
  nextFree(now: number): number | undefined {
    let next: number | undefined;
    const consider = (t: number) => {
      if (t > now && (next === undefined || t < next)) next = t;
    };
    for (const until of this.blocked.values()) consider(until);
    this.rules.forEach((r, i) => {
      for (const [key, log] of this.logs) {
        if (!(key === `all#${i}` || key.startsWith(`rcpt#${i}#`)) || !log.length) continue;
        if (this.recent(key, r.windowMs, now).length >= r.max) consider(log[0]! + r.windowMs);
      }
    });
    return next;
  }
}
