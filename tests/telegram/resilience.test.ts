/**
 * The desk under stress and change: a 429 storm loses nothing, a ticket moved
 * to another agency moves its card, a group upgraded to a supergroup keeps its
 * desk, a prompt survives a restart, and a too-big photo is refused politely.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUser } from './fake-bot-api.js';
import { ADMIN, createLinkedDeskHarness, DLH_GROUP, PUPR_GROUP, type TelegramHarness } from './harness.js';

const sari: FakeUser = { id: 7001, first_name: 'Sari' };
const citizens: FakeUser[] = [
  { id: 5001, first_name: 'Budi' }, { id: 5002, first_name: 'Siti' }, { id: 5003, first_name: 'Ahmad' },
];

let h: TelegramHarness;

beforeEach(async () => {
  h = await createLinkedDeskHarness();
});

afterEach(async () => {
  await h.close();
});

/** A citizen reports garbage at a street (with a pin, no photo) and confirms; returns the ticket number. */
async function report(user: FakeUser, street: string): Promise<void> {
  const { fake } = h;
  // Each step is delivered completely (retries included) before the citizen answers.
  const step = async (push: () => number | { updateId: number }) => {
    await h.step(push);
    await h.deliverAll();
  };
  await step(() => fake.privateText(user, `sampah menumpuk di ${street} sudah 3 hari tidak diangkut`));
  // Pins far apart: the engine would otherwise offer to support the first report.
  await step(() => fake.privateLocation(user, -8.4 - user.id / 100, 118.7));
  let last = fake.inChat(user.id).at(-1)!;
  if (last.text?.includes('foto')) {
    await step(() => fake.privateText(user, 'lewati'));
    last = fake.inChat(user.id).at(-1)!;
  }
  const ya = last.replyMarkup?.inline_keyboard?.flat().find((b) => b.callback_data === 'ya');
  if (!ya) throw new Error(`expected the confirm question, got: ${last.text}`);
  await step(() => fake.press(user.id, last.messageId, user, 'ya'));
}

