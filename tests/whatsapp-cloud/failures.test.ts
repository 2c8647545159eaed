import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/tickets/types.js';
import { status, text } from './fake-graph.js';
import { createCloudHarness, fileByText, type CloudHarness } from './harness.js';

let h: CloudHarness;
afterEach(async () => { await h?.close(); });

const SITI = { waId: '6281234567890', name: 'Siti' };
const STAFF: Actor = { type: 'staff', id: '777', name: 'Budi' };

/** The row of the citizen's latest reply. */
const lastCitizenRow = async () => (await h.app.store.outbox.list({})).filter((r) => r.target.kind === 'citizen').at(-1)!;

describe('Graph API failures go back through the outbox', () => {
  it.each([
    ['HTTP 429', { status: 429, code: 4, title: 'Application request limit reached' }],
    ['130429 throughput', { status: 400, code: 130429, title: 'Rate limit hit' }],
    ['131056 pair rate limit', { status: 400, code: 131056, title: '(Business Account, Consumer Account) pair rate limit hit' }],
  ])('waits out %s without spending an attempt, then delivers', async (_, failure) => {
    h = await createCloudHarness();
    h.graph.fail(failure);
    expect(await h.post(text(SITI, 'halo'), SITI.waId)).toHaveLength(0);
    const row = await lastCitizenRow();
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(row.lastError).toContain(String(failure.code));
    h.clock.advance(10 * 60_000);
    await h.flush();
    expect((await h.app.store.outbox.get(row.id))!.status).toBe('sent');
    expect(h.graph.to(SITI.waId)).toHaveLength(1);
  });

  it.each([
    ['HTTP 503 from a proxy', { status: 503 }],
    ['HTTP 500 with Meta code 131000', { status: 500, code: 131000, title: 'Something went wrong' }],
  ])('retries %s with backoff, then delivers', async (_, failure) => {
    h = await createCloudHarness();
    h.graph.fail(failure);
    await h.post(text(SITI, 'halo'), SITI.waId);
    const row = await lastCitizenRow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    h.clock.advance(60_000);
    await h.flush();
    expect((await h.app.store.outbox.get(row.id))!.status).toBe('sent');
  });

  it.each([
    ['131026 undeliverable', 131026, 'Message undeliverable'],
    ['100 invalid parameter', 100, 'Invalid parameter'],
    ['132001 template missing', 132001, 'Template name does not exist in the translation'],
  ])('gives up at once on %s, with the code and title for admins', async (_, code, title) => {
    h = await createCloudHarness();
    h.graph.fail({ status: 400, code, title });
    await h.post(text(SITI, 'halo'), SITI.waId);
    const row = (await h.app.store.outbox.get((await lastCitizenRow()).id))!;
    expect(row.status).toBe('failed');
    expect(row.lastError).toContain(String(code));
    expect(row.lastError).toContain(title);
  });

  it('sends the update again as a template when WhatsApp answers 131047 (window closed)', async () => {
    h = await createCloudHarness();
    const id = await fileByText(h, SITI);
    await h.flush();
    h.graph.fail({ status: 400, code: 131047, title: 'Re-engagement message', when: (b) => b?.type === 'text' });
    await h.app.tickets.act(id, 'ambil', { actor: STAFF });
    const before = h.graph.sent.length;
    await h.flush();
    const sent = h.graph.sent.slice(before).filter((m) => m.to === SITI.waId);
    expect(sent.map((m) => m.text)).toEqual(['template:suarawarga_diproses']);
  });

  it('sends the update again as a template when a "failed 131047" status arrives later', async () => {
    h = await createCloudHarness();
    await h.post(text(SITI, 'halo'), SITI.waId);
    const row = await lastCitizenRow();
    // A plain reply has no template: after 131047 it waits for the citizen, with the reason shown.
    await h.post(status(h.graph.sent.at(-1)!.id, 'failed', { code: 131047, title: 'Re-engagement message' }));
    await h.flush();
    const after = (await h.app.store.outbox.get(row.id))!;
    expect(after.templateRequired).toBe(true);
    expect(after.waitingReason).toContain('bukan kabar status');
    expect(after.delivery).toMatchObject({ status: 'failed', errorCode: '131047' });
  });

  it('retries when the Graph API cannot be reached at all', async () => {
    h = await createCloudHarness({ env: { WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9', WHATSAPP_CLOUD_TIMEOUT_MS: '2000' } });
    await h.post(text(SITI, 'halo'));
    const row = await lastCitizenRow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toContain('network error');
  });

  it('stops sending on a rejected token, keeps every message, and says how to fix it', async () => {
    h = await createCloudHarness({ env: { WHATSAPP_CLOUD_ACCESS_TOKEN: 'EAAG-expired-token-000000000000000' } });
    await h.post(text(SITI, 'halo'));
    await h.post(text(SITI, 'jalan rusak'));
    const health = h.app.health().find((x) => x.channel === 'whatsapp')!;
    expect(health.connected).toBe(false);
    expect(health.lastError).toContain('WHATSAPP_CLOUD_ACCESS_TOKEN');
    const rows = (await h.app.store.outbox.list({})).filter((r) => r.target.kind === 'citizen');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
  });
});

describe('throughput', () => {
  it('keeps to WHATSAPP_CLOUD_MESSAGES_PER_SECOND across many citizens', async () => {
    h = await createCloudHarness({ env: { WHATSAPP_CLOUD_MESSAGES_PER_SECOND: '5' } });
    for (let i = 0; i < 12; i++) void h.channel.handleWebhook(text({ waId: `62812000000${String(i).padStart(2, '0')}` }, 'halo'));
    await h.channel.idle();
    await h.app.worker.runOnce();
    expect(h.graph.sent).toHaveLength(5);
    h.clock.advance(1_000);
    await h.app.worker.runOnce();
    expect(h.graph.sent).toHaveLength(10);
  });
});
