/**
 * SQLite implementation of DeskCardRepo (migration 002): ticket cards shown
 * in Telegram desk chats, the messages of each ticket's thread, and pending
 * staff inputs.
 */
import type { DeskCard, DeskCardRepo, DeskPrompt } from '../core/ports.js';
import type { Db } from './database.js';

export function createDeskCardRepo(db: Db): DeskCardRepo {
  type CardRow = { ticket_id: number; chat_id: string; message_id: number; agency: string; extras_sent: number; updated_at: string };
  type PromptRow = { chat_id: string; message_id: number; ticket_id: number; action: string; user_id: string; photo_path: string | null; created_at: string };
  const toCard = (r: CardRow): DeskCard => ({
    ticketId: r.ticket_id, chatId: r.chat_id, messageId: r.message_id, agency: r.agency, extrasSent: r.extras_sent === 1, updatedAt: r.updated_at,
  });
  const toPrompt = (r: PromptRow): DeskPrompt => ({
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
    get: (ticketId, chatId) => {
      const r = get.get(ticketId, chatId);
      return r ? toCard(r) : undefined;
    },
    forTicket: (ticketId) => forTicket.all(ticketId).map(toCard),
    save: (c) => {
      db.transaction(() => {
        upsert.run(c.ticketId, c.chatId, c.messageId, c.agency, c.extrasSent ? 1 : 0, c.updatedAt);
        addThread.run(c.chatId, c.messageId, c.ticketId);
      })();
    },
    remove: (ticketId, chatId) => void del.run(ticketId, chatId),
    addThreadMessage: (chatId, messageId, ticketId) => void addThread.run(chatId, messageId, ticketId),
    ticketOfMessage: (chatId, messageId) => threadOf.get(chatId, messageId)?.ticket_id,
    addPrompt: (p) => void addPrompt.run(p.chatId, p.messageId, p.ticketId, p.action, p.userId, p.photoPath, p.createdAt),
    getPrompt: (chatId, messageId) => {
      const r = getPrompt.get(chatId, messageId);
      return r ? toPrompt(r) : undefined;
    },
    setPromptPhoto: (chatId, messageId, photoPath) => void setPhoto.run(photoPath, chatId, messageId),
    removePrompt: (chatId, messageId) => void delPrompt.run(chatId, messageId),
    migrateChat: (oldChatId, newChatId) => {
      db.transaction(() => {
        for (const s of migrate) s.run(newChatId, oldChatId);
      })();
    },
  };
}
