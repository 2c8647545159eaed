/**
 * The store contract suite's fixtures: every behaviour test runs once per
 * database (describe.each over BACKENDS), each test on a fresh, empty store:
 * a temp SQLite file, or a new database in the run's PostgreSQL cluster.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Citizen } from '../../core/ports.js';
import type { NewTicket, Ticket } from '../../core/tickets/types.js';
import { createPostgresStore } from '../../store/postgres/index.js';
import { createSqliteStore } from '../../store/sqlite/index.js';
import type { DatabaseStore } from '../../store/types.js';
import { createTestDatabase, dropTestDatabase, skipPostgres } from '../support/postgres.js';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh place for a database: a file path or a database URL. */
  create(): Promise<string>;
  open(where: string): Promise<DatabaseStore>;
  destroy(where: string): Promise<void>;
}

const sqlite: Backend = {
  name: 'sqlite',
  create: async () => join(mkdtempSync(join(tmpdir(), 'suarawarga-store-')), 'store.db'),
  open: async (path) => createSqliteStore(path),
  destroy: async (path) => rmSync(join(path, '..'), { recursive: true, force: true }),
};

export const postgres: Backend = {
  name: 'postgres',
  create: createTestDatabase,
  open: (url) => createPostgresStore(url, { maxConnections: 8 }),
  destroy: dropTestDatabase,
};

/** The databases every contract test runs on (PostgreSQL left out, loudly, where it cannot run and is not required). */
export const BACKENDS: Backend[] = skipPostgres() ? [sqlite] : [sqlite, postgres];
export const PG_ONLY: Backend[] = skipPostgres() ? [] : [postgres];

export interface StoreUnderTest {
  readonly store: DatabaseStore;
  readonly where: string;
  /** Another store (its own pool) on the same database: a second instance. Closed after the test. */
  another(): Promise<DatabaseStore>;
}

/** Registers the hooks that give each test a fresh store of the backend. */
export function useStore(backend: Backend): StoreUnderTest {
  let store: DatabaseStore | undefined;
  let where = '';
  const extra: DatabaseStore[] = [];
  beforeEach(async () => {
    where = await backend.create();
    store = await backend.open(where);
  });
  afterEach(async () => {
    for (const s of [store, ...extra.splice(0)]) await s?.close();
    store = undefined;
    if (where) await backend.destroy(where);
  });
  return {
    get store() { return store!; },
    get where() { return where; },
    async another() {
      const s = await backend.open(where);
      extra.push(s);
      return s;
    },
  };
}

/** A moment in the test's world; `min` minutes after 2026-11-23 02:00Z. */
export const at = (min = 0) => new Date(Date.UTC(2026, 10, 23, 2, min)).toISOString();

export function citizenOf(store: DatabaseStore, address: string, channel = 'telegram'): Promise<Citizen> {
  return store.citizens.resolve(channel, { address }, new Date(at()));
}

/** Files a ticket with sensible defaults; fields can be overridden. */
export async function fileTicket(store: DatabaseStore, citizen: Citizen, over: Partial<NewTicket> = {}): Promise<Ticket> {
  const number = over.number ?? await store.tickets.nextNumber('BM');
  return store.tickets.insert({
    number, citizenId: citizen.id, channel: citizen.channel, category: 'sampah', agency: 'dlh', state: 'baru',
    description: 'Sampah menumpuk di depan pasar', locationText: 'Pasar Segiri', kelurahan: 'Sidodadi', kecamatan: 'Samarinda Ulu',
    rt: '03', rw: null, latitude: -0.4949, longitude: 117.1436, confidence: 0.9, emergency: false, confidential: false,
    trustedReporter: null, routeRule: 'sampah', createdAt: at(), ...over,
  });
}

/** An outbox row for a citizen on the memory channel. */
export function citizenMessage(to: string, text: string, channel = 'memory') {
  return { kind: 'citizen' as const, channel, message: { to, text } };
}
