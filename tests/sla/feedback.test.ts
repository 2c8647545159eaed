import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slaDeadlines } from '../../core/sla/checker.js';
import type { TestApp } from '../support/app.js';
import { createDeskApp, FakeDesk, fileTicket, STAFF, wita } from '../outbox/support.js';

let t: TestApp;
let desk: FakeDesk;
beforeEach(async () => { ({ t, desk } = await createDeskApp()); });
afterEach(async () => { await t.close(); });

const WARGA = 'warga-a';
const ticket = async (id: number) => (await t.app.store.tickets.get(id))!;

async function resolved(note = 'Sampah sudah diangkut') {
  const tk = await fileTicket(t, WARGA, 'sampah');
  await t.app.tickets.act(tk.id, 'ambil', { actor: STAFF });
  await t.app.tickets.act(tk.id, 'selesaikan', { actor: STAFF, note });
  await t.app.worker.drain();
  return tk;
}

describe('closing the loop', () => {
  it('"Ya" closes the ticket and asks for a 1–5 rating and a comment, stored for the agency', async () => {
    const tk = await resolved();
    expect((await t.say(WARGA, 'ya sudah'))[0]).toContain('Berapa nilai Anda');
    expect((await ticket(tk.id)).state).toBe('ditutup');
    expect((await t.say(WARGA, '4'))[0]).toContain('Ada saran atau komentar');
    expect((await t.say(WARGA, 'petugasnya cepat, makasih'))[0]).toBe('Terima kasih atas penilaian Anda. Laporan *BM-0001* kami tutup. Semoga Kota Bima makin nyaman 🙏');
    expect(await ticket(tk.id)).toMatchObject({ state: 'ditutup', agency: 'DLH', rating: 4, ratingComment: 'petugasnya cepat, makasih' });
  });

  it('the button works too, and the comment can be skipped', async () => {
    const tk = await resolved();
    await t.say(WARGA, undefined, { choice: `beres:${tk.id}` });
    await t.say(WARGA, undefined, { choice: 'nilai:5' });
    expect((await t.say(WARGA, 'lewati'))[0]).toContain('Terima kasih atas penilaian Anda');
    expect(await ticket(tk.id)).toMatchObject({ state: 'ditutup', rating: 5, ratingComment: null });
  });

  it('"Belum" reopens to the same agency with the citizen\'s note; the second reopen escalates to the command centre', async () => {
    const tk = await resolved();
    t.clock.advance(3_600_000);
    expect((await t.say(WARGA, 'masih ada sisa sampah di pojok gang'))[0]).toBe('Mohon maaf masalahnya belum beres. Laporan *BM-0001* sudah kami buka kembali dan diteruskan lagi ke Dinas Lingkungan Hidup.');
    let now = await ticket(tk.id);
    expect(now).toMatchObject({ state: 'diproses', agency: 'DLH', reopenCount: 1, escalationLevel: 0 });
    expect((await t.app.store.tickets.events(tk.id)).at(-1)).toMatchObject({ action: 'buka_kembali', note: 'masih ada sisa sampah di pojok gang' });
    // The agency gets a fresh resolve window from the reopening.
    expect(slaDeadlines(now, t.app.prompts.current()).resolveBy).toBe(wita('2026-11-30T11:00'));
    expect(desk.notices('KOMINFO')).toEqual([]);

    await t.app.tickets.act(tk.id, 'selesaikan', { actor: STAFF, note: 'Sisa sampah sudah diangkut' });
    await t.app.worker.drain();
    await t.say(WARGA, 'belum');
    await t.say(WARGA, 'masih bau dan belum bersih');
    now = (await ticket(tk.id));
    expect(now).toMatchObject({ state: 'diproses', reopenCount: 2, escalationLevel: 1 });
    expect(desk.notices('KOMINFO')).toEqual(['🚨 Eskalasi: laporan BM-0001 (Dinas Lingkungan Hidup) sudah dibuka kembali 2 kali oleh warga.']);
    expect(desk.notices('DLH')).toEqual(desk.notices('KOMINFO'));
  });

  it('no answer within close_after_days: the ticket is closed (ditutup) and the citizen told', async () => {
    const tk = await resolved();
    t.clock.advance(3 * 86_400_000 - 60_000);
    expect((await t.app.sla.runOnce()).closed).toBe(0);
    t.clock.advance(60_000);
    expect((await t.app.sla.runOnce()).closed).toBe(1);
    await t.app.worker.drain();
    expect((await ticket(tk.id)).state).toBe('ditutup');
    expect(t.inbox(WARGA).at(-1)).toBe('Laporan *BM-0001* sudah ditutup. Terima kasih atas partisipasi Anda.');
    expect((await t.app.store.tickets.events(tk.id)).at(-1)).toMatchObject({ action: 'tutup', actor: { type: 'system' } });
    // A late "ya" no longer changes anything.
    expect((await t.app.sla.runOnce()).closed).toBe(0);
  });

  it('a bare "Belum" reopens at once, so the ticket is never auto-closed while the citizen writes the note', async () => {
    const tk = await resolved();
    expect((await t.say(WARGA, 'belum')).join('\n')).toContain('Apa yang masih perlu ditangani');
    expect(await ticket(tk.id)).toMatchObject({ state: 'diproses', reopenCount: 1 });
    t.clock.advance(3 * 86_400_000);
    expect(await t.app.sla.runOnce()).toMatchObject({ closed: 0 });
    expect((await ticket(tk.id)).state).toBe('diproses');
  });
});

describe('citizen controls', () => {
  it('STOP silences every update (and "Sudah beres?"); LANJUT resumes them', async () => {
    const tk = await fileTicket(t, WARGA, 'sampah');
    expect((await t.say(WARGA, 'STOP'))[0]).toContain('tidak akan menerima kabar');
    await t.app.tickets.act(tk.id, 'ambil', { actor: STAFF });
    await t.app.tickets.act(tk.id, 'proses', { actor: STAFF, note: 'Dijadwalkan' });
    await t.app.worker.drain();
    expect(t.inbox(WARGA)).toHaveLength(1);
    expect((await t.say(WARGA, 'berhenti'))[0]).toContain('tidak akan menerima kabar');
    expect((await t.say(WARGA, 'LANJUT'))[0]).toBe('Baik, kabar perkembangan laporan akan kami kirimkan lagi.');
    await t.app.tickets.act(tk.id, 'selesaikan', { actor: STAFF, note: 'Sudah diangkut' });
    await t.app.worker.drain();
    expect(t.inbox(WARGA).slice(-2)[1]).toContain('Apakah masalahnya sudah beres?');
  });

  it('"batal BM-0001" cancels before it is resolved; afterwards it cannot be cancelled', async () => {
    const a = await fileTicket(t, WARGA, 'sampah');
    expect(await t.say(WARGA, 'batal BM-0001')).toEqual(['Laporan *BM-0001* sudah dibatalkan atas permintaan Anda.']);
    expect((await ticket(a.id)).state).toBe('dibatalkan');
    const b = await resolved();
    expect(await t.say(WARGA, `batal ${b.number}`)).toEqual([`Laporan *${b.number}* tidak bisa dibatalkan karena statusnya sudah *selesai*.`]);
    // Someone else's ticket is "not found", not cancelled.
    const c = await fileTicket(t, 'orang-lain', 'sampah');
    expect((await t.say(WARGA, `batal ${c.number}`))[0]).toContain('tidak ditemukan');
    expect((await ticket(c.id)).state).toBe('diteruskan');
  });
});
