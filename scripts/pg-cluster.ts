/**
 * A throwaway local PostgreSQL cluster: initdb into a temp folder, start the
 * server on a free loopback port, stop and delete it afterwards. The test
 * run (tests/support/postgres-cluster.ts) and the pipeline benchmark
 * (bench/pipeline.ts --pg) both start theirs here. As root (initdb refuses
 * root) the cluster runs as `nobody`, or as a `suarawarga-test` user created
 * for it. Only cluster set-up lives here; no SQL.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The directory holding initdb and pg_ctl: PG_BIN, Debian's newest /usr/lib/postgresql/N/bin, /usr/local/bin, /usr/bin. */
export function findPostgresBinaries(): string | undefined {
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)).map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  const candidates = [process.env.PG_BIN, ...debian, '/usr/local/bin', '/usr/bin'].filter((d): d is string => !!d);
  return candidates.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
}

/** Why there is no cluster to start here, with how to fix it. */
export const NO_BINARIES = 'no PostgreSQL binaries (initdb, pg_ctl) in PG_BIN, /usr/lib/postgresql/*/bin, /usr/local/bin or /usr/bin. '
  + 'Install them (Debian: apt-get install -y postgresql)';

export function freePort(): Promise<number> {
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

export interface ClusterOptions {
  /** Folder holding initdb and pg_ctl (default: findPostgresBinaries()). */
  bin?: string;
  /**
   * false: fsync, synchronous_commit and full_page_writes off (tests: nothing
   * needs to survive a crash, and they run faster). true (default): the
   * server's durable defaults, what a benchmark should measure.
   */
  durable?: boolean;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string | number>;
}

export interface PostgresCluster {
  /** The superuser's URL (user postgres, no password, loopback). */
  readonly adminUrl: string;
  /** Folder of the cluster (data, server.log, socket). */
  readonly dir: string;
  stop(): Promise<void>;
}

/**
 * Prepares a cluster: returns its URL at once and `started`, which resolves
 * when the server accepts connections (initdb takes a second or two).
 */
export async function prepareCluster(opts: ClusterOptions = {}): Promise<PostgresCluster & { started: Promise<void> }> {
  const bin = opts.bin ?? findPostgresBinaries();
  if (!bin) throw new Error(NO_BINARIES);
  const dir = mkdtempSync(join(tmpdir(), 'suarawarga-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const user = await clusterUser();
  if (user) chownSync(dir, user.uid, user.gid);
  // Run from the cluster's folder: the checkout may be where the cluster user cannot even look (/root).
  const as = (cmd: string, args: string[]) => (user
    ? run('runuser', ['-u', user.name, '--', join(bin, cmd), ...args], { cwd: dir })
    : run(join(bin, cmd), args, { cwd: dir }));
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1', unix_socket_directories: dir, max_connections: 300, shared_buffers: '64MB',
    ...(opts.durable === false ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
    ...opts.settings,
  };
  const options = [`-p ${port}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
  let running = false;
  const started = (async () => {
    await as('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    await as('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
    running = true;
  })();
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    started,
    async stop() {
      await started.catch(() => undefined);
      if (running) await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts a cluster and waits until it accepts connections. */
export async function startCluster(opts: ClusterOptions = {}): Promise<PostgresCluster> {
  const cluster = await prepareCluster(opts);
  try {
    await cluster.started;
  } catch (err) {
    await cluster.stop();
    const e = err as Error & { stderr?: string };
    throw new Error(`could not start a throwaway PostgreSQL cluster: ${e.message}\n${e.stderr ?? ''}`, { cause: err });
  }
  return cluster;
}
