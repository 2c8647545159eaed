/**
 * Telegram desk cards, thread messages, pending staff inputs and desk links
 * on PostgreSQL; the same semantics as store/sqlite/desk-cards.ts. SQLite's
 * INSERT/UPDATE OR REPLACE become upserts, and a delete of the rows an update
 * would collide with.
 */
import type { DeskCardRow, DeskLinkRow, DeskPromptRow } from '../sqlite/desk-cards.js';
import type { DeskCardStore, DeskLinkStore } from '../types.js';
import type { Sql } from './database.js';

type CardRow = { ticket_id: number; chat_id: string; message_id: number; agency: string; extras_sent: boolean; updated_at: string };
type PromptRow = { chat_id: string; message_id: number; ticket_id: number; action: string; user_id: string; photo_path: string | null; created_at: string };

const toCard = (r: CardRow): DeskCardRow => ({
  ticketId: r.ticket_id, chatId: r.chat_id, messageId: r.message_id, agency: r.agency, extrasSent: r.extras_sent, updatedAt: r.updated_at,
});
const toPrompt = (r: PromptRow): DeskPromptRow => ({
  chatId: r.chat_id, messageId: r.message_id, ticketId: r.ticket_id, action: r.action, userId: r.user_id, photoPath: r.photo_path, createdAt: r.created_at,
});

const ADD_THREAD = `INSERT INTO desk_messages (chat_id, message_id, ticket_id) VALUES ($1, $2, $3)
  ON CONFLICT (chat_id, message_id) DO UPDATE SET ticket_id = excluded.ticket_id`;

export function createDeskCardRepo(sql: Sql): DeskCardStore {
  return {
    async get(ticketId, chatId) {
      const r = await sql.row<CardRow>('SELECT * FROM desk_cards WHERE ticket_id = $1 AND chat_id = $2', [ticketId, chatId]);
      return r ? toCard(r) : undefined;
    },
    forTicket: async (ticketId) => (await sql.rows<CardRow>('SELECT * FROM desk_cards WHERE ticket_id = $1 ORDER BY chat_id', [ticketId])).map(toCard),
    save: (c) => sql.transaction(async () => {
      await sql.run(`INSERT INTO desk_cards (ticket_id, chat_id, message_id, agency, extras_sent, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (ticket_id, chat_id) DO UPDATE SET message_id = excluded.message_id, agency = excluded.agency,
          extras_sent = excluded.extras_sent, updated_at = excluded.updated_at`,
      [c.ticketId, c.chatId, c.messageId, c.agency, c.extrasSent, c.updatedAt]);
      await sql.run(ADD_THREAD, [c.chatId, c.messageId, c.ticketId]);
    }),
    remove: async (ticketId, chatId) => void await sql.run('DELETE FROM desk_cards WHERE ticket_id = $1 AND chat_id = $2', [ticketId, chatId]),
    addThreadMessage: async (chatId, messageId, ticketId) => void await sql.run(ADD_THREAD, [chatId, messageId, ticketId]),
    ticketOfMessage: async (chatId, messageId) =>
      (await sql.value<number>('SELECT ticket_id FROM desk_messages WHERE chat_id = $1 AND message_id = $2', [chatId, messageId])) ?? undefined,
    addPrompt: async (p) => void await sql.run(`INSERT INTO desk_prompts (chat_id, message_id, ticket_id, action, user_id, photo_path, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (chat_id, message_id) DO UPDATE SET ticket_id = excluded.ticket_id, action = excluded.action,
        user_id = excluded.user_id, photo_path = excluded.photo_path, created_at = excluded.created_at`,
    [p.chatId, p.messageId, p.ticketId, p.action, p.userId, p.photoPath, p.createdAt]),
    async getPrompt(chatId, messageId) {
      const r = await sql.row<PromptRow>('SELECT * FROM desk_prompts WHERE chat_id = $1 AND message_id = $2', [chatId, messageId]);
      return r ? toPrompt(r) : undefined;
    },
    setPromptPhoto: async (chatId, messageId, photoPath) =>
      void await sql.run('UPDATE desk_prompts SET photo_path = $1 WHERE chat_id = $2 AND message_id = $3', [photoPath, chatId, messageId]),
    removePrompt: async (chatId, messageId) => void await sql.run('DELETE FROM desk_prompts WHERE chat_id = $1 AND message_id = $2', [chatId, messageId]),
    // SQLite's UPDATE OR REPLACE: a row already under the new chat id with the same key gives way to the moved one.
    migrateChat: (oldChatId, newChatId) => sql.transaction(async () => {
      const args = [oldChatId, newChatId];
      await sql.run(`DELETE FROM desk_cards n WHERE n.chat_id = $2 AND $1 <> $2
        AND EXISTS (SELECT 1 FROM desk_cards o WHERE o.chat_id = $1 AND o.ticket_id = n.ticket_id)`, args);
      await sql.run('UPDATE desk_cards SET chat_id = $2 WHERE chat_id = $1', args);
      for (const table of ['desk_messages', 'desk_prompts']) {
        await sql.run(`DELETE FROM ${table} n WHERE n.chat_id = $2 AND $1 <> $2
          AND EXISTS (SELECT 1 FROM ${table} o WHERE o.chat_id = $1 AND o.message_id = n.message_id)`, args);
        await sql.run(`UPDATE ${table} SET chat_id = $2 WHERE chat_id = $1`, args);
      }
    }),
  };
}

export function createDeskLinkRepo(sql: Sql): DeskLinkStore {
  type Row = { chat_id: string; agency: string; linked_by: string | null; linked_at: string };
  const toLink = (r: Row): DeskLinkRow => ({ chatId: r.chat_id, agency: r.agency, linkedBy: r.linked_by, linkedAt: r.linked_at });
  return {
    link: async (l) => void await sql.run(`INSERT INTO desk_links (chat_id, agency, linked_by, linked_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (chat_id) DO UPDATE SET agency = excluded.agency, linked_by = excluded.linked_by, linked_at = excluded.linked_at`,
    [l.chatId, l.agency, l.linkedBy, l.linkedAt]),
    unlink: async (chatId) => (await sql.run('DELETE FROM desk_links WHERE chat_id = $1', [chatId])) === 1,
    byAgency: async (agency) => (await sql.rows<Row>('SELECT * FROM desk_links WHERE agency = $1 ORDER BY linked_at', [agency])).map(toLink),
    async byChat(chatId) {
      const r = await sql.row<Row>('SELECT * FROM desk_links WHERE chat_id = $1', [chatId]);
      return r ? toLink(r) : undefined;
    },
    migrateChat: async (oldId, newId) => void await sql.run('UPDATE desk_links SET chat_id = $1 WHERE chat_id = $2', [newId, oldId]),
    list: async () => (await sql.rows<Row>('SELECT * FROM desk_links ORDER BY agency')).map(toLink),
  };
}
