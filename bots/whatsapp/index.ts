/**
 * The WhatsApp citizen channel (whatsapp-web.js behind the core's Channel port).
 *
 * Why it looks like this:
 * - whatsapp-web.js drives WhatsApp Web in a headless Chromium. It fails in
 *   ways a city server must survive unattended (the session is rejected, the
 *   phone unlinks the device, the page never becomes ready), and a client it
 *   destroyed cannot be reused. So this adapter owns a small state machine:
 *   on any failure it logs what happened and what the operator should do,
 *   destroys the client and builds a fresh one after an exponential backoff.
 * - Inbound messages are filtered (private chats only), deduplicated by
 *   WhatsApp's serialized id before anything is downloaded, and handed to the
 *   engine one at a time per sender so a photo and the text after it keep
 *   their order.
 * - Outbound messages go through a paced queue (send-queue.ts; the steps of one message in sending.ts) and any
 *   failure becomes a TransientSendError so the outbox retries; nothing is
 *   silently dropped.
 */
import {
  StorageUnavailableError,
  TransientSendError,
  systemClock,
  type Channel,
  type ChannelHealth,
  type Clock,
  type InboundHandler,
  type InboundMessage,
  type Logger,
  type OutboundMessage,
  type SendResult,
} from '../../core/ports.js';
import type { WaMessage, WhatsAppClient, WhatsAppClientEvents } from './client.js';
import { SenderResolver } from './identity.js';
import { RecentIds } from './recent-ids.js';
import { ignoreReason, readContent } from './inbound.js';
import { toChatId } from './outbound.js';
import { sendSteps, type SendContext } from './sending.js';
import { realClientFactory } from './real-client.js';
import { PacedSendQueue, systemTimers, type TimerHandle, type Timers } from './send-queue.js';
import { defaultPrintQr, describe, disconnectHint } from './pilot-settings.js';
import { resolveOptions, type ResolvedWhatsAppOptions, type WhatsAppOptions } from './options.js';

export type { WhatsAppClient, WhatsAppClientFactory, WaMessage } from './client.js';
export { createRealClient, realClientFactory, CHROMIUM_SERVER_ARGS, DEFAULT_CHROMIUM_PATH } from './real-client.js';
export type { Timers } from './send-queue.js';
export { WHATSAPP_DEFAULTS } from './pilot-settings.js';
export type { ResolvedWhatsAppOptions, WhatsAppOptions } from './options.js';

export interface WhatsAppDeps {
  logger: Logger;
  clock?: Clock;
  /** Timers for pacing, ready timeout and backoff; tests pass fakes. */
  timers?: Timers;
  /** Uniform [0, 1) for the send jitter. */
  random?: () => number;
}

export type WhatsAppState = 'starting' | 'qr' | 'ready' | 'disconnected' | 'reconnecting';

export interface WhatsAppChannel extends Channel {
  readonly id: 'whatsapp';
  /** The options after defaults (for the startup log and the dashboard). */
  readonly options: ResolvedWhatsAppOptions;
  /** The latest login QR while the number is not linked (the dashboard renders it). */
  currentQr(): string | undefined;
  state(): WhatsAppState;
}

/**
 * Builds the WhatsApp channel. Nothing starts until start(); the real client
 * is built lazily so a machine without Chromium can still construct it.
 */
