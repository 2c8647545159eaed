/**
 * What a Telegram desk shows: the ticket cards (posted once, then edited in
 * place), photos and the map pin under them, relayed citizen messages and
 * notices, in every desk chat of an agency. The outbox calls deliver(); the
 * staff side (desk.ts) reuses the chat lookups and showCard().
 */
import { existsSync } from 'node:fs';
import { InputFile, type Api } from 'grammy';
import type { ReplyParameters } from 'grammy/types';
import type { DeskPayload, SendResult } from '../../core/ports.js';
import { TransientSendError } from '../../core/ports.js';
import { redactForStaff } from '../../core/privacy/redact.js';
import type { Ticket } from '../../core/tickets/types.js';
import { isMessageGone, isNotModified, migratedTo, toSendError } from './api.js';
import { cardKeyboard, cardText, escapeHtml, maskName, toTelegramHtml } from './format.js';
import { CAPTION_MAX, fitHtml, TEXT_MAX, withPlainFallback } from './limits.js';
import type { DeskCard, DeskCardRepo, DeskLinkRepo, TelegramHost } from './ports.js';

const PHOTOS_UNDER_CARD = 5;

/** Reply parameters for a message under another one (still sent when that one was deleted). */
export const replyTo = (messageId: number | undefined): { reply_parameters?: ReplyParameters } =>
  messageId ? { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } } : {};

export interface DeskPostingDeps {
  app: TelegramHost;
  api: Api;
  cards: DeskCardRepo;
  links: DeskLinkRepo;
}

