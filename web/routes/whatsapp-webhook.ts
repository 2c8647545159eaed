/**
 * The WhatsApp Business Cloud API webhook at /webhooks/whatsapp, on the
 * command centre's port (or on the webhook-only server, webhook-server.ts,
 * when the dashboard is off).
 *
 * GET answers Meta's verification handshake. POST accepts only bodies signed
 * by Meta: X-Hub-Signature-256 is HMAC-SHA256 of the raw bytes with the app
 * secret, compared in constant time; a missing signature is 401, a wrong one
 * 403, and nothing of either is processed. A signed body is handed to the
 * channel and answered 200 as soon as its messages are recorded. When that
 * takes longer than ACK_WITHIN_MS the answer is 503 and the work goes on:
 * Meta delivers the webhook again later, and the channel processes each
 * message id once, so nothing acknowledged can be lost with this process.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { StorageUnavailableError, type Channel, type Logger } from '../../core/ports.js';

/** Meta's webhook bodies are a few kilobytes; anything near this is not from Meta. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;
/**
 * The answer waits for the messages to be recorded (so a crash before that leaves them unanswered and
 * Meta delivers them again), but never longer than this: Meta wants a quick answer, and a 503 after this
 * long only makes it deliver again (a 200 before the messages are stored could lose them in a crash).
 */
export const ACK_WITHIN_MS = 3_000;

/** What the route needs from the Cloud API channel (bots/whatsapp-cloud implements it). */
interface WebhookTarget {
  readonly webhookSecrets: { appSecret: string; verifyToken: string };
  handleWebhook(payload: unknown): Promise<void>;
}

export interface WebhookDeps {
  channels: ReadonlyMap<string, Channel>;
  logger: Logger;
}

function targetOf(channels: ReadonlyMap<string, Channel>): WebhookTarget | undefined {
  const c = channels.get('whatsapp') as Partial<WebhookTarget> | undefined;
  return c && typeof c.handleWebhook === 'function' && c.webhookSecrets ? (c as WebhookTarget) : undefined;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether `header` (sha256=<hex>) is the HMAC-SHA256 of the raw body with the app secret. */
export function validSignature(raw: Uint8Array, header: string, appSecret: string): boolean {
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!m) return false;
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return timingSafeEqual(expected, Buffer.from(m[1]!, 'hex'));
}

/** The /webhooks/whatsapp routes; answers 404 while the Cloud API channel is off. */
export function whatsappWebhookRoutes(deps: WebhookDeps): Hono {
  const { logger } = deps;
  const routes = new Hono();

  routes.get('/', (c) => {
    const target = targetOf(deps.channels);
    if (!target) return c.text('the WhatsApp Cloud API channel is off', 404);
    const mode = c.req.query('hub.mode');
    const token = c.req.query('hub.verify_token') ?? '';
    const challenge = c.req.query('hub.challenge') ?? '';
    if (mode === 'subscribe' && sameText(token, target.webhookSecrets.verifyToken)) {
      logger.info('whatsapp cloud: webhook verified by Meta');
      return c.text(challenge, 200);
    }
    logger.warn({ mode }, 'whatsapp cloud: webhook verification refused (hub.verify_token does not match WHATSAPP_CLOUD_VERIFY_TOKEN)');
    return c.text('verification refused', 403);
  });

  routes.post('/', bodyLimit({
    maxSize: MAX_WEBHOOK_BYTES,
    onError: (c) => {
      logger.warn('whatsapp cloud: webhook body over 1 MB refused');
      return c.text('payload too large', 413);
    },
  }), async (c) => {
    const target = targetOf(deps.channels);
    if (!target) return c.text('the WhatsApp Cloud API channel is off', 404);
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const signature = c.req.header('x-hub-signature-256');
    if (!signature) {
      logger.warn('whatsapp cloud: webhook without X-Hub-Signature-256 refused (not from Meta)');
      return c.text('signature required', 401);
    }
    if (!validSignature(raw, signature, target.webhookSecrets.appSecret)) {
      logger.warn('whatsapp cloud: webhook with a wrong signature refused; if every delivery fails, check WHATSAPP_CLOUD_APP_SECRET');
      return c.text('signature does not match', 403);
    }
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(raw).toString('utf8'));
    } catch {
      logger.warn('whatsapp cloud: signed webhook body is not JSON; ignored');
      return c.text('body is not JSON', 400);
    }
    let cap: NodeJS.Timeout | undefined;
    let refused = false;
    let done = false;
    await Promise.race([
      target.handleWebhook(payload).then(() => { done = true; }, (err: unknown) => {
        done = true;
        // Database locked or disk full: a 5xx makes Meta deliver the webhook again later.
        if (err instanceof StorageUnavailableError) refused = true;
        else logger.error({ err }, 'whatsapp cloud: handling a webhook failed');
      }),
      new Promise<void>((r) => { cap = setTimeout(r, ACK_WITHIN_MS); }),
    ]);
    clearTimeout(cap);
    if (refused) return c.text('storage unavailable, deliver again later', 503);
    if (!done) {
      logger.warn({ waitedMs: ACK_WITHIN_MS }, 'whatsapp cloud: a webhook is taking long to store; answered 503 so Meta delivers it again (it is processed once)');
      return c.text('still storing, deliver again later', 503);
    }
    return c.text('EVENT_RECEIVED', 200);
  });

  return routes;
}
