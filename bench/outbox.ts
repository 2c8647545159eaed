/**
 * `npm run bench:outbox`: a burst of status changes through the real ticket
 * service, the real SQLite store on disk and the real outbox worker, delivered
 * to a fake Telegram that enforces Telegram's limits (30 messages/s overall,
 * 20/min per group) and answers 429s.
 *
 * Time is simulated: the worker and the fake share a clock the benchmark moves
 * forward (50 ms per round that sent something, else straight to the moment a
 * rate window or a retry frees up), so an hour-long burst runs in seconds and
 * the limits hold exactly in that clock. Prints the delivery time against the
 * minimum the limits allow, how many sends were retried, and how many messages
 * were lost or doubled (what the outbox was asked to send vs what the fake
 * accepted); the last line is JSON.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../app/build.js';
import { loadConfig } from '../app/config.js';
import { createLogger } from '../adapters/logging/logger.js';
import { TELEGRAM_LIMITS } from '../core/outbox/limits.js';
import { createOutboxWorker } from '../core/outbox/worker.js';
import type { Clock, OutboxTarget } from '../core/ports.js';
import { citizenKey, deskKey, FakeTelegram } from './support/fake-telegram.js';

const CHANGES = Number(process.env.BENCH_CHANGES ?? 5_000);
const DESKS = Number(process.env.BENCH_DESKS ?? 50);
const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 2_000);
/** Simulated time one delivery round takes (a Bot API round trip). */
const ROUND_MS = 50;

class SimClock implements Clock {
  constructor(public t: number) {}
  now(): Date {
    return new Date(this.t);
  }
}

