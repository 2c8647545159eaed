/**
 * `npm start` (app/main.ts in its own process) in Telegram webhook mode with
 * the command centre off: the webhook-only listener serves /webhooks/telegram,
 * the log says which mode is on, the bot never polls, a citizen's message
 * posted by the fake Telegram is answered, and stopping leaves the webhook registered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempWorkspace } from '../support/app.js';
import { FakeBotApi } from './fake-bot-api.js';
import { TOKEN, WEBHOOK_SECRET, WEBHOOK_URL } from './harness.js';

let child: ChildProcess | undefined;
let fake: FakeBotApi | undefined;
let dir: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Starts app/main.ts and resolves with the webhook listener's base URL from its start-up log. */
function start(env: Record<string, string>): Promise<{ url: string; log: string[] }> {
  const ws = tempWorkspace();
  dir = ws.dir;
  const log: string[] = [];
  child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
    env: {
      ...process.env, DATABASE_PATH: ws.dbPath, PROMPTS_DIR: ws.promptsDir, MEDIA_DIR: `${ws.dir}/media`, HOST: '127.0.0.1', PORT: '0',
      LOG_LEVEL: 'info', LOG_FORMAT: 'json', PROMPTS_WATCH: 'false', OUTBOX_POLL_MS: '100', WHATSAPP_ENABLED: 'false', ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child!.stderr!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        log.push(line);
        try {
          const entry = JSON.parse(line) as { msg?: string; url?: string };
          if (entry.msg?.startsWith('Telegram webhook listening') && entry.url) resolve({ url: entry.url.replace(/\/webhooks\/telegram$/, ''), log });
        } catch { /* not a log line */ }
      }
    });
    child!.once('exit', (code) => reject(new Error(`app/main.ts exited with ${code}:\n${log.join('\n')}${buffer}`)));
  });
}

describe('npm start with TELEGRAM_WEBHOOK_URL and the command centre off', () => {
  it('serves the webhook on PORT, says it is in webhook mode, answers a citizen and never polls', async () => {
    fake = new FakeBotApi(TOKEN);
    await fake.start();
    const { url, log } = await start({
      TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, TELEGRAM_WEBHOOK_URL: WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET, WEB_ENABLED: 'false',
    });
    expect(log.some((l) => l.includes('channel telegram: on') && l.includes('webhook mode'))).toBe(true);
    expect(fake.hook.registered).toMatchObject({ url: WEBHOOK_URL, secretToken: WEBHOOK_SECRET });
    expect((await fetch(`${url}/`)).status).toBe(404);

    fake.hook.forwardTo(url);
    const rina = { id: 6101, first_name: 'Rina' };
    const id = fake.privateText(rina, 'halo');
    await fake.handled(id, 15_000);
    await vi.waitFor(() => expect(fake!.textsTo(rina.id).join('\n')).toContain('SuaraWarga'), { timeout: 15_000 });
    expect(fake.callsOf('getUpdates')).toEqual([]);

    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGTERM');
    await exited;
    expect(fake.callsOf('deleteWebhook')).toEqual([]);
  }, 60_000);
});
