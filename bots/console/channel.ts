/**
 * The console channel: a person chats as a citizen in the terminal
 * (`npm run chat`). Works interactively and with piped input: one citizen
 * message per line, every bot reply printed on lines starting with "bot> ".
 * A line "/lokasi -8.46,118.72" shares a map pin; "/foto path.jpg" a photo.
 */
import { createInterface } from 'node:readline';
import { existsSync, statSync } from 'node:fs';
import type { Channel, ChannelHealth, InboundHandler, InboundMessage, OutboundMessage, SendResult } from '../../core/ports.js';

export interface ConsoleChannelOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The citizen's address; several terminals can chat as different citizens. */
  user: string;
}

export class ConsoleChannel implements Channel {
  readonly id = 'console';
  private counter = 0;
  private readonly runId = Date.now().toString(36);
  private closed!: Promise<void>;

  constructor(private readonly opts: ConsoleChannelOptions) {}

  async start(onMessage: InboundHandler): Promise<void> {
    const rl = createInterface({ input: this.opts.input, terminal: false, crlfDelay: Infinity });
    this.closed = (async () => {
      // Lines are handled one after another, so a piped conversation keeps its order.
      for await (const line of rl) await onMessage(this.toInbound(line));
    })();
  }

  /** Resolves when the input ends (piped chat) or the user presses Ctrl-D. */
  ended(): Promise<void> {
    return this.closed;
  }

  private toInbound(line: string): InboundMessage {
    const base = { channel: this.id, externalId: `${this.runId}-${++this.counter}`, sender: { address: this.opts.user, displayName: this.opts.user } };
    const pin = /^\/lokasi\s+(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*(.*)$/.exec(line.trim());
    if (pin) return { ...base, location: { latitude: Number(pin[1]), longitude: Number(pin[2]), ...(pin[3] ? { name: pin[3] } : {}) } };
    const photo = /^\/foto\s+(\S+)\s*(.*)$/.exec(line.trim());
    if (photo && existsSync(photo[1]!)) {
      return { ...base, media: { kind: 'photo', path: photo[1]!, bytes: statSync(photo[1]!).size }, ...(photo[2] ? { text: photo[2] } : {}) };
    }
    const other = /^\/(suara|stiker|video|dokumen)\b/.exec(line.trim());
    if (other) {
      const kind = ({ suara: 'voice', stiker: 'sticker', video: 'video', dokumen: 'document' } as const)[other[1] as 'suara'];
      return { ...base, media: { kind } };
    }
    return { ...base, text: line };
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const lines = message.text.split('\n');
    if (message.choices?.length) lines.push(...message.choices.map((c, i) => `${i + 1}. ${c.label}`));
    if (message.photoPath) lines.push(`[foto: ${message.photoPath}]`);
    if (message.location) lines.push(`[lokasi: ${message.location.latitude}, ${message.location.longitude}]`);
    this.opts.output.write(`${lines.map((l) => `bot> ${l}`).join('\n')}\n`);
    return {};
  }

  async stop(): Promise<void> {}

  health(): ChannelHealth {
    return { channel: this.id, enabled: true, connected: true };
  }
}
