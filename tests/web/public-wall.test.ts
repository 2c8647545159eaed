/**
 * The public accountability page, the wall screen's data and the map's
 * approximate positions, over real HTTP on the real app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, fileTicket, startHarness, type WebHarness } from './support.js';

let h: WebHarness;
let admin: Client;
const staff = { type: 'staff' as const, id: '7', name: 'Rina' };

beforeAll(async () => {
  h = await startHarness();
  admin = await h.login('admin');
});
afterAll(async () => {
  await h?.close();
});

async function resolve(id: number, note: string): Promise<void> {
  await h.app.tickets.act(id, 'ambil', { actor: staff });
  await h.app.tickets.act(id, 'selesaikan', { actor: staff, note });
}

describe('public page /publik', () => {
  it('shows per-agency figures and recently resolved tickets to anyone, never confidential or private-category ones, with numbers masked', async () => {
    const open = await fileTicket(h.app, { category: 'sampah', agency: 'DLH', kelurahan: 'Melayu', kecamatan: 'Asakota' });
    await resolve(open.id, 'Sampah sudah diangkut; hubungi 0812 3456 7890 bila menumpuk lagi');
    const secret = await fileTicket(h.app, { category: 'sampah', agency: 'DLH', confidential: true });
    await resolve(secret.id, 'Catatan rahasia untuk pelapor');
    const privateCategory = h.app.prompts.current().categories.find((c) => !c.public)!;
    const personal = await fileTicket(h.app, { category: privateCategory.id, agency: privateCategory.default_agency });
    await resolve(personal.id, 'Catatan kategori pribadi');

    const res = await new Client(h.web.url).get('/publik');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('max-age=60');
    const page = await res.text();
    expect(page).toContain('Sampah sudah diangkut');
    expect(page).toContain('Melayu');
    expect(page).not.toContain('0812 3456 7890');
    expect(page).not.toContain('Catatan rahasia');
    expect(page).not.toContain('Catatan kategori pribadi');
    expect(page).toContain('Cara menghitung');

    const data = await (await new Client(h.web.url).get('/api/publik')).json() as { byAgency: { key: string; received: number; resolved: number }[] };
    const dlh = data.byAgency.find((a) => a.key === 'DLH')!;
    expect(dlh.received).toBeGreaterThanOrEqual(2);
    expect(dlh.resolved).toBeGreaterThanOrEqual(2);
    expect(data.byAgency.some((a) => a.key === privateCategory.default_agency && a.received > 0)).toBe(false);
  });
});

describe('wall screen /layar', () => {
  it('needs a login and gives counters per agency and the newest tickets, emergencies first', async () => {
    expect((await new Client(h.web.url).get('/layar')).status).toBe(302);
    await fileTicket(h.app, { category: 'jalan_rusak', agency: 'PUPR' });
    const fire = await fileTicket(h.app, { category: 'kebakaran', agency: 'DAMKAR', emergency: true });
    const d = await (await admin.get('/api/layar')).json() as {
      counters: { agency: string; open: number; resolvedToday: number }[]; newest: { id: number; emergency: boolean }[]; emergencies: number;
    };
    expect(d.newest[0]!.id).toBe(fire.id);
    expect(d.emergencies).toBeGreaterThanOrEqual(1);
    expect(d.counters.find((c) => c.agency === 'PUPR')!.open).toBeGreaterThanOrEqual(1);
    expect(d.counters.find((c) => c.agency === 'DLH')!.resolvedToday).toBeGreaterThanOrEqual(1);
  });
});

describe('map positions', () => {
  it('places a ticket without a pin at the median of its kelurahan\'s pins, marked approximate', async () => {
    for (const [lat, lng] of [[-8.40, 118.70], [-8.41, 118.71], [-8.90, 119.50]]) {
      await fileTicket(h.app, { kelurahan: 'Dara', kecamatan: 'Rasanae Barat', latitude: lat!, longitude: lng! });
    }
    const text = await fileTicket(h.app, { kelurahan: 'dara', kecamatan: 'Rasanae Barat', description: 'Sampah di gang dekat masjid' });
    const d = await (await admin.get('/api/map')).json() as { points: { id: number; lat: number; lng: number; approximate: string | null }[] };
    const p = d.points.find((x) => x.id === text.id)!;
    expect(p.approximate).toBe('kelurahan');
    expect(p.lat).toBeCloseTo(-8.41, 5);
    expect(p.lng).toBeCloseTo(118.71, 5);
  });
});
