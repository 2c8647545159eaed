/**
 * The fake Bot API's webhook side (fake-bot-api.ts), as Telegram does it: what
 * the bot registered with setWebhook, and the posting of updates to it over
 * real HTTP with the X-Telegram-Bot-Api-Secret-Token header, one at a time in
 * order, each again and again until it is answered 2xx.
 *
 * The registered URL is public HTTPS; forwardTo() says where it really lands
 * (the reverse proxy's upstream, a loopback address). post() sends any update
 * by hand: a redelivery, a forged secret.
 */

type Json = Record<string, unknown>;

/** What the bot registered with setWebhook. */
export interface FakeWebhook { url: string; secretToken?: string; allowedUpdates?: string[]; dropPendingUpdates?: boolean }

/** One POST of an update to the webhook and the status it got (0: no answer). */
export interface Delivery { updateId: number; status: number }

/** The fake's queue of updates Telegram still has to deliver. */
export interface UpdateQueue {
  /** The oldest update not yet acknowledged. */
  next(): Json | undefined;
  acknowledge(update: Json): void;
  /** Forgets every update not yet delivered (drop_pending_updates). */
  dropPending(): void;
  /** How many updates still wait to be delivered. */
  pendingCount(): number;
}

export class FakeWebhookSender {
  /** Set by setWebhook, cleared by deleteWebhook. */
  registered: FakeWebhook | undefined;
  /** Every POST to the webhook, in order. */
  readonly deliveries: Delivery[] = [];
  /** While true, pushed updates wait (tests post forged or repeated ones by hand first). */
  paused = false;
  /** Wait before Telegram posts an update again that was not answered 2xx. */
  retryMs = 50;
  /** What getWebhookInfo reports as last_error_message. */
  lastError: string | undefined;
  private base: string | undefined;
  private running = false;
  private closed = false;

  constructor(private readonly queue: UpdateQueue) {}

  /** The reverse proxy: posts to the registered public URL land at this base (e.g. http://127.0.0.1:port) plus the URL's path. */
  forwardTo(base: string): void {
    this.base = base.replace(/\/+$/, '');
    this.kick();
  }

  /** Lets paused updates go out. */
  resume(): void {
    this.paused = false;
    this.kick();
  }

  close(): void {
    this.closed = true;
  }

  /** setWebhook, deleteWebhook and getWebhookInfo, with Telegram's answers and error texts. */
  answer(method: 'setWebhook' | 'deleteWebhook' | 'getWebhookInfo', p: Json): unknown {
    switch (method) {
      case 'setWebhook': {
        const url = String(p.url ?? '');
        if (!url.startsWith('https://')) throw Object.assign(new Error('Bad Request: bad webhook: An HTTPS URL must be provided for webhook'), { code: 400 });
        this.registered = {
          url, ...(p.secret_token !== undefined ? { secretToken: String(p.secret_token) } : {}),
          ...(Array.isArray(p.allowed_updates) ? { allowedUpdates: p.allowed_updates as string[] } : {}),
          ...(p.drop_pending_updates !== undefined ? { dropPendingUpdates: Boolean(p.drop_pending_updates) } : {}),
        };
        if (p.drop_pending_updates) this.queue.dropPending();
        this.kick();
        return true;
      }
      case 'deleteWebhook':
        this.registered = undefined;
        if (p.drop_pending_updates) this.queue.dropPending();
        return true;
      case 'getWebhookInfo':
        return {
          url: this.registered?.url ?? '', has_custom_certificate: false, pending_update_count: this.queue.pendingCount(),
          ...(this.registered?.allowedUpdates ? { allowed_updates: this.registered.allowedUpdates } : {}),
          ...(this.registered && this.lastError ? { last_error_message: this.lastError } : {}),
        };
    }
  }

  /** Posts one update with the registered secret unless `secret` says otherwise (null: no header); returns the HTTP status, 0 when nothing answered. */
  async post(update: Json, opts: { secret?: string | null } = {}): Promise<number> {
    if (!this.registered || !this.base) throw new Error('no webhook to post to: the bot has not called setWebhook, or forwardTo() was not called');
    const secret = opts.secret === undefined ? this.registered.secretToken : opts.secret;
    let status = 0;
    try {
      const res = await fetch(`${this.base}${new URL(this.registered.url).pathname}`, {
        method: 'POST', body: JSON.stringify(update),
        headers: { 'content-type': 'application/json', ...(typeof secret === 'string' ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      });
      status = res.status;
      await res.arrayBuffer();
    } catch {
      status = 0;
    }
    this.deliveries.push({ updateId: Number(update.update_id), status });
    if (status < 200 || status > 299) this.lastError = status ? `Wrong response from the webhook: ${status}` : 'Connection refused';
    return status;
  }

  /** Posts waiting updates one at a time, in order, retrying each until it is answered 2xx. */
  kick(): void {
    if (this.running) return;
    this.running = true;
    void (async () => {
      try {
        while (this.registered && this.base && !this.paused && !this.closed) {
          const next = this.queue.next();
          if (!next) break;
          const status = await this.post(next);
          if (status >= 200 && status <= 299) this.queue.acknowledge(next);
          else await new Promise((r) => setTimeout(r, this.retryMs));
        }
      } finally {
        this.running = false;
      }
    })();
  }
}
