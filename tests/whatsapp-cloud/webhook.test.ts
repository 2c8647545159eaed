import { sqliteDb } from '../support/app.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_SECRET, envelope, postWebhook, sign, status, text, VERIFY_TOKEN } from './fake-graph.js';
import { createCloudHarness, type CloudHarness } from './harness.js';
import { ACK_WITHIN_MS } from '../../web/routes/whatsapp-webhook.js';

let h: CloudHarness;
beforeEach(async () => { h = await createCloudHarness(); });
afterEach(async () => { await h.close(); });

const SITI = { waId: '6281234567890', name: 'Siti' };

describe('Meta verifies the webhook', () => {
  it.each([
    ['the right verify token', { 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' }, 200, '1158201444'],
    ['a wrong verify token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'tebakan', 'hub.challenge': '1158201444' }, 403, 'verification refused'],
    ['no mode', { 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' }, 403, 'verification refused'],
  ])('answers %s', async (_, query, code, body) => {
    const res = await fetch(`${h.web.url}/webhooks/whatsapp?${new URLSearchParams(query)}`);
    expect(res.status).toBe(code);
    expect(await res.text()).toBe(body);
  });
});

describe('only posts signed by Meta are processed', () => {
  const payload = () => JSON.stringify(text(SITI, 'jalan berlubang di depan sd 5'));

  it.each([
    ['no signature', null, 401],
    ['a signature made with another secret', sign('x'.repeat(10), 'ffffffffffffffffffffffffffffffff'), 403],
    ['a malformed signature', 'sha1=abcdef', 403],
  ])('refuses a post with %s and processes nothing', async (_, signature, code) => {
    const res = await postWebhook(h.web.url, payload(), { signature });
    expect(res.status).toBe(code);
    await h.flush();
    expect(await h.app.store.messages.countInbound()).toBe(0);
    expect(h.graph.sent).toHaveLength(0);
  });

  it('refuses a body changed after signing', async () => {
    const body = payload();
    const res = await postWebhook(h.web.url, body.replace('berlubang', 'mulus'), { signature: sign(body, APP_SECRET) });
    expect(res.status).toBe(403);
    await h.flush();
    expect(await h.app.store.messages.countInbound()).toBe(0);
  });

  it('refuses a body over 1 MB', async () => {
    const body = JSON.stringify({ object: 'whatsapp_business_account', pad: 'x'.repeat(1_100_000) });
    const res = await postWebhook(h.web.url, body);
    expect(res.status).toBe(413);
  });

  it('answers a signed post with 200 and replies to the citizen on /{phone-number-id}/messages', async () => {
    const got = await h.post(text(SITI, 'halo'), SITI.waId);
    expect(got.length).toBeGreaterThan(0);
    expect(got[0]!.text).toContain('SuaraWarga');
    const calls = h.graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/messages'));
    expect(calls.every((c) => c.path === '/v24.0/109876543210987/messages')).toBe(true);
  });
});

describe('what a signed webhook may carry', () => {
  it('ignores messages to another business number of the same Meta account', async () => {
    const other = text(SITI, 'halo') as { entry: { changes: { value: { metadata: { phone_number_id: string } } }[] }[] };
    other.entry[0]!.changes[0]!.value.metadata.phone_number_id = '555555555555555';
    expect((await postWebhook(h.web.url, other)).status).toBe(200);
    await h.flush();
    expect(await h.app.store.messages.countInbound()).toBe(0);
  });

  it('answers a signed body that is not JSON with 400 and keeps running', async () => {
    expect((await postWebhook(h.web.url, '{"object": "whatsapp_business_account",')).status).toBe(400);
    expect((await h.post(text(SITI, 'halo'), SITI.waId)).length).toBeGreaterThan(0);
  });

  it('accepts an empty change (Meta\'s test button) without answering anyone', async () => {
    expect((await postWebhook(h.web.url, envelope({}))).status).toBe(200);
    await h.flush();
    expect(h.graph.sent).toHaveLength(0);
  });
});

describe('a delivery repeated by Meta is processed once', () => {
  it('replies once to the same wamid posted twice, and again once after a restart', async () => {
    const same = text(SITI, 'halo', { id: 'wamid.HBgMNjI4MTIzNDU2Nzg5MBUCABEYEjA5QzA3' });
    const first = await h.post(same, SITI.waId);
    const again = await h.post(same, SITI.waId);
    expect(first.length).toBeGreaterThan(0);
    expect(again).toHaveLength(0);
    await h.restart();
    expect(await h.post(same, SITI.waId)).toHaveLength(0);
    expect(await h.app.store.messages.countInbound()).toBe(1);
  });

  it('replies once when the two copies arrive at the same moment', async () => {
    const same = text(SITI, 'halo');
    const before = h.graph.sent.length;
    const [a, b] = await Promise.all([postWebhook(h.web.url, same), postWebhook(h.web.url, same)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await h.flush();
    const replies = h.graph.sent.slice(before);
    expect(new Set(replies.map((m) => m.text)).size).toBe(replies.length);
    expect(await h.app.store.messages.countInbound()).toBe(1);
  });
});

describe('delivery statuses are recorded on the outbox row, in any order', () => {
  async function firstReply() {
    const [reply] = await h.post(text(SITI, 'halo'), SITI.waId);
    const row = (await h.app.store.outbox.list({})).find((r) => r.target.kind === 'citizen')!;
    return { reply: reply!, row };
  }

  it('keeps "read" when "delivered" and "sent" arrive after it', async () => {
    const { reply, row } = await firstReply();
    for (const s of ['read', 'delivered', 'sent'] as const) await h.post(status(reply.id, s));
    expect((await h.app.store.outbox.get(row.id))!.delivery).toMatchObject({ status: 'read', errorCode: null });
  });

  it('moves forward sent → delivered → read', async () => {
    const { reply, row } = await firstReply();
    await h.post(status(reply.id, 'sent'));
    expect((await h.app.store.outbox.get(row.id))!.delivery?.status).toBe('sent');
    await h.post(status(reply.id, 'delivered'));
    expect((await h.app.store.outbox.get(row.id))!.delivery?.status).toBe('delivered');
    await h.post(status(reply.id, 'read'));
    expect((await h.app.store.outbox.get(row.id))!.delivery?.status).toBe('read');
  });

  it('marks an undeliverable message failed with Meta\'s code and title for the command centre', async () => {
    const { reply, row } = await firstReply();
    await h.post(status(reply.id, 'failed', { code: 131026, title: 'Message undeliverable' }));
    const after = (await h.app.store.outbox.get(row.id))!;
    expect(after.status).toBe('failed');
    expect(after.lastError).toContain('131026');
    expect(after.lastError).toContain('Message undeliverable');
    expect(after.delivery).toMatchObject({ status: 'failed', errorCode: '131026' });
    // A repeated failure webhook changes nothing more.
    await h.post(status(reply.id, 'failed', { code: 131026 }));
    expect((await h.app.store.outbox.get(row.id))!.status).toBe('failed');
  });

  it('ignores statuses of messages it does not know', async () => {
    const res = await postWebhook(h.web.url, status('wamid.UNKNOWN', 'delivered'));
    expect(res.status).toBe(200);
    await h.flush();
    expect(await h.app.store.outbox.list({})).toHaveLength(0);
  });
});

describe('a database that cannot take the message', () => {
  it('answers 503 so Meta delivers again, records nothing, and takes the redelivery once the database is free', async () => {
    const { default: Database } = await import('better-sqlite3');
    sqliteDb(h.app.store).pragma('busy_timeout = 50');
    const other = new Database(h.app.config.DATABASE_PATH);
    const body = JSON.stringify(text(SITI, 'halo'));
    other.exec('BEGIN EXCLUSIVE');
    let refused: Response;
    try {
      refused = await postWebhook(h.web.url, body);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(refused.status).toBe(503);
    expect(await h.app.store.messages.countInbound()).toBe(0);
    // Meta retries the same delivery (same wamid): now it is processed, once.
    const again = await postWebhook(h.web.url, body);
    expect(again.status).toBe(200);
    await h.flush();
    expect(await h.app.store.messages.countInbound()).toBe(1);
    expect(h.graph.sent.some((m) => (m.text ?? '').includes('SuaraWarga'))).toBe(true);
  });
});

describe('a webhook that takes longer than Meta wants to store', () => {
  it('is answered 503 rather than 200 before it is stored, goes on, and the redelivery is processed once', async () => {
    await h.close();
    // The classifier runs before the message is stored: a slow one (an LLM far away) delays the recording.
    const slow: CloudHarness = await createCloudHarness({
      overrides: { classifier: { classify: async (t: string) => { await new Promise((r) => setTimeout(r, ACK_WITHIN_MS + 300)); return slow.app.offline().classifySync(t); } } },
    });
    h = slow;
    const msg = text(SITI, 'halo');
    const first = await postWebhook(h.web.url, msg);
    expect(first.status).toBe(503);
    await h.channel.idle();
    expect(await h.app.store.messages.countInbound()).toBe(1);
    // Meta delivers it again: already stored, answered 200, not processed a second time.
    const again = await postWebhook(h.web.url, msg);
    expect(again.status).toBe(200);
    await h.flush();
    expect(await h.app.store.messages.countInbound()).toBe(1);
    expect(h.graph.sent.filter((m) => m.to === SITI.waId)).toHaveLength(1);
  });
});
