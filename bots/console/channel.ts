/**
 * The console channel: a person chats as a citizen in the terminal
 * (`npm run chat`). Works interactively and with piped input: one citizen
 * message per line, every bot reply printed on lines starting with "bot> ".
 * A line "/lokasi -8.46,118.72" shares a map pin; "/foto path.jpg" a photo
 * (copied under MEDIA_DIR, as a real channel stores what it downloads).
 * Several terminals may chat as different citizens (CHAT_USER) on one
 * database: each prints only its own citizen's messages.
 */
import { createInterface } from 'node:readline';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import {
  TransientSendError, type Channel, type ChannelHealth, type InboundHandler, type InboundMessage, type OutboundMessage, type SendResult,
} from '../../core/ports.js';

export interface ConsoleChannelOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The citizen's address; several terminals can chat as different citizens. */
  user: string;
  /** Where photos sent with /foto are copied (MEDIA_DIR). */
  mediaDir: string;
}

/** How long a message for another terminal's citizen waits before the outbox offers it again (that terminal's worker takes it). */
const OTHER_TERMINAL_RETRY_MS = 1000;

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
      for await (const line of rl) {
        const msg = this.toInbound(line);
        if (msg) await onMessage(msg);
      }
    })();
  }

  /** Resolves when the input ends (piped chat) or the user presses Ctrl-D. */
  ended(): Promise<void> {
    return this.closed;
  }

  /** Copies a photo under MEDIA_DIR, so the ticket page and the desk can show it after the original moves. */
  private storePhoto(path: string): string {
    const dir = join(this.opts.mediaDir, 'console');
    mkdirSync(dir, { recursive: true });
    const dest = join(dir, `${this.runId}-${this.counter}${extname(path).toLowerCase() || '.jpg'}`);
    copyFileSync(path, dest);
    return dest;
  }

  private toInbound(line: string): InboundMessage | undefined {
    const base = { channel: this.id, externalId: `${this.runId}-${++this.counter}`, sender: { address: this.opts.user, displayName: this.opts.user } };
    const pin = /^\/lokasi\s+(-?[\d.e+]+|NaN|-?Infinity)\s*,\s*(-?[\d.e+]+|NaN|-?Infinity)\s*(.*)$/i.exec(line.trim());
    if (pin) return { ...base, location: { latitude: Number(pin[1]), longitude: Number(pin[2]), ...(pin[3] ? { name: pin[3] } : {}) } };
    const photo = /^\/foto\s+(\S+)\s*(.*)$/.exec(line.trim());
    if (photo) {
      const path = photo[1]!;
      if (!existsSync(path) || !statSync(path).isFile()) {
        this.opts.output.write(`(berkas ${path} tidak ditemukan; foto tidak dikirim)\n`);
        return undefined;
      }
      const stored = this.storePhoto(path);
      return { ...base, media: { kind: 'photo', path: stored, bytes: statSync(stored).size }, ...(photo[2] ? { text: photo[2] } : {}) };
    }
    const other = /^\/(suara|stiker|video|dokumen)\b/.exec(line.trim());
    if (other) {
      const kind = ({ suara: 'voice', stiker: 'sticker', video: 'video', dokumen: 'document' } as const)[other[1] as 'suara'];
      return { ...base, media: { kind } };
    }
    return { ...base, text: line };
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    if (message.to !== this.opts.user) {
      // Another terminal's citizen: leave it in the outbox for that terminal (not counted as a failed attempt).
      throw new TransientSendError(`console: ${message.to} chats in another terminal`, OTHER_TERMINAL_RETRY_MS);
    }
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
