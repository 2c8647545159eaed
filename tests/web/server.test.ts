/**
 * The command centre over real HTTP (127.0.0.1, port 0) on the real app and a
 * temp SQLite database: access rules, the citizen's identity, the board, staff actions, map and statistics.
 * The admin pages (prompts editor, channels, Open311, the admin CLI) are in admin-pages.test.ts.
 */
import { sqliteDb } from '../support/app.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, Client, fileTicket, PHONE, startHarness, type WebHarness } from './support.js';

let h: WebHarness;
let admin: Client;
let viewer: Client;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.login('admin');
  viewer = await h.login('viewer');
});
afterAll(async () => {
  await h?.close();
});

describe('access', () => {
  it('sends anonymous visitors to the login page and refuses the API', async () => {
    const anon = new Client(h.web.url);
    const page = await anon.get('/statistik?days=7');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login?next=%2Fstatistik%3Fdays%3D7');
    expect((await anon.get('/api/tickets')).status).toBe(401);
    expect((await anon.get('/api/stream')).status).toBe(401);
    expect((await anon.json('/api/prompts/save', { file: 'city.yaml', text: '' })).status).toBe(401);
    const login = await anon.get('/login');
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('name="password"');
  });

  it('refuses a wrong password with the same answer as an unknown user, and logs failures', async () => {
    const c = new Client(h.web.url);
    const wrong = await c.form('/login', { name: 'admin', password: 'salah-sekali-123' }, { csrf: false });
    const unknown = await c.form('/login', { name: 'siapa', password: 'salah-sekali-123' }, { csrf: false });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(await wrong.text()).toContain('Nama pengguna atau kata sandi salah');
    expect(c.cookie).toBe('');
    const audit = await (await admin.get('/api/audit')).json() as { action: string; userName: string }[];
    expect(audit.some((a) => a.action === 'login_failed' && a.userName === 'siapa')).toBe(true);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie (not Secure unless COOKIE_SECURE=true) and stores only its hash', async () => {
    const c = new Client(h.web.url);
    await c.form('/login', { name: 'viewer', password: 'rahasia-viewer-123', next: '/statistik' }, { csrf: false });
    const cookie = c.lastSetCookie.find((x) => x.startsWith('sw_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const token = c.cookie.split('=')[1]!;
    const stored = sqliteDb(h.app.store).prepare('SELECT token_hash FROM web_sessions').pluck().all() as string[];
    expect(stored).not.toContain(token);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s))).toBe(true);
  });

  it('marks the cookie Secure when COOKIE_SECURE=true', async () => {
    const other = await startHarness({ COOKIE_SECURE: 'true' });
    try {
      const c = new Client(other.web.url);
      await c.form('/login', { name: 'admin', password: 'rahasia-admin-123' }, { csrf: false });
      expect(c.lastSetCookie.find((x) => x.startsWith('sw_session='))).toMatch(/;\s*Secure/i);
    } finally {
      await other.close();
    }
  });

  it('redirects only to local paths after login', async () => {
    const c = new Client(h.web.url);
    const res = await c.form('/login', { name: 'admin', password: 'rahasia-admin-123', next: '//evil.example/' }, { csrf: false });
    expect(res.headers.get('location')).toBe('/');
  });

  it('requires the CSRF token and a same-origin request for every change', async () => {
    const t = await fileTicket(h.app, { triage: true, agency: 'KOMINFO', category: 'lainnya' });
    expect((await admin.json(`/api/tickets/${t.id}/act`, { action: 'teruskan', agency: 'DLH' }, { csrf: false })).status).toBe(403);
    expect((await admin.json(`/api/tickets/${t.id}/act`, { action: 'teruskan', agency: 'DLH' }, { csrf: 'not-the-token' })).status).toBe(403);
    expect((await admin.json(`/api/tickets/${t.id}/act`, { action: 'teruskan', agency: 'DLH' }, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await admin.form(`/tiket/${t.id}/aksi`, { action: 'teruskan', agency: 'DLH', _csrf: 'x' }, { csrf: false })).status).toBe(403);
    // The other session's token is not this session's token.
    expect((await admin.json(`/api/tickets/${t.id}/act`, { action: 'teruskan', agency: 'DLH' }, { csrf: viewer.csrf })).status).toBe(403);
    expect((await h.app.store.tickets.get(t.id))!.state).toBe('baru');
    // Cross-site login is refused too.
    const c = new Client(h.web.url);
    expect((await c.form('/login', { name: 'admin', password: 'rahasia-admin-123' }, { csrf: false, headers: { origin: 'http://evil.example' } })).status).toBe(403);
  });

  it('keeps viewers read-only: no admin pages, no actions, no prompts edits', async () => {
    const t = await fileTicket(h.app, { triage: true, agency: 'KOMINFO', category: 'lainnya' });
    for (const path of ['/admin/prompts', '/admin/saluran', '/admin/audit', '/admin/prompts/riwayat', '/admin/whatsapp-qr.png']) {
      expect((await viewer.get(path)).status, path).toBe(403);
    }
    expect((await viewer.get('/api/health')).status).toBe(403);
    expect((await viewer.json(`/api/tickets/${t.id}/act`, { action: 'teruskan', agency: 'DLH' })).status).toBe(403);
    expect((await viewer.form(`/tiket/${t.id}/aksi`, { action: 'teruskan', agency: 'DLH' })).status).toBe(403);
    expect((await viewer.json('/api/prompts/save', { file: 'city.yaml', text: 'x' })).status).toBe(403);
    expect((await h.app.store.tickets.get(t.id))!.state).toBe('baru');
    const board = await (await viewer.get('/')).text();
    expect(board).not.toContain('href="/admin/prompts"');
    expect((await viewer.get('/peta')).status).toBe(200);
    expect((await viewer.get('/statistik')).status).toBe(200);
  });

  it('ends the session on logout', async () => {
    const c = await h.login('viewer');
    expect((await c.get('/api/me')).status).toBe(200);
    const cookie = c.cookie;
    expect((await c.form('/logout', {})).status).toBe(303);
    expect((await fetch(`${h.web.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('disabling a user in the CLI ends their sessions', async () => {
    await addUser(h.app, 'sementara', 'viewer', 'sementara-123456');
    const c = await h.login('sementara', 'sementara-123456');
    expect((await c.get('/api/me')).status).toBe(200);
    const { runAdminCommand } = await import('../../web/admin-cli.js');
    const io = { out: () => {}, err: () => {}, readPassword: async () => '', env: {} };
    expect(await runAdminCommand(['disable', 'sementara'], h.app, io)).toBe(0);
    expect((await c.get('/api/me')).status).toBe(401);
  });
});

describe('citizen identity', () => {
  it('never shows the phone number on the board, the API, the map, statistics, Open311 or to viewers', async () => {
    const t = await fileTicket(h.app, { description: `Lampu mati, hubungi saya 0812-3456-7890`, category: 'lampu_jalan', agency: 'DISHUB', latitude: -8.46, longitude: 118.72 });
    const pages = [
      await (await admin.get('/')).text(),
      await (await admin.get('/api/tickets?state=all')).text(),
      await (await admin.get('/api/map')).text(),
      await (await admin.get('/api/stats')).text(),
      await (await admin.get('/api/stats.csv')).text(),
      await (await admin.get('/open311/v2/requests.json')).text(),
      await (await viewer.get(`/tiket/${t.id}`)).text(),
      await (await viewer.get(`/api/tickets/${t.id}`)).text(),
    ];
    for (const p of pages) {
      expect(p).not.toContain(PHONE);
      expect(p).not.toContain('0812-3456-7890');
    }
    expect(pages[0]).toContain('[nomor disembunyikan]');
    expect(sqliteDb(h.app.store).prepare('SELECT count(*) FROM web_audit WHERE ticket_id = ?').pluck().get(t.id)).toBe(0);
  });

  it('shows it to an admin who opens the ticket, and writes that view to the audit log', async () => {
    const t = await fileTicket(h.app, { category: 'sampah', agency: 'DLH' });
    const page = await (await admin.get(`/tiket/${t.id}`)).text();
    expect(page).toContain(PHONE);
    const api = await (await admin.get(`/api/tickets/${t.id}`)).json() as { reporter: { phone: string } };
    expect(api.reporter.phone).toBe(PHONE);
    const audit = await (await admin.get(`/api/audit?ticket=${t.id}`)).json() as { action: string; userName: string }[];
    expect(audit.filter((a) => a.action === 'view_identity' && a.userName === 'admin')).toHaveLength(2);
    expect((await admin.get('/admin/audit')).status).toBe(200);
    // The audit log is append-only.
    expect(() => sqliteDb(h.app.store).prepare('DELETE FROM web_audit').run()).toThrow(/append-only/);
  });
});

describe('board', () => {
  it('lists open tickets overdue first, then newest, with filters', async () => {
    const old = await fileTicket(h.app, { category: 'jalan_rusak', agency: 'PUPR', kecamatan: 'Rasanae Barat' });
    h.t.clock.advance(10 * 24 * 3_600_000); // ten days: the PUPR ticket is far past its take deadline
    const fresh = await fileTicket(h.app, { category: 'sampah', agency: 'DLH', kecamatan: 'Asakota' });
    const closed = await fileTicket(h.app, { category: 'sampah', agency: 'DLH' });
    await h.app.tickets.act(closed.id, 'tolak', { actor: { type: 'admin', name: 'x' }, note: 'bukan wewenang kota' });

    const all = await (await admin.get('/api/tickets')).json() as { tickets: { id: number; overdue: boolean; number: string }[] };
    const ids = all.tickets.map((t) => t.id);
    expect(all.tickets[0]!.overdue).toBe(true);
    expect(ids.indexOf(old.id)).toBeLessThan(ids.indexOf(fresh.id));
    expect(ids).not.toContain(closed.id);
    const firstFresh = all.tickets.findIndex((t) => !t.overdue);
    expect(all.tickets[firstFresh]!.id).toBe(fresh.id);

    const byAgency = await (await admin.get('/api/tickets?agency=PUPR')).json() as { tickets: { agency: string }[] };
    expect(byAgency.tickets.length).toBeGreaterThan(0);
    expect(byAgency.tickets.every((t) => t.agency === 'PUPR')).toBe(true);
    const byCategory = await (await admin.get('/api/tickets?category=jalan_rusak')).json() as { tickets: { category: string }[] };
    expect(byCategory.tickets.every((t) => t.category === 'jalan_rusak')).toBe(true);
    const byKec = await (await admin.get('/api/tickets?kecamatan=asakota')).json() as { tickets: { id: number }[] };
    expect(byKec.tickets.map((t) => t.id)).toEqual([fresh.id]);
    const rejected = await (await admin.get('/api/tickets?state=ditolak')).json() as { tickets: { id: number }[] };
    expect(rejected.tickets.map((t) => t.id)).toContain(closed.id);
    const today = h.app.clock.now().toISOString().slice(0, 10);
    const dated = await (await admin.get(`/api/tickets?state=all&from=${today}&to=${today}`)).json() as { tickets: { id: number }[] };
    expect(dated.tickets.map((t) => t.id)).toContain(fresh.id);
    expect(dated.tickets.map((t) => t.id)).not.toContain(old.id);
    const indonesian = `${today.slice(8, 10)}-${today.slice(5, 7)}-${today.slice(0, 4)}`;
    const typed = await (await admin.get(`/api/tickets?state=all&from=${indonesian}&to=${indonesian}`)).json() as { tickets: { id: number }[] };
    expect(typed.tickets.map((t) => t.id)).toEqual(dated.tickets.map((t) => t.id));
    expect(await (await admin.get(`/?state=all&from=${indonesian}`)).text()).toContain(`value="${indonesian}"`);
    expect((await (await admin.get('/api/tickets?from=31-02-2026')).json() as { filter: { from?: string } }).filter.from).toBeUndefined();

    const html = await (await admin.get('/?agency=PUPR')).text();
    expect(html).toContain(old.number);
    expect(html).not.toContain(`>${fresh.number}<`);
    expect(html).toContain('terlambat');
  });

  it('streams ticket changes over server-sent events', async () => {
    const ac = new AbortController();
    const res = await fetch(`${h.web.url}/api/stream`, { headers: { cookie: viewer.cookie }, signal: ac.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    const readUntil = async (needle: string) => {
      const deadline = Date.now() + 5000;
      while (!buf.includes(needle)) {
        if (Date.now() > deadline) throw new Error(`no "${needle}" in stream: ${buf}`);
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buf += decoder.decode(value);
      }
    };
    await readUntil('event: hello');
    const t = await fileTicket(h.app, { category: 'air_bersih', agency: 'PDAM' });
    await readUntil(`"number":"${t.number}"`);
    expect(buf).toContain('event: tickets');
    expect(buf).not.toContain(PHONE);
    // A change made elsewhere (the desk) arrives too.
    await h.app.tickets.act(t.id, 'ambil', { actor: { type: 'staff', id: '1', name: 'Budi' } });
    await readUntil('"state":"diproses"');
    ac.abort();
  });

  it('shows a ticket with timeline, photos, supporters, rating and escalations', async () => {
    const t = await fileTicket(h.app, { category: 'sampah', agency: 'DLH' });
    const other = await h.app.store.citizens.resolve('memory', { address: 'pendukung' }, h.app.clock.now());
    await h.app.tickets.support(t.id, other.id);
    await h.app.tickets.act(t.id, 'ambil', { actor: { type: 'staff', id: '7', name: 'Sari' } });
    await h.app.tickets.act(t.id, 'selesaikan', { actor: { type: 'staff', id: '7', name: 'Sari' }, note: 'Sudah diangkut truk' });
    await h.app.tickets.rate(t.id, 4, 'Cepat, terima kasih', { type: 'citizen', id: '1' });
    await h.app.tickets.escalate(t.id, 'Dibuka ulang dua kali', 'test');
    const page = await (await viewer.get(`/tiket/${t.id}`)).text();
    for (const s of ['Laporan dibuat', 'Diambil', 'oleh Sari', 'Sudah diangkut truk', '1 warga', '(4/5)', 'Cepat, terima kasih', 'tingkat 1', 'Dibuka ulang dua kali']) {
      expect(page, s).toContain(s);
    }
    expect((await viewer.get('/tiket/999999')).status).toBe(404);
  });

  it('serves ticket photos only from the media folder, to logged-in staff', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const t = await fileTicket(h.app, {});
    const dir = h.app.config.MEDIA_DIR;
    mkdirSync(dir, { recursive: true });
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    writeFileSync(join(dir, 'foto.png'), png);
    const m = await h.app.store.tickets.addMedia(t.id, { path: join(dir, 'foto.png'), kind: 'photo', source: 'citizen', addedAt: h.app.clock.now().toISOString() });
    const evil = await h.app.store.tickets.addMedia(t.id, { path: '/etc/passwd', kind: 'photo', source: 'citizen', addedAt: h.app.clock.now().toISOString() });
    const ok = await viewer.get(`/media/${t.id}/${m.id}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect((await viewer.get(`/media/${t.id}/${evil.id}`)).status).toBe(404);
    expect((await new Client(h.web.url).get(`/media/${t.id}/${m.id}`)).status).toBe(302);
    expect(await (await viewer.get(`/tiket/${t.id}`)).text()).toContain(`/media/${t.id}/${m.id}`);
  });
});

describe('staff actions', () => {
  it('forwards a triaged ticket and reassigns it, with outbox rows and an audit entry', async () => {
    const t = await fileTicket(h.app, { triage: true, agency: 'KOMINFO', category: 'lainnya' });
    const r1 = await admin.json(`/api/tickets/${t.id}/act`, { action: 'teruskan', agency: 'DLH', note: 'cek lokasi' });
    expect(r1.status).toBe(200);
    expect(await h.app.store.tickets.get(t.id)).toMatchObject({ state: 'diteruskan', agency: 'DLH' });
    const r2 = await admin.form(`/tiket/${t.id}/aksi`, { action: 'alihkan', agency: 'PUPR' });
    expect(r2.status).toBe(303);
    expect(r2.headers.get('location')).toMatch(/ok=/);
    expect(await h.app.store.tickets.get(t.id)).toMatchObject({ state: 'diteruskan', agency: 'PUPR' });
    const events = (await h.app.store.tickets.events(t.id)).map((e) => [e.action, e.actor.type, e.actor.name]);
    expect(events).toContainEqual(['teruskan', 'admin', 'Admin admin']);
    expect(events).toContainEqual(['dialihkan', 'admin', 'Admin admin']);
    expect((await h.app.store.outbox.list({ ticketId: t.id })).some((r) => r.target.kind === 'desk' && r.target.agency === 'PUPR')).toBe(true);
    const audit = await (await admin.get(`/api/audit?ticket=${t.id}`)).json() as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['ticket_teruskan', 'ticket_alihkan']));
  });

  it('refuses illegal and unknown actions in the same Indonesian words as the desk, with the developer text as detail', async () => {
    const t = await fileTicket(h.app, {});
    const bad = await admin.json(`/api/tickets/${t.id}/act`, { action: 'teruskan', agency: 'DLH' });
    expect(bad.status).toBe(409);
    const badBody = await bad.json() as { error: string; detail: string };
    expect(badBody.error).toBe(`Laporan ${t.number} sekarang berstatus "diteruskan"; tindakan itu tidak bisa dilakukan.`);
    expect(badBody.detail).toMatch(/not allowed/);
    expect((await admin.json(`/api/tickets/${t.id}/act`, { action: 'tutup', agency: 'DLH' })).status).toBe(400);
    const unknown = await admin.json(`/api/tickets/${t.id}/act`, { action: 'alihkan', agency: 'NASA' });
    const unknownBody = await unknown.json() as { error: string; detail: string };
    expect(unknownBody.error).toBe('Dinas tujuan tidak dikenal. Pilih dinas dari daftar lalu kirim lagi.');
    expect(unknownBody.detail).toMatch(/unknown agency "NASA"/);
    const form = await admin.form(`/tiket/${t.id}/aksi`, { action: 'alihkan', agency: 'DLH' });
    expect(decodeURIComponent(form.headers.get('location')!)).toContain(`error=Laporan ${t.number} sudah berada di DLH.`);
  });
});

describe('map and statistics', () => {
  it('gives map points only for tickets with coordinates, and serves Leaflet from the app', async () => {
    const withPin = await fileTicket(h.app, { latitude: -8.45, longitude: 118.74 });
    const without = await fileTicket(h.app, {});
    const map = await (await viewer.get('/api/map')).json() as { tiles: string; points: { id: number; lat: number }[] };
    expect(map.tiles).toBe('');
    expect(map.points.map((p) => p.id)).toContain(withPin.id);
    expect(map.points.map((p) => p.id)).not.toContain(without.id);
    const js = await viewer.get('/vendor/leaflet/leaflet.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect((await viewer.get('/vendor/leaflet/leaflet.css')).status).toBe(200);
    expect((await viewer.get('/vendor/leaflet/../package.json')).status).toBe(404);
    const page = await viewer.get('/peta');
    expect(page.headers.get('content-security-policy')).toContain("img-src 'self' data:;");
    expect(await page.text()).toContain('/vendor/leaflet/leaflet.js');
  });

  it('computes per-agency and per-category figures, a weekly trend and a CSV export', async () => {
    const t = await fileTicket(h.app, { category: 'pohon_taman', agency: 'DLH' });
    h.t.clock.advance(2 * 3_600_000);
    await h.app.tickets.act(t.id, 'ambil', { actor: { type: 'staff', id: '9', name: 'Eko' } });
    h.t.clock.advance(4 * 3_600_000);
    await h.app.tickets.act(t.id, 'selesaikan', { actor: { type: 'staff', id: '9', name: 'Eko' }, note: 'dipangkas' });
    await h.app.tickets.rate(t.id, 5, null, { type: 'citizen', id: '1' });
    const s = await (await viewer.get('/api/stats?days=7')).json() as {
      byCategory: { key: string; received: number; medianTakeHours: number; medianResolveHours: number; resolvedWithinSla: number; avgRating: number }[];
      byAgency: { key: string; overdue: number }[]; trend: { received: number; resolved: number }[];
    };
    const pohon = s.byCategory.find((r) => r.key === 'pohon_taman')!;
    expect(pohon).toMatchObject({ received: 1, medianTakeHours: 2, medianResolveHours: 6, resolvedWithinSla: 1, avgRating: 5 });
    expect(s.byAgency.find((r) => r.key === 'PUPR')!.overdue).toBeGreaterThan(0);
    expect(s.trend).toHaveLength(8);
    expect(s.trend.at(-1)!.resolved).toBeGreaterThanOrEqual(1);
    const csv = await viewer.get('/api/stats.csv?days=7');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('group,key,label,received,open,overdue,median_take_hours,median_resolve_hours,resolved_within_sla_pct,avg_rating,resolved');
    expect(text).toMatch(/^category,pohon_taman,.+,1,1,0,2,6,100,5,\r$/m);
    const html = await (await viewer.get('/statistik')).text();
    expect(html).toContain('<svg');
    expect(html).toContain('Per kategori');
  });
});
