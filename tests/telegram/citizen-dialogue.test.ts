/**
 * The conversation over the real Telegram adapter and the fake Bot API: the
 * most common Indonesian confirmation ("ya min") files the report, and a
 * forged callback (Telegram lets a client send any callback data) is refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUser } from './fake-bot-api.js';
import { createTelegramHarness, type TelegramHarness } from './harness.js';

const rina: FakeUser = { id: 6101, first_name: 'Rina' };
const forger: FakeUser = { id: 6666, first_name: 'Iseng' };

let h: TelegramHarness;
beforeEach(async () => { h = await createTelegramHarness(); });
afterEach(async () => { await h.close(); });

async function text(user: FakeUser, t: string): Promise<string> {
  const before = h.fake.textsTo(user.id).length;
  await h.step(() => h.fake.privateText(user, t));
  return h.fake.textsTo(user.id).slice(before).join('\n');
}

describe('a citizen on Telegram', () => {
  it('answers the summary with "ya min" and gets a ticket number', async () => {
    expect(await text(rina, 'sampah numpuk di jalan sudirman dekat pasar udah seminggu')).toContain('foto');
    expect(await text(rina, 'lewati')).toContain('Kirim laporan ini?');
    const filed = await text(rina, 'ya min');
    expect(filed).toContain('BM-0001');
    expect(filed).not.toContain('Balas');
    expect(await h.t.app.store.tickets.getByNumber('BM-0001')).toMatchObject({ category: 'sampah' });
  });

  it('a forged "dukung:<id>" callback does not make the forger a supporter or show the ticket', async () => {
    await text(rina, 'sampah numpuk di jalan sudirman dekat pasar udah seminggu');
    await text(rina, 'lewati');
    await text(rina, 'RAHASIA');
    await text(rina, 'ya');
    const ticket = (await h.t.app.store.tickets.getByNumber('BM-0001'))!;
    expect(ticket.confidential).toBe(true);

    await text(forger, 'halo');
    const last = h.fake.inChat(forger.id).at(-1)!;
    await h.step(() => h.fake.press(forger.id, last.messageId, forger, `dukung:${ticket.id}`));
    await h.step(() => h.fake.press(forger.id, last.messageId, forger, 'kategori:senjata'));
    const seen = h.fake.textsTo(forger.id).join('\n');
    expect(seen).not.toContain('dukungan Anda');
    expect(await h.t.app.store.tickets.supporters(ticket.id)).toEqual([]);
    expect(await text(forger, 'cek BM-0001')).toContain('tidak ditemukan');
  });
});
