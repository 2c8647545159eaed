/**
 * The service as `npm start` runs it (app/main.ts in its own process), with
 * the four Cloud API variables set and WHATSAPP_GRAPH_URL pointing at the fake
 * Graph server: Meta's handshake, a refused unsigned post, and a citizen
 * carried from a signed text webhook to a filed ticket, with every webhook
 * delivered twice and every reply sent once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempWorkspace } from '../support/app.js';
import { until } from '../whatsapp/fakes.js';
import { buttonReply, FakeGraph, postWebhook, text, VERIFY_TOKEN } from './fake-graph.js';
import { cloudEnv } from './harness.js';

let child: ChildProcess | undefined;
let graph: FakeGraph | undefined;
let dir: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await graph?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Starts app/main.ts and resolves with the command centre's URL from its start-up log. */
async function start(env: Record<string, string>): Promise<{ url: string; log: string[] }> {
  const ws = tempWorkspace();
  dir = ws.dir;
  env = {
    DATABASE_PATH: ws.dbPath, PROMPTS_DIR: ws.promptsDir, MEDIA_DIR: `${ws.dir}/media`, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info',
    PROMPTS_WATCH: 'false', OUTBOX_POLL_MS: '100', TELEGRAM_BOT_TOKEN: '', WHATSAPP_ENABLED: 'false', ...env,
  };
  const log: string[] = [];
  child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
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
          if (entry.msg === 'command centre listening' && entry.url) resolve({ url: entry.url, log });
          if (entry.msg?.startsWith('WhatsApp webhook listening') && entry.url) resolve({ url: entry.url.replace(/\/webhooks\/whatsapp$/, ''), log });
        } catch { /* not a log line */ }
      }
    });
    child!.once('exit', (code) => reject(new Error(`app/main.ts exited with ${code}:\n${log.join('\n')}${buffer}`)));
  });
}

describe('npm start with the WhatsApp Cloud API configured', () => {
  it('verifies the webhook, refuses unsigned posts and files a citizen\'s complaint, replying once per message', async () => {
    graph = await new FakeGraph().start();
    const { url, log } = await start(cloudEnv(graph.url));
    expect(log.some((l) => l.includes('channel whatsapp: on (Business Cloud API)'))).toBe(true);

    const handshake = await fetch(`${url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=8461203`);
    expect([handshake.status, await handshake.text()]).toEqual([200, '8461203']);
    expect((await postWebhook(url, text({ waId: '6281299990000' }, 'halo'), { signature: null })).status).toBe(401);

    const warga = { waId: '6281234567890', name: 'Siti' };
    const replies = () => graph!.to(warga.waId);
    /** Meta delivers each webhook twice; the citizen must get one answer. */
    const twice = async (payload: unknown) => {
      const n = replies().length;
      expect((await postWebhook(url, payload)).status).toBe(200);
      expect((await postWebhook(url, payload)).status).toBe(200);
      await until(() => replies().length > n, 15_000);
      return replies().slice(n);
    };
    await twice(text(warga, 'sampah numpuk di tps pasar raya belum diangkut seminggu'));
    await twice(text(warga, 'tps pasar raya dekat terminal'));
    const summary = await twice(text(warga, 'lewati'));
    await until(() => replies().some((m) => m.type === 'interactive'), 15_000);
    const confirm = replies().filter((m) => m.type === 'interactive').at(-1)!;
    expect(summary.length).toBeGreaterThan(0);
    await twice(buttonReply(warga, confirm.choiceIds[0]!));
    await until(() => replies().some((m) => m.text.includes('BM-0001')), 15_000);

    const texts = replies().map((m) => m.text);
    expect(texts.filter((t) => t.includes('BM-0001'))).toHaveLength(1);
    expect(new Set(texts).size).toBe(texts.length);
    expect(graph.calls.filter((c) => c.method === 'POST').every((c) => c.path === '/v24.0/109876543210987/messages')).toBe(true);
    // The unsigned post was never processed: nobody answered that number.
    expect(graph.to('6281299990000')).toHaveLength(0);
  }, 60_000);

  it('serves the webhook on PORT even with the command centre turned off', async () => {
    graph = await new FakeGraph().start();
    const { url } = await start({ ...cloudEnv(graph.url), WEB_ENABLED: 'false' });
    const handshake = await fetch(`${url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=42`);
    expect(await handshake.text()).toBe('42');
    expect((await fetch(`${url}/`)).status).toBe(404);
    expect((await postWebhook(url, text({ waId: '6281234567890' }, 'halo'))).status).toBe(200);
    await until(() => graph!.to('6281234567890').length > 0, 15_000);
  }, 60_000);
});
