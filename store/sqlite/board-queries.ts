/**
 * Read-only reporting queries of the command centre (board matrix, filters,
 * statistics, map positions, public page), one named query each. The shapes
 * match the BoardQueries port of the web adapter; the composition root checks the fit.
 */
import type { Ticket, TicketState } from '../../core/tickets/types.js';
import type { Db } from './database.js';

const OPEN = "('baru','diteruskan','diproses','selesai')";

/** Builds the reporting queries on one connection. */
export function createBoardQueries(db: Db) {
  const openCounts = db.prepare(`SELECT agency, state, count(*) AS n FROM tickets WHERE state IN ${OPEN} GROUP BY agency, state ORDER BY agency`);
  const usedKecamatan = db.prepare('SELECT DISTINCT kecamatan FROM tickets WHERE kecamatan IS NOT NULL').pluck();
  const statTickets = db.prepare(`
    SELECT id, state, agency, category, emergency, created_at, forwarded_at, taken_at, resolved_at, rating FROM tickets
    WHERE created_at >= ? OR resolved_at >= ? OR state IN ${OPEN}`);
  const areaPins = db.prepare(`SELECT kecamatan, kelurahan, latitude, longitude FROM tickets
    WHERE kelurahan IS NOT NULL AND latitude IS NOT NULL AND longitude IS NOT NULL`);
  return {
    openCounts: (): { agency: string; state: TicketState; n: number }[] => openCounts.all() as { agency: string; state: TicketState; n: number }[],
    usedKecamatan: (): string[] => usedKecamatan.all() as string[],
    statTickets(since: string): Pick<Ticket, 'id' | 'state' | 'agency' | 'category' | 'emergency' | 'createdAt' | 'forwardedAt' | 'takenAt' | 'resolvedAt' | 'rating'>[] {
      const rows = statTickets.all(since, since) as {
        id: number; state: TicketState; agency: string; category: string; emergency: number; created_at: string; forwarded_at: string | null;
        taken_at: string | null; resolved_at: string | null; rating: number | null;
      }[];
      return rows.map((r) => ({
        id: r.id, state: r.state, agency: r.agency, category: r.category, emergency: r.emergency === 1, createdAt: r.created_at,
        forwardedAt: r.forwarded_at, takenAt: r.taken_at, resolvedAt: r.resolved_at, rating: r.rating,
      }));
    },
    areaPins: (): { kecamatan: string | null; kelurahan: string; latitude: number; longitude: number }[] =>
      areaPins.all() as { kecamatan: string | null; kelurahan: string; latitude: number; longitude: number }[],
    recentlyResolved(limit: number, excludeCategories: readonly string[]) {
      const skip = excludeCategories.length ? `AND t.category NOT IN (${excludeCategories.map(() => '?').join(',')})` : '';
      const rows = db.prepare(`
        SELECT t.id, t.category, t.agency, t.kelurahan, t.kecamatan, t.resolved_at,
          (SELECT e.note FROM ticket_events e WHERE e.ticket_id = t.id AND e.action = 'selesaikan' ORDER BY e.id DESC LIMIT 1) AS note
        FROM tickets t
        WHERE t.resolved_at IS NOT NULL AND t.confidential = 0 AND t.state IN ('selesai','ditutup') ${skip}
        ORDER BY t.resolved_at DESC LIMIT ?`).all(...excludeCategories, limit) as {
        id: number; category: string; agency: string; kelurahan: string | null; kecamatan: string | null; resolved_at: string; note: string | null;
      }[];
      return rows.map((r) => ({
        id: r.id, category: r.category, agency: r.agency, kelurahan: r.kelurahan, kecamatan: r.kecamatan, resolvedAt: r.resolved_at, closingNote: r.note,
      }));
    },
  };
}

/** The append-only ticket_events table read by position, for the live feed. */
export function createTicketEventLog(db: Db) {
  const maxId = db.prepare('SELECT coalesce(max(id), 0) FROM ticket_events').pluck();
  const after = db.prepare<[number, number], { id: number; ticket_id: number }>('SELECT id, ticket_id FROM ticket_events WHERE id > ? ORDER BY id LIMIT ?');
  return {
    lastId: (): number => maxId.get() as number,
    after: (cursor: number, limit: number): { id: number; ticketId: number }[] => after.all(cursor, limit).map((r) => ({ id: r.id, ticketId: r.ticket_id })),
    isOpen: (): boolean => db.open,
  };
}
