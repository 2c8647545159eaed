/** Trusted reporters and prompt versions on PostgreSQL; the same semantics as store/sqlite/admin-data.ts. */
import type { PromptVersionRepo, TrustedReporterRepo, TrustedReporter } from '../../core/ports.js';
import type { Sql } from './database.js';

export function createTrustedReporterRepo(sql: Sql): TrustedReporterRepo {
  return {
    add: async (r) => (await sql.row<TrustedReporter>(`INSERT INTO trusted_reporters (channel, address, name, rt, rw, kelurahan, kecamatan)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (channel, address) DO UPDATE SET name = excluded.name, rt = excluded.rt, rw = excluded.rw,
        kelurahan = excluded.kelurahan, kecamatan = excluded.kecamatan RETURNING *`,
    [r.channel, r.address, r.name, r.rt, r.rw, r.kelurahan, r.kecamatan]))!,
    find: (channel, address) => sql.row<TrustedReporter>('SELECT * FROM trusted_reporters WHERE channel = $1 AND address = $2', [channel, address]),
    // SQLite sorts NULL first.
    list: () => sql.rows<TrustedReporter>('SELECT * FROM trusted_reporters ORDER BY kelurahan NULLS FIRST, rw NULLS FIRST, rt NULLS FIRST'),
    remove: async (id) => (await sql.run('DELETE FROM trusted_reporters WHERE id = $1', [id])) === 1,
  };
}

export function createPromptVersionRepo(sql: Sql): PromptVersionRepo {
  type Row = { id: number; applied_at: string; author: string | null; hash: string; files: string; diff: string };
  const toVersion = (r: Row) => ({ id: r.id, appliedAt: r.applied_at, author: r.author, hash: r.hash, files: JSON.parse(r.files), diff: r.diff });
  return {
    async latest() {
      const r = await sql.row<Row>('SELECT * FROM prompt_versions ORDER BY id DESC LIMIT 1');
      return r ? toVersion(r) : undefined;
    },
    async get(id) {
      const r = await sql.row<Row>('SELECT * FROM prompt_versions WHERE id = $1', [id]);
      return r ? toVersion(r) : undefined;
    },
    list: async (limit) => (await sql.rows<Omit<Row, 'files'>>('SELECT id, applied_at, author, hash, diff FROM prompt_versions ORDER BY id DESC LIMIT $1', [limit]))
      .map((r) => ({ id: r.id, appliedAt: r.applied_at, author: r.author, hash: r.hash, diff: r.diff })),
    async insert(v) {
      const id = await sql.value<number>('INSERT INTO prompt_versions (applied_at, author, hash, files, diff) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [v.appliedAt, v.author, v.hash, JSON.stringify(v.files), v.diff]);
      return { id: id!, ...v };
    },
  };
}
