/**
 * Erasing one citizen's data, the same way from every entry point (the
 * citizen's "HAPUS DATA SAYA", the command centre, the CLI): the store removes
 * the data, and each of their tickets' desk cards is refreshed so the agency's
 * Telegram group no longer shows the erased words.
 */
import type { Store } from '../ports.js';
import type { PrivacyRepo, RemovalResult } from './ports.js';

/** Erases in one transaction and queues the card refreshes; the caller deletes the returned files. */
export function eraseCitizenData(store: Store, privacy: PrivacyRepo, citizenId: number, at: string): RemovalResult {
  return store.transaction(() => {
    const removed = privacy.eraseCitizen(citizenId, at);
    for (const t of store.tickets.list({ citizenId, limit: 100_000 })) {
      store.outbox.enqueue({ target: { kind: 'desk', agency: t.agency, payload: { type: 'card', ticketId: t.id } }, ticketId: t.id, createdAt: at });
    }
    return removed;
  });
}