describe('Telegram desks under stress and change', () => {
  it('a 429 storm (with 5xx mixed in) loses nothing and duplicates nothing', async () => {
    const { fake, t } = h;
    // A seeded storm: about a third of sends and edits fail, mostly 429 (retry after 30 s, beyond what is retried in place).
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    let storms = 0;
    fake.setFailWhen((method) => {
      if (!['sendMessage', 'sendPhoto', 'sendLocation', 'editMessageText'].includes(method)) return undefined;
      const r = random();
      if (r < 0.22) return (storms++, { code: 429, retryAfter: 30 });
      if (r < 0.33) return (storms++, { code: 502 });
      return undefined;
    });
    await report(citizens[0]!, 'jalan soekarno hatta');
    await report(citizens[1]!, 'jalan gajah mada');
    await report(citizens[2]!, 'jalan sultan hasanuddin');
    await h.deliverAll();
    fake.setFailWhen(undefined);

    expect((await t.app.store.outbox.list({ status: 'failed' })).map((r) => r.lastError)).toEqual([]);
    expect(await t.app.store.outbox.counts()).toMatchObject({ failed: 0, pending: 0, uncertain: 0 });
    expect(storms).toBeGreaterThan(5);
    for (const [i, c] of citizens.entries()) {
      const filed = fake.textsTo(c.id).filter((x) => x.includes(`BM-000${i + 1}`));
      expect(filed.length, `citizen ${c.first_name} got the ticket number once`).toBe(1);
    }
    // One card per ticket in the DLH group, each with one pin under it.
    const cards = fake.inChat(DLH_GROUP).filter((m) => m.method === 'sendMessage' && /^<b>BM-000\d<\/b>/.test(m.text ?? ''));
    expect(cards.map((c) => c.text!.slice(3, 10)).sort()).toEqual(['BM-0001', 'BM-0002', 'BM-0003']);
    for (const c of cards) expect(fake.inChat(DLH_GROUP).filter((m) => m.replyTo === c.messageId && m.method === 'sendLocation')).toHaveLength(1);
  });

  it('Alihkan moves the card: the old desk shows "dialihkan ke PUPR" without buttons, the PUPR group gets a working card', async () => {
    const { fake, t } = h;
    await report(citizens[0]!, 'jalan soekarno hatta');
    await h.deliverAll();
    const card = fake.inChat(DLH_GROUP).find((m) => m.text?.startsWith('<b>BM-0001'))!;
    await h.step(() => fake.press(DLH_GROUP, card.messageId, sari, 'd:alihkan:1'));
    expect(fake.message(DLH_GROUP, card.messageId)!.replyMarkup?.inline_keyboard?.flat().map((b) => b.callback_data)).toContain('d:ke:1:PUPR');
    await h.step(() => fake.press(DLH_GROUP, card.messageId, sari, 'd:ke:1:PUPR'));
    await h.deliverAll();

    expect(await t.app.tickets.get(1)).toMatchObject({ agency: 'PUPR', state: 'diteruskan' });
    const old = fake.message(DLH_GROUP, card.messageId)!;
    expect(old.text).toContain('Dialihkan ke Dinas Pekerjaan Umum');
    expect(old.replyMarkup?.inline_keyboard ?? []).toEqual([]);
    const moved = fake.inChat(PUPR_GROUP).find((m) => m.text?.startsWith('<b>BM-0001'));
    expect(moved?.replyMarkup?.inline_keyboard?.flat().map((b) => b.callback_data)).toContain('d:ambil:1');
    expect(fake.textsTo(citizens[0]!.id).at(-1)).toContain('dialihkan');
    // The old desk can no longer act on it.
    const late = fake.press(DLH_GROUP, card.messageId, sari, 'd:ambil:1');
    await h.step(() => late);
    expect(fake.answers.find((a) => a.callbackQueryId === late.queryId)?.showAlert).toBe(true);
  });

  it('/antrian lists open tickets by age and /tiket shows one with its history', async () => {
    const { fake, t } = h;
    await report(citizens[0]!, 'jalan soekarno hatta');
    t.clock.advance(3 * 3_600_000);
    await report(citizens[1]!, 'jalan gajah mada');
    await h.deliverAll();
    await h.step(() => fake.groupMessage(DLH_GROUP, sari, { text: '/antrian' }));
    const list = fake.inChat(DLH_GROUP).at(-1)!.text!;
    expect(list.indexOf('BM-0001')).toBeLessThan(list.indexOf('BM-0002'));
    expect(list).toContain('3 jam');
    await h.step(() => fake.groupMessage(DLH_GROUP, sari, { text: '/tiket bm-0001' }));
    const detail = fake.inChat(DLH_GROUP).at(-1)!.text!;
    expect(detail).toContain('Riwayat');
    expect(detail).toContain('Dibuat');
    // Another agency's group cannot read it.
    await h.step(() => fake.groupMessage(PUPR_GROUP, sari, { text: '/tiket BM-0001' }));
    expect(fake.inChat(PUPR_GROUP).at(-1)!.text).toContain('ditangani DLH');
  });

  it('a group upgraded to a supergroup keeps its desk and its cards', async () => {
    const { fake, t } = h;
    await report(citizens[0]!, 'jalan soekarno hatta');
    await h.deliverAll();
    const SUPER = -1001234567890;
    await h.step(() => fake.migrate(DLH_GROUP, SUPER, ADMIN));
    expect((await t.app.store.deskLinks.byAgency('DLH')).map((l) => l.chatId)).toEqual([String(SUPER)]);
    await report(citizens[1]!, 'jalan gajah mada');
    await h.deliverAll();
    expect(fake.inChat(SUPER).some((m) => m.text?.startsWith('<b>BM-0002'))).toBe(true);
  });

  it('a Selesai prompt survives a restart of the adapter; a note is required', async () => {
    const { fake, t } = h;
    await report(citizens[0]!, 'jalan soekarno hatta');
    await h.deliverAll();
    const card = fake.inChat(DLH_GROUP).find((m) => m.text?.startsWith('<b>BM-0001'))!;
    await h.step(() => fake.press(DLH_GROUP, card.messageId, sari, 'd:ambil:1'));
    await h.step(() => fake.press(DLH_GROUP, card.messageId, sari, 'd:selesai:1'));
    const prompt = fake.inChat(DLH_GROUP).at(-1)!;
    await h.restartTelegram();
    await h.step(() => fake.groupMessage(DLH_GROUP, sari, { replyTo: prompt.messageId, photo: Buffer.alloc(2000, 3) }));
    expect((await t.app.tickets.get(1)).state).toBe('diproses');
    expect(fake.inChat(DLH_GROUP).at(-1)!.text).toContain('Foto bukti diterima');
    await h.step(() => fake.groupMessage(DLH_GROUP, sari, { replyTo: prompt.messageId, text: 'Sudah diangkut.' }));
    await h.deliverAll();
    expect((await t.app.tickets.get(1)).state).toBe('selesai');
    expect((await t.app.store.tickets.media(1)).filter((m) => m.source === 'staff')).toHaveLength(1);
  });

  it('a photo over TELEGRAM_MAX_PHOTO_BYTES is refused with a message, and a voice note gets the media reply', async () => {
    const { fake } = h;
    const user = citizens[0]!;
    await h.step(() => fake.privatePhoto(user, Buffer.alloc(100, 1), undefined, 50_000_000));
    expect(fake.textsTo(user.id).at(-1)).toMatch(/foto|besar/i);
    await h.step(() => fake.privateVoice(user));
    expect(fake.textsTo(user.id).length).toBeGreaterThanOrEqual(2);
  });
});
