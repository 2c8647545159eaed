import { describe, expect, it } from 'vitest';
import { at, BACKENDS, citizenOf, fileTicket, useStore } from './support.js';

describe.each(BACKENDS)('Telegram desk cards and links on $name', (backend) => {
  const t = useStore(backend);
  const twoTickets = async () => {
    const c = await citizenOf(t.store, 'budi');
    return [await fileTicket(t.store, c), await fileTicket(t.store, c)] as const;
  };

  it('saves a card per ticket and chat (replacing it), and its message joins the ticket\'s thread', async () => {
    const d = t.store.deskCards;
    const [tk] = await twoTickets();
    const card = { ticketId: tk.id, chatId: '-100', messageId: 10, agency: 'dlh', extrasSent: false, updatedAt: at(1) };
    await d.save(card);
    await d.save({ ...card, messageId: 11, extrasSent: true, updatedAt: at(2) });
    await d.save({ ...card, chatId: '-200', messageId: 5 });
    expect(await d.get(tk.id, '-100')).toEqual({ ...card, messageId: 11, extrasSent: true, updatedAt: at(2) });
    expect((await d.forTicket(tk.id)).map((c) => c.chatId)).toEqual(['-100', '-200']);
    expect(await d.ticketOfMessage('-100', 10)).toBe(tk.id);
    expect(await d.ticketOfMessage('-100', 11)).toBe(tk.id);
    expect(await d.ticketOfMessage('-100', 12)).toBeUndefined();
    await d.remove(tk.id, '-200');
    expect(await d.get(tk.id, '-200')).toBeUndefined();
  });

  it('a thread message can be moved to another ticket', async () => {
    const d = t.store.deskCards;
    const [a, b] = await twoTickets();
    await d.addThreadMessage('-100', 20, a.id);
    await d.addThreadMessage('-100', 20, b.id);
    expect(await d.ticketOfMessage('-100', 20)).toBe(b.id);
  });

  it('keeps a pending staff input, its photo, and replaces or removes it', async () => {
    const d = t.store.deskCards;
    const [a, b] = await twoTickets();
    const prompt = { chatId: '-100', messageId: 30, ticketId: a.id, action: 'selesaikan', userId: '42', photoPath: null, createdAt: at(1) };
    await d.addPrompt(prompt);
    await d.setPromptPhoto('-100', 30, 'media/bukti.jpg');
    expect(await d.getPrompt('-100', 30)).toEqual({ ...prompt, photoPath: 'media/bukti.jpg' });
    await d.addPrompt({ ...prompt, ticketId: b.id, action: 'tolak' });
    expect(await d.getPrompt('-100', 30)).toEqual({ ...prompt, ticketId: b.id, action: 'tolak' });
    await d.removePrompt('-100', 30);
    expect(await d.getPrompt('-100', 30)).toBeUndefined();
  });

  it('a group that became a supergroup takes its cards, threads and prompts along; its copies win over stale ones', async () => {
    const d = t.store.deskCards;
    const [a, b] = await twoTickets();
    await d.save({ ticketId: a.id, chatId: '-1', messageId: 1, agency: 'dlh', extrasSent: true, updatedAt: at(1) });
    await d.save({ ticketId: b.id, chatId: '-1', messageId: 2, agency: 'dlh', extrasSent: false, updatedAt: at(1) });
    // A stale card of ticket a already under the new id (an earlier, interrupted migration).
    await d.save({ ticketId: a.id, chatId: '-1009', messageId: 1, agency: 'old', extrasSent: false, updatedAt: at(0) });
    await d.addPrompt({ chatId: '-1', messageId: 3, ticketId: a.id, action: 'tolak', userId: '42', photoPath: null, createdAt: at(1) });
    await d.migrateChat('-1', '-1009');
    expect(await d.get(a.id, '-1009')).toMatchObject({ messageId: 1, agency: 'dlh', extrasSent: true });
    expect(await d.get(b.id, '-1009')).toMatchObject({ messageId: 2 });
    expect(await d.get(a.id, '-1')).toBeUndefined();
    expect(await d.ticketOfMessage('-1009', 2)).toBe(b.id);
    expect(await d.ticketOfMessage('-1', 2)).toBeUndefined();
    expect(await d.getPrompt('-1009', 3)).toMatchObject({ ticketId: a.id, action: 'tolak' });
    await d.migrateChat('-1009', '-1009');
    expect(await d.forTicket(a.id)).toHaveLength(1);
  });

  it('links desk chats to agencies, relinks, moves and unlinks them', async () => {
    const l = t.store.deskLinks;
    await l.link({ chatId: '-1', agency: 'dlh', linkedBy: '42', linkedAt: at(2) });
    await l.link({ chatId: '-2', agency: 'dlh', linkedBy: null, linkedAt: at(1) });
    await l.link({ chatId: '-3', agency: 'pupr', linkedBy: '42', linkedAt: at(3) });
    expect((await l.byAgency('dlh')).map((x) => x.chatId)).toEqual(['-2', '-1']);
    await l.link({ chatId: '-2', agency: 'bpbd', linkedBy: '7', linkedAt: at(4) });
    expect(await l.byChat('-2')).toEqual({ chatId: '-2', agency: 'bpbd', linkedBy: '7', linkedAt: at(4) });
    expect((await l.list()).map((x) => x.agency)).toEqual(['bpbd', 'dlh', 'pupr']);
    await l.migrateChat('-1', '-1001');
    expect(await l.byChat('-1')).toBeUndefined();
    expect((await l.byChat('-1001'))!.agency).toBe('dlh');
    expect(await l.unlink('-1001')).toBe(true);
    expect(await l.unlink('-1001')).toBe(false);
  });
});
