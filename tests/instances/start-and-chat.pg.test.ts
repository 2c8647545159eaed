/**
 * DATABASE_URL=postgres://… runs the service and the console chat end to end:
 * `npm start` (app/main.ts in its own process) migrates an empty PostgreSQL
 * database, serves /readyz saying it leads, and stops cleanly; a piped
 * `npm run chat` files a complaint that the store then reads back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../../store/postgres/index.js';
import { tempWorkspace } from '../support/app.js';
import { createTestDatabase, dropTestDatabase, skipPostgres } from '../support/postgres.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function workspace(): Promise<{ env: Record<string, string>; url: string }> {
  const ws = tempWorkspace();
  const url = await createTestDatabase();
  cleanups.push(() => rmSync(ws.dir, { recursive: true, force: true }), () => dropTestDatabase(url));
  return {
    url,
    env: {
      DATABASE_URL: url, DATABASE_PATH: join(ws.dir, 'not-used.db'), PROMPTS_DIR: ws.promptsDir, MEDIA_DIR: join(ws.dir, 'media'),
      HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', LOG_FORMAT: 'json', PROMPTS_WATCH: 'false', WHATSAPP_ENABLED: 'false',
      TELEGRAM_BOT_TOKEN: '', OUTBOX_POLL_MS: '100',
    },
  };
}

function stopped(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (code) => r(code)));
}

describe.skipIf(skipPostgres())('the service on PostgreSQL (DATABASE_URL)', () => {
  it('npm start migrates an empty database, is ready, leads, and stops cleanly', async () => {
    const { env } = await workspace();
    const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    cleanups.push(async () => { if (child.exitCode === null) { child.kill('SIGKILL'); await stopped(child); } });
    const log: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          log.push(line);
          try {
            const entry = JSON.parse(line) as { msg?: string; url?: string };
            if (entry.msg?.startsWith('command centre') && entry.url) resolve(entry.url);
          } catch { /* not a log line */ }
        }
      });
      child.once('exit', (code) => reject(new Error(`app/main.ts exited with ${code}:\n${log.join('\n')}`)));
    });
    expect(log.join('\n')).toMatch(/"database":"postgres 127\.0\.0\.1:\d+\/[^"]+"/);
    const ready = await fetch(`${url}/readyz`);
    const body = await ready.json() as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] };
    expect(ready.status).toBe(200);
    expect(body.checks.find((c) => c.name === 'database')).toMatchObject({ ok: true });
    expect(body.checks.find((c) => c.name === 'leader')?.detail).toMatch(/^this instance leads/);
    child.kill('SIGTERM');
    expect(await stopped(child)).toBe(0);
  });

  it('a piped npm run chat files the complaint in PostgreSQL', async () => {
    const { env, url } = await workspace();
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/chat.ts'], { env: { ...process.env, ...env, CHAT_USER: 'budi', WEB_ENABLED: 'false' }, stdio: ['pipe', 'pipe', 'pipe'] });
    cleanups.push(async () => { if (child.exitCode === null) { child.kill('SIGKILL'); await stopped(child); } });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdin!.end('halo\nsampah numpuk di jln sudirman dkt pasar udh seminggu\nlewati\nya\nlaporan saya\n');
    expect(await stopped(child), err).toBe(0);
    expect(out).toMatch(/BM-0001/);
    const store = await createPostgresStore(url);
    try {
      const tickets = await store.tickets.list({});
      expect(tickets).toHaveLength(1);
      expect(tickets[0]).toMatchObject({ number: 'BM-0001', category: 'sampah', state: 'diteruskan' });
    } finally {
      await store.close();
    }
  });
});
