import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { createDeskApp, FakeDesk, fileTicket, STAFF } from './support.js';

let t: TestApp;
let desk: FakeDesk;
beforeEach(async () => { ({ t, desk } = await createDeskApp()); });
afterEach(async () => { await t.close(); });

const PELAPOR = 'pelapor';
const PENDUKUNG = 'pendukung';
const DIAM = 'pendukung-diam';

async function act(...args: Parameters<TestApp['app']['tickets']['act']>) {
  const ticket = await t.app.tickets.act(...args);
  await t.app.worker.drain();
  return ticket;
}
/** The reporter and one supporter; a second supporter said STOP. */
async function ticketWithSupporters(category = 'sampah', triage = false) {
  const tk = await fileTicket(t, PELAPOR, category, triage ? { agency: 'KOMINFO', triage: true } : {});
  for (const who of [PENDUKUNG, DIAM]) {
    const c = await t.app.store.citizens.resolve('memory', { address: who }, t.clock.now());
    await t.app.tickets.support(tk.id, c.id);
  }
  await t.app.store.citizens.setMuted((await t.app.store.citizens.findByAddress('memory', DIAM))!.id, true);
  return tk;
}
const last = (who: string) => t.inbox(who).at(-1);

describe('status updates in Indonesian on every transition, to the reporter and supporters', () => {
  it('forwarded, taken, progress, staff reply, reassigned, resolved with note and proof photo, "Sudah beres?"', async () => {
    const tk = await ticketWithSupporters('sampah', true);
    expect(tk.state).toBe('baru');
    await act(tk.id, 'teruskan', { actor: { type: 'admin', id: 'budi' }, agency: 'DLH' });
    expect(last(PELAPOR)).toBe('Laporan *BM-0001* sudah diteruskan ke *Dinas Lingkungan Hidup* dan menunggu ditindaklanjuti.');
    await act(tk.id, 'ambil', { actor: STAFF });
    expect(last(PELAPOR)).toBe('Kabar baik, laporan *BM-0001* sedang ditangani oleh petugas Dinas Lingkungan Hidup.');
    await act(tk.id, 'proses', { actor: STAFF, note: 'Truk sampah dijadwalkan besok pagi' });
    expect(last(PELAPOR)).toBe('Perkembangan laporan *BM-0001*: Truk sampah dijadwalkan besok pagi');
    await t.app.tickets.staffReply(tk.id, STAFF, 'Mohon kirim foto titik tumpukannya');
    await t.app.worker.drain();
    expect(last(PELAPOR)).toBe('Balasan dari Dinas Lingkungan Hidup untuk laporan *BM-0001*:\nMohon kirim foto titik tumpukannya');
    await act(tk.id, 'alihkan', { actor: STAFF, agency: 'PUPR' });
    expect(last(PELAPOR)).toBe('Laporan *BM-0001* dialihkan ke *Dinas Pekerjaan Umum dan Penataan Ruang* yang lebih berwenang menanganinya.');
    await act(tk.id, 'ambil', { actor: STAFF });
    await act(tk.id, 'selesaikan', { actor: STAFF, note: 'Saluran sudah dibersihkan', photoPath: 'media/bukti.jpg' });

    const [selesai, ask] = t.channel.sent.filter((m) => m.to === PELAPOR).slice(-2);
    expect(selesai).toMatchObject({
      text: 'Laporan *BM-0001* dinyatakan selesai oleh Dinas Pekerjaan Umum dan Penataan Ruang.\nCatatan petugas: Saluran sudah dibersihkan',
      photoPath: 'media/bukti.jpg',
    });
    expect(ask).toMatchObject({
      text: 'Apakah masalahnya sudah beres? (laporan *BM-0001*)',
      choices: [{ id: `beres:${tk.id}`, label: 'Ya, sudah beres' }, { id: `belum:${tk.id}`, label: 'Belum beres' }],
    });
    // The supporter hears status and agency changes only: no progress notes, staff replies, closing note or proof photo,
    // and is not asked "Sudah beres?" (only the reporter answers it); STOP means nothing.
    expect(t.inbox(PENDUKUNG)).toEqual([
      'Laporan *BM-0001* sudah diteruskan ke *Dinas Lingkungan Hidup* dan menunggu ditindaklanjuti.',
      'Kabar baik, laporan *BM-0001* sedang ditangani oleh petugas Dinas Lingkungan Hidup.',
      'Laporan *BM-0001* dialihkan ke *Dinas Pekerjaan Umum dan Penataan Ruang* yang lebih berwenang menanganinya.',
      'Kabar baik, laporan *BM-0001* sedang ditangani oleh petugas Dinas Pekerjaan Umum dan Penataan Ruang.',
      'Laporan *BM-0001* yang Anda dukung dinyatakan selesai oleh Dinas Pekerjaan Umum dan Penataan Ruang.',
    ]);
    expect(t.channel.sent.filter((m) => m.to === PENDUKUNG).some((m) => m.photoPath)).toBe(false);
    expect(t.inbox(DIAM)).toEqual([]);
    // Each change also refreshed the desk card(s).
    expect(desk.delivered.filter((d) => d.payload.type === 'card').map((d) => d.agency)).toContain('PUPR');
  });

  it('rejected with the reason; cancelled; closed', async () => {
    const a = await ticketWithSupporters();
    await act(a.id, 'tolak', { actor: STAFF, note: 'Lokasi di luar wilayah Kota Bima' });
    expect(last(PELAPOR)).toBe('Mohon maaf, laporan *BM-0001* tidak dapat ditindaklanjuti.\nAlasan: Lokasi di luar wilayah Kota Bima');
    expect(last(PENDUKUNG)).toBe('Mohon maaf, laporan *BM-0001* yang Anda dukung tidak dapat ditindaklanjuti.');

    const b = await fileTicket(t, PELAPOR, 'sampah');
    await act(b.id, 'batalkan', { actor: { type: 'admin', id: 'budi' }, note: 'Laporan ganda' });
    expect(last(PELAPOR)).toBe('Laporan *BM-0002* telah dibatalkan.');

    const c = await fileTicket(t, PELAPOR, 'sampah');
    await act(c.id, 'ambil', { actor: STAFF });
    await act(c.id, 'selesaikan', { actor: STAFF, note: 'Sudah diangkut' });
    await act(c.id, 'tutup', { actor: { type: 'system' } });
    expect(last(PELAPOR)).toBe('Laporan *BM-0003* sudah ditutup. Terima kasih atas partisipasi Anda.');
  });
});
