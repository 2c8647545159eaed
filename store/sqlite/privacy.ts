import type { Sync } from '../async.js';
/**
 * SQLite implementation of the privacy port (core/privacy/ports.ts): tables of
 * migration 006-privacy, erasure, export and retention queries.
 */
import type { BlockedSender, CitizenExport, PrivacyRepo, RemovalResult } from '../../core/privacy/ports.js';
import { ERASED_TEXT, EXPIRED_TEXT, payloadPaths } from '../shared.js';
import type { Db } from './database.js';

export { ERASED_TEXT, EXPIRED_TEXT };

interface BlockedRow { channel: string; address: string; blocked_by: string; reason: string | null; blocked_at: string; notified: number }

const toBlocked = (r: BlockedRow): BlockedSender => ({
  channel: r.channel, address: r.address, blockedBy: r.blocked_by, reason: r.reason, blockedAt: r.blocked_at, notified: r.notified === 1,
});

export function createPrivacyRepo(db: Db): Sync<PrivacyRepo> {
  /** Removes the words, places and photos of some tickets; returns the photo paths. */
  function scrubTickets(ids: number[], marker: string, at: string, keepStaffPhotos: boolean): string[] {
    if (ids.length === 0) return [];
    const list = ids.join(',');
    const files = db.prepare(`SELECT path FROM ticket_media WHERE ticket_id IN (${list})${keepStaffPhotos ? " AND source = 'citizen'" : ''}`).pluck().all() as string[];
    db.prepare(`DELETE FROM ticket_media WHERE ticket_id IN (${list})${keepStaffPhotos ? " AND source = 'citizen'" : ''}`).run();
    db.prepare(`UPDATE tickets SET description = ?, location_text = NULL, rating_comment = NULL, texts_removed_at = ? WHERE id IN (${list})`).run(marker, at);
    db.prepare(`UPDATE ticket_events SET note = NULL, data = NULL WHERE ticket_id IN (${list}) AND (note IS NOT NULL OR data IS NOT NULL)`).run();
    // Delivered and failed messages keep no words; one still waiting is not sent any more.
    db.prepare(`UPDATE outbox SET target = json_replace(json_replace(target, '$.message.text', ?), '$.payload.text', ?),
      status = CASE WHEN status IN ('pending', 'sending') THEN 'skipped' ELSE status END WHERE ticket_id IN (${list})`).run(marker, marker);
    return files;
  }

  // The two lookups every inbound message makes, prepared once.
  const blockedRow = db.prepare<[string, string], BlockedRow>('SELECT * FROM blocked_senders WHERE channel = ? AND address = ?');
  const pendingRow = db.prepare("SELECT requested_at FROM privacy_requests WHERE channel = ? AND address = ? AND kind = 'erase'").pluck();
  return {
    blocked(channel, address) {
      const r = blockedRow.get(channel, address);
      return r ? toBlocked(r) : undefined;
    },
    block(e) {
      db.prepare(`INSERT INTO blocked_senders (channel, address, blocked_by, reason, blocked_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (channel, address) DO UPDATE SET blocked_by = excluded.blocked_by, reason = excluded.reason, blocked_at = excluded.blocked_at`)
        .run(e.channel, e.address, e.blockedBy, e.reason, e.blockedAt);
    },
    unblock: (channel, address) => db.prepare('DELETE FROM blocked_senders WHERE channel = ? AND address = ?').run(channel, address).changes > 0,
    markNotified: (channel, address) => void db.prepare('UPDATE blocked_senders SET notified = 1 WHERE channel = ? AND address = ?').run(channel, address),
    listBlocked: () => (db.prepare('SELECT * FROM blocked_senders ORDER BY blocked_at DESC').all() as BlockedRow[]).map(toBlocked),

    pendingErasure: (channel, address) => pendingRow.get(channel, address) as string | undefined,
    requestErasure(channel, address, at) {
      db.prepare(`INSERT INTO privacy_requests (channel, address, kind, requested_at) VALUES (?, ?, 'erase', ?)
        ON CONFLICT (channel, address) DO UPDATE SET requested_at = excluded.requested_at`).run(channel, address, at);
    },
    clearErasure: (channel, address) => void db.prepare('DELETE FROM privacy_requests WHERE channel = ? AND address = ?').run(channel, address),

    eraseCitizen(citizenId, at): RemovalResult {
      const citizen = db.prepare('SELECT channel, address FROM citizens WHERE id = ?').get(citizenId) as { channel: string; address: string } | undefined;
      if (!citizen) return { tickets: 0, messages: 0, files: [] };
      const ticketIds = db.prepare('SELECT id FROM tickets WHERE citizen_id = ?').pluck().all(citizenId) as number[];
      const files = scrubTickets(ticketIds, ERASED_TEXT, at, true);
      const payloads = db.prepare('SELECT payload FROM messages WHERE citizen_id = ?').pluck().all(citizenId) as (string | null)[];
      files.push(...payloadPaths(payloads));
      const messages = db.prepare('UPDATE messages SET text = NULL, payload = NULL WHERE citizen_id = ?').run(citizenId).changes;
      db.prepare(`UPDATE outbox SET target = json_replace(target, '$.message.text', ?),
        status = CASE WHEN status IN ('pending', 'sending') THEN 'skipped' ELSE status END WHERE citizen_id = ?`).run(ERASED_TEXT, citizenId);
      db.prepare('UPDATE tickets SET rt = NULL, rw = NULL, latitude = NULL, longitude = NULL, trusted_reporter = NULL WHERE citizen_id = ?').run(citizenId);
      db.prepare('DELETE FROM conversations WHERE citizen_id = ?').run(citizenId);
      db.prepare('DELETE FROM citizen_aliases WHERE citizen_id = ?').run(citizenId);
      db.prepare('DELETE FROM privacy_requests WHERE channel = ? AND address = ?').run(citizen.channel, citizen.address);
      // The row stays (tickets point at it) under an address nobody can write from.
      db.prepare('UPDATE citizens SET display_name = NULL, phone = NULL, address = ?, erased_at = ?, muted = 1 WHERE id = ?')
        .run(`erased:${citizenId}`, at, citizenId);
      return { tickets: ticketIds.length, messages, files };
    },

    exportCitizen(citizenId): CitizenExport | undefined {
      const citizen = db.prepare('SELECT * FROM citizens WHERE id = ?').get(citizenId) as Record<string, unknown> | undefined;
      if (!citizen) return undefined;
      const tickets = (db.prepare('SELECT * FROM tickets WHERE citizen_id = ? ORDER BY id').all(citizenId) as Record<string, unknown>[]).map((t) => ({
        ...t,
        events: db.prepare('SELECT at, action, from_state, to_state, actor_type, actor_name, note FROM ticket_events WHERE ticket_id = ? ORDER BY id').all(t.id),
        photos: db.prepare('SELECT path, source, added_at FROM ticket_media WHERE ticket_id = ? ORDER BY id').all(t.id),
      }));
      return {
        citizen,
        aliases: db.prepare('SELECT address FROM citizen_aliases WHERE citizen_id = ?').pluck().all(citizenId) as string[],
        tickets,
        messages: db.prepare('SELECT channel, direction, text, created_at FROM messages WHERE citizen_id = ? ORDER BY id').all(citizenId) as Record<string, unknown>[],
        supported: db.prepare('SELECT t.number FROM ticket_supporters s JOIN tickets t ON t.id = s.ticket_id WHERE s.citizen_id = ?').pluck().all(citizenId) as string[],
      };
    },

    applyRetention(closedBefore, at): RemovalResult {
      const ids = db.prepare(`SELECT id FROM tickets WHERE state IN ('ditutup', 'ditolak', 'dibatalkan') AND texts_removed_at IS NULL
        AND coalesce(closed_at, updated_at) < ?`).pluck().all(closedBefore) as number[];
      const files = scrubTickets(ids, EXPIRED_TEXT, at, false);
      const old = db.prepare('SELECT payload FROM messages WHERE created_at < ? AND (text IS NOT NULL OR payload IS NOT NULL)').pluck().all(closedBefore) as (string | null)[];
      files.push(...payloadPaths(old));
      const messages = db.prepare('UPDATE messages SET text = NULL, payload = NULL WHERE created_at < ? AND (text IS NOT NULL OR payload IS NOT NULL)').run(closedBefore).changes;
      return { tickets: ids.length, messages, files };
    },
  };
}
