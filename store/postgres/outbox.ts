/**
 * The durable outbox on PostgreSQL; the same semantics as
 * store/sqlite/outbox.ts, but several instances may run workers on one
 * database, so claiming is one statement that locks what it takes.
 */
import type { DeliveryReport, NewOutboxRow, OutboxRepo, OutboxRow, OutboxStatus, OutboxTarget } from '../../core/ports.js';
import { DELIVERY_RANK, INSTANCE_GONE_MS, NEVER, cardResentReason, interruptedReason, recipientKeyOf } from '../shared.js';
import type { Sql } from './database.js';

type Row = {
  id: number; target: string; channel: string; recipient_key: string; ticket_id: number | null; citizen_id: number | null;
  status: OutboxStatus; attempts: number; next_attempt_at: string; last_error: string | null; created_at: string; sent_at: string | null;
  waiting_reason: string | null; template_required: boolean; delivery_status: DeliveryReport['status'] | null; delivery_at: string | null;
  delivery_error_code: string | null; delivery_error_title: string | null;
};

const toRow = (r: Row): OutboxRow => ({
  id: r.id, target: JSON.parse(r.target) as OutboxTarget, recipientKey: r.recipient_key, ticketId: r.ticket_id, citizenId: r.citizen_id,
  status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastError: r.last_error, createdAt: r.created_at, sentAt: r.sent_at,
  waitingReason: r.waiting_reason ?? null, templateRequired: r.template_required,
  delivery: r.delivery_status
    ? { status: r.delivery_status, at: r.delivery_at ?? '', errorCode: r.delivery_error_code ?? null, errorTitle: r.delivery_error_title ?? null }
    : null,
});

const RANK_SQL = `CASE delivery_status ${Object.entries(DELIVERY_RANK).map(([s, n]) => `WHEN '${s}' THEN ${n}`).join(' ')} ELSE 0 END`;

/**
 * The oldest unfinished row of each recipient, if it is due and not held
 * back; later rows wait behind it (per-recipient order). FOR UPDATE SKIP
 * LOCKED: a row another instance is claiming right now is passed over, and
 * while it is still 'pending' in our snapshot, the NOT EXISTS keeps that
 * recipient's later rows out too, so two instances never send one
 * recipient's messages side by side. Marked 'sending' in the same statement.
 */
const CLAIM = `
  WITH due AS (
    SELECT o.id FROM outbox o
    WHERE o.status = 'pending' AND o.next_attempt_at <= $1
      AND ($3::text[] IS NULL OR o.channel = ANY($3::text[]))
      AND NOT (o.recipient_key = ANY($4::text[]))
      AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.recipient_key = o.recipient_key AND p.status IN ('pending', 'sending') AND p.id < o.id)
    ORDER BY o.next_attempt_at, o.id
    LIMIT $2
    FOR UPDATE OF o SKIP LOCKED
  )
  UPDATE outbox SET status = 'sending', attempts = outbox.attempts + 1, claimed_at = $1, claimed_by = $5
  FROM due WHERE outbox.id = due.id AND outbox.status = 'pending'
  RETURNING outbox.*`;

/**
 * `instanceId` tags the rows this instance claims. A row left 'sending' is interrupted only when the instance
 * that claimed it no longer renews its heartbeat (instances.ts): another live instance may be sending it right now.
 */
