/**
 * Store ports: what the core persists, one repository per table group.
 * Implementations are synchronous and transactional (SQLite is the reference):
 * a use case calls store.transaction(() => ...) and every write inside either
 * lands together or not at all, which is what lets a status change and its
 * outbox rows commit atomically. Re-exported by core/ports.ts.
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
  resolve(channel: ChannelId, sender: Sender, now: Date): Citizen;
  get(id: number): Citizen | undefined;
  findByAddress(channel: ChannelId, address: string): Citizen | undefined;
  setMuted(id: number, muted: boolean): void;
}

export interface ConversationRecord {
  citizenId: number;
  channel: ChannelId;
  state: string;
  data: unknown;
  updatedAt: string;
}

export interface ConversationRepo {
  get(citizenId: number, channel: ChannelId): ConversationRecord | undefined;
  save(record: ConversationRecord): void;
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
  recordInbound(record: MessageRecord): boolean;
  hasInbound(channel: ChannelId, externalId: string): boolean;
  recordOutbound(record: MessageRecord): void;
  countInbound(): number;
  /** When the citizen last wrote on the channel (ISO), for channels with a free-text window. */
  lastInboundAt(channel: ChannelId, citizenId: number): string | undefined;
}

export interface TicketRepo {
  /** Next ticket number in the sequence for the prefix; numbers are never reused. */
  nextNumber(prefix: string): string;
  insert(ticket: NewTicket): Ticket;
  get(id: number): Ticket | undefined;
  getByNumber(number: string): Ticket | undefined;
  update(id: number, patch: TicketPatch): Ticket;
  list(filter: TicketFilter): Ticket[];
  addEvent(event: NewTicketEvent): TicketEvent;
  events(ticketId: number): TicketEvent[];
  addMedia(ticketId: number, media: Omit<TicketMedia, 'id' | 'ticketId'>): TicketMedia;
  media(ticketId: number): TicketMedia[];
  addSupporter(ticketId: number, citizenId: number, at: string): boolean;
  supporters(ticketId: number): number[];
  /** Where open tickets of a category created since `since` are (newest first), for duplicate detection. */
  openSimilar(category: string, since: string): DuplicateCandidate[];
  countByState(): Record<TicketState, number>;
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
  enqueue(row: NewOutboxRow): number;
  /**
   * Claims up to `limit` due rows, at most one per recipient and only the oldest
   * unsent row of each recipient (per-recipient order), marking them 'sending'.
   */
  claimDue(now: string, limit: number, channels?: readonly string[], skipRecipients?: readonly string[]): OutboxRow[];
  markSent(id: number, at: string, externalId?: string): void;
  /** Back to pending until nextAttemptAt. `throttled`: the remote asked us to slow down (429); not counted as an attempt. */
  markRetry(id: number, nextAttemptAt: string, error: string, opts?: { throttled?: boolean }): void;
  markFinal(id: number, status: 'failed' | 'skipped', error: string): void;
  /** Rows left 'sending' by a crash: we cannot know whether they went out, so they become 'uncertain'. */
  recoverInterrupted(now: string, channels?: readonly string[]): number;
  /** A channel works again: its rows waiting out a backoff become due now. Returns how many. */
  expedite(channel: string, now: string): number;
  /** Holds a pending row until released (no attempt counted); the reason is shown to admins. */
  markWaiting(id: number, reason: string): void;
  /** Waiting rows of one citizen address on a channel (or of everyone) become due now. Returns how many. */
  releaseWaiting(now: string, recipient?: { channel: ChannelId; address: string }): number;
  /** Back to pending, due now, to be sent as a template (the channel said the window is closed). */
  requireTemplate(id: number, now: string, error: string): void;
  /**
   * Records a delivery report on the row whose message has this external id. A report never
   * moves a row back (read stays read when a late 'delivered' arrives). Returns the row, if any.
   */
  recordDelivery(report: DeliveryReport): OutboxRow | undefined;
  /** Rows held by markWaiting, oldest first. */
  listWaiting(limit: number): OutboxRow[];
  get(id: number): OutboxRow | undefined;
  list(filter: { status?: OutboxStatus; ticketId?: number; limit?: number }): OutboxRow[];
  counts(): Record<OutboxStatus, number>;
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
  add(reporter: Omit<TrustedReporter, 'id'>): TrustedReporter;
  find(channel: ChannelId, address: string): TrustedReporter | undefined;
  list(): TrustedReporter[];
  remove(id: number): boolean;
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
  latest(): PromptVersion | undefined;
  get(id: number): PromptVersion | undefined;
  list(limit: number): Omit<PromptVersion, 'files'>[];
  insert(v: Omit<PromptVersion, 'id'>): PromptVersion;
}

/** Desk links made with /hubungkan, stored so they survive restarts. */
export interface DeskLink {
  agency: string;
  chatId: string;
  linkedBy: string | null;
  linkedAt: string;
}

export interface DeskLinkRepo {
  link(link: DeskLink): void;
  unlink(chatId: string): boolean;
  byAgency(agency: string): DeskLink[];
  byChat(chatId: string): DeskLink | undefined;
  migrateChat(oldChatId: string, newChatId: string): void;
  list(): DeskLink[];
}

/** Where a desk chat shows a ticket's card (Telegram message id), so updates edit it in place. */
export interface DeskCard {
  ticketId: number;
  chatId: string;
  messageId: number;
  /** Agency the card was posted for: a card left in another agency's desk after a reassignment says so. */
  agency: string;
  /** Photos and map pin were posted under the card (a retried delivery must not repost them). */
  extrasSent: boolean;
  updatedAt: string;
}

/** A staff input the desk is waiting for (closing note, rejection reason), kept so a restart loses nothing. */
export interface DeskPrompt {
  chatId: string;
  /** The prompt message staff answer by replying to it. */
  messageId: number;
  ticketId: number;
  action: string;
  /** Telegram user id of the staff member who pressed the button. */
  userId: string;
  /** Proof photo already received while the note is still missing. */
  photoPath: string | null;
  createdAt: string;
}

/** Desk cards, the messages of each ticket's thread at a desk, and pending staff inputs (Telegram desks). */
export interface DeskCardRepo {
  get(ticketId: number, chatId: string): DeskCard | undefined;
  forTicket(ticketId: number): DeskCard[];
  /** Inserts or replaces the card of (ticketId, chatId); also records its message in the thread. */
  save(card: DeskCard): void;
  remove(ticketId: number, chatId: string): void;
  /** Marks a desk message as part of a ticket's thread (a staff reply to it goes to that ticket's citizen). */
  addThreadMessage(chatId: string, messageId: number, ticketId: number): void;
  ticketOfMessage(chatId: string, messageId: number): number | undefined;
  addPrompt(prompt: DeskPrompt): void;
  getPrompt(chatId: string, messageId: number): DeskPrompt | undefined;
  setPromptPhoto(chatId: string, messageId: number, photoPath: string): void;
  removePrompt(chatId: string, messageId: number): void;
  /** A group became a supergroup: its cards, threads and prompts move to the new chat id. */
  migrateChat(oldChatId: string, newChatId: string): void;
}

/** Everything the core persists. */
export interface Store {
  transaction<T>(fn: () => T): T;
  readonly citizens: CitizenRepo;
  readonly conversations: ConversationRepo;
  readonly messages: MessageRepo;
  readonly tickets: TicketRepo;
  readonly outbox: OutboxRepo;
  readonly trustedReporters: TrustedReporterRepo;
  readonly promptVersions: PromptVersionRepo;
  readonly deskLinks: DeskLinkRepo;
  close(): void;
}
