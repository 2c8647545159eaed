/**
 * Whole scenarios through the real grammY client and the fake Bot API:
 * a citizen reports in a private chat, the card appears in the agency's
 * group, staff work it, and the citizen hears about each step.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUser } from './fake-bot-api.js';
import { createLinkedDeskHarness, DLH_GROUP, PUPR_GROUP, type TelegramHarness } from './harness.js';

const budi: FakeUser = { id: 5001, first_name: 'Budi', username: 'budi_bima' };
const sari: FakeUser = { id: 7001, first_name: 'Sari' };
const outsider: FakeUser = { id: 555, first_name: 'Orang', username: 'orang_luar' };

let h: TelegramHarness;

beforeEach(async () => {
  h = await createLinkedDeskHarness();
});

afterEach(async () => {
  await h.close();
});

/** Budi reports uncollected garbage with a photo and a map pin, and confirms. Returns the DLH card. */
async function budiReportsGarbage() {
  const { fake } = h;
  await h.step(() => fake.privatePhoto(budi, Buffer.alloc(5000, 7)));
  await h.step(() => fake.privateText(budi, 'sampah menumpuk di jalan soekarno hatta sudah 3 hari tidak diangkut'));
  await h.step(() => fake.privateLocation(budi, -8.4606, 118.7266));
  const confirm = fake.inChat(budi.id).at(-1)!;
  expect(confirm.replyMarkup?.inline_keyboard?.flat().map((b) => b.callback_data)).toEqual(['ya', 'tidak']);
  await h.step(() => fake.press(budi.id, confirm.messageId, budi, 'ya'));
  await h.deliverAll();
  const card = fake.inChat(DLH_GROUP).find((m) => m.text?.includes('BM-0001'));
  expect(card, 'the DLH group shows the ticket card').toBeDefined();
  return card!;
}

function currentCard(messageId: number) {
  return h.fake.message(DLH_GROUP, messageId)!;
}

function buttons(messageId: number, chat = DLH_GROUP): string[] {
  return (h.fake.message(chat, messageId)!.replyMarkup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? '');
}

