/**
 * The command centre's admin side over real HTTP on the real app and a temp SQLite database: the prompts
 * editor, the channels page, Open311 GeoReport v2 and the admin CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIssues } from '../../core/config/validate.js';
import { sqliteDb } from '../support/app.js';
import { Client, fileTicket, PHONE, startHarness, type WebHarness } from './support.js';

let h: WebHarness;
let admin: Client;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.login('admin');
});
afterAll(async () => {
  await h?.close();
});

describe('prompts editor', () => {
  const routing = () => h.app.prompts.files()['routing.yaml']!;

  it('refuses a bad edit with the same errors as the CLI and leaves the file alone', async () => {
    const before = readFileSync(join(h.t.dir, 'prompts', 'routing.yaml'), 'utf8');
    const bad = routing().replace(/^(\s+agency: )[A-Z]+/m, '$1TIDAKADA');
    expect(bad).not.toBe(routing());
    const expected = h.app.prompts.check({ 'routing.yaml': bad });
    expect(expected.ok).toBe(false);
    const check = await (await admin.json('/api/prompts/check', { file: 'routing.yaml', text: bad })).json() as { ok: boolean; message: string };
    expect(check.ok).toBe(false);
    expect(check.message).toBe(formatIssues(!expected.ok ? expected.issues : []));
    expect(check.message).toContain('unknown agency "TIDAKADA"');
    const save = await admin.json('/api/prompts/save', { file: 'routing.yaml', text: bad });
    expect(save.status).toBe(422);
    expect((await save.json() as { message: string }).message).toBe(check.message);
    expect(readFileSync(join(h.t.dir, 'prompts', 'routing.yaml'), 'utf8')).toBe(before);
    const yaml = await (await admin.json('/api/prompts/check', { file: 'city.yaml', text: 'name: [' })).json() as { message: string };
    expect(yaml.message).toMatch(/^prompts\/city.yaml .*not valid YAML/);
    const lines = (yaml as unknown as { lines: { text: string; detail: string }[] }).lines;
    expect(lines[0]!.text).toContain('bukan YAML yang valid: periksa indentasi');
    expect(lines[0]!.detail).toMatch(/not valid YAML/);
    expect((await admin.json('/api/prompts/save', { file: '../etc/passwd', text: 'x' })).status).toBe(400);
  });

  it('tests a message against the unsaved edit: classification and route', async () => {
    const rule = `rules:\n  - name: sampah-asakota-ke-pupr\n    when:\n      category: sampah\n      keywords_any: [pasar raya]\n    agency: PUPR\n`;
    const edited = rule + routing().replace(/^rules:\s*\n/m, '').replace(/^rules: \[\]\s*$/m, '');
    const test = await (await admin.json('/api/prompts/test', { file: 'routing.yaml', text: edited, message: 'sampah numpuk di pasar raya belum diangkut' })).json() as {
      ok: boolean; classification: { intent: string; category: string }; route: { kind: string; agency: string; rule: string };
    };
    expect(test.ok).toBe(true);
    expect(test.classification).toMatchObject({ intent: 'lapor', category: 'sampah' });
    expect(test.route).toMatchObject({ kind: 'agency', agency: 'PUPR', rule: 'sampah-asakota-ke-pupr' });
    const current = await (await admin.json('/api/prompts/test', { file: 'routing.yaml', text: routing(), message: 'sampah numpuk di pasar raya belum diangkut' })).json() as { route: { agency: string } };
    expect(current.route.agency).toBe('DLH');
  });

  it('applies a good change through the versioning, shows the diff and rolls back', async () => {
    const before = (await h.app.prompts.history(1))[0]!;
    const text = h.app.prompts.files()['replies.yaml']!;
    const edited = text.replace(/^(\s+greeting:\s*)(["']?)/m, '$1$2Halo dari web! ');
    const changes = edited !== text ? edited : `${text}\n# diubah dari web\n`;
    const save = await (await admin.json('/api/prompts/save', { file: 'replies.yaml', text: changes })).json() as { ok: boolean; version: { id: number }; message: string };
    expect(save.ok).toBe(true);
    expect(save.version.id).toBeGreaterThan(before.id);
    expect(readFileSync(join(h.t.dir, 'prompts', 'replies.yaml'), 'utf8')).toBe(changes);
    const v = await (await admin.get(`/api/prompts/history/${save.version.id}`)).json() as { author: string; diff: string };
    expect(v.author).toBe('web:admin');
    expect(v.diff).toContain('+++ b/replies.yaml');
    const page = await (await admin.get(`/admin/prompts/riwayat/${save.version.id}`)).text();
    expect(page).toContain('class="add"');
    expect((await admin.get('/admin/prompts?file=replies.yaml')).status).toBe(200);
    expect((await admin.get('/admin/prompts/riwayat')).status).toBe(200);

    const rb = await admin.form(`/admin/prompts/riwayat/${before.id}/rollback`, {});
    expect(rb.status).toBe(303);
    expect(readFileSync(join(h.t.dir, 'prompts', 'replies.yaml'), 'utf8')).toBe(text);
    expect((await h.app.prompts.history(1))[0]!.author).toBe(`web:admin (rollback to ${before.id})`);
    const again = await (await admin.json(`/api/prompts/rollback/${save.version.id}`, {})).json() as { ok: boolean; changed: boolean };
    expect(again).toMatchObject({ ok: true, changed: true });
    expect((await admin.json('/api/prompts/rollback/99999', {})).status).toBe(422);
  });
});

describe('channels page', () => {
  it('shows every channel health, the WhatsApp QR as a PNG, outbox counts and failed rows without addresses', async () => {
    h.app.channels.set('whatsapp', {
      id: 'whatsapp', start: async () => {}, stop: async () => {}, send: async () => ({}),
      health: () => ({ channel: 'whatsapp', enabled: true, connected: false, lastError: 'auth timeout', details: { state: 'qr', queueLength: 3, qr: '2@abcDEF,xyz==,123' } }),
    });
    const t = await fileTicket(h.app, {});
    const rowId = await h.app.store.outbox.enqueue({ target: { kind: 'citizen', channel: 'whatsapp', message: { to: `${PHONE}@c.us`, text: 'halo' } }, ticketId: t.id, createdAt: h.app.clock.now().toISOString() });
    await h.app.store.outbox.markFinal(rowId, 'failed', 'number not on WhatsApp');
    const page = await (await admin.get('/admin/saluran')).text();
    for (const s of ['whatsapp', 'memory', 'auth timeout', '>3<', 'number not on WhatsApp', '/admin/whatsapp-qr.png', t.number]) expect(page, s).toContain(s);
    expect(page).not.toContain(PHONE);
    const qr = await admin.get('/admin/whatsapp-qr.png');
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await qr.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    const api = await (await admin.get('/api/health')).json() as { channels: { channel: string; details?: { qr: unknown } }[]; outbox: Record<string, number>; problems: { id: number }[] };
    expect(api.outbox.failed).toBeGreaterThanOrEqual(1);
    expect(api.problems.map((p) => p.id)).toContain(rowId);
    expect(JSON.stringify(api)).not.toContain(PHONE);
    h.app.channels.delete('whatsapp');
    expect((await admin.get('/admin/whatsapp-qr.png')).status).toBe(404);
  });
});

describe('Open311 GeoReport v2', () => {
  it('lists services, requests without identity or confidential tickets, and one request', async () => {
    const pub = await fileTicket(h.app, { category: 'jalan_rusak', agency: 'PUPR', latitude: -8.44, longitude: 118.71, kecamatan: 'Mpunda' });
    const secret = await fileTicket(h.app, { confidential: true, description: 'Pungli di kantor kelurahan' });
    const anon = new Client(h.web.url);
    const services = await (await anon.get('/open311/v2/services.json')).json() as { service_code: string; type: string }[];
    expect(services.map((s) => s.service_code)).toContain('jalan_rusak');
    expect(services[0]!.type).toBe('realtime');
    const res = await anon.get('/open311/v2/requests.json');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const list = await res.json() as Record<string, unknown>[];
    const ids = list.map((r) => r.service_request_id);
    expect(ids).toContain(pub.number);
    expect(ids).not.toContain(secret.number);
    const one = list.find((r) => r.service_request_id === pub.number)!;
    expect(one).toMatchObject({ status: 'open', service_code: 'jalan_rusak', lat: -8.44, long: 118.71 });
    expect(Object.keys(one).sort()).toEqual(['address', 'address_id', 'agency_responsible', 'description', 'expected_datetime', 'lat', 'long', 'media_url',
      'requested_datetime', 'service_code', 'service_name', 'service_notice', 'service_request_id', 'status', 'status_notes', 'updated_datetime', 'zipcode']);
    const body = JSON.stringify(list);
    expect(body).not.toContain(PHONE);
    expect(body).not.toContain('Pungli');
    expect(await (await anon.get(`/open311/v2/requests/${pub.number}.json`)).json()).toHaveLength(1);
    expect((await anon.get(`/open311/v2/requests/${secret.number}.json`)).status).toBe(404);
    expect(await (await anon.get(`/open311/v2/requests.json?service_request_id=${pub.number},${secret.number}`)).json()).toHaveLength(1);
    const filtered = await (await anon.get('/open311/v2/requests.json?service_code=jalan_rusak&status=open')).json() as { service_code: string }[];
    expect(filtered.every((r) => r.service_code === 'jalan_rusak')).toBe(true);
    expect((await anon.get('/open311/v2/requests.json?start_date=kemarin')).status).toBe(400);
    expect((await anon.get('/open311/v2/requests.json?status=closed')).status).toBe(200);
  });
});

describe('admin CLI', () => {
  it('creates accounts with a scrypt hash, refuses duplicates, bad roles and short passwords, and lists them', async () => {
    const { runAdminCommand } = await import('../../web/admin-cli.js');
    const out: string[] = [];
    const err: string[] = [];
    const io = (pw: string, env: NodeJS.ProcessEnv = {}) => ({ out: (l: string) => out.push(l), err: (l: string) => err.push(l), readPassword: async () => pw, env });
    expect(await runAdminCommand(['add', 'budi', '--role', 'admin'], h.app, io('', { ADMIN_PASSWORD: 'panjang-sekali-99' }))).toBe(0);
    const hash = sqliteDb(h.app.store).prepare("SELECT password_hash FROM web_users WHERE name = 'budi'").pluck().get() as string;
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain('panjang-sekali-99');
    expect(await runAdminCommand(['add', 'budi', '--role', 'viewer'], h.app, io('panjang-sekali-99'))).toBe(2);
    expect(await runAdminCommand(['add', 'ani', '--role', 'root'], h.app, io('panjang-sekali-99'))).toBe(2);
    expect(await runAdminCommand(['add', 'ani', '--role=viewer'], h.app, io('pendek'))).toBe(2);
    expect(err.join('\n')).toMatch(/already exists[\s\S]*--role must be admin or viewer[\s\S]*at least 10/);
    expect(await runAdminCommand(['list'], h.app, io(''))).toBe(0);
    expect(out.join('\n')).toMatch(/budi\tadmin/);
    expect(await runAdminCommand(['passwd', 'budi'], h.app, io('kata-sandi-baru-1'))).toBe(0);
    const c = await h.login('budi', 'kata-sandi-baru-1');
    expect(await (await c.get('/api/me')).json()).toEqual({ name: 'budi', role: 'admin' });
  });
});
