/**
 * Ticket use cases: filing, staff and citizen actions, supporters. Every change
 * is an append-only event plus outbox rows (citizen updates, desk card refresh)
 * written in the same store transaction, so an update is never lost or invented.
 */
import type { Clock, Store, OutboundMessage, DeskPayload } from '../ports.js';
import type { PromptConfig } from '../config/schema.js';
import { agencyName, categoryLabel, reply, type Vars } from '../config/texts.js';
import type { ReplyKey } from '../config/reply-keys.js';
import { nextState, type TicketAction } from './states.js';
import { OPEN_STATES, type Actor, type Ticket, type TicketPatch, type NewTicket } from './types.js';

export interface FileTicketInput extends Omit<NewTicket, 'number' | 'createdAt' | 'state'> {
  /** true: waits in triage ('baru') at the agency given; false: forwarded ('diteruskan'). */
  triage: boolean;
  photos: string[];
}

export interface ActionInput {
  actor: Actor;
  note?: string;
  /** Reassignment target, or the agency a triaged ticket is forwarded to. */
  agency?: string;
  /** Proof photo for 'selesaikan', or a photo with a staff reply. */
  photoPath?: string;
}

export interface TicketServiceDeps {
  store: Store;
  config: () => PromptConfig;
  clock: Clock;
}

/** Which citizen message each action sends, and what it needs. */
const CITIZEN_UPDATE: Partial<Record<TicketAction, ReplyKey>> = {
  teruskan: 'update_diteruskan',
  ambil: 'update_diproses',
  selesaikan: 'update_selesai',
  tolak: 'update_ditolak',
  alihkan: 'update_dialihkan',
  buka_kembali: 'update_dibuka_kembali',
  tutup: 'update_ditutup',
  batalkan: 'update_dibatalkan',
};

/**
 * What supporters receive for each citizen update: status and agency changes,
 * without the staff's notes (the closing note, the rejection reason, progress
 * notes and replies are addressed to the reporter).
 */
const SUPPORTER_UPDATE: Partial<Record<ReplyKey, ReplyKey>> = {
  update_diteruskan: 'update_diteruskan',
  update_diproses: 'update_diproses',
  update_selesai: 'supporter_selesai',
  update_ditolak: 'supporter_ditolak',
  update_dialihkan: 'update_dialihkan',
  update_dibuka_kembali: 'update_dibuka_kembali',
  update_ditutup: 'update_ditutup',
  update_dibatalkan: 'update_dibatalkan',
};

/** Why support() refused, or 'supported'. */
export type SupportResult = 'supported' | 'already' | 'not_open' | 'confidential' | 'not_found';

/** Why a ticket action was refused, so each adapter can word it for its users (staff, admins). */
export type TicketErrorReason = 'not_found' | 'note_required' | 'unknown_agency' | 'same_agency' | 'closed';

export class TicketError extends Error {
  constructor(readonly reason: TicketErrorReason, message: string) {
    super(message);
    this.name = 'TicketError';
  }
}

