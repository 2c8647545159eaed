/**
 * Request bodies are bounded on every route and refused with 413 before they
 * are read: four parallel 100 MB posts used to take the process to 1.25 GB.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMITS } from '../../web/middleware/body-limit.js';
import { type Client, startHarness, type WebHarness } from '../web/support.js';

let h: WebHarness;
let admin: Client;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.login('admin');
});
afterAll(async () => h.close());

/** Streams `bytes` without a Content-Length (chunked) and returns the status the server answers with. */
function chunkedPost(path: string, bytes: number, headers: Record<string, string> = {}): Promise<{ status: number; sent: number }> {
  const url = new URL(path, h.web.url);
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, sent });
      req.destroy();
    });
    req.on('error', (err) => (sent > 0 ? undefined : reject(err)));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('request body limits', () => {
  it('a 100 MB login post is refused with 413 from its Content-Length alone, before the body arrives', async () => {
    const url = new URL('/login', h.web.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(100 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('name=admin&password=x');
    });
    expect(status).toBe(413);
  });

  it('a chunked login body is cut off with 413 once it passes the limit, long before 100 MB', async () => {
    const r = await chunkedPost('/login', 100 * 1024 * 1024);
    expect(r.status).toBe(413);
    expect(r.sent).toBeLessThan(50 * 1024 * 1024);
  });

  it.each([
    ['/login', BODY_LIMITS.login],
    ['/api/tickets/1/act', BODY_LIMITS.other],
    ['/api/prompts/check', BODY_LIMITS.prompts],
  ])('%s accepts up to its limit and refuses more', async (path, limit) => {
    const over = await fetch(h.web.url + path, {
      method: 'POST', body: 'x'.repeat(limit + 1),
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    });
    expect(over.status).toBe(413);
    const under = await fetch(h.web.url + path, {
      method: 'POST', body: JSON.stringify({ pad: 'x'.repeat(Math.min(limit, 4096) - 20) }),
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    });
    expect(under.status).not.toBe(413);
  });

  it('the prompt editor takes a whole replies.yaml', async () => {
    const text = 'replies:\n' + Array.from({ length: 3000 }, (_, i) => `  r${i}: ${'teks balasan '.repeat(10)}`).join('\n');
    const res = await admin.json('/api/prompts/check', { file: 'replies.yaml', text });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { ok: boolean }).ok).toBe(false);
  });
});
