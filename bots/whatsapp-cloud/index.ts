/**
 * The WhatsApp Business Cloud API citizen channel, behind the core's Channel
 * port. Plain fetch over the Graph API (./graph.ts): this channel needs three
 * calls, and owning them keeps Meta's error codes in our hands for the outbox.
 *
 * Inbound arrives by webhook (web/routes/whatsapp-webhook.ts checks the
 * signature and hands the body to handleWebhook; Meta gets its 200 once the
 * messages are recorded, or after a short cap). Each message is processed once: an in-memory
 * set catches Meta's quick redeliveries before anything is downloaded, and
 * the engine's (channel, message id) record catches the rest, even across
 * restarts. Messages of one citizen are handled one at a time, in order.
 *
 * Outbound goes to POST /{phone-number-id}/messages; the outbox decides
 * whether the 24-hour window allows free text (freeFormWindowMs) and fills a
 * template when it does not. Failures become the errors the outbox knows:
 * TransientSendError (with a pause for throughput limits), WindowClosedError
 * (131047), or a plain Error (final, with Meta's code and title).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  StorageUnavailableError, TransientSendError, WindowClosedError, systemClock, type Channel, type ChannelHealth, type Clock, type DeliveryReport,
  type InboundHandler, type InboundMessage, type Logger, type OutboundMessage, type SendResult,
} from '../../core/ports.js';
import { RecentIds } from '../whatsapp/recent-ids.js';
import { GraphError } from './errors.js';
import { GraphClient } from './graph.js';
import { parseWebhook, type CloudInbound } from './inbound.js';
import { fetchPhoto } from './media.js';
import { recipientOf, renderParts, type MessageBody, type SendPart } from './outbound.js';

/** WhatsApp's customer service window: free text only this long after the citizen's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 3_600_000;

export interface WhatsAppCloudOptions {
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  graphUrl: string;
  graphVersion: string;
  mediaDir: string;
  maxMediaBytes: number;
  timeoutMs?: number;
  /** Text of the button that opens a list of choices (prompts/whatsapp-templates.yaml). */
  listButton?: () => string;
}

export interface WhatsAppCloudDeps {
  logger: Logger;
  clock?: Clock;
  /** Whether the engine already processed this message id (a redelivery after a restart). */
  alreadyProcessed?: (externalId: string) => Promise<boolean>;
  /** Records a delivery status on its outbox row; false when no row has that message id (yet). */
  onReport?: (report: DeliveryReport) => Promise<boolean>;
  fetch?: typeof fetch;
}

/** What the webhook route needs from the channel. */
export interface WhatsAppWebhookTarget {
  readonly webhookSecrets: { appSecret: string; verifyToken: string };
  /**
   * Takes a signature-checked webhook body. Resolves when its messages have been handed to the engine
   * (recorded); the route answers Meta after that or after a short cap, whichever comes first.
   */
  handleWebhook(payload: unknown): Promise<void>;
}

export type WhatsAppCloudChannel = Channel & WhatsAppWebhookTarget & {
  readonly mode: 'cloud';
  /** Resolves when every webhook message received so far has been handed to the engine (tests, shutdown). */
  idle(): Promise<void>;
};