export function createTicketService({ store, config, clock }: TicketServiceDeps) {
  const now = () => clock.now().toISOString();

  async function mustGet(idOrNumber: number | string): Promise<Ticket> {
    const t = typeof idOrNumber === 'number' ? await store.tickets.get(idOrNumber) : await store.tickets.getByNumber(idOrNumber);
    if (!t) throw new TicketError('not_found', `Ticket ${idOrNumber} does not exist; list tickets with: npm run cli -- tickets`);
    return t;
  }

  async function enqueueCitizen(citizenId: number, ticketId: number | null, message: Omit<OutboundMessage, 'to'>, at: string): Promise<void> {
    const citizen = await store.citizens.get(citizenId);
    if (!citizen) return;
    await store.outbox.enqueue({
      target: { kind: 'citizen', channel: citizen.channel, message: { ...message, to: citizen.address } },
      ticketId, citizenId, createdAt: at,
    });
  }

  /**
   * Sends an update to the reporter and, when `supporters` is given, that text
   * to every supporter; nobody who said STOP. Supporters get status and agency
   * changes only, never what staff wrote to the reporter.
   */
  async function notifyCitizens(ticket: Ticket, message: Omit<OutboundMessage, 'to'>, at: string, opts: { skipOwner?: boolean; supporters?: Omit<OutboundMessage, 'to'> } = {}): Promise<void> {
    const send = async (id: number, m: Omit<OutboundMessage, 'to'>) => {
      const citizen = await store.citizens.get(id);
      if (citizen && !citizen.muted) await enqueueCitizen(id, ticket.id, m, at);
    };
    if (!opts.skipOwner) await send(ticket.citizenId, message);
    if (!opts.supporters) return;
    for (const id of new Set(await store.tickets.supporters(ticket.id))) if (id !== ticket.citizenId) await send(id, opts.supporters);
  }

  async function enqueueDesk(agency: string, payload: DeskPayload, ticketId: number | null, at: string): Promise<void> {
    await store.outbox.enqueue({ target: { kind: 'desk', agency, payload }, ticketId, createdAt: at });
  }

  function varsFor(ticket: Ticket, extra: Vars = {}): Vars {
    const cfg = config();
    return { nomor: ticket.number, dinas: agencyName(cfg, ticket.agency), kategori: categoryLabel(cfg, ticket.category), status: ticket.state, ...extra };
  }

  return {
    get: mustGet,

    /**
     * Puts tickets filed before the place index existed into it (at start-up;
     * idempotent, so several instances may run it at once). Returns how many.
     */
    async indexPlaces(batch = 500): Promise<number> {
      let done = 0;
      for (let n = await store.tickets.indexPlaces(batch); n > 0; n = await store.tickets.indexPlaces(batch)) done += n;
      return done;
    },

    /** Files a new ticket: forwarded to an agency, or waiting in triage. Returns the stored ticket. */
    async file(input: FileTicketInput, actor: Actor): Promise<Ticket> {
      return await store.transaction(async () => {
        const at = now();
        const { triage, photos, ...fields } = input;
        const ticket = await store.tickets.insert({
          ...fields,
          number: await store.tickets.nextNumber(config().city.ticket_prefix),
          state: triage ? 'baru' : 'diteruskan',
          createdAt: at,
        });
        await store.tickets.addEvent({
          ticketId: ticket.id, at, action: 'dibuat', fromState: null, toState: 'baru', actor, note: null,
          data: { category: ticket.category, confidence: ticket.confidence, rule: ticket.routeRule },
        });
        for (const path of photos) await store.tickets.addMedia(ticket.id, { path, kind: 'photo', source: 'citizen', addedAt: at });
        let filed = ticket;
        if (!triage) {
          await store.tickets.addEvent({
            ticketId: ticket.id, at, action: 'teruskan', fromState: 'baru', toState: 'diteruskan',
            actor: { type: 'system' }, note: `Diteruskan otomatis ke ${ticket.agency}`, data: { agency: ticket.agency },
          });
          filed = (await store.tickets.update(ticket.id, { forwardedAt: at, updatedAt: at }));
        }
        await enqueueDesk(ticket.agency, { type: 'card', ticketId: ticket.id }, ticket.id, at);
        return filed;
      });
    },

    /** Applies a staff/admin/citizen action; refuses illegal transitions with a clear error. */
    async act(idOrNumber: number | string, action: TicketAction, input: ActionInput): Promise<Ticket> {
      return await store.transaction(async () => {
        const at = now();
        const before = await mustGet(idOrNumber);
        const to = nextState(before.number, action, before.state);
        const cfg = config();
        const patch: TicketPatch = { state: to, updatedAt: at };
        const note = input.note?.trim() || null;

        if ((action === 'tolak' || action === 'selesaikan') && !note) {
          throw new TicketError('note_required', `Ticket ${before.number}: "${action}" needs a note (${action === 'tolak' ? 'the reason' : 'what was done'})`);
        }
        if (action === 'alihkan' || action === 'teruskan') {
          const target = input.agency ?? (action === 'teruskan' ? before.agency : undefined);
          if (!target || !cfg.agencies.some((a) => a.code === target)) {
            throw new TicketError('unknown_agency', `Ticket ${before.number}: unknown agency "${target ?? ''}"; expected one of ${cfg.agencies.map((a) => a.code).join(', ')}`);
          }
          if (action === 'alihkan' && target === before.agency) throw new TicketError('same_agency', `Ticket ${before.number} is already at ${target}`);
          patch.agency = target;
          patch.forwardedAt = at;
          patch.assigneeId = null;
          patch.assigneeName = null;
          patch.takenAt = null;
          patch.slaNotice = null;
        }
        if (action === 'ambil' || (action === 'proses' && before.state === 'diteruskan')) {
          patch.assigneeId = input.actor.id ?? null;
          patch.assigneeName = input.actor.name ?? null;
          patch.takenAt = at;
          patch.slaNotice = null;
        }
        if (action === 'selesaikan') { patch.resolvedAt = at; patch.slaNotice = null; }
        if (action === 'buka_kembali') {
          patch.reopenCount = before.reopenCount + 1;
          patch.resolvedAt = null;
          patch.reopenedAt = at;
          patch.slaNotice = null;
        }
        if (action === 'tutup' || action === 'tolak' || action === 'batalkan') patch.closedAt = at;

        const after = await store.tickets.update(before.id, patch);
        await store.tickets.addEvent({
          ticketId: before.id, at, action: action === 'alihkan' ? 'dialihkan' : action, fromState: before.state, toState: to,
          actor: input.actor, note, data: patch.agency ? { from: before.agency, to: patch.agency } : null,
        });
        if (input.photoPath && action === 'selesaikan') {
          await store.tickets.addMedia(before.id, { path: input.photoPath, kind: 'photo', source: 'staff', addedAt: at });
        }

        // Citizen updates: the citizen who acted gets a direct answer from the conversation instead.
        const key = action === 'proses' ? (note ? 'update_progress' : before.state === 'diteruskan' ? 'update_diproses' : undefined) : CITIZEN_UPDATE[action];
        if (key) {
          const vars = varsFor(after, { catatan: note, alasan: note });
          const supporterKey = SUPPORTER_UPDATE[key];
          await notifyCitizens(after, {
            text: reply(cfg, key, vars),
            update: { key, vars },
            ...(action === 'selesaikan' && input.photoPath ? { photoPath: input.photoPath } : {}),
          }, at, { skipOwner: input.actor.type === 'citizen', ...(supporterKey ? { supporters: { text: reply(cfg, supporterKey, vars), update: { key: supporterKey, vars } } } : {}) });
        }
        if (action === 'selesaikan') {
          const owner = await store.citizens.get(after.citizenId);
          if (owner && !owner.muted) {
            await enqueueCitizen(after.citizenId, after.id, {
              text: reply(cfg, 'feedback_ask', { nomor: after.number }),
              update: { key: 'feedback_ask', vars: varsFor(after) },
              choices: [
                { id: `beres:${after.id}`, label: reply(cfg, 'feedback_yes') },
                { id: `belum:${after.id}`, label: reply(cfg, 'feedback_no') },
              ],
            }, at);
          }
        }

        await enqueueDesk(after.agency, { type: 'card', ticketId: after.id }, after.id, at);
        if (patch.agency && patch.agency !== before.agency) await enqueueDesk(before.agency, { type: 'card', ticketId: after.id }, after.id, at);
        if (action === 'buka_kembali' && after.reopenCount >= cfg.city.feedback.escalate_after_reopens) {
          await escalateWithin(after, at, reply(cfg, 'desk_reopen_escalation', varsFor(after, { kali: after.reopenCount })), 'reopened');
        }
        return (await store.tickets.get(before.id))!;
      });
    },

    /** A staff member's message to the citizen ("Balasan dari DLH: …"). Staff identity stays on the event, not in the message. */
    async staffReply(idOrNumber: number | string, actor: Actor, text: string, photoPath?: string,
      source?: { channel: string; messageId: string }): Promise<Ticket> {
      return await store.transaction(async () => {
        const at = now();
        const t = await mustGet(idOrNumber);
        // The same staff message delivered again (a webhook retried to another instance) is relayed once.
        if (source && !(await store.messages.recordInbound({
          channel: source.channel, externalId: source.messageId, citizenId: null, direction: 'in', text: null, payload: { staffReply: t.id }, createdAt: at,
        }))) return t;
        if (['ditutup', 'ditolak', 'dibatalkan'].includes(t.state)) {
          throw new TicketError('closed', `Ticket ${t.number} is "${t.state}"; replies to the citizen are closed`);
        }
        await store.tickets.addEvent({ ticketId: t.id, at, action: 'balas', fromState: t.state, toState: t.state, actor, note: text, data: photoPath ? { photo: photoPath } : null });
        // Addressed to the reporter only: supporters never see what staff write to the reporter.
        const vars = varsFor(t, { pesan: text });
        await notifyCitizens(t, { text: reply(config(), 'update_reply', vars), update: { key: 'update_reply', vars }, ...(photoPath ? { photoPath } : {}) }, at);
        return store.tickets.update(t.id, { updatedAt: at });
      });
    },

    /** A citizen's message about an open ticket, relayed to the card's thread at the desk. */
    async citizenNote(ticket: Ticket, citizenId: number, text: string | undefined, photoPath: string | undefined): Promise<void> {
      await store.transaction(async () => {
        const at = now();
        await store.tickets.addEvent({
          ticketId: ticket.id, at, action: 'pesan_warga', fromState: ticket.state, toState: ticket.state,
          actor: { type: 'citizen', id: String(citizenId) }, note: text ?? null, data: photoPath ? { photo: photoPath } : null,
        });
        if (photoPath) await store.tickets.addMedia(ticket.id, { path: photoPath, kind: 'photo', source: 'citizen', addedAt: at });
        await enqueueDesk(ticket.agency, { type: 'citizen_reply', ticketId: ticket.id, ...(text ? { text } : {}), ...(photoPath ? { photoPath } : {}) }, ticket.id, at);
      });
    },

    /**
     * Adds a supporter to an open, non-confidential ticket. The conversation offers
     * it first (only then is a citizen's "dukung" accepted); the checks here hold
     * for every caller.
     */
    async support(ticketId: number, citizenId: number): Promise<SupportResult> {
      return await store.transaction(async () => {
        const at = now();
        const t = await store.tickets.get(ticketId);
        if (!t) return 'not_found';
        if (t.confidential) return 'confidential';
        if (!OPEN_STATES.includes(t.state)) return 'not_open';
        if (t.citizenId === citizenId) return 'already';
        if (!(await store.tickets.addSupporter(t.id, citizenId, at))) return 'already';
        await store.tickets.addEvent({
          ticketId: t.id, at, action: 'dukung', fromState: t.state, toState: t.state,
          actor: { type: 'citizen', id: String(citizenId) }, note: null, data: { supporters: (await store.tickets.supporters(t.id)).length },
        });
        await store.tickets.update(t.id, { updatedAt: at });
        await enqueueDesk(t.agency, { type: 'card', ticketId: t.id }, t.id, at);
        return 'supported';
      });
    },

    /** The reporter adds the place of an already filed ticket (an emergency filed at once): stored, and the desk card refreshed. */
    async citizenDetails(ticketId: number, citizenId: number, details: { location: { text: string; kelurahan?: string; kecamatan?: string; rt?: string; rw?: string; latitude?: number; longitude?: number } }): Promise<Ticket> {
      return await store.transaction(async () => {
        const at = now();
        const t = await mustGet(ticketId);
        const l = details.location;
        const patch: TicketPatch = {
          locationText: l.text, updatedAt: at,
          ...(l.kelurahan ? { kelurahan: l.kelurahan } : {}), ...(l.kecamatan ? { kecamatan: l.kecamatan } : {}),
          ...(l.rt ? { rt: l.rt } : {}), ...(l.rw ? { rw: l.rw } : {}),
          ...(l.latitude !== undefined && l.longitude !== undefined ? { latitude: l.latitude, longitude: l.longitude } : {}),
        };
        await store.tickets.addEvent({
          ticketId: t.id, at, action: 'pesan_warga', fromState: t.state, toState: t.state,
          actor: { type: 'citizen', id: String(citizenId) }, note: `Lokasi: ${l.text}`, data: { location: l },
        });
        const after = await store.tickets.update(t.id, patch);
        await enqueueDesk(t.agency, { type: 'card', ticketId: t.id }, t.id, at);
        await enqueueDesk(t.agency, { type: 'citizen_reply', ticketId: t.id, text: `Lokasi: ${l.text}` }, t.id, at);
        return after;
      });
    },

    async rate(ticketId: number, rating: number | null, comment: string | null, actor: Actor): Promise<Ticket> {
      return await store.transaction(async () => {
        const at = now();
        const t = await mustGet(ticketId);
        const patch: TicketPatch = {};
        if (rating !== null) patch.rating = Math.max(1, Math.min(5, Math.round(rating)));
        if (comment !== null) patch.ratingComment = comment.slice(0, 1000);
        await store.tickets.addEvent({ ticketId: t.id, at, action: 'nilai', fromState: t.state, toState: t.state, actor, note: comment, data: rating !== null ? { rating } : null });
        return store.tickets.update(t.id, patch);
      });
    },

    /** Raises the escalation level and tells the command centre desk (and the agency desk when it is another one). */
    async escalate(ticketId: number, text: string, reason: string): Promise<Ticket> {
      return await store.transaction(async () => {
        const t = await mustGet(ticketId);
        return escalateWithin(t, now(), text, reason);
      });
    },

    /** A desk notice (reminders), outside any ticket change. */
    async notifyDesk(agency: string, text: string, ticketId?: number): Promise<void> {
      await store.transaction(() => enqueueDesk(agency, { type: 'notice', text, ...(ticketId ? { ticketId } : {}) }, ticketId ?? null, now()));
    },

    /** Updates the service-level marker without emitting an event. */
    async markSlaNotice(ticketId: number, notice: string): Promise<void> {
      await store.tickets.update(ticketId, { slaNotice: notice });
    },
  };

  async function escalateWithin(t: Ticket, at: string, text: string, reason: string): Promise<Ticket> {
    const level = t.escalationLevel + 1;
    await store.tickets.addEvent({
      ticketId: t.id, at, action: 'eskalasi', fromState: t.state, toState: t.state, actor: { type: 'system' }, note: text, data: { level, reason },
    });
    const after = await store.tickets.update(t.id, { escalationLevel: level });
    const triage = config().city.triage_agency;
    await enqueueDesk(triage, { type: 'notice', text, ticketId: t.id }, t.id, at);
    if (t.agency !== triage) await enqueueDesk(t.agency, { type: 'notice', text, ticketId: t.id }, t.id, at);
    return after;
  }
}

export type TicketService = ReturnType<typeof createTicketService>;
