import type { Sync } from '../async.js';
import type { PromptVersionRepo, TrustedReporterRepo, TrustedReporter } from '../../core/ports.js';
import type { Db } from './database.js';

export function createTrustedReporterRepo(db: Db): Sync<TrustedReporterRepo> {
  const insert = db.prepare(`INSERT INTO trusted_reporters (channel, address, name, rt, rw, kelurahan, kecamatan) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (channel, address) DO UPDATE SET name = excluded.name, rt = excluded.rt, rw = excluded.rw,
      kelurahan = excluded.kelurahan, kecamatan = excluded.kecamatan RETURNING *`);
  const find = db.prepare<[string, string], TrustedReporter>('SELECT * FROM trusted_reporters WHERE channel = ? AND address = ?');
  const list = db.prepare<[], TrustedReporter>('SELECT * FROM trusted_reporters ORDER BY kelurahan, rw, rt');
  const remove = db.prepare('DELETE FROM trusted_reporters WHERE id = ?');
  return {
    add: (r) => insert.get(r.channel, r.address, r.name, r.rt, r.rw, r.kelurahan, r.kecamatan) as TrustedReporter,
    find: (channel, address) => find.get(channel, address),
    list: () => list.all(),
    remove: (id) => remove.run(id).changes === 1,
  };
}

export function createPromptVersionRepo(db: Db): Sync<PromptVersionRepo> {
  type Row = { id: number; applied_at: string; author: string | null; hash: string; files: string; diff: string };
  const toVersion = (r: Row) => ({ id: r.id, appliedAt: r.applied_at, author: r.author, hash: r.hash, files: JSON.parse(r.files), diff: r.diff });
  const latest = db.prepare<[], Row>('SELECT * FROM prompt_versions ORDER BY id DESC LIMIT 1');
  const get = db.prepare<[number], Row>('SELECT * FROM prompt_versions WHERE id = ?');
  const list = db.prepare<[number], Omit<Row, 'files'>>('SELECT id, applied_at, author, hash, diff FROM prompt_versions ORDER BY id DESC LIMIT ?');
  const insert = db.prepare('INSERT INTO prompt_versions (applied_at, author, hash, files, diff) VALUES (?, ?, ?, ?, ?)');
  return {
    latest: () => {
      const r = latest.get();
      return r ? toVersion(r) : undefined;
    },
    get: (id) => {
      const r = get.get(id);
      return r ? toVersion(r) : undefined;
    },
    list: (limit) => list.all(limit).map((r) => ({ id: r.id, appliedAt: r.applied_at, author: r.author, hash: r.hash, diff: r.diff })),
    insert(v) {
      const id = Number(insert.run(v.appliedAt, v.author, v.hash, JSON.stringify(v.files), v.diff).lastInsertRowid);
      return { id, ...v };
    },
  };
}
