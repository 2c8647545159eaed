/**
 * Telegram: one bot for two audiences. Private chats are the citizen channel
 * (same conversation engine as every channel); groups linked to agencies are
 * their desks (ticket cards, buttons, replies to the citizen). Wired by
 * app/channels.ts when TELEGRAM_BOT_TOKEN is set.
 */
import type { Bot } from 'grammy';
import type { App } from '../../app/build.js';
import type { Channel, ChannelHealth, DeskChannel, InboundHandler } from '../../core/ports.js';
import { createDeskCardRepo } from '../../store/desk-cards.js';
import { createBot, type TelegramLimits } from './api.js';
import { CITIZEN_COMMANDS, createCitizenBot } from './citizen.js';
import { createDesk } from './desk.js';

export interface TelegramOptions {
  /** Rate limits and in-place retries (tests shorten them; production keeps Telegram's). */
  limits?: TelegramLimits;
  /** getUpdates long-poll timeout in seconds (default 30). */
  pollTimeoutSeconds?: number;
}

export interface Telegram {
  citizen: Channel;
  desk: DeskChannel;
  /** The grammY bot (tests and diagnostics). */
  bot: Bot;
}

export function createTelegram(app: App, options: TelegramOptions = {}): Telegram {
  const { config, logger } = app;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error('createTelegram needs TELEGRAM_BOT_TOKEN (create a bot with @BotFather; see README "Telegram")');
  const apiRoot = config.TELEGRAM_API_ROOT.replace(/\/+$/, '');
  const bot = createBot(token, apiRoot, options.limits);
  let handler: InboundHandler | undefined;
  let polling: Promise<void> | undefined;
  let connected = false;
  let lastError: string | undefined;

  const citizenBot = createCitizenBot({
    api: bot.api, apiRoot, token, mediaDir: config.MEDIA_DIR, maxPhotoBytes: config.TELEGRAM_MAX_PHOTO_BYTES, logger, handler: () => handler,
  });
  const deskBot = createDesk({
    app, api: bot.api, cards: createDeskCardRepo(app.store.db), apiRoot, token,
    admins: new Set(config.TELEGRAM_ADMIN_IDS), mediaDir: config.MEDIA_DIR, maxPhotoBytes: config.TELEGRAM_MAX_PHOTO_BYTES,
    // Before polling starts (a desk-only process) the desk still sends.
    connected: () => connected || polling === undefined,
  });
  // Desk first: its buttons (d:…) and group messages; then private chats.
  bot.use(deskBot.composer);
  bot.use(citizenBot.composer);

  // Without a catch, one failing update would stop polling for everyone.
  bot.catch((err) => {
    lastError = err.error instanceof Error ? err.error.message : String(err.error);
    logger.error({ err: err.error, updateId: err.ctx.update.update_id }, 'telegram: handling an update failed; continuing with the next');
  });

  const citizen: Channel = {
    id: 'telegram',
    async start(onMessage) {
      handler = onMessage;
      await bot.init();
      await bot.api.setMyCommands(CITIZEN_COMMANDS, { scope: { type: 'all_private_chats' } })
        .catch((err: unknown) => logger.warn({ err }, 'telegram: could not set the command menu'));
      await new Promise<void>((resolve, reject) => {
        polling = bot.start({
          allowed_updates: ['message', 'callback_query'],
          timeout: options.pollTimeoutSeconds ?? 30,
          onStart: (me) => {
            connected = true;
            logger.info({ username: me.username }, 'telegram: polling for updates');
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
      handler = undefined;
      if (bot.isRunning()) await bot.stop();
      await polling?.catch(() => undefined);
      connected = false;
    },
    health: (): ChannelHealth => ({
      channel: 'telegram', enabled: true, connected,
      ...(lastError ? { lastError } : {}),
      ...(bot.isInited() ? { details: { username: bot.botInfo.username } } : {}),
    }),
  };

  return { citizen, desk: deskBot.desk, bot };
}
