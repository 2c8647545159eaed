/**
 * Erasing one citizen's data, the same way from every entry point (the
 * citizen's "HAPUS DATA SAYA", the command centre, the CLI): the store removes
 * the data, and each of their tickets' desk cards is refreshed so the agency's
 * Telegram group no longer shows the erased words.
 */
import type { Store } from '../ports.js';
import type { PrivacyRepo, RemovalResult } from './ports.js';

/** Erases in one transaction and queues the card refreshes; the caller deletes the returned files. */
export async function eraseCitizenData(store: Store, privacy: PrivacyRepo, citizenId: number, at: string): Promise<RemovalResult> {
  return await store.transaction(async () => {
    const removed = await privacy.eraseCitizen(citizenId, at);
    for (const t of await store.tickets.list({ citizenId, limit: 100_000 })) {
      await store.outbox.enqueue({ target: { kind: 'desk', agency: t.agency, payload: { type: 'card', ticketId: t.id } }, ticketId: t.id, createdAt: at });
    }
    return removed;
  });
}
