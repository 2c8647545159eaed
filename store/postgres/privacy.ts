/**
 * The privacy port on PostgreSQL (blocked senders, erasure requests,
 * erasure, export, retention); the same semantics as store/sqlite/privacy.ts.
 */
import type { BlockedSender, CitizenExport, PrivacyRepo, RemovalResult } from '../../core/privacy/ports.js';
import { ERASED_TEXT, EXPIRED_TEXT, payloadPaths } from '../shared.js';
import type { Sql } from './database.js';

interface BlockedRow { channel: string; address: string; blocked_by: string; reason: string | null; blocked_at: string; notified: boolean }

const toBlocked = (r: BlockedRow): BlockedSender => ({
  channel: r.channel, address: r.address, blockedBy: r.blocked_by, reason: r.reason, blockedAt: r.blocked_at, notified: r.notified,
});

/**
 * An export is a file the citizen receives: it reads the same from either
 * database, so flags come out as SQLite stores them (0 or 1).
 */
function asStored(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'boolean' ? Number(v) : v;
  return out;
}

/** SQLite's json_replace: sets a path only where it already exists. */
function replaceText(target: string, paths: ('message' | 'payload')[], text: string): string {
  let t: Record<string, unknown>;
  try {
    t = JSON.parse(target) as Record<string, unknown>;
  } catch {
    return target;
  }
  for (const p of paths) {
    const inner = t[p];
    if (inner && typeof inner === 'object' && !Array.isArray(inner) && 'text' in inner) (inner as Record<string, unknown>).text = text;
  }
  return JSON.stringify(t);
}

