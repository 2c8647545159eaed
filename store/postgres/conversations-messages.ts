/** Conversation state and the message log on PostgreSQL; the same semantics as store/sqlite/conversations-messages.ts. */
import type { ConversationRecord, ConversationRepo, MessageRecord, MessageRepo } from '../../core/ports.js';
import type { Sql } from './database.js';

export function createConversationRepo(sql: Sql): ConversationRepo {
  return {
    async get(citizenId, channel) {
      // A lock on the (channel, citizen) pair rather than FOR UPDATE on the row: the row may not exist yet (a
      // new citizen's first two messages). A statement of its own, so the read after it sees what the turn
      // that held the lock committed (READ COMMITTED takes a snapshot per statement).
      await sql.run('SELECT pg_advisory_xact_lock(hashtext($2), ($1::bigint & 2147483647)::int)', [citizenId, channel]);
      const r = await sql.row<{ citizen_id: number; channel: string; state: string; data: string; updated_at: string }>(
        'SELECT * FROM conversations WHERE citizen_id = $1 AND channel = $2', [citizenId, channel]);
      return r ? { citizenId: r.citizen_id, channel: r.channel, state: r.state, data: JSON.parse(r.data), updatedAt: r.updated_at } : undefined;
    },
    async save(c: ConversationRecord) {
      await sql.run(`INSERT INTO conversations (citizen_id, channel, state, data, updated_at) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (citizen_id, channel) DO UPDATE SET state = excluded.state, data = excluded.data, updated_at = excluded.updated_at`,
      [c.citizenId, c.channel, c.state, JSON.stringify(c.data ?? null), c.updatedAt]);
    },
  };
}

export function createMessageRepo(sql: Sql): MessageRepo {
  const values = (m: MessageRecord) => [m.channel, m.externalId, m.citizenId, m.text, JSON.stringify(m.payload ?? null), m.createdAt];
  return {
    // The partial unique index on (channel, external_id) of inbound rows makes a redelivery a no-op.
    recordInbound: async (m) => (await sql.run(`INSERT INTO messages (channel, external_id, citizen_id, direction, text, payload, created_at)
      VALUES ($1, $2, $3, 'in', $4, $5, $6) ON CONFLICT DO NOTHING`, values(m))) === 1,
    hasInbound: async (channel, externalId) =>
      (await sql.row("SELECT 1 FROM messages WHERE channel = $1 AND external_id = $2 AND direction = 'in'", [channel, externalId])) !== undefined,
    recordOutbound: async (m) => void await sql.run(`INSERT INTO messages (channel, external_id, citizen_id, direction, text, payload, created_at)
      VALUES ($1, $2, $3, 'out', $4, $5, $6)`, values(m)),
    countInbound: async () => (await sql.value<number>("SELECT count(*) FROM messages WHERE direction = 'in'"))!,
    lastInboundAt: async (channel, citizenId) =>
      (await sql.value<string | null>("SELECT max(created_at) FROM messages WHERE citizen_id = $1 AND channel = $2 AND direction = 'in'",
        [citizenId, channel])) ?? undefined,
  };
}
