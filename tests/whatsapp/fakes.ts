/**
 * Test doubles for the WhatsApp channel: a fake whatsapp-web.js client that
 * emits messages shaped like the library's `Message` (see
 * node_modules/whatsapp-web.js/index.d.ts), manual timers, and a recording logger.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from '../../core/ports.js';
import type { WaContact, WaContent, WaMedia, WaMessage, WaSendOptions, WhatsAppClient } from '../../bots/whatsapp/client.js';
import type { Timers } from '../../bots/whatsapp/send-queue.js';

export interface SentRecord {
  chatId: string;
  content: WaContent;
  options: WaSendOptions | undefined;
  at: number;
}

/** A whatsapp-web.js-like client that never opens a browser. */
export class FakeWhatsAppClient extends EventEmitter implements WhatsAppClient {
  initialized = 0;
  destroyed = 0;
  sent: SentRecord[] = [];
  /** Makes the next sendMessage calls throw this error. */
  sendError: Error | undefined;
  /** Holds sendMessage until released, to observe one-in-flight behaviour. */
  holdSends = false;
  private held: Array<() => void> = [];
  /** lid ↔ phone pairs WhatsApp Web would know. */
  lidPairs: Array<{ lid: string; pn: string }> = [];
  lidLookups: string[] = [];
  private seq = 0;

  constructor(private readonly now: () => number = () => Date.now()) {
    super();
  }

  async initialize(): Promise<void> {
    this.initialized++;
  }

  async destroy(): Promise<void> {
    this.destroyed++;
  }

  async sendMessage(chatId: string, content: WaContent, options?: WaSendOptions): Promise<{ id: { _serialized: string } }> {
    if (this.holdSends) await new Promise<void>((resolve) => this.held.push(resolve));
    if (this.sendError) throw this.sendError;
    this.sent.push({ chatId, content, options, at: this.now() });
    return { id: { _serialized: `true_${chatId}_SENT${++this.seq}` } };
  }

  releaseOne(): void {
    this.held.shift()?.();
  }

  get waiting(): number {
    return this.held.length;
  }

  async getContactLidAndPhone(userIds: string[]): Promise<Array<{ lid?: string; pn?: string }>> {
    this.lidLookups.push(...userIds);
    return userIds.map((id) => this.lidPairs.find((p) => p.lid === id || p.pn === id) ?? { lid: undefined, pn: undefined });
  }

  /** Link the fake as if a saved session was restored. */
  becomeReady(): void {
    this.emit('authenticated');
    this.emit('ready');
  }

  receive(msg: WaMessage): void {
    this.emit('message', msg);
  }
}

let counter = 0;

/** A whatsapp-web.js-shaped incoming message; override any field. */
export function waMessage(overrides: Partial<WaMessage> & { from?: string } = {}): WaMessage & { downloads: number } {
  const from = overrides.from ?? '6281234567890@c.us';
  const id = `${(counter++).toString(16).toUpperCase().padStart(20, 'A')}`;
  const msg = {
    id: { fromMe: false, remote: from, id, _serialized: `false_${from}_${id}` },
    from,
    to: '6281100000000@c.us',
    fromMe: false,
    type: 'chat',
    body: '',
    hasMedia: false,
    isStatus: false,
    broadcast: false,
    timestamp: 1_767_225_600,
    location: undefined,
    _data: { notifyName: 'Bu Siti' },
    downloads: 0,
    async downloadMedia(): Promise<WaMedia | undefined> {
      return undefined;
    },
    async getContact(): Promise<WaContact> {
      return { id: { _serialized: from }, number: from.endsWith('@c.us') ? from.split('@')[0]! : '', pushname: 'Bu Siti' };
    },
    ...overrides,
  };
  return msg as WaMessage & { downloads: number };
}

/** An image message whose download returns `bytes` bytes of JPEG-ish data. */
export function waImage(bytes: number, overrides: Partial<WaMessage> = {}): WaMessage & { downloads: number } {
  const msg = waMessage({ type: 'image', hasMedia: true, body: '', ...overrides });
  msg._data = { notifyName: 'Bu Siti', mimetype: 'image/jpeg', ...(overrides._data ?? {}) };
  msg.downloadMedia = async () => {
    msg.downloads++;
    const data = Buffer.alloc(bytes, 0xab);
    data[0] = 0xff;
    data[1] = 0xd8;
    return { mimetype: 'image/jpeg', data: data.toString('base64'), filename: '../../etc/passwd.jpg', filesize: bytes };
  };
  return msg;
}

/** Timers that only move when the test says so. */
export class ManualTimers implements Timers {
  now = Date.UTC(2026, 0, 1, 8, 0, 0);
  private nextId = 1;
  private tasks = new Map<number, { at: number; fn: () => void }>();

  readonly clock = { now: () => new Date(this.now) };

  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.tasks.set(id, { at: this.now + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.tasks.delete(handle as number);
  }

  get pending(): number {
    return this.tasks.size;
  }

  /** Moves time forward, running due timers in order and letting promises settle in between. */
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    await settle();
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.tasks) if (entry[1].at <= target && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.tasks.delete(next[0]);
      this.now = next[1].at;
      next[1].fn();
      await settle();
    }
    this.now = target;
    await settle();
  }
}

/** Lets pending promise chains run (not file I/O: use until() for that). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Waits (polling every ms, at most 2 s) until the check passes: for work that touches the disk. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise<void>((resolve) => setTimeout(resolve, 1));
  }
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object | string;
  msg: string | undefined;
}

export class RecordingLogger implements Logger {
  entries: LogEntry[] = [];
  debug(obj: object | string, msg?: string): void {
    this.entries.push({ level: 'debug', obj, msg });
  }
  info(obj: object | string, msg?: string): void {
    this.entries.push({ level: 'info', obj, msg });
  }
  warn(obj: object | string, msg?: string): void {
    this.entries.push({ level: 'warn', obj, msg });
  }
  error(obj: object | string, msg?: string): void {
    this.entries.push({ level: 'error', obj, msg });
  }
  messages(level?: LogEntry['level']): string[] {
    return this.entries.filter((e) => !level || e.level === level).map((e) => e.msg ?? String(e.obj));
  }
}
