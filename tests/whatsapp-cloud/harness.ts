/**
 * The real app with the WhatsApp Cloud API channel switched on by its
 * environment variables, pointed at a fake Graph API, with the real command
 * centre web server (its webhook) on a random loopback port and a
 * controllable clock. Citizens "write" by Meta-style signed webhook posts.
 */
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { buildApp, type App, type AppOverrides } from '../../app/build.js';
import { startChannels } from '../../app/channels.js';
import { loadConfig } from '../../app/config.js';
import { createLogger } from '../../adapters/logging/logger.js';
import type { WhatsAppCloudChannel } from '../../bots/whatsapp-cloud/index.js';
import { startWeb, type WebServer } from '../../web/server.js';
import { FakeClock, tempWorkspace } from '../support/app.js';
import {
  ACCESS_TOKEN, APP_SECRET, buttonReply, FakeGraph, PHONE_NUMBER_ID, postWebhook, text, VERIFY_TOKEN, VERSION, type From, type SentMessage,
} from './fake-graph.js';

/** The environment that turns the Cloud API channel on against a fake Graph server. */
export function cloudEnv(graphUrl: string): Record<string, string> {
  return {
    WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_CLOUD_ACCESS_TOKEN: ACCESS_TOKEN,
    WHATSAPP_CLOUD_APP_SECRET: APP_SECRET,
    WHATSAPP_CLOUD_VERIFY_TOKEN: VERIFY_TOKEN,
    WHATSAPP_GRAPH_URL: graphUrl,
    WHATSAPP_GRAPH_VERSION: VERSION,
  };
}

export interface CloudHarness {
  app: App;
  graph: FakeGraph;
  web: WebServer;
  clock: FakeClock;
  dir: string;
  channel: WhatsAppCloudChannel;
  /** Posts a webhook like Meta, waits until it is handled and the outbox has delivered; returns what the citizen got. */
  post(payload: unknown, waId?: string): Promise<SentMessage[]>;
  /** Delivers whatever the outbox has due now. */
  flush(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function createCloudHarness(opts: { env?: Record<string, string>; dir?: string; overrides?: AppOverrides } = {}): Promise<CloudHarness> {
  const graph = await new FakeGraph().start();
  const ws = opts.dir ? { dir: opts.dir, promptsDir: join(opts.dir, 'prompts'), dbPath: join(opts.dir, 'suarawarga.db') } : tempWorkspace();
  const clock = new FakeClock();
  const config = loadConfig({
    DATABASE_PATH: ws.dbPath, PROMPTS_DIR: ws.promptsDir, MEDIA_DIR: join(ws.dir, 'media'), PROMPTS_WATCH: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...cloudEnv(graph.url), ...opts.env,
  });
  const logger = createLogger(config.LOG_LEVEL);
  let app!: App;
  let web!: WebServer;
  async function boot(): Promise<void> {
    app = (await buildApp(config, { clock, logger, runWorker: false, ...opts.overrides }));
    await startChannels(app);
    await app.start();
    web = await startWeb(app, { port: 0, host: '127.0.0.1', pollMs: 60_000 });
  }
  await boot();
  const channel = () => app.channels.get('whatsapp') as WhatsAppCloudChannel;

  const h: CloudHarness = {
    get app() { return app; },
    graph,
    get web() { return web; },
    clock,
    dir: ws.dir,
    get channel() { return channel(); },
    async post(payload, waId) {
      const before = graph.sent.length;
      const res = await postWebhook(web.url, payload);
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
      await channel().idle();
      await app.worker.drain();
      return graph.sent.slice(before).filter((m) => !waId || m.to === waId);
    },
    async flush() {
      await channel().idle();
      await app.worker.drain();
    },
    async restart() {
      await web.close();
      await app.stop();
      await boot();
    },
    async close() {
      await web.close();
      await app.stop();
      await graph.close();
      rmSync(ws.dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** A citizen files a garbage complaint by text (place typed, no photo) and presses the confirmation button; returns the ticket id. */
export async function fileByText(h: CloudHarness, from: From): Promise<number> {
  await h.post(text(from, 'sampah numpuk di tps pasar raya belum diangkut seminggu'), from.waId);
  await h.post(text(from, 'tps pasar raya dekat terminal'), from.waId);
  const summary = await h.post(text(from, 'lewati'), from.waId);
  const confirm = summary.find((m) => m.type === 'interactive');
  if (!confirm) throw new Error(`no confirmation buttons; the bot said: ${summary.map((m) => m.text).join(' | ')}`);
  const filed = await h.post(buttonReply(from, confirm.choiceIds[0]!), from.waId);
  const number = /BM-\d{4}/.exec(filed.map((m) => m.text).join('\n'))?.[0];
  if (!number) throw new Error(`no ticket number; the bot said: ${filed.map((m) => m.text).join(' | ')}`);
  return (await h.app.store.tickets.getByNumber(number))!.id;
}
