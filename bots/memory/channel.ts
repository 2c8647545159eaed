/**
 * An in-process citizen channel: tests and benchmarks talk to the real engine
 * through it, and can make it fail to check the outbox's retries.
 */
import { TransientSendError, type Channel, type ChannelHealth, type InboundHandler, type InboundMessage, type OutboundMessage, type SendResult } from '../../core/ports.js';

export class MemoryChannel implements Channel {
  readonly sent: OutboundMessage[] = [];
  private handler: InboundHandler | undefined;
  private counter = 0;
  // Ids stay unique across restarts of a test app, like a real channel's message ids.
  private readonly runId = Math.random().toString(36).slice(2, 8);
  /** While true, send() fails as if the network were down. */
  down = false;
  /** Called for every delivered message (benchmarks measure latency here). */
  onSend: ((m: OutboundMessage) => void) | undefined;

  constructor(readonly id: string = 'memory') {}

  async start(onMessage: InboundHandler): Promise<void> {
    this.handler = onMessage;
  }

  /** A citizen sends a message; resolves when the engine has handled it. */
  async receive(from: string, text: string | undefined, extra: Partial<InboundMessage> = {}): Promise<void> {
    if (!this.handler) throw new Error('MemoryChannel.receive before start(): build the app and call start() first');
    await this.handler({ channel: this.id, externalId: `${this.runId}-${++this.counter}`, sender: { address: from }, ...(text !== undefined ? { text } : {}), ...extra });
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    if (this.down) throw new TransientSendError(`${this.id} channel is down`);
    this.sent.push(message);
    this.onSend?.(message);
    return { externalId: `out${this.sent.length}` };
  }

  /** Texts sent to one citizen, in order. */
  textsTo(address: string): string[] {
    return this.sent.filter((m) => m.to === address).map((m) => m.text);
  }

  async stop(): Promise<void> {
    this.handler = undefined;
  }

  health(): ChannelHealth {
    return { channel: this.id, enabled: true, connected: !this.down };
  }
}
