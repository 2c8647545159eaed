/**
 * Telegram agency desks: which message shows a ticket's card in
 * which desk chat, which desk messages belong to a ticket's thread (so a
 * staff reply to a photo or a relayed citizen message still finds the ticket),
 * and staff inputs the bot is waiting for (closing note, rejection reason), so
 * a restart between the button and the answer loses nothing. Version 2 (web uses 3, SLA 4).
 */
import type { Migration } from '../migrations.js';

export const DESK_CARDS_MIGRATION: Migration = {
  version: 2,
  name: 'telegram desk cards, threads and pending staff inputs',
  sql: `
    CREATE TABLE desk_cards (
      ticket_id INTEGER NOT NULL REFERENCES tickets(id),
      chat_id TEXT NOT NULL,
      message_id INTEGER NOT NULL,
      agency TEXT NOT NULL,
      -- photos and map pin posted under the card (a retry must not post them twice)
      extras_sent INTEGER NOT NULL DEFAULT 0,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (ticket_id, chat_id)
    );
    CREATE TABLE desk_messages (
      chat_id TEXT NOT NULL,
      message_id INTEGER NOT NULL,
      ticket_id INTEGER NOT NULL REFERENCES tickets(id),
      PRIMARY KEY (chat_id, message_id)
    );
    CREATE TABLE desk_prompts (
      chat_id TEXT NOT NULL,
      message_id INTEGER NOT NULL,
      ticket_id INTEGER NOT NULL REFERENCES tickets(id),
      action TEXT NOT NULL,
      user_id TEXT NOT NULL,
      photo_path TEXT,
      created_at TEXT NOT NULL,
      PRIMARY KEY (chat_id, message_id)
    );
  `,
};
