/**
 * Turns on the channels whose settings are present and logs, for each one
 * that is off, the variable that turns it on.
 */
import { applyDeliveryReport } from '../core/outbox/reports.js';
import type { App } from './build.js';
import { telegramMode, whatsappMode } from './config.js';

export async function startChannels(app: App): Promise<void> {
  const { config, logger } = app;

  if (config.TELEGRAM_BOT_TOKEN) {
    const { createTelegram } = await import('../bots/telegram/index.js');
    const telegram = createTelegram(app, { cards: app.store.deskCards, links: app.store.deskLinks });
    app.addChannel(telegram.citizen);
    app.setDesk(telegram.desk);
    if (telegramMode(config) === 'webhook') {
      logger.info({ apiRoot: config.TELEGRAM_API_ROOT, mode: 'webhook', webhook: config.TELEGRAM_WEBHOOK_URL },
        'channel telegram: on (citizen bot and agency desks), webhook mode — Telegram posts updates to TELEGRAM_WEBHOOK_URL, so the proxy must forward /webhooks/telegram to this service; every instance needs the same TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET');
      if (config.TELEGRAM_WEBHOOK_SECRET!.length < 16) logger.warn('channel telegram: TELEGRAM_WEBHOOK_SECRET is short enough to guess; use a long random one (openssl rand -hex 32) so forged updates are refused');
    } else {
      logger.info({ apiRoot: config.TELEGRAM_API_ROOT, mode: 'polling' },
        'channel telegram: on (citizen bot and agency desks), long polling — run one instance per bot; for several instances behind a load balancer set TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET (README "Telegram")');
    }
  } else {
    logger.info('channel telegram: off — set TELEGRAM_BOT_TOKEN (from @BotFather) in .env to turn on the citizen bot and the agency desks; see README "Telegram"');
  }

  const mode = whatsappMode(config);
  if (mode === 'cloud') {
    const { createWhatsAppCloudChannel } = await import('../bots/whatsapp-cloud/index.js');
    app.addChannel(createWhatsAppCloudChannel({
      phoneNumberId: config.WHATSAPP_CLOUD_PHONE_NUMBER_ID!,
      accessToken: config.WHATSAPP_CLOUD_ACCESS_TOKEN!,
      appSecret: config.WHATSAPP_CLOUD_APP_SECRET!,
      verifyToken: config.WHATSAPP_CLOUD_VERIFY_TOKEN!,
      graphUrl: config.WHATSAPP_GRAPH_URL,
      graphVersion: config.WHATSAPP_GRAPH_VERSION,
      mediaDir: config.MEDIA_DIR,
      maxMediaBytes: config.MAX_MEDIA_BYTES,
      timeoutMs: config.WHATSAPP_CLOUD_TIMEOUT_MS,
      listButton: () => app.prompts.current().whatsapp?.list_button ?? 'Pilih',
    }, {
      logger,
      clock: app.clock,
      alreadyProcessed: async (id) => await app.store.messages.hasInbound('whatsapp', id),
      onReport: async (report) => {
        const known = await applyDeliveryReport({ store: app.store, clock: app.clock, logger }, report);
        if (known) app.worker.kick();
        return known;
      },
    }));
    logger.info(
      { phoneNumberId: config.WHATSAPP_CLOUD_PHONE_NUMBER_ID, graph: `${config.WHATSAPP_GRAPH_URL}/${config.WHATSAPP_GRAPH_VERSION}`, webhook: '/webhooks/whatsapp' },
      'channel whatsapp: on (Business Cloud API) — Meta must reach https://<your domain>/webhooks/whatsapp; the QR pilot stays off while the WHATSAPP_CLOUD_* variables are set; see docs/whatsapp-cloud.md',
    );
  } else if (config.WHATSAPP_ENABLED) {
    // Loaded only here: the pilot pulls in whatsapp-web.js and puppeteer, which an instance without it need not hold in memory.
    const { createWhatsAppChannel } = await import('../bots/whatsapp/index.js');
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
    logger.info({ sessionDir: config.WHATSAPP_SESSION_DIR, chromium: config.PUPPETEER_EXECUTABLE_PATH }, 'channel whatsapp: on (QR pilot, whatsapp-web.js) — scan the QR printed below (or on the dashboard) with the city\'s phone if it is not linked yet; for the official number use the Business Cloud API instead: set WHATSAPP_ENABLED=false and the four WHATSAPP_CLOUD_* variables (docs/whatsapp-cloud.md)');
  } else {
    logger.info('channel whatsapp: off — for the official number set the four WHATSAPP_CLOUD_* variables (Business Cloud API, docs/whatsapp-cloud.md); for a quick pilot set WHATSAPP_ENABLED=true (QR login, needs Chromium: apt-get install chromium); see README "WhatsApp"');
  }
}
