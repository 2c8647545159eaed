/**
 * vitest globalSetup: one throwaway PostgreSQL cluster per test run, for the
 * PostgreSQL half of the store tests (tests/support/postgres.ts creates a
 * fresh database in it for each test).
 *
 * TEST_DATABASE_URL set: that server is used (a user allowed to CREATE
 * DATABASE) and nothing is started. Otherwise initdb into a temp folder and
 * start the server on a free loopback port, fsync off; as root (initdb refuses
 * root) the cluster runs as `nobody`, or as a `suarawarga-test` user created
 * for it. The start runs in the background so runs without PostgreSQL tests
 * do not wait for it; the tests wait for the status file. Stopped and deleted
 * at the end of the run.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);

/** What the test files get through inject('postgres'). */
export type PostgresProvided =
  | { adminUrl: string; statusFile: string | null }
  | { unavailable: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresProvided;
  }
}

/** The directory holding initdb and pg_ctl: PG_BIN, Debian's newest /usr/lib/postgresql/N/bin, /usr/local/bin, /usr/bin. */
function findBinaries(): string | undefined {
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)).map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  const candidates = [process.env.PG_BIN, ...debian, '/usr/local/bin', '/usr/bin'].filter((d): d is string => !!d);
  return candidates.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The unprivileged user to run the cluster as when we are root. */
async function clusterUser(): Promise<{ name: string; uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async (name: string) => {
    try {
      const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
      return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
    } catch {
      return undefined;
    }
  };
  const nobody = await lookup('nobody');
  if (nobody) return nobody;
  await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'suarawarga-test']);
  return lookup('suarawarga-test');
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgres', { adminUrl: process.env.TEST_DATABASE_URL, statusFile: null });
    return async () => undefined;
  }
  const bin = findBinaries();
  if (!bin) {
    project.provide('postgres', {
      unavailable: 'no PostgreSQL binaries (initdb, pg_ctl) in PG_BIN, /usr/lib/postgresql/*/bin, /usr/local/bin or /usr/bin, and TEST_DATABASE_URL is not set. '
        + 'Install them (Debian: apt-get install -y postgresql) or set TEST_DATABASE_URL=postgres://user@host:port/db of a user who may CREATE DATABASE.',
    });
    return async () => undefined;
  }

  const dir = mkdtempSync(join(tmpdir(), 'suarawarga-pg-'));
  const data = join(dir, 'data');
  const statusFile = join(dir, 'status.json');
  const port = await freePort();
  const user = await clusterUser();
  if (user) chownSync(dir, user.uid, user.gid);
  // Run from the cluster's folder: the checkout may be where the cluster user cannot even look (/root).
  const as = (cmd: string, args: string[]) => (user
    ? run('runuser', ['-u', user.name, '--', join(bin, cmd), ...args], { cwd: dir })
    : run(join(bin, cmd), args, { cwd: dir }));

  const started = (async () => {
    await as('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    const options = [
      `-p ${port}`, '-c listen_addresses=127.0.0.1', `-c unix_socket_directories=${dir}`, '-c fsync=off', '-c synchronous_commit=off',
      '-c full_page_writes=off', '-c max_connections=300', '-c shared_buffers=64MB',
    ].join(' ');
    await as('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
  })();
  // The tests read the outcome from the status file (globalSetup cannot hand them a promise).
  const status = started.then(
    () => ({ ok: true }),
    (err: Error & { stderr?: string }) => ({ ok: false, error: `${err.message}\n${err.stderr ?? ''}` }),
  ).then((s) => {
    // Written whole, then renamed: a reader never sees half of it.
    writeFileSync(`${statusFile}.tmp`, JSON.stringify(s));
    renameSync(`${statusFile}.tmp`, statusFile);
    return s;
  });
  project.provide('postgres', { adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, statusFile });

  return async () => {
    if ((await status).ok) await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
}
