/**
 * Citizens and their aliases on PostgreSQL; the same semantics as
 * store/sqlite/citizens.ts. Two instances may meet the same new citizen at
 * once: the insert is an upsert on (channel, address), so both end up with one row.
 */
import type { Citizen, CitizenRepo, ChannelId, Sender } from '../../core/ports.js';
import type { Sql } from './database.js';

interface CitizenRow {
  id: number; channel: string; address: string; display_name: string | null; phone: string | null; muted: boolean; created_at: string;
}

const toCitizen = (r: CitizenRow): Citizen => ({
  id: r.id, channel: r.channel, address: r.address, displayName: r.display_name, phone: r.phone, muted: r.muted, createdAt: r.created_at,
});

export function createCitizenRepo(sql: Sql): CitizenRepo {
  const byId = (id: number) => sql.row<CitizenRow>('SELECT * FROM citizens WHERE id = $1', [id]);
  const find = async (channel: string, address: string) =>
    (await sql.row<CitizenRow>('SELECT * FROM citizens WHERE channel = $1 AND address = $2', [channel, address]))
    ?? sql.row<CitizenRow>('SELECT c.* FROM citizen_aliases a JOIN citizens c ON c.id = a.citizen_id WHERE a.channel = $1 AND a.address = $2',
      [channel, address]);

  const changes = (row: CitizenRow, sender: Sender) =>
    (sender.displayName && sender.displayName !== row.display_name) || (sender.phone && sender.phone !== row.phone);

  /** Finds or creates the citizen, updates name and phone, records other addresses as aliases: one transaction. */
  const resolveWriting = (channel: ChannelId, sender: Sender, now: Date) => sql.transaction(async () => {
    const addresses = [sender.address, ...(sender.aliases ?? [])];
    let row: CitizenRow | undefined;
    for (const a of addresses) {
      row = await find(channel, a);
      if (row) break;
    }
    if (!row) {
      // Another instance may insert the same citizen meanwhile: then its row is the one.
      row = await sql.row<CitizenRow>(`INSERT INTO citizens (channel, address, display_name, phone, created_at) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (channel, address) DO NOTHING RETURNING *`,
      [channel, sender.address, sender.displayName ?? null, sender.phone ?? null, now.toISOString()])
        ?? (await find(channel, sender.address))!;
    }
    if (changes(row, sender)) {
      row = (await sql.row<CitizenRow>('UPDATE citizens SET display_name = coalesce($1, display_name), phone = coalesce($2, phone) WHERE id = $3 RETURNING *',
        [sender.displayName ?? null, sender.phone ?? null, row.id]))!;
    }
    for (const a of addresses) {
      if (a !== row.address) await sql.run('INSERT INTO citizen_aliases (channel, address, citizen_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [channel, a, row.id]);
    }
    return toCitizen(row);
  });

  return {
    resolve: async (channel: ChannelId, sender: Sender, now: Date) => {
      // Nearly every message: a known citizen, no other address, nothing new. One read, no savepoint
      // (inside the message's transaction that is two round trips fewer).
      if (!sender.aliases?.length) {
        const known = await sql.row<CitizenRow>('SELECT * FROM citizens WHERE channel = $1 AND address = $2', [channel, sender.address]);
        if (known && !changes(known, sender)) return toCitizen(known);
      }
      return resolveWriting(channel, sender, now);
    },
    get: async (id) => {
      const r = await byId(id);
      return r ? toCitizen(r) : undefined;
    },
    findByAddress: async (channel, address) => {
      const r = await find(channel, address);
      return r ? toCitizen(r) : undefined;
    },
    setMuted: async (id, muted) => void await sql.run('UPDATE citizens SET muted = $1 WHERE id = $2', [muted, id]),
  };
}
