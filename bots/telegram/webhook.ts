/**
 * Webhook mode: Telegram posts every update to TELEGRAM_WEBHOOK_URL instead of
 * the service polling getUpdates, so several instances behind a load balancer
 * can each take updates (long polling allows one consumer per bot).
 *
 * web/routes/telegram-webhook.ts checks the secret and hands each body to
 * handle(), which answers only once the update is handled: the route's 200 is
 * Telegram's receipt, a 503 (database locked or full) makes Telegram deliver
 * it again. An update delivered twice to this instance (Telegram retries when
 * it did not see our answer) is handled once; across instances the conversation
 * engine's (channel, message id) record and the ticket state machine make a
 * repeated citizen message or button press harmless (tests/telegram/webhook.test.ts).
 * Updates of one chat are handled in the order they arrive, as polling does.
 *
 * start() registers the webhook with setWebhook, retrying with backoff until
 * Telegram accepts it; stop() never deletes it, since other instances still serve it.
 */
import { BotError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { StorageUnavailableError, type Logger } from '../../core/ports.js';

/** What handle() made of one posted body; the route turns it into the HTTP answer. */
export type WebhookOutcome = 'handled' | 'duplicate' | 'invalid' | 'unavailable';

export interface WebhookOptions {
  url: string;
  secret: string;
  /** First wait before trying setWebhook again (doubles up to 5 minutes; default 1 s). */
  retryMs?: number;
}

export interface WebhookIntake {
  readonly secret: string;
  /** Handles one posted update; throws StorageUnavailableError when nothing could be stored (answer 503). */
  handle(body: unknown): Promise<WebhookOutcome>;
  /** Starts taking updates and registers the webhook; resolves after the first setWebhook attempt. */
  start(): Promise<void>;
  /** Stops taking updates (they are answered 503 and come again) and waits for those being handled. */
  stop(): Promise<void>;
  /** Whether Telegram accepted the webhook. */
  registered(): boolean;
  /** Why registering or handling failed last, if it did. */
  lastError(): string | undefined;
}

/** Update ids remembered as handled; Telegram redelivers within minutes, so a few thousand are plenty. */
const REMEMBERED = 10_000;
const MAX_RETRY_MS = 5 * 60_000;

function isUpdate(body: unknown): body is Update {
  return typeof body === 'object' && body !== null && Number.isSafeInteger((body as { update_id?: unknown }).update_id);
}

/** The chat an update belongs to, so one chat's updates keep their order. */
function chatKey(u: Update): string {
  const chat = u.message?.chat.id ?? u.callback_query?.message?.chat.id ?? u.callback_query?.from.id;
  return chat !== undefined ? `chat:${chat}` : `update:${u.update_id}`;
}

const describeError = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function createWebhookIntake(bot: Bot, logger: Logger, options: WebhookOptions): WebhookIntake {
  let accepting = false;
  let stopped = false;
  let registered = false;
  let registerError: string | undefined;
  let handleError: string | undefined;
  let wake: (() => void) | undefined;
  const done = new Set<number>();
  const inFlight = new Map<number, Promise<void>>();
  const perChat = new Map<string, Promise<void>>();

  function remember(id: number): void {
    done.add(id);
    if (done.size > REMEMBERED) done.delete(done.values().next().value as number);
  }

  function inOrder(key: string, job: () => Promise<void>): Promise<void> {
    const next = (perChat.get(key) ?? Promise.resolve()).then(job);
    const tail = next.catch(() => undefined);
    perChat.set(key, tail);
    void tail.then(() => { if (perChat.get(key) === tail) perChat.delete(key); });
    return next;
  }

  async function process(update: Update): Promise<void> {
    try {
      await bot.handleUpdate(update);
      if (handleError?.startsWith('storage unavailable')) {
        handleError = undefined;
        logger.info({ updateId: update.update_id }, 'telegram: database writable again; updates are stored');
      }
    } catch (err) {
      const cause = err instanceof BotError ? err.error : err;
      if (cause instanceof StorageUnavailableError) {
        handleError = `storage unavailable: ${cause.message}`;
        logger.error({ updateId: update.update_id, err: cause }, 'telegram: database cannot store the update; answering 503 so Telegram delivers it again (check disk space and /readyz)');
        throw cause;
      }
      // Telegram would deliver it again and again, failing the same way: log it and take the next, as polling does.
      handleError = describeError(cause);
      logger.error({ err: cause, updateId: update.update_id }, 'telegram: handling an update failed; answered 200 so Telegram does not deliver it again');
    }
  }

  async function handle(body: unknown): Promise<WebhookOutcome> {
    if (!isUpdate(body)) return 'invalid';
    if (!accepting) return 'unavailable';
    const id = body.update_id;
    if (done.has(id)) return 'duplicate';
    const running = inFlight.get(id);
    if (running) {
      // Telegram gave up waiting and sent it again: answer with the first delivery's outcome.
      await running;
      return 'duplicate';
    }
    const job = inOrder(chatKey(body), () => process(body));
    inFlight.set(id, job);
    try {
      await job;
      remember(id);
      return 'handled';
    } finally {
      inFlight.delete(id);
    }
  }

  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => { clearTimeout(timer); resolve(); };
  });

  async function setWebhook(): Promise<boolean> {
    try {
      await bot.api.setWebhook(options.url, {
        secret_token: options.secret, allowed_updates: ['message', 'callback_query'], drop_pending_updates: false,
      });
      registered = !stopped;
      registerError = undefined;
      logger.info({ url: options.url, username: bot.botInfo.username }, 'telegram: webhook registered; Telegram posts updates to it (webhook mode, no polling)');
      return true;
    } catch (err) {
      registerError = `setWebhook failed: ${describeError(err)}`;
      return false;
    }
  }

  /** Tries setWebhook again with backoff until Telegram accepts it or the channel stops. */
  async function keepRegistering(): Promise<void> {
    let delay = options.retryMs ?? 1_000;
    while (!stopped) {
      logger.error({ url: options.url, error: registerError, retryInMs: delay },
        'telegram: Telegram refused or did not answer setWebhook; updates reach this instance only if another one registered the webhook. '
        + 'Retrying — check that TELEGRAM_WEBHOOK_URL is the public HTTPS address (valid certificate, port 443, 80, 88 or 8443) and that this server reaches api.telegram.org');
      await sleep(delay);
      if (stopped || await setWebhook()) return;
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  }

  return {
    secret: options.secret,
    handle,
    async start() {
      stopped = false;
      accepting = true;
      // Every instance calls this at start; Telegram keeps one webhook per bot, so a second call changes nothing.
      if (!(await setWebhook())) void keepRegistering();
    },
    async stop() {
      accepting = false;
      stopped = true;
      wake?.(); // a setWebhook call still under way is not waited for: shutting down must not hang on Telegram
      while (perChat.size > 0) await Promise.allSettled([...perChat.values()]);
      registered = false;
      // No deleteWebhook: the other instances behind the load balancer keep serving it.
    },
    registered: () => registered,
    lastError: () => registerError ?? handleError,
  };
}