export function createOutboxRepo(sql: Sql, instanceId: string): OutboxRepo {
  const update = (text: string, params: unknown[]) => sql.run(text, params);
  return {
    async enqueue(row: NewOutboxRow) {
      const { channel, key } = recipientKeyOf(row.target);
      return (await sql.value<number>(`INSERT INTO outbox (target, channel, recipient_key, ticket_id, citizen_id, next_attempt_at, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [JSON.stringify(row.target), channel, key, row.ticketId ?? null, row.citizenId ?? null, row.createdAt, row.createdAt]))!;
    },
    async claimDue(now, limit, channels, skipRecipients) {
      const rows = await sql.rows<Row>(CLAIM, [now, limit, channels ? [...channels] : null, [...(skipRecipients ?? [])], instanceId]);
      return rows.sort((a, b) => (a.next_attempt_at < b.next_attempt_at ? -1 : a.next_attempt_at > b.next_attempt_at ? 1 : a.id - b.id)).map(toRow);
    },
    // A new send is a new message: the delivery state of an earlier attempt no longer applies.
    // With the conversation-log record as a data-modifying CTE: one statement, atomic, one round trip.
    markSent: async (id, at, externalId, m) => {
      const sent = `UPDATE outbox SET status = 'sent', sent_at = $1, external_id = $2, last_error = NULL,
        delivery_status = NULL, delivery_at = NULL, delivery_error_code = NULL, delivery_error_title = NULL WHERE id = $3`;
      if (!m) return void await update(sent, [at, externalId ?? null, id]);
      await update(`WITH sent AS (${sent} RETURNING id)
        INSERT INTO messages (channel, external_id, citizen_id, direction, text, payload, created_at)
        SELECT $4, $5, $6, 'out', $7, $8, $9 FROM sent`,
      [at, externalId ?? null, id, m.channel, m.externalId, m.citizenId, m.text, JSON.stringify(m.payload ?? null), m.createdAt]);
    },
    markRetry: async (id, nextAttemptAt, error, opts) => void await update(
      "UPDATE outbox SET status = 'pending', next_attempt_at = $1, last_error = $2, attempts = attempts - $3 WHERE id = $4",
      [nextAttemptAt, error.slice(0, 1000), opts?.throttled ? 1 : 0, id]),
    markFinal: async (id, status, error) => void await update('UPDATE outbox SET status = $1, last_error = $2 WHERE id = $3', [status, error.slice(0, 1000), id]),
    recoverInterrupted: (now, channels) => sql.transaction(async () => {
      const gone = `status = 'sending' AND claimed_by IS DISTINCT FROM $2 AND ($3::text[] IS NULL OR channel = ANY($3::text[]))
        AND (claimed_by IS NULL OR claimed_by NOT IN (SELECT id FROM instances WHERE seen_at >= $4))`;
      const args = [instanceId, channels ? [...channels] : null, new Date(Date.parse(now) - INSTANCE_GONE_MS).toISOString()];
      // An interrupted desk card goes out again (due now, the attempt not counted); anything else becomes uncertain.
      const resent = await update(`UPDATE outbox SET status = 'pending', next_attempt_at = $5, last_error = $1, attempts = greatest(attempts - 1, 0)
        WHERE ${gone} AND channel = 'desk' AND (target::json #>> '{payload,type}') = 'card'`, [cardResentReason(now), ...args, now]);
      return resent + await update(`UPDATE outbox SET status = 'uncertain', last_error = $1 WHERE ${gone}`, [interruptedReason(now), ...args]);
    }),
    expedite: (channel, now) => update(
      "UPDATE outbox SET next_attempt_at = $1 WHERE channel = $2 AND status = 'pending' AND attempts > 0 AND next_attempt_at > $1", [now, channel]),
    markWaiting: async (id, reason) => void await update(`UPDATE outbox SET status = 'pending', next_attempt_at = '${NEVER}', waiting_reason = $1,
      last_error = $1, attempts = greatest(attempts - 1, 0) WHERE id = $2`, [reason.slice(0, 1000), id]),
    releaseWaiting: (now, to) => (to === undefined
      ? update('UPDATE outbox SET next_attempt_at = $1, waiting_reason = NULL WHERE waiting_reason IS NOT NULL', [now])
      : update('UPDATE outbox SET next_attempt_at = $1, waiting_reason = NULL WHERE waiting_reason IS NOT NULL AND recipient_key = $2',
        [now, recipientKeyOf({ kind: 'citizen', channel: to.channel, message: { to: to.address, text: '' } }).key])),
    requireTemplate: async (id, now, error) => void await update(`UPDATE outbox SET status = 'pending', template_required = true, next_attempt_at = $1,
      last_error = $2, waiting_reason = NULL WHERE id = $3`, [now, error.slice(0, 1000), id]),
    async recordDelivery(report) {
      // One conditional update: a concurrent report for the same row is re-checked against the rank it wrote.
      const updated = await sql.row<Row>(`UPDATE outbox SET delivery_status = $3, delivery_at = $4, delivery_error_code = $5, delivery_error_title = $6
        WHERE id = (SELECT id FROM outbox WHERE channel = $1 AND external_id = $2 ORDER BY id LIMIT 1) AND ${RANK_SQL} < $7
        RETURNING *`, [report.channel, report.externalId, report.status, report.at, report.error?.code ?? null,
        report.error?.title.slice(0, 300) ?? null, DELIVERY_RANK[report.status]]);
      if (updated) return toRow(updated);
      const r = await sql.row<Row>('SELECT * FROM outbox WHERE channel = $1 AND external_id = $2 ORDER BY id LIMIT 1', [report.channel, report.externalId]);
      return r ? toRow(r) : undefined;
    },
    listWaiting: async (limit) => (await sql.rows<Row>('SELECT * FROM outbox WHERE waiting_reason IS NOT NULL ORDER BY id LIMIT $1', [limit])).map(toRow),
    async get(id) {
      const r = await sql.row<Row>('SELECT * FROM outbox WHERE id = $1', [id]);
      return r ? toRow(r) : undefined;
    },
    async list(f) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (f.status) where.push(`status = $${args.push(f.status)}`);
      if (f.ticketId !== undefined) where.push(`ticket_id = $${args.push(f.ticketId)}`);
      const text = `SELECT * FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT $${args.push(f.limit ?? 1000)}`;
      return (await sql.rows<Row>(text, args)).map(toRow);
    },
    async counts() {
      const out: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0, uncertain: 0 };
      for (const r of await sql.rows<{ status: OutboxStatus; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status')) out[r.status] = r.n;
      return out;
    },
  };
}
