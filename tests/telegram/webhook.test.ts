/**
 * Webhook mode end to end: the fake Telegram posts updates over loopback HTTP
 * to the command centre's /webhooks/telegram, with the secret header, and
 * takes the answer as its receipt. Forged posts are refused, redeliveries
 * change nothing, a locked database gets 503 and Telegram's retry is stored,
 * and desk buttons work (once) through the webhook.
 */
import { sqliteDb } from '../support/app.js';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startWebhookServer } from '../../web/routes/webhook-server.js';
import type { FakeUser } from './fake-bot-api.js';
import { createLinkedDeskHarness, createTelegramHarness, DLH_GROUP, WEBHOOK_SECRET, WEBHOOK_URL, type TelegramHarness } from './harness.js';

const rina: FakeUser = { id: 6101, first_name: 'Rina' };
const sari: FakeUser = { id: 7001, first_name: 'Sari' };

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function webhookHarness(): Promise<TelegramHarness> {
  h = await createTelegramHarness({ webhook: true });
  return h;
}

/** What the citizen receives in answer to one message. */
async function text(user: FakeUser, t: string): Promise<string> {
  const before = h!.fake.textsTo(user.id).length;
  await h!.step(() => h!.fake.privateText(user, t));
  return h!.fake.textsTo(user.id).slice(before).join('\n');
}

