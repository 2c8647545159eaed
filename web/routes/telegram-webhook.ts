/**
 * Telegram's webhook at /webhooks/telegram, on the command centre's port (or
 * on the webhook-only server when the dashboard is off), served while
 * TELEGRAM_WEBHOOK_URL is set; 404 in long polling mode.
 *
 * POST accepts only requests carrying X-Telegram-Bot-Api-Secret-Token equal to
 * TELEGRAM_WEBHOOK_SECRET (compared in constant time); anything else is 401
 * and nothing of it is processed. The body goes to the Telegram channel
 * (bots/telegram/webhook.ts) and is answered 200 only once the update is
 * handled: Telegram takes the 200 as its receipt, and delivers a 503 (database
 * locked or full, service stopping) again later, so no update is lost.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { StorageUnavailableError, type Channel, type Logger } from '../../core/ports.js';

/** Telegram's updates are a few kilobytes (a message of at most 4,096 characters plus entities). */
export const MAX_UPDATE_BYTES = 256 * 1024;
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** What the route needs from the Telegram channel in webhook mode (bots/telegram/index.ts provides it). */
interface TelegramWebhookTarget {
  readonly secret: string;
  handle(body: unknown): Promise<'handled' | 'duplicate' | 'invalid' | 'unavailable'>;
}

export interface TelegramWebhookDeps {
  channels: ReadonlyMap<string, Channel>;
  logger: Logger;
}

function targetOf(channels: ReadonlyMap<string, Channel>): TelegramWebhookTarget | undefined {
  const t = (channels.get('telegram') as { telegramWebhook?: Partial<TelegramWebhookTarget> } | undefined)?.telegramWebhook;
  return t && typeof t.handle === 'function' && typeof t.secret === 'string' ? (t as TelegramWebhookTarget) : undefined;
}

/** Equal strings, in time that depends on neither their contents nor their lengths. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The /webhooks/telegram route; answers 404 while Telegram runs in long polling mode (or is off). */
export function telegramWebhookRoutes(deps: TelegramWebhookDeps): Hono {
  const { logger } = deps;
  const routes = new Hono();

  routes.post('/', bodyLimit({
    maxSize: MAX_UPDATE_BYTES,
    onError: (c) => {
      logger.warn('telegram: webhook body over 256 KB refused (not an update from Telegram)');
      return c.text('payload too large', 413);
    },
  }), async (c) => {
    const target = targetOf(deps.channels);
    if (!target) return c.text('Telegram webhook mode is off (TELEGRAM_WEBHOOK_URL is not set)', 404);
    const secret = c.req.header(SECRET_HEADER);
    if (secret === undefined || !sameSecret(secret, target.secret)) {
      logger.warn({ header: secret === undefined ? 'missing' : 'wrong' },
        'telegram: webhook post without the right X-Telegram-Bot-Api-Secret-Token refused; if every update is refused, another instance registered the webhook with a different TELEGRAM_WEBHOOK_SECRET — use the same secret everywhere');
      return c.text('secret token required', 401);
    }
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      logger.warn('telegram: webhook body is not JSON; ignored');
      return c.text('body is not JSON', 400);
    }
    try {
      const outcome = await target.handle(body);
      if (outcome === 'invalid') return c.text('not a Telegram update (no update_id)', 400);
      if (outcome === 'unavailable') return c.text('not ready, deliver again later', 503);
      return c.text('ok', 200);
    } catch (err) {
      // Database locked or disk full: nothing was stored, and a 5xx makes Telegram deliver the update again.
      if (err instanceof StorageUnavailableError) return c.text('storage unavailable, deliver again later', 503);
      throw err;
    }
  });

  return routes;
}
