/**
 * Tickets, their events, photos and supporters on PostgreSQL; the same
 * semantics as store/sqlite/tickets.ts.
 */
import type { DuplicateCandidate, TicketRepo } from '../../core/ports.js';
import {
  OPEN_STATES, TICKET_STATES, type Ticket, type TicketMedia, type TicketPatch, type TicketState,
} from '../../core/tickets/types.js';
import { placeTerms } from '../../core/routing/duplicates.js';
import { camel, snake, ticketEventOf } from '../shared.js';
import type { Sql } from './database.js';

type Row = Record<string, unknown>;

const camelCache = new Map<string, string>();

function toTicket(r: Row): Ticket {
  const t: Row = {};
  for (const k in r) {
    let name = camelCache.get(k);
    if (name === undefined) camelCache.set(k, (name = camel(k)));
    t[name] = r[k];
  }
  return t as unknown as Ticket;
}


/** Column names come from the ticket types, never from input; this keeps it so. */
function column(key: string): string {
  const c = snake(key);
  if (!/^[a-z_]+$/.test(c)) throw new Error(`not a ticket column: ${key}`);
  return c;
}

export function createTicketRepo(sql: Sql): TicketRepo {
  /**
   * A ticket's place terms replaced; the '' row marks it indexed even when its place has no name of its own.
   * No transaction of its own (a savepoint is two more round trips per filing): filing and place corrections
   * run inside one already, and a ticket left without its '' row by a crash in between is indexed again at start-up.
   */
  const indexPlace = async (ticketId: number, locationText: string | null) => {
    await sql.run('DELETE FROM ticket_place_terms WHERE ticket_id = $1', [ticketId]);
    await sql.run('INSERT INTO ticket_place_terms (term, ticket_id) SELECT DISTINCT unnest($1::text[]), $2::bigint ON CONFLICT DO NOTHING',
      [['', ...placeTerms(locationText)], ticketId]);
  };
  return {
    async nextNumber(prefix) {
      // The row lock of the upsert serialises concurrent callers, on one instance or many.
      const n = await sql.value<number>(`INSERT INTO sequences (name, value) VALUES ($1, 1)
        ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value`, [`ticket:${prefix}`]);
      return `${prefix}-${String(n).padStart(4, '0')}`;
    },
    async insert(t) {
      const cols = Object.keys(t);
      const values = cols.map((c) => (t as unknown as Row)[c] ?? null);
      const r = await sql.row(`INSERT INTO tickets (${cols.map(column).join(', ')}, updated_at)
        VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}, $${cols.length + 1}) RETURNING *`, [...values, t.createdAt]);
      await indexPlace(r!.id as number, t.locationText);
      return toTicket(r!);
    },
    async get(id) {
      const r = await sql.row('SELECT * FROM tickets WHERE id = $1', [id]);
      return r ? toTicket(r) : undefined;
    },
    async getByNumber(number) {
      const r = await sql.row('SELECT * FROM tickets WHERE lower(number) = lower($1) ORDER BY id LIMIT 1', [number]);
      return r ? toTicket(r) : undefined;
    },
    async update(id, patch: TicketPatch) {
      const cols = Object.keys(patch).filter((k) => (patch as Row)[k] !== undefined);
      const r = cols.length > 0
        ? await sql.row(`UPDATE tickets SET ${cols.map((c, i) => `${column(c)} = $${i + 1}`).join(', ')} WHERE id = $${cols.length + 1} RETURNING *`,
          [...cols.map((c) => (patch as Row)[c] ?? null), id])
        : await sql.row('SELECT * FROM tickets WHERE id = $1', [id]);
      if (!r) throw new Error(`Ticket ${id} does not exist`);
      if (patch.locationText !== undefined && OPEN_STATES.includes(r.state as TicketState)) await indexPlace(id, r.location_text as string | null);
      return toTicket(r);
    },
    async list(f) {
      const where: string[] = [];
      const args: unknown[] = [];
      const arg = (v: unknown) => `$${args.push(v)}`;
      if (f.states?.length) {
        where.push(`state = ANY(${arg(f.states.filter((s) => (TICKET_STATES as readonly string[]).includes(s)))}::text[])`);
      }
      if (f.agency) where.push(`agency = ${arg(f.agency)}`);
      if (f.category) where.push(`category = ${arg(f.category)}`);
      if (f.kecamatan) where.push(`lower(kecamatan) = lower(${arg(f.kecamatan)})`);
      if (f.citizenId !== undefined) {
        // Reporter or supporter; written as IN over a UNION so both indexes are used.
        const c = arg(f.citizenId);
        where.push(`id IN (SELECT id FROM tickets WHERE citizen_id = ${c} UNION SELECT ticket_id FROM ticket_supporters WHERE citizen_id = ${c})`);
      }
      if (f.since) where.push(`created_at >= ${arg(f.since)}`);
      if (f.until) where.push(`created_at < ${arg(f.until)}`);
      const text = `SELECT * FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY id DESC LIMIT ${arg(f.limit ?? 1000)} OFFSET ${arg(f.offset ?? 0)}`;
      return (await sql.rows(text, args)).map(toTicket);
    },
    async addEvent(e) {
      const r = await sql.row(`INSERT INTO ticket_events (ticket_id, at, action, from_state, to_state, actor_type, actor_id, actor_name, note, data)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`, [e.ticketId, e.at, e.action, e.fromState, e.toState, e.actor.type,
        e.actor.id ?? null, e.actor.name ?? null, e.note, e.data ? JSON.stringify(e.data) : null]);
      return ticketEventOf(r!);
    },
    events: async (ticketId) => (await sql.rows('SELECT * FROM ticket_events WHERE ticket_id = $1 ORDER BY id', [ticketId])).map(ticketEventOf),
    async addMedia(ticketId, m) {
      const id = await sql.value<number>('INSERT INTO ticket_media (ticket_id, path, kind, source, added_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [ticketId, m.path, m.kind, m.source, m.addedAt]);
      return { id: id!, ticketId, ...m };
    },
    media: async (ticketId) => (await sql.rows('SELECT * FROM ticket_media WHERE ticket_id = $1 ORDER BY id', [ticketId])).map((r) => ({
      id: r.id as number, ticketId: r.ticket_id as number, path: r.path as string, kind: 'photo' as const,
      source: r.source as TicketMedia['source'], addedAt: r.added_at as string,
    })),
    addSupporter: async (ticketId, citizenId, at) =>
      (await sql.run('INSERT INTO ticket_supporters (ticket_id, citizen_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [ticketId, citizenId, at])) === 1,
    supporters: async (ticketId) =>
      (await sql.rows<{ citizen_id: number }>('SELECT citizen_id FROM ticket_supporters WHERE ticket_id = $1 ORDER BY at', [ticketId])).map((r) => r.citizen_id),
    // Candidates through the place index (migration 011): tickets under one of the terms, and pinned tickets in the box.
    openSimilar: (category, since, near) => sql.rows<DuplicateCandidate>(
      `SELECT id, citizen_id AS "citizenId", location_text AS "locationText", kelurahan, latitude, longitude FROM tickets
       WHERE id IN (
         SELECT ticket_id FROM ticket_place_terms WHERE term = ANY($3::text[])
         UNION
         SELECT id FROM tickets WHERE $4::double precision IS NOT NULL AND category = $1 AND latitude IS NOT NULL
           AND latitude BETWEEN $4 AND $5 AND longitude BETWEEN $6 AND $7 AND state IN ('baru','diteruskan','diproses'))
       AND category = $1 AND created_at >= $2 AND state IN ('baru','diteruskan','diproses')
       ORDER BY created_at DESC, id DESC LIMIT 300`,
      [category, since, near.terms, near.box?.south ?? null, near.box?.north ?? null, near.box?.west ?? null, near.box?.east ?? null]),
    indexPlaces: (limit) => sql.transaction(async () => {
      const rows = await sql.rows<{ id: number; location_text: string | null }>(
        `SELECT id, location_text FROM tickets t WHERE state IN ('baru','diteruskan','diproses','selesai')
           AND NOT EXISTS (SELECT 1 FROM ticket_place_terms p WHERE p.term = '' AND p.ticket_id = t.id)
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, [limit]);
      for (const r of rows) await indexPlace(r.id, r.location_text);
      return rows.length;
    }),
    async countByState() {
      const out = Object.fromEntries(TICKET_STATES.map((s) => [s, 0])) as Record<TicketState, number>;
      for (const r of await sql.rows<{ state: TicketState; n: number }>('SELECT state, count(*) AS n FROM tickets GROUP BY state')) out[r.state] = r.n;
      return out;
    },
  };
}
