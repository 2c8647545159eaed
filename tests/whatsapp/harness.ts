/** Builds a WhatsApp channel wired to fakes, for the behaviour tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InboundMessage } from '../../core/ports.js';
import { createWhatsAppChannel, type WhatsAppChannel, type WhatsAppOptions } from '../../bots/whatsapp/index.js';
import { FakeWhatsAppClient, ManualTimers, RecordingLogger, settle } from './fakes.js';

export interface Harness {
  channel: WhatsAppChannel;
  timers: ManualTimers;
  logger: RecordingLogger;
  /** Every client the channel built, oldest first. */
  clients: FakeWhatsAppClient[];
  /** The newest client. */
  readonly client: FakeWhatsAppClient;
  /** Messages the engine received. */
  inbound: InboundMessage[];
  qrs: string[];
  mediaDir: string;
  sessionDir: string;
  /** Starts the channel and links it (restored session → ready). */
  startReady(): Promise<void>;
  cleanup(): Promise<void>;
}

export function makeHarness(overrides: Partial<WhatsAppOptions> = {}, random = () => 0.5): Harness {
  const dir = mkdtempSync(path.join(tmpdir(), 'sw-wa-'));
  const timers = new ManualTimers();
  const logger = new RecordingLogger();
  const clients: FakeWhatsAppClient[] = [];
  const inbound: InboundMessage[] = [];
  const qrs: string[] = [];
  const mediaDir = path.join(dir, 'media');
  const sessionDir = path.join(dir, 'session');
  const channel = createWhatsAppChannel(
    {
      sessionDir,
      mediaDir,
      executablePath: '/usr/bin/chromium',
      maxMediaBytes: 5 * 1024 * 1024,
      minGapMs: 1500,
      jitterMs: 1500,
      readyTimeoutMs: 120_000,
      reconnectMinMs: 5_000,
      reconnectMaxMs: 60_000,
      printQr: (qr) => qrs.push(qr),
      clientFactory: () => {
        const client = new FakeWhatsAppClient(() => timers.now);
        clients.push(client);
        return client;
      },
      ...overrides,
    },
    { logger, clock: timers.clock, timers, random },
  );
  const h: Harness = {
    channel,
    timers,
    logger,
    clients,
    get client() {
      const last = clients[clients.length - 1];
      if (!last) throw new Error('no client built yet');
      return last;
    },
    inbound,
    qrs,
    mediaDir,
    sessionDir,
    async startReady() {
      await channel.start(async (m) => {
        inbound.push(m);
      });
      h.client.becomeReady();
      await settle();
    },
    async cleanup() {
      const stopping = channel.stop();
      await timers.advance(60_000);
      await stopping;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
