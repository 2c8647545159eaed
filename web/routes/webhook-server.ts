/**
 * The webhooks alone on HOST:PORT, for a deployment that turned the dashboard
 * off (WEB_ENABLED=false) but still needs Meta (WhatsApp Cloud API) or
 * Telegram (webhook mode) to reach it. Each route answers 404 while its
 * channel is not in webhook mode.
 */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Channel, Logger } from '../../core/ports.js';
import { telegramWebhookRoutes } from './telegram-webhook.js';
import { whatsappWebhookRoutes } from './whatsapp-webhook.js';

export async function startWebhookServer(
  deps: { channels: ReadonlyMap<string, Channel>; logger: Logger },
  opts: { host: string; port: number },
): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Hono();
  app.route('/webhooks/whatsapp', whatsappWebhookRoutes(deps));
  app.route('/webhooks/telegram', telegramWebhookRoutes(deps));
  app.get('/healthz', (c) => c.json({ ok: true }));
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, () => resolve(s as Server));
    (s as Server).once('error', reject);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  return {
    url,
    close: () => new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    }),
  };
}
