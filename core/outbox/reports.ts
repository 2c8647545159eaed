/**
 * Delivery reports (WhatsApp status webhooks) applied to outbox rows.
 *
 * Reports arrive late and in any order; the store records the most advanced
 * one on the row (sent < delivered < read < failed). A failure changes what the
 * outbox does with a row it considered sent: a closed window sends it again
 * as a template, a throughput failure retries it later, anything else marks it
 * failed with the channel's code and title for the command centre.
 */
import type { Clock, DeliveryReport, Logger, Store } from '../ports.js';

export interface ReportDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Delay before a row failed for throughput goes again. */
  retryDelayMs?: number;
}

/** Applies one report; returns false when no outbox row has that message id (yet). */
export async function applyDeliveryReport(deps: ReportDeps, report: DeliveryReport): Promise<boolean> {
  const { store, clock, logger } = deps;
  return await store.transaction(async () => {
    const row = await store.outbox.recordDelivery(report);
    if (!row) return false;
    // Only a row still marked sent is acted on: a repeated webhook must not act twice.
    if (report.status !== 'failed' || !report.error || row.status !== 'sent') return true;
    const { code, title, action } = report.error;
    const why = `${report.channel} ${code}: ${title}`;
    const now = clock.now();
    if (action === 'template' && !row.templateRequired) {
      await store.outbox.requireTemplate(row.id, now.toISOString(), `${why} — sending it again as a template`);
      logger.info({ outboxId: row.id, code }, 'message refused outside the window; sending it again as a template');
    } else if (action === 'retry') {
      await store.outbox.markRetry(row.id, new Date(now.getTime() + (deps.retryDelayMs ?? 30_000)).toISOString(), why);
      logger.warn({ outboxId: row.id, code }, 'message failed for throughput; retrying later');
    } else {
      await store.outbox.markFinal(row.id, 'failed', why);
      logger.error({ outboxId: row.id, code, title }, 'message not delivered; shown to the command centre (outbox status failed)');
    }
    return true;
  });
}
