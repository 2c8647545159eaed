import type { Sync } from '../async.js';
import type { DeliveryReport, NewOutboxRow, OutboxRepo, OutboxRow, OutboxStatus, OutboxTarget } from '../../core/ports.js';
import { DELIVERY_RANK, NEVER, interruptedReason, recipientKeyOf, cardResentReason } from '../shared.js';
import type Database from 'better-sqlite3';
import { sqlLimit, type Db } from './database.js';

type Row = {
  id: number; target: string; channel: string; recipient_key: string; ticket_id: number | null; citizen_id: number | null;
  status: OutboxStatus; attempts: number; next_attempt_at: string; last_error: string | null; created_at: string; sent_at: string | null;
  waiting_reason: string | null; template_required: number; delivery_status: DeliveryReport['status'] | null; delivery_at: string | null;
  delivery_error_code: string | null; delivery_error_title: string | null;
};


const toRow = (r: Row): OutboxRow => ({
  id: r.id, target: JSON.parse(r.target) as OutboxTarget, recipientKey: r.recipient_key, ticketId: r.ticket_id, citizenId: r.citizen_id,
  status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastError: r.last_error, createdAt: r.created_at, sentAt: r.sent_at,
  waitingReason: r.waiting_reason ?? null, templateRequired: r.template_required === 1,
  delivery: r.delivery_status
    ? { status: r.delivery_status, at: r.delivery_at ?? '', errorCode: r.delivery_error_code ?? null, errorTitle: r.delivery_error_title ?? null }
    : null,
});

export { recipientKeyOf };

