/**
 * `npm run bench:pipeline`: simulated citizens talk to the real app (engine,
 * store, outbox worker) through an in-memory channel, each complaint the
 * whole way (report → place → skip photo → confirm → "laporan saya"), with
 * 1k, 10k and 100k tickets already in the database, so growth shows.
 *
 * Database: PostgreSQL at DATABASE_URL when set; with --pg (or BENCH_PG=1)
 * and no DATABASE_URL a throwaway local cluster (scripts/pg-cluster.ts, the
 * server's durable defaults); otherwise a SQLite file in a temp folder (WAL,
 * synchronous=NORMAL, as the service runs it). The history is seeded through
 * store/seed-history.ts. Each measured run is a fresh app process
 * (bench/support/pipeline-run.ts), so its peak RSS is a service's.
 *
 * Prints per stage: inbound messages/s, reply latency p50/p99, peak RSS,
 * CPU per message; on SQLite the plain better-sqlite3 transactions/s of the
 * same disk in the same run and the ratio; on PostgreSQL also two instances
 * at once (each with its own citizens) against one. The last line is one
 * JSON object with every figure.
 *
 * BENCH_STAGES (default 1000,10000,100000), BENCH_CITIZENS per run (2000),
 * BENCH_CONCURRENCY citizens talking at once per instance (32).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { readAreaCode, readPromptFiles } from '../adapters/prompts/files.js';
import { loadAreaDirectory } from '../adapters/areas/idn-area.js';
import { buildPromptConfig } from '../core/config/validate.js';
import { startCluster, type PostgresCluster } from '../scripts/pg-cluster.js';
import { openStore, type DatabaseSettings } from '../store/index.js';
import { seedHistory } from '../store/seed-history.js';
import { plainSqliteTransactionsPerSecond } from '../store/sqlite/baseline.js';
import type { RunResult } from './support/pipeline-run.js';

const STAGES = (process.env.BENCH_STAGES ?? '1000,10000,100000').split(',').map(Number);
const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const wantPg = process.argv.includes('--pg') || process.env.BENCH_PG === '1';
/** Node flags and environment of the service's start command (package.json "start", deploy/). */
const SERVICE_NODE_FLAGS = ['--optimize-for-size'];
const SERVICE_ENV = { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };

interface Stage {
  tickets: number;
  seedSeconds: number;
  one: RunResult;
  /** PostgreSQL: two instances at once, and their combined rate over the joint window. */
  two?: { a: RunResult; b: RunResult; messagesPerS: number };
  /** SQLite: plain one-insert transactions/s on the same disk, measured right before the run. */
  sqliteTxPerS?: number;
}

