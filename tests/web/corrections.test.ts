/**
 * Corrections from the ticket page: a noise complaint filed as Sampah is
 * corrected to Ketertiban at SATPOLPP; the event says who and why, both desks'
 * cards are refreshed, and the citizen is told the new agency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, fileTicket, startHarness, type WebHarness } from './support.js';

let h: WebHarness;
let admin: Client;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.login('admin');
});
afterAll(async () => {
  await h?.close();
});

describe('corrections', () => {
  it('moves a miscategorised ticket to the right agency, records who and why, refreshes both desk cards and tells the citizen', async () => {
    const t = await fileTicket(h.app, { category: 'sampah', agency: 'DLH', description: 'Tetangga karaoke keras sampai jam 2 pagi tiap malam' });
    const res = await admin.form(`/tiket/${t.id}/koreksi`, { category: 'ketertiban', agency: 'SATPOLPP', kelurahan: '', latitude: '', longitude: '', reason: 'Ini soal kebisingan, bukan sampah' });
    expect(res.status).toBe(303);
    expect(decodeURIComponent(res.headers.get('location')!)).toContain('warga diberi tahu');
    const after = (await h.app.store.tickets.get(t.id))!;
    expect([after.category, after.agency, after.state]).toEqual(['ketertiban', 'SATPOLPP', 'diteruskan']);
    const event = (await h.app.store.tickets.events(t.id)).find((e) => e.action === 'koreksi')!;
    expect(event.actor.name).toBe('Admin admin');
    expect(event.note).toBe('Ini soal kebisingan, bukan sampah');
    expect(event.data).toEqual({ from: { category: 'sampah', agency: 'DLH' }, to: { category: 'ketertiban', agency: 'SATPOLPP' } });
    const all = (await h.app.store.outbox.list({ limit: 1000 })).filter((r) => r.ticketId === t.id);
    const desks = all.filter((r) => r.target.kind === 'desk').map((r) => (r.target.kind === 'desk' ? r.target.agency : ''));
    expect(desks).toEqual(expect.arrayContaining(['SATPOLPP', 'DLH']));
    const told = all.filter((r) => r.target.kind === 'citizen').map((r) => (r.target.kind === 'citizen' ? r.target.message.text : ''));
    expect(told.some((x) => x.includes(t.number) && x.includes('dialihkan'))).toBe(true);
    const page = await (await admin.get(`/tiket/${t.id}`)).text();
    expect(page).toContain('Koreksi');
    expect(page).toContain('Ini soal kebisingan');
  });

  it('refuses a correction without a reason or with a kelurahan outside the city, in Indonesian', async () => {
    const t = await fileTicket(h.app, {});
    const noReason = await admin.form(`/tiket/${t.id}/koreksi`, { category: 'ketertiban', reason: '' });
    expect(decodeURIComponent(noReason.headers.get('location')!)).toContain('Tulis alasan koreksi');
    const badPlace = await admin.form(`/tiket/${t.id}/koreksi`, { kelurahan: 'Menteng', reason: 'salah tempat' });
    expect(decodeURIComponent(badPlace.headers.get('location')!)).toContain('tidak ada di daftar kota');
    expect((await h.app.store.tickets.get(t.id))!.category).toBe('sampah');
  });

  it('sets the place to a kelurahan from the city list with its kecamatan', async () => {
    const t = await fileTicket(h.app, {});
    const kel = h.app.areas.kelurahan[0]!;
    const kec = h.app.areas.kecamatan.find((k) => k.code === kel.kecamatanCode)!;
    await admin.form(`/tiket/${t.id}/koreksi`, { kelurahan: kel.name.toLowerCase(), reason: 'warga menyebut kelurahannya lewat telepon' });
    const after = (await h.app.store.tickets.get(t.id))!;
    expect([after.kelurahan, after.kecamatan]).toEqual([kel.name, kec.name]);
  });

  it('says why a ticket is in triage and offers one "Teruskan ke" with the classifier\'s guess first', async () => {
    const t = await fileTicket(h.app, { category: 'lainnya', agency: 'KOMINFO', triage: true, description: 'lampu jalan mati di depan rumah sudah seminggu' });
    const page = await (await admin.get(`/tiket/${t.id}`)).text();
    expect(page).toContain('Mengapa di triase');
    expect(page).toContain('kategorinya &quot;lainnya&quot;');
    expect(page.match(/Teruskan ke/g)).toHaveLength(1);
    expect(page).not.toContain('Alihkan ke');
    const first = /<form[^>]*id="forward-form"[\s\S]*?<option value="([A-Z]+)"/.exec(page)![1];
    expect(first).toBe('DISHUB');
  });
});
