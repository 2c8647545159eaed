/**
 * The command centre's reporting queries and the live feed's event log on
 * PostgreSQL; the same shapes as store/sqlite/board-queries.ts (types.ts
 * checks them against it).
 */
import type { TicketState } from '../../core/tickets/types.js';
import type { BoardStore, EventLogStore } from '../types.js';
import type { Sql } from './database.js';

const OPEN = "('baru','diteruskan','diproses','selesai')";

export function createBoardQueries(sql: Sql): BoardStore {
  return {
    openCounts: () => sql.rows<{ agency: string; state: TicketState; n: number }>(
      `SELECT agency, state, count(*) AS n FROM tickets WHERE state IN ${OPEN} GROUP BY agency, state ORDER BY agency, state`),
    usedKecamatan: async () => (await sql.rows<{ kecamatan: string }>('SELECT DISTINCT kecamatan FROM tickets WHERE kecamatan IS NOT NULL'))
      .map((r) => r.kecamatan),
    async statTickets(since) {
      const rows = await sql.rows<{
        id: number; state: TicketState; agency: string; category: string; emergency: boolean; created_at: string; forwarded_at: string | null;
        taken_at: string | null; resolved_at: string | null; rating: number | null;
      }>(`SELECT id, state, agency, category, emergency, created_at, forwarded_at, taken_at, resolved_at, rating FROM tickets
        WHERE created_at >= $1 OR resolved_at >= $1 OR state IN ${OPEN} ORDER BY id`, [since]);
      return rows.map((r) => ({
        id: r.id, state: r.state, agency: r.agency, category: r.category, emergency: r.emergency, createdAt: r.created_at,
        forwardedAt: r.forwarded_at, takenAt: r.taken_at, resolvedAt: r.resolved_at, rating: r.rating,
      }));
    },
    areaPins: () => sql.rows<{ kecamatan: string | null; kelurahan: string; latitude: number; longitude: number }>(
      `SELECT kecamatan, kelurahan, latitude, longitude FROM tickets
       WHERE kelurahan IS NOT NULL AND latitude IS NOT NULL AND longitude IS NOT NULL ORDER BY id`),
    async recentlyResolved(limit, excludeCategories) {
      const rows = await sql.rows<{
        id: number; category: string; agency: string; kelurahan: string | null; kecamatan: string | null; resolved_at: string; note: string | null;
      }>(`SELECT t.id, t.category, t.agency, t.kelurahan, t.kecamatan, t.resolved_at,
          (SELECT e.note FROM ticket_events e WHERE e.ticket_id = t.id AND e.action = 'selesaikan' ORDER BY e.id DESC LIMIT 1) AS note
        FROM tickets t
        WHERE t.resolved_at IS NOT NULL AND NOT t.confidential AND t.state IN ('selesai','ditutup') AND NOT (t.category = ANY($1::text[]))
        ORDER BY t.resolved_at DESC LIMIT $2`, [[...excludeCategories], limit]);
      return rows.map((r) => ({
        id: r.id, category: r.category, agency: r.agency, kelurahan: r.kelurahan, kecamatan: r.kecamatan, resolvedAt: r.resolved_at, closingNote: r.note,
      }));
    },
  };
}

/** The append-only ticket_events table read by position, for the live feed. */
export function createTicketEventLog(sql: Sql): EventLogStore {
  return {
    lastId: async () => (await sql.value<number>('SELECT coalesce(max(id), 0) FROM ticket_events'))!,
    after: async (cursor, limit) => (await sql.rows<{ id: number; ticket_id: number }>(
      'SELECT id, ticket_id FROM ticket_events WHERE id > $1 ORDER BY id LIMIT $2', [cursor, limit])).map((r) => ({ id: r.id, ticketId: r.ticket_id })),
    isOpen: () => !sql.closed,
  };
}
