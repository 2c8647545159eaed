import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const WARGA = '6281234567890@c.us';

describe('a citizen files a complaint', () => {
  it('greets with the menu, asks for the location, a photo, confirms and gives a ticket number', async () => {
    expect((await t.say(WARGA, 'halo'))[0]).toContain('SuaraWarga Kota Bima');

    const askLocation = await t.say(WARGA, 'lampu jalan mati udah 3 hari, gelap bgt kalo malam');
    expect(askLocation.join('\n')).toMatch(/Di mana lokasinya/);

    const askPhoto = await t.say(WARGA, 'jln soekarno hatta depan masjid raya');
    expect(askPhoto.join('\n')).toMatch(/kirimkan foto/);

    const summary = await t.say(WARGA, 'gak ada');
    expect(summary.join('\n')).toContain('Kategori: *Lampu Jalan*');

    const filed = (await t.say(WARGA, 'ya')).join('\n');
    expect(filed).toContain('Nomor laporan: *BM-0001*');
    expect(filed).toContain('Dinas Perhubungan');

    const ticket = (await t.app.store.tickets.getByNumber('BM-0001'))!;
    expect(ticket).toMatchObject({ category: 'lampu_jalan', agency: 'DISHUB', state: 'diteruskan' });
    expect(ticket.locationText?.toLowerCase()).toContain('soekarno hatta');
    expect((await t.app.store.tickets.events(ticket.id)).map((e) => e.action)).toEqual(['dibuat', 'teruskan']);
  });

  it('takes a shared map pin and a photo, then files several complaints in a row', async () => {
    await t.say(WARGA, 'got mampet airnya meluap ke jalan');
    await t.say(WARGA, undefined, { location: { latitude: -8.4606, longitude: 118.7271, name: 'Jl. Gajah Mada' } });
    const afterPhoto = await t.say(WARGA, undefined, { media: { kind: 'photo', path: '/tmp/got.jpg', bytes: 1000 } });
    expect(afterPhoto.join('\n')).toContain('Foto: 1 foto');
    await t.say(WARGA, '1');

    await t.say(WARGA, 'sampah di tps pasar belum diangkut seminggu, bau banget');
    await t.say(WARGA, 'lewati');
    const second = (await t.say(WARGA, 'iya')).join('\n');
    expect(second).toContain('BM-0002');

    const first = (await t.app.store.tickets.getByNumber('BM-0001'))!;
    expect(first).toMatchObject({ category: 'banjir_drainase', latitude: -8.4606, longitude: 118.7271 });
    expect(await t.app.store.tickets.media(first.id)).toHaveLength(1);
    expect((await t.app.store.tickets.getByNumber('BM-0002'))!.category).toBe('sampah');
  });

  it('lets the citizen change their mind with "batal"', async () => {
    await t.say(WARGA, 'jalan berlubang besar di gang melati');
    const cancelled = await t.say(WARGA, 'batal');
    expect(cancelled.join('\n')).toContain('dibatalkan');
    expect(await t.app.store.tickets.list({})).toHaveLength(0);
    expect((await t.say(WARGA, 'ya')).join('\n')).not.toContain('Nomor laporan');
  });

  it('drops a draft abandoned for too long, with a polite note', async () => {
    await t.say(WARGA, 'pohon tumbang di jalan');
    t.clock.advance(3 * 60 * 60_000);
    const next = (await t.say(WARGA, 'halo')).join('\n');
    expect(next).toContain('sudah lama tidak ada balasan');
    expect(next).toContain('selamat datang');
  });

  it('asks to pick a category when it cannot tell, and accepts the number', async () => {
    const ask = (await t.say(WARGA, 'tolong pak ada masalah di depan rumah saya di kelurahan paruga')).join('\n');
    if (ask.includes('termasuk yang mana')) {
      const lines = ask.split('\n').filter((l) => /^\d+\. /.test(l));
      const index = lines.findIndex((l) => l.includes('Jalan Rusak'));
      const n = index >= 0 ? index + 1 : 1;
      const next = (await t.say(WARGA, String(n))).join('\n');
      expect(next).toMatch(/foto|lokasi|periksa/i);
    } else {
      // The classifier was confident; the flow must then ask for what is missing.
      expect(ask).toMatch(/foto|lokasi|periksa/i);
    }
  });

  it('tells the citizen to call 112 at once in an emergency, and still files the ticket', async () => {
    const first = (await t.say(WARGA, 'kebakaran rumah di jalan sultan kaharuddin tolong cepat')).join('\n');
    expect(first).toContain('segera telepon 112');
    const summary = (await t.say(WARGA, 'x')).join('\n');
    if (!summary.includes('Kirim laporan ini')) await t.say(WARGA, 'lewati');
    await t.say(WARGA, 'ya');
    const ticket = (await t.app.store.tickets.list({}))[0]!;
    expect(ticket).toMatchObject({ category: 'kebakaran', agency: 'DAMKAR', emergency: true });
  });
});

describe('a citizen checks their reports', () => {
  async function fileOne(text: string, place: string): Promise<string> {
    await t.say(WARGA, text);
    await t.say(WARGA, place);
    await t.say(WARGA, 'lewati');
    const filed = (await t.say(WARGA, 'ya')).join('\n');
    return /BM-\d{4}/.exec(filed)![0];
  }

  it('by ticket number, in any spelling, and as "laporan saya"', async () => {
    const a = await fileOne('air pdam mati dari kemarin', 'perumahan griya asri blok c');
    const b = await fileOne('parkir liar bikin macet', 'jalan sumbawa depan toko');
    expect((await t.say(WARGA, `cek ${a.toLowerCase().replace('-', ' ')}`)).join('\n')).toContain(`Laporan *${a}*`);
    const mine = (await t.say(WARGA, 'laporan saya')).join('\n');
    expect(mine).toContain(a);
    expect(mine).toContain(b);
  });

  it('does not show someone else\'s ticket', async () => {
    const a = await fileOne('air pdam mati dari kemarin', 'perumahan griya asri blok c');
    expect((await t.say('6289999999999@c.us', `cek ${a}`)).join('\n')).toContain('tidak ditemukan');
  });

  it('answers "laporan saya" with none when there are none', async () => {
    expect((await t.say(WARGA, 'laporan saya udah diproses belum?')).join('\n')).toMatch(/tidak punya laporan/);
  });
});

describe('a conversation survives a restart', () => {
  it('continues where it was after the process is killed mid-conversation', async () => {
    await t.say(WARGA, 'jalan rusak parah banyak lubang');
    await t.restart();
    const askPhoto = (await t.say(WARGA, 'jalan diponegoro dekat sdn 4')).join('\n');
    expect(askPhoto).toMatch(/kirimkan foto/);
    await t.say(WARGA, 'lewati');
    expect((await t.say(WARGA, 'ya')).join('\n')).toContain('BM-0001');
  });
});
