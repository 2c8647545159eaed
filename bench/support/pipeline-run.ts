/**
 * One app instance of the pipeline benchmark, in its own process (started by
 * bench/pipeline.ts), so its peak RSS is that of a service with this database
 * and nothing of the benchmark's seeding. Builds the real app on the database
 * given in the environment (DATABASE_URL or DATABASE_PATH), lets simulated
 * citizens talk to it through an in-memory channel — each complaint the whole
 * way: report → place → skip photo → confirm → "laporan saya" — and prints one
 * JSON line with what it measured.
 *
 * Protocol on stdio: after building the app and a warm-up it prints
 * {"ready":true}; it starts measuring when a line arrives on stdin (so two
 * instances start together), then prints its result and exits.
 */
import { createInterface } from 'node:readline';
import { buildApp } from '../../app/build.js';
import { loadConfig } from '../../app/config.js';
import { createLogger } from '../../adapters/logging/logger.js';
import { MemoryChannel } from '../../bots/memory/channel.js';

export interface RunResult {
  messages: number;
  tickets: number;
  /** Wall-clock epoch ms of the measured window (two instances are combined over their joint window). */
  startedAt: number;
  endedAt: number;
  messagesPerS: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of this process per measured message (user + system), µs. */
  cpuUsPerMessage: number;
  /** The kernel's peak resident set of this process over its whole life (start-up included), MB. */
  peakRssMb: number;
}

const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 2000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
/** Distinguishes the citizens of each run and instance on one database. */
const TAG = process.env.BENCH_TAG ?? 'a';
/** A reply that has not come after this long means the pipeline is stuck: fail loudly rather than hang. */
const STALL_MS = 60_000;

const COMPLAINTS = [
  'sampah numpuk di tps belum diangkut seminggu',
  'lampu jalan mati udah 3 hari gelap bgt',
  'jln berlubang gede bahaya buat motor',
  'air pdam gak ngalir dr kemarin',
  'got mampet airnya meluap ke jalan',
  'parkir liar bikin macet tiap sore',
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const config = loadConfig({
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { DATABASE_PATH: process.env.DATABASE_PATH! }),
    PROMPTS_DIR: process.env.PROMPTS_DIR!, PROMPTS_WATCH: 'false', LOG_LEVEL: 'silent', WEB_ENABLED: 'false',
  });
  const app = await buildApp(config, { logger: createLogger('silent') });
  // Each instance its own channel: its worker delivers its own citizens' replies, so it sees them arrive.
  const channel = new MemoryChannel(`bench-${TAG}`);
  app.addChannel(channel);

  // Latency: from handing a message to the app until its first reply reaches the channel.
  const waiting = new Map<string, { start: number; resolve: () => void }>();
  let latencies: number[] = [];
  channel.onSend = (m) => {
    const w = waiting.get(m.to);
    if (!w) return;
    waiting.delete(m.to);
    latencies.push(performance.now() - w.start);
    w.resolve();
  };
  await app.start();

  // A distinct landmark per citizen, so each complaint is filed rather than offered as a duplicate.
  const script = (i: number) => ({
    who: `62812${TAG}${String(i).padStart(7, '0')}@c.us`,
    lines: [COMPLAINTS[i % COMPLAINTS.length]!, `gang k${TAG}${i.toString(36)}z`, 'lewati', 'ya', 'laporan saya'],
  });
  async function talk(from: number, count: number): Promise<number> {
    let next = from;
    let messages = 0;
    const citizen = async () => {
      while (next < from + count) {
        const s = script(next++);
        for (const line of s.lines) {
          let timer: NodeJS.Timeout | undefined;
          const replied = new Promise<void>((resolve, reject) => {
            waiting.set(s.who, { start: performance.now(), resolve });
            timer = setTimeout(() => reject(new Error(`no reply to "${line}" from ${s.who} within ${STALL_MS / 1000} s`)), STALL_MS);
          });
          await channel.receive(s.who, line);
          await replied.finally(() => clearTimeout(timer));
          messages++;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, citizen));
    return messages;
  }

  await talk(0, WARMUP);
  latencies = [];
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  const input = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => input.once('line', () => resolve()));
  input.close();

  const cpu0 = process.cpuUsage();
  const startedAt = Date.now();
  const t0 = performance.now();
  const messages = await talk(WARMUP, CITIZENS);
  const seconds = (performance.now() - t0) / 1000;
  const endedAt = Date.now();
  const cpu = process.cpuUsage(cpu0);
  // Every measured citizen should have filed exactly one ticket (checked through the ports, after the clock stopped).
  let tickets = 0;
  for (let i = WARMUP; i < WARMUP + CITIZENS; i++) {
    const citizen = await app.store.citizens.findByAddress(channel.id, script(i).who);
    if (citizen) tickets += (await app.store.tickets.list({ citizenId: citizen.id })).length;
  }
  await app.stop();
  latencies.sort((a, b) => a - b);
  const result: RunResult = {
    messages,
    tickets,
    startedAt,
    endedAt,
    messagesPerS: Math.round(messages / seconds),
    p50Ms: Number(percentile(latencies, 50).toFixed(2)),
    p99Ms: Number(percentile(latencies, 99).toFixed(2)),
    cpuUsPerMessage: Math.round((cpu.user + cpu.system) / messages),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
