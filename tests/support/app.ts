/**
 * Builds the real app (SQLite file on disk, real prompts, real engine and
 * outbox) in a fresh temporary folder, with an in-memory citizen channel and
 * a controllable clock. Used by flow tests: a citizen says X, they receive Y.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App, type AppOverrides } from '../../app/build.js';
import { loadConfig } from '../../app/config.js';
import { createLogger } from '../../adapters/logging/logger.js';
import { MemoryChannel } from '../../bots/memory/channel.js';
import type { Clock } from '../../core/ports.js';
import type { DatabaseStore, SqliteStore } from '../../store/index.js';

export class FakeClock implements Clock {
  constructor(private t = new Date('2026-11-23T02:00:00Z')) {} // Monday 10:00 WITA
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
  set(iso: string): void {
    this.t = new Date(iso);
  }
}

export interface TestApp {
  app: App;
  channel: MemoryChannel;
  clock: FakeClock;
  dir: string;
  /** A citizen sends a text (or a pin/photo) and the outbox delivers every reply. */
  say(from: string, text: string | undefined, extra?: Parameters<MemoryChannel['receive']>[2]): Promise<string[]>;
  /** Everything delivered to a citizen so far. */
  inbox(from: string): string[];
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A temp folder holding a copy of prompts/ and the database. */
export function tempWorkspace(): { dir: string; promptsDir: string; dbPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'suarawarga-'));
  const promptsDir = join(dir, 'prompts');
  cpSync('prompts', promptsDir, { recursive: true });
  return { dir, promptsDir, dbPath: join(dir, 'suarawarga.db') };
}

export async function createTestApp(opts: { env?: Record<string, string>; overrides?: AppOverrides; dir?: string } = {}): Promise<TestApp> {
  const ws = opts.dir ? { dir: opts.dir, promptsDir: join(opts.dir, 'prompts'), dbPath: join(opts.dir, 'suarawarga.db') } : tempWorkspace();
  const clock = new FakeClock();
  const config = loadConfig({
    DATABASE_PATH: ws.dbPath, PROMPTS_DIR: ws.promptsDir, MEDIA_DIR: join(ws.dir, 'media'), PROMPTS_WATCH: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', WEB_ENABLED: 'false', ...opts.env,
  });
  const logger = createLogger(config.LOG_LEVEL);
  let channel = new MemoryChannel();
  let app = await buildApp(config, { clock, logger, runWorker: false, ...opts.overrides });
  app.addChannel(channel);
  await app.start();

  const t: TestApp = {
    get app() { return app; },
    get channel() { return channel; },
    clock,
    dir: ws.dir,
    async say(from, text, extra) {
      const before = channel.sent.length;
      await channel.receive(from, text, extra);
      await app.worker.drain();
      return channel.sent.slice(before).filter((m) => m.to === from).map((m) => m.text);
    },
    inbox: (from) => channel.textsTo(from),
    async restart() {
      await app.stop();
      const sent = channel.sent;
      channel = new MemoryChannel();
      channel.sent.push(...sent);
      app = (await buildApp(config, { clock, logger, runWorker: false, ...opts.overrides }));
      app.addChannel(channel);
      await app.start();
    },
    async close() {
      await app.stop();
      rmSync(ws.dir, { recursive: true, force: true });
    },
  } as TestApp;
  return t;
}

/**
 * The SQLite connection under a test app, for the older tests that inspect tables directly.
 * New tests read through the store's ports (see tests/store/, run on both databases).
 */
export function sqliteDb(store: DatabaseStore): SqliteStore['db'] {
  if (store.kind !== 'sqlite') throw new Error('this test reads SQLite tables directly; run it without DATABASE_URL');
  return (store as SqliteStore).db;
}
