/**
 * `npm run bench:pipeline`: many simulated citizens talk to the real engine
 * and the real SQLite store on disk through an in-memory channel, each
 * complaint going the whole way (report → location → skip photo → confirm →
 * status check). Prints messages/s, reply latency p50/p99, peak RSS, and plain
 * better-sqlite3 transactions/s on the same disk for comparison; the last line
 * is JSON.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../app/build.js';
import { loadConfig } from '../app/config.js';
import { createLogger } from '../adapters/logging/logger.js';
import { MemoryChannel } from '../bots/memory/channel.js';

const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

const COMPLAINTS = [
  ['sampah numpuk di tps belum diangkut seminggu', 'jalan sultan hasanuddin depan pasar raya'],
  ['lampu jalan mati udah 3 hari gelap bgt', 'gg melati rt 03 rw 02 kel paruga'],
  ['jln berlubang gede bahaya buat motor', 'jalan soekarno hatta dekat sdn 4'],
  ['air pdam gak ngalir dr kemarin', 'perumahan griya asri blok c no 12'],
  ['got mampet airnya meluap ke jalan', 'samping masjid al ikhlas kelurahan sarae'],
  ['parkir liar bikin macet tiap sore', 'depan toko bima jaya jalan sumbawa'],
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function sqliteBaseline(dir: string, n = 20_000): number {
  const db = new Database(join(dir, 'baseline.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, citizen TEXT, body TEXT, at TEXT)');
  const insert = db.prepare('INSERT INTO t (citizen, body, at) VALUES (?, ?, ?)');
  const tx = db.transaction((i: number) => insert.run(`c${i % 500}`, 'sampah numpuk di jalan sudirman', new Date().toISOString()));
  const start = performance.now();
  for (let i = 0; i < n; i++) tx(i);
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return n / seconds;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'suarawarga-bench-'));
  cpSync('prompts', join(dir, 'prompts'), { recursive: true });
  const config = loadConfig({ DATABASE_PATH: join(dir, 'bench.db'), PROMPTS_DIR: join(dir, 'prompts'), PROMPTS_WATCH: 'false', LOG_LEVEL: 'silent', WEB_ENABLED: 'false', OUTBOX_POLL_MS: '50' });
  const app = await buildApp(config, { logger: createLogger('silent') });
  const channel = new MemoryChannel('bench');
  app.addChannel(channel);
  let peakRss = process.memoryUsage().rss;
  const rssTimer = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);

  // Latency: from handing a message to the engine until its first reply reaches the channel.
  const waiting = new Map<string, { start: number; resolve: () => void }>();
  const latencies: number[] = [];
  channel.onSend = (m) => {
    const w = waiting.get(m.to);
    if (!w) return;
    waiting.delete(m.to);
    latencies.push(performance.now() - w.start);
    w.resolve();
  };
  await app.start();

  const scripts = Array.from({ length: CITIZENS }, (_, i) => {
    const [complaint, place] = COMPLAINTS[i % COMPLAINTS.length]!;
    // A distinct landmark per citizen, so each complaint is filed rather than offered as a duplicate.
    const landmark = `gang k${i.toString(36)}z`;
    return { who: `62812${String(i).padStart(7, '0')}@c.us`, lines: [complaint, i < COMPLAINTS.length ? place : landmark, 'lewati', 'ya', 'laporan saya'] };
  });
  let messages = 0;
  let next = 0;
  const started = performance.now();
  async function citizenLoop(): Promise<void> {
    while (next < scripts.length) {
      const s = scripts[next++]!;
      for (const line of s.lines) {
        const replied = new Promise<void>((resolve) => waiting.set(s.who, { start: performance.now(), resolve }));
        await channel.receive(s.who, line);
        await replied;
        messages++;
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, citizenLoop));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(rssTimer);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const tickets = (await app.store.tickets.list({ limit: 1_000_000 })).length;
  await app.stop();

  const txPerS = sqliteBaseline(dir);
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const result = {
    messages_per_s: Math.round(messages / seconds),
    p50_ms: Number(percentile(latencies, 50).toFixed(2)),
    p99_ms: Number(percentile(latencies, 99).toFixed(2)),
    rss_mb: Math.round(peakRss / 1024 / 1024),
    sqlite_tx_per_s: Math.round(txPerS),
  };
  console.log(`pipeline: ${CITIZENS} citizens × 5 messages, ${CONCURRENCY} talking at once, real engine + SQLite (WAL) on disk`);
  console.log(`  inbound messages   ${messages} in ${seconds.toFixed(2)} s = ${result.messages_per_s} msg/s`);
  console.log(`  tickets filed      ${tickets}`);
  console.log(`  reply latency      p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms`);
  console.log(`  peak RSS           ${result.rss_mb} MB`);
  console.log(`  plain SQLite       ${result.sqlite_tx_per_s} tx/s (one insert per transaction, same disk)`);
  console.log(JSON.stringify(result));
  if (tickets !== CITIZENS) {
    console.error(`expected ${CITIZENS} tickets, got ${tickets}`);
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