const MIME_BY_EXT: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp' };
/** Meta's limit for an uploaded image. */
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export function createWhatsAppCloudChannel(options: WhatsAppCloudOptions, deps: WhatsAppCloudDeps): WhatsAppCloudChannel {
  const { logger } = deps;
  const clock = deps.clock ?? systemClock;
  const graph = new GraphClient({
    baseUrl: options.graphUrl, version: options.graphVersion, accessToken: options.accessToken,
    timeoutMs: options.timeoutMs ?? 15_000, ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const seen = new RecentIds(20_000);
  const perSender = new Map<string, Promise<void>>();
  const pendingReports = new Set<NodeJS.Timeout>();
  let handler: InboundHandler | undefined;
  let running = false;
  let authProblem: string | undefined;
  let lastError: string | undefined;
  let lastWebhookAt: string | undefined;
  let verifiedName: string | undefined;

  function enqueue(key: string, job: () => Promise<void>): Promise<void> {
    const previous = perSender.get(key) ?? Promise.resolve();
    const next = previous.then(job, job);
    perSender.set(key, next);
    const done = (): void => {
      if (perSender.get(key) === next) perSender.delete(key);
    };
    // The caller sees a refusal; this bookkeeping branch must not become an unhandled rejection.
    next.then(done, done);
    return next;
  }

  async function deliver(m: CloudInbound): Promise<void> {
    try {
      if (await deps.alreadyProcessed?.(m.externalId)) {
        logger.debug({ channel: 'whatsapp', id: m.externalId }, 'whatsapp cloud: redelivered message already processed');
        return;
      }
      const inbound: InboundMessage = { channel: 'whatsapp', externalId: m.externalId, sender: m.sender, receivedAt: m.receivedAt ?? clock.now() };
      if (m.text) inbound.text = m.text;
      if (m.choice) inbound.choice = m.choice;
      if (m.location) inbound.location = m.location;
      if (m.unsupported) inbound.media = { kind: m.unsupported };
      if (m.photo) {
        inbound.media = await fetchPhoto(m.photo.mediaId, m.photo.mimeType, {
          graph, phoneNumberId: options.phoneNumberId, mediaDir: options.mediaDir, maxBytes: options.maxMediaBytes, logger, now: () => clock.now(),
        });
      }
      await handler?.(inbound);
    } catch (err) {
      if (err instanceof StorageUnavailableError) {
        // Not recorded: let Meta deliver it again (the webhook answers 503) instead of losing it.
        seen.forget(m.externalId);
        logger.error({ err, channel: 'whatsapp', id: m.externalId }, 'whatsapp cloud: storage unavailable; message refused so Meta redelivers it');
        throw err;
      }
      logger.error({ err, channel: 'whatsapp', id: m.externalId }, 'whatsapp cloud: handling an incoming message failed');
    }
  }

  /** A status may arrive before the send that produced it was recorded: try again a few times. */
  async function report(r: DeliveryReport, attempt = 0): Promise<void> {
    let matched = false;
    try {
      matched = (await deps.onReport?.(r)) ?? true;
    } catch (err) {
      logger.error({ err, externalId: r.externalId }, 'whatsapp cloud: recording a delivery status failed');
      return;
    }
    if (matched) return;
    if (attempt >= 3 || !running) {
      logger.debug({ externalId: r.externalId, status: r.status }, 'whatsapp cloud: status for a message the outbox does not know (sent before this database, or part of a longer message)');
      return;
    }
    const t = setTimeout(() => {
      pendingReports.delete(t);
      void report(r, attempt + 1);
    }, 1_000 * (attempt + 1));
    t.unref();
    pendingReports.add(t);
  }

  async function upload(file: string): Promise<string> {
    const mime = MIME_BY_EXT[path.extname(file).toLowerCase()] ?? 'image/jpeg';
    const size = (await stat(file)).size;
    if (size > MAX_UPLOAD_BYTES) throw new Error(`whatsapp cloud: photo ${file} is ${size} bytes; WhatsApp accepts images up to 5 MB`);
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', mime);
    form.set('file', new Blob([await readFile(file)], { type: mime }), path.basename(file));
    const res = await graph.postForm<{ id?: string }>(`${options.phoneNumberId}/media`, form);
    if (!res.id) throw new Error('whatsapp cloud: the media upload answered without an id');
    return res.id;
  }

  async function post(recipient: { to: string } | { recipient: string }, body: MessageBody): Promise<string | undefined> {
    const res = await graph.post<{ messages?: { id?: string }[] }>(`${options.phoneNumberId}/messages`, {
      messaging_product: 'whatsapp', recipient_type: 'individual', ...recipient, ...body,
    });
    return res.messages?.[0]?.id;
  }

  async function sendPart(recipient: { to: string } | { recipient: string }, part: SendPart): Promise<string | undefined> {
    if (part.kind === 'body') return post(recipient, part.body);
    let id: string;
    try {
      id = await upload(part.path);
    } catch (err) {
      if (err instanceof GraphError) throw err;
      // The photo is gone or unusable: the text must still reach the citizen.
      logger.warn({ err, photoPath: part.path }, 'whatsapp cloud: photo to send is missing or unusable; sending the text alone');
      return part.caption ? await post(recipient, { type: 'text', text: { body: part.caption, preview_url: false } }) : undefined;
    }
    return post(recipient, { type: 'image', image: { id, ...(part.caption ? { caption: part.caption } : {}) } });
  }

  /** Turns a Graph failure into what the outbox understands. */
  function translate(err: unknown): Error {
    if (!(err instanceof GraphError)) return err instanceof Error ? err : new Error(String(err));
    lastError = err.message;
    switch (err.kind) {
      case 'window':
        return new WindowClosedError(err.message, { cause: err });
      case 'throttle':
        return new TransientSendError(err.message, err.retryAfterMs ?? 1_000, { cause: err });
      case 'transient':
        return new TransientSendError(err.message, undefined, { cause: err });
      case 'auth':
        // Every send would fail the same way: stop sending (rows wait, no attempts spent) until the token is fixed.
        authProblem = err.message;
        logger.error({ channel: 'whatsapp', code: err.code }, `whatsapp cloud: ${err.message}`);
        return new TransientSendError(err.message, undefined, { cause: err });
      default:
        return err;
    }
  }

  const channel: WhatsAppCloudChannel = {
    id: 'whatsapp',
    mode: 'cloud',
    freeFormWindowMs: WHATSAPP_WINDOW_MS,
    webhookSecrets: { appSecret: options.appSecret, verifyToken: options.verifyToken },

    async start(onMessage) {
      handler = onMessage;
      running = true;
      // Check the number and token now, so a typo shows in the start-up log rather than at the first reply.
      graph.get<{ verified_name?: string; display_phone_number?: string }>(`${options.phoneNumberId}?fields=verified_name,display_phone_number`)
        .then((info) => {
          verifiedName = info.verified_name;
          logger.info({ channel: 'whatsapp', number: info.display_phone_number, name: info.verified_name }, 'whatsapp cloud: business number verified');
        }, (err: unknown) => {
          if (err instanceof GraphError && err.kind === 'auth') authProblem = err.message;
          lastError = (err as Error).message;
          logger.error({ channel: 'whatsapp', err: (err as Error).message }, 'whatsapp cloud: could not check the business number; check WHATSAPP_CLOUD_PHONE_NUMBER_ID and WHATSAPP_CLOUD_ACCESS_TOKEN');
        });
    },

    handleWebhook(payload) {
      lastWebhookAt = clock.now().toISOString();
      const parsed = parseWebhook(payload, options.phoneNumberId);
      if (parsed.ignored) logger.debug({ ignored: parsed.ignored }, 'whatsapp cloud: webhook items not for this number or not messages');
      for (const s of parsed.statuses) void report(s);
      const jobs: Promise<void>[] = [];
      for (const m of parsed.messages) {
        if (!seen.add(m.externalId)) {
          logger.debug({ channel: 'whatsapp', id: m.externalId }, 'whatsapp cloud: duplicate delivery ignored');
          continue;
        }
        jobs.push(enqueue(m.sender.address, () => deliver(m)));
      }
      return Promise.allSettled(jobs).then((results) => {
        const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && r.reason instanceof StorageUnavailableError);
        if (refused) throw refused.reason;
      });
    },

    async send(message: OutboundMessage): Promise<SendResult> {
      const recipient = recipientOf(message.to);
      const parts = renderParts(message, { listButton: options.listButton?.() ?? 'Pilih' });
      if (parts.length === 0) throw new Error('whatsapp cloud: nothing to send (no text, photo, location or template)');
      let first: string | undefined;
      for (const part of parts) {
        try {
          const id = await sendPart(recipient, part);
          first ??= id;
        } catch (err) {
          throw translate(err);
        }
      }
      lastError = undefined;
      return first ? { externalId: first } : {};
    },

    async idle() {
      while (perSender.size > 0) await Promise.allSettled([...perSender.values()]);
    },

    async stop() {
      running = false;
      for (const t of pendingReports) clearTimeout(t);
      pendingReports.clear();
      await channel.idle();
    },

    health(): ChannelHealth {
      const state = authProblem ? 'token_rejected' : running ? 'ready' : 'stopped';
      const details: Record<string, unknown> = { mode: 'cloud', state, phoneNumberId: options.phoneNumberId };
      if (verifiedName) details.verifiedName = verifiedName;
      if (lastWebhookAt) details.lastWebhookAt = lastWebhookAt;
      const h: ChannelHealth = { channel: 'whatsapp', enabled: true, connected: running && !authProblem };
      h.details = details;
      const problem = authProblem ?? lastError;
      if (problem) h.lastError = problem;
      return h;
    },
  };
  return channel;
}
