/**
 * vitest globalSetup: one throwaway PostgreSQL cluster per test run, for the
 * PostgreSQL half of the store tests (tests/support/postgres.ts creates a
 * fresh database in it for each test).
 *
 * TEST_DATABASE_URL set: that server is used (a user allowed to CREATE
 * DATABASE) and nothing is started. Otherwise scripts/pg-cluster.ts starts
 * one (initdb into a temp folder, a free loopback port, fsync off; as root
 * it runs as `nobody`). The start runs in the background so runs without
 * PostgreSQL tests do not wait for it; the tests wait for the status file.
 * Stopped and deleted at the end of the run.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findPostgresBinaries, NO_BINARIES, prepareCluster } from '../../scripts/pg-cluster.js';

/** What the test files get through inject('postgres'). */
export type PostgresProvided =
  | { adminUrl: string; statusFile: string | null }
  | { unavailable: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresProvided;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgres', { adminUrl: process.env.TEST_DATABASE_URL, statusFile: null });
    return async () => undefined;
  }
  const bin = findPostgresBinaries();
  if (!bin) {
    project.provide('postgres', {
      unavailable: `${NO_BINARIES} or set TEST_DATABASE_URL=postgres://user@host:port/db of a user who may CREATE DATABASE.`,
    });
    return async () => undefined;
  }

  const cluster = await prepareCluster({ bin, durable: false });
  const statusFile = join(cluster.dir, 'status.json');
  // The tests read the outcome from the status file (globalSetup cannot hand them a promise).
  const status = cluster.started.then(
    () => ({ ok: true }),
    (err: Error & { stderr?: string }) => ({ ok: false, error: `${err.message}\n${err.stderr ?? ''}` }),
  ).then((s) => {
    // Written whole, then renamed: a reader never sees half of it.
    writeFileSync(`${statusFile}.tmp`, JSON.stringify(s));
    renameSync(`${statusFile}.tmp`, statusFile);
    return s;
  });
  project.provide('postgres', { adminUrl: cluster.adminUrl, statusFile });

  return async () => {
    await status;
    await cluster.stop();
  };
}
