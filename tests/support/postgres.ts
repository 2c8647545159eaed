/**
 * PostgreSQL for tests: a fresh, empty database in the run's cluster
 * (tests/support/postgres-cluster.ts) for every caller, so test files run in
 * parallel and tests never see each other's rows. Only this harness speaks SQL
 * to the server, and only CREATE/ALTER/DROP DATABASE; everything else goes
 * through the store.
 *
 * Without PostgreSQL (no binaries, no TEST_DATABASE_URL) the PostgreSQL tests
 * fail on CI (CI=true) and under `npm run test:pg`, and are skipped with a
 * warning elsewhere.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { inject } from 'vitest';

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresUnavailable(): string | undefined {
  const p = inject('postgres');
  return 'unavailable' in p ? p.unavailable : undefined;
}

/** PostgreSQL tests must run (CI, npm run test:pg) rather than be skipped. */
export const postgresRequired = () => process.env.CI === 'true' || process.env.PG_TESTS_REQUIRED === '1';

let warned = false;
/** True when this file's PostgreSQL tests are skipped; says so loudly once. */
export function skipPostgres(): boolean {
  const why = postgresUnavailable();
  if (!why || postgresRequired()) return false;
  if (!warned) {
    warned = true;
    console.warn(`\n*** PostgreSQL store tests SKIPPED: ${why} ***\n`);
  }
  return true;
}

let ready: Promise<string> | undefined;

/** The admin URL once the run's cluster is up (waits for its start), or throws why there is none. */
function adminUrl(): Promise<string> {
  ready ??= (async () => {
    const p = inject('postgres');
    if ('unavailable' in p) throw new Error(`PostgreSQL tests cannot run: ${p.unavailable}`);
    if (p.statusFile) {
      // The cluster starts in the background of globalSetup (initdb takes a second or two).
      for (let waited = 0; !existsSync(p.statusFile); waited += 50) {
        if (waited > 120_000) throw new Error('the test PostgreSQL cluster did not start within 2 minutes; see tests/support/postgres-cluster.ts');
        await sleep(50);
      }
      const status = JSON.parse(readFileSync(p.statusFile, 'utf8')) as { ok: boolean; error?: string };
      if (!status.ok) throw new Error(`the test PostgreSQL cluster failed to start: ${status.error}`);
    }
    return p.adminUrl;
  })();
  return ready;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: await adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new empty database; returns its URL. Drop it with dropTestDatabase. */
export async function createTestDatabase(): Promise<string> {
  const name = `suarawarga_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return withDatabase(await adminUrl(), name);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** From new sessions on, the database refuses writes (as a standby does). */
export async function makeDatabaseReadOnly(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await admin((c) => c.query(`ALTER DATABASE ${name} SET default_transaction_read_only = on`));
}
