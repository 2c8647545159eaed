/**
 * PostgreSQL start-up and failure modes: migrations (several instances
 * starting at once, a schema from a newer build), the same schema as SQLite,
 * and failures that must read as "database unavailable" so adapters refuse
 * the message and the channel redelivers it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStorageUnavailable } from '../../store/errors.js';
import { createPostgresStore } from '../../store/postgres/index.js';
import { locationOf, openPostgres } from '../../store/postgres/database.js';
import { targetTables } from '../../store/postgres/copy-target.js';
import { migratePostgres, PG_MIGRATIONS, schemaVersion } from '../../store/postgres/migrations.js';
import { MIGRATIONS } from '../../store/sqlite/migrations.js';
import { openSqliteSource } from '../../store/sqlite/copy-source.js';
import { createSqliteStore } from '../../store/sqlite/index.js';
import { createTestDatabase, dropTestDatabase, makeDatabaseReadOnly } from '../support/postgres.js';
import { at, citizenOf, PG_ONLY } from './support.js';

describe('schema versions', () => {
  it('PostgreSQL has a migration for every SQLite migration, with the same number and name', () => {
    expect(PG_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
  });
});

describe('where a PostgreSQL store says it is', () => {
  it.each([
    ['postgres://suara:rahasia@db.kota.go.id:6543/suarawarga', 'db.kota.go.id:6543/suarawarga'],
    ['postgresql://suara@localhost/suarawarga?sslmode=require', 'localhost:5432/suarawarga'],
    ['postgres://suara@/suarawarga?host=/run/postgresql', '/run/postgresql:5432/suarawarga'],
  ])('%s is shown as %s, never with the password', (url, shown) => {
    expect(locationOf(url)).toBe(shown);
  });
});

describe('storage failures that mean "try again later"', () => {
  it.each([
    ['SQLite busy', { code: 'SQLITE_BUSY' }, true],
    ['disk full on SQLite', { code: 'SQLITE_FULL' }, true],
    ['connection refused', { code: 'ECONNREFUSED' }, true],
    ['connection reset', { code: 'ECONNRESET' }, true],
    ['PostgreSQL connection failure (08006)', { code: '08006' }, true],
    ['PostgreSQL disk full (53100)', { code: '53100' }, true],
    ['PostgreSQL too many connections (53300)', { code: '53300' }, true],
    ['PostgreSQL admin shutdown (57P01)', { code: '57P01' }, true],
    ['PostgreSQL crash shutdown (57P02)', { code: '57P02' }, true],
    ['PostgreSQL starting up (57P03)', { code: '57P03' }, true],
    ['PostgreSQL read-only (25006)', { code: '25006' }, true],
    ['PostgreSQL lock timeout (55P03)', { code: '55P03' }, true],
    ['pg: connection terminated', new Error('Connection terminated unexpectedly'), true],
    ['pg: pool timeout', new Error('timeout exceeded when trying to connect'), true],
    ['wrapped in a cause', new Error('insert failed', { cause: { code: '57P01' } }), true],
    ['every address of localhost refused', Object.assign(new Error('connect'), { errors: [{ code: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }] }), true],
    ['PostgreSQL unique violation (23505)', { code: '23505' }, false],
    ['PostgreSQL undefined table (42P01)', { code: '42P01' }, false],
    ['PostgreSQL syntax error (42601)', { code: '42601' }, false],
    ['SQLite constraint', { code: 'SQLITE_CONSTRAINT_UNIQUE' }, false],
    ['a plain bug', new TypeError('x is undefined'), false],
  ])('%s: %s', (_, err, expected) => {
    expect(isStorageUnavailable(err)).toBe(expected);
  });
});

describe.each(PG_ONLY)('$name start-up and failures', () => {
  let url: string;
  beforeEach(async () => { url = await createTestDatabase(); });
  afterEach(async () => { await dropTestDatabase(url); });

  it('several instances starting together on an empty database migrate it once', async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => createPostgresStore(url)));
    const sql = openPostgres(url);
    try {
      expect(await schemaVersion(sql)).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
      await Promise.all(stores.map((s, i) => citizenOf(s, `warga-${i}`)));
      expect((await stores[0]!.citizens.findByAddress('telegram', 'warga-3'))!.id).toBeGreaterThan(0);
      expect(stores[0]).toMatchObject({ kind: 'postgres', location: locationOf(url) });
      expect(stores[0]!.location).toMatch(/^127\.0\.0\.1:\d+\/suarawarga_test_/);
    } finally {
      await sql.close();
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('refuses a database migrated by a newer build, saying what to do', async () => {
    const sql = openPostgres(url);
    await migratePostgres(sql, [...PG_MIGRATIONS, { version: 99, name: 'from the future', sql: 'SELECT 1' }]);
    await sql.close();
    const known = Math.max(...PG_MIGRATIONS.map((m) => m.version));
    await expect(createPostgresStore(url)).rejects.toThrow(
      new RegExp(`migrated by a newer SuaraWarga \\(schema 99, this build knows ${known}\\)\\. Run the newer version or restore a backup`));
  });

  it('has the same tables and columns as the SQLite schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'suarawarga-schema-'));
    try {
      await createSqliteStore(join(dir, 'a.db')).close();
      const source = openSqliteSource(join(dir, 'a.db'));
      const sqlite = source.tables();
      source.close();
      const store = await createPostgresStore(url);
      await store.close();
      const sql = openPostgres(url);
      const pg = await targetTables(sql);
      await sql.close();
      expect(new Map([...pg].map(([t, cols]) => [t, cols.map((c) => c.name)]))).toEqual(sqlite);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a database that cannot be reached fails as "unavailable", with where it tried', async () => {
    const err = await createPostgresStore('postgres://postgres@127.0.0.1:1/none', { connectionTimeoutMs: 2000 }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^Cannot open the PostgreSQL database at 127\.0\.0\.1:1\/none: .*Check DATABASE_URL/);
    expect(isStorageUnavailable(err)).toBe(true);
  });

  it('a write held up by another instance\'s lock past the lock timeout fails as "unavailable", like SQLite\'s busy timeout', async () => {
    const holder = await createPostgresStore(url);
    const waiter = await createPostgresStore(url, { lockTimeoutMs: 100 });
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => { release = r; });
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => { locked = r; });
      const tx = holder.transaction(async () => {
        await holder.tickets.nextNumber('BM');
        locked();
        await held;
      });
      await isLocked;
      const err = await waiter.tickets.nextNumber('BM').catch((e: unknown) => e);
      release();
      await tx;
      expect((err as { code?: string }).code).toBe('55P03');
      expect(isStorageUnavailable(err)).toBe(true);
      expect(await waiter.tickets.nextNumber('BM')).toBe('BM-0002');
    } finally {
      await Promise.all([holder.close(), waiter.close()]);
    }
  });

  it('on a read-only database (a standby) the store starts and reads, refuses writes as "unavailable", and the probe fails', async () => {
    const first = await createPostgresStore(url);
    const budi = await citizenOf(first, 'budi');
    await first.close();
    await makeDatabaseReadOnly(url);
    const store = await createPostgresStore(url);
    try {
      expect(await store.citizens.get(budi.id)).toEqual(budi);
      const write = await store.tickets.nextNumber('BM').catch((e: unknown) => e);
      expect((write as { code?: string }).code).toBe('25006');
      expect(isStorageUnavailable(write)).toBe(true);
      const probe = await store.operations.probeWritable(1000).catch((e: unknown) => e);
      expect(isStorageUnavailable(probe)).toBe(true);
      const inTx = await store.transaction(() => store.citizens.resolve('telegram', { address: 'baru' }, new Date(at()))).catch((e: unknown) => e);
      expect(isStorageUnavailable(inTx)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
