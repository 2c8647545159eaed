/**
 * Telegram: one bot for two audiences. Private chats are the citizen channel
 * (same conversation engine as every channel); groups linked to agencies are
 * their desks (ticket cards, buttons, replies to the citizen). Wired by
 * app/channels.ts when TELEGRAM_BOT_TOKEN is set.
 *
 * Updates arrive by long polling (one instance per bot) or, with
 * TELEGRAM_WEBHOOK_URL set, by Telegram posting them to the service (webhook.ts).
 */
import { BotError, type Bot } from 'grammy';
import { StorageUnavailableError, type Channel, type ChannelHealth, type DeskChannel, type InboundHandler } from '../../core/ports.js';
import { createBot, type TelegramLimits } from './api.js';
import { CITIZEN_COMMANDS, createCitizenBot } from './citizen.js';
import { createDesk } from './desk.js';
import type { DeskStores, TelegramHost } from './ports.js';
import { createWebhookIntake, type WebhookIntake } from './webhook.js';

export interface TelegramOptions {
  /** Rate limits and in-place retries (tests shorten them; production keeps Telegram's). */
  limits?: TelegramLimits;
  /** getUpdates long-poll timeout in seconds (default 30). */
  pollTimeoutSeconds?: number;
  /** First wait before handling an update again that could not be stored (doubles up to 30 s; default 1 s). */
  storageRetryMs?: number;
  /** Webhook mode: first wait before trying setWebhook again (doubles up to 5 minutes; default 1 s). */
  webhookRetryMs?: number;
}

export interface Telegram {
  citizen: Channel;
  desk: DeskChannel;
  /** The grammY bot (tests and diagnostics). */
  bot: Bot;
}

/** The citizen channel in webhook mode carries the intake that web/routes/telegram-webhook.ts posts updates to. */
export type TelegramChannel = Channel & { readonly telegramWebhook?: WebhookIntake };

