/**
 * Two real service processes on one PostgreSQL, behind Meta's webhook
 * deliveries, and one of them killed mid-traffic (SIGKILL: no clean stop).
 *
 * A hundred citizens file a complaint each over the WhatsApp Cloud API (a
 * fake Graph API), their webhooks alternating between instances A and B; the
 * agency desks get their cards through a fake Telegram Bot API (webhook mode,
 * so neither instance polls). Halfway through, A is killed; Meta delivers to
 * B whatever A did not acknowledge. Once the system is quiet, every message
 * was processed once, every reply went out once (a reply A was sending when
 * it died is 'uncertain': sent at most once, never twice), every ticket's desk
 * card arrived (one A was posting is sent again by B), every complaint is one
 * ticket with its own number, B leads, and B found A's interrupted rows.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../core/ports.js';
import { createPostgresStore } from '../../store/postgres/index.js';
import type { DatabaseStore } from '../../store/types.js';
import { tempWorkspace } from '../support/app.js';
import { createTestDatabase, dropTestDatabase, skipPostgres } from '../support/postgres.js';
import { FakeBotApi } from '../telegram/fake-bot-api.js';
import { TOKEN, WEBHOOK_SECRET, WEBHOOK_URL } from '../telegram/harness.js';
import { FakeGraph, text } from '../whatsapp-cloud/fake-graph.js';
import { cloudEnv } from '../whatsapp-cloud/harness.js';
import { eventually, FakeMeta, giveEveryAgencyADesk, inParallel, startInstance, type Instance } from './support.js';

/** What the bot answers at each step of a dialogue, told apart by its words. */
type Reply = 'asks for a photo' | 'summary to confirm' | 'ticket number' | 'something else';
const replyKind = (words: string): Reply => (/kirimkan foto/.test(words) ? 'asks for a photo'
  : /Mohon periksa laporan Anda/.test(words) ? 'summary to confirm'
    : /Nomor laporan: \*BM-\d{4}\*/.test(words) ? 'ticket number' : 'something else');

/** Complaints that name their place (n keeps every citizen's place apart: no duplicates); with a photo step or without. */
const COMPLAINTS: { says: (n: number) => string; photoStep: boolean }[] = [
  { says: (n) => `sampah numpuk belum diangkut seminggu di gang kenari ${n}`, photoStep: true },
  { says: (n) => `jalan berlubang besar di jalan anggrek ${n}`, photoStep: true },
  { says: (n) => `lampu jalan mati di jalan mawar ${n}, gelap kalau malam`, photoStep: true },
  { says: (n) => `air pdam tidak mengalir tiga hari di gang flamboyan ${n}`, photoStep: true },
  { says: (n) => `pkl jualan di jalan dahlia ${n} bikin macet`, photoStep: true },
  { says: (n) => `banyak warga kena dbd minta fogging di gang seroja ${n}`, photoStep: false },
  { says: (n) => `bansos tidak tepat sasaran di gang kamboja ${n}`, photoStep: false },
  { says: (n) => `ada pungutan liar uang komite di sekolah smpn ${n}`, photoStep: false },
  { says: (n) => `ktp elektronik saya belum jadi sudah ${n} minggu`, photoStep: false },
];

const CITIZENS = Array.from({ length: 100 }, (_, i) => {
  const complaint = COMPLAINTS[i % COMPLAINTS.length]!;
  const waId = `62812${String(i + 1).padStart(7, '0')}`;
  return {
    from: { waId, name: `Warga ${i + 1}` },
    address: `${waId}@c.us`,
    says: complaint.photoStep ? [complaint.says(i + 1), 'lewati', 'ya'] : [complaint.says(i + 1), 'ya'],
    answers: (complaint.photoStep ? ['asks for a photo', 'summary to confirm', 'ticket number'] : ['summary to confirm', 'ticket number']) as Reply[],
  };
});
const MESSAGES = CITIZENS.reduce((n, c) => n + c.says.length, 0);
/** Rows one worker claims per round and lane (core/outbox/worker.ts batchSize): the most a killed instance can leave in flight on WhatsApp. */
const OUTBOX_BATCH = 64;

const LEADS = 'this instance leads: running the once-per-deployment jobs';
const RECOVERED = 'outbox rows were being sent by a process that stopped: desk cards go out again, the rest are marked uncertain (not resent) — see the command centre';

