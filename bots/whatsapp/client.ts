/**
 * The small slice of whatsapp-web.js the adapter depends on.
 *
 * Why: the real `Client` drives a headless Chromium against web.whatsapp.com,
 * which tests (and this offline machine) cannot run. The adapter is written
 * against these interfaces only, so tests drive it with a fake client that emits
 * whatsapp-web.js-shaped messages, and real-client.ts is the single place that
 * touches the library's `Client` (one wrapper per outside library).
 *
 * Shapes follow node_modules/whatsapp-web.js/index.d.ts (1.34.x); only the
 * fields we read are listed, and most are optional because WhatsApp Web leaves
 * them out more often than the typings admit.
 */
import type { Location, MessageMedia } from 'whatsapp-web.js';

/** Events of the whatsapp-web.js Client that the adapter listens to. */
export interface WhatsAppClientEvents {
  /** A login QR string (the device is not linked yet); refreshed every ~20 s. */
  qr: (qr: string) => void;
  /** The session was accepted (restored from LocalAuth or after a scan). */
  authenticated: (session?: unknown) => void;
  /** The stored session was rejected; whatsapp-web.js destroys the client itself. */
  auth_failure: (message: string) => void;
  /** WhatsApp Web is loaded and messages flow. */
  ready: () => void;
  /** Logged out from the phone ("LOGOUT"), or a WAState such as CONFLICT, UNPAIRED, TOS_BLOCK. */
  disconnected: (reason: string) => void;
  /** A message received from someone else (not our own). */
  message: (message: WaMessage) => void;
}

export type WhatsAppEventName = keyof WhatsAppClientEvents;

/** What can be sent: text, a photo (MessageMedia) or a map pin (Location). */
export type WaContent = string | MessageMedia | Location;

export interface WaSendOptions {
  /** Caption for a media message. */
  caption?: string;
  /** Link previews make WhatsApp Web fetch the page; off for plain status updates. */
  linkPreview?: boolean;
}

/** The client the adapter drives. whatsapp-web.js's `Client` satisfies it. */
export interface WhatsAppClient {
  on<E extends WhatsAppEventName>(event: E, listener: WhatsAppClientEvents[E]): unknown;
  off<E extends WhatsAppEventName>(event: E, listener: WhatsAppClientEvents[E]): unknown;
  /** Launches the browser and loads WhatsApp Web; resolves once the page is set up (not when ready). */
  initialize(): Promise<void>;
  /** Closes the browser. Safe to call on a client whatsapp-web.js already destroyed. */
  destroy(): Promise<void>;
  sendMessage(chatId: string, content: WaContent, options?: WaSendOptions): Promise<{ id: { _serialized: string } }>;
  /** Maps `@lid` and `@c.us` ids to each other (whatsapp-web.js ≥ 1.31). */
  getContactLidAndPhone?(userIds: string[]): Promise<Array<{ lid?: string; pn?: string }>>;
  getContactById?(contactId: string): Promise<WaContact>;
}

/** Builds a fresh client. Called again after every failure: a destroyed whatsapp-web.js client cannot be reused. */
export type WhatsAppClientFactory = () => WhatsAppClient;

export interface WaMessageId {
  fromMe?: boolean;
  remote?: string;
  id?: string;
  _serialized: string;
}

export interface WaLocation {
  /** whatsapp-web.js types these as strings but passes WhatsApp's numbers through; accept both. */
  latitude: number | string;
  longitude: number | string;
  name?: string;
  address?: string;
  url?: string;
  description?: string;
}

export interface WaMedia {
  mimetype: string;
  /** Base64 file content. */
  data: string;
  filename?: string | null;
  filesize?: number | null;
}

export interface WaContact {
  id?: { server?: string; user?: string; _serialized: string };
  /** Phone digits when WhatsApp shares them; may be empty for @lid contacts. */
  number?: string | null;
  pushname?: string;
  name?: string;
}

/** A received message, as whatsapp-web.js's `Message` presents it. */
export interface WaMessage {
  id: WaMessageId;
  /** Chat the message came from: `628…@c.us`, `…@lid`, `…@g.us`, `status@broadcast`. */
  from: string;
  to?: string;
  /** Set in groups: who wrote it. */
  author?: string;
  fromMe: boolean;
  /** 'chat' | 'location' | 'image' | 'ptt' | 'audio' | 'video' | 'sticker' | 'document' | 'vcard' | … */
  type: string;
  /** Text; the caption for media; a base64 JPEG thumbnail for a location (never use it as text there). */
  body: string;
  hasMedia: boolean;
  isStatus?: boolean;
  broadcast?: boolean;
  /** Unix seconds. */
  timestamp?: number;
  location?: WaLocation;
  downloadMedia(): Promise<WaMedia | undefined | null>;
  getContact?(): Promise<WaContact>;
  /** Raw WhatsApp Web model: notifyName (push name), size and mimetype of media, comment/caption of a pin. */
  _data?: {
    notifyName?: string;
    size?: number;
    mimetype?: string;
    caption?: string;
    comment?: string;
    [key: string]: unknown;
  };
}