/** `instanceId` tags the rows this process claims; on SQLite only this process runs, so every other 'sending' row is interrupted. */
export function createOutboxRepo(db: Db, instanceId: string): Sync<OutboxRepo> {
  const insert = db.prepare(`INSERT INTO outbox (target, channel, recipient_key, ticket_id, citizen_id, next_attempt_at, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  // The oldest unfinished row of each recipient, if it is due: later rows wait behind it (per-recipient order).
  // Queried per channel so rows of a channel this process does not serve are never scanned.
  // Recipients the worker is holding back (rate limits, a 429) are passed as a JSON array and left out.
  // One statement per limit: the limit is written in (see sqlLimit), and the worker asks for a few sizes only.
  const dueBy = new Map<number, Database.Statement<[string, string, string], Row>>();
  const due = (limit: number) => {
    let stmt = dueBy.get(limit);
    if (!stmt) dueBy.set(limit, (stmt = db.prepare<[string, string, string], Row>(`SELECT o.* FROM outbox o
    WHERE o.channel = ? AND o.status = 'pending' AND o.next_attempt_at <= ?
      AND o.id = (SELECT min(p.id) FROM outbox p WHERE p.recipient_key = o.recipient_key AND p.status IN ('pending', 'sending'))
      AND o.recipient_key NOT IN (SELECT value FROM json_each(?))
    ORDER BY o.next_attempt_at, o.id LIMIT ${sqlLimit(limit)}`)));
    return stmt;
  };
  const allChannels = db.prepare<[], string>("SELECT DISTINCT channel FROM outbox WHERE status = 'pending'").pluck();
  const claim = db.prepare("UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_at = ?, claimed_by = ? WHERE id = ? AND status = 'pending'");
  // A new send is a new message: the delivery state of an earlier attempt no longer applies.
  const sent = db.prepare(`UPDATE outbox SET status = 'sent', sent_at = ?, external_id = ?, last_error = NULL,
    delivery_status = NULL, delivery_at = NULL, delivery_error_code = NULL, delivery_error_title = NULL WHERE id = ?`);
  const retry = db.prepare("UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ?, attempts = attempts - ? WHERE id = ?");
  const waiting = db.prepare(`UPDATE outbox SET status = 'pending', next_attempt_at = '${NEVER}', waiting_reason = ?, last_error = ?,
    attempts = max(attempts - 1, 0) WHERE id = ?`);
  const releaseOne = db.prepare('UPDATE outbox SET next_attempt_at = ?, waiting_reason = NULL WHERE waiting_reason IS NOT NULL AND recipient_key = ?');
  const releaseAll = db.prepare('UPDATE outbox SET next_attempt_at = ?, waiting_reason = NULL WHERE waiting_reason IS NOT NULL');
  const template = db.prepare(`UPDATE outbox SET status = 'pending', template_required = 1, next_attempt_at = ?, last_error = ?,
    waiting_reason = NULL WHERE id = ?`);
  const byExternal = db.prepare<[string, string], Row>('SELECT * FROM outbox WHERE channel = ? AND external_id = ?');
  const delivery = db.prepare(`UPDATE outbox SET delivery_status = ?, delivery_at = ?, delivery_error_code = ?, delivery_error_title = ?
    WHERE id = ?`);
  const listWaiting = db.prepare<[number], Row>('SELECT * FROM outbox WHERE waiting_reason IS NOT NULL ORDER BY id LIMIT ?');
  const expedite = db.prepare(`UPDATE outbox SET next_attempt_at = ? WHERE channel = ? AND status = 'pending' AND attempts > 0 AND next_attempt_at > ?`);
  const final = db.prepare('UPDATE outbox SET status = ?, last_error = ? WHERE id = ?');
  // An interrupted desk card goes out again (due now, the attempt not counted); anything else becomes uncertain.
  const resendCards = db.prepare(`UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ?, attempts = max(attempts - 1, 0)
    WHERE status = 'sending' AND claimed_by IS NOT ? AND channel = 'desk' AND json_extract(target, '$.payload.type') = 'card'
      AND (? IS NULL OR channel IN (SELECT value FROM json_each(?)))`);
  const recover = db.prepare(`UPDATE outbox SET status = 'uncertain', last_error = ? WHERE status = 'sending' AND claimed_by IS NOT ?
    AND (? IS NULL OR channel IN (SELECT value FROM json_each(?)))`);
  const byId = db.prepare<[number], Row>('SELECT * FROM outbox WHERE id = ?');
  const counts = db.prepare<[], { status: OutboxStatus; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status');

  return {
    enqueue(row: NewOutboxRow) {
      const { channel, key } = recipientKeyOf(row.target);
      return Number(insert.run(JSON.stringify(row.target), channel, key, row.ticketId ?? null, row.citizenId ?? null, row.createdAt, row.createdAt).lastInsertRowid);
    },
    claimDue(now, limit, channels, skipRecipients) {
      const skip = JSON.stringify(skipRecipients ?? []);
      return db.transaction(() => {
        const rows = (channels ?? allChannels.all()).flatMap((c) => due(limit).all(c, now, skip))
          .sort((a, b) => a.next_attempt_at.localeCompare(b.next_attempt_at) || a.id - b.id).slice(0, limit);
        return rows.filter((r) => claim.run(now, instanceId, r.id).changes === 1).map((r) => toRow({ ...r, status: 'sending', attempts: r.attempts + 1 }));
      })();
    },
    markSent: (id, at, externalId) => void sent.run(at, externalId ?? null, id),
    markRetry: (id, nextAttemptAt, error, opts) => void retry.run(nextAttemptAt, error.slice(0, 1000), opts?.throttled ? 1 : 0, id),
    markFinal: (id, status, error) => void final.run(status, error.slice(0, 1000), id),
    recoverInterrupted(now, channels) {
      const why = interruptedReason(now);
      const only = channels ? JSON.stringify(channels) : null;
      return db.transaction(() => resendCards.run(now, cardResentReason(now), instanceId, only, only).changes
        + recover.run(why, instanceId, only, only).changes)();
    },
    expedite: (channel, now) => expedite.run(now, channel, now).changes,
    markWaiting: (id, reason) => void waiting.run(reason.slice(0, 1000), reason.slice(0, 1000), id),
    releaseWaiting: (now, to) => (to === undefined
      ? releaseAll.run(now)
      : releaseOne.run(now, recipientKeyOf({ kind: 'citizen', channel: to.channel, message: { to: to.address, text: '' } }).key)).changes,
    requireTemplate: (id, now, error) => void template.run(now, error.slice(0, 1000), id),
    recordDelivery(report) {
      return db.transaction(() => {
        const r = byExternal.get(report.channel, report.externalId);
        if (!r) return undefined;
        if (r.delivery_status && DELIVERY_RANK[r.delivery_status] >= DELIVERY_RANK[report.status]) return toRow(r);
        delivery.run(report.status, report.at, report.error?.code ?? null, report.error?.title.slice(0, 300) ?? null, r.id);
        return toRow(byId.get(r.id)!);
      })();
    },
    listWaiting: (limit) => listWaiting.all(limit).map(toRow),
    get: (id) => {
      const r = byId.get(id);
      return r ? toRow(r) : undefined;
    },
    list(f) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (f.status) { where.push('status = ?'); args.push(f.status); }
      if (f.ticketId !== undefined) { where.push('ticket_id = ?'); args.push(f.ticketId); }
      const sql = `SELECT * FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`;
      return (db.prepare(sql).all(...args, f.limit ?? 1000) as Row[]).map(toRow);
    },
    counts() {
      const out: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0, uncertain: 0 };
      for (const r of counts.all()) out[r.status] = r.n;
      return out;
    },
  };
}