describe.skipIf(skipPostgres())('two instances on one PostgreSQL, one killed mid-traffic', () => {
  let dbUrl: string | undefined;
  let dir: string | undefined;
  let graph: FakeGraph | undefined;
  let telegram: FakeBotApi | undefined;
  let store: DatabaseStore | undefined;
  const instances: Instance[] = [];

  beforeAll(async () => { dbUrl = await createTestDatabase(); }, 120_000);
  afterAll(async () => {
    for (const i of instances) await i.stop('SIGTERM');
    await store?.close();
    await graph?.close();
    await telegram?.close();
    if (dbUrl) await dropTestDatabase(dbUrl);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('processes every message once, sends every reply at most once and every desk card, and B takes over', async () => {
    graph = await new FakeGraph().start();
    // Meta answers a send a little later than it records it: a sender killed in between never hears back.
    graph.sendDelayMs = 25;
    telegram = new FakeBotApi(TOKEN);
    await telegram.start();
    const ws = tempWorkspace();
    dir = ws.dir;
    const desks = giveEveryAgencyADesk(ws.promptsDir);
    const env = (name: string) => ({
      DATABASE_URL: dbUrl!, PROMPTS_DIR: ws.promptsDir, MEDIA_DIR: join(ws.dir, `media-${name}`), BACKUP_DIR: join(ws.dir, `backups-${name}`),
      HOST: '127.0.0.1', PORT: '0', ...cloudEnv(graph!.url), WHATSAPP_ENABLED: 'false',
      TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram!.url, TELEGRAM_WEBHOOK_URL: WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      OUTBOX_POLL_MS: '100', LEADER_CHECK_MS: '500', PROMPTS_SYNC_MS: '500',
    });

    // A starts first and leads; B joins.
    const a = await startInstance('A', env('a'));
    instances.push(a);
    await a.waitForLog((l) => l.msg === LEADS, 30_000);
    const b = await startInstance('B', env('b'));
    instances.push(b);
    await b.waitForLog((l) => l.msg === 'SuaraWarga is running', 30_000);
    expect(b.log.some((l) => l.msg === LEADS)).toBe(false);
    store = await createPostgresStore(dbUrl!, { maxConnections: 4 });

    // Citizens write, one message after the other (the next once Meta's post was acknowledged), many citizens at once.
    // Halfway through, A is killed: posts in flight to it fail and Meta delivers them to B.
    const meta = new FakeMeta([a, b], { retryMs: 200, giveUpMs: 60_000 });
    let killing: Promise<void> | undefined;
    await inParallel(CITIZENS, 20, async (c) => {
      for (const words of c.says) {
        await meta.deliver(text(c.from, words));
        if (!killing && meta.acknowledged >= MESSAGES / 2) killing = a.stop('SIGKILL');
      }
    });
    await killing;
    expect(await a.exited).toBeNull(); // ended by the signal, not by a clean exit

    // Quiet: every message recorded, nothing left to send or being sent (B declared A's interrupted rows uncertain).
    await eventually(async () => {
      const counts = await store!.outbox.counts();
      return (await store!.messages.countInbound()) === MESSAGES && counts.pending === 0 && counts.sending === 0;
    }, 90_000, async () => `inbound ${await store!.messages.countInbound()}/${MESSAGES}, outbox ${JSON.stringify(await store!.outbox.counts())}`, 500);

    const rows = await store.outbox.list({ limit: 100_000 });
    expect(rows.filter((r) => r.status !== 'sent' && r.status !== 'uncertain').map((r) => `${r.id} ${r.status}: ${r.lastError}`)).toEqual([]);
    const uncertain = rows.filter((r) => r.status === 'uncertain');

    // Every message answered once: one reply row per step; each sent once, an uncertain one at most once.
    const problems: string[] = [];
    const tickets = await store.tickets.list({ limit: 10_000 });
    const citizenRows = (address: string) => rows.filter((r) => r.target.kind === 'citizen' && r.target.channel === 'whatsapp' && r.target.message.to === address);
    for (const c of CITIZENS) {
      const own = citizenRows(c.address);
      const sends = graph.to(c.from.waId);
      const kinds = new Set<Reply>([...c.answers, ...own.map((r) => replyKind(textOf(r))), ...sends.map((m) => replyKind(m.text))]);
      for (const kind of kinds) {
        const kindRows = own.filter((r) => replyKind(textOf(r)) === kind);
        const sent = sends.filter((m) => replyKind(m.text) === kind).length;
        const expected = c.answers.includes(kind) ? 1 : 0;
        if (kindRows.length !== expected) {
          problems.push(`${c.from.waId} "${kind}": ${kindRows.length} reply rows, expected ${expected}${kind === 'something else' ? `: ${kindRows.map(textOf).join(' | ')}` : ''}`);
        }
        const status = kindRows.map((r) => r.status);
        const allowed = status.includes('uncertain') ? [0, 1] : [kindRows.length];
        if (!allowed.includes(sent)) problems.push(`${c.from.waId} "${kind}": sent ${sent} times, rows ${status.join(',') || 'none'}`);
      }
      const citizen = await store.citizens.findByAddress('whatsapp', c.address);
      const ownTickets = tickets.filter((t) => t.citizenId === citizen?.id);
      if (ownTickets.length !== 1) problems.push(`${c.from.waId}: ${ownTickets.length} tickets, expected 1`);
      const told = own.filter((r) => replyKind(textOf(r)) === 'ticket number').map(textOf).join('');
      if (ownTickets[0] && !told.includes(ownTickets[0].number)) problems.push(`${c.from.waId}: told "${told}", ticket is ${ownTickets[0].number}`);
    }
    expect(problems).toEqual([]);

    // One ticket per complaint, every number its own.
    expect(tickets).toHaveLength(CITIZENS.length);
    expect(new Set(tickets.map((t) => t.number)).size).toBe(tickets.length);

    // B's recovery: the rows A left uncertain, plus A's interrupted desk cards, which B sent again.
    const recoveredByB = b.log.filter((l) => l.msg === RECOVERED).reduce((n, l) => n + Number(l.recovered), 0);
    expect(recoveredByB).toBeGreaterThanOrEqual(uncertain.length);
    const cardsResent = recoveredByB - uncertain.length;

    // Every ticket has its card in its agency's group (edits allowed), never lost: a card A was posting when it
    // died is sent again by B, so it shows twice at worst (A posted it but never recorded that), never zero times.
    const cardRows = rows.filter((r) => r.target.kind === 'desk' && r.target.payload.type === 'card');
    expect(cardRows.filter((r) => r.status !== 'sent')).toEqual([]);
    const cardProblems: string[] = [];
    let postedTwice = 0;
    for (const t of tickets) {
      const own = cardRows.filter((r) => r.ticketId === t.id);
      const posted = telegram.sent.filter((m) => m.method === 'sendMessage' && m.chatId === String(desks.get(t.agency)) && (m.text ?? '').includes(t.number)).length;
      if (own.length === 0) cardProblems.push(`${t.number}: no card row`);
      if (posted === 2) postedTwice++;
      else if (posted !== 1) cardProblems.push(`${t.number} (${t.agency}): card posted ${posted} times, rows ${own.map((r) => r.status).join(',')}`);
    }
    expect(cardProblems).toEqual([]);
    expect(postedTwice).toBeLessThanOrEqual(cardsResent);

    // Few rows were caught in flight, all of them A's, found by B's recovery.
    const uncertainWhatsApp = uncertain.filter((r) => r.target.kind === 'citizen').length;
    const uncertainDesk = uncertain.filter((r) => r.target.kind === 'desk').length;
    expect(uncertainWhatsApp).toBeLessThanOrEqual(OUTBOX_BATCH);
    // One desk row per agency is in flight at a time (rows of one recipient go strictly in order).
    expect(uncertainDesk).toBeLessThanOrEqual(desks.size);
    expect(uncertain.every((r) => /process stopped between sending and recording/.test(r.lastError ?? ''))).toBe(true);

    // B leads now, says so in its log and on /readyz.
    await b.waitForLog((l) => l.msg === LEADS, 30_000);
    const ready = await (await fetch(`${b.url}/readyz`)).json() as { checks: { name: string; detail: string }[] };
    expect(ready.checks.find((x) => x.name === 'leader')?.detail).toMatch(/^this instance leads/);

    const redelivered = meta.deliveries.filter((d) => d.status < 200 || d.status > 299).length;
    console.info(`two-instance kill: ${MESSAGES} messages (${meta.deliveries.length} posts, ${redelivered} not acknowledged and redelivered), `
      + `${graph.sent.length} WhatsApp sends for ${rows.filter((r) => r.target.kind === 'citizen').length} reply rows, ${tickets.length} tickets, `
      + `${telegram.sent.filter((m) => m.method === 'sendMessage').length} desk cards for ${cardRows.length} card rows, `
      + `uncertain: ${uncertainWhatsApp} WhatsApp + ${uncertainDesk} desk, ${cardsResent} interrupted cards sent again (${postedTwice} shown twice)`);
  }, 180_000);
});

function textOf(row: OutboxRow): string {
  return row.target.kind === 'citizen' ? row.target.message.text ?? '' : '';
}
