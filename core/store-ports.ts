/**
 * Store ports: what the core persists, one repository per table group.
 * Every method returns a promise: the same port is implemented on SQLite
 * (store/sqlite/, embedded, one instance) and PostgreSQL (store/postgres/,
 * several instances). A use case calls
 * `await store.transaction(async () => { ... })` and every write awaited
 * inside either lands together or not at all, which is what lets a status
 * change and its outbox rows commit atomically. Re-exported by core/ports.ts.
 */
import type { ChannelId, DeliveryReport, DeskPayload, OutboundMessage, Sender } from './ports.js';
import type {
  Ticket,
  TicketEvent,
  TicketState,
  TicketMedia,
  NewTicket,
  NewTicketEvent,
  TicketFilter,
  TicketPatch,
} from './tickets/types.js';

export interface Citizen {
  id: number;
  channel: ChannelId;
  address: string;
  displayName: string | null;
  phone: string | null;
  /** Citizen said STOP: no status updates until they resume. */
  muted: boolean;
  createdAt: string;
}

export interface CitizenRepo {
  /** Find by address or any alias on the channel, creating the citizen when new; records new aliases. */
  resolve(channel: ChannelId, sender: Sender, now: Date): Promise<Citizen>;
  get(id: number): Promise<Citizen | undefined>;
  findByAddress(channel: ChannelId, address: string): Promise<Citizen | undefined>;
  setMuted(id: number, muted: boolean): Promise<void>;
}

export interface ConversationRecord {
  citizenId: number;
  channel: ChannelId;
  state: string;
  data: unknown;
  updatedAt: string;
}

export interface ConversationRepo {
  /**
   * The citizen's conversation on a channel. Inside a transaction it is held until that commits: a turn for
   * the same citizen on another instance waits here and then reads what this one saved, so two messages
   * sent at once (behind a load balancer, to two instances) never both answer the same question.
   */
  get(citizenId: number, channel: ChannelId): Promise<ConversationRecord | undefined>;
  save(record: ConversationRecord): Promise<void>;
}

export interface MessageRecord {
  channel: ChannelId;
  externalId: string | null;
  citizenId: number | null;
  direction: 'in' | 'out';
  text: string | null;
  payload: unknown;
  createdAt: string;
}

export interface MessageRepo {
  /** Records an inbound message; returns false when (channel, externalId) was already recorded. */
  recordInbound(record: MessageRecord): Promise<boolean>;
  hasInbound(channel: ChannelId, externalId: string): Promise<boolean>;
  recordOutbound(record: MessageRecord): Promise<void>;
  countInbound(): Promise<number>;
  /** When the citizen last wrote on the channel (ISO), for channels with a free-text window. */
  lastInboundAt(channel: ChannelId, citizenId: number): Promise<string | undefined>;
}

export interface TicketRepo {
  /** Next ticket number in the sequence for the prefix; numbers are never reused. */
  nextNumber(prefix: string): Promise<string>;
  insert(ticket: NewTicket): Promise<Ticket>;
  get(id: number): Promise<Ticket | undefined>;
  getByNumber(number: string): Promise<Ticket | undefined>;
  update(id: number, patch: TicketPatch): Promise<Ticket>;
  list(filter: TicketFilter): Promise<Ticket[]>;
  addEvent(event: NewTicketEvent): Promise<TicketEvent>;
  events(ticketId: number): Promise<TicketEvent[]>;
  addMedia(ticketId: number, media: Omit<TicketMedia, 'id' | 'ticketId'>): Promise<TicketMedia>;
  media(ticketId: number): Promise<TicketMedia[]>;
  addSupporter(ticketId: number, citizenId: number, at: string): Promise<boolean>;
  supporters(ticketId: number): Promise<number[]>;
  /**
   * Open tickets of a category created since `since` (newest first, at most
   * 300) that may be at the place asked about: indexed under one of its terms,
   * or with a pin inside its box. Found through the place index, so the cost
   * follows the tickets at that place, not all open tickets.
   */
  openSimilar(category: string, since: string, near: PlaceQuery): Promise<DuplicateCandidate[]>;
  /**
   * Puts up to `limit` open or resolved tickets that are not in the place
   * index (filed before it existed) into it; returns how many (0: none left).
   * insert() and every update() of locationText keep the index themselves,
   * with the terms of core/routing/duplicates.ts placeTerms.
   */
  indexPlaces(limit: number): Promise<number>;
  countByState(): Promise<Record<TicketState, number>>;
}

/** What a duplicate lookup asks for: tickets under any of these place terms, or pinned inside the box. */
export interface PlaceQuery {
  terms: readonly string[];
  box?: { south: number; north: number; west: number; east: number };
}

