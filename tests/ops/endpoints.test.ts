import { sqliteDb } from '../support/app.js';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { operationsOf } from '../../app/operations.js';
import { StorageUnavailableError } from '../../core/ports.js';
import { fileTicket } from '../outbox/support.js';
import { startHarness, type WebHarness } from '../web/support.js';

let h: WebHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The channel gave up on every waiting message (as after OUTBOX_MAX_ATTEMPTS transient failures). */
async function failAll(harness: WebHarness): Promise<void> {
  for (const r of await harness.app.store.outbox.list({ status: 'pending' })) {
    if (r.target.kind === 'citizen') await harness.app.store.outbox.markFinal(r.id, 'failed', 'memory channel is down');
  }
}

const metric = (text: string, name: string, labels: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
};

describe('health and readiness for machines', () => {
  it('answers /healthz and /readyz without login, and /readyz says 503 and why while the database is locked', async () => {
    h = await startHarness();
    const alive = await fetch(`${h.web.url}/healthz`);
    expect(alive.status).toBe(200);
    expect(await alive.json()).toMatchObject({ ok: true });

    const ready = await fetch(`${h.web.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = await ready.json() as { ok: boolean; checks: { name: string; ok: boolean }[] };
    expect(body.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['database', 'disk', 'prompts']));

    const other = new Database(h.app.config.DATABASE_PATH);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const locked = await fetch(`${h.web.url}/readyz`);
      expect(locked.status).toBe(503);
      const why = await locked.json() as { ok: boolean; problems: string[] };
      expect(why.ok).toBe(false);
      expect(why.problems.join('\n')).toMatch(/^database: not writable: .*locked/m);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await fetch(`${h.web.url}/readyz`)).status).toBe(200);
  });
});

describe('metrics', () => {
  it('counts messages, filed tickets, tickets by state and agency, outbox rows and deliveries', async () => {
    h = await startHarness();
    const t = h.t;
    await t.say('6281234@c.us', 'halo');
    await t.say('6281235@c.us', 'halo');
    await fileTicket(t, '6281234@c.us', 'sampah');
    await fileTicket(t, '6281235@c.us', 'sampah');
    await fileTicket(t, '6281236@c.us', 'jalan_rusak');
    await t.app.worker.drain();

    const res = await fetch(`${h.web.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(metric(text, 'suarawarga_inbound_messages_total', 'channel="memory"')).toBe(2);
    expect(metric(text, 'suarawarga_tickets_filed_total', 'category="sampah"')).toBe(2);
    expect(metric(text, 'suarawarga_tickets_filed_total', 'category="jalan_rusak"')).toBe(1);
    expect(metric(text, 'suarawarga_tickets', 'state="diteruskan",agency="DLH"')).toBe(2);
    expect(metric(text, 'suarawarga_tickets', 'state="diteruskan",agency="PUPR"')).toBe(1);
    // No desk channel in this app: the three ticket cards wait.
    expect(metric(text, 'suarawarga_outbox_rows', 'status="pending",channel="desk"')).toBe(3);
    const replies = metric(text, 'suarawarga_replies_sent_total', 'channel="memory"')!;
    expect(replies).toBeGreaterThanOrEqual(2); // the two menus
    expect(metric(text, 'suarawarga_delivery_latency_seconds_count', 'channel="memory"')).toBe(replies);
    expect(metric(text, 'suarawarga_classifier_latency_seconds_count', 'source="offline"')).toBe(2);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);
  });

  it('serves loopback only, unless the caller presents METRICS_TOKEN', async () => {
    h = await startHarness({ METRICS_TOKEN: 'metrics-token-0123456789' });
    expect((await fetch(`${h.web.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(401);
    expect((await fetch(`${h.web.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const ok = await fetch(`${h.web.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer metrics-token-0123456789' } });
    expect(ok.status).toBe(200);
  });

  it('without a token, a request through a proxy is refused', async () => {
    h = await startHarness();
    const res = await fetch(`${h.web.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('METRICS_TOKEN');
  });
});

describe('operators see messages waiting for a channel that is off', () => {
  it('shows "Telegram belum diaktifkan: 3 kartu menunggu" and an admin dismisses them', async () => {
    h = await startHarness();
    for (const a of ['6281@c.us', '6282@c.us', '6283@c.us']) await fileTicket(h.t, a, 'sampah');
    await h.t.app.worker.drain();
    const admin = await h.login('admin');
    const page = await (await admin.get('/admin/saluran')).text();
    expect(page).toContain('Telegram belum diaktifkan: 3 kartu menunggu');

    const res = await admin.form('/admin/saluran/antrean/abaikan', { channel: 'desk', which: 'waiting' });
    expect(res.status).toBe(303);
    const after = await (await admin.get(res.headers.get('location')!)).text();
    expect(after).toContain('3 pesan Telegram (meja dinas) diabaikan');
    expect((await h.app.store.outbox.counts()).pending).toBe(0);
    expect((await h.app.store.outbox.list({ status: 'skipped' })).every((r) => /dismissed from the command centre by web:admin/.test(r.lastError ?? ''))).toBe(true);
  });

  it('failed messages of a channel that is on are resent from the channels page', async () => {
    h = await startHarness();
    h.t.channel.down = true;
    await h.t.say('6281234@c.us', 'halo');
    await failAll(h);
    expect((await h.app.store.outbox.counts()).failed).toBe(1);
    h.t.channel.down = false;
    const admin = await h.login('admin');
    const res = await admin.form('/admin/saluran/antrean/kirim-ulang', { channel: 'memory' });
    expect(decodeURIComponent(res.headers.get('location')!)).toContain('1 pesan memory dikirim ulang');
    await h.t.app.worker.drain();
    expect(await h.app.store.outbox.counts()).toMatchObject({ failed: 0, pending: 0 });
    expect(h.t.inbox('6281234@c.us')[0]).toContain('SuaraWarga');
  });

  it('a viewer cannot dismiss', async () => {
    h = await startHarness();
    await fileTicket(h.t, '6281@c.us', 'sampah');
    const viewer = await h.login('viewer');
    expect((await viewer.form('/admin/saluran/antrean/abaikan', { channel: 'desk', which: 'waiting' })).status).toBe(403);
    expect((await h.app.store.outbox.counts()).pending).toBe(1);
  });
});

describe('alerts: one notice, not one per message', () => {
  it('tells the command-centre desk once when failed deliveries grow', async () => {
    h = await startHarness();
    const ops = operationsOf(h.app);
    h.t.channel.down = true;
    for (const a of ['6281@c.us', '6282@c.us', '6283@c.us']) await h.t.say(a, 'halo');
    await failAll(h);
    await ops.alerts.check();
    await ops.alerts.check();
    const notices = (await h.app.store.outbox.list({ limit: 100 })).filter((r) => r.target.kind === 'desk' && r.target.payload.type === 'notice');
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0]!.target)).toContain('3 pesan baru gagal');
  });
});

describe('graceful under pressure', () => {
  it('a locked database refuses the incoming message (nothing recorded, nothing answered) and takes the next one once free', async () => {
    h = await startHarness();
    const t = h.t;
    sqliteDb(t.app.store).pragma('busy_timeout = 50');
    const other = new Database(t.app.config.DATABASE_PATH);
    other.exec('BEGIN EXCLUSIVE');
    await expect(t.channel.receive('6281234@c.us', 'halo')).rejects.toBeInstanceOf(StorageUnavailableError);
    other.exec('ROLLBACK');
    other.close();
    expect(await t.app.store.messages.countInbound()).toBe(0);
    expect((await t.app.store.outbox.counts()).pending).toBe(0);
    expect((await t.say('6281234@c.us', 'halo'))[0]).toContain('SuaraWarga');
  });
});

describe('alerts: a channel down too long', () => {
  it('tells the desk once after ALERT_CHANNEL_DOWN_MINUTES, and once when it is back', async () => {
    h = await startHarness({ ALERT_CHANNEL_DOWN_MINUTES: '10' });
    const ops = operationsOf(h.app);
    const notices = async () => (await h!.app.store.outbox.list({ limit: 100 })).filter((r) => r.target.kind === 'desk' && r.target.payload.type === 'notice').map((r) => JSON.stringify(r.target));
    h.t.channel.down = true;
    await ops.alerts.check();
    h.t.clock.advance(9 * 60_000);
    await ops.alerts.check();
    expect(await notices()).toHaveLength(0);
    h.t.clock.advance(2 * 60_000);
    await ops.alerts.check();
    await ops.alerts.check();
    expect(await notices()).toHaveLength(1);
    expect((await notices())[0]).toContain('Saluran memory terputus sejak 11 menit lalu');
    h.t.channel.down = false;
    await ops.alerts.check();
    expect((await notices())[1]).toContain('Saluran memory tersambung kembali');
  });
});

describe('the holiday calendar running out', () => {
  it('warns on /readyz and the channels page within 60 days of the last listed holiday', async () => {
    h = await startHarness();
    h.t.clock.set('2027-11-15T02:00:00Z');
    const ready = await (await fetch(`${h.web.url}/readyz`)).json() as { warnings: string[] };
    expect(ready.warnings.join('\n')).toMatch(/holiday calendar in prompts\/city\.yaml ends on 2027-12-25 \(40 days\)/);
    const admin = await h.login('admin');
    expect(await (await admin.get('/admin/saluran')).text()).toContain('Kalender libur di prompts/city.yaml berakhir 2027-12-25 (40 hari lagi)');
  });
});
