/**
 * `npm start`: the service. Builds the app, turns on every configured channel,
 * says which channels are off and how to turn them on, and shuts down cleanly
 * on SIGINT/SIGTERM (channels stop taking messages, the outbox finishes its
 * round, the database is closed: no half-written rows). On SQLite it holds
 * the database's lock file while it runs; on PostgreSQL several instances may
 * run, and the leader (app/leader.ts) makes the backups and alerts.
 */
import { buildApp, type App } from './build.js';
import { ConfigError, loadConfig, telegramMode, whatsappMode, type AppConfig } from './config.js';
import { startChannels } from './channels.js';
import { operationsOf } from './operations.js';
import { acquireInstanceLock, DatabaseLockedError } from '../store/instance-lock.js';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  // One service per SQLite file: a second one (or a restore) under a running service is refused.
  // On PostgreSQL several instances share the database by design (leader lock, outbox claims).
  let release: () => void = () => undefined;
  try {
    if (!config.DATABASE_URL) release = acquireInstanceLock(config.DATABASE_PATH);
  } catch (err) {
    if (err instanceof DatabaseLockedError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  process.on('exit', () => release());
  const app: App = await buildApp(config);
  const log = app.logger;
  const ops = operationsOf(app);
  // Backups and desk alerts are once per deployment: the leader runs them (the job stops with the app).
  await app.leader.add({ name: 'backups and alerts', start: () => ops.start(), stop: () => ops.stop() });
  log.info({ database: `${app.store.kind} ${app.store.location}`, prompts: config.PROMPTS_DIR, city: app.prompts.current().city.name, classifier: config.CLASSIFIER }, 'SuaraWarga starting');
  await startChannels(app);
  await app.start();
  if (config.WEB_ENABLED) {
    const { startWeb } = await import('../web/server.js');
    const web = await startWeb(app);
    app.onStop(() => web.close());
    const admins = (await app.store.webUsers.list()).filter((u) => u.role === 'admin').length;
    if (admins === 0) log.info({ url: web.url }, 'command centre has no admin yet: create the first one with `npm run cli -- users add <name> --role admin`');
    else log.info({ url: web.url, admins }, 'command centre ready');
  } else if (whatsappMode(config) === 'cloud' || telegramMode(config) === 'webhook') {
    // Meta (Cloud API) and Telegram (webhook mode) reach their channels only through webhooks: serve them even without the dashboard.
    const { startWebhookServer } = await import('../web/routes/webhook-server.js');
    const hook = await startWebhookServer({ channels: app.channels, logger: log }, { host: config.HOST, port: config.PORT });
    app.onStop(() => hook.close());
    if (whatsappMode(config) === 'cloud') log.info({ url: `${hook.url}/webhooks/whatsapp` }, 'WhatsApp webhook listening (command centre off: WEB_ENABLED=false)');
    if (telegramMode(config) === 'webhook') log.info({ url: `${hook.url}/webhooks/telegram` }, 'Telegram webhook listening (command centre off: WEB_ENABLED=false)');
  }
  log.info({ leader: app.leader.isLeader(), channels: app.health().map((h) => `${h.channel}:${h.connected ? 'connected' : 'starting'}`) }, 'SuaraWarga is running');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took longer than 20 s; exiting anyway (SQLite transactions are atomic, nothing is half-written)');
      process.exit(1);
    }, 20_000);
    force.unref();
    app.stop().then(() => {
      log.info('stopped cleanly');
      process.exit(0);
    }, (err: unknown) => {
      log.error({ err }, 'error while stopping');
      process.exit(1);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`SuaraWarga could not start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
