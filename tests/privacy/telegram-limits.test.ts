/**
 * Telegram refuses texts over 4,096 characters, captions over 1,024, lone
 * surrogates and broken HTML with a 400 that is final for the outbox: every
 * message the desk sends must already be valid, and the fake Bot API refuses
 * exactly what the real one does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app/build.js';
import { cutText, fitHtml, splitHtml } from '../../bots/telegram/limits.js';
import { eraseCitizenData } from '../../core/privacy/erase.js';
import { parseTelegramHtml } from '../telegram/fake-bot-api.js';
import { ADMIN, createTelegramHarness, DLH_GROUP, TOKEN, type TelegramHarness } from '../telegram/harness.js';

const EMOJI = '😀';
const hasLoneSurrogate = (s: string) => /\p{Cs}/u.test(s);

describe('cutting texts for Telegram', () => {
  it('never splits an emoji, a tag or an entity, and closes what it opened', () => {
    expect(hasLoneSurrogate(cutText(`${'a'.repeat(1499)}${EMOJI}bbb`, 1501))).toBe(false);
    for (let max = 5; max < 60; max++) {
      const html = fitHtml(`<b>Tom &amp; Jerry</b> ${EMOJI}${EMOJI} <i>catatan &lt;penting&gt; sekali</i> selesai`, max);
      expect(html.length).toBeLessThanOrEqual(max);
      expect(() => parseTelegramHtml(html)).not.toThrow();
      expect(hasLoneSurrogate(html)).toBe(false);
    }
  });

  it('splits a long text at line ends into messages within the limit', () => {
    const long = Array.from({ length: 400 }, (_, i) => `• baris ${i} &amp; <b>catatan</b> ${'x'.repeat(20)}`).join('\n');
    const parts = splitHtml(long, 4096);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(() => parseTelegramHtml(p)).not.toThrow();
    }
    expect(parts.join('\n')).toBe(long);
  });
});

let h: TelegramHarness;
beforeAll(async () => {
  h = await createTelegramHarness();
  await h.step(() => h.fake.groupMessage(DLH_GROUP, ADMIN, { text: '/hubungkan DLH' }));
});
afterAll(async () => h.close());

async function callFake(method: string, payload: Record<string, unknown>): Promise<{ ok: boolean; description?: string }> {
  const res = await fetch(`${h.fake.url}/bot${TOKEN}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  return await res.json() as { ok: boolean; description?: string };
}

describe('the fake Bot API refuses what the real one refuses', () => {
  it.each([
    ['a text over 4,096 characters', { text: 'a'.repeat(4097) }, 'Bad Request: message is too long'],
    ['a lone surrogate', { text: `kartu ${EMOJI.charAt(0)}` }, 'Bad Request: strings must be encoded in UTF-8'],
    ['an unclosed tag', { text: '<b>tebal', parse_mode: 'HTML' }, 'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"'],
    ['an unknown tag', { text: '<x>y</x>', parse_mode: 'HTML' }, 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 0'],
    ['a bare ampersand', { text: 'Tom & Jerry', parse_mode: 'HTML' }, /Character '&' is reserved/],
    ['an empty text', { text: '  ' }, 'Bad Request: message text is empty'],
  ])('%s', async (_what, payload, description) => {
    const r = await callFake('sendMessage', { chat_id: DLH_GROUP, ...payload });
    expect(r.ok).toBe(false);
    if (typeof description === 'string') expect(r.description).toBe(description);
    else expect(r.description).toMatch(description);
  });

  it('counts the length after HTML parsing, as Telegram does', async () => {
    expect((await callFake('sendMessage', { chat_id: DLH_GROUP, text: `<b>${'a'.repeat(4090)}</b>`, parse_mode: 'HTML' })).ok).toBe(true);
  });
});

async function fileOnTelegram(app: App, description: string, locationText: string) {
  const citizen = await app.store.citizens.resolve('telegram', { address: '5001', displayName: 'Budi' }, app.clock.now());
  return app.tickets.file({
    citizenId: citizen.id, channel: 'telegram', category: 'sampah', agency: 'DLH', description, locationText,
    kelurahan: null, kecamatan: null, rt: null, rw: null, latitude: null, longitude: null, confidence: 0.9, emergency: false,
    confidential: true, trustedReporter: null, routeRule: null, triage: false, photos: [],
  }, { type: 'citizen', id: String(citizen.id) });
}

describe('desk cards the real Telegram accepts', () => {
  it('a long description ending in an emoji and a huge extracted location still make one valid card, without the phone number', async () => {
    const t = await fileOnTelegram(h.t.app, `${'sampah '.repeat(214)}a${EMOJI} hubungi saya di 0812-3456-7890`, `jalan ${'panjang '.repeat(600)}`);
    await h.deliverAll();
    const card = h.fake.inChat(DLH_GROUP).find((m) => m.text?.includes(t.number));
    expect(card, 'the DLH desk got the card').toBeDefined();
    expect(card!.text!.length).toBeLessThanOrEqual(4096);
    expect(hasLoneSurrogate(card!.text!)).toBe(false);
    expect(card!.text).not.toContain('3456');
    expect((await h.t.app.store.outbox.counts()).failed).toBe(0);
  });

  it('/tiket with a long history arrives as several valid messages, notes redacted', async () => {
    const t = await fileOnTelegram(h.t.app, 'sampah menumpuk', 'depan pasar');
    for (let i = 0; i < 30; i++) {
      await h.t.app.tickets.staffReply(t.id, { type: 'staff', id: '77', name: 'Rina' }, `balasan ${i}: ${'petugas akan datang besok pagi '.repeat(8)} telp 0812-3456-7890`);
    }
    await h.deliverAll();
    const before = h.fake.inChat(DLH_GROUP).length;
    await h.step(() => h.fake.groupMessage(DLH_GROUP, ADMIN, { text: `/tiket ${t.number}` }));
    const answer = h.fake.inChat(DLH_GROUP).slice(before);
    expect(answer.length).toBeGreaterThan(1);
    for (const m of answer) {
      expect(m.text!.length).toBeLessThanOrEqual(4096);
      expect(m.text).not.toContain('0812-3456-7890');
    }
    expect(answer.map((m) => m.text).join('\n')).toContain('Riwayat');
  });

  it('a citizen\'s long note with a phone number and an emoji is relayed valid and redacted, a RAHASIA ticket too', async () => {
    const t = await fileOnTelegram(h.t.app, 'sampah menumpuk', 'depan pasar');
    expect(t.confidential).toBe(true);
    await h.deliverAll();
    await h.t.app.tickets.citizenNote(t, t.citizenId, `hubungi (0812) 3456 7890 atau +62 (812) 3456-7890 ${'masih menumpuk 😀 '.repeat(300)}`, undefined);
    await h.deliverAll();
    const relayed = h.fake.inChat(DLH_GROUP).filter((m) => m.text?.includes('Pesan warga') && m.text.includes(t.number)).at(-1);
    expect(relayed).toBeDefined();
    expect(relayed!.text!.length).toBeLessThanOrEqual(4096);
    expect(relayed!.text).not.toMatch(/3456/);
    expect(relayed!.text).toContain('Balas pesan ini');
  });

  it('a card Telegram cannot parse is sent again once as plain text instead of being lost', async () => {
    h.fake.failNext(1, { code: 400, description: 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 3', methods: ['sendMessage'] });
    const t = await fileOnTelegram(h.t.app, 'sampah <x> menumpuk', 'depan pasar');
    await h.deliverAll();
    const card = h.fake.inChat(DLH_GROUP).find((m) => m.text?.includes(t.number));
    expect(card).toBeDefined();
    expect(card!.parseMode).toBeUndefined();
    expect(card!.text).toContain('sampah <x> menumpuk');
    expect((await h.t.app.store.outbox.counts()).failed).toBe(0);
  });

  it('after the citizen erases their data, the desk card no longer shows their words', async () => {
    const t = await fileOnTelegram(h.t.app, 'nama sy Siti, sampah di gang melati no 7', 'gang melati no 7');
    await h.deliverAll();
    const card = h.fake.inChat(DLH_GROUP).find((m) => m.text?.includes(t.number))!;
    expect(h.fake.message(DLH_GROUP, card.messageId)!.text).toContain('gang melati');
    await eraseCitizenData(h.t.app.store, h.t.app.store.privacy, t.citizenId, h.t.clock.now().toISOString());
    await h.deliverAll();
    const now = h.fake.message(DLH_GROUP, card.messageId)!.text!;
    expect(now).toContain('[dihapus atas permintaan warga]');
    expect(now).not.toContain('melati');
  });
});
