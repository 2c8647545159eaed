/**
 * The console chat README offers for trying the whole loop: two terminals
 * chatting as two citizens each see only their own messages, /foto stores the
 * photo under MEDIA_DIR, and a running chat picks up prompt edits.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app/build.js';
import { loadConfig } from '../../app/config.js';
import { createLogger } from '../../adapters/logging/logger.js';
import { ConsoleChannel } from '../../bots/console/channel.js';
import { FakeClock, tempWorkspace } from '../support/app.js';

/** One `npm run chat` terminal, in process: its own app on the shared database, its own input and output. */
interface Terminal { app: App; input: PassThrough; out: () => string; chat: ConsoleChannel }

const apps: App[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function workspace() {
  const ws = tempWorkspace();
  dirs.push(ws.dir);
  return ws;
}

async function terminal(ws: ReturnType<typeof tempWorkspace>, clock: FakeClock, user: string): Promise<Terminal> {
  const config = loadConfig({ DATABASE_PATH: ws.dbPath, PROMPTS_DIR: ws.promptsDir, MEDIA_DIR: join(ws.dir, 'media'), PROMPTS_WATCH: 'false', LOG_LEVEL: 'silent', WEB_ENABLED: 'false' });
  const app = await buildApp(config, { clock, logger: createLogger('silent'), runWorker: false });
  apps.push(app);
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d: Buffer) => { text += d.toString(); });
  const chat = new ConsoleChannel({ input, output, user, mediaDir: config.MEDIA_DIR });
  app.addChannel(chat);
  await chat.start((m) => app.receive(m));
  return { app, input, chat, out: () => text };
}

/** Types a line and waits until the terminal has handled it. */
async function type(term: Terminal, line: string): Promise<void> {
  const before = await term.app.store.messages.countInbound();
  term.input.write(`${line}\n`);
  while ((await term.app.store.messages.countInbound()) === before) await new Promise((r) => setImmediate(r));
  await term.app.worker.drain();
}

describe('the console chat', () => {
  it('two terminals chatting as two citizens each print only their own citizen\'s messages', async () => {
    const ws = workspace();
    const clock = new FakeClock();
    const ani = await terminal(ws, clock, 'ani');
    const budi = await terminal(ws, clock, 'budi');
    await type(ani, 'sampah numpuk di jalan sudirman dekat pasar udah seminggu');
    await type(ani, 'lewati');
    await type(ani, 'ya');
    expect(ani.out()).toContain('bot> Nomor laporan: *BM-0001*');

    await ani.app.tickets.act('BM-0001', 'ambil', { actor: { type: 'staff', id: '1', name: 'Rina' } });
    // Budi's terminal tries first: the update is not his, so it is left for Ani's terminal.
    await budi.app.worker.drain();
    clock.advance(5_000);
    await ani.app.worker.drain();
    expect(ani.out()).toContain('sedang ditangani');
    expect(budi.out()).not.toContain('BM-0001');
  });

  it('/foto copies the photo under MEDIA_DIR, so the ticket keeps it', async () => {
    const ws = workspace();
    const ani = await terminal(ws, new FakeClock(), 'ani');
    const original = join(ws.dir, 'kiriman.jpg');
    writeFileSync(original, Buffer.alloc(1234, 1));
    await type(ani, 'jalan berlubang besar di jalan gajah mada');
    await type(ani, `/foto ${original}`);
    await type(ani, 'ya');
    const ticket = (await ani.app.store.tickets.getByNumber('BM-0001'))!;
    const [media] = await ani.app.store.tickets.media(ticket.id);
    expect(media!.path.startsWith(join(ws.dir, 'media'))).toBe(true);
    expect(existsSync(media!.path)).toBe(true);
  });

  it('a missing /foto file is said in the terminal and nothing is sent', async () => {
    const ws = workspace();
    const ani = await terminal(ws, new FakeClock(), 'ani');
    ani.input.write('/foto /tidak/ada.jpg\n');
    await type(ani, 'halo');
    expect(ani.out()).toContain('tidak ditemukan');
    expect(await ani.app.store.messages.countInbound()).toBe(1);
  });

  it('a running `npm run chat` applies an edit of prompts/replies.yaml', async () => {
    const ws = workspace();
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/chat.ts'], {
      env: { ...process.env, DATABASE_PATH: ws.dbPath, PROMPTS_DIR: ws.promptsDir, MEDIA_DIR: join(ws.dir, 'media'), CHAT_USER: 'ani', WEB_ENABLED: 'false' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    const until = async (s: string) => { while (!out.includes(s)) await new Promise((r) => setTimeout(r, 50)); };
    try {
      child.stdin.write('halo\n');
      await until('selamat datang');
      const replies = join(ws.promptsDir, 'replies.yaml');
      writeFileSync(replies, readFileSync(replies, 'utf8').replace('Halo, selamat datang di', 'Salam hangat dari'));
      // The watcher applies the edit shortly after the save; keep greeting until the new text answers.
      while (!out.includes('Salam hangat dari')) {
        child.stdin.write('halo\n');
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(out).toContain('bot> Salam hangat dari *SuaraWarga Kota Bima*');
    } finally {
      child.stdin.end();
      child.kill();
    }
  }, 60_000);
});
