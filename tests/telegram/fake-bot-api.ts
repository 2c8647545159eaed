/**
 * A fake Telegram Bot API server on loopback, for running the real grammY
 * client end to end: getMe, getUpdates long polling with offsets, sending,
 * editing, callback answers, getFile and file downloads, chat membership,
 * supergroup migration, and injected failures (429 with retry_after, 5xx).
 * Like the real one it refuses, with Telegram's own error texts, texts over
 * 4,096 characters and captions over 1,024 (counted after HTML parsing),
 * strings with lone surrogates (invalid UTF-8) and malformed HTML: unknown
 * tags, unclosed or mismatched tags, bare "<" or "&", unknown entities.
 *
 * Tests push updates (a citizen's message, a staff member's button press),
 * wait until the bot has confirmed them (its next getUpdates offset), and
 * inspect what the bot sent, per chat, in order.
 *
 * Webhook mode: after setWebhook, getUpdates answers 409 (as Telegram's does)
 * and every pushed update is posted to the webhook instead (fake-webhook.ts);
 * handled() then waits for its 2xx answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkMessageRules, parseMultipart } from './fake-bot-rules.js';
import { FakeWebhookSender } from './fake-webhook.js';

export { parseTelegramHtml } from './fake-bot-rules.js';

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

export interface ApiCall { seq: number; method: string; payload: Record<string, unknown> }

export interface CallbackAnswer { seq: number; callbackQueryId: string; text?: string; showAlert?: boolean }

interface Failure { code: number; retryAfter?: number; description?: string; methods?: string[] }

type Json = Record<string, unknown>;

const SEND_METHODS = ['sendMessage', 'sendPhoto', 'sendLocation', 'editMessageText', 'editMessageReplyMarkup'];

export class FakeBotApi {
  readonly token: string;
  readonly bot: FakeUser = { id: 123456, first_name: 'SuaraWarga', username: 'suarawarga_test_bot', is_bot: true };
  url = '';
  readonly calls: ApiCall[] = [];
  /** Every message the bot sent, in order (sends only; edits update `byKey`). */
  readonly sent: BotMessage[] = [];
  readonly answers: CallbackAnswer[] = [];
  readonly reactions: { chatId: string; messageId: number; emoji: string }[] = [];
  /** Telegram user ids that are not members of a chat: `${chatId}:${userId}` → status. */
  readonly memberStatus = new Map<string, string>();
  private readonly byKey = new Map<string, BotMessage>();
  private readonly files = new Map<string, { path: string; data: Buffer }>();
  private readonly migrated = new Map<string, string>();
  private readonly failures: Failure[] = [];
  private failWhen: ((method: string, payload: Json) => Failure | undefined) | undefined;
  private updates: Json[] = [];
  private nextUpdateId = 1;
  private confirmed = 0;
  private readonly waiters = new Set<() => void>();
  private readonly chatCounters = new Map<string, number>();
  private seq = 0;
  private server: Server | undefined;
  private readonly pushed = new Map<number, Json>();
  private readonly acknowledged = new Set<number>();
  /** The webhook the bot registered and the posts made to it. */
  readonly hook = new FakeWebhookSender({
    next: () => this.updates.find((u) => !this.acknowledged.has(u.update_id as number)),
    acknowledge: (u) => {
      this.acknowledged.add(u.update_id as number);
      this.updates = this.updates.filter((x) => x !== u);
    },
  });
  private fileGate: Promise<void> | undefined;

  constructor(token = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz') {
    this.token = token;
    this.bot.id = Number(token.split(':')[0]);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.hook.close();
    for (const w of this.waiters) w();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  // -------------------------------------------------------------- failures

  /** The next `count` matching calls (default: sends and edits) fail with this error. */
  failNext(count: number, f: Failure): void {
    for (let i = 0; i < count; i++) this.failures.push(f);
  }

  /** Fails calls chosen by a function (a storm); pass undefined to stop. */
  setFailWhen(fn: ((method: string, payload: Json) => Failure | undefined) | undefined): void {
    this.failWhen = fn;
  }

  /** The group became a supergroup: calls to the old id fail with migrate_to_chat_id, and the bot is told. */
  migrate(oldChatId: number, newChatId: number, by: FakeUser): number {
    this.migrated.set(String(oldChatId), String(newChatId));
    return this.push({ message: { ...this.msgBase(oldChatId, by, 'group'), migrate_to_chat_id: newChatId } });
  }

  // ------------------------------------------------------------- updates

  private nextMessageId(chatId: string): number {
    const n = (this.chatCounters.get(chatId) ?? 100) + 1;
    this.chatCounters.set(chatId, n);
    return n;
  }

  private chat(chatId: number, type: string, user?: FakeUser): Json {
    return type === 'private' ? { id: chatId, type, first_name: user?.first_name } : { id: chatId, type, title: `Grup ${chatId}` };
  }

  private msgBase(chatId: number, from: FakeUser, type: string): Json {
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

  private photoSizes(data: Buffer, announcedSize?: number): Json[] {
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

  /** Resolves once the bot has confirmed (handled) the update: its next getUpdates asks for a later offset, or its webhook answered 2xx. */
  async handled(updateId: number, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.confirmed <= updateId && !this.acknowledged.has(updateId)) {
      if (Date.now() > until) throw new Error(`The bot did not confirm update ${updateId} within ${timeoutMs} ms (confirmed up to ${this.confirmed - 1})`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  // ------------------------------------------------------------ inspection

  inChat(chatId: number | string): BotMessage[] {
    return this.sent.filter((m) => m.chatId === String(chatId));
  }

  /** Current state of a message (after edits). */
  message(chatId: number | string, messageId: number): BotMessage | undefined {
    return this.byKey.get(`${chatId}:${messageId}`);
  }

  textsTo(chatId: number | string): string[] {
    return this.inChat(chatId).map((m) => m.text ?? m.caption ?? (m.method === 'sendLocation' ? `📍${m.latitude},${m.longitude}` : `[${m.method}]`));
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  // ---------------------------------------------------------------- server

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const filePrefix = `/file/bot${this.token}/`;
    if (url.pathname.startsWith(filePrefix)) {
      await this.fileGate;
      const path = decodeURIComponent(url.pathname.slice(filePrefix.length));
      const file = [...this.files.values()].find((f) => f.path === path);
      if (!file) return this.send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(file.data.length) });
      res.end(file.data);
      return;
    }
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!m || m[1] !== this.token) return this.send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const method = m[2]!;
    const payload = await this.readPayload(req);
    this.calls.push({ seq: ++this.seq, method, payload });

    const injected = this.injectedFailure(method, payload);
    if (injected) {
      return this.send(res, injected.code, {
        ok: false, error_code: injected.code,
        description: injected.description ?? (injected.code === 429 ? `Too Many Requests: retry after ${injected.retryAfter ?? 1}` : 'Internal Server Error'),
        ...(injected.retryAfter !== undefined ? { parameters: { retry_after: injected.retryAfter } } : {}),
      });
    }
    const chatId = payload.chat_id !== undefined ? String(payload.chat_id) : undefined;
    if (chatId && this.migrated.has(chatId)) {
      return this.send(res, 400, {
        ok: false, error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: Number(this.migrated.get(chatId)) },
      });
    }
    try {
      const result = await this.dispatch(method, payload, req);
      this.send(res, 200, { ok: true, result });
    } catch (err) {
      const e = err as { code?: number; message: string };
      this.send(res, e.code ?? 400, { ok: false, error_code: e.code ?? 400, description: e.message });
    }
  }

  private injectedFailure(method: string, payload: Json): Failure | undefined {
    const idx = this.failures.findIndex((f) => (f.methods ?? SEND_METHODS).includes(method));
    if (idx >= 0) return this.failures.splice(idx, 1)[0];
    return this.failWhen?.(method, payload);
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private async readPayload(req: IncomingMessage): Promise<Json> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    if (type.includes('application/json')) return body.length ? JSON.parse(body.toString('utf8')) as Json : {};
    if (type.includes('multipart/form-data')) return parseMultipart(body, /boundary=(.+)$/.exec(type)?.[1] ?? '');
    if (req.method === 'GET') {
      return Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
    }
    return {};
  }

  private record(method: string, p: Json, extra: Partial<BotMessage>): BotMessage {
    const chatId = String(p.chat_id);
    const rp = p.reply_parameters as { message_id?: number } | undefined;
    const msg: BotMessage = {
      method, chatId, messageId: this.nextMessageId(chatId), edits: 0,
      ...(p.parse_mode ? { parseMode: String(p.parse_mode) } : {}),
      ...(p.reply_markup ? { replyMarkup: p.reply_markup as BotMessage['replyMarkup'] } : {}),
      ...(rp?.message_id ? { replyTo: rp.message_id } : {}),
      ...extra,
    };
    this.sent.push(msg);
    this.byKey.set(`${chatId}:${msg.messageId}`, msg);
    return msg;
  }

  private asTelegram(m: BotMessage): Json {
    const chatId = Number(m.chatId);
    return {
      message_id: m.messageId, date: Math.floor(Date.now() / 1000), chat: this.chat(chatId, chatId > 0 ? 'private' : 'group'), from: this.bot,
      ...(m.text !== undefined ? { text: m.text } : {}), ...(m.caption !== undefined ? { caption: m.caption } : {}),
      ...(m.latitude !== undefined ? { location: { latitude: m.latitude, longitude: m.longitude } } : {}),
      ...(m.photoBytes !== undefined ? { photo: [{ file_id: 'sent', file_unique_id: 'sentu', width: 1, height: 1 }] } : {}),
    };
  }

  private async dispatch(method: string, p: Json, req: IncomingMessage): Promise<unknown> {
    checkMessageRules(method, p);
    switch (method) {
      case 'getMe':
        return { ...this.bot, is_bot: true, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
      case 'setMyCommands':
        return true;
      case 'setWebhook': {
        const url = String(p.url ?? '');
        if (!url.startsWith('https://')) throw Object.assign(new Error('Bad Request: bad webhook: An HTTPS URL must be provided for webhook'), { code: 400 });
        this.hook.registered = {
          url, ...(p.secret_token !== undefined ? { secretToken: String(p.secret_token) } : {}),
          ...(Array.isArray(p.allowed_updates) ? { allowedUpdates: p.allowed_updates as string[] } : {}),
          ...(p.drop_pending_updates !== undefined ? { dropPendingUpdates: Boolean(p.drop_pending_updates) } : {}),
        };
        if (p.drop_pending_updates) this.updates = [];
        this.hook.kick();
        return true;
      }
      case 'deleteWebhook':
        this.hook.registered = undefined;
        if (p.drop_pending_updates) this.updates = [];
        return true;
      case 'getWebhookInfo':
        return {
          url: this.hook.registered?.url ?? '', has_custom_certificate: false,
          pending_update_count: this.updates.filter((u) => !this.acknowledged.has(u.update_id as number)).length,
          ...(this.hook.registered?.allowedUpdates ? { allowed_updates: this.hook.registered.allowedUpdates } : {}),
          ...(this.hook.registered && this.hook.lastError ? { last_error_message: this.hook.lastError } : {}),
        };
      case 'getUpdates':
        if (this.hook.registered) throw Object.assign(new Error("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"), { code: 409 });
        return this.getUpdates(p, req);
      case 'sendMessage':
        return this.asTelegram(this.record(method, p, { text: String(p.text) }));
      case 'sendPhoto': {
        const photo = p.photo as { bytes?: number } | string;
        return this.asTelegram(this.record(method, p, {
          ...(p.caption !== undefined ? { caption: String(p.caption) } : {}), photoBytes: typeof photo === 'object' ? photo.bytes ?? 0 : 0,
        }));
      }
      case 'sendLocation':
        return this.asTelegram(this.record(method, p, { latitude: Number(p.latitude), longitude: Number(p.longitude) }));
      case 'editMessageText':
      case 'editMessageReplyMarkup': {
        const m = this.byKey.get(`${p.chat_id}:${p.message_id}`);
        if (!m) throw Object.assign(new Error('Bad Request: message to edit not found'), { code: 400 });
        const markup = JSON.stringify(p.reply_markup ?? { inline_keyboard: [] });
        const same = (method === 'editMessageText' ? m.text === p.text : true) && JSON.stringify(m.replyMarkup ?? { inline_keyboard: [] }) === markup;
        if (same) throw Object.assign(new Error('Bad Request: message is not modified: specified new message content and reply markup are exactly the same'), { code: 400 });
        if (method === 'editMessageText') m.text = String(p.text);
        m.replyMarkup = (p.reply_markup ?? { inline_keyboard: [] }) as BotMessage['replyMarkup'];
        m.edits++;
        return this.asTelegram(m);
      }
      case 'answerCallbackQuery':
        this.answers.push({
          seq: this.seq, callbackQueryId: String(p.callback_query_id),
          ...(p.text !== undefined ? { text: String(p.text) } : {}), ...(p.show_alert !== undefined ? { showAlert: Boolean(p.show_alert) } : {}),
        });
        return true;
      case 'setMessageReaction': {
        const r = (p.reaction as { emoji: string }[] | undefined)?.[0];
        this.reactions.push({ chatId: String(p.chat_id), messageId: Number(p.message_id), emoji: r?.emoji ?? '' });
        return true;
      }
      case 'getChatMember': {
        const status = this.memberStatus.get(`${p.chat_id}:${p.user_id}`) ?? 'member';
        return { status, user: { id: Number(p.user_id), is_bot: false, first_name: 'x' }, ...(status === 'restricted' ? { is_member: false } : {}) };
      }
      case 'getFile': {
        const f = this.files.get(String(p.file_id));
        if (!f) throw Object.assign(new Error('Bad Request: invalid file_id'), { code: 400 });
        return { file_id: p.file_id, file_unique_id: `${String(p.file_id)}u`, file_size: f.data.length, file_path: f.path };
      }
      default:
        throw Object.assign(new Error(`Not Found: method ${method} is not implemented by the fake Bot API`), { code: 404 });
    }
  }

  private async getUpdates(p: Json, req: IncomingMessage): Promise<Json[]> {
    const offset = Number(p.offset ?? 0);
    if (offset > this.confirmed) this.confirmed = offset;
    this.updates = this.updates.filter((u) => (u.update_id as number) >= offset);
    const limit = Number(p.limit ?? 100);
    if (this.updates.length === 0) {
      const timeoutMs = Math.min(Number(p.timeout ?? 0), 30) * 1000;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        this.waiters.add(done);
        req.once('close', done);
      });
    }
    return this.updates.slice(0, limit);
  }
}
