/**
 * The Telegram desks' own storage ports: desk links made with /hubungkan and
 * the cards, threads and pending staff inputs of each desk chat. Only the
 * Telegram adapter uses them, so they live here (as web/ports.ts does for the
 * command centre); store/ implements them and app/channels.ts wires them.
 * TelegramHost is what the adapter needs of the running service: the app
 * (app/build.ts) satisfies it, so the adapter never imports the layer above.
 */
import type { PromptConfig } from '../../core/config/schema.js';
import type { Clock, Logger, Store } from '../../core/ports.js';
import type { TicketService } from '../../core/tickets/service.js';

/** The settings the Telegram adapter reads (from the environment, app/config.ts). */
export interface TelegramSettings {
  TELEGRAM_BOT_TOKEN?: string | undefined;
  TELEGRAM_API_ROOT: string;
  /** Telegram user ids allowed to link desk groups and act on any ticket. */
  TELEGRAM_ADMIN_IDS: readonly string[];
  TELEGRAM_MAX_PHOTO_BYTES: number;
  TELEGRAM_WEBHOOK_URL?: string | undefined;
  TELEGRAM_WEBHOOK_SECRET?: string | undefined;
  MEDIA_DIR: string;
}

/** What the Telegram adapter uses of the service it runs in. */
export interface TelegramHost {
  readonly config: TelegramSettings;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly store: Pick<Store, 'tickets' | 'citizens' | 'transaction'>;
  readonly prompts: { current(): PromptConfig };
  readonly tickets: Pick<TicketService, 'act' | 'staffReply'>;
  /** The outbox worker: kick() sends what a staff action queued without waiting for the next poll. */
  readonly worker: { kick(): void };
}

/** Desk links made with /hubungkan, stored so they survive restarts. */
export interface DeskLink {
  agency: string;
  chatId: string;
  linkedBy: string | null;
  linkedAt: string;
}

export interface DeskLinkRepo {
  link(link: DeskLink): Promise<void>;
  unlink(chatId: string): Promise<boolean>;
  byAgency(agency: string): Promise<DeskLink[]>;
  byChat(chatId: string): Promise<DeskLink | undefined>;
  migrateChat(oldChatId: string, newChatId: string): Promise<void>;
  list(): Promise<DeskLink[]>;
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
  get(ticketId: number, chatId: string): Promise<DeskCard | undefined>;
  forTicket(ticketId: number): Promise<DeskCard[]>;
  /** Inserts or replaces the card of (ticketId, chatId); also records its message in the thread. */
  save(card: DeskCard): Promise<void>;
  remove(ticketId: number, chatId: string): Promise<void>;
  /** Marks a desk message as part of a ticket's thread (a staff reply to it goes to that ticket's citizen). */
  addThreadMessage(chatId: string, messageId: number, ticketId: number): Promise<void>;
  ticketOfMessage(chatId: string, messageId: number): Promise<number | undefined>;
  addPrompt(prompt: DeskPrompt): Promise<void>;
  getPrompt(chatId: string, messageId: number): Promise<DeskPrompt | undefined>;
  setPromptPhoto(chatId: string, messageId: number, photoPath: string): Promise<void>;
  removePrompt(chatId: string, messageId: number): Promise<void>;
  /** A group became a supergroup: its cards, threads and prompts move to the new chat id. */
  migrateChat(oldChatId: string, newChatId: string): Promise<void>;
}

/** Both desk stores, built once by the composition root. */
export interface DeskStores {
  cards: DeskCardRepo;
  links: DeskLinkRepo;
}
