/**
 * A paced, one-at-a-time send queue.
 *
 * Why: WhatsApp bans numbers that behave like bots — bursts of messages fired
 * the same millisecond to many chats. Every send waits a minimum gap plus a
 * random jitter after the previous one, and only one send is ever in flight, so
 * a recipient's messages also leave strictly in order. A caller's promise
 * settles only when its message actually left (the outbox waits on it).
 */
import type { Clock } from '../../core/ports.js';

export type TimerHandle = unknown;

/** Timer port so tests advance time instead of sleeping. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** One step of a job: sends one WhatsApp message and returns its id. */
export type SendStep = () => Promise<string | undefined>;

interface Job {
  chatId: string;
  steps: SendStep[];
  resolve: (ids: Array<string | undefined>) => void;
  reject: (err: unknown) => void;
}

export interface PacedSendQueueOptions {
  minGapMs: number;
  jitterMs: number;
  clock: Clock;
  timers: Timers;
  /** Uniform [0, 1); injectable so tests get deterministic jitter. */
  random: () => number;
}

export class PacedSendQueue {
  private readonly jobs: Job[] = [];
  private running = false;
  private lastSentAt: number | undefined;
  private wait: { handle: TimerHandle; wake: () => void } | undefined;
  private closedWith: (() => Error) | undefined;

  constructor(private readonly opts: PacedSendQueueOptions) {}

  /** Messages waiting plus the one being sent. */
  get length(): number {
    return this.jobs.length + (this.running ? 1 : 0);
  }

  /**
   * Queues the steps of one outbound message (e.g. text then a map pin); each
   * step is paced like a message of its own. Resolves with each step's id.
   */
  push(chatId: string, steps: SendStep[]): Promise<Array<string | undefined>> {
    if (this.closedWith) return Promise.reject(this.closedWith());
    return new Promise((resolve, reject) => {
      this.jobs.push({ chatId, steps, resolve, reject });
      void this.pump();
    });
  }

  /** Fails every job not yet started (e.g. the connection dropped); the one in flight finishes on its own. */
  rejectWaiting(makeError: () => Error): number {
    const dropped = this.jobs.splice(0);
    for (const job of dropped) job.reject(makeError());
    return dropped.length;
  }

  /** Accepts jobs again after close() (the channel was restarted). */
  open(): void {
    this.closedWith = undefined;
  }

  /** Refuses new jobs, fails waiting ones and wakes a job sleeping on its gap so it fails too. */
  close(makeError: () => Error): void {
    this.closedWith = makeError;
    this.rejectWaiting(makeError);
    if (this.wait) {
      this.opts.timers.clearTimeout(this.wait.handle);
      this.wait.wake();
    }
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    const job = this.jobs.shift();
    if (!job) return;
    this.running = true;
    const ids: Array<string | undefined> = [];
    try {
      for (const step of job.steps) {
        await this.waitForGap();
        if (this.closedWith) throw this.closedWith();
        try {
          ids.push(await step());
        } finally {
          // A failed attempt still counts: hammering WhatsApp right after an error looks worse.
          this.lastSentAt = this.opts.clock.now().getTime();
        }
      }
      job.resolve(ids);
    } catch (err) {
      job.reject(err);
    } finally {
      this.running = false;
      void this.pump();
    }
  }

  private waitForGap(): Promise<void> {
    if (this.lastSentAt === undefined) return Promise.resolve();
    const gap = this.opts.minGapMs + Math.floor(this.opts.random() * this.opts.jitterMs);
    const delay = this.lastSentAt + gap - this.opts.clock.now().getTime();
    if (delay <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        this.wait = undefined;
        resolve();
      };
      this.wait = { handle: this.opts.timers.setTimeout(wake, delay), wake };
    });
  }
}