/** Just enough of an open ticket to decide whether a new complaint is the same problem. */
export interface DuplicateCandidate {
  id: number;
  citizenId: number;
  locationText: string | null;
  kelurahan: string | null;
  latitude: number | null;
  longitude: number | null;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'uncertain';

export type OutboxTarget =
  | { kind: 'citizen'; channel: ChannelId; message: OutboundMessage }
  | { kind: 'desk'; agency: string; payload: DeskPayload };

export interface OutboxRow {
  id: number;
  target: OutboxTarget;
  /** Ordering key: rows with the same key are delivered strictly in id order. */
  recipientKey: string;
  ticketId: number | null;
  citizenId: number | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /** Why a pending row is held until something changes (no template outside the window); shown to admins. */
  waitingReason?: string | null;
  /** The channel said the window is closed: send this row as a template. */
  templateRequired?: boolean;
  /** Latest delivery report: sent, delivered, read or failed (with the channel's code and title). */
  delivery?: { status: DeliveryReport['status']; at: string; errorCode: string | null; errorTitle: string | null } | null;
}

export interface NewOutboxRow {
  target: OutboxTarget;
  ticketId?: number | null;
  citizenId?: number | null;
  createdAt: string;
}

export interface OutboxRepo {
  enqueue(row: NewOutboxRow): Promise<number>;
  /**
   * Claims up to `limit` due rows, at most one per recipient and only the oldest
   * unsent row of each recipient (per-recipient order), marking them 'sending'.
   */
  claimDue(now: string, limit: number, channels?: readonly string[], skipRecipients?: readonly string[]): Promise<OutboxRow[]>;
  /**
   * Marks a row sent; with `sentMessage` (a citizen message) also records it in
   * the conversation log, both or neither (one statement on PostgreSQL, so the
   * busiest write of the pipeline costs one round trip, not four).
   */
  markSent(id: number, at: string, externalId?: string, sentMessage?: MessageRecord): Promise<void>;
  /** Back to pending until nextAttemptAt. `throttled`: the remote asked us to slow down (429); not counted as an attempt. */
  markRetry(id: number, nextAttemptAt: string, error: string, opts?: { throttled?: boolean }): Promise<void>;
  markFinal(id: number, status: 'failed' | 'skipped', error: string): Promise<void>;
  /**
   * Rows left 'sending' by a process that is gone (crash, kill). Desk cards go out again at once (a card is
   * edited in place, so a second send shows the same card); every other row may have gone out, so it becomes
   * 'uncertain' and is never resent. Rows a live instance is sending are left alone. Returns how many.
   */
  recoverInterrupted(now: string, channels?: readonly string[]): Promise<number>;
  /** A channel works again: its rows waiting out a backoff become due now. Returns how many. */
  expedite(channel: string, now: string): Promise<number>;
  /** Holds a pending row until released (no attempt counted); the reason is shown to admins. */
  markWaiting(id: number, reason: string): Promise<void>;
  /** Waiting rows of one citizen address on a channel (or of everyone) become due now. Returns how many. */
  releaseWaiting(now: string, recipient?: { channel: ChannelId; address: string }): Promise<number>;
  /** Back to pending, due now, to be sent as a template (the channel said the window is closed). */
  requireTemplate(id: number, now: string, error: string): Promise<void>;
  /**
   * Records a delivery report on the row whose message has this external id. A report never
   * moves a row back (read stays read when a late 'delivered' arrives). Returns the row, if any.
   */
  recordDelivery(report: DeliveryReport): Promise<OutboxRow | undefined>;
  /** Rows held by markWaiting, oldest first. */
  listWaiting(limit: number): Promise<OutboxRow[]>;
  get(id: number): Promise<OutboxRow | undefined>;
  list(filter: { status?: OutboxStatus; ticketId?: number; limit?: number }): Promise<OutboxRow[]>;
  counts(): Promise<Record<OutboxStatus, number>>;
}

export interface TrustedReporter {
  id: number;
  channel: ChannelId;
  address: string;
  name: string;
  rt: string | null;
  rw: string | null;
  kelurahan: string | null;
  kecamatan: string | null;
}

export interface TrustedReporterRepo {
  add(reporter: Omit<TrustedReporter, 'id'>): Promise<TrustedReporter>;
  find(channel: ChannelId, address: string): Promise<TrustedReporter | undefined>;
  list(): Promise<TrustedReporter[]>;
  remove(id: number): Promise<boolean>;
}

export interface PromptVersion {
  id: number;
  appliedAt: string;
  author: string | null;
  hash: string;
  /** File name → file text, for every file in prompts/. */
  files: Record<string, string>;
  diff: string;
}

export interface PromptVersionRepo {
  latest(): Promise<PromptVersion | undefined>;
  get(id: number): Promise<PromptVersion | undefined>;
  list(limit: number): Promise<Omit<PromptVersion, 'files'>[]>;
  insert(v: Omit<PromptVersion, 'id'>): Promise<PromptVersion>;
}

/** Everything the core persists. */
export interface Store {
  /**
   * Runs fn as one transaction: every repository call awaited inside it joins
   * it, and it commits when fn resolves or rolls back when fn throws. A call
   * made inside fn joins the outer transaction (a nested call is a savepoint).
   * Nothing slow (network, a classifier) belongs inside: on SQLite other
   * writers wait for it. fn may run more than once: a database may abort a
   * transaction that crossed another instance's (a deadlock) and the store
   * then runs it again, so fn has no effect outside the store.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  readonly citizens: CitizenRepo;
  readonly conversations: ConversationRepo;
  readonly messages: MessageRepo;
  readonly tickets: TicketRepo;
  readonly outbox: OutboxRepo;
  readonly trustedReporters: TrustedReporterRepo;
  readonly promptVersions: PromptVersionRepo;
  close(): Promise<void>;
}
