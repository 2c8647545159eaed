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
 * Tests push updates (fake-updates.ts: a citizen's message, a staff member's button press),
 * wait until the bot has confirmed them (its next getUpdates offset), and
 * inspect what the bot sent, per chat, in order.
 *
 * Webhook mode: after setWebhook, getUpdates answers 409 (as Telegram's does)
 * and every pushed update is posted to the webhook instead (fake-webhook.ts);
 * handled() then waits for its 2xx answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkMessageRules } from './fake-bot-rules.js';
import { readPayload, sendJson } from './fake-http.js';
import { FakeTelegramUpdates, type BotMessage, type FakeUser } from './fake-updates.js';

export { parseTelegramHtml } from './fake-bot-rules.js';
export type { BotMessage, FakeUser } from './fake-updates.js';

export interface ApiCall { seq: number; method: string; payload: Record<string, unknown> }

export interface CallbackAnswer { seq: number; callbackQueryId: string; text?: string; showAlert?: boolean }

interface Failure { code: number; retryAfter?: number; description?: string; methods?: string[] }

type Json = Record<string, unknown>;

const SEND_METHODS = ['sendMessage', 'sendPhoto', 'sendLocation', 'editMessageText', 'editMessageReplyMarkup'];

export class FakeBotApi extends FakeTelegramUpdates {
  readonly token: string;
  url = '';
  readonly calls: ApiCall[] = [];
  /** Every message the bot sent, in order (sends only; edits update `byKey`). */
  readonly sent: BotMessage[] = [];
  readonly answers: CallbackAnswer[] = [];
  readonly reactions: { chatId: string; messageId: number; emoji: string }[] = [];
  /** Telegram user ids that are not members of a chat: `${chatId}:${userId}` → status. */
  readonly memberStatus = new Map<string, string>();
  private readonly migrated = new Map<string, string>();
  private readonly failures: Failure[] = [];
  private failWhen: ((method: string, payload: Json) => Failure | undefined) | undefined;
  private confirmed = 0;
  private seq = 0;
  private server: Server | undefined;

  constructor(token = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz') {
    super();
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
      if (!file) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(file.data.length) });
      res.end(file.data);
      return;
    }
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!m || m[1] !== this.token) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const method = m[2]!;
    const payload = await readPayload(req);
    this.calls.push({ seq: ++this.seq, method, payload });

    const injected = this.injectedFailure(method, payload);
    if (injected) {
      return sendJson(res, injected.code, {
        ok: false, error_code: injected.code,
        description: injected.description ?? (injected.code === 429 ? `Too Many Requests: retry after ${injected.retryAfter ?? 1}` : 'Internal Server Error'),
        ...(injected.retryAfter !== undefined ? { parameters: { retry_after: injected.retryAfter } } : {}),
      });
    }
    const chatId = payload.chat_id !== undefined ? String(payload.chat_id) : undefined;
    if (chatId && this.migrated.has(chatId)) {
      return sendJson(res, 400, {
        ok: false, error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: Number(this.migrated.get(chatId)) },
      });
    }
    try {
      const result = await this.dispatch(method, payload, req);
      sendJson(res, 200, { ok: true, result });
    } catch (err) {
      const e = err as { code?: number; message: string };
      sendJson(res, e.code ?? 400, { ok: false, error_code: e.code ?? 400, description: e.message });
    }
  }

  private injectedFailure(method: string, payload: Json): Failure | undefined {
    const idx = this.failures.findIndex((f) => (f.methods ?? SEND_METHODS).includes(method));
    if (idx >= 0) return this.failures.splice(idx, 1)[0];
    return this.failWhen?.(method, payload);
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
      case 'setWebhook':
      case 'deleteWebhook':
      case 'getWebhookInfo':
        return this.hook.answer(method, p);
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
