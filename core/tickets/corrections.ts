/**
 * Corrections by triage staff and admins: a ticket's category, agency or
 * place was wrong. Each correction is one event ('koreksi') with who, why, and
 * every field before and after; the desk cards of the old and the new agency
 * are refreshed, and the citizen is told when the agency changes.
 */
import type { PromptConfig } from '../config/schema.js';
import { agencyName, categoryLabel, reply } from '../config/texts.js';
import type { Clock, Store } from '../ports.js';
import { TicketError } from './service.js';
import type { Actor, Ticket, TicketPatch } from './types.js';

/** What may be corrected; absent fields stay as they are. */
export interface Correction {
  category?: string;
  agency?: string;
  kelurahan?: string | null;
  kecamatan?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

const FIELDS = ['category', 'agency', 'kelurahan', 'kecamatan', 'latitude', 'longitude'] as const;

/** Thrown when a correction cannot be applied; `message` is Indonesian and says what to fix. */
export class CorrectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorrectionError';
  }
}

/** Builds the correction use case on the store. */
export function createCorrections(deps: { store: Store; config: () => PromptConfig; clock: Clock }) {
  const { store, config, clock } = deps;
  return {
    /** Applies a correction; returns the ticket after it (unchanged when nothing differs). */
    async correct(ticketId: number, change: Correction, actor: Actor, reason: string): Promise<Ticket> {
      const why = reason.trim();
      if (!why) throw new CorrectionError('Tulis alasan koreksi: alasan dicatat di riwayat tiket.');
      const cfg = config();
      if (change.category !== undefined && !cfg.categories.some((c) => c.id === change.category)) {
        throw new CorrectionError(`Kategori "${change.category}" tidak dikenal; pilih dari daftar.`);
      }
      if (change.agency !== undefined && !cfg.agencies.some((a) => a.code === change.agency)) {
        throw new CorrectionError(`Dinas "${change.agency}" tidak dikenal; pilih dari daftar.`);
      }
      if ((change.latitude === null) !== (change.longitude === null) || (change.latitude !== undefined) !== (change.longitude !== undefined)) {
        throw new CorrectionError('Isi lintang dan bujur bersama-sama (atau kosongkan keduanya).');
      }
      for (const v of [change.latitude, change.longitude]) {
        if (typeof v === 'number' && !Number.isFinite(v)) throw new CorrectionError('Koordinat harus berupa angka, misalnya -8.4561 dan 118.7263.');
      }
      return await store.transaction(async () => {
        const before = await store.tickets.get(ticketId);
        if (!before) throw new TicketError('not_found', `Ticket ${ticketId} does not exist`);
        if (['ditutup', 'ditolak', 'dibatalkan'].includes(before.state)) {
          throw new CorrectionError(`Laporan ${before.number} sudah berstatus "${before.state}"; tiket yang sudah berakhir tidak dikoreksi.`);
        }
        const patch: TicketPatch = {};
        const from: Record<string, unknown> = {};
        const to: Record<string, unknown> = {};
        for (const f of FIELDS) {
          const v = change[f];
          if (v === undefined || v === before[f]) continue;
          (patch as Record<string, unknown>)[f] = v;
          from[f] = before[f];
          to[f] = v;
        }
        if (!Object.keys(to).length) return before;
        const at = clock.now().toISOString();
        const moved = patch.agency !== undefined && patch.agency !== before.agency;
        if (moved) Object.assign(patch, { forwardedAt: at, assigneeId: null, assigneeName: null, takenAt: null, slaNotice: null });
        // A moved ticket waits to be taken again, as after a reassignment.
        if (moved && before.state === 'diproses') patch.state = 'diteruskan';
        const after = await store.tickets.update(before.id, { ...patch, updatedAt: at });
        await store.tickets.addEvent({
          ticketId: before.id, at, action: 'koreksi', fromState: before.state, toState: after.state, actor, note: why, data: { from, to },
        });
        await store.outbox.enqueue({ target: { kind: 'desk', agency: after.agency, payload: { type: 'card', ticketId: after.id } }, ticketId: after.id, createdAt: at });
        if (moved) {
          await store.outbox.enqueue({ target: { kind: 'desk', agency: before.agency, payload: { type: 'card', ticketId: after.id } }, ticketId: after.id, createdAt: at });
          const ids = new Set([after.citizenId, ...(await store.tickets.supporters(after.id))]);
          for (const id of ids) {
            const citizen = await store.citizens.get(id);
            if (!citizen || citizen.muted) continue;
            await store.outbox.enqueue({
              target: { kind: 'citizen', channel: citizen.channel, message: { to: citizen.address, text: reply(cfg, 'update_dialihkan', {
                nomor: after.number, dinas: agencyName(cfg, after.agency), kategori: categoryLabel(cfg, after.category), status: after.state,
              }) } },
              ticketId: after.id, citizenId: id, createdAt: at,
            });
          }
        }
        return after;
      });
    },
  };
}

/** The correction use case. */
export type Corrections = ReturnType<typeof createCorrections>;
