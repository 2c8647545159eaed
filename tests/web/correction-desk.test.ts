/**
 * A correction made in the command centre reaches the Telegram desks through
 * the real outbox and the fake Bot API: the DLH card says "dialihkan" and
 * loses its buttons, PUPR gets a working card, the citizen is told.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCorrections } from '../../core/tickets/corrections.js';
import type { FakeUser } from '../telegram/fake-bot-api.js';
import { createLinkedDeskHarness, DLH_GROUP, PUPR_GROUP, type TelegramHarness } from '../telegram/harness.js';

const budi: FakeUser = { id: 5001, first_name: 'Budi' };
let h: TelegramHarness;

beforeEach(async () => {
  h = await createLinkedDeskHarness();
});
afterEach(async () => {
  await h.close();
});

describe('a correction from the command centre', () => {
  it('moves the desk card from DLH to PUPR and tells the citizen', async () => {
    const { fake, t } = h;
    await h.step(() => fake.privateText(budi, 'sampah menumpuk di jalan soekarno hatta sudah 3 hari tidak diangkut'));
    await h.step(() => fake.privateLocation(budi, -8.4606, 118.7266));
    const confirm = fake.inChat(budi.id).at(-1)!;
    await h.step(() => fake.press(budi.id, confirm.messageId, budi, 'ya'));
    await h.deliverAll();
    const card = fake.inChat(DLH_GROUP).find((m) => m.text?.startsWith('<b>BM-0001'))!;
    expect(card).toBeDefined();

    const corrections = createCorrections({ store: t.app.store, config: t.app.prompts.current, clock: t.app.clock });
    await corrections.correct(1, { category: 'jalan_rusak', agency: 'PUPR' }, { type: 'admin', id: 'web:budi', name: 'Admin budi' }, 'Ternyata jalan berlubang, bukan sampah');
    await h.deliverAll();

    const old = fake.message(DLH_GROUP, card.messageId)!;
    expect(old.text).toContain('Dialihkan ke Dinas Pekerjaan Umum');
    expect(old.replyMarkup?.inline_keyboard ?? []).toEqual([]);
    const moved = fake.inChat(PUPR_GROUP).find((m) => m.text?.startsWith('<b>BM-0001'));
    expect(moved?.text).toContain('Jalan Rusak');
    expect(moved?.replyMarkup?.inline_keyboard?.flat().map((b) => b.callback_data)).toContain('d:ambil:1');
    expect(fake.textsTo(budi.id).at(-1)).toContain('dialihkan');
  });
});
