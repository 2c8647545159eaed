/**
 * Ports: the small interfaces the core needs from the outside world.
 *
 * The core (tickets, conversation, routing, outbox) never imports a channel,
 * web or database library. Adapters in bots/, store/, web/ and adapters/
 * implement these interfaces and app/ wires them together. Keeping each
 * interface small is what lets tests swap a real component in (SQLite on disk,
 * a fake Telegram server) without touching the core.
 */
import type { Classification } from './nlu/types.js';

/** A channel citizens talk through. Ids are stable: they are stored in the database. */
export type ChannelId = 'console' | 'telegram' | 'whatsapp' | 'memory' | (string & {});

/** A place shared as a map pin, possibly with a name/address the app attached. */
export interface GeoPoint {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

/** Kinds of media a channel may deliver. Only photos are attached to tickets; the rest is politely refused. */
export type MediaKind = 'photo' | 'voice' | 'audio' | 'video' | 'sticker' | 'document' | 'contact' | 'other';

export interface InboundMedia {
  kind: MediaKind;
  /** Path under data/ where the adapter stored the file (photos only; size-limited by the adapter). */
  path?: string;
  mimeType?: string;
  bytes?: number;
  /** Set by the adapter when it refused the file (too big, download failed); the engine tells the citizen. */
  rejectedReason?: 'too_large' | 'download_failed';
}

/** Who sent a message, as the channel knows them. */
export interface Sender {
  /** Canonical address on this channel (Telegram chat id, WhatsApp `628…@c.us`, console user name). Replies go here. */
  address: string;
  /** Other addresses that are the same person on the same channel (a WhatsApp `@lid`); they resolve to one citizen. */
  aliases?: string[];
  displayName?: string;
  /** Phone number in E.164 digits when the channel knows it (WhatsApp). Never shown to staff. */
  phone?: string;
}

/** A citizen message normalised by a channel adapter. */
export interface InboundMessage {
  channel: ChannelId;
  /** The channel's own message id: (channel, externalId) is processed exactly once. */
  externalId: string;
  sender: Sender;
  text?: string;
  location?: GeoPoint;
  media?: InboundMedia;
  /** Id of a button the citizen pressed (Telegram inline keyboard); treated like typing the choice. */
  choice?: string;
  receivedAt?: Date;
}

/** A choice offered to a citizen: a button where the channel has them, a numbered line where it does not. */
export interface Choice {
  /** What the engine receives back when pressed (also accepted when typed). */
  id: string;
  label: string;
}

/**
 * The facts of a status update (which reply, with which values), kept with the
 * message so a channel that may not send free text at that moment (WhatsApp
 * outside its 24-hour window) can send a pre-approved template instead.
 */
export interface UpdateFacts {
  /** The reply name in prompts/replies.yaml, e.g. update_selesai. */
  key: string;
  vars: Record<string, string | number | null | undefined>;
}

/** A pre-approved message template (WhatsApp Business), already filled in by core/outbox/window.ts. */
export interface TemplateMessage {
  name: string;
  language: string;
  /** Body parameters {{1}}, {{2}}, … in order. */
  parameters: string[];
  /** Payloads of the template's quick-reply buttons, in order (the choices' ids). */
  buttonPayloads?: string[];
}

/** A message to one citizen. */
export interface OutboundMessage {
  /** Sender.address of the citizen on that channel. */
  to: string;
  text: string;
  choices?: Choice[];
  photoPath?: string;
  location?: GeoPoint;
  /** Set on status updates: lets the outbox fall back to a template (see UpdateFacts). */
  update?: UpdateFacts;
  /** Set by the outbox when the channel must send this template instead of the free text. */
  template?: TemplateMessage;
}

export interface SendResult {
  /** The channel's id for the sent message, when it has one. */
  externalId?: string;
}

/**
 * Thrown by Channel.send / DeskChannel.deliver when the failure is worth retrying later
 * (network down, 429, 5xx). Any other error is treated as permanent for that message.
 */
export class TransientSendError extends Error {
  constructor(
    message: string,
    /** Milliseconds the remote asked us to wait (Telegram's retry_after), if it said. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransientSendError';
  }
}

/**
 * Thrown by Channel.send when the channel refused free text because the
 * citizen's window for it has closed (WhatsApp 131047): the outbox sends the
 * update again as a template.
 */
export class WindowClosedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WindowClosedError';
  }
}

/** What a channel reports later about a message it sent (WhatsApp status webhooks), in any order. */
export interface DeliveryReport {
  channel: ChannelId;
  /** SendResult.externalId of the message. */
  externalId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  at: string;
  /** For 'failed': the channel's code and title, and what the outbox should do about it. */
  error?: { code: string; title: string; action: 'template' | 'retry' | 'final' };
}

/**
 * Thrown by the InboundHandler when a message could not be stored (database
 * locked, disk full). The channel adapter must not acknowledge the message, so
 * the channel delivers it again later; nothing was recorded or answered.
 */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

export interface ChannelHealth {
  channel: ChannelId;
  enabled: boolean;
  connected: boolean;
  lastError?: string;
  /** Extra facts for the command centre (e.g. whatsapp: { qr: '...' } while not linked). */
  details?: Record<string, unknown>;
}

/** Handler the composition root gives each channel for inbound citizen messages. */
export type InboundHandler = (message: InboundMessage) => Promise<void>;

/** A citizen channel (console, Telegram private chats, WhatsApp). */
export interface Channel {
  readonly id: ChannelId;
  /**
   * Free text is allowed only this long after the citizen's last message
   * (WhatsApp Business: 24 h); later, status updates go as templates. Unset: no window.
   */
  readonly freeFormWindowMs?: number;
  start(onMessage: InboundHandler): Promise<void>;
  /** Deliver one message. Throw TransientSendError to have the outbox retry it. */
  send(message: OutboundMessage): Promise<SendResult>;
  stop(): Promise<void>;
  health(): ChannelHealth;
}

/** What the outbox asks an agency desk (Telegram group) to show. */
export type DeskPayload =
  /** Post the ticket card, or edit it in place if this desk already shows it. */
  | { type: 'card'; ticketId: number }
  /** A citizen's message about a ticket, relayed into the card's thread. */
  | { type: 'citizen_reply'; ticketId: number; text?: string; photoPath?: string }
  /** A plain notice to the desk (reminders, escalations, configuration errors). */
  | { type: 'notice'; text: string; ticketId?: number };

/** An agency's desk (a Telegram group). Recipient is the agency code. */
export interface DeskChannel {
  readonly id: 'desk';
  deliver(agency: string, payload: DeskPayload): Promise<SendResult>;
  health(): ChannelHealth;
}

/** Clock port so service levels, timeouts and retries are testable without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Offline or LLM classifier. */
export interface Classifier {
  classify(text: string): Promise<Classification>;
}

/** Structured logging the core may use (pino satisfies it). */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

// The store's repositories live in their own file; importers keep using this one.
export * from './store-ports.js';
