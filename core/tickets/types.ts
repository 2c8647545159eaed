/**
 * Ticket domain types. States are the Indonesian labels citizens see
 * (docs/architecture.md): the same words appear in the database, the desk and the dashboard.
 */
export const TICKET_STATES = ['baru', 'diteruskan', 'diproses', 'selesai', 'ditutup', 'ditolak', 'dibatalkan'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

/** States in which an agency still owes the citizen something. */
export const OPEN_STATES: readonly TicketState[] = ['baru', 'diteruskan', 'diproses', 'selesai'];

export type ActorType = 'citizen' | 'staff' | 'admin' | 'system';

export interface Actor {
  type: ActorType;
  /** Staff Telegram id, admin user name, citizen id; absent for the system. */
  id?: string;
  /** Shown on the timeline (staff first name, "Admin budi"). Never a phone number. */
  name?: string;
}

export interface Ticket {
  id: number;
  number: string;
  citizenId: number;
  channel: string;
  category: string;
  agency: string;
  state: TicketState;
  description: string;
  locationText: string | null;
  kelurahan: string | null;
  kecamatan: string | null;
  rt: string | null;
  rw: string | null;
  latitude: number | null;
  longitude: number | null;
  confidence: number;
  emergency: boolean;
  /** Citizen asked to keep it confidential (rahasia): left out of public feeds. */
  confidential: boolean;
  /** Filed by a registered ketua RT. */
  trustedReporter: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  escalationLevel: number;
  reopenCount: number;
  rating: number | null;
  ratingComment: string | null;
  routeRule: string | null;
  createdAt: string;
  updatedAt: string;
  forwardedAt: string | null;
  takenAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** Last service-level notice sent ('take_reminder', 'take_overdue', ...), so clocks never repeat one. */
  slaNotice: string | null;
  /** When the citizen last reopened it ("belum beres"): the resolve clock restarts here (store migration 4). */
  reopenedAt?: string | null;
}

export type NewTicket = Pick<
  Ticket,
  | 'number' | 'citizenId' | 'channel' | 'category' | 'agency' | 'state' | 'description'
  | 'locationText' | 'kelurahan' | 'kecamatan' | 'rt' | 'rw' | 'latitude' | 'longitude'
  | 'confidence' | 'emergency' | 'confidential' | 'trustedReporter' | 'routeRule' | 'createdAt'
>;

export type TicketPatch = Partial<Omit<Ticket, 'id' | 'number' | 'citizenId' | 'createdAt'>>;

export interface TicketEvent {
  id: number;
  ticketId: number;
  at: string;
  action: string;
  fromState: TicketState | null;
  toState: TicketState | null;
  actor: Actor;
  note: string | null;
  data: Record<string, unknown> | null;
}

export type NewTicketEvent = Omit<TicketEvent, 'id'>;

export interface TicketMedia {
  id: number;
  ticketId: number;
  path: string;
  kind: 'photo';
  /** 'citizen' for evidence, 'staff' for proof of work. */
  source: 'citizen' | 'staff';
  addedAt: string;
}

export interface TicketFilter {
  states?: readonly TicketState[];
  agency?: string;
  category?: string;
  kecamatan?: string;
  citizenId?: number;
  since?: string;
  until?: string;
  limit?: number;
  offset?: number;
}
