/**
 * Composition root: builds the core with its adapters (the store, prompts
 * files, classifier, channels) and starts/stops them in order. main.ts,
 * the console chat, the CLI, tests and benchmarks all build the app here.
 */
import { loadAreaDirectory } from '../adapters/areas/idn-area.js';
import { createLogger, type AppLogger } from '../adapters/logging/logger.js';
import { createMetrics, type Metrics } from '../adapters/metrics/index.js';
import { areaCodeIn, readAreaCode } from '../adapters/prompts/files.js';
import { createPromptsService, type PromptsService } from '../adapters/prompts/service.js';
import type { AreaDirectory } from '../core/config/area.js';
import { reply } from '../core/config/texts.js';
import { createConversationEngine, type ConversationEngine } from '../core/conversation/engine.js';
import { createOfflineClassifier, type OfflineClassifier } from '../core/nlu/offline.js';
import { TELEGRAM_LIMITS, whatsappCloudLimits } from '../core/outbox/limits.js';
import { createOutboxWorker, type OutboxWorker } from '../core/outbox/worker.js';
import { createPrivacyGate } from '../core/privacy/gate.js';
import { createSlaChecker, type SlaChecker } from '../core/sla/checker.js';
import {
  StorageUnavailableError, systemClock, type Channel, type ChannelHealth, type Classifier, type Clock, type DeskChannel, type InboundMessage,
} from '../core/ports.js';
import { createTicketService, type TicketService } from '../core/tickets/service.js';
import { isStorageUnavailable } from '../store/errors.js';
import { openStore, type DatabaseStore } from '../store/index.js';
import type { OperationsView } from '../web/host.js';
import type { WebPorts } from '../web/ports.js';
import { whatsappMode, type AppConfig } from './config.js';
import { createClassifier } from './classifier.js';
import { mediaRemover, runRetention } from './privacy.js';
import { createWebPorts } from './web-ports.js';
import { createLeaderElection, type LeaderElection } from './leader.js';
import { operationsView } from './operations.js';

export interface AppOverrides {
  clock?: Clock;
  logger?: AppLogger;
  /** Replaces the configured classifier (tests of the engine with a fixed classifier). */
  classifier?: Classifier;
  /** Start the outbox worker's polling loop (default true; benchmarks drive it by hand). */
  runWorker?: boolean;
}

export interface App {
  readonly config: AppConfig;
  readonly logger: AppLogger;
  readonly clock: Clock;
  readonly store: DatabaseStore;
  readonly areas: AreaDirectory;
  readonly prompts: PromptsService;
  readonly tickets: TicketService;
  readonly engine: ConversationEngine;
  readonly worker: OutboxWorker;
  /** Service-level clocks: desk reminders, escalations, closing unanswered "Sudah beres?" (core/sla). */
  readonly sla: SlaChecker;
  /** Runs the once-per-deployment jobs on one instance at a time (app/leader.ts). */
  readonly leader: LeaderElection;
  readonly channels: Map<string, Channel>;
  /** Prometheus figures (GET /metrics); app/operations.ts connects their sources. */
  readonly metrics: Metrics;
  /** The command centre's data ports (accounts, board queries, live events). */
  readonly web: WebPorts;
  /** The offline classifier for the current configuration (the dry run and classify use it too). */
  offline(): OfflineClassifier;
  /** Backups, alerts, readiness and undelivered rows as the command centre sees them (app/operations.ts). */
  operations(): OperationsView;
  /** Deletes photo files inside MEDIA_DIR (privacy erasure). */
  removeMedia(paths: string[]): void;
  classifier(): Classifier;
  desk(): DeskChannel | undefined;
  /** Registers a citizen channel; call before start(). */
  addChannel(channel: Channel): void;
  setDesk(desk: DeskChannel): void;
  /**
   * Hands one inbound message to the engine. Throws only StorageUnavailableError (nothing stored: the channel
   * must not acknowledge the message); any other failure is logged and the citizen gets an apology.
   */
  receive(message: InboundMessage): Promise<void>;
  health(): ChannelHealth[];
  /** Runs a background job with the app and stops it on shutdown. */
  onStop(fn: () => Promise<void> | void): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function buildApp(config: AppConfig, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL, config.LOG_FORMAT);
  const clock = overrides.clock ?? systemClock;
  const store = await openStore(config, { onError: (err) => logger.warn({ err }, 'database connection problem; retrying') });
  let prompts: PromptsService;
  let areas: AreaDirectory;
  try {
    // A broken city.yaml on disk falls back to the last good version's area code (see the prompts service).
    areas = loadAreaDirectory(readAreaCode(config.PROMPTS_DIR, areaCodeIn((await store.promptVersions.latest())?.files['city.yaml'])));
    prompts = await createPromptsService({ dir: config.PROMPTS_DIR, areas, versions: store.promptVersions, clock, logger, shared: store.kind === 'postgres' });
  } catch (err) {
    await store.close();
    throw err;
  }
  let offline = createOfflineClassifier({ config: prompts.current(), areas });
  const metrics = createMetrics();
  const classifier = metrics.timeClassifier(overrides.classifier ?? createClassifier(config, () => offline, prompts.current, logger));
  prompts.onChange((c) => {
    // Admin keywords take effect at once: retrain on the new configuration.
    offline = createOfflineClassifier({ config: c, areas });
  });

