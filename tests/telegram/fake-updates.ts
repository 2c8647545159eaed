/**
 * The update side of the fake Bot API: what Telegram sends the bot (citizens'
 * private messages, photos and locations, staff messages in groups, button
 * presses), queued for getUpdates or posted to the webhook, and the files the
 * bot may download. FakeBotApi (fake-bot-api.ts) adds the HTTP server and the
 * methods the bot calls.
 */
import { FakeWebhookSender } from './fake-webhook.js';

type Json = Record<string, unknown>;

export interface FakeUser { id: number; first_name: string; username?: string; is_bot?: boolean }

/** A message the bot sent (or its current state after edits). */
export interface BotMessage {
  method: string;
  chatId: string;
  messageId: number;
  text?: string;
  caption?: string;
  parseMode?: string;
  replyMarkup?: { inline_keyboard?: { text: string; callback_data?: string }[][]; force_reply?: boolean } | undefined;
  replyTo?: number;
  latitude?: number;
  longitude?: number;
  /** Bytes of an uploaded photo. */
  photoBytes?: number;
  edits: number;
}

export abstract class FakeTelegramUpdates {
  readonly bot: FakeUser = { id: 123456, first_name: 'SuaraWarga', username: 'suarawarga_test_bot', is_bot: true };
  /** The bot's messages by `${chatId}:${messageId}`, in their current state (edits applied). */
  protected readonly byKey = new Map<string, BotMessage>();
  protected readonly files = new Map<string, { path: string; data: Buffer }>();
  protected updates: Json[] = [];
  protected readonly waiters = new Set<() => void>();
  protected readonly acknowledged = new Set<number>();
  /** While set, file downloads wait for it (holdFiles). */
  protected fileGate: Promise<void> | undefined;
  private nextUpdateId = 1;
  private readonly chatCounters = new Map<string, number>();
  private readonly pushed = new Map<number, Json>();
  /** The webhook the bot registered and the posts made to it. */
  readonly hook = new FakeWebhookSender({
    next: () => this.updates.find((u) => !this.acknowledged.has(u.update_id as number)),
    acknowledge: (u) => {
      this.acknowledged.add(u.update_id as number);
      this.updates = this.updates.filter((x) => x !== u);
    },
    dropPending: () => { this.updates = []; },
    pendingCount: () => this.updates.filter((u) => !this.acknowledged.has(u.update_id as number)).length,
  });

  protected nextMessageId(chatId: string): number {
    const n = (this.chatCounters.get(chatId) ?? 100) + 1;
    this.chatCounters.set(chatId, n);
    return n;
  }

  protected chat(chatId: number, type: string, user?: FakeUser): Json {
    return type === 'private' ? { id: chatId, type, first_name: user?.first_name } : { id: chatId, type, title: `Grup ${chatId}` };
  }

  protected msgBase(chatId: number, from: FakeUser, type: string): Json {
    return { message_id: this.nextMessageId(String(chatId)), date: Math.floor(Date.now() / 1000), chat: this.chat(chatId, type, from), from };
  }

  /** Queues an update (polling) or posts it to the webhook (webhook mode); returns its id. */
  push(update: Json): number {
    const id = this.nextUpdateId++;
    const full = { update_id: id, ...update };
    this.updates.push(full);
    this.pushed.set(id, full);
    for (const w of [...this.waiters]) w();
    this.hook.kick();
    return id;
  }

  /** A pushed update as Telegram would send it. */
  update(updateId: number): Json {
    const u = this.pushed.get(updateId);
    if (!u) throw new Error(`no update ${updateId} was pushed`);
    return u;
  }

  /** Posts a pushed update (by id) or any update to the webhook by hand; returns the HTTP status. */
  postUpdate(update: number | Json, opts: { secret?: string | null } = {}): Promise<number> {
    return this.hook.post(typeof update === 'number' ? this.update(update) : update, opts);
  }

  /** A citizen writes to the bot in a private chat. */
  privateText(user: FakeUser, text: string): number {
    const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
    return this.push({ message: { ...this.msgBase(user.id, user, 'private'), text, ...(entities ? { entities } : {}) } });
  }

  privateLocation(user: FakeUser, latitude: number, longitude: number): number {
    return this.push({ message: { ...this.msgBase(user.id, user, 'private'), location: { latitude, longitude } } });
  }

  /** File downloads wait until the returned function is called (a slow download, held still). */
  holdFiles(): () => void {
    let release!: () => void;
    this.fileGate = new Promise<void>((r) => { release = r; });
    return () => {
      this.fileGate = undefined;
      release();
    };
  }

  /** Registers a downloadable file and returns its file_id. */
  addFile(data: Buffer, path = `photos/file_${this.files.size + 1}.jpg`): string {
    const id = `file-${this.files.size + 1}`;
    this.files.set(id, { path, data });
    return id;
  }

  protected photoSizes(data: Buffer, announcedSize?: number): Json[] {
    const big = this.addFile(data);
    const small = this.addFile(data.subarray(0, Math.min(100, data.length)));
    return [
      { file_id: small, file_unique_id: `${small}u`, width: 90, height: 67, file_size: Math.min(100, data.length) },
      { file_id: big, file_unique_id: `${big}u`, width: 1280, height: 960, file_size: announcedSize ?? data.length },
    ];
  }

  privatePhoto(user: FakeUser, data: Buffer, caption?: string, announcedSize?: number): number {
    return this.push({ message: { ...this.msgBase(user.id, user, 'private'), photo: this.photoSizes(data, announcedSize), ...(caption ? { caption } : {}) } });
  }

  privateVoice(user: FakeUser): number {
    return this.push({ message: { ...this.msgBase(user.id, user, 'private'), voice: { file_id: 'v1', file_unique_id: 'v1u', duration: 3 } } });
  }

  /** A user writes in a group; `replyTo` is a message id in that chat. */
  groupMessage(chatId: number, user: FakeUser, opts: { text?: string; replyTo?: number; photo?: Buffer; caption?: string }): number {
    const msg: Json = { ...this.msgBase(chatId, user, chatId < -1_000_000_000_000 ? 'supergroup' : 'group') };
    if (opts.text !== undefined) {
      msg.text = opts.text;
      if (opts.text.startsWith('/')) msg.entities = [{ type: 'bot_command', offset: 0, length: opts.text.split(/\s/)[0]!.length }];
    }
    if (opts.photo) msg.photo = this.photoSizes(opts.photo);
    if (opts.caption) msg.caption = opts.caption;
    if (opts.replyTo !== undefined) {
      const target = this.byKey.get(`${chatId}:${opts.replyTo}`);
      msg.reply_to_message = {
        message_id: opts.replyTo, date: Math.floor(Date.now() / 1000), chat: this.chat(chatId, 'group'),
        from: target ? this.bot : user, ...(target?.text ? { text: target.text } : {}),
      };
    }
    return this.push({ message: msg });
  }

  /** A user presses an inline button on a message the bot sent. */
  press(chatId: number, messageId: number, user: FakeUser, data: string): { updateId: number; queryId: string } {
    const target = this.byKey.get(`${chatId}:${messageId}`);
    const queryId = `cq${this.nextUpdateId}`;
    const updateId = this.push({
      callback_query: {
        id: queryId, from: user, chat_instance: `ci${chatId}`, data,
        message: {
          message_id: messageId, date: Math.floor(Date.now() / 1000), chat: this.chat(chatId, chatId > 0 ? 'private' : 'group', user), from: this.bot,
          text: target?.text ?? target?.caption ?? '',
        },
      },
    });
    return { updateId, queryId };
  }
}
