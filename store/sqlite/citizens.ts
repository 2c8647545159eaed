import type { Sync } from '../async.js';
import type { Citizen, CitizenRepo, ChannelId, Sender } from '../../core/ports.js';
import type { Db } from './database.js';

interface CitizenRow {
  id: number; channel: string; address: string; display_name: string | null; phone: string | null; muted: number; created_at: string;
}

const toCitizen = (r: CitizenRow): Citizen => ({
  id: r.id, channel: r.channel, address: r.address, displayName: r.display_name, phone: r.phone, muted: r.muted === 1, createdAt: r.created_at,
});

export function createCitizenRepo(db: Db): Sync<CitizenRepo> {
  const byAddress = db.prepare<[string, string], CitizenRow>('SELECT * FROM citizens WHERE channel = ? AND address = ?');
  const byAlias = db.prepare<[string, string], CitizenRow>(
    'SELECT c.* FROM citizen_aliases a JOIN citizens c ON c.id = a.citizen_id WHERE a.channel = ? AND a.address = ?');
  const byId = db.prepare<[number], CitizenRow>('SELECT * FROM citizens WHERE id = ?');
  const insert = db.prepare('INSERT INTO citizens (channel, address, display_name, phone, created_at) VALUES (?, ?, ?, ?, ?)');
  const insertAlias = db.prepare('INSERT OR IGNORE INTO citizen_aliases (channel, address, citizen_id) VALUES (?, ?, ?)');
  const updateProfile = db.prepare('UPDATE citizens SET display_name = coalesce(?, display_name), phone = coalesce(?, phone) WHERE id = ?');
  const setMuted = db.prepare('UPDATE citizens SET muted = ? WHERE id = ?');

  const find = (channel: string, address: string) => byAddress.get(channel, address) ?? byAlias.get(channel, address);

  return {
    resolve(channel: ChannelId, sender: Sender, now: Date): Citizen {
      const addresses = [sender.address, ...(sender.aliases ?? [])];
      let row: CitizenRow | undefined;
      for (const a of addresses) {
        row = find(channel, a);
        if (row) break;
      }
      if (!row) {
        const id = Number(insert.run(channel, sender.address, sender.displayName ?? null, sender.phone ?? null, now.toISOString()).lastInsertRowid);
        row = byId.get(id)!;
      } else if ((sender.displayName && sender.displayName !== row.display_name) || (sender.phone && sender.phone !== row.phone)) {
        updateProfile.run(sender.displayName ?? null, sender.phone ?? null, row.id);
        row = byId.get(row.id)!;
      }
      for (const a of addresses) if (a !== row.address) insertAlias.run(channel, a, row.id);
      return toCitizen(row);
    },
    get: (id) => {
      const r = byId.get(id);
      return r ? toCitizen(r) : undefined;
    },
    findByAddress: (channel, address) => {
      const r = find(channel, address);
      return r ? toCitizen(r) : undefined;
    },
    setMuted: (id, muted) => void setMuted.run(muted ? 1 : 0, id),
  };
}