  const tickets = createTicketService({ store, config: prompts.current, clock });
  const engine = createConversationEngine({
    store, tickets, classifier: () => classifier, config: prompts.current, clock, logger,
    draftTimeoutMinutes: config.DRAFT_TIMEOUT_MINUTES, areas,
  });
  const channels = new Map<string, Channel>();
  let desk: DeskChannel | undefined;
  const worker = createOutboxWorker({
    store, clock, logger, channels, get desk() { return desk; },
    maxAttempts: config.OUTBOX_MAX_ATTEMPTS, pollMs: config.OUTBOX_POLL_MS,
    // Pace to the real Telegram's limits; a test server (another API root) has none.
    limits: [
      ...(config.TELEGRAM_BOT_TOKEN && config.TELEGRAM_API_ROOT === 'https://api.telegram.org' ? TELEGRAM_LIMITS : []),
      ...(whatsappMode(config) === 'cloud' ? whatsappCloudLimits(config.WHATSAPP_CLOUD_MESSAGES_PER_SECOND) : []),
    ],
    templates: () => prompts.current().whatsapp,
  });
  const sla = createSlaChecker({ store, tickets, config: prompts.current, clock, logger, onNotice: () => worker.kick() });
  const stoppers: (() => Promise<void> | void)[] = [];
  const leader = createLeaderElection(store.leadership, logger);

  const startupProblem = prompts.startupProblem();
  if (startupProblem) {
    try {
      const cfg = prompts.current();
      const key = 'desk_prompts_fallback' in cfg.replies ? 'desk_prompts_fallback' : 'desk_config_error';
      await tickets.notifyDesk(cfg.city.triage_agency, reply(cfg, key, { error: startupProblem.slice(0, 3000) }));
    } catch (err) {
      logger.error({ err }, 'could not tell the command centre that prompts/ on disk are invalid');
    }
  }
  prompts.onChange(async () => {
    // New or fixed templates: held updates are looked at again (still none: they wait again, nothing is lost).
    if ((await store.outbox.releaseWaiting(clock.now().toISOString())) > 0) worker.kick();
  });

  prompts.onError(async (message) => {
    // Tell the command centre desk as well as the log: a refused edit should not go unnoticed.
    try {
      await tickets.notifyDesk(prompts.current().city.triage_agency, reply(prompts.current(), 'desk_config_error', { error: message.slice(0, 3000) }));
      worker.kick();
    } catch (err) {
      logger.error({ err }, 'could not notify the command centre of a refused prompts edit');
    }
  });

  const removeFiles = mediaRemover(config.MEDIA_DIR, logger);
  const gate = createPrivacyGate({
    store, privacy: store.privacy, config: prompts.current, clock, logger, removeFiles, floodPerMinute: config.FLOOD_MAX_PER_MINUTE,
  });

  /** The citizen wrote: updates held outside their channel's free-text window may go now (core/outbox/window.ts). */
  async function releaseHeld(message: InboundMessage): Promise<void> {
    if (!channels.get(message.channel)?.freeFormWindowMs) return;
    try {
      const citizen = await store.citizens.findByAddress(message.channel, message.sender.address);
      if (citizen) await store.outbox.releaseWaiting(clock.now().toISOString(), { channel: message.channel, address: citizen.address });
    } catch (err) {
      logger.error({ err }, 'could not release held updates for a citizen who wrote again; they go out when the templates change');
    }
  }