export function createTelegram(app: TelegramHost, stores: DeskStores, options: TelegramOptions = {}): Telegram {
  const { config, logger } = app;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error('createTelegram needs TELEGRAM_BOT_TOKEN (create a bot with @BotFather; see README "Telegram")');
  const apiRoot = config.TELEGRAM_API_ROOT.replace(/\/+$/, '');
  const bot = createBot(token, apiRoot, options.limits);
  let handler: InboundHandler | undefined;
  let polling: Promise<void> | undefined;
  let connected = false;
  let lastError: string | undefined;
  const webhook = config.TELEGRAM_WEBHOOK_URL && config.TELEGRAM_WEBHOOK_SECRET
    ? createWebhookIntake(bot, logger, {
      url: config.TELEGRAM_WEBHOOK_URL, secret: config.TELEGRAM_WEBHOOK_SECRET,
      ...(options.webhookRetryMs !== undefined ? { retryMs: options.webhookRetryMs } : {}),
    })
    : undefined;

  const citizenBot = createCitizenBot({
    api: bot.api, apiRoot, token, mediaDir: config.MEDIA_DIR, maxPhotoBytes: config.TELEGRAM_MAX_PHOTO_BYTES, logger, handler: () => handler,
  });
  const deskBot = createDesk({
    app, api: bot.api, cards: stores.cards, links: stores.links, apiRoot, token,
    admins: new Set(config.TELEGRAM_ADMIN_IDS), mediaDir: config.MEDIA_DIR, maxPhotoBytes: config.TELEGRAM_MAX_PHOTO_BYTES,
    // Before polling starts (a desk-only process) the desk still sends; in webhook mode sending needs no webhook.
    connected: () => connected || polling === undefined,
  });
  // Desk first: its buttons (d:…) and group messages; then private chats.
  bot.use(deskBot.composer);
  bot.use(citizenBot.composer);

  let wake: (() => void) | undefined;
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => { clearTimeout(timer); resolve(); };
  });
  // grammY keeps the offset it will confirm in lastTriedUpdateId; while an update waits for storage it
  // must stay below it, so neither the next getUpdates nor stop() confirms the update to Telegram.
  const polled = bot as unknown as { lastTriedUpdateId: number };

  /** The database cannot take the update now: hold polling and handle the same update again until it is stored. */
  async function holdUntilStored(update: { update_id: number }, first: unknown): Promise<void> {
    let delay = options.storageRetryMs ?? 1_000;
    lastError = `storage unavailable: ${(first as Error).message}`;
    logger.error({ updateId: update.update_id, err: first }, 'telegram: database cannot store the update; not confirming it to Telegram and retrying (check disk space and /readyz)');
    while (bot.isRunning()) {
      polled.lastTriedUpdateId = update.update_id - 1;
      await sleep(delay);
      if (!bot.isRunning()) return; // stopped: Telegram delivers the update again at the next start
      try {
        await bot.handleUpdate(update as Parameters<typeof bot.handleUpdate>[0]);
        polled.lastTriedUpdateId = update.update_id;
        lastError = undefined;
        logger.info({ updateId: update.update_id }, 'telegram: database writable again; the held update is stored');
        return;
      } catch (err) {
        const cause = err instanceof BotError ? err.error : err;
        if (!(cause instanceof StorageUnavailableError)) {
          polled.lastTriedUpdateId = update.update_id;
          logger.error({ err: cause, updateId: update.update_id }, 'telegram: handling a held update failed; continuing with the next');
          return;
        }
      }
      delay = Math.min(delay * 2, 30_000);
    }
  }

  // Without a catch, one failing update would stop polling for everyone.
  bot.catch(async (err) => {
    if (err.error instanceof StorageUnavailableError) return holdUntilStored(err.ctx.update, err.error);
    lastError = err.error instanceof Error ? err.error.message : String(err.error);
    logger.error({ err: err.error, updateId: err.ctx.update.update_id }, 'telegram: handling an update failed; continuing with the next');
  });

  /** Long polling removes a webhook: say so, since instances still in webhook mode would stop receiving updates. */
  async function warnIfWebhookSet(): Promise<void> {
    const info = await bot.api.getWebhookInfo().catch((err: unknown) => {
      logger.debug({ err }, 'telegram: getWebhookInfo failed');
      return undefined;
    });
    if (info?.url) {
      logger.warn({ webhook: info.url, pendingUpdates: info.pending_update_count },
        'telegram: a webhook was registered for this bot; long polling removes it, so instances in webhook mode stop receiving updates. '
        + 'If the service runs as several instances, set TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET on every one of them (README "Telegram", webhook mode)');
    }
  }

  const citizen: TelegramChannel = {
    id: 'telegram',
    ...(webhook ? { telegramWebhook: webhook } : {}),
    async start(onMessage) {
      handler = onMessage;
      await bot.init();
      await bot.api.setMyCommands(CITIZEN_COMMANDS, { scope: { type: 'all_private_chats' } })
        .catch((err: unknown) => logger.warn({ err }, 'telegram: could not set the command menu'));
      if (webhook) return webhook.start();
      await warnIfWebhookSet();
      await new Promise<void>((resolve, reject) => {
        polling = bot.start({
          allowed_updates: ['message', 'callback_query'],
          timeout: options.pollTimeoutSeconds ?? 30,
          onStart: (me) => {
            connected = true;
            logger.info({ username: me.username }, 'telegram: polling for updates (long polling mode; one instance per bot)');
            resolve();
          },
        }).catch((err: unknown) => {
          connected = false;
          lastError = err instanceof Error ? err.message : String(err);
          logger.error({ err }, 'telegram: polling stopped with an error; is another instance running with the same token?');
          reject(err);
        });
      });
    },
    send: (message) => citizenBot.send(message),
    async stop() {
      // Updates being handled finish first; later posts are answered 503 and come again.
      await webhook?.stop();
      handler = undefined;
      if (bot.isRunning()) await bot.stop();
      wake?.();
      await polling?.catch(() => undefined);
      connected = false;
    },
    health: (): ChannelHealth => {
      const error = webhook ? webhook.lastError() ?? lastError : lastError;
      return {
        channel: 'telegram', enabled: true, connected: webhook ? webhook.registered() : connected,
        ...(error ? { lastError: error } : {}),
        details: { mode: webhook ? 'webhook' : 'polling', ...(bot.isInited() ? { username: bot.botInfo.username } : {}) },
      };
    },
  };

  return { citizen, desk: deskBot.desk, bot };
}
