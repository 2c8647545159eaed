/**
 * Turns on the channels whose settings are present and logs, for each one
 * that is off, the variable that turns it on.
 */
import { createWhatsAppChannel } from '../bots/whatsapp/index.js';
import type { App } from './build.js';

export async function startChannels(app: App): Promise<void> {
  const { config, logger } = app;

  if (config.TELEGRAM_BOT_TOKEN) {
    const { createTelegram } = await import('../bots/telegram/index.js');
    const telegram = createTelegram(app);
    app.addChannel(telegram.citizen);
    app.setDesk(telegram.desk);
    logger.info({ apiRoot: config.TELEGRAM_API_ROOT }, 'channel telegram: on (citizen bot and agency desks)');
  } else {
    logger.info('channel telegram: off — set TELEGRAM_BOT_TOKEN (from @BotFather) in .env to turn on the citizen bot and the agency desks; see README "Telegram"');
  }

  if (config.WHATSAPP_ENABLED) {
    app.addChannel(createWhatsAppChannel({
      sessionDir: config.WHATSAPP_SESSION_DIR,
      executablePath: config.PUPPETEER_EXECUTABLE_PATH,
      mediaDir: config.MEDIA_DIR,
      maxMediaBytes: config.MAX_MEDIA_BYTES,
      minGapMs: config.WHATSAPP_MIN_GAP_MS,
      jitterMs: config.WHATSAPP_JITTER_MS,
      readyTimeoutMs: config.WHATSAPP_READY_TIMEOUT_MS,
      reconnectMinMs: config.WHATSAPP_RECONNECT_MIN_MS,
      reconnectMaxMs: Math.max(config.WHATSAPP_RECONNECT_MAX_MS, config.WHATSAPP_RECONNECT_MIN_MS),
      ...(config.WHATSAPP_CHROMIUM_ARGS.length ? { chromiumArgs: config.WHATSAPP_CHROMIUM_ARGS } : {}),
      ...(config.WHATSAPP_PRINT_QR ? {} : { printQr: false as const }),
    }, { logger, clock: app.clock }));
    logger.info({ sessionDir: config.WHATSAPP_SESSION_DIR, chromium: config.PUPPETEER_EXECUTABLE_PATH }, 'channel whatsapp: on — scan the QR printed below (or on the dashboard) with the city\'s phone if it is not linked yet');
  } else {
    logger.info('channel whatsapp: off — set WHATSAPP_ENABLED=true (and install Chromium: apt-get install chromium) to link the city\'s number; see README "WhatsApp"');
  }
}
