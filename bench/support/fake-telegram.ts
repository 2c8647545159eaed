/**
 * A fake Telegram for the outbox benchmark: one bot whose citizen chats and
 * agency desk groups share Telegram's limits, enforced on a (simulated) clock:
 * at most 30 messages in any second overall and 20 in any minute per group.
 * A message over a limit is refused with a 429 carrying retry_after, as the
 * Bot API does; a small seeded share of requests also meets a spurious 429
 * ("flood wait") so the retry path is exercised. Every accepted message is
 * recorded with its time, so lost and doubled messages can be counted.
 */
import {
  TransientSendError, type Channel, type ChannelHealth, type Clock, type DeskChannel, type DeskPayload, type OutboundMessage, type SendResult,
} from '../../core/ports.js';

export interface Accepted {
  /** Same identity the benchmark computes from an outbox row. */
  key: string;
  at: number;
}

export const citizenKey = (m: OutboundMessage) => `c|${m.to}|${m.text}`;
export const deskKey = (agency: string, p: DeskPayload) => `d|${agency}|${JSON.stringify(p)}`;

export class FakeTelegram {
  readonly accepted: Accepted[] = [];
  refused429 = 0;
  spurious429 = 0;
  private overall: number[] = [];
  private readonly groups = new Map<string, number[]>();
  private seed = 42;

  constructor(private readonly clock: Clock, readonly opts = { perSecond: 30, perGroupPerMinute: 20, spuriousRate: 0.002 }) {}

  private random(): number {
    // mulberry32: the same run every time.
    let t = (this.seed += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private admit(group: string | undefined, key: string): SendResult {
    const now = this.clock.now().getTime();
    this.overall = this.overall.filter((t) => t > now - 1_000);
    if (this.overall.length >= this.opts.perSecond) {
      this.refused429++;
      throw new TransientSendError('429 Too Many Requests: retry after 1', Math.max(1, this.overall[0]! + 1_000 - now));
    }
    if (group) {
      const log = (this.groups.get(group) ?? []).filter((t) => t > now - 60_000);
      this.groups.set(group, log);
      if (log.length >= this.opts.perGroupPerMinute) {
        this.refused429++;
        // Telegram rounds retry_after up to whole seconds.
        throw new TransientSendError('429 Too Many Requests (group)', Math.ceil((log[0]! + 60_000 - now) / 1_000) * 1_000);
      }
      log.push(now);
    }
    if (this.random() < this.opts.spuriousRate) {
      this.spurious429++;
      if (group) this.groups.get(group)!.pop();
      throw new TransientSendError('429 Too Many Requests: flood wait', 1_000);
    }
    this.overall.push(now);
    this.accepted.push({ key, at: now });
    return { externalId: String(this.accepted.length) };
  }

  readonly citizen: Channel = {
    id: 'telegram',
    start: async () => undefined,
    stop: async () => undefined,
    send: async (m) => this.admit(undefined, citizenKey(m)),
    health: (): ChannelHealth => ({ channel: 'telegram', enabled: true, connected: true }),
  };

  readonly desk: DeskChannel = {
    id: 'desk',
    deliver: async (agency, payload) => this.admit(agency, deskKey(agency, payload)),
    health: (): ChannelHealth => ({ channel: 'desk', enabled: true, connected: true }),
  };
}