  async function receive(message: InboundMessage): Promise<void> {
    try {
      // Blocked senders, floods and erasure requests stop here, in front of the engine.
      if (await gate.admit(message)) {
        await engine.handle(message);
        await releaseHeld(message);
      }
    } catch (err) {
      if (isStorageUnavailable(err)) {
        // Nothing was stored: refuse the message so the channel redelivers it once the disk or lock is fixed.
        logger.error({ err, channel: message.channel, externalId: message.externalId }, 'database cannot take a write (locked, disk full or read-only); refusing the message so the channel delivers it again — check free disk space and `npm run cli -- doctor`');
        throw new StorageUnavailableError(`storage unavailable: ${(err as Error).message}`, { cause: err });
      }
      logger.error({ err, channel: message.channel, externalId: message.externalId }, 'handling a citizen message failed; recorded it and sent an apology');
      try {
        await store.transaction(async () => {
          const now = clock.now();
          const citizen = await store.citizens.resolve(message.channel, message.sender, now);
          const fresh = await store.messages.recordInbound({
            channel: message.channel, externalId: message.externalId, citizenId: citizen.id, direction: 'in', text: message.text?.slice(0, 4000) ?? null,
            payload: { error: String(err) }, createdAt: now.toISOString(),
          });
          if (fresh) {
            await store.outbox.enqueue({
              target: { kind: 'citizen', channel: message.channel, message: { to: citizen.address, text: reply(prompts.current(), 'internal_error') } },
              citizenId: citizen.id, createdAt: now.toISOString(),
            });
          }
        });
      } catch (inner) {
        logger.error({ err: inner }, 'could not even record the failed message');
        if (isStorageUnavailable(inner)) throw new StorageUnavailableError(`storage unavailable: ${(inner as Error).message}`, { cause: inner });
      }
    }
    worker.kick();
  }

  async function startRetention(): Promise<void> {
    const run = async () => {
      try {
        const r = await runRetention(store, config.RETENTION_DAYS, clock, removeFiles);
        if (r.tickets || r.messages) logger.info({ ...r, files: r.files.length, days: config.RETENTION_DAYS }, 'retention: removed old texts and photos');
      } catch (err) {
        logger.error({ err }, 'retention run failed; it is tried again in 6 hours (or run: npm run cli -- retention run)');
      }
    };
    await run();
    retentionTimer = setInterval(run, 6 * 3_600_000);
    retentionTimer.unref();
  }
  let retentionTimer: NodeJS.Timeout | undefined;

  /** Another instance stored a prompts edit: adopt it (several instances on one database). */
  function startPromptsSync(): void {
    const timer = setInterval(() => {
      prompts.sync().catch((err: unknown) => logger.warn({ err }, 'prompts: could not look for a newer stored version; trying again'));
    }, config.PROMPTS_SYNC_MS);
    timer.unref();
    stoppers.push(() => clearInterval(timer));
  }

  let started = false;
  const app: App = {
    config, logger, clock, store, areas, prompts, tickets, engine, worker, sla, leader, channels, metrics,
    web: createWebPorts(store, { promptsDir: config.PROMPTS_DIR, areas, logger }),
    offline: () => offline,
    operations: () => operationsView(app),
    removeMedia: removeFiles,
    classifier: () => classifier,
    desk: () => desk,
    addChannel: (c) => void channels.set(c.id, c),
    setDesk: (d) => { desk = d; },
    receive,
    health: () => [...[...channels.values()].map((c) => c.health()), ...(desk ? [desk.health()] : [])],
    onStop: (fn) => void stoppers.push(fn),
    async start() {
      if (started) return;
      started = true;
      // Tickets filed before the duplicate check's place index existed go into it before any message is taken.
      try {
        const indexed = await tickets.indexPlaces();
        if (indexed > 0) logger.info({ tickets: indexed }, 'place index: earlier tickets added for the duplicate check');
      } catch (err) {
        logger.error({ err }, 'place index: earlier tickets could not be added; until they are, a new report may not be matched to them');
      }
      if (config.PROMPTS_WATCH) await leader.add({ name: 'prompts watcher', start: () => prompts.watch(), stop: () => prompts.close() });
      if (store.kind === 'postgres') startPromptsSync();
      for (const c of channels.values()) {
        await c.start(receive);
      }
      if (overrides.runWorker !== false) {
        await worker.start();
        await leader.add({ name: 'service levels', start: () => sla.start(config.SLA_CHECK_INTERVAL_MS), stop: () => sla.stop() });
        if (config.RETENTION_DAYS > 0) await leader.add({ name: 'retention', start: startRetention, stop: () => clearInterval(retentionTimer) });
      }
      await leader.start(config.LEADER_CHECK_MS);
    },
    async stop() {
      await leader.stop();
      prompts.close();
      for (const fn of stoppers.reverse()) await fn();
      for (const c of channels.values()) {
        await c.stop().catch((err: unknown) => logger.error({ err, channel: c.id }, 'channel did not stop cleanly'));
      }
      sla.stop();
      await worker.stop();
      await store.close();
    },
  };
  return app;
}
