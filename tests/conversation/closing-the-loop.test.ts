import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const W = 'warga-1';
const staff = { type: 'staff' as const, id: '7', name: 'Rina' };

async function fileAndResolve(): Promise<string> {
  await t.say(W, 'air pdam mati 2 hari');
  await t.say(W, 'rt 04 rw 02 kelurahan penatoi');
  await t.say(W, 'lewati');
  const n = /BM-\d{4}/.exec((await t.say(W, 'ya')).join('\n'))![0];
  await t.app.tickets.act(n, 'ambil', { actor: staff });
  await t.app.tickets.act(n, 'selesaikan', { actor: staff, note: 'Pipa sudah diperbaiki' });
  await t.app.worker.drain();
  return n;
}

describe('closing the loop with the citizen', () => {
  it('"belum pak masih mati" reopens the ticket with the citizen\'s words as the note', async () => {
    const n = await fileAndResolve();
    expect(t.inbox(W).join('\n')).toContain('Apakah masalahnya sudah beres?');
    expect((await t.say(W, 'belum pak masih mati')).join('\n')).toContain(`Laporan *${n}* sudah kami buka kembali`);
    const ticket = (await t.app.store.tickets.getByNumber(n))!;
    expect(ticket).toMatchObject({ state: 'diproses', reopenCount: 1 });
    expect((await t.app.store.tickets.events(ticket.id)).at(-1)).toMatchObject({ action: 'buka_kembali', note: 'belum pak masih mati' });
  });

  it('a bare "belum" reopens at once, then passes what is still wrong to the desk', async () => {
    const n = await fileAndResolve();
    const answer = (await t.say(W, 'belum')).join('\n');
    expect(answer).toContain(`Laporan *${n}* sudah kami buka kembali`);
    expect(answer).toContain('Apa yang masih perlu ditangani?');
    expect((await t.app.store.tickets.getByNumber(n))!.state).toBe('diproses');
    expect((await t.say(W, 'airnya cuma ngalir sebentar')).join('\n')).toContain('sudah kami sampaikan');
    const relay = (await t.app.store.outbox.list({})).find((r) => r.target.kind === 'desk' && r.target.payload.type === 'citizen_reply');
    expect(relay?.target.kind === 'desk' && relay.target.payload.type === 'citizen_reply' && relay.target.payload.text).toBe('airnya cuma ngalir sebentar');
  });

  it('"udah beres" closes it, then asks for a rating and a comment', async () => {
    const n = await fileAndResolve();
    expect((await t.say(W, 'udah beres makasih')).join('\n')).toContain('Balas angka *1*');
    expect((await t.say(W, '4')).join('\n')).toContain('saran atau komentar');
    expect((await t.say(W, 'petugasnya ramah')).join('\n')).toContain(`Laporan *${n}* kami tutup`);
    expect(await t.app.store.tickets.getByNumber(n)).toMatchObject({ state: 'ditutup', rating: 4, ratingComment: 'petugasnya ramah' });
  });

  it('"saya mau lapor" asks what the problem is instead of repeating the menu', async () => {
    expect((await t.say(W, 'saya mau lapor')).join('\n')).toContain('ceritakan singkat masalahnya');
    expect((await t.say(W, 'lampu jalan mati di gang mawar')).join('\n')).toMatch(/foto|periksa/);
  });

  it('a photo question accepts "foto nyusul" and moves on', async () => {
    await t.say(W, 'jalan berlubang');
    await t.say(W, 'jalan kartini');
    expect((await t.say(W, 'foto nyusul ya')).join('\n')).toContain('Kirim laporan ini?');
  });
});

describe('a citizen writes about a ticket they filed', () => {
  it('news about it reaches the agency desk; a plain status question does not', async () => {
    await t.say(W, 'sampah numpuk di tps');
    await t.say(W, 'jalan kenanga');
    await t.say(W, 'lewati');
    const n = /BM-\d{4}/.exec((await t.say(W, 'ya')).join('\n'))![0];
    const relays = async () => (await t.app.store.outbox.list({})).filter((r) => r.target.kind === 'desk' && r.target.payload.type === 'citizen_reply');

    expect((await t.say(W, `cek ${n} gimana min`)).join('\n')).toContain(`Laporan *${n}*`);
    expect(await relays()).toHaveLength(0);

    expect((await t.say(W, `${n} sampahnya masih numpuk makin bau, tikus banyak`)).join('\n')).toContain(`Laporan *${n}*`);
    expect(await relays()).toHaveLength(1);
    const relay = (await relays())[0]!;
    expect(relay.target.kind === 'desk' && relay.target.payload.type === 'citizen_reply' && relay.target.payload.text).toContain('tikus banyak');
  });
});