describe('Telegram in webhook mode', () => {
  it('registers the webhook with the secret, never polls, and a citizen files a report through posted updates', async () => {
    const { fake, telegram } = await webhookHarness();
    expect(fake.hook.registered).toEqual({ url: WEBHOOK_URL, secretToken: WEBHOOK_SECRET, allowedUpdates: ['message', 'callback_query'], dropPendingUpdates: false });
    expect(telegram.citizen.health()).toMatchObject({ connected: true, details: { mode: 'webhook', username: 'suarawarga_test_bot' } });

    expect(await text(rina, 'sampah numpuk di jalan sudirman dekat pasar udah seminggu')).toContain('foto');
    expect(await text(rina, 'lewati')).toContain('Kirim laporan ini?');
    expect(await text(rina, 'ya min')).toContain('BM-0001');

    expect(fake.callsOf('getUpdates')).toEqual([]);
    expect(fake.hook.deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    expect(fake.callsOf('sendMessage').length).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['no secret header', null],
    ['a wrong secret', 'tebakan'],
    ['the secret with one more character', `${WEBHOOK_SECRET}x`],
    ['the secret in another case', WEBHOOK_SECRET.toUpperCase()],
  ])('refuses a post with %s (401) and stores nothing', async (_, secret) => {
    const { fake, t } = await webhookHarness();
    fake.hook.paused = true;
    const id = fake.privateText(rina, 'halo');
    expect(await fake.postUpdate(id, { secret })).toBe(401);
    await t.app.worker.drain();
    expect(await t.app.store.messages.countInbound()).toBe(0);
    expect(fake.inChat(rina.id)).toEqual([]);

    // Telegram's own delivery, with the right secret, is handled: one answer.
    fake.hook.resume();
    await fake.handled(id);
    await t.app.worker.drain();
    expect(fake.inChat(rina.id)).toHaveLength(1);
  });

  it('answers a body that is not JSON, or JSON that is not an update, with 400 and keeps working', async () => {
    const { fake } = await webhookHarness();
    const post = (body: string) => fetch(`${h!.web!.url}/webhooks/telegram`, {
      method: 'POST', body, headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
    });
    expect((await post('{"update_id": 5, "message": ')).status).toBe(400);
    expect((await post('{"message": {}}')).status).toBe(400);
    expect((await post('[]')).status).toBe(400);
    expect(await text(rina, 'halo')).toContain('SuaraWarga');
    expect(fake.hook.deliveries.at(-1)!.status).toBe(200);
  });

  it('a redelivered update is answered 200 and handled once, on this instance and on a fresh one', async () => {
    const { fake, t } = await webhookHarness();
    const first = await text(rina, 'halo');
    expect(first).toContain('SuaraWarga');
    const id = fake.hook.deliveries.at(-1)!.updateId;
    const replies = () => fake.inChat(rina.id).length;
    const before = replies();

    // Telegram did not see the answer and sends it again, twice at once.
    expect(await Promise.all([fake.postUpdate(id), fake.postUpdate(id)])).toEqual([200, 200]);
    await t.app.worker.drain();
    expect(replies()).toBe(before);

    // The retry reaches another instance (here: the adapter restarted, nothing in memory): the engine's record stops it.
    await h!.restartTelegram();
    expect(await fake.postUpdate(id)).toBe(200);
    await t.app.worker.drain();
    expect(replies()).toBe(before);
    expect(await t.app.store.messages.countInbound()).toBe(1);
  });

  it('handles a chat\'s updates in the order they arrive, even when the next comes while the first is still being handled', async () => {
    const { fake, t } = await webhookHarness();
    fake.hook.paused = true;
    const photo = fake.privatePhoto(rina, Buffer.alloc(5000, 7));
    const report = fake.privateText(rina, 'sampah menumpuk di jalan soekarno hatta sudah 3 hari tidak diangkut');
    const release = fake.holdFiles();
    const first = fake.postUpdate(photo);
    await vi.waitFor(() => expect(fake.callsOf('getFile')).toHaveLength(1));
    // The photo is still downloading when Telegram posts the text on another connection.
    const second = fake.postUpdate(report);
    await new Promise((r) => setTimeout(r, 200)); // lets the second post reach the service; nothing below depends on it
    release();
    expect(await Promise.all([first, second])).toEqual([200, 200]);
    await t.app.worker.drain();
    const texts = fake.textsTo(rina.id);
    expect(texts[0]).toContain('Foto diterima');
    expect(texts.at(-1)).toContain('Kirim laporan ini?');
  });

  it('answers 503 while the database cannot store the update, and stores Telegram\'s redelivery once it can', async () => {
    const { fake, t, telegram } = await webhookHarness();
    sqliteDb(t.app.store).pragma('busy_timeout = 50');
    const other = new Database(t.app.config.DATABASE_PATH);
    other.exec('BEGIN EXCLUSIVE');
    const id = fake.privateText(rina, 'halo');
    await vi.waitFor(() => expect(fake.hook.deliveries.filter((d) => d.updateId === id && d.status === 503).length).toBeGreaterThan(0), { timeout: 10_000 });
    expect(telegram.citizen.health().lastError).toMatch(/storage unavailable/);
    expect(await t.app.store.messages.countInbound()).toBe(0);

    other.exec('ROLLBACK');
    other.close();
    await fake.handled(id);
    await t.app.worker.drain();
    expect(await t.app.store.messages.countInbound()).toBe(1);
    expect(fake.textsTo(rina.id)).toHaveLength(1);
    expect(fake.textsTo(rina.id)[0]).toContain('SuaraWarga');
    expect(telegram.citizen.health().lastError).toBeUndefined();
  });

  it('keeps running and retries setWebhook until Telegram accepts it; health says why meanwhile', async () => {
    let refuse = true;
    h = await createTelegramHarness({
      webhook: true,
      beforeStart: (fake) => fake.setFailWhen((method) => (method === 'setWebhook' && refuse
        ? { code: 400, description: 'Bad Request: bad webhook: Failed to resolve host: Name or service not known' } : undefined)),
    });
    const { fake } = h;
    expect(h.telegram.citizen.health()).toMatchObject({ connected: false, lastError: expect.stringMatching(/setWebhook failed.*Failed to resolve host/) });
    await vi.waitFor(() => expect(fake.callsOf('setWebhook').length).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    expect(h.telegram.citizen.health().connected).toBe(false);

    refuse = false;
    await vi.waitFor(() => expect(h!.telegram.citizen.health().connected).toBe(true), { timeout: 10_000 });
    expect(h.telegram.citizen.health().lastError).toBeUndefined();
    expect(fake.hook.registered?.url).toBe(WEBHOOK_URL);
    expect(await text(rina, 'halo')).toContain('SuaraWarga');
  });

  it('stopping an instance leaves the webhook registered for the others', async () => {
    const { fake } = await webhookHarness();
    await h!.telegram.citizen.stop();
    expect(fake.callsOf('deleteWebhook')).toEqual([]);
    expect(fake.hook.registered?.url).toBe(WEBHOOK_URL);
    // A post reaching the stopped instance is not lost: 503, and Telegram tries again.
    const id = fake.privateText(rina, 'halo');
    await vi.waitFor(() => expect(fake.hook.deliveries.some((d) => d.updateId === id && d.status === 503)).toBe(true), { timeout: 10_000 });
    expect(await h!.t.app.store.messages.countInbound()).toBe(0);
  });
});

describe('the Telegram webhook route in long polling mode', () => {
  it('answers 404 on the command centre and on the webhook-only server', async () => {
    h = await createTelegramHarness();
    const { startWeb } = await import('../../web/server.js');
    const web = await startWeb(h.t.app, { host: '127.0.0.1', port: 0, pollMs: 60_000 });
    const hook = await startWebhookServer({ channels: h.t.app.channels, logger: h.t.app.logger }, { host: '127.0.0.1', port: 0 });
    try {
      for (const base of [web.url, hook.url]) {
        const res = await fetch(`${base}/webhooks/telegram`, {
          method: 'POST', body: JSON.stringify({ update_id: 1 }), headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
        });
        expect(res.status).toBe(404);
      }
    } finally {
      await hook.close();
      await web.close();
    }
  });
});

describe('agency desks through the webhook', () => {
  /** Rina reports garbage with a pin and confirms; returns the DLH card's message id. */
  async function reportToDlh(): Promise<number> {
    const { fake } = h!;
    const step = async (push: () => number | { updateId: number }) => {
      await h!.step(push);
      await h!.deliverAll();
    };
    await step(() => fake.privateText(rina, 'sampah menumpuk di jalan soekarno hatta sudah 3 hari tidak diangkut'));
    await step(() => fake.privateLocation(rina, -8.46, 118.72));
    let last = fake.inChat(rina.id).at(-1)!;
    if (last.text?.includes('foto')) {
      await step(() => fake.privateText(rina, 'lewati'));
      last = fake.inChat(rina.id).at(-1)!;
    }
    await step(() => fake.press(rina.id, last.messageId, rina, 'ya'));
    const card = fake.inChat(DLH_GROUP).find((m) => m.text?.startsWith('<b>BM-0001'));
    expect(card, 'the DLH group shows the card').toBeDefined();
    return card!.messageId;
  }

  it('Ambil pressed in the group takes the ticket; the same press delivered again (here or to a fresh instance) applies once', async () => {
    h = await createLinkedDeskHarness({ webhook: true });
    const { fake, t } = h;
    const card = await reportToDlh();
    const press = fake.press(DLH_GROUP, card, sari, 'd:ambil:1');
    await h.step(() => press);
    await h.deliverAll();
    expect(await t.app.tickets.get(1)).toMatchObject({ state: 'diproses', assigneeName: 'Sari' });
    expect(fake.message(DLH_GROUP, card)!.text).toContain('Dipegang: <b>Sari</b>');
    const toldTaken = () => fake.textsTo(rina.id).filter((x) => x.includes('sedang ditangani')).length;
    expect(toldTaken()).toBe(1);

    expect(await fake.postUpdate(press.updateId)).toBe(200);
    await h.restartTelegram();
    expect(await fake.postUpdate(press.updateId)).toBe(200);
    await h.deliverAll();
    expect((await t.app.store.tickets.events(1)).filter((e) => e.action === 'ambil')).toHaveLength(1);
    expect(toldTaken()).toBe(1);
    expect((await t.app.store.outbox.counts()).failed).toBe(0);
  });

  it('a Proses note answered through the webhook reaches the citizen once, even when the answer is delivered again', async () => {
    h = await createLinkedDeskHarness({ webhook: true });
    const { fake, t } = h;
    const card = await reportToDlh();
    await h.step(() => fake.press(DLH_GROUP, card, sari, 'd:ambil:1'));
    await h.step(() => fake.press(DLH_GROUP, card, sari, 'd:proses:1'));
    const prompt = fake.inChat(DLH_GROUP).at(-1)!;
    expect(prompt.replyMarkup?.force_reply).toBe(true);
    const answer = fake.groupMessage(DLH_GROUP, sari, { replyTo: prompt.messageId, text: 'Truk dijadwalkan besok pagi.' });
    await h.step(() => answer);
    await h.deliverAll();
    const notes = () => fake.textsTo(rina.id).filter((x) => x.includes('Truk dijadwalkan besok pagi.')).length;
    expect(notes()).toBe(1);

    await h.restartTelegram();
    expect(await fake.postUpdate(answer)).toBe(200);
    await h.deliverAll();
    expect(notes()).toBe(1);
    expect((await t.app.store.tickets.events(1)).filter((e) => e.action === 'proses')).toHaveLength(1);
  });

  it('a staff reply to the card delivered twice to the same instance reaches the citizen once', async () => {
    h = await createLinkedDeskHarness({ webhook: true });
    const { fake } = h;
    const card = await reportToDlh();
    await h.step(() => fake.press(DLH_GROUP, card, sari, 'd:ambil:1'));
    const reply = fake.groupMessage(DLH_GROUP, sari, { text: 'Petugas kami datang besok pagi.', replyTo: card });
    await h.step(() => reply);
    expect(await Promise.all([fake.postUpdate(reply), fake.postUpdate(reply)])).toEqual([200, 200]);
    await h.deliverAll();
    expect(fake.textsTo(rina.id).filter((x) => x.includes('Petugas kami datang besok pagi.'))).toHaveLength(1);
  });

  it('a staff reply delivered again to a fresh instance (its first answer was lost) reaches the citizen once', async () => {
    h = await createLinkedDeskHarness({ webhook: true });
    const { fake } = h;
    const card = await reportToDlh();
    await h.step(() => fake.press(DLH_GROUP, card, sari, 'd:ambil:1'));
    const reply = fake.groupMessage(DLH_GROUP, sari, { text: 'Petugas kami datang lusa.', replyTo: card });
    await h.step(() => reply);
    await h.deliverAll();
    // A restarted adapter remembers nothing in memory, like another instance behind the load balancer.
    await h.restartTelegram();
    expect(await fake.postUpdate(reply)).toBe(200);
    await h.deliverAll();
    expect(fake.textsTo(rina.id).filter((x) => x.includes('Petugas kami datang lusa.'))).toHaveLength(1);
  });
});