describe('a citizen reports through the bot and staff work the ticket in their group', () => {
  it('the card appears in the DLH group with photo and pin; Ambil, a reply and Selesai with a proof photo each reach the citizen', async () => {
    const { fake, t } = h;
    const card = await budiReportsGarbage();

    // The citizen gets the ticket number; the confirm buttons are taken away after the press.
    expect(fake.textsTo(budi.id).some((x) => x.includes('BM-0001'))).toBe(true);

    // The card: number, category, location, description, photo count, supporters, masked reporter.
    expect(card.text).toContain('Sampah');
    expect(card.text).toContain('jalan soekarno hatta');
    expect(card.text).toContain('tidak diangkut');
    expect(card.text).toContain('1 foto');
    expect(card.text).toContain('0 pendukung');
    expect(card.text).toContain('Bu**');
    expect(card.text).not.toContain('budi_bima');
    expect(card.text).not.toContain('5001');
    expect(buttons(card.messageId)).toEqual(['d:ambil:1', 'd:proses:1', 'd:tolak:1', 'd:alihkan:1']);
    // The photo and the map pin are posted under the card.
    const extras = fake.inChat(DLH_GROUP).filter((m) => m.replyTo === card.messageId);
    expect(extras.map((m) => m.method)).toEqual(['sendPhoto', 'sendLocation']);
    expect(extras[0]!.photoBytes).toBe(5000);
    expect(extras[1]).toMatchObject({ latitude: -8.4606, longitude: 118.7266 });
    // Nothing went to the other desks.
    expect(fake.inChat(PUPR_GROUP).filter((m) => m.text?.includes('BM-0001'))).toEqual([]);

    // Sari presses Ambil: the callback is answered before any other call, the card shows who holds it.
    const before = fake.calls.length;
    const press = fake.press(DLH_GROUP, card.messageId, sari, 'd:ambil:1');
    await h.step(() => press);
    const firstCall = fake.calls.slice(before).find((c) => c.method !== 'getUpdates')!;
    expect(firstCall.method === 'answerCallbackQuery' || firstCall.method === 'getChatMember').toBe(true);
    const answerSeq = fake.answers.find((a) => a.callbackQueryId === press.queryId)!.seq;
    expect(fake.calls.filter((c) => c.seq > before && c.seq < answerSeq && c.method.startsWith('send'))).toEqual([]);
    expect(await t.app.tickets.get(1)).toMatchObject({ state: 'diproses', assigneeId: '7001', assigneeName: 'Sari' });
    expect(currentCard(card.messageId).text).toContain('diproses');
    expect(currentCard(card.messageId).text).toContain('Dipegang: <b>Sari</b>');
    expect(buttons(card.messageId)).toEqual(['d:proses:1', 'd:selesai:1', 'd:tolak:1', 'd:alihkan:1']);
    expect(fake.textsTo(budi.id).at(-1)).toContain('sedang ditangani');

    // Sari replies to the card: the citizen receives it as a message from the agency.
    await h.step(() => fake.groupMessage(DLH_GROUP, sari, { text: 'Petugas kami datang besok pagi.', replyTo: card.messageId }));
    expect(fake.textsTo(budi.id).at(-1)).toMatch(/Balasan dari Dinas Lingkungan Hidup[\s\S]*Petugas kami datang besok pagi\./);
    expect(fake.textsTo(budi.id).at(-1)).not.toContain('Sari');
    expect(fake.reactions.at(-1)).toMatchObject({ chatId: String(DLH_GROUP), emoji: '👍' });

    // The citizen writes about the ticket: the engine relays it (DeskPayload 'citizen_reply') into the card's thread.
    // (Driven through the service: the offline classifier reads "BM-0001 …" as a status question; see the report.)
    const ticketNow = await t.app.tickets.get(1);
    await t.app.tickets.citizenNote(ticketNow, ticketNow.citizenId, 'sampahnya makin banyak dan bau', undefined);
    await h.deliverAll();
    const relayed = fake.inChat(DLH_GROUP).find((m) => m.text?.includes('Pesan warga'));
    expect(relayed?.replyTo).toBe(card.messageId);
    expect(relayed?.text).toContain('makin banyak');

    // Selesai asks for a closing note; Sari answers the prompt with a photo and a caption.
    await h.step(() => fake.press(DLH_GROUP, card.messageId, sari, 'd:selesai:1'));
    const prompt = fake.inChat(DLH_GROUP).at(-1)!;
    expect(prompt.replyMarkup?.force_reply).toBe(true);
    expect(prompt.text).toContain('BM-0001');
    expect((await t.app.tickets.get(1)).state).toBe('diproses');
    await h.step(() => fake.groupMessage(DLH_GROUP, sari, { replyTo: prompt.messageId, photo: Buffer.alloc(3000, 9), caption: 'Sampah sudah diangkut truk DLH.' }));
    await h.deliverAll();

    const ticket = await t.app.tickets.get(1);
    expect(ticket.state).toBe('selesai');
    expect((await t.app.store.tickets.media(1)).map((m) => m.source)).toEqual(['citizen', 'staff']);
    const toBudi = fake.inChat(budi.id);
    const done = toBudi.find((m) => m.method === 'sendPhoto' && m.caption?.includes('Sampah sudah diangkut'));
    expect(done, 'the citizen receives the closing note with the proof photo').toBeDefined();
    expect(done!.photoBytes).toBe(3000);
    const feedback = toBudi.at(-1)!;
    expect(feedback.replyMarkup?.inline_keyboard?.flat().map((b) => b.callback_data)).toEqual(['beres:1', 'belum:1']);
    expect(currentCard(card.messageId).text).toContain('selesai');
    expect(buttons(card.messageId)).toEqual([]);

    // Nothing failed on the way.
    expect((await t.app.store.outbox.counts()).failed).toBe(0);
  });

  it('an outsider pressing a button, or a button pressed in another agency\'s group, is refused and changes nothing', async () => {
    const { fake, t } = h;
    const card = await budiReportsGarbage();
    fake.memberStatus.set(`${DLH_GROUP}:${outsider.id}`, 'left');

    const press = fake.press(DLH_GROUP, card.messageId, outsider, 'd:ambil:1');
    await h.step(() => press);
    const answer = fake.answers.find((a) => a.callbackQueryId === press.queryId)!;
    expect(answer.showAlert).toBe(true);
    expect(answer.text).toContain('⛔');

    // A PUPR staff member cannot act on a DLH ticket from the PUPR group.
    const elsewhere = fake.press(PUPR_GROUP, card.messageId, sari, 'd:ambil:1');
    await h.step(() => elsewhere);
    expect(fake.answers.find((a) => a.callbackQueryId === elsewhere.queryId)!.text).toContain('ditangani DLH');

    // A reply to the card by the outsider does not reach the citizen.
    const budiBefore = fake.inChat(budi.id).length;
    await h.step(() => fake.groupMessage(DLH_GROUP, outsider, { text: 'halo', replyTo: card.messageId }));
    expect(fake.inChat(budi.id).length).toBe(budiBefore);

    expect(await t.app.tickets.get(1)).toMatchObject({ state: 'diteruskan', assigneeId: null });
    expect(currentCard(card.messageId).edits).toBe(0);
  });
});
