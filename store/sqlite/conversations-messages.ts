import type { Sync } from '../async.js';
import type { ConversationRecord, ConversationRepo, MessageRecord, MessageRepo } from '../../core/ports.js';
import type { Db } from './database.js';

export function createConversationRepo(db: Db): Sync<ConversationRepo> {
  const get = db.prepare<[number, string], { citizen_id: number; channel: string; state: string; data: string; updated_at: string }>(
    'SELECT * FROM conversations WHERE citizen_id = ? AND channel = ?');
  const upsert = db.prepare(`INSERT INTO conversations (citizen_id, channel, state, data, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (citizen_id, channel) DO UPDATE SET state = excluded.state, data = excluded.data, updated_at = excluded.updated_at`);
  return {
    get(citizenId, channel) {
      const r = get.get(citizenId, channel);
      return r ? { citizenId: r.citizen_id, channel: r.channel, state: r.state, data: JSON.parse(r.data), updatedAt: r.updated_at } : undefined;
    },
    save(c: ConversationRecord) {
      upsert.run(c.citizenId, c.channel, c.state, JSON.stringify(c.data ?? null), c.updatedAt);
    },
  };
}

export function createMessageRepo(db: Db): Sync<MessageRepo> {
  const insertIn = db.prepare(`INSERT INTO messages (channel, external_id, citizen_id, direction, text, payload, created_at)
    VALUES (?, ?, ?, 'in', ?, ?, ?) ON CONFLICT DO NOTHING`);
  const insertOut = db.prepare(`INSERT INTO messages (channel, external_id, citizen_id, direction, text, payload, created_at)
    VALUES (?, ?, ?, 'out', ?, ?, ?)`);
  const hasIn = db.prepare("SELECT 1 FROM messages WHERE channel = ? AND external_id = ? AND direction = 'in'").pluck();
  const countIn = db.prepare("SELECT count(*) FROM messages WHERE direction = 'in'").pluck();
  const lastIn = db.prepare<[number, string], string | null>(
    "SELECT max(created_at) FROM messages WHERE citizen_id = ? AND channel = ? AND direction = 'in'").pluck();
  return {
    recordInbound: (m: MessageRecord) =>
      insertIn.run(m.channel, m.externalId, m.citizenId, m.text, JSON.stringify(m.payload ?? null), m.createdAt).changes === 1,
    hasInbound: (channel, externalId) => hasIn.get(channel, externalId) !== undefined,
    recordOutbound: (m: MessageRecord) =>
      void insertOut.run(m.channel, m.externalId, m.citizenId, m.text, JSON.stringify(m.payload ?? null), m.createdAt),
    countInbound: () => countIn.get() as number,
    lastInboundAt: (channel, citizenId) => lastIn.get(citizenId, channel) ?? undefined,
  };
}
