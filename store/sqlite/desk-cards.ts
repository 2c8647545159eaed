/**
 * SQLite implementation of DeskCardRepo (migration 002): ticket cards shown
 * in Telegram desk chats, the messages of each ticket's thread, and pending
 * staff inputs.
 */

/** A desk link made with /hubungkan (the shape of the Telegram adapter's DeskLink). */
export interface DeskLinkRow { agency: string; chatId: string; linkedBy: string | null; linkedAt: string }
/** Where a desk chat shows a ticket's card (the shape of the Telegram adapter's DeskCard). */
export interface DeskCardRow { ticketId: number; chatId: string; messageId: number; agency: string; extrasSent: boolean; updatedAt: string }
/** A staff input a desk waits for (the shape of the Telegram adapter's DeskPrompt). */
export interface DeskPromptRow {
  chatId: string; messageId: number; ticketId: number; action: string; userId: string; photoPath: string | null; createdAt: string;
}
import type { Db } from './database.js';

export function createDeskCardRepo(db: Db) {
  type CardRow = { ticket_id: number; chat_id: string; message_id: number; agency: string; extras_sent: number; updated_at: string };
  type PromptRow = { chat_id: string; message_id: number; ticket_id: number; action: string; user_id: string; photo_path: string | null; created_at: string };
  const toCard = (r: CardRow): DeskCardRow => ({
    ticketId: r.ticket_id, chatId: r.chat_id, messageId: r.message_id, agency: r.agency, extrasSent: r.extras_sent === 1, updatedAt: r.updated_at,
  });
  const toPrompt = (r: PromptRow): DeskPromptRow => ({
    chatId: r.chat_id, messageId: r.message_id, ticketId: r.ticket_id, action: r.action, userId: r.user_id, photoPath: r.photo_path, createdAt: r.created_at,
  });
  const get = db.prepare<[number, string], CardRow>('SELECT * FROM desk_cards WHERE ticket_id = ? AND chat_id = ?');
  const forTicket = db.prepare<[number], CardRow>('SELECT * FROM desk_cards WHERE ticket_id = ? ORDER BY chat_id');
  const upsert = db.prepare(`INSERT INTO desk_cards (ticket_id, chat_id, message_id, agency, extras_sent, updated_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (ticket_id, chat_id) DO UPDATE SET message_id = excluded.message_id, agency = excluded.agency,
      extras_sent = excluded.extras_sent, updated_at = excluded.updated_at`);
  const del = db.prepare('DELETE FROM desk_cards WHERE ticket_id = ? AND chat_id = ?');
  const addThread = db.prepare('INSERT OR REPLACE INTO desk_messages (chat_id, message_id, ticket_id) VALUES (?, ?, ?)');
  const threadOf = db.prepare<[string, number], { ticket_id: number }>('SELECT ticket_id FROM desk_messages WHERE chat_id = ? AND message_id = ?');
  const addPrompt = db.prepare('INSERT OR REPLACE INTO desk_prompts (chat_id, message_id, ticket_id, action, user_id, photo_path, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const getPrompt = db.prepare<[string, number], PromptRow>('SELECT * FROM desk_prompts WHERE chat_id = ? AND message_id = ?');
  const setPhoto = db.prepare('UPDATE desk_prompts SET photo_path = ? WHERE chat_id = ? AND message_id = ?');
  const delPrompt = db.prepare('DELETE FROM desk_prompts WHERE chat_id = ? AND message_id = ?');
  const migrate = [
    db.prepare('UPDATE OR REPLACE desk_cards SET chat_id = ? WHERE chat_id = ?'),
    db.prepare('UPDATE OR REPLACE desk_messages SET chat_id = ? WHERE chat_id = ?'),
    db.prepare('UPDATE OR REPLACE desk_prompts SET chat_id = ? WHERE chat_id = ?'),
  ];
  return {
    get: (ticketId: number, chatId: string) => {
      const r = get.get(ticketId, chatId);
      return r ? toCard(r) : undefined;
    },
    forTicket: (ticketId: number) => forTicket.all(ticketId).map(toCard),
    save: (c: DeskCardRow) => {
      db.transaction(() => {
        upsert.run(c.ticketId, c.chatId, c.messageId, c.agency, c.extrasSent ? 1 : 0, c.updatedAt);
        addThread.run(c.chatId, c.messageId, c.ticketId);
      })();
    },
    remove: (ticketId: number, chatId: string) => void del.run(ticketId, chatId),
    addThreadMessage: (chatId: string, messageId: number, ticketId: number) => void addThread.run(chatId, messageId, ticketId),
    ticketOfMessage: (chatId: string, messageId: number) => threadOf.get(chatId, messageId)?.ticket_id,
    addPrompt: (p: DeskPromptRow) => void addPrompt.run(p.chatId, p.messageId, p.ticketId, p.action, p.userId, p.photoPath, p.createdAt),
    getPrompt: (chatId: string, messageId: number) => {
      const r = getPrompt.get(chatId, messageId);
      return r ? toPrompt(r) : undefined;
    },
    setPromptPhoto: (chatId: string, messageId: number, photoPath: string) => void setPhoto.run(photoPath, chatId, messageId),
    removePrompt: (chatId: string, messageId: number) => void delPrompt.run(chatId, messageId),
    migrateChat: (oldChatId: string, newChatId: string) => {
      db.transaction(() => {
        for (const s of migrate) s.run(newChatId, oldChatId);
      })();
    },
  };
}

export function createDeskLinkRepo(db: Db) {
  type Row = { chat_id: string; agency: string; linked_by: string | null; linked_at: string };
  const toLink = (r: Row): DeskLinkRow => ({ chatId: r.chat_id, agency: r.agency, linkedBy: r.linked_by, linkedAt: r.linked_at });
  const upsert = db.prepare(`INSERT INTO desk_links (chat_id, agency, linked_by, linked_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (chat_id) DO UPDATE SET agency = excluded.agency, linked_by = excluded.linked_by, linked_at = excluded.linked_at`);
  const del = db.prepare('DELETE FROM desk_links WHERE chat_id = ?');
  const byAgency = db.prepare<[string], Row>('SELECT * FROM desk_links WHERE agency = ? ORDER BY linked_at');
  const byChat = db.prepare<[string], Row>('SELECT * FROM desk_links WHERE chat_id = ?');
  const migrate = db.prepare('UPDATE desk_links SET chat_id = ? WHERE chat_id = ?');
  const list = db.prepare<[], Row>('SELECT * FROM desk_links ORDER BY agency');
  return {
    link: (l: DeskLinkRow) => void upsert.run(l.chatId, l.agency, l.linkedBy, l.linkedAt),
    unlink: (chatId: string) => del.run(chatId).changes === 1,
    byAgency: (agency: string) => byAgency.all(agency).map(toLink),
    byChat: (chatId: string) => {
      const r = byChat.get(chatId);
      return r ? toLink(r) : undefined;
    },
    migrateChat: (oldId: string, newId: string) => void migrate.run(newId, oldId),
    list: () => list.all().map(toLink),
  };
}
