/**
 * Builds the real app (SQLite, engine, outbox) with the real Telegram adapter
 * talking to the fake Bot API server over loopback. Rate limits are lifted
 * so scenarios run fast; the outbox is driven by hand with a fake clock.
 *
 * With `webhook: true` the bot runs in webhook mode behind the real command
 * centre server: the fake Telegram posts each update to its /webhooks/telegram.
 */
import { createTestApp, type TestApp } from '../support/app.js';
import { createTelegram, type Telegram } from '../../bots/telegram/index.js';
import { startWeb, type WebServer } from '../../web/server.js';
import { FakeBotApi, type FakeUser } from './fake-bot-api.js';

export const TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz';
export const ADMIN: FakeUser = { id: 999, first_name: 'Admin', username: 'admin_kominfo' };
export const DLH_GROUP = -1001;
export const PUPR_GROUP = -1002;
export const COMMAND_CENTRE = -1009;
/** The public address the bot registers in webhook mode (the fake forwards it to the test server). */
export const WEBHOOK_URL = 'https://lapor.kota.go.id/webhooks/telegram';
export const WEBHOOK_SECRET = 'rahasia_Webhook-0123456789abcdef';

export interface HarnessOptions {
  /** Webhook mode behind the command centre's server instead of long polling. */
  webhook?: boolean;
  /** Runs before the app starts (injected failures). */
  beforeStart?: (fake: FakeBotApi) => void;
}

export interface TelegramHarness {
  fake: FakeBotApi;
  t: TestApp;
  telegram: Telegram;
  /** The command centre serving the webhook (webhook mode only). */
  web: WebServer | undefined;
  /** Pushes an update and waits until the bot has handled it, then delivers the outbox. */
  step(push: () => number | { updateId: number }): Promise<void>;
  /** Delivers everything due; with retries, advances the clock until nothing is pending. */
  deliverAll(maxRounds?: number): Promise<void>;
  /** Stops the Telegram adapter and starts a new one on the same app (a process restart, for the adapter). */
  restartTelegram(): Promise<void>;
  close(): Promise<void>;
}

export async function createTelegramHarness(opts: HarnessOptions = {}): Promise<TelegramHarness> {
  const fake = new FakeBotApi(TOKEN);
  await fake.start();
  opts.beforeStart?.(fake);
  const t = await createTestApp({
    env: {
      TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, TELEGRAM_ADMIN_IDS: String(ADMIN.id),
      ...(opts.webhook ? { TELEGRAM_WEBHOOK_URL: WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET } : {}),
    },
  });
  const make = async () => {
    const telegram = createTelegram(t.app, { cards: t.app.store.deskCards, links: t.app.store.deskLinks }, {
      limits: { throttle: { global: {}, group: {}, out: {} }, maxRetryDelaySeconds: 1, maxRetryAttempts: 2 },
      pollTimeoutSeconds: 5,
      webhookRetryMs: 20,
    });
    t.app.addChannel(telegram.citizen);
    t.app.setDesk(telegram.desk);
    await telegram.citizen.start((m) => t.app.receive(m));
    return telegram;
  };
  let telegram = await make();
  let web: WebServer | undefined;
  if (opts.webhook) {
    web = await startWeb(t.app, { host: '127.0.0.1', port: 0, pollMs: 60_000 });
    fake.hook.forwardTo(web.url);
  }
  const h: TelegramHarness = {
    fake, t, web,
    get telegram() { return telegram; },
    async step(push) {
      const r = push();
      await fake.handled(typeof r === 'number' ? r : r.updateId);
      await t.app.worker.drain();
    },
    async deliverAll(maxRounds = 100) {
      for (let i = 0; i < maxRounds; i++) {
        await t.app.worker.drain();
        const c = await t.app.store.outbox.counts();
        if (c.pending === 0 && c.sending === 0) return;
        t.clock.advance(10 * 60_000);
      }
      throw new Error(`outbox still has pending rows after ${maxRounds} rounds: ${JSON.stringify(await t.app.store.outbox.counts())} ${JSON.stringify(await t.app.store.outbox.list({ status: "pending" }))} now ${t.clock.now().toISOString()}`);
    },
    async restartTelegram() {
      await telegram.citizen.stop();
      telegram = await make();
    },
    async close() {
      await web?.close();
      await t.close();
      await fake.close();
    },
  } as TelegramHarness;
  return h;
}

/** A harness whose DLH, PUPR and command-centre groups are linked to their agencies by an admin, as a city sets up. */
export async function createLinkedDeskHarness(opts: HarnessOptions = {}): Promise<TelegramHarness> {
  const h = await createTelegramHarness(opts);
  await h.step(() => h.fake.groupMessage(DLH_GROUP, ADMIN, { text: '/hubungkan DLH' }));
  await h.step(() => h.fake.groupMessage(PUPR_GROUP, ADMIN, { text: '/hubungkan PUPR' }));
  await h.step(() => h.fake.groupMessage(COMMAND_CENTRE, ADMIN, { text: '/hubungkan KOMINFO' }));
  return h;
}
