/**
 * Test harness for the command centre: the real app on a temp SQLite file
 * (tests/support/app.ts), the real HTTP server on 127.0.0.1 port 0, accounts
 * created through the admin CLI, and a small cookie-keeping HTTP client.
 */
import type { App } from '../../app/build.js';
import type { Ticket } from '../../core/tickets/types.js';
import { runAdminCommand } from '../../web/admin-cli.js';
import { startWeb, type WebServer } from '../../web/server.js';
import { createTestApp, type TestApp } from '../support/app.js';

export const PASSWORDS = { admin: 'rahasia-admin-123', viewer: 'rahasia-viewer-123' } as const;

export interface WebHarness {
  t: TestApp;
  app: App;
  web: WebServer;
  login(name: 'admin' | 'viewer' | string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export async function addUser(app: App, name: string, role: 'admin' | 'viewer', password: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdminCommand(['add', name, '--role', role], app, {
    out: (l) => out.push(l), err: (l) => err.push(l), readPassword: async () => password, env: {},
  });
  return { code, out, err };
}

export async function startHarness(env: Record<string, string> = {}): Promise<WebHarness> {
  const t = await createTestApp({ env });
  await addUser(t.app, 'admin', 'admin', PASSWORDS.admin);
  await addUser(t.app, 'viewer', 'viewer', PASSWORDS.viewer);
  const web = await startWeb(t.app, { port: 0, host: '127.0.0.1', pollMs: 100 });
  return {
    t, app: t.app, web,
    async login(name, password) {
      const c = new Client(web.url);
      const pw = password ?? PASSWORDS[name as 'admin' | 'viewer'];
      const res = await c.form('/login', { name, password: pw, next: '/' }, { csrf: false });
      if (res.status !== 303) throw new Error(`login as ${name} failed: ${res.status} ${await res.text()}`);
      await c.loadCsrf();
      return c;
    },
    async close() {
      await web.close();
      await t.close();
    },
  };
}

export class Client {
  cookie = '';
  csrf = '';
  lastSetCookie: string[] = [];
  constructor(readonly base: string) {}

  private absorb(res: Response): Response {
    this.lastSetCookie = res.headers.getSetCookie();
    for (const c of this.lastSetCookie) {
      const [pair] = c.split(';');
      if (pair) this.cookie = pair.endsWith('=') ? '' : pair;
    }
    return res;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.absorb(await fetch(this.base + path, { redirect: 'manual', headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...headers } }));
  }

  async loadCsrf(): Promise<void> {
    const html = await (await this.get('/')).text();
    this.csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(html)?.[1] ?? '';
  }

  async json(path: string, body: unknown, opts: { csrf?: boolean | string; headers?: Record<string, string> } = {}): Promise<Response> {
    const token = opts.csrf === false ? undefined : typeof opts.csrf === 'string' ? opts.csrf : this.csrf;
    return this.absorb(await fetch(this.base + path, {
      method: 'POST', redirect: 'manual', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}), ...(token ? { 'x-csrf-token': token } : {}), ...opts.headers },
    }));
  }

  async form(path: string, fields: Record<string, string>, opts: { csrf?: boolean; headers?: Record<string, string> } = {}): Promise<Response> {
    const body = new URLSearchParams({ ...fields, ...(opts.csrf === false ? {} : { _csrf: this.csrf }) });
    return this.absorb(await fetch(this.base + path, {
      method: 'POST', redirect: 'manual', body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(this.cookie ? { cookie: this.cookie } : {}), ...opts.headers },
    }));
  }
}

export const PHONE = '6281234567890';

let counter = 0;
/** Files a ticket straight through the ticket service, as the engine would. */
export async function fileTicket(app: App, fields: Partial<{
  category: string; agency: string; triage: boolean; description: string; kecamatan: string | null; kelurahan: string | null;
  latitude: number | null; longitude: number | null; confidential: boolean; phone: string; emergency: boolean;
}> = {}): Promise<Ticket> {
  const phone = fields.phone ?? PHONE;
  const citizen = await app.store.citizens.resolve('memory', { address: `${phone}@c.us`, phone, displayName: `Warga ${++counter}` }, app.clock.now());
  return app.tickets.file({
    citizenId: citizen.id, channel: 'memory', category: fields.category ?? 'sampah', agency: fields.agency ?? 'DLH',
    description: fields.description ?? 'Sampah menumpuk di depan pasar sudah tiga hari',
    locationText: 'depan Pasar Raya', kelurahan: fields.kelurahan ?? null, kecamatan: fields.kecamatan ?? null, rt: null, rw: null,
    latitude: fields.latitude ?? null, longitude: fields.longitude ?? null, confidence: 0.9, emergency: fields.emergency ?? false,
    confidential: fields.confidential ?? false, trustedReporter: null, routeRule: null, triage: fields.triage ?? false, photos: [],
  }, { type: 'citizen', id: String(citizen.id) });
}