/** Starts app processes, waits until all are warm, starts them together, returns their results. */
async function runInstances(env: Record<string, string>, tags: string[]): Promise<RunResult[]> {
  const procs = tags.map((tag) => {
    // With the V8 flag the service runs with (npm start, deploy/suarawarga.service, deploy/Dockerfile).
    const child = spawn(process.execPath, [...process.execArgv, ...SERVICE_NODE_FLAGS, join(import.meta.dirname, 'support', 'pipeline-run.ts')], {
      env: { ...process.env, ...SERVICE_ENV, ...env, BENCH_TAG: tag, BENCH_CITIZENS: String(CITIZENS), BENCH_CONCURRENCY: String(CONCURRENCY) },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.add(child);
    child.once('exit', () => children.delete(child));
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
    const next = async (): Promise<Record<string, unknown>> => {
      const line = await lines.next();
      if (line.done) throw new Error(`benchmark instance ${tag} exited (code ${await exited}) before reporting; see its error above`);
      return JSON.parse(line.value) as Record<string, unknown>;
    };
    return { child, next, exited };
  });
  for (const p of procs) await p.next(); // {"ready":true}
  for (const p of procs) p.child.stdin!.write('go\n');
  const results = await Promise.all(procs.map(async (p) => (await p.next()) as unknown as RunResult));
  await Promise.all(procs.map((p) => p.exited));
  return results;
}

const totalTickets = async (settings: DatabaseSettings) => {
  const store = await openStore(settings);
  try {
    return Object.values(await store.tickets.countByState()).reduce((a, b) => a + b, 0);
  } finally {
    await store.close();
  }
};

function line(label: string, r: RunResult): string {
  return `  ${label.padEnd(14)} ${String(r.messagesPerS).padStart(6)} msg/s   p50 ${r.p50Ms.toFixed(2).padStart(6)} ms   p99 ${r.p99Ms.toFixed(2).padStart(6)} ms   `
    + `peak RSS ${String(r.peakRssMb).padStart(4)} MB   ${String(r.cpuUsPerMessage).padStart(5)} µs CPU/msg   ${r.tickets} tickets filed`;
}

const children = new Set<ReturnType<typeof spawn>>();

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'suarawarga-bench-'));
  const promptsDir = join(dir, 'prompts');
  cpSync('prompts', promptsDir, { recursive: true });
  let cluster: PostgresCluster | undefined;
  // Ctrl-C: stop the app processes and the throwaway cluster too (pg_ctl runs it outside our process group).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const c of children) c.kill('SIGKILL');
      void (cluster?.stop() ?? Promise.resolve()).finally(() => {
        rmSync(dir, { recursive: true, force: true });
        process.exit(130);
      });
    });
  }
  try {
    let url = process.env.DATABASE_URL || undefined;
    if (!url && wantPg) {
      cluster = await startCluster({ durable: true });
      url = cluster.adminUrl;
    }
    const settings: DatabaseSettings = url ? { DATABASE_PATH: '', DATABASE_URL: url } : { DATABASE_PATH: join(dir, 'bench.db') };
    const kind = url ? 'postgres' : 'sqlite';
    const where = url
      ? `PostgreSQL ${(await openStore(settings).then(async (s) => { await s.close(); return s.location; }))}${cluster ? ' (throwaway local cluster started by the benchmark; fsync and synchronous_commit on)' : ' (DATABASE_URL)'}`
      : `SQLite ${settings.DATABASE_PATH} (WAL, synchronous=NORMAL)`;
    console.log(`database: ${where}`);
    console.log(`workload: per run ${CITIZENS} citizens × 5 messages, ${CONCURRENCY} citizens talking at once per instance, after a warm-up; one app process per instance`);

    const built = buildPromptConfig(readPromptFiles(promptsDir), loadAreaDirectory(readAreaCode(promptsDir)));
    if (!built.ok) throw new Error(`prompts/ is invalid: ${JSON.stringify(built.issues)}`);
    const cfg = built.config;
    const categories = cfg.categories.filter((c) => !c.emergency).map((c) => ({ id: c.id, agency: c.default_agency }));
    const env: Record<string, string> = { PROMPTS_DIR: promptsDir, ...(url ? { DATABASE_URL: url } : { DATABASE_PATH: settings.DATABASE_PATH }) };
    const stages: Stage[] = [];
    let seeded = 0;
    for (const target of STAGES) {
      const have = await totalTickets(settings);
      const count = Math.max(0, target - have) & ~1;
      const t0 = performance.now();
      if (count > 0) await seedHistory(settings, { from: seeded, count, prefix: cfg.city.ticket_prefix, channel: 'bench', categories, now: new Date() });
      seeded += count;
      const seedSeconds = (performance.now() - t0) / 1000;
      const tickets = await totalTickets(settings);
      console.log(`\n${tickets} tickets in the database (seeded ${count} in ${seedSeconds.toFixed(1)} s)`);
      const stage: Stage = { tickets, seedSeconds, one: undefined as unknown as RunResult };
      if (kind === 'sqlite') stage.sqliteTxPerS = Math.round(plainSqliteTransactionsPerSecond(dir));
      stage.one = (await runInstances(env, [`s${tickets}x`]))[0]!;
      console.log(line('one instance', stage.one));
      if (kind === 'postgres') {
        const [a, b] = await runInstances(env, [`s${tickets}a`, `s${tickets}b`]);
        const joint = (Math.max(a!.endedAt, b!.endedAt) - Math.min(a!.startedAt, b!.startedAt)) / 1000;
        stage.two = { a: a!, b: b!, messagesPerS: Math.round((a!.messages + b!.messages) / joint) };
        console.log(line('two: first', a!));
        console.log(line('two: second', b!));
        console.log(`  two together   ${stage.two.messagesPerS} msg/s (${(stage.two.messagesPerS / stage.one.messagesPerS).toFixed(2)}× one instance)`);
      } else {
        const ratio = stage.one.messagesPerS / stage.sqliteTxPerS!;
        console.log(`  plain SQLite   ${stage.sqliteTxPerS} tx/s (one insert per transaction, same disk) → pipeline ${ratio.toFixed(3)}× that`);
      }
      for (const r of [stage.one, stage.two?.a, stage.two?.b]) {
        if (r && r.tickets !== CITIZENS) throw new Error(`expected ${CITIZENS} tickets filed in a run, got ${r.tickets}: the conversation script no longer files complaints`);
      }
      stages.push(stage);
    }
    console.log(JSON.stringify({
      database: kind,
      citizens_per_run: CITIZENS,
      concurrency: CONCURRENCY,
      stages: stages.map((s) => ({
        tickets: s.tickets,
        messages_per_s: s.one.messagesPerS,
        p50_ms: s.one.p50Ms,
        p99_ms: s.one.p99Ms,
        rss_mb: s.one.peakRssMb,
        cpu_us_per_message: s.one.cpuUsPerMessage,
        ...(s.sqliteTxPerS !== undefined ? { sqlite_tx_per_s: s.sqliteTxPerS, ratio: Number((s.one.messagesPerS / s.sqliteTxPerS).toFixed(3)) } : {}),
        ...(s.two ? {
          two_instances_messages_per_s: s.two.messagesPerS,
          two_instances: [s.two.a, s.two.b].map((r) => ({ messages_per_s: r.messagesPerS, p50_ms: r.p50Ms, p99_ms: r.p99Ms, rss_mb: r.peakRssMb })),
        } : {}),
      })),
    }));
  } finally {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