const keyOf = (t: OutboxTarget) => (t.kind === 'citizen' ? citizenKey(t.message) : deskKey(t.agency, t.payload));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'suarawarga-outbox-bench-'));
  const promptsDir = join(dir, 'prompts');
  cpSync('prompts', promptsDir, { recursive: true });
  // 50 desks: the city's agencies plus enough extra ones.
  const agenciesFile = join(promptsDir, 'agencies.yaml');
  const existing = [...readFileSync(agenciesFile, 'utf8').matchAll(/- code: (\w+)/g)].map((m) => m[1]!);
  const extra = Array.from({ length: Math.max(0, DESKS - existing.length) }, (_, i) => `UPT${String(i + 1).padStart(2, '0')}`);
  writeFileSync(agenciesFile, readFileSync(agenciesFile, 'utf8') + extra.map((c) =>
    `  - code: ${c}\n    name: Unit Pelaksana Teknis ${c}\n    telegram_chats: []\n    sla: { take_hours: 24, resolve_hours: 40 }\n`).join(''));
  const desks = [...existing, ...extra].slice(0, DESKS);

  const clock = new SimClock(Date.parse('2026-11-23T02:00:00Z'));
  const config = loadConfig({ DATABASE_PATH: join(dir, 'bench.db'), PROMPTS_DIR: promptsDir, PROMPTS_WATCH: 'false', LOG_LEVEL: 'silent', WEB_ENABLED: 'false' });
  const logger = createLogger('silent');
  const app = await buildApp(config, { clock, logger, runWorker: false });
  const { store, tickets } = app;
  const telegram = new FakeTelegram(clock);
  app.addChannel(telegram.citizen);
  app.setDesk(telegram.desk);
  // The worker as app/build.ts makes it for the real Telegram.
  const worker = createOutboxWorker({ store, clock, logger, channels: app.channels, desk: telegram.desk, limits: TELEGRAM_LIMITS, maxAttempts: config.OUTBOX_MAX_ATTEMPTS });

  // Setup (not measured): one ticket per citizen, spread over the desks, already shown at their desks.
  const staff = { type: 'staff' as const, id: '1', name: 'Petugas' };
  const ids: number[] = [];
  await store.transaction(async () => {
    for (let i = 0; i < CITIZENS; i++) {
      const citizen = await store.citizens.resolve('telegram', { address: String(100_000 + i) }, clock.now());
      ids.push((await tickets.file({
        citizenId: citizen.id, channel: 'telegram', category: 'sampah', agency: desks[i % desks.length]!, description: `Sampah menumpuk ${i}`,
        locationText: `Gang ${i}`, kelurahan: null, kecamatan: null, rt: null, rw: null, latitude: null, longitude: null, confidence: 0.9,
        emergency: false, confidential: false, trustedReporter: null, routeRule: null, triage: false, photos: [],
      }, { type: 'citizen', id: String(citizen.id) })).id);
    }
  });
  // The setup's own cards count as delivered already (through the port: the outbox rows are marked sent).
  const setupRows = await store.outbox.list({ limit: 1_000_000 });
  await store.transaction(async () => {
    for (const r of setupRows) await store.outbox.markSent(r.id, r.createdAt);
  });
  const firstBurstRow = Math.max(0, ...setupRows.map((r) => r.id)) + 1;

  // The burst: CHANGES status changes at one instant (take, progress note, resolve with proof), each writing its outbox rows.
  const plan: [number, 'ambil' | 'proses' | 'selesaikan'][] = [];
  for (const action of ['ambil', 'proses', 'selesaikan'] as const) for (const id of ids) if (plan.length < CHANGES) plan.push([id, action]);
  const wall = performance.now();
  await store.transaction(async () => {
    for (const [id, action] of plan) await tickets.act(id, action, { actor: staff, note: action === 'ambil' ? undefined : `Catatan ${action} ${id}` });
  });
  const enqueueMs = performance.now() - wall;

  const rows = (await store.outbox.list({ limit: 1_000_000 })).filter((r) => r.id >= firstBurstRow);
  const expected = new Map<string, number>();
  const perDesk = new Map<string, number>();
  for (const r of rows) {
    expected.set(keyOf(r.target), (expected.get(keyOf(r.target)) ?? 0) + 1);
    if (r.target.kind === 'desk') perDesk.set(r.target.agency, (perDesk.get(r.target.agency) ?? 0) + 1);
  }
  const total = rows.length;
  // Lower bound the limits allow: 30 per second overall, 20 per minute per group (first window starts at once).
  const minimumSeconds = Math.max(Math.ceil(total / 30) - 1, ...[...perDesk.values()].map((n) => (Math.ceil(n / 20) - 1) * 60));

  const start = clock.t;
  const unfinished = async () => { const c = await store.outbox.counts(); return c.pending + c.sending; };
  const nextDue = async () => {
    const due = (await store.outbox.list({ status: 'pending', limit: 1_000_000 })).map((r) => r.nextAttemptAt).sort();
    return due[0] ?? null;
  };
  let rounds = 0;
  while ((await unfinished()) > 0 && clock.t - start < 6 * 3_600_000) {
    rounds++;
    const n = await worker.runOnce();
    if (n > 0) {
      clock.t += ROUND_MS;
      continue;
    }
    const due = await nextDue();
    const candidates = [worker.nextFreeAt()?.getTime(), due ? Date.parse(due) : undefined].filter((x): x is number => x !== undefined && x > clock.t);
    clock.t = candidates.length ? Math.min(...candidates) : clock.t + ROUND_MS;
  }
  const lastAt = Math.max(start, ...telegram.accepted.map((a) => a.at));
  const seconds = (lastAt - start) / 1000;

  const got = new Map<string, number>();
  for (const a of telegram.accepted) got.set(a.key, (got.get(a.key) ?? 0) + 1);
  let lost = 0;
  let doubled = 0;
  for (const [k, n] of expected) lost += Math.max(0, n - (got.get(k) ?? 0));
  for (const [k, n] of got) doubled += Math.max(0, n - (expected.get(k) ?? 0));
  const counts = await store.outbox.counts();
  const stats = worker.stats();

  const out = {
    delivered: telegram.accepted.length, lost, doubled, retried: stats.retried, seconds: Number(seconds.toFixed(1)), minimum_seconds: minimumSeconds,
  };
  console.log(`outbox burst: ${plan.length} status changes → ${total} messages (${total - [...perDesk.values()].reduce((a, b) => a + b, 0)} to ${CITIZENS} citizens, ${[...perDesk.values()].reduce((a, b) => a + b, 0)} to ${perDesk.size} desks), queued in ${enqueueMs.toFixed(0)} ms`);
  console.log(`limits: 30 msg/s overall, 20 msg/min per group; 429s answered: ${telegram.refused429} over a limit, ${telegram.spurious429} spurious (flood wait)`);
  console.log(`delivered ${out.delivered} in ${out.seconds} s simulated (minimum the limits allow: ${minimumSeconds} s, ratio ${(seconds / minimumSeconds).toFixed(3)}×), ${rounds} rounds, ${((performance.now() - wall) / 1000).toFixed(1)} s real`);
  console.log(`retried ${stats.retried} (of which 429: ${stats.throttled}), failed ${counts.failed}, uncertain ${counts.uncertain}; lost ${lost}, doubled ${doubled}`);
  console.log(JSON.stringify(out));

  await app.stop();
  rmSync(dir, { recursive: true, force: true });
  if (lost > 0 || doubled > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
