/**
 * The ticket lifecycle (docs/architecture.md) as data: which action may move a
 * ticket from which state to which. Anything not listed is refused.
 */
import type { TicketState } from './types.js';

export const TICKET_ACTIONS = {
  /** Triage (or a rule) sends a ticket to an agency. */
  teruskan: { from: ['baru'], to: 'diteruskan' },
  /** A staff member takes it. */
  ambil: { from: ['diteruskan'], to: 'diproses' },
  /** A progress note; takes the ticket first if nobody has. */
  proses: { from: ['diteruskan', 'diproses'], to: 'diproses' },
  selesaikan: { from: ['diproses'], to: 'selesai' },
  tolak: { from: ['baru', 'diteruskan', 'diproses'], to: 'ditolak' },
  /** Move to another agency; it waits to be taken again. */
  alihkan: { from: ['baru', 'diteruskan', 'diproses'], to: 'diteruskan' },
  /** The citizen says "belum beres". */
  buka_kembali: { from: ['selesai'], to: 'diproses' },
  tutup: { from: ['selesai'], to: 'ditutup' },
  batalkan: { from: ['baru', 'diteruskan', 'diproses'], to: 'dibatalkan' },
} as const satisfies Record<string, { from: readonly TicketState[]; to: TicketState }>;

export type TicketAction = keyof typeof TICKET_ACTIONS;

/** Raised for a transition the lifecycle does not allow; the message says what is allowed instead. */
export class IllegalTransitionError extends Error {
  constructor(readonly ticketNumber: string, readonly action: string, readonly state: TicketState) {
    const allowed = Object.entries(TICKET_ACTIONS)
      .filter(([, t]) => (t.from as readonly string[]).includes(state)).map(([a]) => a);
    super(`Ticket ${ticketNumber} is "${state}": action "${action}" is not allowed. Allowed now: ${allowed.join(', ') || 'none (the ticket is final)'}`);
    this.name = 'IllegalTransitionError';
  }
}

export function canApply(action: TicketAction, state: TicketState): boolean {
  return (TICKET_ACTIONS[action].from as readonly TicketState[]).includes(state);
}

export function nextState(number: string, action: TicketAction, state: TicketState): TicketState {
  if (!canApply(action, state)) throw new IllegalTransitionError(number, action, state);
  return TICKET_ACTIONS[action].to;
}