export function createWhatsAppChannel(options: WhatsAppOptions, deps: WhatsAppDeps): WhatsAppChannel {
  const logger = deps.logger;
  const clock = deps.clock ?? systemClock;
  const timers = deps.timers ?? systemTimers;
  const random = deps.random ?? Math.random;

  const opts = resolveOptions(options);
  const factory =
    options.clientFactory ??
    realClientFactory({ sessionDir: opts.sessionDir, executablePath: opts.executablePath, extraArgs: opts.chromiumArgs ?? [] });
  const printQr = options.printQr === false ? undefined : (options.printQr ?? defaultPrintQr);

  const queue = new PacedSendQueue({ minGapMs: opts.minGapMs, jitterMs: opts.jitterMs, clock, timers, random });
  const senders = new SenderResolver(logger);
  const seen = new RecentIds(20_000);
  const perSender = new Map<string, Promise<void>>();

  let handler: InboundHandler | undefined;
  let running = false;
  let state: WhatsAppState = 'disconnected';
  let client: WhatsAppClient | undefined;
  let detach: (() => void) | undefined;
  let generation = 0;
  let failures = 0;
  let authFailures = 0;
  let lastError: string | undefined;
  let qr: string | undefined;
  let qrShown = false;
  let readyTimer: TimerHandle | undefined;
  let reconnectTimer: TimerHandle | undefined;
  let destroying: Promise<void> = Promise.resolve();

  const notConnected = () =>
    new TransientSendError(`whatsapp: not connected (state: ${state}); the outbox will retry once WhatsApp is ready`);

  function clearReadyTimer(): void {
    if (readyTimer !== undefined) timers.clearTimeout(readyTimer);
    readyTimer = undefined;
  }

  function armReadyTimer(gen: number): void {
    clearReadyTimer();
    readyTimer = timers.setTimeout(() => {
      readyTimer = undefined;
      if (gen !== generation || !running) return;
      fail(
        'ready_timeout',
        `WhatsApp Web did not become ready within ${Math.round(opts.readyTimeoutMs / 1000)} s`,
        'the page may be stuck or the network is down; building a fresh client',
      );
    }, opts.readyTimeoutMs);
  }

  /** Destroys a client, bounded in time: a hung browser must not block the reconnect forever. */
  async function destroyQuietly(old: WhatsAppClient): Promise<void> {
    let timer: TimerHandle | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = timers.setTimeout(() => {
        logger.warn({ channel: 'whatsapp' }, 'whatsapp: the old browser did not close in time; continuing without it');
        resolve();
      }, opts.destroyTimeoutMs);
    });
    try {
      await Promise.race([old.destroy(), timeout]);
    } catch (err) {
      // whatsapp-web.js already destroys the client itself on auth_failure/disconnect; a second close may throw.
      logger.debug({ err, channel: 'whatsapp' }, 'whatsapp: destroying the old client threw (usually already closed)');
    } finally {
      timers.clearTimeout(timer);
    }
  }

  /** Drops the current client and its listeners; late events from it are ignored (generation check). */
  function dropClient(): void {
    generation++;
    clearReadyTimer();
    detach?.();
    detach = undefined;
    const old = client;
    client = undefined;
    qr = undefined;
    if (old) {
      const previous = destroying;
      destroying = previous.then(() => destroyQuietly(old));
    }
  }

  function fail(what: string, detail: string, hint: string): void {
    lastError = `${what}: ${detail}`;
    logger.error({ channel: 'whatsapp', event: what, detail, hint }, `whatsapp: ${detail} — ${hint}`);
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    if (!running || reconnectTimer !== undefined) return;
    dropClient();
    state = 'reconnecting';
    const dropped = queue.rejectWaiting(notConnected);
    if (dropped > 0) logger.warn({ channel: 'whatsapp', dropped }, 'whatsapp: queued messages handed back to the outbox for retry');
    const delay = Math.min(opts.reconnectMaxMs, opts.reconnectMinMs * 2 ** failures);
    failures++;
    logger.info({ channel: 'whatsapp', delayMs: delay, attempt: failures }, `whatsapp: building a fresh client in ${Math.round(delay / 1000)} s`);
    reconnectTimer = timers.setTimeout(() => {
      reconnectTimer = undefined;
      // Chromium locks its profile (the session dir): the old browser must be gone first.
      void destroying.then(() => {
        if (running && client === undefined && reconnectTimer === undefined) connect();
      });
    }, delay);
  }

  function connect(): void {
    const gen = ++generation;
    if (state !== 'reconnecting') state = 'starting';
    qrShown = false;
    let c: WhatsAppClient;
    try {
      c = factory();
    } catch (err) {
      fail('client_build', describe(err), 'fix the WhatsApp settings (see README "WhatsApp channel"); retrying');
      return;
    }
    client = c;
    const live = () => gen === generation && running;

    const listeners: { [E in keyof WhatsAppClientEvents]: WhatsAppClientEvents[E] } = {
      qr: (code) => {
        if (!live()) return;
        state = 'qr';
        qr = code;
        // Waiting for a person to scan is not a failure: the ready timeout restarts after 'authenticated'.
        clearReadyTimer();
        if (!qrShown) {
          qrShown = true;
          logger.warn(
            { channel: 'whatsapp', sessionDir: opts.sessionDir },
            "whatsapp: this number is not linked yet — scan the QR with the city's phone (WhatsApp → Linked devices → Link a device)",
          );
        } else {
          logger.debug({ channel: 'whatsapp' }, 'whatsapp: login QR refreshed');
        }
        printQr?.(code);
      },
      authenticated: () => {
        if (!live()) return;
        qr = undefined;
        logger.info({ channel: 'whatsapp', sessionDir: opts.sessionDir }, 'whatsapp: session accepted; loading WhatsApp Web');
        armReadyTimer(gen);
      },
      auth_failure: (message) => {
        if (!live()) return;
        authFailures++;
        const hint =
          authFailures >= 3
            ? `authentication failed ${authFailures} times in a row: stop the app, delete ${opts.sessionDir} and scan a new QR`
            : `the saved session was rejected: scan the new QR; if this keeps happening delete ${opts.sessionDir}`;
        fail('auth_failure', `authentication failed (${message})`, hint);
      },
      ready: () => {
        if (!live()) return;
        clearReadyTimer();
        state = 'ready';
        qr = undefined;
        failures = 0;
        authFailures = 0;
        logger.info({ channel: 'whatsapp' }, 'whatsapp: ready — receiving and sending messages');
      },
      disconnected: (reason) => {
        if (!live()) return;
        fail('disconnected', `disconnected (${reason})`, disconnectHint(String(reason), opts.sessionDir));
      },
      message: (msg) => {
        if (!live()) return;
        onIncoming(c, msg);
      },
    };
    for (const [event, fn] of Object.entries(listeners)) c.on(event as keyof WhatsAppClientEvents, fn as never);
    detach = () => {
      for (const [event, fn] of Object.entries(listeners)) c.off(event as keyof WhatsAppClientEvents, fn as never);
    };

    armReadyTimer(gen);
    logger.info(
      { channel: 'whatsapp', sessionDir: opts.sessionDir, executablePath: opts.executablePath },
      'whatsapp: starting WhatsApp Web (restores the saved session, or prints a QR to scan)',
    );
    c.initialize().catch((err: unknown) => {
      if (!live()) return;
      fail(
        'initialize',
        `could not start WhatsApp Web: ${describe(err)}`,
        `check that Chromium exists at ${opts.executablePath} (apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH) and that web.whatsapp.com is reachable`,
      );
    });
  }

  function onIncoming(c: WhatsAppClient, msg: WaMessage): void {
    const id = msg?.id?._serialized;
    const reason = ignoreReason(msg);
    if (reason) {
      logger.debug({ channel: 'whatsapp', id, reason }, 'whatsapp: message ignored');
      return;
    }
    if (!id) return;
    if (!seen.add(id)) {
      logger.debug({ channel: 'whatsapp', id }, 'whatsapp: duplicate delivery ignored');
      return;
    }
    // One message at a time per sender, so a photo and the text right after it keep their order.
    const key = msg.from;
    const previous = perSender.get(key) ?? Promise.resolve();
    const next = previous.then(() => deliver(c, msg, id));
    perSender.set(key, next);
    void next.finally(() => {
      if (perSender.get(key) === next) perSender.delete(key);
    });
  }

  async function deliver(c: WhatsAppClient, msg: WaMessage, id: string): Promise<void> {
    try {
      const sender = await senders.resolve(c, msg);
      const content = await readContent(msg, {
        mediaDir: opts.mediaDir,
        maxMediaBytes: opts.maxMediaBytes,
        logger,
        now: () => clock.now(),
      });
      const inbound: InboundMessage = {
        channel: 'whatsapp',
        externalId: id,
        sender,
        ...content,
        receivedAt: msg.timestamp ? new Date(msg.timestamp * 1000) : clock.now(),
      };
      if (!handler) return;
      await handOver(inbound);
    } catch (err) {
      logger.error({ err, channel: 'whatsapp', id }, 'whatsapp: handling an incoming message failed');
    }
  }

  /**
   * WhatsApp Web has no acknowledgement to withhold: a message the database cannot store now is kept here
   * and handed over again (1 s, doubling up to 30 s), holding this sender's later messages behind it.
   */
  async function handOver(inbound: InboundMessage): Promise<void> {
    let delay = 1_000;
    for (;;) {
      try {
        await handler!(inbound);
        if (lastError?.startsWith('storage unavailable')) lastError = undefined;
        return;
      } catch (err) {
        if (!(err instanceof StorageUnavailableError) || !running || !handler) throw err;
        lastError = `storage unavailable: ${err.message}`;
        logger.error({ channel: 'whatsapp', id: inbound.externalId, retryInMs: delay },
          'whatsapp: database cannot store the message; keeping it and retrying (a restart before then loses it: WhatsApp Web does not redeliver)');
        await new Promise<void>((resolve) => timers.setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }

  const sending: SendContext = {
    readyClient: () => (running && state === 'ready' ? client : undefined),
    notConnected,
    senders,
    logger,
    onFailure: (detail) => { lastError = `send: ${detail}`; },
  };

  const channel: WhatsAppChannel = {
    id: 'whatsapp',
    options: opts,

    async start(onMessage) {
      if (running) throw new Error('whatsapp: start() called twice; stop() the channel first');
      handler = onMessage;
      running = true;
      queue.open();
      failures = 0;
      authFailures = 0;
      state = 'starting';
      // Do not wait for 'ready': linking may need a person to scan a QR, and the app must start meanwhile.
      connect();
    },

    async send(message: OutboundMessage): Promise<SendResult> {
      if (!running || !client || state !== 'ready') throw notConnected();
      const chatId = toChatId(message.to);
      const steps = sendSteps(sending, chatId, message);
      if (steps.length === 0) throw new Error('whatsapp: nothing to send (no text, photo or location)');
      const ids = await queue.push(chatId, steps);
      const externalId = ids.find((x) => x !== undefined);
      return externalId ? { externalId } : {};
    },

    async stop() {
      if (!running) return;
      running = false;
      if (reconnectTimer !== undefined) timers.clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      queue.close(() => new TransientSendError('whatsapp: channel stopping; the outbox will retry after restart'));
      dropClient();
      state = 'disconnected';
      // Let messages already being handled finish before the app closes the store.
      await Promise.allSettled([...perSender.values()]);
      await destroying;
      logger.info({ channel: 'whatsapp' }, 'whatsapp: stopped');
    },

    health(): ChannelHealth {
      const details: Record<string, unknown> = { state, queueLength: queue.length };
      if (qr && state === 'qr') details.qr = qr;
      if (failures > 0) details.reconnectAttempts = failures;
      const health: ChannelHealth = { channel: 'whatsapp', enabled: true, connected: state === 'ready', details };
      if (lastError) health.lastError = lastError;
      return health;
    },

    currentQr: () => (state === 'qr' ? qr : undefined),
    state: () => state,
  };
  return channel;
}
