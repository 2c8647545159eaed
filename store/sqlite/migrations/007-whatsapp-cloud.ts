/**
 * WhatsApp Business Cloud API delivery state on outbox rows. Version 7.
 *
 * waiting_reason: a pending row held until something changes (a status update
 * outside WhatsApp's 24-hour window with no template for it); it is shown in
 * the command centre and released when the citizen writes again or the
 * templates change. template_required: WhatsApp said the window is closed
 * (131047), so the row goes again as a template. delivery_*: the latest status
 * webhook (sent, delivered, read, failed with Meta's code and title), recorded
 * in whatever order Meta delivers them; external_id is indexed to find the row.
 */
import type { Migration } from '../migrations.js';

export const WHATSAPP_CLOUD_MIGRATION: Migration = {
  version: 7,
  name: 'outbox delivery statuses, waiting rows and template retries',
  sql: `
    ALTER TABLE outbox ADD COLUMN waiting_reason TEXT;
    ALTER TABLE outbox ADD COLUMN template_required INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE outbox ADD COLUMN delivery_status TEXT CHECK (delivery_status IN ('sent','delivered','read','failed'));
    ALTER TABLE outbox ADD COLUMN delivery_at TEXT;
    ALTER TABLE outbox ADD COLUMN delivery_error_code TEXT;
    ALTER TABLE outbox ADD COLUMN delivery_error_title TEXT;
    CREATE INDEX outbox_external ON outbox (channel, external_id) WHERE external_id IS NOT NULL;
    CREATE INDEX outbox_waiting ON outbox (recipient_key) WHERE waiting_reason IS NOT NULL;
  `,
};