export function createDeskPosting(deps: DeskPostingDeps) {
  const { app, api, cards, links } = deps;
  const cfg = () => app.prompts.current();
  const log = app.logger;
  const now = () => app.clock.now().toISOString();
  let lastError: string | undefined;
  let delivered = 0;

  // ------------------------------------------------------------ desk chats

  /** Desk chats of one agency: prompts/agencies.yaml telegram_chats ∪ groups linked with /hubungkan. */
  async function chatsOf(agency: string): Promise<string[]> {
    const fromPrompts = cfg().agencies.find((a) => a.code === agency)?.telegram_chats ?? [];
    return [...new Set([...fromPrompts.map(String), ...(await links.byAgency(agency)).map((l) => l.chatId)])];
  }

  /** Chats that work an agency's tickets: its own desks, or the command centre's when it has none. */
  async function chatsServing(agency: string): Promise<string[]> {
    const own = await chatsOf(agency);
    return own.length ? own : await chatsOf(cfg().city.triage_agency);
  }

  async function agencyOfChat(chatId: string): Promise<string | undefined> {
    const link = await links.byChat(chatId);
    if (link) return link.agency;
    return cfg().agencies.find((a) => a.telegram_chats.map(String).includes(chatId))?.code;
  }

  function noDeskError(agency: string): Error {
    const triage = cfg().city.triage_agency;
    return new Error(`Agency ${agency} has no Telegram desk${agency !== triage ? ` and neither has the command centre (${triage})` : ''}: `
      + `add the bot to the agency's group and send "/hubungkan ${agency}" there as a user listed in TELEGRAM_ADMIN_IDS, `
      + `or put the group's chat id in prompts/agencies.yaml (agencies[].telegram_chats)`);
  }

  // ------------------------------------------------------- Telegram calls

  /** Runs a call against a desk chat; follows a group's upgrade to a supergroup once. */
  async function inChat<T>(chatId: string, fn: (chat: string) => Promise<T>): Promise<{ chat: string; result: T }> {
    try {
      return { chat: chatId, result: await fn(chatId) };
    } catch (err) {
      const moved = migratedTo(err);
      if (moved === undefined) throw err;
      await migrateChat(chatId, String(moved));
      return { chat: String(moved), result: await fn(String(moved)) };
    }
  }

  async function migrateChat(oldId: string, newId: string): Promise<void> {
    if (oldId === newId) return;
    await app.store.transaction(async () => {
      await links.migrateChat(oldId, newId);
      await cards.migrateChat(oldId, newId);
      const configured = cfg().agencies.find((a) => a.telegram_chats.map(String).includes(oldId));
      if (configured && !(await links.byChat(newId))) {
        await links.link({ agency: configured.code, chatId: newId, linkedBy: 'supergroup-migration', linkedAt: now() });
      }
      if (configured) {
        log.warn({ agency: configured.code, oldChatId: oldId, newChatId: newId },
          `telegram: the ${configured.code} desk group became a supergroup; linked the new id. Replace ${oldId} with ${newId} in prompts/agencies.yaml telegram_chats`);
      }
    });
    log.info({ oldChatId: oldId, newChatId: newId }, 'telegram: desk group upgraded to a supergroup; cards and links moved');
  }

  const plainFallbackLog = (what: string) => (err: unknown) =>
    log.warn({ err, what }, 'telegram: the HTML was refused ("can\'t parse entities"); sent the same words as plain text');

  // ----------------------------------------------------------------- cards

  async function facts(t: Ticket, movedTo?: string) {
    const citizen = await app.store.citizens.get(t.citizenId);
    const events = await app.store.tickets.events(t.id);
    const last = [...events].reverse().find((e) => (e.action === 'selesaikan' || e.action === 'tolak') && e.note);
    return {
      ticket: t, config: cfg(), reporterName: citizen?.displayName ?? null,
      photos: (await app.store.tickets.media(t.id)).length, supporters: (await app.store.tickets.supporters(t.id)).length,
      ...(movedTo ? { movedTo } : {}), lastNote: last?.note ?? null,
    };
  }

  async function postCard(chatId: string, t: Ticket): Promise<number> {
    const { chat, result } = await inChat(chatId, async (c) => withPlainFallback(cardText(await facts(t)), (text, mode) => api.sendMessage(c, text, {
      ...(mode ? { parse_mode: mode } : {}), reply_markup: cardKeyboard(t), link_preview_options: { is_disabled: true },
    }), plainFallbackLog(t.number)));
    const card: DeskCard = { ticketId: t.id, chatId: chat, messageId: result.message_id, agency: t.agency, extrasSent: false, updatedAt: now() };
    await cards.save(card);
    await sendExtras(card, t);
    return result.message_id;
  }

  /** Citizen photos and the map pin, posted under the card once. */
  async function sendExtras(card: DeskCard, t: Ticket): Promise<void> {
    const photos = (await app.store.tickets.media(t.id)).filter((m) => m.source === 'citizen' && existsSync(m.path)).slice(0, PHOTOS_UNDER_CARD);
    for (const [i, p] of photos.entries()) {
      const m = await api.sendPhoto(card.chatId, new InputFile(p.path), {
        caption: `${t.number} · foto ${i + 1}/${photos.length}`, ...replyTo(card.messageId),
      });
      await cards.addThreadMessage(card.chatId, m.message_id, t.id);
    }
    if (t.latitude !== null && t.longitude !== null) {
      const m = await api.sendLocation(card.chatId, t.latitude, t.longitude, replyTo(card.messageId));
      await cards.addThreadMessage(card.chatId, m.message_id, t.id);
    }
    await cards.save({ ...card, extrasSent: true, updatedAt: now() });
  }

  async function editCard(card: DeskCard, t: Ticket, movedTo: string | undefined): Promise<number> {
    const text = cardText(await facts(t, movedTo));
    try {
      await inChat(card.chatId, (c) => withPlainFallback(text, (body, mode) => api.editMessageText(c, card.messageId, body, {
        ...(mode ? { parse_mode: mode } : {}), reply_markup: movedTo ? { inline_keyboard: [] } : cardKeyboard(t), link_preview_options: { is_disabled: true },
      }), plainFallbackLog(t.number)));
    } catch (err) {
      if (isNotModified(err)) {
        // Nothing changed on the card (e.g. a second desk's refresh): fine.
      } else if (isMessageGone(err)) {
        await cards.remove(t.id, card.chatId);
        if (movedTo) return card.messageId;
        log.info({ ticket: t.number, chatId: card.chatId }, 'telegram: card message is gone (deleted?); posting it again');
        return postCard(card.chatId, t);
      } else {
        throw err;
      }
    }
    const current = (await cards.get(t.id, card.chatId)) ?? card;
    if (!movedTo && !current.extrasSent) await sendExtras(current, t);
    return card.messageId;
  }

  /** Shows the ticket in one chat: full card where the chat works the ticket, "dialihkan" where it no longer does. */
  async function showCard(chatId: string, t: Ticket): Promise<number | undefined> {
    const serves = (await chatsServing(t.agency)).includes(chatId);
    const existing = await cards.get(t.id, chatId);
    if (!serves) {
      return existing ? editCard(existing, t, t.agency) : undefined;
    }
    return existing ? editCard(existing, t, undefined) : postCard(chatId, t);
  }

  async function relayCitizen(chatId: string, t: Ticket, text: string | undefined, photoPath: string | undefined): Promise<number> {
    const citizen = await app.store.citizens.get(t.citizenId);
    const header = `💬 Pesan warga (${escapeHtml(maskName(citizen?.displayName))}) untuk <b>${escapeHtml(t.number)}</b>:`;
    const body = text ? `\n${escapeHtml(redactForStaff(text))}` : '';
    const card = await cards.get(t.id, chatId);
    const opts = replyTo(card?.messageId);
    const hint = '\n<i>Balas pesan ini untuk menjawab warga.</i>';
    const log = plainFallbackLog(t.number);
    const { chat, result } = photoPath && existsSync(photoPath)
      ? await inChat(chatId, (c) => withPlainFallback(fitHtml(`${header}${body}`, CAPTION_MAX), (caption, mode) =>
        api.sendPhoto(c, new InputFile(photoPath), { caption, ...(mode ? { parse_mode: mode } : {}), ...opts }), log))
      : await inChat(chatId, (c) => withPlainFallback(`${fitHtml(`${header}${body}`, TEXT_MAX - hint.length)}${hint}`, (html, mode) =>
        api.sendMessage(c, html, { ...(mode ? { parse_mode: mode } : {}), ...opts }), log));
    await cards.addThreadMessage(chat, result.message_id, t.id);
    return result.message_id;
  }

  async function notice(chatId: string, text: string, ticketId: number | undefined): Promise<number> {
    const card = ticketId ? await cards.get(ticketId, chatId) : undefined;
    const { chat, result } = await inChat(chatId, (c) => withPlainFallback(fitHtml(toTelegramHtml(text), TEXT_MAX), (html, mode) =>
      api.sendMessage(c, html, { ...(mode ? { parse_mode: mode } : {}), ...replyTo(card?.messageId) }), plainFallbackLog(ticketId ? `ticket ${ticketId}` : 'notice')));
    if (ticketId) await cards.addThreadMessage(chat, result.message_id, ticketId);
    return result.message_id;
  }

  /**
   * Delivers to every desk chat of the agency. One chat failing for good
   * (bot removed) does not stop the others; a transient failure anywhere is
   * retried by the outbox (cards are edited in place, so a retry never duplicates them).
   */
  async function deliver(agency: string, payload: DeskPayload): Promise<SendResult> {
    let chats = await chatsOf(agency);
    if (chats.length === 0) chats = (await chatsOf(cfg().city.triage_agency));
    if (chats.length === 0) throw noDeskError(agency);
    const ticket = payload.type === 'notice' ? (payload.ticketId ? await app.store.tickets.get(payload.ticketId) : undefined) : await app.store.tickets.get(payload.ticketId);
    if (payload.type !== 'notice' && !ticket) throw new Error(`Desk payload ${payload.type} refers to ticket ${payload.ticketId}, which does not exist`);

    const ids: number[] = [];
    const failures: { chat: string; err: Error }[] = [];
    for (const chat of chats) {
      try {
        let id: number | undefined;
        if (payload.type === 'card') id = await showCard(chat, ticket!);
        else if (payload.type === 'citizen_reply') id = await relayCitizen(chat, ticket!, payload.text, payload.photoPath);
        else id = await notice(chat, payload.text, payload.ticketId);
        if (id !== undefined) ids.push(id);
      } catch (err) {
        failures.push({ chat, err: toSendError(err, `${payload.type} for ${agency} in chat ${chat}`) });
      }
    }
    const transient = failures.find((f) => f.err instanceof TransientSendError);
    if (transient) {
      lastError = transient.err.message;
      throw transient.err;
    }
    if (failures.length && failures.length === chats.length) {
      lastError = failures[0]!.err.message;
      throw failures[0]!.err;
    }
    for (const f of failures) log.warn({ agency, chatId: f.chat, err: f.err.message }, 'telegram: one desk chat refused a message; the others got it');
    delivered++;
    lastError = undefined;
    return ids.length ? { externalId: String(ids[0]) } : {};
  }

  return {
    chatsOf, chatsServing, agencyOfChat, migrateChat, facts, showCard, deliver,
    /** Deliveries that reached at least one desk chat, and why the last one failed (health). */
    status: () => ({ delivered, ...(lastError ? { lastError } : {}) }),
  };
}