export function createPrivacyRepo(sql: Sql): PrivacyRepo {
  /** Rewrites the words of outbox rows; one still waiting is not sent any more. */
  async function scrubOutbox(where: string, arg: unknown, paths: ('message' | 'payload')[], marker: string): Promise<void> {
    const rows = await sql.rows<{ id: number; target: string }>(`SELECT id, target FROM outbox WHERE ${where}`, [arg]);
    if (rows.length === 0) return;
    await sql.run(`UPDATE outbox o SET target = v.target,
        status = CASE WHEN o.status IN ('pending', 'sending') THEN 'skipped' ELSE o.status END
      FROM unnest($1::bigint[], $2::text[]) AS v(id, target) WHERE o.id = v.id`,
    [rows.map((r) => r.id), rows.map((r) => replaceText(r.target, paths, marker))]);
  }

  /** Removes the words, places and photos of some tickets; returns the photo paths. */
  async function scrubTickets(ids: number[], marker: string, at: string, keepStaffPhotos: boolean): Promise<string[]> {
    if (ids.length === 0) return [];
    const photos = `ticket_id = ANY($1::bigint[])${keepStaffPhotos ? " AND source = 'citizen'" : ''}`;
    const files = (await sql.rows<{ path: string }>(`DELETE FROM ticket_media WHERE ${photos} RETURNING path`, [ids])).map((r) => r.path);
    await sql.run('UPDATE tickets SET description = $1, location_text = NULL, rating_comment = NULL, texts_removed_at = $2 WHERE id = ANY($3::bigint[])',
      [marker, at, ids]);
    await sql.run('UPDATE ticket_events SET note = NULL, data = NULL WHERE ticket_id = ANY($1::bigint[]) AND (note IS NOT NULL OR data IS NOT NULL)', [ids]);
    await scrubOutbox('ticket_id = ANY($1::bigint[])', ids, ['message', 'payload'], marker);
    return files;
  }

  return {
    async blocked(channel, address) {
      const r = await sql.row<BlockedRow>('SELECT * FROM blocked_senders WHERE channel = $1 AND address = $2', [channel, address]);
      return r ? toBlocked(r) : undefined;
    },
    block: async (e) => void await sql.run(`INSERT INTO blocked_senders (channel, address, blocked_by, reason, blocked_at) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (channel, address) DO UPDATE SET blocked_by = excluded.blocked_by, reason = excluded.reason, blocked_at = excluded.blocked_at`,
    [e.channel, e.address, e.blockedBy, e.reason, e.blockedAt]),
    unblock: async (channel, address) => (await sql.run('DELETE FROM blocked_senders WHERE channel = $1 AND address = $2', [channel, address])) > 0,
    markNotified: async (channel, address) =>
      void await sql.run('UPDATE blocked_senders SET notified = true WHERE channel = $1 AND address = $2', [channel, address]),
    listBlocked: async () => (await sql.rows<BlockedRow>('SELECT * FROM blocked_senders ORDER BY blocked_at DESC')).map(toBlocked),

    pendingErasure: async (channel, address) => (await sql.value<string>(
      "SELECT requested_at FROM privacy_requests WHERE channel = $1 AND address = $2 AND kind = 'erase'", [channel, address])) ?? undefined,
    requestErasure: async (channel, address, at) => void await sql.run(`INSERT INTO privacy_requests (channel, address, kind, requested_at)
      VALUES ($1, $2, 'erase', $3) ON CONFLICT (channel, address) DO UPDATE SET requested_at = excluded.requested_at`, [channel, address, at]),
    clearErasure: async (channel, address) => void await sql.run('DELETE FROM privacy_requests WHERE channel = $1 AND address = $2', [channel, address]),

    eraseCitizen: (citizenId, at) => sql.transaction(async (): Promise<RemovalResult> => {
      const citizen = await sql.row<{ channel: string; address: string }>('SELECT channel, address FROM citizens WHERE id = $1', [citizenId]);
      if (!citizen) return { tickets: 0, messages: 0, files: [] };
      const ticketIds = (await sql.rows<{ id: number }>('SELECT id FROM tickets WHERE citizen_id = $1', [citizenId])).map((r) => r.id);
      const files = await scrubTickets(ticketIds, ERASED_TEXT, at, true);
      const payloads = (await sql.rows<{ payload: string | null }>('SELECT payload FROM messages WHERE citizen_id = $1', [citizenId])).map((r) => r.payload);
      files.push(...payloadPaths(payloads));
      const messages = await sql.run('UPDATE messages SET text = NULL, payload = NULL WHERE citizen_id = $1', [citizenId]);
      await scrubOutbox('citizen_id = $1', citizenId, ['message'], ERASED_TEXT);
      await sql.run('UPDATE tickets SET rt = NULL, rw = NULL, latitude = NULL, longitude = NULL, trusted_reporter = NULL WHERE citizen_id = $1', [citizenId]);
      await sql.run('DELETE FROM conversations WHERE citizen_id = $1', [citizenId]);
      await sql.run('DELETE FROM citizen_aliases WHERE citizen_id = $1', [citizenId]);
      await sql.run('DELETE FROM privacy_requests WHERE channel = $1 AND address = $2', [citizen.channel, citizen.address]);
      // The row stays (tickets point at it) under an address nobody can write from.
      await sql.run('UPDATE citizens SET display_name = NULL, phone = NULL, address = $1, erased_at = $2, muted = true WHERE id = $3',
        [`erased:${citizenId}`, at, citizenId]);
      return { tickets: ticketIds.length, messages, files };
    }),

    async exportCitizen(citizenId): Promise<CitizenExport | undefined> {
      const citizen = await sql.row('SELECT * FROM citizens WHERE id = $1', [citizenId]);
      if (!citizen) return undefined;
      const tickets: Record<string, unknown>[] = [];
      for (const t of await sql.rows('SELECT * FROM tickets WHERE citizen_id = $1 ORDER BY id', [citizenId])) {
        tickets.push({
          ...asStored(t),
          events: await sql.rows('SELECT at, action, from_state, to_state, actor_type, actor_name, note FROM ticket_events WHERE ticket_id = $1 ORDER BY id', [t.id]),
          photos: await sql.rows('SELECT path, source, added_at FROM ticket_media WHERE ticket_id = $1 ORDER BY id', [t.id]),
        });
      }
      return {
        citizen: asStored(citizen),
        aliases: (await sql.rows<{ address: string }>('SELECT address FROM citizen_aliases WHERE citizen_id = $1', [citizenId])).map((r) => r.address),
        tickets,
        messages: await sql.rows('SELECT channel, direction, text, created_at FROM messages WHERE citizen_id = $1 ORDER BY id', [citizenId]),
        supported: (await sql.rows<{ number: string }>(
          'SELECT t.number FROM ticket_supporters s JOIN tickets t ON t.id = s.ticket_id WHERE s.citizen_id = $1', [citizenId])).map((r) => r.number),
      };
    },

    applyRetention: (closedBefore, at) => sql.transaction(async (): Promise<RemovalResult> => {
      const ids = (await sql.rows<{ id: number }>(`SELECT id FROM tickets WHERE state IN ('ditutup', 'ditolak', 'dibatalkan') AND texts_removed_at IS NULL
        AND coalesce(closed_at, updated_at) < $1`, [closedBefore])).map((r) => r.id);
      const files = await scrubTickets(ids, EXPIRED_TEXT, at, false);
      const old = (await sql.rows<{ payload: string | null }>(
        'SELECT payload FROM messages WHERE created_at < $1 AND (text IS NOT NULL OR payload IS NOT NULL)', [closedBefore])).map((r) => r.payload);
      files.push(...payloadPaths(old));
      const messages = await sql.run('UPDATE messages SET text = NULL, payload = NULL WHERE created_at < $1 AND (text IS NOT NULL OR payload IS NOT NULL)',
        [closedBefore]);
      return { tickets: ids.length, messages, files };
    }),
  };
}
