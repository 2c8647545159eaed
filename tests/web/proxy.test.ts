/**
 * Behind a reverse proxy that rewrites Host: with TRUST_PROXY the origin check,
 * the cookie's Secure flag and HSTS follow X-Forwarded-Host/-Proto. The last
 * test runs Debian's nginx with deploy/nginx/suarawarga.conf (temporary
 * certificate, free loopback port, every path in a temp folder) and logs in
 * through it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORDS, startHarness, type WebHarness } from './support.js';

const NGINX = '/usr/sbin/nginx';

async function postLogin(base: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ name: 'admin', password: PASSWORDS.admin, next: '/' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

const PROXIED = { origin: 'https://warga.example.go.id', 'x-forwarded-host': 'warga.example.go.id', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' };

describe('without TRUST_PROXY (the default)', () => {
  let h: WebHarness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => h.close());

  it('forwarded headers are ignored: a login from the proxy\'s origin is refused as cross-site, and no HSTS', async () => {
    const res = await postLogin(h.web.url, PROXIED);
    expect(res.status).toBe(403);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('with TRUST_PROXY=true', () => {
  let h: WebHarness;
  beforeAll(async () => { h = await startHarness({ TRUST_PROXY: 'true' }); });
  afterAll(async () => h.close());

  it('the login passes the origin check, the cookie is Secure and HSTS is sent', async () => {
    const res = await postLogin(h.web.url, PROXIED);
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().join(';')).toMatch(/; Secure/i);
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('another origin is still refused', async () => {
    expect((await postLogin(h.web.url, { ...PROXIED, origin: 'https://evil.example' })).status).toBe(403);
    expect((await postLogin(h.web.url, { ...PROXIED, origin: 'http://warga.example.go.id' })).status).toBe(403);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, proc: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (proc.exitCode !== null) throw new Error(`nginx exited with ${proc.exitCode}: ${log()}`);
    const up = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1', () => { sock.destroy(); resolve(true); });
      sock.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on ${port}: ${log()}`);
}

function httpsRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const haveNginx = existsSync(NGINX) && spawnSync('openssl', ['version']).status === 0;
if (!haveNginx) {
  console.warn(`skipping the nginx proxy test: ${NGINX} or openssl is not installed (apt-get install nginx openssl; .ci/run installs nginx)`);
}

describe.skipIf(!haveNginx)('through Debian nginx with deploy/nginx/suarawarga.conf', () => {
  let h: WebHarness;
  let nginx: ChildProcess | undefined;
  let dir = '';
  let base = '';
  beforeAll(async () => {
    h = await startHarness({ TRUST_PROXY: 'true' });
    dir = mkdtempSync(join(tmpdir(), 'suarawarga-nginx-'));
    for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, d));
    const cert = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=warga.example.go.id',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { encoding: 'utf8' });
    if (cert.status !== 0) throw new Error(`openssl could not make a test certificate: ${cert.stderr}`);
    const port = await freePort();
    const appPort = new URL(h.web.url).port;
    const site = readFileSync('deploy/nginx/suarawarga.conf', 'utf8')
      .replace(/server \{\s*listen 80;[\s\S]*?\n\}\n?/, '') // the redirect server needs port 80
      .replace('listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`)
      .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${join(dir, 'cert.pem')};`)
      .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${join(dir, 'key.pem')};`)
      .replace('http://127.0.0.1:3000', `http://127.0.0.1:${appPort}`);
    writeFileSync(join(dir, 'nginx.conf'), `daemon off;
master_process off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} info;
events { worker_connections 64; }
http {
  access_log ${join(dir, 'access.log')};
  client_body_temp_path ${join(dir, 'body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
${site}
}
`);
    nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'ignore' });
    const log = () => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8').slice(-2000) : '(no error.log)');
    await waitForPort(port, nginx, log);
    base = `https://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx!.once('exit', r));
      nginx.kill('SIGTERM');
      await exited;
    }
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an admin logs in through nginx over HTTPS: Secure cookie, HSTS, then the board', async () => {
    const login = await httpsRequest(`${base}/login`, {
      method: 'POST', body: new URLSearchParams({ name: 'admin', password: PASSWORDS.admin, next: '/' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    });
    expect(login.status).toBe(303);
    const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
    expect(cookies.join(';')).toMatch(/sw_session=[^;]+;.*Secure/i);
    expect(String(login.headers['strict-transport-security'])).toContain('max-age=');
    const board = await httpsRequest(`${base}/`, { headers: { cookie: cookies[0]!.split(';')[0]! } });
    expect(board.status).toBe(200);
    expect(board.body).toContain('csrf-token');
  });
});
