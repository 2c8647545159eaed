import type { Sync } from '../async.js';
import type { DuplicateCandidate, TicketRepo } from '../../core/ports.js';
import {
  OPEN_STATES, TICKET_STATES, type Ticket, type TicketMedia, type TicketPatch, type TicketState,
} from '../../core/tickets/types.js';
import type Database from 'better-sqlite3';
import { placeTerms } from '../../core/routing/duplicates.js';
import { camel, snake, ticketEventOf } from '../shared.js';
import { sqlLimit, type Db } from './database.js';

type Row = Record<string, unknown>;

const BOOL_FIELDS = new Set(['emergency', 'confidential']);


const camelCache = new Map<string, string>();

function toTicket(r: Row): Ticket {
  const t: Row = {};
  for (const k in r) {
    let name = camelCache.get(k);
    if (name === undefined) camelCache.set(k, (name = camel(k)));
    t[name] = BOOL_FIELDS.has(k) ? r[k] === 1 : r[k];
  }
  return t as unknown as Ticket;
}


const sqlValue = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : v ?? null);

export function createTicketRepo(db: Db): Sync<TicketRepo> {
  // Filters and patches produce a handful of distinct SQL strings; prepare each once.
  const statements = new Map<string, Database.Statement<unknown[]>>();
  const prepared = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) statements.set(sql, (stmt = db.prepare(sql)));
    return stmt;
  };
  const bumpSeq = db.prepare(`INSERT INTO sequences (name, value) VALUES (?, 1)
    ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`).pluck();
  const byId = db.prepare<[number], Row>('SELECT * FROM tickets WHERE id = ?');
  const byNumber = db.prepare<[string], Row>('SELECT * FROM tickets WHERE number = ? COLLATE NOCASE');
  const insertEvent = db.prepare(`INSERT INTO ticket_events (ticket_id, at, action, from_state, to_state, actor_type, actor_id, actor_name, note, data)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const eventById = db.prepare<[number], Row>('SELECT * FROM ticket_events WHERE id = ?');
  const events = db.prepare<[number], Row>('SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY id');
  const insertMedia = db.prepare('INSERT INTO ticket_media (ticket_id, path, kind, source, added_at) VALUES (?, ?, ?, ?, ?)');
  const media = db.prepare<[number], Row>('SELECT * FROM ticket_media WHERE ticket_id = ? ORDER BY id');
  const addSupporter = db.prepare('INSERT OR IGNORE INTO ticket_supporters (ticket_id, citizen_id, at) VALUES (?, ?, ?)');
  const supporters = db.prepare<[number], number>('SELECT citizen_id FROM ticket_supporters WHERE ticket_id = ? ORDER BY at').pluck();
  // Candidates through the place index (migration 011): tickets under one of the terms, and pinned tickets in the box.
  // Read as arrays (cheaper than row objects). The outer filters are written +column so SQLite looks the ids up by key
  // rather than walking every open ticket of the category (tickets_open_category), which is what the index is to avoid.
  const openSimilar = db.prepare<[{ category: string; since: string; terms: string; south: number | null; north: number | null; west: number | null; east: number | null }],
    [number, number, string | null, string | null, number | null, number | null]>(
    `SELECT id, citizen_id, location_text, kelurahan, latitude, longitude FROM tickets
     WHERE id IN (
       SELECT ticket_id FROM ticket_place_terms WHERE term IN (SELECT value FROM json_each(@terms))
       UNION
       SELECT id FROM tickets INDEXED BY tickets_open_pins WHERE @south IS NOT NULL AND category = @category AND latitude IS NOT NULL
         AND latitude BETWEEN @south AND @north AND longitude BETWEEN @west AND @east AND state IN ('baru','diteruskan','diproses'))
     AND +category = @category AND +created_at >= @since AND +state IN ('baru','diteruskan','diproses')
     ORDER BY created_at DESC, id DESC LIMIT 300`).raw();
  const dropTerms = db.prepare('DELETE FROM ticket_place_terms WHERE ticket_id = ?');
  const addTerm = db.prepare('INSERT OR IGNORE INTO ticket_place_terms (term, ticket_id) VALUES (?, ?)');
  // Open or resolved tickets without the '' mark (filed before the index existed); final ones can never be duplicates.
  const unindexed = (limit: number) => prepared(`SELECT id, location_text FROM tickets t
    WHERE state IN ('baru','diteruskan','diproses','selesai')
      AND NOT EXISTS (SELECT 1 FROM ticket_place_terms p WHERE p.term = '' AND p.ticket_id = t.id)
    ORDER BY id LIMIT ${sqlLimit(limit)}`) as Database.Statement<[], { id: number; location_text: string | null }>;
  /** A ticket's place terms replaced; the '' row marks it indexed even when its place has no name of its own. */
  function indexPlace(ticketId: number, locationText: string | null): void {
    dropTerms.run(ticketId);
    for (const term of ['', ...placeTerms(locationText)]) addTerm.run(term, ticketId);
  }
  const countByState = db.prepare<[], { state: TicketState; n: number }>('SELECT state, count(*) AS n FROM tickets GROUP BY state');

  return {
    nextNumber(prefix) {
      const n = bumpSeq.get(`ticket:${prefix}`) as number;
      return `${prefix}-${String(n).padStart(4, '0')}`;
    },
    insert(t) {
      const cols = Object.keys(t);
      const stmt = prepared(`INSERT INTO tickets (${cols.map(snake).join(', ')}, updated_at) VALUES (${cols.map(() => '?').join(', ')}, ?)`);
      const id = Number(stmt.run(...cols.map((c) => sqlValue((t as unknown as Row)[c])), t.createdAt).lastInsertRowid);
      indexPlace(id, t.locationText);
      return toTicket(byId.get(id)!);
    },
    get: (id) => {
      const r = byId.get(id);
      return r ? toTicket(r) : undefined;
    },
    getByNumber: (number) => {
      const r = byNumber.get(number);
      return r ? toTicket(r) : undefined;
    },
    update(id, patch: TicketPatch) {
      const cols = Object.keys(patch).filter((k) => (patch as Row)[k] !== undefined);
      if (cols.length > 0) {
        prepared(`UPDATE tickets SET ${cols.map((c) => `${snake(c)} = ?`).join(', ')} WHERE id = ?`)
          .run(...cols.map((c) => sqlValue((patch as Row)[c])), id);
      }
      const r = byId.get(id);
      if (!r) throw new Error(`Ticket ${id} does not exist`);
      if (patch.locationText !== undefined && OPEN_STATES.includes(r.state as TicketState)) indexPlace(id, r.location_text as string | null);
      return toTicket(r);
    },
    list(f) {
      const where: string[] = [];
      const args: unknown[] = [];
      // One citizen's tickets are a handful: find them by citizen and filter those, rather than let the planner
      // (no statistics) walk every ticket in a state or a time range. A unary + keeps a column's index out of it.
      const other = f.citizenId !== undefined ? '+' : '';
      if (f.states?.length) {
        const states = f.states.filter((s) => (TICKET_STATES as readonly string[]).includes(s));
        where.push(`${other}state IN (${states.map(() => '?').join(', ') || "''"})`);
        args.push(...states);
      }
      if (f.agency) { where.push(`${other}agency = ?`); args.push(f.agency); }
      if (f.category) { where.push(`${other}category = ?`); args.push(f.category); }
      if (f.kecamatan) { where.push(`${other}kecamatan = ? COLLATE NOCASE`); args.push(f.kecamatan); }
      if (f.citizenId !== undefined) {
        // Reporter or supporter; written as IN over a UNION so both indexes are used.
        where.push('id IN (SELECT id FROM tickets WHERE citizen_id = ? UNION SELECT ticket_id FROM ticket_supporters WHERE citizen_id = ?)');
        args.push(f.citizenId, f.citizenId);
      }
      if (f.since) { where.push(`${other}created_at >= ?`); args.push(f.since); }
      if (f.until) { where.push(`${other}created_at < ?`); args.push(f.until); }
      const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
      if (f.citizenId !== undefined) {
        // A citizen's few tickets are ordered and paged here: a LIMIT in SQL made SQLite read this query's
        // subquery the slow way (~60 µs a call, and "laporan saya" and the filing limits call it on every report).
        const offset = f.offset ?? 0;
        return (prepared(`SELECT * FROM tickets ${filter}`).all(...args) as Row[])
          .sort((a, b) => (b.id as number) - (a.id as number)).slice(offset, offset + (f.limit ?? 1000)).map(toTicket);
      }
      return (prepared(`SELECT * FROM tickets ${filter} ORDER BY id DESC LIMIT ${sqlLimit(f.limit ?? 1000)} OFFSET ?`).all(...args, f.offset ?? 0) as Row[]).map(toTicket);
    },
    addEvent(e) {
      const id = Number(insertEvent.run(e.ticketId, e.at, e.action, e.fromState, e.toState, e.actor.type, e.actor.id ?? null,
        e.actor.name ?? null, e.note, e.data ? JSON.stringify(e.data) : null).lastInsertRowid);
      return ticketEventOf(eventById.get(id)!);
    },
    events: (ticketId) => events.all(ticketId).map(ticketEventOf),
    addMedia(ticketId, m) {
      const id = Number(insertMedia.run(ticketId, m.path, m.kind, m.source, m.addedAt).lastInsertRowid);
      return { id, ticketId, ...m };
    },
    media: (ticketId) => media.all(ticketId).map((r) => ({
      id: r.id as number, ticketId: r.ticket_id as number, path: r.path as string, kind: 'photo',
      source: r.source as TicketMedia['source'], addedAt: r.added_at as string,
    })),
    addSupporter: (ticketId, citizenId, at) => addSupporter.run(ticketId, citizenId, at).changes === 1,
    supporters: (ticketId) => supporters.all(ticketId),
    openSimilar: (category, since, near) => openSimilar.all({
      category, since, terms: JSON.stringify(near.terms),
      south: near.box?.south ?? null, north: near.box?.north ?? null, west: near.box?.west ?? null, east: near.box?.east ?? null,
    }).map(([id, citizenId, locationText, kelurahan, latitude, longitude]): DuplicateCandidate => ({
      id, citizenId, locationText, kelurahan, latitude, longitude,
    })),
    indexPlaces: (limit) => db.transaction(() => {
      const rows = unindexed(limit).all();
      for (const r of rows) indexPlace(r.id, r.location_text);
      return rows.length;
    })(),
    countByState() {
      const out = Object.fromEntries(TICKET_STATES.map((s) => [s, 0])) as Record<TicketState, number>;
      for (const r of countByState.all()) out[r.state] = r.n;
      return out;
    },
  };
}
