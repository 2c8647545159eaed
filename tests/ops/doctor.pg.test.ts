/**
 * `npm run cli -- doctor` with DATABASE_URL: it says whether this host can
 * use the PostgreSQL database and whether the schema fits this build, and
 * never writes to it (the doctor may run against a production database).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../scripts/doctor.js';
import { createPostgresStore } from '../../store/postgres/index.js';
import { tempWorkspace } from '../support/app.js';
import { createTestDatabase, dropTestDatabase, skipPostgres } from '../support/postgres.js';
import { probePostgres } from '../../store/postgres/probe.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function doctor(url: string): Promise<{ code: number; lines: string[] }> {
  const ws = tempWorkspace();
  cleanups.push(() => rmSync(ws.dir, { recursive: true, force: true }));
  const lines: string[] = [];
  const code = await runDoctor({ DATABASE_URL: url, PROMPTS_DIR: ws.promptsDir, MEDIA_DIR: join(ws.dir, 'data', 'media'), BACKUP_DIR: join(ws.dir, 'backups') },
    (l) => lines.push(l));
  return { code, lines };
}

const line = (lines: string[], name: string) => lines.find((l) => l.includes(` ${name}: `)) ?? `(no "${name}" line in: ${lines.join(' | ')})`;

describe.skipIf(skipPostgres())('the doctor on PostgreSQL', () => {
  it('an empty database: reachable, migrated at the first start, and still empty afterwards', async () => {
    const url = await createTestDatabase();
    cleanups.push(() => dropTestDatabase(url));
    const { lines } = await doctor(url);
    expect(line(lines, 'PostgreSQL')).toMatch(/^✔ PostgreSQL: .* reachable \(PostgreSQL \d+.*\); the database is empty/);
    expect((await probePostgres(url)).schema).toBeNull();
  });

  it('a migrated database: its schema version, the same as this build', async () => {
    const url = await createTestDatabase();
    cleanups.push(() => dropTestDatabase(url));
    const store = await createPostgresStore(url);
    await store.close();
    const { known } = await probePostgres(url);
    expect(line((await doctor(url)).lines, 'PostgreSQL')).toContain(`schema version ${known}`);
  });

  it('a server that does not answer: a failure naming the place and the fix, exit code 1', async () => {
    const { code, lines } = await doctor('postgres://suarawarga:x@127.0.0.1:1/suarawarga');
    expect(code).toBe(1);
    expect(line(lines, 'PostgreSQL')).toContain('✘ PostgreSQL: cannot use 127.0.0.1:1/suarawarga');
    expect(lines.join('\n')).toContain('fix: check DATABASE_URL');
  });
});
