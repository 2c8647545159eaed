/**
 * The one place that builds the grammY Bot: Bot API root, rate limits
 * (throttler), bounded automatic retries, and the mapping from Telegram
 * errors to the outbox's transient/permanent distinction.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler, type APIThrottlerOptions } from '@grammyjs/transformer-throttler';
import { Bot, GrammyError, HttpError } from 'grammy';
import { TransientSendError } from '../../core/ports.js';

export interface TelegramLimits {
  /** Throttler settings (Bottleneck). Defaults: 30 messages/s overall, 20/min and 1/s per group, 1/s per private chat. */
  throttle?: APIThrottlerOptions;
  /** A 429 asking to wait at most this long is retried in place; longer waits go back to the outbox. */
  maxRetryDelaySeconds?: number;
  /** In-place retries of one call before the outbox takes over. */
  maxRetryAttempts?: number;
}

/** Telegram's published limits (core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this). */
export const DEFAULT_THROTTLE: APIThrottlerOptions = {
  global: { reservoir: 30, reservoirRefreshAmount: 30, reservoirRefreshInterval: 1_000 },
  group: { maxConcurrent: 1, minTime: 1_000, reservoir: 20, reservoirRefreshAmount: 20, reservoirRefreshInterval: 60_000 },
  out: { maxConcurrent: 1, minTime: 1_000 },
};

export function createBot(token: string, apiRoot: string, limits: TelegramLimits = {}): Bot {
  const bot = new Bot(token, { client: { apiRoot: apiRoot.replace(/\/+$/, '') } });
  // Order matters: the throttler paces every attempt, auto-retry sits outside it.
  bot.api.config.use(apiThrottler(limits.throttle ?? DEFAULT_THROTTLE));
  bot.api.config.use(autoRetry({
    maxRetryAttempts: limits.maxRetryAttempts ?? 2,
    maxDelaySeconds: limits.maxRetryDelaySeconds ?? 5,
    // 5xx and network failures go straight back to the outbox, which backs off durably;
    // auto-retry would otherwise retry network errors forever, holding the delivery round.
    rethrowInternalServerErrors: true,
    rethrowHttpErrors: true,
  }));
  return bot;
}

/** Error code and hints of a failed Bot API call, or undefined for other errors. */
export function apiError(err: unknown): GrammyError | undefined {
  return err instanceof GrammyError ? err : undefined;
}

/** The new chat id Telegram reports when a group was upgraded to a supergroup. */
export function migratedTo(err: unknown): number | undefined {
  const e = apiError(err);
  const id = e?.parameters?.migrate_to_chat_id;
  return typeof id === 'number' ? id : undefined;
}

/**
 * Maps a failed send to what the outbox understands: 429, 5xx and network
 * failures are TransientSendError (retried later, honouring retry_after);
 * everything else (403 bot blocked, 400 chat not found) is permanent.
 */
export function toSendError(err: unknown, what: string): Error {
  if (err instanceof TransientSendError) return err;
  if (err instanceof GrammyError) {
    if (err.error_code === 429) {
      const after = err.parameters?.retry_after;
      return new TransientSendError(`Telegram rate limit on ${err.method} (${what}): retry after ${after ?? '?'} s`, after !== undefined ? after * 1000 : undefined, { cause: err });
    }
    if (err.error_code >= 500) return new TransientSendError(`Telegram server error ${err.error_code} on ${err.method} (${what}): ${err.description}`, undefined, { cause: err });
    if (err.error_code === 403) return new Error(`Telegram refused ${err.method} (${what}): ${err.description} — the user blocked the bot or the bot was removed from the group`, { cause: err });
    return new Error(`Telegram refused ${err.method} (${what}): ${err.error_code} ${err.description}`, { cause: err });
  }
  if (err instanceof HttpError) return new TransientSendError(`Network error talking to Telegram (${what}): ${err.message}`, undefined, { cause: err });
  // Bottleneck or fetch failures outside grammY's own wrapping are network trouble too.
  return new TransientSendError(`Telegram send failed (${what}): ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
}

/** True for Telegram's "message is not modified" answer to an edit that changes nothing. */
export function isNotModified(err: unknown): boolean {
  const e = apiError(err);
  return !!e && e.error_code === 400 && /not modified/i.test(e.description);
}

/** True when the message to edit is gone (deleted by staff) and a new card must be posted. */
export function isMessageGone(err: unknown): boolean {
  const e = apiError(err);
  return !!e && e.error_code === 400 && /message to edit not found|message can't be edited|MESSAGE_ID_INVALID/i.test(e.description);
}
